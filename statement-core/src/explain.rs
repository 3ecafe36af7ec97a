//! Explaining failures: the culprit cell, the value that repairs it, and the pattern of the damage.

use serde::Serialize;

use crate::check::FilingReport;

/// A cell suspected of being wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suspect {
    /// 1-based line in the file.
    pub line: u32,
    /// The row's label.
    pub label: String,
    /// The column.
    pub column: String,
    /// The value printed.
    pub reported: String,
    /// The value that makes every check hold.
    pub suggested: String,
    /// How it went wrong: `digit_typo`, `transposition`, `sign_flip`, `copied_from <cell>`, ...
    pub pattern: String,
}

/// One root cause: the cells to correct, the checks it explains, and a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// One sentence.
    pub summary: String,
    /// Further lines (the totals an error propagated into, the alternatives when ambiguous).
    pub details: Vec<String>,
    /// Indices of the failed checks (into [`FilingReport::checks`]) this explains.
    pub checks: Vec<usize>,
    /// The suspects.
    pub suspects: Vec<Suspect>,
}

/// Localises the failures of a checked filing.
pub fn explain(report: &FilingReport) -> Vec<Explanation> {
    let _ = report;
    Vec::new()
}
