//! Reports: one JSON document for programs, and a readable text report for people.
//!
//! Amounts are decimal strings in the filing's printed units: `8,031` is `"8031"` and
//! `(117,819)` is `"-117819"`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::Text;
/// Figures are formatted by [`crate::amount::printed`], the layer below explanations and reports.
pub use crate::amount::printed;
use crate::bind::{CellRef, Outcome, Recognition, Unbound};
use crate::check::{CheckKind, FilingCheck, FilingReport, Verdict};
use crate::explain::{Explanation, Suspect};
use crate::read::{Damage, DamageKind, Filing};

/// The JSON document: `{"filings": [...]}`, and `"errors": [...]` when a file could not be read.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// One entry per filing checked.
    pub filings: Vec<FilingJson>,
    /// One entry per file that could not be read (omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
}

/// A file that could not be read or checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The file as named.
    pub source: String,
    /// What went wrong, with the place (`file:line:column: ...`) when there is one.
    pub error: String,
}

/// One filing in the JSON document.
#[derive(Clone, Debug, Serialize)]
pub struct FilingJson {
    /// Where the text came from.
    pub source: String,
    /// Tables read.
    pub tables: usize,
    /// Statements bound.
    pub statements: usize,
    /// Verdict counts.
    pub checks: Counts,
    /// Numbers bound to no line item.
    pub unbound_cells: Vec<Unbound>,
    /// Failed checks and reader damage.
    pub findings: Vec<Finding>,
    /// One entry per root cause found by the localiser (and per damaged block of rows it could
    /// align), each with the checks it explains.
    pub explanations: Vec<ExplanationJson>,
    /// Tables no layout recognised beyond doubt (none of their figures is checked): title,
    /// location, the best evidence found and why it does not suffice.
    pub unrecognised_tables: Vec<Recognition>,
    /// Tables that more than one layout could bind: the layouts, and which one bound (none when
    /// they fit equally).
    pub ambiguities: Vec<Recognition>,
}

/// An explanation in the JSON document.
#[derive(Clone, Debug, Serialize)]
pub struct ExplanationJson {
    /// One sentence.
    pub summary: String,
    /// Whether several explanations fit equally well (the suspects are the alternatives).
    pub ambiguous: bool,
    /// The failed checks explained, as `id [column]`.
    pub checks: Vec<String>,
    /// The suspects: the root cell first, then the totals it propagated into.
    pub suspects: Vec<Suspect>,
    /// Further lines.
    pub details: Vec<String>,
    /// Present (true) when the entry says the explanation budget was reached here.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub budget_reached: bool,
}

/// How many checks ended with each verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Agree to the digit.
    pub exact: usize,
    /// Agree within rounding.
    pub within_rounding: usize,
    /// Disagree.
    pub failed: usize,
    /// Not evaluated: a term is missing or damaged.
    pub unreadable: usize,
}

/// A failed check or a piece of reader damage.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The check's stable id (`parse:<damage>` for reader damage).
    pub check: Text,
    /// Its family.
    pub kind: CheckKind,
    /// The statement (layout key, or the table title for damage).
    pub statement: Text,
    /// The column.
    pub column: Text,
    /// The printed value.
    pub reported: Option<String>,
    /// The value the other terms imply.
    pub expected: Option<String>,
    /// `reported - expected`.
    pub difference: Option<String>,
    /// The largest difference rounding explains.
    pub tolerance: Option<String>,
    /// Every cell the check involves.
    pub cells: Vec<CellRef>,
    /// The cells suspected of being wrong, with the value that repairs them.
    pub suspects: Vec<Suspect>,
    /// For damage: what the reader found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Builds the JSON document of checked filings.
pub fn document(reports: &[(FilingReport, Vec<crate::explain::Explanation>)]) -> Document {
    Document {
        filings: reports.iter().map(|(r, e)| filing_json(r, e)).collect(),
        errors: Vec::new(),
    }
}

fn counts(r: &FilingReport) -> Counts {
    let (exact, within_rounding, failed, unreadable) = r.counts();
    Counts {
        exact,
        within_rounding,
        failed,
        unreadable,
    }
}

fn filing_json(r: &FilingReport, explanations: &[crate::explain::Explanation]) -> FilingJson {
    let mut findings: Vec<Finding> = r
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict.failed())
        .map(|(i, c)| failed_finding(r, i, c, explanations))
        .collect();
    findings.extend(
        r.damage
            .iter()
            .zip(&r.damage_context)
            .map(|(d, (title, label))| damage_finding(d, title, label)),
    );
    FilingJson {
        source: r.source.clone(),
        tables: r.tables,
        statements: r.statements,
        checks: counts(r),
        unbound_cells: r.unbound.clone(),
        findings,
        explanations: explanations
            .iter()
            .map(|e| ExplanationJson {
                summary: e.summary.clone(),
                ambiguous: e.ambiguous,
                checks: e
                    .checks
                    .iter()
                    .map(|&c| format!("{} [{}]", r.checks[c].id, r.checks[c].column))
                    .collect(),
                suspects: e.suspects.clone(),
                details: e.details.clone(),
                budget_reached: e.budget_reached,
            })
            .collect(),
        unrecognised_tables: r
            .recognition
            .iter()
            .filter(|t| t.outcome == Outcome::NotRecognised)
            .cloned()
            .collect(),
        ambiguities: r
            .recognition
            .iter()
            .filter(|t| t.outcome == Outcome::Ambiguous || t.candidates.len() > 1)
            .cloned()
            .collect(),
    }
}

fn failed_finding(
    r: &FilingReport,
    index: usize,
    c: &FilingCheck,
    explanations: &[crate::explain::Explanation],
) -> Finding {
    let (reported, expected, difference, tolerance) = match &c.verdict {
        Verdict::Failed {
            expected,
            reported,
            difference,
            tolerance,
        } => (
            Some(reported.to_string()),
            Some(expected.to_string()),
            Some(difference.to_string()),
            Some(tolerance.to_string()),
        ),
        _ => (None, None, None, None),
    };
    let suspects = explanations
        .iter()
        .filter(|e| e.checks.contains(&index))
        .flat_map(|e| e.suspects.iter().cloned())
        .collect();
    Finding {
        check: c.id.clone(),
        kind: c.kind,
        statement: c.statement.clone(),
        column: c.column.clone(),
        reported,
        expected,
        difference,
        tolerance,
        cells: c
            .relation
            .cells()
            .iter()
            .map(|&i| r.cells[i].cell.clone())
            .collect(),
        suspects,
        message: None,
    }
}

