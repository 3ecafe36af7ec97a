//! Reports: one JSON document for programs, and a readable text report for people.
//!
//! Amounts are decimal strings in the filing's printed units: `8,031` is `"8031"` and
//! `(117,819)` is `"-117819"`.

use serde::Serialize;

use crate::bind::{CellRef, Outcome, Recognition, Unbound};
use crate::check::{CheckKind, FilingCheck, FilingReport, Verdict};
use crate::explain::Suspect;
use crate::read::{Damage, DamageKind};

/// The JSON document: `{"filings": [...]}`.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// One entry per filing checked.
    pub filings: Vec<FilingJson>,
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
    pub check: String,
    /// Its family.
    pub kind: CheckKind,
    /// The statement (layout key, or the table title for damage).
    pub statement: String,
    /// The column.
    pub column: String,
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
        check: format!("parse:{}", d.kind.name()),
        kind: CheckKind::Parse,
        statement: title.to_string(),
        column: String::new(),
        reported,
        expected: None,
        difference: None,
        tolerance: None,
        cells: vec![CellRef {
            line: d.location.line,
            col: d.location.column,
            label: label.to_string(),
            column: String::new(),
            value: String::new(),
        }],
        suspects: Vec::new(),
        message: Some(d.message.clone()),
    }
}

/// Formats a printed-units decimal with thousands separators and parentheses for negatives, as
/// filings print it.
///
/// ```
/// use statement_core::report::printed;
/// assert_eq!(printed(&"-117819".parse().unwrap()), "(117,819)");
/// assert_eq!(printed(&"1.5".parse().unwrap()), "1.5");
/// ```
pub fn printed(v: &rust_decimal::Decimal) -> String {
    // The figure's own scale is kept: a narrative 44.0 prints as 44.0.
    let s = v.abs().to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if v.is_sign_negative() && !v.is_zero() {
        format!("({out})")
    } else {
        out
    }
}

/// The human report of one filing.
pub fn human(r: &FilingReport, explanations: &[crate::explain::Explanation]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let c = counts(r);
    let _ = writeln!(s, "{}", r.source);
    let _ = writeln!(
        s,
        "  {} tables read, {} recognised; {} statements bound; {} numbers unbound",
        r.tables,
        r.tables_bound,
        r.statements,
        r.unbound.len()
    );
    let _ = writeln!(
        s,
        "  {} checks: {} exact, {} within rounding, {} failed, {} unreadable (damaged terms)",
        r.checks.len(),
        c.exact,
        c.within_rounding,
        c.failed,
        c.unreadable
    );
    let doubt: Vec<&Recognition> = r
        .recognition
        .iter()
        .filter(|t| t.outcome != Outcome::Recognised)
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
            let _ = writeln!(s, "  * {}", e.summary);
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
        let _ = writeln!(s, "  x {} [{}]", f.id, f.column);
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
                "        line {:>4}  {:<58} {:>14}  {}",
                cell.line,
                truncate(&cell.label, 58),
                printed(&r.cells[i].amount.value()),
                cell.column
            );
        }
    }
    if !r.unbound.is_empty() {
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
    if !r.damage.is_empty() {
        let _ = writeln!(s, "\n  Reader damage ({}):", r.damage.len());
        for d in &r.damage {
            let _ = writeln!(
                s,
                "  ! line {:>4}, col {:>3}  {}: {}",
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
