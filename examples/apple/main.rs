//! Apple's layouts, checked against its SEC filings (inline XBRL HTML): the statements of
//! operations, comprehensive income, balance sheets and cash flows of the quarterly report on
//! Form 10-Q and of the annual report on Form 10-K, US$ in millions.
//!
//! ```sh
//! cargo run --release --example apple -- check statement-core/tests/data/others/apple-2024-q3-form-10-q.html
//! ```
//!
//! The layouts are declared in `layouts.rs` with the public derives only, as a user's crate would;
//! the command line is the library's (`statement_core::cli`): every format, `--strict`,
//! directories and standard input, as `statements check` has them.

mod layouts;

fn main() -> std::process::ExitCode {
    statement_core::cli::main::<layouts::Apple>()
}
