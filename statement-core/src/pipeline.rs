//! The whole pipeline for one filing, for any layout set: read, bind and check, explain.
//!
//! A company's layouts and the relations between them form a [`LayoutSet`]. The command line,
//! the examples and the tests all go through [`check_and_explain`], so none of them knows which
//! company's layouts it runs.
//!
//! ```
//! use statement_core::{kingsoft::Kingsoft, pipeline};
//! let b = statement_core::kingsoft::Q2_2025;
//! let (report, _why) = pipeline::check_and_explain::<Kingsoft>(b.name, b.text.as_bytes()).unwrap();
//! assert!(report.checks.len() > 400);
//! ```

use crate::check::{FilingReport, FilingRules, check_filing};
use crate::explain::{Explanation, explain_filing};
use crate::read::{self, Filing, ReadError};

/// A company's layout set: the statements it prints and the relations between them.
pub trait LayoutSet {
    /// The set's name, as the command line shows it (for example `Kingsoft Cloud`).
    const NAME: &'static str;

    /// The relations for one read filing (a filing states its own exchange rate, for example).
    fn rules(filing: &Filing) -> FilingRules;

    /// Filings bundled with the set, checked when the command line is given no file:
    /// (name, bytes). None by default.
    fn bundled() -> Vec<(String, Vec<u8>)> {
        Vec::new()
    }
}

/// Reads, binds and checks one filing with the layouts of `S`.
pub fn check<S: LayoutSet>(source: &str, bytes: &[u8]) -> Result<FilingReport, ReadError> {
    check_and_explain::<S>(source, bytes).map(|(r, _)| r)
}

/// Reads, binds, checks and explains one filing with the layouts of `S`.
pub fn check_and_explain<S: LayoutSet>(
    source: &str,
    bytes: &[u8],
) -> Result<(FilingReport, Vec<Explanation>), ReadError> {
    let filing = read::read(source, bytes)?;
    let rules = S::rules(&filing);
    let report = check_filing(&filing, &rules);
    let why = explain_filing(&filing, &rules, &report);
    Ok((report, why))
}