fn damage_finding(d: &Damage, title: &str, label: &str) -> Finding {
    let reported = match &d.kind {
        DamageKind::NotANumber { text } => Some(text.clone()),
        _ => None,
    };
    Finding {
        check: format!("parse:{}", d.kind.name()).into(),
        kind: CheckKind::Parse,
        statement: Text::from(title),
        column: Text::default(),
        reported,
        expected: None,
        difference: None,
        tolerance: None,
        cells: vec![CellRef {
            line: d.location.line,
            col: d.location.column,
            label: Text::from(label),
            column: Text::default(),
            value: Text::default(),
        }],
        suspects: Vec::new(),
        message: Some(d.message.clone()),
    }
}

/// How the human report is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HumanOptions {
    /// List the numbers bound to no line item and the reader's damage too.
    pub verbose: bool,
    /// Colour with ANSI escapes (for a terminal).
    pub colour: bool,
}

/// The human report of one filing, in full (unbound numbers and reader damage included) and
/// without colour. See [`human_with`].
pub fn human(r: &FilingReport, explanations: &[crate::explain::Explanation]) -> String {
    human_with(
        r,
        explanations,
        HumanOptions {
            verbose: true,
            colour: false,
        },
    )
}

/// The human report of one filing: its counts, explanations and failed checks; with
/// [`HumanOptions::verbose`], its unbound numbers and reader damage too.
///
/// ```
/// use statement_core::{kingsoft::{Kingsoft, H1_2023}, pipeline, report};
/// let (r, why) = pipeline::check_and_explain::<Kingsoft>(H1_2023.name, H1_2023.text.as_bytes()).unwrap();
/// let terse = report::human_with(&r, &why, report::HumanOptions::default());
/// assert!(terse.contains("is printed 8,031 where the other figures give 25,531"));
/// assert!(!terse.contains("Unbound numbers"));
/// assert!(report::human(&r, &why).contains("Unbound numbers"));
/// ```
pub fn human_with(
    r: &FilingReport,
    explanations: &[crate::explain::Explanation],
    options: HumanOptions,
) -> String {
    use anstyle::{AnsiColor, Style};
    use std::fmt::Write;
    let paint = |style: Style, text: &str| -> String {
        if options.colour {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let dim = Style::new().dimmed();
    let mut s = String::new();
    let c = counts(r);
    let _ = writeln!(s, "{}", paint(bold, &r.source));
    let _ = writeln!(
        s,
        "  {} tables read, {} recognised; {} statements bound; {} numbers unbound",
        r.tables,
        r.tables_bound,
        r.statements,
        r.unbound.len()
    );
    let failed = format!("{} failed", c.failed);
    let _ = writeln!(
        s,
        "  {} checks: {}, {} within rounding, {}, {} unreadable (damaged terms)",
        r.checks.len(),
        paint(green, &format!("{} exact", c.exact)),
        c.within_rounding,
        if c.failed > 0 { paint(red, &failed) } else { failed },
        c.unreadable
    );
    let doubt: Vec<&Recognition> = r
        .recognition
        .iter()
        // Ambiguous tables always (two layouts could bind them); tables no layout recognised
        // only with `verbose` (the counts above say how many).
        .filter(|t| match t.outcome {
            Outcome::Recognised => false,
            Outcome::Ambiguous => true,
            _ => options.verbose,
        })
        .collect();
    if !doubt.is_empty() {
        let _ = writeln!(s, "\n  Tables not checked ({}):", doubt.len());
        for t in doubt {
            let _ = writeln!(
                s,
                "  ? line {:>4}  {}: {}",
                t.line,
                truncate(&t.title, 50),
                t.reason
            );
        }
    }
    if !explanations.is_empty() {
        let _ = writeln!(s, "\n  Explanations ({}):", explanations.len());
        for e in explanations {
            let _ = writeln!(s, "  {} {}", paint(yellow, "*"), e.summary);
            for line in e.details.iter() {
                let _ = writeln!(s, "      {line}");
            }
        }
    }
    let failures: Vec<_> = r.checks.iter().filter(|c| c.verdict.failed()).collect();
    if !failures.is_empty() {
        let _ = writeln!(s, "\n  Failed checks ({}):", failures.len());
    }
    for f in failures {
        let Verdict::Failed {
            expected,
            reported,
            difference,
            tolerance,
        } = &f.verdict
        else {
            continue;
        };
        let _ = writeln!(s, "  {} {} [{}]", paint(red, "x"), f.id, f.column);
        let _ = writeln!(
            s,
            "      reported {}, expected {}: off by {} (rounding explains {})",
            printed(reported),
            printed(&expected.round_dp(2)),
            printed(&difference.round_dp(2)),
            tolerance.round_dp(2)
        );
        for &i in &f.relation.cells() {
            let cell = &r.cells[i].cell;
            let _ = writeln!(
                s,
                "        {}  {:<58} {:>14}  {}",
                paint(dim, &format!("line {:>4}", cell.line)),
                truncate(&cell.label, 58),
                printed(&r.cells[i].amount.value()),
                cell.column
            );
        }
    }
    if options.verbose && !r.unbound.is_empty() {
        let _ = writeln!(s, "\n  Unbound numbers ({}), by line:", r.unbound.len());
        let mut i = 0;
        while i < r.unbound.len() {
            let u = &r.unbound[i];
            let same: Vec<&crate::bind::Unbound> = r.unbound[i..]
                .iter()
                .take_while(|x| x.line == u.line && x.label == u.label && x.reason == u.reason)
                .collect();
            let values: Vec<&str> = same.iter().map(|x| x.value.as_str()).collect();
            let _ = writeln!(
                s,
                "  - line {:>4}  {}: {} ({})",
                u.line,
                truncate(&u.label, 50),
                values.join(", "),
                u.reason
            );
            i += same.len();
        }
    }
    if options.verbose && !r.damage.is_empty() {
        let _ = writeln!(s, "\n  Reader damage ({}):", r.damage.len());
        for d in &r.damage {
            let _ = writeln!(
                s,
                "  {} line {:>4}, col {:>3}  {}: {}",
                paint(yellow, "!"),
                d.location.line,
                d.location.column,
                d.kind.name(),
                d.message
            );
        }
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The column names of the CSV report, in order: one row per check.
pub const CSV_HEADER: [&str; 13] = [
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
    "cells",
];

/// One row of the CSV report: one check.
///
/// `reported` is the printed figure the check is about; `expected`, `difference` and
/// `tolerance` are what the verdict states (exact: expected is the reported figure and the
/// difference 0; within rounding: the difference; failed: all three; unreadable: none).
/// `lines` lists the lines of the check's cells (space-separated) and `cells` the cells
/// themselves (`line 50: Impairment of long-lived assets [6M to Jun 30, 2023 US$] = 8031`,
/// joined by ` | `).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsvRow {
    /// Where the filing came from.
    pub filing: String,
    /// The check's stable id.
    pub id: Text,
    /// Its family.
    pub kind: CheckKind,
    /// The statement's layout key.
    pub statement: Text,
    /// The column.
    pub column: Text,
    /// The group of tables its statement was read from.
    pub group: usize,
    /// `exact`, `within_rounding`, `failed` or `unreadable`.
    pub verdict: &'static str,
    /// The printed figure.
    pub reported: String,
    /// The value the other terms imply.
    pub expected: String,
    /// `reported - expected`.
    pub difference: String,
    /// The largest difference rounding explains (failed checks).
    pub tolerance: String,
    /// The cells' lines.
    pub lines: String,
    /// The cells, with their lines.
    pub cells: String,
}

/// The short name of a verdict: `exact`, `within_rounding`, `failed` or `unreadable`.
pub fn verdict_name(v: &Verdict) -> &'static str {
    match v {
        Verdict::Exact => "exact",
        Verdict::WithinRounding { .. } => "within_rounding",
        Verdict::Failed { .. } => "failed",
        Verdict::Unreadable => "unreadable",
    }
}

/// The CSV rows of one filing, one per check, in the report's order.
///
/// ```
/// use statement_core::{kingsoft::{Kingsoft, H1_2023}, pipeline, report};
/// let r = pipeline::check::<Kingsoft>(H1_2023.name, H1_2023.text.as_bytes()).unwrap();
/// let rows = report::csv_rows(&r);
/// assert_eq!(rows.len(), r.checks.len());
/// let row = rows.iter().find(|x| x.id == "currency:adjusted_ebitda.impairment").unwrap();
/// assert_eq!((row.verdict, row.reported.as_str(), row.expected.as_str()), ("failed", "8031", "25531.284"));
/// assert!(row.cells.starts_with("line 50: Impairment of long-lived assets"));
/// ```
pub fn csv_rows(r: &FilingReport) -> Vec<CsvRow> {
    r.checks
        .iter()
        .map(|c| {
            let cells = c.relation.cells();
            let first = match c.relation {
                crate::check::Relation::Unreadable { .. } => None,
                _ => cells.first().map(|&i| r.cells[i].amount.value()),
            };
            let s = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
            let (reported, expected, difference, tolerance) = match &c.verdict {
                Verdict::Exact => (first, first, first.map(|_| rust_decimal::Decimal::ZERO), None),
                Verdict::WithinRounding { difference } => (
                    first,
                    first.and_then(|f| f.checked_sub(*difference)),
                    Some(*difference),
                    None,
                ),
                Verdict::Failed {
                    expected,
                    reported,
                    difference,
                    tolerance,
                } => (
                    Some(*reported),
                    Some(*expected),
                    Some(*difference),
                    Some(*tolerance),
                ),
                Verdict::Unreadable => (None, None, None, None),
            };
            CsvRow {
                filing: r.source.clone(),
                id: c.id.clone(),
                kind: c.kind,
                statement: c.statement.clone(),
                column: c.column.clone(),
                group: c.group,
                verdict: verdict_name(&c.verdict),
                reported: s(reported),
                expected: s(expected),
                difference: s(difference),
                tolerance: s(tolerance),
                lines: cells
                    .iter()
                    .map(|&i| r.cells[i].cell.line.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                cells: cells
                    .iter()
                    .map(|&i| {
                        let x = &r.cells[i].cell;
                        format!("line {}: {} [{}] = {}", x.line, x.label, x.column, x.value)
                    })
                    .collect::<Vec<_>>()
                    .join(" | "),
            }
        })
        .collect()
}

/// Writes the CSV rows of one filing (no header: write [`CSV_HEADER`] once first).
///
/// # Errors
///
/// When the writer fails.
pub fn write_csv<W: std::io::Write>(r: &FilingReport, out: W) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    for row in csv_rows(r) {
        w.serialize(row)?;
    }
    w.flush()?;
    Ok(())
}

/// The CSV header line ([`CSV_HEADER`]), ending in a newline.
pub fn csv_header() -> String {
    let mut s = CSV_HEADER.join(",");
    s.push('\n');
    s
}

/// The JSON object of one filing, as in [`Document::filings`] (one line of `--format jsonl`).
pub fn filing(r: &FilingReport, explanations: &[crate::explain::Explanation]) -> FilingJson {
    filing_json(r, explanations)
}

// ---------------------------------------------------------------------------------------------
// HTML

/// One filing for the HTML report: what was read, the text it was read from, and its results.
#[derive(Clone, Copy, Debug)]
pub struct HtmlFiling<'a> {
    /// The filing as read (its tables are shown for HTML input).
    pub filing: &'a Filing,
    /// The text it was read from (shown, figures marked, for text input).
    pub text: &'a str,
    /// Its checks.
    pub report: &'a FilingReport,
    /// Its explanations.
    pub explanations: &'a [Explanation],
}

/// A filing's row in the HTML report's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlSummary {
    /// The anchor of the filing's section (`f1`, `f2`, ...).
    pub anchor: String,
    /// Where the filing came from.
    pub source: String,
    /// Tables read, tables recognised, statements bound.
    pub tables: (usize, usize, usize),
    /// Verdict counts (`None` when the file could not be read).
    pub checks: Option<Counts>,
    /// Explanations found.
    pub explanations: usize,
    /// Figures marked, by verdict, in [`FigureVerdict::ALL`] order.
    pub figures: [usize; 6],
    /// Why the file could not be read.
    pub error: Option<String>,
}

