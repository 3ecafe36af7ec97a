//! The scaffold: formulas inferred from the figures against the hand-declared Kingsoft layouts,
//! and generated crates that build and check their own filing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use statement_core::cli;
use statement_core::kingsoft::{self, BalanceSheet, ComprehensiveLoss, H1_2023, Kingsoft, Q2_2025};
use statement_core::scaffold::{self, Scaffold};
use statement_core::schema::{Schema, normalize_label};
use statement_core::{Rmb, Statement};

fn key(label: &str) -> String {
    normalize_label(label.trim_start_matches(['-', '\u{2013}', ' ']))
}

/// The scaffold layout scaffolded from the table titled like `schema`.
fn layout_for<'a>(s: &'a Scaffold, schema: &Schema) -> &'a scaffold::Layout {
    s.layouts
        .iter()
        .find(|l| normalize_label(&l.title) == normalize_label(schema.title))
        .unwrap_or_else(|| panic!("no scaffold layout titled {:?}", schema.title))
}

/// Every hand-declared total of `schema` against the scaffold's formula for the same line, lines
/// matched by label or alias (a label printed twice, in order). Terms the filing does not print
/// (optional lines) are left out of the declared formula. Returns (declared, inferred alike,
/// differences).
fn compare(s: &Scaffold, schema: &Schema) -> (usize, usize, Vec<String>) {
    let layout = layout_for(s, schema);
    let mut counterpart: Vec<Option<usize>> = Vec::new();
    let mut taken = vec![false; schema.lines.len()];
    for line in &layout.lines {
        let keys: Vec<String> = std::iter::once(&line.label)
            .chain(&line.aliases)
            .map(|l| key(l))
            .collect();
        let found = (0..schema.lines.len()).find(|&i| {
            let l = &schema.lines[i];
            !taken[i]
                && std::iter::once(l.label)
                    .chain(l.aliases.iter().copied())
                    .any(|x| keys.contains(&key(x)))
        });
        if let Some(i) = found {
            taken[i] = true;
        }
        counterpart.push(found);
    }
    let printed = |i: usize| counterpart.contains(&Some(i));
    let mut declared = 0;
    let mut same = 0;
    let mut differ = Vec::new();
    for (i, line) in schema.lines.iter().enumerate() {
        let Some(formula) = line.formula else { continue };
        if !printed(i) {
            continue;
        }
        declared += 1;
        let want: BTreeSet<(i64, usize)> = formula
            .iter()
            .filter(|t| printed(t.line))
            .map(|t| (t.weight, t.line))
            .collect();
        let at = counterpart.iter().position(|c| *c == Some(i)).unwrap();
        let got: BTreeSet<(i64, usize)> = layout.lines[at]
            .total
            .iter()
            .flatten()
            .map(|&(w, j)| (w, counterpart[j].unwrap_or(usize::MAX)))
            .collect();
        if got == want {
            same += 1;
        } else {
            let names = |set: &BTreeSet<(i64, usize)>| -> Vec<String> {
                set.iter()
                    .map(|&(w, j)| format!("{w:+} {}", schema.lines.get(j).map_or("?", |l| l.name)))
                    .collect()
            };
            differ.push(format!(
                "{}: declared {:?}, inferred {:?}",
                line.name,
                names(&want),
                names(&got)
            ));
        }
    }
    (declared, same, differ)
}

#[test]
fn every_declared_total_of_the_balance_sheet_and_comprehensive_loss_is_inferred() {
    let s = scaffold::scaffold_text(Q2_2025.name, Q2_2025.text.as_bytes()).unwrap();
    let (declared, same, differ) = compare(&s, &BalanceSheet::<Rmb>::SCHEMA);
    assert_eq!((declared, same), (9, 9), "balance sheet: {differ:#?}");
    let (declared, same, differ) = compare(&s, &ComprehensiveLoss::<Rmb>::SCHEMA);
    assert_eq!((declared, same), (9, 9), "comprehensive loss: {differ:#?}");

    // Nothing more is declared in the balance sheet than the hand layout declares: the minority
    // interest is a component (assets - liabilities - shareholders' equity is an identity, not
    // how it is printed), and the balance is a rule.
    let sheet = layout_for(&s, &BalanceSheet::<Rmb>::SCHEMA);
    assert_eq!(sheet.lines.iter().filter(|l| l.total.is_some()).count(), 9);
    let nci = sheet
        .lines
        .iter()
        .find(|l| l.label == "Non-controlling interests")
        .unwrap();
    assert_eq!(nci.total, None);
    let [(left, right, holds)] = sheet.rules[..] else {
        panic!("one rule expected: {:?}", sheet.rules)
    };
    assert_eq!(
        (sheet.lines[left].name.as_str(), sheet.lines[right].name.as_str()),
        (
            "total_assets",
            "total_liabilities_non_controlling_interests_and_shareholders_equity"
        )
    );
    assert_eq!((holds.columns, holds.exact), (3, 3));
}

