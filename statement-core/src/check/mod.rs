//! Checks over a whole filing: footings and rules of every bound statement, ties across
//! statements, balances, period sums, translations, ratios and the figures the prose restates,
//! each a relation over located cells so that it can be re-evaluated with other values.
//!
//! The verdicts follow XBRL Calculations 1.1 (see [`crate::verdict`]): a relation is
//! [`Verdict::Exact`] when the printed figures add up to the digit, [`Verdict::WithinRounding`]
//! when they differ by no more than the rounding the figures may hide, and [`Verdict::Failed`]
//! otherwise.
//!
//! ```
//! use statement_core::{Amount, check::{footing, Verdict}};
//!
//! // Total current assets at June 30, 2025 in the Q2 2025 press release, RMB thousands.
//! let parts = [5_464_077, 53_051, 2_018_350, 0, 2_263_242, 587_321]
//!     .map(|v| (1, Amount::thousands(v)));
//! assert_eq!(footing(&parts, Amount::thousands(10_386_041)), Verdict::Exact);
//! ```

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, Interval};
pub use crate::schema::{Check, Subject, evaluate};
pub use crate::verdict::{Verdict, compare, footing, ratio, ratio_of_interval, translation, weighted_sum};

mod between;
mod prose;
mod statements;

use between::{cash, changes, currency, periods, ratios, shares_of_total, ties};
use prose::narrative_checks;
use statements::{footings, repeated_statements};

// ---------------------------------------------------------------------------------------------
// Checks over a whole filing: footings, rules, ties across statements, periods, currencies and
// ratios, each a relation over located cells so it can be re-evaluated with other values.
// ---------------------------------------------------------------------------------------------

use crate::bind::{self, BoundStatement, CellRef, ColumnKey, Layout, Slot, Unbound};
use crate::read::{Damage, Filing, Period};

pub use crate::relations::{BalanceTie as CashTie, FilingRules, RatioRule, Tie};

/// The family a check belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A subtotal, total or statement rule within one statement.
    Footing,
    /// The same figure in two statements.
    CrossStatement,
    /// Six months = first quarter + second quarter.
    CrossPeriod,
    /// A US$ figure = the RMB figure at the stated rate.
    Currency,
    /// A margin, per-share figure or change = its terms' quotient.
    Ratio,
    /// Damage found by the reader.
    Parse,
}

/// A relation over a filing's cells (indices into [`FilingReport::cells`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Relation {
    /// `Σ coef·value = 0`; the first term is the reported figure, the rest give the expected
    /// value (`-Σ rest / first coefficient`). `slack` is extra tolerance, in units of the
    /// reported figure's relation (the rounding of translated components).
    Linear {
        /// (coefficient, cell) terms.
        terms: Vec<(Decimal, usize)>,
        /// Extra tolerance.
        slack: Decimal,
    },
    /// `result = numerator / denominator · scale`.
    Ratio {
        /// The printed ratio.
        result: usize,
        /// Numerator cells, summed with their coefficients.
        numerator: Vec<(Decimal, usize)>,
        /// Denominator cell.
        denominator: usize,
        /// Scale (100 for percent, 1000 for thousands per share).
        scale: Decimal,
    },
    /// A term is missing or damaged: not evaluated. The readable cells involved are listed.
    Unreadable {
        /// Readable cells of the check.
        cells: Vec<usize>,
    },
}

impl Relation {
    /// Every cell the relation involves.
    pub fn cells(&self) -> Vec<usize> {
        match self {
            Relation::Linear { terms, .. } => terms.iter().map(|t| t.1).collect(),
            Relation::Ratio {
                result,
                numerator,
                denominator,
                ..
            } => {
                let mut v = vec![*result];
                v.extend(numerator.iter().map(|t| t.1));
                v.push(*denominator);
                v
            }
            Relation::Unreadable { cells } => cells.clone(),
        }
    }

    /// Evaluates the relation over the given figures (indexed like [`FilingReport::cells`]).
    pub fn evaluate(&self, values: &[Amount]) -> Verdict {
        // Figures too large for a decimal make the check unreadable, never a panic.
        self.try_evaluate(values).unwrap_or(Verdict::Unreadable)
    }