/// What the HTML report marks a figure with: the worst verdict of the checks it takes part in
/// (failed, then within rounding, then exact, then unreadable), or why it is in none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FigureVerdict {
    /// A check it takes part in failed.
    Failed,
    /// Its checks hold, one of them only within rounding.
    WithinRounding,
    /// Its checks hold to the digit.
    Exact,
    /// Its checks could not be evaluated, or the reader could not read it.
    Unreadable,
    /// Bound to a line item that no check involves.
    Unchecked,
    /// A number of a statement table bound to no line item.
    Unbound,
}

impl FigureVerdict {
    /// Every verdict, in the order the report lists them.
    pub const ALL: [FigureVerdict; 6] = [
        FigureVerdict::Exact,
        FigureVerdict::WithinRounding,
        FigureVerdict::Failed,
        FigureVerdict::Unreadable,
        FigureVerdict::Unchecked,
        FigureVerdict::Unbound,
    ];

    /// The name used in the page's classes and `data-verdict` attributes.
    pub fn name(self) -> &'static str {
        match self {
            FigureVerdict::Failed => "failed",
            FigureVerdict::WithinRounding => "within-rounding",
            FigureVerdict::Exact => "exact",
            FigureVerdict::Unreadable => "unreadable",
            FigureVerdict::Unchecked => "unchecked",
            FigureVerdict::Unbound => "unbound",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            FigureVerdict::Failed => "failed",
            FigureVerdict::WithinRounding => "within rounding",
            FigureVerdict::Exact => "exact",
            FigureVerdict::Unreadable => "unreadable",
            FigureVerdict::Unchecked => "bound, no check",
            FigureVerdict::Unbound => "unbound",
        }
    }

    /// The symbol shown beside the colour, so that no verdict is told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            FigureVerdict::Failed => "\u{2717}",
            FigureVerdict::WithinRounding => "\u{2248}",
            FigureVerdict::Exact => "\u{2713}",
            FigureVerdict::Unreadable => "?",
            FigureVerdict::Unchecked => "\u{25CB}",
            FigureVerdict::Unbound => "\u{2205}",
        }
    }

    fn index(self) -> usize {
        FigureVerdict::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    fn of_check(v: &Verdict) -> FigureVerdict {
        match v {
            Verdict::Exact => FigureVerdict::Exact,
            Verdict::WithinRounding { .. } => FigureVerdict::WithinRounding,
            Verdict::Failed { .. } => FigureVerdict::Failed,
            Verdict::Unreadable => FigureVerdict::Unreadable,
        }
    }
}

