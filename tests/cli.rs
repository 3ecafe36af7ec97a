//! The command line, run as a user runs it: the `statements` binary, and `statement_core::cli`
//! for a layout set declared here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn statements(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statements"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn statements_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statements"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn bundled(name: &str) -> String {
    format!("{}/statement-core/filings/{name}", env!("CARGO_MANIFEST_DIR"))
}

const Q2_2025: &str = "kingsoft-cloud-2025-q2-press-release.txt";
const H1_2023: &str = "kingsoft-cloud-2023-interim-announcement.txt";

/// A fresh directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("statements-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- exit status 0 ----------------------------------------------------------------------------

#[test]
fn check_without_arguments_reports_both_bundled_filings_tersely() {
    let o = statements(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let q2 = out
        .find("filings/kingsoft-cloud-2025-q2-press-release.txt\n")
        .expect("the Q2 2025 release");
    let h1 = out
        .find("filings/kingsoft-cloud-2023-interim-announcement.txt\n")
        .expect("the H1 2023 announcement");
    assert!(q2 < h1, "in the bundled order");
    assert!(
        out.contains(
            "  544 checks: 358 exact, 32 within rounding, 10 failed, 144 unreadable (damaged terms)"
        )
    );
    assert!(
        out.contains("  631 checks: 574 exact, 26 within rounding, 9 failed, 22 unreadable (damaged terms)")
    );
    // The published error of the 2023 announcement is explained, with its line and the value
    // that repairs it.
    assert!(
        out.contains(
            "* line 50 `Impairment of long-lived assets` [6M to Jun 30, 2023 US$] is printed 8,031 where the other figures give 25,531"
        ),
        "{out}"
    );
    // Terse: no unbound numbers, no reader damage, no colour when piped.
    assert!(!out.contains("Unbound numbers"), "{out}");
    assert!(!out.contains("Reader damage"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape sequence when piped");
}

#[test]
fn colour_when_forced_never_with_no_color() {
    let run = |env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_statements"));
        c.args(["check", &bundled(H1_2023)]).env_remove("NO_COLOR");
        for (k, v) in env {
            c.env(k, v);
        }
        stdout(&c.output().unwrap())
    };
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[1m"), "bold file name: {forced}");
    assert!(forced.contains("9 failed\u{1b}[0m"), "{forced}");
    let no_color = run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains('\u{1b}'), "{no_color}");
}

#[test]
fn verbose_adds_unbound_numbers_and_reader_damage() {
    let o = statements(&["check", "--verbose", &bundled(H1_2023)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\n  Unbound numbers (35), by line:\n"), "{out}");
    assert!(out.contains("\n  Reader damage ("), "{out}");
    assert!(out.contains("not_a_number: `(5.620)` is not a number"), "{out}");
}

#[test]
fn version_and_help() {
    let o = statements(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("statements {}\n", env!("CARGO_PKG_VERSION")));
    let o = statements(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(
        help.contains("Usage: statements check [OPTIONS] [FILE|DIR|-]..."),
        "{help}"
    );
    for line in [
        "  0  every file was read and checked (failed checks included, unless --strict)",
        "  1  --strict: a check failed",
        "  2  bad usage, or a file could not be read (the others are still checked and reported)",
        "  3  --strict: a file in which no table was recognised (no statement bound)",
    ] {
        assert!(help.contains(line), "{line} in\n{help}");
    }
    for option in ["--format", "--output", "--strict", "--quiet", "--verbose"] {
        assert!(help.contains(option), "{option}");
    }
}

// ---- exit status 1 ----------------------------------------------------------------------------

#[test]
fn strict_exits_1_when_a_check_failed() {
    let o = statements(&["check", "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The report is written all the same.
    assert!(stdout(&o).contains("Failed checks (10):"));
}

// ---- exit status 2 ----------------------------------------------------------------------------

#[test]
fn missing_file_exits_2_with_a_message() {
    let o = statements(&["check", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("statements: no/such/file.txt: cannot read:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_good_file_beside_a_missing_one_is_checked_and_reported() {
    let o = statements(&[
        "check",
        "missing-before.txt",
        &bundled(H1_2023),
        "missing-after.txt",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("631 checks: 574 exact"), "{out}");
    assert!(out.contains("is printed 8,031 where the other figures give 25,531"));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("statements: missing-before.txt: cannot read:"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("statements: missing-after.txt: cannot read:"),
        "{err}"
    );
    // As JSON Lines: one line per input in order, the missing files as errors.
    let o = statements(&[
        "check",
        "--format",
        "jsonl",
        "missing-before.txt",
        &bundled(H1_2023),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], "missing-before.txt");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("missing-before.txt: cannot read:")
    );
    assert_eq!(lines[1]["checks"]["failed"], 9);
    // As one JSON document: the filings, then the errors.
    let o = statements(&["check", "--format", "json", &bundled(H1_2023), "missing.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(v["filings"].as_array().unwrap().len(), 1);
    assert_eq!(v["errors"][0]["source"], "missing.txt");
}

#[test]
fn non_utf8_file_exits_2_with_its_location() {
    let dir = scratch("non-utf8");
    let path = dir.join("bad.txt");
    std::fs::write(&path, b"Revenues\t1,234\nTotal\t\xff\xfe\n").unwrap();
    let o = statements(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt:2:7: not UTF-8: byte 0xFF does not start a valid character"),
        "{err}"
    );
}

#[test]
fn bad_usage_exits_2() {
    let o = statements(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        stderr(&o)
    );
    let o = statements(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Usage: statements <COMMAND>"),
        "{}",
        stderr(&o)
    );
    let o = statements(&["verify"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unrecognized subcommand 'verify'"),
        "{}",
        stderr(&o)
    );
    let o = statements(&["check", "--quiet", "--verbose"]);
    assert_eq!(o.status.code(), Some(2));
}

// ---- exit status 3 ----------------------------------------------------------------------------

#[test]
fn strict_exits_3_when_no_table_was_recognised() {
    let dir = scratch("nothing-recognised");
    let path = dir.join("letter.txt");
    std::fs::write(
        &path,
        "Dear shareholders,\n\nRevenues grew by 12% to 1,234 this year.\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    // Without --strict, it is read and checked: 0.
    let o = statements(&["check", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 tables read, 0 recognised; 0 statements bound"));
    let o = statements(&["check", "--strict", p]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        "statements: 1 file in which no table was recognised by the Kingsoft Cloud layouts (--strict)\n"
    );
    // 3 comes before 1: with a filing whose checks fail beside it.
    let o = statements(&["check", "--strict", p, &bundled(H1_2023)]);
    assert_eq!(o.status.code(), Some(3));
}

// ---- standard input, directories, output, quiet -----------------------------------------------

#[test]
fn dash_reads_standard_input() {
    let text = std::fs::read(bundled(H1_2023)).unwrap();
    let o = statements_with_stdin(&["check", "-"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("<stdin>\n  19 tables read, 19 recognised; 53 statements bound"),
        "{out}"
    );
    assert!(out.contains("is printed 8,031 where the other figures give 25,531"));
    // Beside a file, in the order given.
    let o = statements_with_stdin(&["check", "--format", "jsonl", &bundled(Q2_2025), "-"], &text);
    let sources: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].to_string())
        .collect();
    assert_eq!(sources.len(), 2);
    assert!(sources[0].ends_with("kingsoft-cloud-2025-q2-press-release.txt\""));
    assert_eq!(sources[1], "\"<stdin>\"");
}

#[test]
fn a_directory_is_walked_in_sorted_order() {
    let dir = scratch("directory");
    std::fs::create_dir_all(dir.join("b-later")).unwrap();
    std::fs::copy(bundled(H1_2023), dir.join("b-later/2023.txt")).unwrap();
    std::fs::copy(bundled(Q2_2025), dir.join("a-first.txt")).unwrap();
    std::fs::copy(bundled(Q2_2025), dir.join("c-last.txt")).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "skipped").unwrap();
    let o = statements(&["check", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<String> = lines
        .iter()
        .map(|l| {
            let s = l["source"].as_str().unwrap();
            Path::new(s)
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a-first.txt", "b-later/2023.txt", "c-last.txt"]);
    let failed: Vec<u64> = lines
        .iter()
        .map(|l| l["checks"]["failed"].as_u64().unwrap())
        .collect();
    assert_eq!(failed, [10, 9, 10]);
}

#[test]
fn many_filings_stream_in_input_order() {
    // 40 filings (the two bundled ones alternating) through the parallel pipeline: one JSON
    // line each, in the order given, each with its own filing's counts.
    let dir = scratch("many");
    let mut args = vec!["check".to_string(), "--format".into(), "jsonl".into()];
    for i in 0..40 {
        let (src, name) = if i % 2 == 0 {
            (Q2_2025, "q2")
        } else {
            (H1_2023, "h1")
        };
        let p = dir.join(format!("{i:02}-{name}.txt"));
        std::fs::copy(bundled(src), &p).unwrap();
        args.push(p.to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = statements(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 40);
    for (i, l) in lines.iter().enumerate() {
        let source = l["source"].as_str().unwrap();
        assert!(source.ends_with(&format!("{i:02}-{}.txt", if i % 2 == 0 { "q2" } else { "h1" })));
        let exact = if i % 2 == 0 { 358 } else { 574 };
        assert_eq!(l["checks"]["exact"], exact, "{source}");
    }
}

#[test]
fn output_goes_to_a_file_and_quiet_writes_nothing() {
    let dir = scratch("output");
    let out = dir.join("report.csv");
    let o = statements(&["check", "--quiet", "--format", "csv", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 1 + 544 + 631);
    let o = statements(&["check", "--quiet", "--strict"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), ""));
    let o = statements(&["check", "-o", "/no/such/dir/report.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("statements: /no/such/dir/report.txt: cannot write the report:"));
}

// ---- formats ----------------------------------------------------------------------------------

#[test]
fn csv_has_one_row_per_check() {
    let o = statements(&["check", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "filing",
            "id",
            "kind",
            "statement",
            "column",
            "group",
            "verdict",
            "reported",
            "expected",
            "difference",
            "tolerance",
            "lines",
            "cells"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 544 checks in the Q2 2025 release, 631 in the H1 2023 announcement.
    assert_eq!(rows.len(), 544 + 631);
    let q2 = rows.iter().filter(|r| r[0].ends_with(Q2_2025)).count();
    assert_eq!(q2, 544);
    let count = |v: &str| rows.iter().filter(|r| &r[6] == v).count();
    assert_eq!(
        (
            count("exact"),
            count("within_rounding"),
            count("failed"),
            count("unreadable")
        ),
        (358 + 574, 32 + 26, 10 + 9, 144 + 22)
    );
    // The published error of the 2023 announcement, with every field.
    let r = rows
        .iter()
        .find(|r| &r[1] == "currency:adjusted_ebitda.impairment" && r[0].ends_with(H1_2023))
        .expect("the impairment row");
    assert_eq!(&r[2], "currency");
    assert_eq!(&r[3], "adjusted_ebitda");
    assert_eq!(&r[4], "6M to Jun 30, 2023 US$");
    assert_eq!(
        (&r[6], &r[7], &r[8], &r[9], &r[10]),
        ("failed", "8031", "25531.284", "-17500.284", "2.569")
    );
    assert_eq!(&r[11], "50 50");
    assert_eq!(
        &r[12],
        "line 50: Impairment of long-lived assets [6M to Jun 30, 2023 US$] = 8031 | \
         line 50: Impairment of long-lived assets [6M to Jun 30, 2023 RMB] = 185135"
    );
}

#[test]
fn jsonl_has_one_object_per_filing_with_the_json_fields() {
    let o = statements(&["check", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    let doc = statements(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&doc)).unwrap();
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        // The same object as in the JSON document.
        assert_eq!(v, doc["filings"][i]);
    }
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        first["checks"],
        serde_json::json!({"exact": 358, "within_rounding": 32, "failed": 10, "unreadable": 144})
    );
}

#[test]
fn json_document_has_the_documented_shape() {
    let o = statements(&["check", "--format", "json", &bundled(H1_2023)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["filings"],
        "no errors key when every file was read"
    );
    let f = &v["filings"][0];
    // Every field it had before the command line moved to clap (fields are added, never
    // renamed).
    for key in [
        "checks",
        "explanations",
        "findings",
        "source",
        "statements",
        "tables",
        "unbound_cells",
    ] {
        assert!(f.get(key).is_some(), "{key}");
    }
    assert!(f["source"].as_str().unwrap().ends_with(H1_2023));
    for key in ["exact", "within_rounding", "failed", "unreadable"] {
        assert!(f["checks"][key].is_u64(), "checks.{key}");
    }
    let impairment = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["check"] == "currency:adjusted_ebitda.impairment")
        .expect("the impairment finding");
    assert_eq!(impairment["kind"], "currency");
    assert_eq!(impairment["reported"], "8031");
    let cells = impairment["cells"].as_array().unwrap();
    assert!(
        cells.iter().any(|c| c["line"] == 50 && c["value"] == "8031"),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c["line"] == 50 && c["value"] == "185135"),
        "{cells:?}"
    );
    // Reader damage is a `parse` finding at its line, with its table and row.
    let nan = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["check"] == "parse:not_a_number" && x["reported"] == "(5.620)")
        .expect("the not-a-number cell of line 442");
    assert_eq!(nan["kind"], "parse");
    assert_eq!(nan["cells"][0]["line"], 442);
    assert_eq!(
        nan["cells"][0]["label"],
        "Gain on disposal of property and equipment"
    );
    assert_eq!(
        nan["statement"],
        "The following table presents the Group's other income, net:"
    );
    // The explanations: the impairment cell as the one root cause of eight failed checks (four
    // in the tables, four prose translations restating the US$ figures it carries).
    let e = &f["explanations"][0];
    assert_eq!(e["ambiguous"], false);
    assert_eq!(e["suspects"][0]["line"], 50);
    assert_eq!(e["suspects"][0]["suggested"], "25531");
    assert_eq!(e["checks"].as_array().unwrap().len(), 8);
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statements"))
        .args(["check", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The JSON document is larger than a pipe's buffer: closing the pipe makes the write fail.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

// ---- a layout set declared outside statement-core ---------------------------------------------

mod mine {
    use statement_core::check::FilingRules;
    use statement_core::read::Filing;
    use statement_core::{LayoutSet, Shares, Statement};

    /// Employees by function, as the H1 2023 announcement prints them.
    #[derive(Statement)]
    #[statement(title = "EMPLOYEES")]
    pub struct Employees {
        #[line(label = "Research and development")]
        research_and_development: Shares,
        #[line(label = "Sales and marketing")]
        sales_and_marketing: Shares,
        #[line(label = "General and administrative")]
        general_and_administrative: Shares,
        #[line(label = "Solution development and services")]
        solution_development: Shares,
        #[line(
            label = "Total",
            total = research_and_development + sales_and_marketing + general_and_administrative
                + solution_development
        )]
        total: Shares,
    }

    /// The filing: one statement, whose percentage column is each line's share of the total.
    #[derive(statement_core::Filing)]
    #[filing(share_of_total(headcount.total))]
    pub struct HeadcountFiling {
        pub headcount: Employees,
    }

    /// A layout set of one layout, with one bundled filing.
    pub struct Headcount;

    impl LayoutSet for Headcount {
        const NAME: &'static str = "Headcount";

        fn rules(filing: &Filing) -> FilingRules {
            <HeadcountFiling as statement_core::Filing>::rules(filing)
        }

        fn bundled() -> Vec<(String, Vec<u8>)> {
            let text = statement_core::kingsoft::H1_2023.text;
            vec![("bundled/h1-2023.txt".to_string(), text.as_bytes().to_vec())]
        }
    }
}

fn run_mine(args: &[&str], stdin: &[u8]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = statement_core::cli::run::<mine::Headcount>(args, &mut &stdin[..], &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_layout_set_of_ones_own_gets_the_whole_command_line() {
    // Its bundled filing: the employees table bound in two columns (headcount, share of total).
    let (code, out, err) = run_mine(&["headcount", "check", "--strict"], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "bundled/h1-2023.txt\n  19 tables read, 1 recognised; 2 statements bound; 496 numbers unbound\n  \
         7 checks: 6 exact, 1 within rounding, 0 failed, 0 unreadable (damaged terms)\n\n"
    );
    // Its checks, as CSV, named by its own layout key.
    let (code, out, _) = run_mine(&["headcount", "check", "--format", "csv"], b"");
    assert_eq!(code, 0);
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(ids.len(), 7);
    assert!(ids.iter().all(|id| id.contains("headcount")), "{ids:?}");
    // Standard input, and its own name and layout set in the messages.
    let q2 = std::fs::read(bundled(Q2_2025)).unwrap();
    let (code, out, err) = run_mine(&["headcount", "check", "--strict", "-"], &q2);
    assert_eq!(code, 3);
    assert!(
        out.starts_with("<stdin>\n  8 tables read, 0 recognised; 0 statements bound"),
        "{out}"
    );
    assert_eq!(
        err,
        "headcount: 1 file in which no table was recognised by the Headcount layouts (--strict)\n"
    );
    let (code, out, _) = run_mine(&["headcount", "--help"], b"");
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Check financial statement filings against the Headcount layouts."),
        "{out}"
    );
    let (code, _, err) = run_mine(&["headcount", "check", "--format"], b"");
    assert_eq!(code, 2);
    assert!(
        err.contains("a value is required for '--format <FORMAT>'"),
        "{err}"
    );
}

// ---- the HTML report, in a real browser ------------------------------------------------------

#[test]
fn html_report_is_one_self_contained_page() {
    let o = statements(&["check", "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=en>"));
    assert!(page.ends_with("</html>\n"));
    // Nothing to fetch: no link, script or image from elsewhere (the filings' own text prints
    // web addresses, as text).
    for outside in ["src=", "<link", "@import", "url(", "href=\"http", "href=http"] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert_eq!(page.matches("<section class=filing").count(), 2);
    // Every check of both filings is in the page, linked to its cells.
    assert_eq!(page.matches("<tr id=\"f1-k").count(), 544);
    assert_eq!(page.matches("<tr id=\"f2-k").count(), 631);
}

/// Runs Debian's headless chromium on a page and returns the DOM it rendered.
fn chromium_dom(page: &Path, dir: &Path) -> Option<String> {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(chromium) = chromium else {
        if std::env::var("STATEMENTS_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("chromium missing: browser test skipped (STATEMENTS_SKIP_BROWSER=1)");
            return None;
        }
        panic!(
            "the HTML report's browser test needs Debian's chromium (/usr/bin/chromium): \
             `apt-get install -y chromium` (.ci/run does), or set STATEMENTS_SKIP_BROWSER=1 to skip it"
        );
    };
    let profile = dir.join("profile");
    let o = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
    Some(stdout(&o))
}

/// The figures marked in the filing's text with each verdict, in one filing's section of the
/// rendered DOM.
fn marked(dom: &str, anchor: &str, verdict: &str) -> usize {
    let start = dom
        .find(&format!("<section class=\"filing\" id=\"{anchor}\""))
        .expect("the filing's section");
    let end = dom[start..].find("</section>").map_or(dom.len(), |e| start + e);
    dom[start..end]
        .matches(&format!("class=\"fig v-{verdict}\" data-verdict=\"{verdict}\""))
        .count()
}

#[test]
fn html_report_of_both_bundled_filings_in_chromium() {
    let dir = scratch("browser");
    let page = dir.join("report.html");
    let o = statements(&["check", "--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let Some(dom) = chromium_dom(&page, &dir) else {
        return;
    };
    // The inline script ran.
    assert!(
        dom.contains("data-script=\"ready\""),
        "the page's script did not run"
    );
    // The summary at the top: one row per filing, with its counts.
    let summary = &dom[..dom.find("<main").expect("main")];
    assert!(summary.contains("kingsoft-cloud-2025-q2-press-release.txt</a></th><td class=\"num\">8 / 8</td><td class=\"num\">45</td><td class=\"num\">544</td><td class=\"num\">358</td><td class=\"num\">32</td><td class=\"num bad\">10</td><td class=\"num\">144</td><td class=\"num\">3</td>"), "{summary}");
    assert!(summary.contains("kingsoft-cloud-2023-interim-announcement.txt</a></th><td class=\"num\">19 / 19</td><td class=\"num\">53</td><td class=\"num\">631</td><td class=\"num\">574</td><td class=\"num\">26</td><td class=\"num bad\">9</td><td class=\"num\">22</td><td class=\"num\">2</td>"), "{summary}");
    // Every figure marked in the text, by verdict: (exact, within rounding, failed,
    // unreadable, unbound).
    let count = |a: &str| {
        [
            "exact",
            "within-rounding",
            "failed",
            "unreadable",
            "unchecked",
            "unbound",
        ]
        .map(|v| marked(&dom, a, v))
    };
    assert_eq!(count("f1"), [400, 57, 20, 60, 0, 49], "Q2 2025 release");
    assert_eq!(count("f2"), [473, 56, 18, 20, 0, 24], "H1 2023 announcement");
    // The published error: the US$ impairment figure of line 50 is marked failed, the value
    // that repairs it beside it, linked to its explanation, and to the list of its checks.
    let line_50 = &dom[dom.find("id=\"f2-L50\"").unwrap()..];
    let line_50 = &line_50[..line_50.find("</div>").unwrap()];
    assert!(line_50.contains("data-verdict=\"failed\" id=\"f2-c"), "{line_50}");
    assert!(
        line_50.contains(">8,031</a><a class=\"fix\" href=\"#f2-e0\""),
        "{line_50}"
    );
    assert!(line_50.contains(">→&nbsp;25,531</a>"), "{line_50}");
    // The explanation under the line, linked to the eight checks it explains (four in the
    // tables, four translations in the prose).
    let note = &dom[dom.find("id=\"f2-n0\"").expect("the explanation's note")..];
    let note = &note[..note.find("</div>").unwrap()];
    assert_eq!(note.matches("href=\"#f2-k").count(), 8, "{note}");
    // Each check links to its figures, each figure to its checks.
    let impairment = dom
        .find("<code>currency:adjusted_ebitda.impairment</code>")
        .expect("the check's row");
    let row_start = dom[..impairment].rfind("<tr ").unwrap();
    let row = &dom[row_start..impairment + dom[impairment..].find("</tr>").unwrap()];
    assert!(row.contains("data-verdict=\"failed\""), "{row}");
    assert_eq!(row.matches("href=\"#f2-c").count(), 2, "{row}");
}
