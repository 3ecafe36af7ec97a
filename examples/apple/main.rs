//! Apple's layouts, checked against its SEC filings (inline XBRL HTML): the statements of
//! operations, comprehensive income, balance sheets and cash flows of the quarterly report on
//! Form 10-Q and of the annual report on Form 10-K, US$ in millions.
//!
//! ```sh
//! cargo run --release --example apple -- check statement-core/tests/data/apple-2024-q3-form-10-q.html
//! ```
//!
//! The layouts are declared in `layouts.rs` with the public derive only, as a user's crate would.

mod layouts;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    check_files::<layouts::Apple>()
}

/// `check FILE...`: each file read, bound, checked and explained with the layouts of `S`, the
/// human report printed. Exit status 0 when every file was checked, 2 for an unreadable file or
/// bad usage. (The command line of `statement_core::cli`, once available, replaces this.)
fn check_files<S: statement_core::LayoutSet>() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = match args.split_first() {
        Some((command, files)) if command == "check" && !files.is_empty() => files,
        _ => {
            eprintln!(
                "usage: check FILE...\n\nChecks each filing against the {} layouts.",
                S::NAME
            );
            return ExitCode::from(2);
        }
    };
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                return ExitCode::from(2);
            }
        };
        match statement_core::pipeline::check_and_explain::<S>(file, &bytes) {
            Ok((report, why)) => {
                let text = statement_core::report::human(&report, &why) + "\n";
                // A reader that stops early (`| head`) is not an error.
                if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                    eprintln!("cannot write the report: {e}");
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