/// Escapes text for HTML content and quoted attribute values.
///
/// ```
/// assert_eq!(statement_core::report::html_escape("<a href=\"x\">R&D's</a>"),
///            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
/// ```
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{c}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A figure to mark in the text.
struct Mark {
    /// 1-based column (characters); 0 when only its text is known (unbound numbers).
    col: u32,
    verdict: FigureVerdict,
    /// Index into the report's cells.
    cell: Option<usize>,
    /// The printed text to look for when the column is unknown.
    text: String,
    title: String,
    /// Suggested values of the explanations naming it: (explanation index, value).
    suggested: Vec<(usize, String)>,
}

/// What the page shows of one filing, computed once.
struct Marks {
    by_line: BTreeMap<u32, Vec<Mark>>,
    notes: BTreeMap<u32, Vec<String>>,
    /// For each cell of the report, its checks.
    cell_checks: Vec<Vec<usize>>,
    cell_verdict: Vec<FigureVerdict>,
}

fn marks(a: &str, f: &HtmlFiling) -> Marks {
    let r = f.report;
    let mut cell_checks: Vec<Vec<usize>> = vec![Vec::new(); r.cells.len()];
    for (k, c) in r.checks.iter().enumerate() {
        for i in c.relation.cells() {
            if let Some(v) = cell_checks.get_mut(i)
                && v.last() != Some(&k)
            {
                v.push(k);
            }
        }
    }
    let cell_verdict: Vec<FigureVerdict> = cell_checks
        .iter()
        .map(|ks| {
            ks.iter()
                .map(|&k| FigureVerdict::of_check(&r.checks[k].verdict))
                .min()
                .unwrap_or(FigureVerdict::Unchecked)
        })
        .collect();
    let mut by_line: BTreeMap<u32, Vec<Mark>> = BTreeMap::new();
    let mut seen: HashMap<(u32, u32), usize> = HashMap::new();
    for (j, c) in r.cells.iter().enumerate() {
        if seen.insert((c.cell.line, c.cell.col), j).is_some() {
            continue;
        }
        let ids: Vec<&str> = cell_checks[j].iter().map(|&k| r.checks[k].id.as_str()).collect();
        by_line.entry(c.cell.line).or_default().push(Mark {
            col: c.cell.col,
            verdict: cell_verdict[j],
            cell: Some(j),
            text: String::new(),
            title: format!(
                "{}: {} [{}] {} ({} check{}: {})",
                cell_verdict[j].label(),
                c.cell.label,
                c.cell.column,
                printed(&c.amount.value()),
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", ")
            ),
            suggested: Vec::new(),
        });
    }
    // Bound figures that no check involves.
    for st in &r.bound {
        for slot in &st.slots {
            if let Some(c) = slot.cell()
                && !seen.contains_key(&(c.line, c.col))
            {
                seen.insert((c.line, c.col), usize::MAX);
                by_line.entry(c.line).or_default().push(Mark {
                    col: c.col,
                    verdict: FigureVerdict::Unchecked,
                    cell: None,
                    text: String::new(),
                    title: format!("bound, no check: {} [{}]", c.label, c.column),
                    suggested: Vec::new(),
                });
            }
        }
    }
    let mut notes: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for (d, (title, label)) in r.damage.iter().zip(&r.damage_context) {
        if let DamageKind::NotANumber { text } = &d.kind
            && !seen.contains_key(&(d.location.line, d.location.column))
        {
            seen.insert((d.location.line, d.location.column), usize::MAX);
            by_line.entry(d.location.line).or_default().push(Mark {
                col: d.location.column,
                verdict: FigureVerdict::Unreadable,
                cell: None,
                text: text.clone(),
                title: format!("unreadable: {}", d.message),
                suggested: Vec::new(),
            });
        }
        let place = if label.is_empty() {
            title.clone()
        } else {
            format!("{title} / {label}")
        };
        notes.entry(d.location.line).or_default().push(format!(
            "<div class=\"note damage\" role=note><span class=sym aria-hidden=true>!</span> \
             Reader, col {}: <b>{}</b>: {} <span class=where>({})</span></div>",
            d.location.column,
            d.kind.name(),
            html_escape(&d.message),
            html_escape(&place)
        ));
    }
    for u in &r.unbound {
        by_line.entry(u.line).or_default().push(Mark {
            col: 0,
            verdict: FigureVerdict::Unbound,
            cell: None,
            text: u.value.clone(),
            title: format!("unbound: {} [{}]: {}", u.label, u.column, u.reason),
            suggested: Vec::new(),
        });
    }
    // Explanations: the suggested value beside each cell it names, the sentence under the line
    // of its root.
    for (k, e) in f.explanations.iter().enumerate() {
        let mut placed = false;
        for s in &e.suspects {
            let target = by_line.get_mut(&s.line).and_then(|ms| {
                ms.iter_mut().find(|m| {
                    m.cell.is_some_and(|j| {
                        r.cells[j].cell.column == s.column && r.cells[j].cell.label == s.label
                    })
                })
            });
            if let Some(m) = target
                && !s.suggested.is_empty()
            {
                m.suggested.push((k, s.suggested.clone()));
            }
            if !placed {
                placed = true;
                let checks: Vec<String> = e
                    .checks
                    .iter()
                    .filter_map(|&c| r.checks.get(c).map(|x| (c, x)))
                    .map(|(c, x)| {
                        format!(
                            "<a href=\"#{a}-k{c}\">{} [{}]</a>",
                            html_escape(&x.id),
                            html_escape(&x.column)
                        )
                    })
                    .collect();
                notes.entry(s.line).or_default().push(format!(
                    "<div class=\"note why\" role=note id=\"{a}-n{k}\"><span class=sym aria-hidden=true>\u{2691}</span> \
                     <a href=\"#{a}-e{k}\">Explanation {}</a>: {} <span class=where>Explains {}</span></div>",
                    k + 1,
                    html_escape(&e.summary),
                    if checks.is_empty() {
                        "no failed check".to_string()
                    } else {
                        checks.join(", ")
                    }
                ));
            }
        }
    }
    for ms in by_line.values_mut() {
        ms.sort_by_key(|m| (m.col == 0, m.col));
    }
    Marks {
        by_line,
        notes,
        cell_checks,
        cell_verdict,
    }
}

