//! PDD Holdings' layouts, checked against its filings: the quarterly earnings release (balance
//! sheet, income statement, earnings per share and ADS, revenues and share-based compensation
//! notes, cash flows, non-GAAP reconciliation), RMB in millions with a US$ convenience column at
//! the rate the release states.
//!
//! ```sh
//! cargo run --release --example pdd -- check statement-core/tests/data/others/pdd-holdings-2026-q1-press-release.txt
//! ```
//!
//! The layouts are declared in `layouts.rs` with the public derives only, as a user's crate would;
//! the command line is the library's (`statement_core::cli`): every format, `--strict`,
//! directories and standard input, as `statements check` has them.

mod layouts;

fn main() -> std::process::ExitCode {
    statement_core::cli::main::<layouts::Pdd>()
}
