//! `statements`: check financial statement filings against their declared layouts.
//!
//! ```text
//! statements check [OPTIONS] [FILE|DIR|-]...
//! ```
//!
//! The command line is [`statement_core::cli`] applied to the Kingsoft Cloud layouts; with no
//! FILE, the two bundled Kingsoft Cloud filings are checked. `statements --help` lists the
//! options and the exit status.

fn main() -> std::process::ExitCode {
    statement_core::cli::main::<statement_core::kingsoft::Kingsoft>()
}