/// The byte range of the figure printed at byte `start` of `line`: up to the next white space,
/// trailing punctuation and an unbalanced closing parenthesis left out.
fn token_at(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    loop {
        let t = &rest[..end];
        let Some(last) = t.chars().last() else { break };
        let unbalanced = last == ')' && t.matches('(').count() < t.matches(')').count();
        // A footnote mark or punctuation after a figure is not part of it.
        let trailing =
            !last.is_ascii_digit() && !matches!(last, ')' | '%') && t.chars().any(|c| c.is_ascii_digit());
        if end > 1 && (trailing || unbalanced) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    start + end
}

/// The byte offset of a 1-based character column.
fn byte_of_col(line: &str, col: u32) -> Option<usize> {
    let n = usize::try_from(col.checked_sub(1)?).ok()?;
    if n == 0 {
        return Some(0);
    }
    line.char_indices().nth(n).map(|(b, _)| b)
}

/// A printed figure as the reports write values: `(1,234)` is `-1234`, `12.5%` is `12.5`.
fn normalized(token: &str) -> String {
    let t = token.trim_end_matches('%');
    let (neg, t) = match t.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, t),
    };
    let digits: String = t.chars().filter(|c| *c != ',').collect();
    if neg { format!("-{digits}") } else { digits }
}