    fn try_evaluate(&self, values: &[Amount]) -> Option<Verdict> {
        Some(match self {
            Relation::Linear { terms, slack } => {
                let ((c0, r), rest) = terms.split_first()?;
                let reported = values[*r];
                let mut expected = Decimal::ZERO;
                let mut tol = *slack;
                for (c, i) in rest {
                    let a = values[*i];
                    expected = expected.checked_sub(a.value().checked_mul(*c)?)?;
                    tol = tol.checked_add(a.precision().half_width().checked_mul(c.abs())?)?;
                }
                // In units of the reported figure: the other terms' rounding scales by 1/|c0|.
                let expected = expected.checked_div(*c0)?;
                let rounded = expected.round_dp_with_strategy(
                    reported.precision().decimals,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                let tolerance = tol
                    .checked_div(c0.abs())?
                    .checked_add(reported.precision().half_width())?;
                let difference = reported.value().checked_sub(expected)?;
                if rounded == reported.value() && difference.abs() <= tolerance {
                    if difference.is_zero() {
                        Verdict::Exact
                    } else if rest.iter().all(|(c, _)| c.fract().is_zero()) {
                        Verdict::WithinRounding { difference }
                    } else {
                        Verdict::Exact
                    }
                } else if difference.abs() <= tolerance {
                    Verdict::WithinRounding { difference }
                } else {
                    Verdict::Failed {
                        expected: expected.round_dp(4).normalize(),
                        reported: reported.value(),
                        difference: difference.round_dp(4).normalize(),
                        tolerance: tolerance.round_dp(4).normalize(),
                    }
                }
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            } => {
                let mut n = Decimal::ZERO;
                let mut half = Decimal::ZERO;
                for (c, i) in numerator {
                    n = n.checked_add(values[*i].value().checked_mul(*c)?)?;
                    half = half.checked_add(values[*i].precision().half_width().checked_mul(c.abs())?)?;
                }
                // The numerator's interval carries the rounding of each of its terms.
                let interval = Interval {
                    lo: n.checked_sub(half)?,
                    hi: n.checked_add(half)?,
                };
                let v = ratio_of_interval(n, interval, values[*denominator], *scale, values[*result]);
                match v {
                    Verdict::Failed {
                        expected,
                        reported,
                        difference,
                        tolerance,
                    } => Verdict::Failed {
                        expected: expected.round_dp(4).normalize(),
                        reported,
                        difference: difference.round_dp(4).normalize(),
                        tolerance: tolerance.normalize(),
                    },
                    v => v,
                }
            }
            Relation::Unreadable { .. } => Verdict::Unreadable,
        })
    }
}

/// A located figure of the filing that some check involves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilingCell {
    /// Where and what.
    #[serde(flatten)]
    pub cell: CellRef,
    /// The figure.
    #[serde(skip)]
    pub amount: Amount,
}

/// One evaluated check of a filing.
#[derive(Clone, Debug, PartialEq)]
pub struct FilingCheck {
    /// Stable id: `footing:balance_sheet.total_current_assets`, `currency:adjusted_ebitda.impairment`, ...
    pub id: String,
    /// Its family.
    pub kind: CheckKind,
    /// The layout key of the statement it is about.
    pub statement: String,
    /// The column it is about.
    pub column: String,
    /// The group of tables its statement was read from: a statement printed twice (a summary and
    /// the full statement) gives checks with the same id and column in two groups.
    pub group: usize,
    /// What it relates.
    pub relation: Relation,
    /// Its outcome.
    pub verdict: Verdict,
}

/// Everything learnt from one filing.
#[derive(Clone, Debug)]
pub struct FilingReport {
    /// Where the text came from.
    pub source: String,
    /// Tables read.
    pub tables: usize,
    /// Tables recognised as a layout.
    pub tables_bound: usize,
    /// Statements bound (one per column of a recognised table group).
    pub statements: usize,
    /// Every figure a check involves.
    pub cells: Vec<FilingCell>,
    /// Every check.
    pub checks: Vec<FilingCheck>,
    /// Numbers not bound to a line item.
    pub unbound: Vec<Unbound>,
    /// Reader damage.
    pub damage: Vec<Damage>,
    /// For each damage, the title of its table and the label of its row (empty when none).
    pub damage_context: Vec<(String, String)>,
    /// The statements bound, for localisation.
    pub bound: Vec<BoundStatement>,
    /// For each table read, how it was recognised or why it was not (then none of it is
    /// checked), and the layouts that could also bind it.
    pub recognition: Vec<bind::Recognition>,
}

impl FilingCheck {
    /// What identifies the check across runs over one filing (id, column, group).
    pub fn key(&self) -> (String, String, usize) {
        (self.id.clone(), self.column.clone(), self.group)
    }
}

impl FilingReport {
    /// The figures of [`FilingReport::cells`], for re-evaluating relations.
    pub fn values(&self) -> Vec<Amount> {
        self.cells.iter().map(|c| c.amount).collect()
    }

    /// How many checks have each verdict: (exact, within rounding, failed, unreadable).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for k in &self.checks {
            match k.verdict {
                Verdict::Exact => c.0 += 1,
                Verdict::WithinRounding { .. } => c.1 += 1,
                Verdict::Failed { .. } => c.2 += 1,
                Verdict::Unreadable => c.3 += 1,
            }
        }
        c
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &FilingCheck> {
        self.checks.iter().filter(|c| c.verdict.failed())
    }
}

struct Builder<'a> {
    stmts: &'a [BoundStatement],
    layouts: &'a [Layout],
    cells: Vec<FilingCell>,
    /// The figures of `cells`, kept beside them for evaluating relations.
    values: Vec<Amount>,
    index: std::collections::HashMap<(u32, u32), usize>,
    checks: Vec<FilingCheck>,
    /// Each statement's column label, formatted once.
    labels: Vec<String>,
}