#[test]
fn formulas_carry_where_they_hold_and_lines_are_typed_from_the_columns() {
    let s = scaffold::scaffold_text(Q2_2025.name, Q2_2025.text.as_bytes()).unwrap();
    let income = layout_for(&s, &ComprehensiveLoss::<Rmb>::SCHEMA);
    let revenues = income.lines.iter().find(|l| l.label == "Total revenues").unwrap();
    // The revenue rows miss one cell each: each reading is tried, the formula holds in the six
    // columns a reading fills.
    let h = revenues.holds.unwrap();
    assert_eq!((h.columns, h.exact, h.within, h.how), (6, 6, 0, "block"));
    let comprehensive = income
        .lines
        .iter()
        .find(|l| l.label == "Comprehensive loss")
        .unwrap();
    assert_eq!(comprehensive.holds.unwrap().how, "earlier total and block");
    let rust = s.rust();
    assert!(rust.contains(
        "    // holds in 6 of 7 columns: 6 exactly, 0 within rounding (block)\n    #[line(label = \"Total revenues\", total = public_cloud_services + enterprise_cloud_services + others)]\n    pub total_revenues: Money<C, Duration>,"
    ));
    // Two currencies: generic; nil in some column: optional; instants from the header.
    assert!(rust.contains("pub struct BalanceSheets<C: Currency> {"));
    assert!(rust.contains("    pub short_term_investments: Option<Money<C, Instant>>,"));
    // Labels printed twice take their heading as section; per-share and share counts typed.
    assert!(rust.contains(
        "    #[line(label = \"Basic and diluted\", section = \"Net loss per share\")]\n    pub net_loss_per_share_basic_and_diluted: PerShare<C>,"
    ));
    assert!(rust.contains(
        "    #[line(label = \"Basic and diluted\", section = \"Shares used in the net loss per share computation\")]\n    pub shares_used_in_the_basic_and_diluted: Shares,"
    ));
    // Margins: percentages, no formula.
    assert!(rust.contains("    pub gross_margin: Percent,"));
    // The rate the text states, found near the one the figures give.
    let t = &s.translations[..];
    assert_eq!(t.len(), 1);
    assert_eq!(
        (
            t[0].from.as_str(),
            t[0].to.as_str(),
            t[0].rate.to_string(),
            t[0].stated
        ),
        ("RMB", "US$", "7.1636".to_string(), true)
    );
    assert!(rust.contains("#[filing(translate(Rmb => Usd))]"));
    assert!(rust.contains("#[filing(period_sum(6 == 3 + 3))]"));
    // Ties between the statement and the reconciliations, with the sign each prints.
    assert!(rust.contains(
        "// tie: comprehensive_loss.net_loss == adjusted_net_loss.net_loss in 7 columns (7 exactly)\n#[filing(tie(comprehensive_loss.net_loss == adjusted_net_loss.net_loss))]"
    ));
    assert!(rust.contains(
        "#[filing(tie(comprehensive_loss.interest_income == -adjusted_net_loss.interest_income))]"
    ));
    // The cash-flow summary's closing and opening cash against the balance sheets.
    let r = s.roll_forward.as_ref().expect("roll-forward");
    let (f, b) = (&s.layouts[r.flow], &s.layouts[r.balance]);
    assert_eq!(
        (
            f.lines[r.ending].label.as_str(),
            f.lines[r.beginning].label.as_str(),
            r.lines
                .iter()
                .map(|&i| b.lines[i].label.as_str())
                .collect::<Vec<_>>(),
            r.pairs
        ),
        (
            "Cash, cash equivalents and restricted cash at end of period",
            "Cash, cash equivalents and restricted cash at beginning of period",
            vec!["Cash and cash equivalents", "Restricted cash"],
            3
        )
    );
    // Declared with the derive, the balances typed as instants and the closing one a roll-forward.
    assert!(rust.contains(
        "#[filing(balance(cash_flows.cash_cash_equivalents_and_restricted_cash_at_beginning .. cash_flows.cash_cash_equivalents_and_restricted_cash_at_end == balance_sheets.cash_and_cash_equivalents + balance_sheets.restricted_cash))]"
    ));
    assert!(rust.contains(
        "roll_forward = cash_cash_equivalents_and_restricted_cash_at_beginning + net_increase_in_cash_cash_equivalents_and_restricted)]\n    pub cash_cash_equivalents_and_restricted_cash_at_end: Money<C, Instant>,"
    ));
    assert!(!s.budget_reached);
}