/// Finds the printed figure whose text or value is `text` in `line`, as a whole token, starting
/// at or after byte `from`: (start, end).
fn find_token(line: &str, text: &str, from: usize) -> Option<(usize, usize)> {
    if text.is_empty() {
        return None;
    }
    if text.contains(char::is_whitespace) {
        // A figure garbled by extraction (`2 545 111 170`): as printed.
        let s = from + line.get(from..)?.find(text)?;
        return Some((s, s + text.len()));
    }
    let mut at = from;
    while at < line.len() {
        let rest = &line[at..];
        let skip = rest.len() - rest.trim_start().len();
        let start = at + skip;
        if start >= line.len() {
            break;
        }
        let end = token_at(line, start);
        let tok = &line[start..end];
        if tok == text || normalized(tok) == text {
            return Some((start, end));
        }
        let raw_end = line[start..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| start + i);
        at = raw_end.max(start + 1);
        while !line.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

fn mark_html(a: &str, m: &Mark, token: &str, counts: &mut [usize; 6]) -> String {
    counts[m.verdict.index()] += 1;
    let v = m.verdict.name();
    let mut s = match m.cell {
        Some(j) => format!(
            "<a class=\"fig v-{v}\" data-verdict=\"{v}\" id=\"{a}-c{j}\" href=\"#{a}-x{j}\" title=\"{}\">{}</a>",
            html_escape(&m.title),
            html_escape(token)
        ),
        None => format!(
            "<span class=\"fig v-{v}\" data-verdict=\"{v}\" tabindex=0 title=\"{}\">{}</span>",
            html_escape(&m.title),
            html_escape(token)
        ),
    };
    for (k, value) in &m.suggested {
        let shown = value
            .parse::<rust_decimal::Decimal>()
            .map(|d| printed(&d))
            .unwrap_or_else(|_| value.clone());
        s.push_str(&format!(
            "<a class=fix href=\"#{a}-e{k}\" title=\"Explanation {}: the value that repairs it\">\u{2192}\u{a0}{}</a>",
            k + 1,
            html_escape(&shown)
        ));
    }
    s
}

/// One line of text with its figures marked.
fn marked_line(a: &str, line: &str, ms: Option<&Vec<Mark>>, counts: &mut [usize; 6]) -> String {
    let Some(ms) = ms else {
        return html_escape(line);
    };
    // Place every mark: (start, end, mark), non-overlapping, in order.
    let mut placed: Vec<(usize, usize, &Mark)> = Vec::new();
    for m in ms {
        let span = if m.col > 0 {
            byte_of_col(line, m.col).map(|s| {
                // A damaged figure is known by its text, spaces included.
                if !m.text.is_empty() && line[s..].starts_with(&m.text) {
                    (s, s + m.text.len())
                } else {
                    (s, token_at(line, s))
                }
            })
        } else {
            // Unbound numbers: the first free occurrence of their value.
            let mut from = 0;
            loop {
                match find_token(line, &m.text, from) {
                    Some((s, e)) if placed.iter().any(|(a, b, _)| s < *b && e > *a) => from = e,
                    other => break other,
                }
            }
        };
        let Some((start, end)) = span else { continue };
        if end <= start || placed.iter().any(|(a, b, _)| start < *b && end > *a) {
            continue;
        }
        placed.push((start, end, m));
    }
    placed.sort_by_key(|p| p.0);
    let mut out = String::new();
    let mut at = 0;
    for (start, end, m) in placed {
        out.push_str(&html_escape(&line[at..start]));
        out.push_str(&mark_html(a, m, &line[start..end], counts));
        at = end;
    }
    out.push_str(&html_escape(&line[at..]));
    out
}

/// Whether the text is HTML (its tables are shown rather than its source).
fn is_html(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<') && {
        let head: String = text
            .chars()
            .take(1 << 20)
            .collect::<String>()
            .to_ascii_lowercase();
        head.contains("<table") || head.contains("<html")
    }
}

fn verdict_chip(v: FigureVerdict, n: usize) -> String {
    format!(
        "<span class=\"chip v-{}\"><span class=sym aria-hidden=true>{}</span> {n} {}</span>",
        v.name(),
        v.symbol(),
        v.label()
    )
}

/// The HTML section of one filing, and its summary row.
pub fn html_filing_section(index: usize, f: &HtmlFiling) -> (String, HtmlSummary) {
    use std::fmt::Write;
    let a = format!("f{}", index + 1);
    let r = f.report;
    let m = marks(&a, f);
    let c = counts(r);
    let mut figures = [0usize; 6];
    // The filing itself, figures marked: rendered first, to count the marks.
    let mut body = String::new();
    if is_html(f.text) {
        body.push_str(if f.filing.tables.is_empty() {
            "<p class=hint>HTML input: no table was read from it.</p>"
        } else {
            "<p class=hint>HTML input: its tables as read, figures marked.</p>"
        });
        for (t, table) in f.filing.tables.iter().enumerate() {
            let _ = write!(
                body,
                "<table class=src id=\"{a}-t{t}\"><caption>{} <span class=where>lines {}\u{2013}{}</span></caption><thead><tr><th scope=col>Line</th><th scope=col>Label</th>",
                html_escape(&table.title),
                table.lines.0,
                table.lines.1
            );
            for col in &table.columns {
                let _ = write!(
                    body,
                    "<th scope=col>{}{}</th>",
                    html_escape(&crate::bind::period_label(&col.period)),
                    col.currency
                        .as_deref()
                        .map(|c| format!(" {}", html_escape(c)))
                        .unwrap_or_default()
                );
            }
            body.push_str("</tr></thead><tbody>");
            for row in &table.rows {
                let _ = write!(
                    body,
                    "<tr id=\"{a}-L{}\"><td class=no>{}</td><th scope=row>{}</th>",
                    row.location.line,
                    row.location.line,
                    html_escape(&row.label)
                );
                let mut tds = vec![String::new(); table.columns.len().max(1)];
                let certain = row.cells.iter().all(|x| x.column.is_some());
                for (ci, cell) in row.cells.iter().enumerate() {
                    let slot = if certain {
                        cell.column.unwrap_or(ci).min(tds.len() - 1)
                    } else {
                        ci.min(tds.len() - 1)
                    };
                    let ms = m.by_line.get(&cell.location.line);
                    let mark = ms.and_then(|ms| ms.iter().find(|x| x.col == cell.location.column));
                    let html = match mark {
                        Some(x) => mark_html(&a, x, &cell.text, &mut figures),
                        None => html_escape(&cell.text),
                    };
                    if !tds[slot].is_empty() {
                        tds[slot].push(' ');
                    }
                    tds[slot].push_str(&html);
                }
                for td in tds {
                    let _ = write!(body, "<td class=num>{td}</td>");
                }
                body.push_str("</tr>");
                if let Some(ns) = m.notes.get(&row.location.line) {
                    let _ = write!(
                        body,
                        "<tr class=noterow><td></td><td colspan=\"{}\">{}</td></tr>",
                        table.columns.len() + 1,
                        ns.concat()
                    );
                }
            }
            body.push_str("</tbody></table>");
        }
    } else {
        let _ = write!(
            body,
            "<div class=text role=region aria-label=\"Text of {}, figures marked\">",
            html_escape(&r.source)
        );
        for (i, line) in f.text.lines().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = line.trim_end_matches('\r');
            let _ = write!(
                body,
                "<div class=ln id=\"{a}-L{n}\"><span class=no aria-hidden=true>{n}</span><span class=tx>{}</span></div>",
                marked_line(&a, line, m.by_line.get(&n), &mut figures)
            );
            if let Some(ns) = m.notes.get(&n) {
                body.push_str(&ns.concat());
            }
        }
        body.push_str("</div>");
    }

    let mut s = String::new();
    let _ = write!(
        s,
        "<section class=filing id=\"{a}\" aria-labelledby=\"{a}-h\"><h2 id=\"{a}-h\">{}</h2>",
        html_escape(&r.source)
    );
    let _ = write!(
        s,
        "<p class=facts>{} tables read, {} recognised; {} statements bound; {} numbers unbound.</p>",
        r.tables,
        r.tables_bound,
        r.statements,
        r.unbound.len()
    );
    let _ = write!(
        s,
        "<p class=counts><b>{} checks:</b> {} {} {} {}</p>",
        r.checks.len(),
        verdict_chip(FigureVerdict::Exact, c.exact),
        verdict_chip(FigureVerdict::WithinRounding, c.within_rounding),
        verdict_chip(FigureVerdict::Failed, c.failed),
        verdict_chip(FigureVerdict::Unreadable, c.unreadable)
    );
    let _ = write!(s, "<p class=counts><b>Figures marked:</b>");
    for v in FigureVerdict::ALL {
        let _ = write!(s, " {}", verdict_chip(v, figures[v.index()]));
    }
    s.push_str("</p>");
    let _ = write!(
        s,
        "<nav class=toc aria-label=\"Parts of {}\"><a href=\"#{a}-why\">Explanations</a> \u{b7} <a href=\"#{a}-text\">The filing, figures marked</a> \u{b7} <a href=\"#{a}-failed\">Failed checks</a> \u{b7} <a href=\"#{a}-checks\">Every check</a> \u{b7} <a href=\"#{a}-figures\">Every figure</a></nav>",
        html_escape(&r.source)
    );

    // Explanations.
    let _ = write!(
        s,
        "<h3 id=\"{a}-why\">Explanations ({})</h3>",
        f.explanations.len()
    );
    if f.explanations.is_empty() {
        s.push_str("<p>None: no failed check needs one.</p>");
    } else {
        s.push_str("<ol class=why>");
        for (k, e) in f.explanations.iter().enumerate() {
            let _ = write!(
                s,
                "<li id=\"{a}-e{k}\"><p>{}{}</p><ul>",
                html_escape(&e.summary),
                if e.ambiguous {
                    " <span class=where>(ambiguous: the suspects are alternatives)</span>"
                } else {
                    ""
                }
            );
            for sp in &e.suspects {
                let j = r.cells.iter().position(|x| {
                    x.cell.line == sp.line && x.cell.column == sp.column && x.cell.label == sp.label
                });
                let target = match j {
                    Some(j) => format!("{a}-c{j}"),
                    None => format!("{a}-L{}", sp.line),
                };
                let value = |v: &str| {
                    v.parse::<rust_decimal::Decimal>()
                        .map(|d| printed(&d))
                        .unwrap_or_else(|_| v.to_string())
                };
                let _ = write!(
                    s,
                    "<li><a href=\"#{target}\">line {} {} [{}]</a>: printed {}{} <span class=where>({})</span></li>",
                    sp.line,
                    html_escape(&sp.label),
                    html_escape(&sp.column),
                    if sp.reported.is_empty() {
                        "nothing".to_string()
                    } else {
                        html_escape(&value(&sp.reported))
                    },
                    if sp.suggested.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", suggested <b class=suggested>{}</b>",
                            html_escape(&value(&sp.suggested))
                        )
                    },
                    html_escape(&sp.pattern)
                );
            }
            s.push_str("</ul>");
            if !e.checks.is_empty() {
                s.push_str("<p>Explains:");
                for &ck in &e.checks {
                    if let Some(x) = r.checks.get(ck) {
                        let _ = write!(
                            s,
                            " <a href=\"#{a}-k{ck}\">{} [{}]</a>",
                            html_escape(&x.id),
                            html_escape(&x.column)
                        );
                    }
                }
                s.push_str("</p>");
            }
            if !e.details.is_empty() {
                s.push_str("<details><summary>Details</summary>");
                for d in &e.details {
                    let _ = write!(s, "<p class=detail>{}</p>", html_escape(d));
                }
                s.push_str("</details>");
            }
            s.push_str("</li>");
        }
        s.push_str("</ol>");
    }

    let _ = write!(s, "<h3 id=\"{a}-text\">The filing, figures marked</h3>");
    s.push_str(&body);

    // Failed checks.
    let _ = write!(s, "<h3 id=\"{a}-failed\">Failed checks ({})</h3>", c.failed);
    if c.failed == 0 {
        s.push_str("<p>None.</p>");
    } else {
        s.push_str("<ul class=failed>");
        for (k, x) in r.checks.iter().enumerate().filter(|(_, x)| x.verdict.failed()) {
            if let Verdict::Failed {
                expected,
                reported,
                difference,
                tolerance,
            } = &x.verdict
            {
                let _ = write!(
                    s,
                    "<li><a href=\"#{a}-k{k}\"><span class=sym aria-hidden=true>\u{2717}</span> {} [{}]</a>: reported {}, expected {}: off by {} (rounding explains {})</li>",
                    html_escape(&x.id),
                    html_escape(&x.column),
                    printed(reported),
                    printed(&expected.round_dp(2)),
                    printed(&difference.round_dp(2)),
                    tolerance.round_dp(2)
                );
            }
        }
        s.push_str("</ul>");
    }

    // Every check, linked to its cells.
    let _ = write!(
        s,
        "<h3 id=\"{a}-checks\">Every check ({})</h3><table class=checks><thead><tr><th scope=col>Verdict</th><th scope=col>Check</th><th scope=col>Column</th><th scope=col class=num>Reported</th><th scope=col class=num>Expected</th><th scope=col class=num>Difference</th><th scope=col class=num>Tolerance</th><th scope=col>Figures</th></tr></thead><tbody>",
        r.checks.len()
    );
    let rows = csv_rows(r);
    for (k, (x, row)) in r.checks.iter().zip(&rows).enumerate() {
        let v = FigureVerdict::of_check(&x.verdict);
        let cells: Vec<String> = x
            .relation
            .cells()
            .iter()
            .map(|&j| {
                format!(
                    "<a href=\"#{a}-c{j}\" title=\"{} [{}]\">L{}\u{a0}{}</a>",
                    html_escape(&r.cells[j].cell.label),
                    html_escape(&r.cells[j].cell.column),
                    r.cells[j].cell.line,
                    printed(&r.cells[j].amount.value())
                )
            })
            .collect();
        let ids: Vec<String> = x.relation.cells().iter().map(|j| format!("{a}-c{j}")).collect();
        let _ = write!(
            s,
            "<tr id=\"{a}-k{k}\" class=\"v-{}\" data-verdict=\"{}\" data-cells=\"{}\"><td><span class=sym aria-hidden=true>{}</span> {}</td><td><code>{}</code></td><td>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td>{}</td></tr>",
            v.name(),
            v.name(),
            ids.join(" "),
            v.symbol(),
            v.label(),
            html_escape(&x.id),
            html_escape(&x.column),
            row.reported,
            row.expected,
            row.difference,
            row.tolerance,
            cells.join(" ")
        );
    }
    s.push_str("</tbody></table>");

    // Every figure, linked to its checks.
    let _ = write!(
        s,
        "<h3 id=\"{a}-figures\">Every checked figure ({})</h3><table class=cells><thead><tr><th scope=col>Figure</th><th scope=col>Label</th><th scope=col>Column</th><th scope=col class=num>Value</th><th scope=col>Verdict</th><th scope=col>Checks</th></tr></thead><tbody>",
        r.cells.len()
    );
    for (j, cell) in r.cells.iter().enumerate() {
        let v = m.cell_verdict[j];
        let links: Vec<String> = m.cell_checks[j]
            .iter()
            .map(|&k| {
                format!(
                    "<a href=\"#{a}-k{k}\">{} {}</a>",
                    FigureVerdict::of_check(&r.checks[k].verdict).symbol(),
                    html_escape(&r.checks[k].id)
                )
            })
            .collect();
        let ids: Vec<String> = m.cell_checks[j].iter().map(|k| format!("{a}-k{k}")).collect();
        let _ = write!(
            s,
            "<tr id=\"{a}-x{j}\" data-cells=\"{}\"><td><a href=\"#{a}-c{j}\">line\u{a0}{}</a></td><td>{}</td><td>{}</td><td class=num>{}</td><td class=\"v-{}\"><span class=sym aria-hidden=true>{}</span> {}</td><td>{}</td></tr>",
            ids.join(" "),
            cell.cell.line,
            html_escape(&cell.cell.label),
            html_escape(&cell.cell.column),
            printed(&cell.amount.value()),
            v.name(),
            v.symbol(),
            v.label(),
            links.join(" ")
        );
    }
    s.push_str("</tbody></table></section>\n");
    let summary = HtmlSummary {
        anchor: a,
        source: r.source.clone(),
        tables: (r.tables, r.tables_bound, r.statements),
        checks: Some(c),
        explanations: f.explanations.len(),
        figures,
        error: None,
    };
    (s, summary)
}

