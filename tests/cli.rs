//! The command line, run as a user runs it.

use std::process::{Command, Output};

fn statements(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statements"))
        .args(args)
        .output()
        .expect("the binary runs")
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

#[test]
fn check_without_arguments_reports_both_bundled_filings() {
    let o = statements(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("filings/kingsoft-cloud-2025-q2-press-release.txt"),
        "{out}"
    );
    assert!(
        out.contains("filings/kingsoft-cloud-2023-interim-announcement.txt"),
        "{out}"
    );
    // The published error of the 2023 announcement is explained, with its line and the value
    // that repairs it.
    assert!(
        out.contains(
            "* line 50 `Impairment of long-lived assets` [6M to Jun 30, 2023 US$] is printed 8,031 where the other figures give 25,531"
        ),
        "{out}"
    );
}

#[test]
fn strict_exits_1_when_a_check_failed() {
    let o = statements(&["check", "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn json_document_has_the_documented_shape() {
    let o = statements(&[
        "check",
        "--format",
        "json",
        &bundled("kingsoft-cloud-2023-interim-announcement.txt"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let f = &v["filings"][0];
    assert!(
        f["source"]
            .as_str()
            .unwrap()
            .ends_with("kingsoft-cloud-2023-interim-announcement.txt")
    );
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
fn non_utf8_file_exits_2_with_its_location() {
    let dir = std::env::temp_dir().join(format!("statements-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.txt");
    std::fs::write(&path, b"Revenues\t1,234\nTotal\t\xff\xfe\n").unwrap();
    let o = statements(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.txt:2:"), "{err}");
}

#[test]
fn bad_usage_exits_2() {
    let o = statements(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format `xml`"), "{}", stderr(&o));
    let o = statements(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing command"));
}

#[test]
fn help_prints_usage() {
    let o = statements(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("usage: statements check"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::process::Stdio;
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