#[test]
fn the_announcement_is_scaffolded_with_its_printing_error_left_out_of_the_formulas() {
    let s = scaffold::scaffold_text(H1_2023.name, H1_2023.text.as_bytes()).unwrap();
    let (f, n) = s.formula_count();
    assert!(f > 20 && n > 100, "{f} formulas over {n} lines");
    // The comprehensive loss printed twice (summary and full statement) shares one layout.
    let income = layout_for(&s, &ComprehensiveLoss::<Rmb>::SCHEMA);
    assert_eq!(income.tables.len(), 2);
    let (declared, same, differ) = compare(&s, &ComprehensiveLoss::<Rmb>::SCHEMA);
    assert_eq!((declared, same), (9, 9), "{differ:#?}");
}

// ---------------------------------------------------------------------------------------------
// Generated crates
// ---------------------------------------------------------------------------------------------

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Scaffolds the crate for one filing with `statements scaffold FILE --crate DIR` under
/// target/scaffold-test/<name>, runs its `check --format json` (one shared target directory for
/// every generated crate) and returns the failed checks, each with the file lines of its cells.
fn run_generated(name: &str, filing: &Path) -> (Vec<(String, BTreeSet<u32>)>, serde_json::Value) {
    let root = workspace().join("target/scaffold-test");
    let dir = root.join(name);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = [
        "statements".into(),
        "scaffold".into(),
        filing.as_os_str().to_owned(),
        "--crate".into(),
        dir.as_os_str().to_owned(),
    ];
    let code = cli::run::<Kingsoft>(args, &mut &b""[..], &mut out, &mut err);
    let said = String::from_utf8_lossy(&out).to_string();
    assert_eq!(code, cli::EXIT_OK, "{}", String::from_utf8_lossy(&err));
    assert!(said.contains("cargo run -- check"), "{said}");
    // The workspace's lock file: the same dependency versions, resolved without the network.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let run = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(["--", "check", "--format", "json"])
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{name}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let filing = &doc["filings"][0];
    eprintln!("{name}: {} {}", filing["source"], filing["checks"]);
    let failed = filing["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "parse")
        .map(|f| {
            let lines = f["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["line"].as_u64().unwrap() as u32)
                .collect();
            (
                format!(
                    "{} [{}]",
                    f["check"].as_str().unwrap(),
                    f["column"].as_str().unwrap()
                ),
                lines,
            )
        })
        .collect();
    (failed, filing["checks"].clone())
}

/// The lines of the cells that the Kingsoft layouts' failed checks involve: the filing's real
/// errors and what they carry into.
fn known_error_lines(b: kingsoft::Bundled) -> BTreeSet<u32> {
    let r = kingsoft::check_text(b.name, b.text.as_bytes()).unwrap();
    r.failures()
        .flat_map(|c| c.relation.cells())
        .map(|i| r.cells[i].cell.line)
        .collect()
}

#[test]
fn generated_crates_build_and_check_their_own_filing_with_only_the_known_errors() {
    // The hand-written layouts find 10 and 5: the same errors in the tables, plus one figure of
    // the prose each. The scaffold declares no `prose` phrase (it cannot tell from the text
    // whether a sentence states a figure with its sign), so the prose is not checked.
    for (name, b, expected) in [("kingsoft-q2-2025", Q2_2025, 9), ("kingsoft-h1-2023", H1_2023, 4)] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(b.name);
        let (failed, _) = run_generated(name, &path);
        let known = known_error_lines(b);
        let unknown: Vec<&(String, BTreeSet<u32>)> = failed
            .iter()
            .filter(|(_, lines)| lines.is_disjoint(&known))
            .collect();
        assert!(
            unknown.is_empty(),
            "{name}: failures outside the known errors: {unknown:#?}"
        );
        assert_eq!(failed.len(), expected, "{name}: {failed:#?}");
    }
}

#[test]
fn generated_crates_of_other_companies_build_and_check_their_filing_without_failure() {
    // Filings in the forms the reader takes: HTML, one cell per line with ` | ` separators,
    // Markdown with `$` and `)` on lines of their own.
    for (file, exact, within) in [
        ("buckle-2024-q3-press-release.html", 44, 0),
        ("pdd-holdings-2026-q1-press-release.txt", 153, 11),
        ("paltalk-2024-q3-press-release.md", 48, 0),
        // SEC inline XBRL (statements, MD&A and note tables with columns of unread periods and
        // of percentage changes, neither of which is paired or footed) and pipe cells with a
        // two-row header.
        ("apple-2024-q3-form-10-q.html", 257, 0),
        // The 10-K's note tables headed by years alone are read as the fiscal years or dates
        // their captions state: 133 more exact checks than with those columns unread.
        ("apple-2024-form-10-k.html", 348, 5),
        ("deluxe-2026-q2-press-release.md", 52, 0),
        // Every table collapsed onto one line: nothing read, nothing declared, still a crate.
        ("forian-2024-q3-press-release.md", 0, 0),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/others")
            .join(file);
        let (failed, checks) = run_generated(file, &path);
        assert_eq!(failed, [], "{file}");
        assert_eq!(
            (checks["exact"].as_u64(), checks["within_rounding"].as_u64()),
            (Some(exact), Some(within)),
            "{file}"
        );
    }
}