/// The HTML section of a file that could not be read, and its summary row.
pub fn html_error_section(index: usize, source: &str, error: &str) -> (String, HtmlSummary) {
    let a = format!("f{}", index + 1);
    let s = format!(
        "<section class=filing id=\"{a}\" aria-labelledby=\"{a}-h\"><h2 id=\"{a}-h\">{}</h2><p class=error role=alert><span class=sym aria-hidden=true>!</span> Not checked: {}</p></section>\n",
        html_escape(source),
        html_escape(error)
    );
    let summary = HtmlSummary {
        anchor: a,
        source: source.to_string(),
        tables: (0, 0, 0),
        checks: None,
        explanations: 0,
        figures: [0; 6],
        error: Some(error.to_string()),
    };
    (s, summary)
}

const HTML_STYLE: &str = include_str!("report.css");
const HTML_SCRIPT: &str = include_str!("report.js");

/// The start of the HTML page: its head, the summary of every filing, the legend.
pub fn html_page_start(title: &str, summaries: &[HtmlSummary]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><meta name=generator content=\"statements {}\"><title>{}</title><style>{HTML_STYLE}</style></head><body>\n<a class=skip href=\"#main\">Skip to the filings</a><header><h1>{}</h1>",
        env!("CARGO_PKG_VERSION"),
        html_escape(title),
        html_escape(title)
    );
    s.push_str("<table class=summary><caption>Summary</caption><thead><tr><th scope=col>Filing</th><th scope=col class=num>Tables read / recognised</th><th scope=col class=num>Statements</th><th scope=col class=num>Checks</th>");
    for v in [
        FigureVerdict::Exact,
        FigureVerdict::WithinRounding,
        FigureVerdict::Failed,
        FigureVerdict::Unreadable,
    ] {
        let _ = write!(
            s,
            "<th scope=col class=\"num v-{}\"><span class=sym aria-hidden=true>{}</span> {}</th>",
            v.name(),
            v.symbol(),
            v.label()
        );
    }
    s.push_str("<th scope=col class=num>Explanations</th></tr></thead><tbody>");
    for x in summaries {
        match (&x.checks, &x.error) {
            (Some(c), _) => {
                let _ = write!(
                    s,
                    "<tr data-failed=\"{}\"><th scope=row><a href=\"#{}\">{}</a></th><td class=num>{} / {}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=\"num{}\">{}</td><td class=num>{}</td><td class=num>{}</td></tr>",
                    c.failed,
                    x.anchor,
                    html_escape(&x.source),
                    x.tables.0,
                    x.tables.1,
                    x.tables.2,
                    c.exact + c.within_rounding + c.failed + c.unreadable,
                    c.exact,
                    c.within_rounding,
                    if c.failed > 0 { " bad" } else { "" },
                    c.failed,
                    c.unreadable,
                    x.explanations
                );
            }
            (None, e) => {
                let _ = write!(
                    s,
                    "<tr><th scope=row><a href=\"#{}\">{}</a></th><td colspan=8 class=error>! not checked: {}</td></tr>",
                    x.anchor,
                    html_escape(&x.source),
                    html_escape(e.as_deref().unwrap_or_default())
                );
            }
        }
    }
    s.push_str("</tbody></table><p class=legend><b>Figures are marked by verdict:</b>");
    for v in FigureVerdict::ALL {
        let _ = write!(
            s,
            " <span class=\"fig v-{}\">{} 1,234</span> {}",
            v.name(),
            v.symbol(),
            v.label()
        );
    }
    s.push_str(". A figure takes the worst verdict of its checks; follow it to its checks, and a check to its figures. <span class=fix>\u{2192}\u{a0}1,234</span> is the value an explanation suggests.</p></header>\n<main id=main>\n");
    s
}

