//! `statements`: check financial statement filings against their declared layouts.
//!
//! ```text
//! statements check [--format human|json] [--strict] [FILE...]
//! ```
//!
//! With no FILE, the two bundled Kingsoft Cloud filings are checked. Exit status: 0 when every
//! file was read and checked (failed checks included), 1 under `--strict` when a check failed,
//! 2 for an unreadable file or bad usage.

use std::io::Write;
use std::process::ExitCode;

use statement_core::{check::FilingReport, explain, kingsoft, report};

const USAGE: &str = "\
usage: statements check [--format human|json] [--strict] [FILE...]

Checks that each filing's tables add up: subtotals, ties between statements, six months against
two quarters, US$ against RMB at the stated rate, margins and per-share figures. With no FILE,
checks the two bundled Kingsoft Cloud filings.

options:
  --format human|json  report format (default: human)
  --strict             exit 1 when any check failed
  -h, --help           print this help
";

#[derive(Debug, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(Debug)]
struct Args {
    format: Format,
    strict: bool,
    files: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    // `--format=json` is `--format json`.
    let args: Vec<String> = args
        .iter()
        .flat_map(|a| match a.strip_prefix("--format=") {
            Some(v) => vec!["--format".to_string(), v.to_string()],
            None => vec![a.clone()],
        })
        .collect();
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        Some("-h" | "--help") => return Ok(None),
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("missing command".to_string()),
    }
    let mut out = Args {
        format: Format::Human,
        strict: false,
        files: Vec::new(),
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--strict" => out.strict = true,
            "--format" => match it.next().map(String::as_str) {
                Some("human") => out.format = Format::Human,
                Some("json") => out.format = Format::Json,
                Some(f) => return Err(format!("unknown format `{f}` (expected human or json)")),
                None => return Err("--format needs a value (human or json)".to_string()),
            },
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`")),
            f => out.files.push(f.to_string()),
        }
    }
    Ok(Some(out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("statements: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let inputs: Vec<(String, Vec<u8>)> = if args.files.is_empty() {
        kingsoft::BUNDLED
            .iter()
            .map(|b| (b.name.to_string(), b.text.as_bytes().to_vec()))
            .collect()
    } else {
        let mut v = Vec::new();
        for f in &args.files {
            match std::fs::read(f) {
                Ok(bytes) => v.push((f.clone(), bytes)),
                Err(e) => {
                    eprintln!("statements: {f}: cannot read: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        v
    };
    let mut reports: Vec<(FilingReport, Vec<explain::Explanation>)> = Vec::new();
    for (name, bytes) in &inputs {
        match kingsoft::check_and_explain(name, bytes) {
            Ok(r) => reports.push(r),
            Err(e) => {
                eprintln!("statements: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let text = match args.format {
        Format::Json => match serde_json::to_string_pretty(&report::document(&reports)) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("statements: cannot write the report: {e}");
                return ExitCode::from(2);
            }
        },
        Format::Human => reports.iter().map(|(r, e)| report::human(r, e) + "\n").collect(),
    };
    // A reader that stops early (`| head`) is not an error.
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("statements: cannot write the report: {e}");
        return ExitCode::from(2);
    }
    let failed = reports.iter().any(|(r, _)| r.failures().next().is_some());
    if args.strict && failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_check_with_options() {
        let a = parse_args(&args(&["check", "--format", "json", "--strict", "a.txt"]))
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.format, a.strict, a.files),
            (Format::Json, true, vec!["a.txt".to_string()])
        );
    }

    #[test]
    fn rejects_unknown_format() {
        assert_eq!(
            parse_args(&args(&["check", "--format", "xml"])).unwrap_err(),
            "unknown format `xml` (expected human or json)"
        );
    }

    #[test]
    fn rejects_unknown_command() {
        assert_eq!(
            parse_args(&args(&["verify"])).unwrap_err(),
            "unknown command `verify`"
        );
    }
}