enum Term {
    Cell(usize),
    Skip,
    Damaged,
}

impl Builder<'_> {
    fn line_index(&self, s: &BoundStatement, name: &str) -> Option<usize> {
        self.layouts[s.layout]
            .schema
            .lines
            .iter()
            .position(|l| l.name == name)
    }

    fn term(&mut self, s: usize, line: usize) -> Term {
        let stmts = self.stmts;
        let st = &stmts[s];
        match &st.slots[line] {
            Slot::Value { amount, cell } => Term::Cell(self.intern(cell, *amount)),
            Slot::Absent if self.layouts[st.layout].schema.lines[line].optional => Term::Skip,
            Slot::Absent => Term::Damaged,
            Slot::Damaged { .. } => Term::Damaged,
        }
    }

    /// Adds a linear check `Σ coef·line = 0` over (statement, line, coef) terms, the first being
    /// the reported figure. Returns nothing if the reported figure is absent (no check).
    fn linear(
        &mut self,
        id: String,
        kind: CheckKind,
        at: usize,
        terms: &[(usize, usize, Decimal)],
        slack: Decimal,
    ) {
        let mut out = Vec::new();
        let mut readable = Vec::new();
        let mut damaged = false;
        for (n, &(s, line, coef)) in terms.iter().enumerate() {
            match self.term(s, line) {
                Term::Cell(i) => {
                    out.push((coef, i));
                    readable.push(i);
                }
                Term::Skip if n > 0 => {}
                Term::Skip => return,
                Term::Damaged => damaged = true,
            }
        }
        let relation = if damaged {
            Relation::Unreadable { cells: readable }
        } else {
            Relation::Linear { terms: out, slack }
        };
        self.push(id, kind, at, relation);
    }

    /// The index of a located figure in `cells`, added the first time it is seen.
    fn intern(&mut self, cell: &CellRef, amount: Amount) -> usize {
        let next = self.cells.len();
        let idx = *self.index.entry((cell.line, cell.col)).or_insert(next);
        if idx == next {
            self.cells.push(FilingCell {
                cell: cell.clone(),
                amount,
            });
            self.values.push(amount);
        }
        idx
    }

    fn push(&mut self, id: String, kind: CheckKind, at: usize, relation: Relation) {
        let verdict = relation.evaluate(&self.values);
        let s = &self.stmts[at];
        self.checks.push(FilingCheck {
            id,
            kind,
            statement: s.key.to_string(),
            column: self.labels[at].clone(),
            group: s.group,
            relation,
            verdict,
        });
    }

    fn present(&self, s: usize, line: usize) -> bool {
        !matches!(self.stmts[s].slots[line], Slot::Absent)
    }
}

/// Whether a column's period was read: checks that pair columns by period never pair a column
/// whose period is unknown with another (two unread periods are never taken for one).
fn known(period: &Period) -> bool {
    !matches!(period, Period::Unknown)
}

/// Binds a read filing to the rules' layouts and evaluates every check the printed tables
/// support.
pub fn check_filing(filing: &Filing, rules: &FilingRules) -> FilingReport {
    check_filing_with(filing, rules, &[])
}

/// [`check_filing`] with some rows read in another of their alignments.
pub fn check_filing_with(
    filing: &Filing,
    rules: &FilingRules,
    overrides: &[bind::RowReading],
) -> FilingReport {
    let binding = bind::bind_with(filing, &rules.layouts, overrides);
    let stmts = &binding.statements;
    let mut b = Builder {
        stmts,
        layouts: &rules.layouts,
        cells: Vec::new(),
        values: Vec::new(),
        index: Default::default(),
        checks: Vec::new(),
        labels: stmts.iter().map(|s| s.column.label()).collect(),
    };
    for family in [
        footings,
        repeated_statements,
        ties,
        cash,
        periods,
        currency,
        ratios,
        shares_of_total,
        changes,
    ] {
        family(&mut b, rules);
    }
    // Figures the narrative restates from the tables.
    narrative_checks(&mut b, filing, rules);
    let checks = std::mem::take(&mut b.checks);
    let cells = std::mem::take(&mut b.cells);
    FilingReport {
        source: filing.source.clone(),
        tables: filing.tables.len(),
        tables_bound: binding.table_layouts.iter().flatten().count(),
        statements: stmts.len(),
        cells,
        checks,
        unbound: binding.unbound,
        damage: filing.damage.clone(),
        damage_context: filing
            .damage
            .iter()
            .map(|d| {
                let table = d.table.and_then(|t| filing.tables.get(t));
                let title = table.map(|t| t.title.clone()).unwrap_or_default();
                let row = d.row.and_then(|r| table?.rows.get(r)).map(|r| r.label.clone());
                (title, row.unwrap_or_default())
            })
            .collect(),
        bound: binding.statements,
        recognition: binding.recognition,
    }
}