/// The end of the HTML page (its script).
pub fn html_page_end() -> String {
    format!("</main><script>{HTML_SCRIPT}</script></body></html>\n")
}

/// A whole HTML page for the given filings: self-contained (no network, no other file).
///
/// ```
/// use statement_core::{kingsoft::{Kingsoft, H1_2023}, read, report, LayoutSet};
/// let filing = read::read(H1_2023.name, H1_2023.text.as_bytes()).unwrap();
/// let rules = Kingsoft::rules(&filing);
/// let r = statement_core::check::check_filing(&filing, &rules);
/// let why = statement_core::explain::explain_filing(&filing, &rules, &r);
/// let page = report::html_page("Kingsoft Cloud", &[report::HtmlFiling {
///     filing: &filing, text: H1_2023.text, report: &r, explanations: &why,
/// }]);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("data-verdict=\"failed\" id=\"f1-c"));
/// ```
pub fn html_page(title: &str, filings: &[HtmlFiling]) -> String {
    let (sections, summaries): (Vec<String>, Vec<HtmlSummary>) = filings
        .iter()
        .enumerate()
        .map(|(i, f)| html_filing_section(i, f))
        .unzip();
    let mut s = html_page_start(title, &summaries);
    for x in sections {
        s.push_str(&x);
    }
    s.push_str(&html_page_end());
    s
}
