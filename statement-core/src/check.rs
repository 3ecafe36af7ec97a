//! Rounding-aware verdicts, following XBRL Calculations 1.1.
//!
//! A value printed to a precision stands for an interval (`1,234` in thousands is
//! `[1,233.5, 1,234.5]`). A total is consistent with its components when the interval of the
//! weighted sum of the components intersects the total's interval. A relation is
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

use crate::amount::{Amount, AmountError, Interval};
use crate::schema::Schema;

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The printed figures agree to the digit.
    Exact,
    /// The printed figures differ by `difference`, no more than the rounding they may hide.
    WithinRounding {
        /// Reported minus expected, in printed units.
        difference: Decimal,
    },
    /// The printed figures disagree by more than rounding explains.
    Failed {
        /// The value the other terms imply.
        expected: Decimal,
        /// The value printed.
        reported: Decimal,
        /// `reported - expected`.
        difference: Decimal,
        /// The largest difference rounding explains.
        tolerance: Decimal,
    },
    /// A term is missing or damaged, so the check was not evaluated.
    Unreadable,
}

impl Verdict {
    /// Whether the relation holds (exactly or within rounding).
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Exact | Verdict::WithinRounding { .. })
    }

    /// Whether the relation was evaluated and does not hold.
    pub fn failed(&self) -> bool {
        matches!(self, Verdict::Failed { .. })
    }
}

/// Compares an expected value (with the half-width of its interval) to a reported figure.
///
/// `expected_tolerance` is the rounding the expected value may hide; the reported figure's own
/// half-width is added to it.
///
/// ```
/// use statement_core::{Amount, check::{compare, Verdict}};
/// let v = compare(100.into(), "1.5".parse().unwrap(), Amount::thousands(102));
/// assert!(matches!(v, Verdict::WithinRounding { .. }));
/// ```
pub fn compare(expected: Decimal, expected_tolerance: Decimal, reported: Amount) -> Verdict {
    let (Some(tolerance), Some(difference)) = (
        expected_tolerance.checked_add(reported.precision().half_width()),
        reported.value().checked_sub(expected),
    ) else {
        return Verdict::Unreadable;
    };
    if difference.is_zero() {
        Verdict::Exact
    } else if difference.abs() <= tolerance {
        Verdict::WithinRounding { difference }
    } else {
        Verdict::Failed {
            expected,
            reported: reported.value(),
            difference,
            tolerance,
        }
    }
}

/// The weighted sum of `terms` and the rounding it may hide (sum of `|weight| * half-width`).
///
/// ```
/// use statement_core::{Amount, check::weighted_sum};
/// let (sum, tol) = weighted_sum(&[(1, Amount::thousands(5)), (-2, Amount::thousands(1))]).unwrap();
/// assert_eq!((sum.to_string(), tol.to_string()), ("3".into(), "1.5".into()));
/// ```
pub fn weighted_sum(terms: &[(i64, Amount)]) -> Result<(Decimal, Decimal), AmountError> {
    let mut sum = Decimal::ZERO;
    let mut tol = Decimal::ZERO;
    for (w, a) in terms {
        let wd = Decimal::from(*w);
        let t = a.value().checked_mul(wd).ok_or(AmountError::Overflow)?;
        sum = sum.checked_add(t).ok_or(AmountError::Overflow)?;
        tol = tol
            .checked_add(a.precision().half_width() * wd.abs())
            .ok_or(AmountError::Overflow)?;
    }
    Ok((sum, tol))
}

/// Checks that `total` is the weighted sum of `terms`, within rounding.
pub fn footing(terms: &[(i64, Amount)], total: Amount) -> Verdict {
    match weighted_sum(terms) {
        Ok((sum, tol)) => compare(sum, tol, total),
        Err(_) => Verdict::Unreadable,
    }
}

/// Checks that `reported` is `numerator / denominator * scale` (a margin in percent with scale
/// 100, a per-share figure with the scale between money's and shares' printed units), by
/// interval arithmetic on the printed figures.
///
/// ```
/// use statement_core::{Amount, Precision, Scale, check::{ratio, Verdict}};
/// use rust_decimal::Decimal;
/// // Q2 2025 gross margin: 338,857 / 2,349,227 = 14.42 %, printed 14.4 %.
/// let pct = Amount::new("14.4".parse().unwrap(), Precision::TENTHS);
/// let v = ratio(Amount::thousands(338_857), Amount::thousands(2_349_227), Decimal::ONE_HUNDRED, pct);
/// assert!(v.holds());
/// ```
pub fn ratio(numerator: Amount, denominator: Amount, scale: Decimal, reported: Amount) -> Verdict {
    ratio_of_interval(
        numerator.value(),
        numerator.interval(),
        denominator,
        scale,
        reported,
    )
}

/// [`ratio`] for a numerator known only as a value and the interval its rounding allows (a
/// difference or sum of printed figures carries the rounding of each).
///
/// ```
/// use statement_core::{Amount, Interval, Precision, check::{ratio_of_interval, Verdict}};
/// // (110 - 100) / 100 printed as 11.0 %: 110 and 100 may be 110.49 and 99.51, an 11.03 % change.
/// let n = Interval { lo: 9.into(), hi: 11.into() };
/// let pct = Amount::new("11.0".parse().unwrap(), Precision::TENTHS);
/// let v = ratio_of_interval(10.into(), n, Amount::thousands(100), 100.into(), pct);
/// assert!(v.holds());
/// ```
pub fn ratio_of_interval(
    numerator: Decimal,
    n: Interval,
    denominator: Amount,
    scale: Decimal,
    reported: Amount,
) -> Verdict {
    let d = denominator.interval();
    if d.lo <= Decimal::ZERO && d.hi >= Decimal::ZERO {
        return Verdict::Unreadable;
    }
    let bounds = || {
        let expected = numerator.checked_div(denominator.value())?.checked_mul(scale)?;
        let corners = [
            n.lo.checked_div(d.lo)?,
            n.lo.checked_div(d.hi)?,
            n.hi.checked_div(d.lo)?,
            n.hi.checked_div(d.hi)?,
        ];
        let lo = corners.iter().copied().min()?.checked_mul(scale)?;
        let hi = corners.iter().copied().max()?.checked_mul(scale)?;
        let tol = hi.checked_sub(expected)?.max(expected.checked_sub(lo)?);
        Some((expected, lo, hi, tol))
    };
    let Some((expected, lo, hi, tol)) = bounds() else {
        return Verdict::Unreadable;
    };
    let expected = expected.round_dp(reported.precision().decimals + 2);
    interval_verdict(expected, Interval { lo, hi }, tol, reported)
}

/// Checks that `reported` is `source / rate` (a convenience translation), within the rounding of
/// both printed figures.
///
/// ```
/// use statement_core::{Amount, check::{translation, Verdict}};
/// // 185,135 RMB thousand at 7.2513 is 25,531 US$ thousand, not 8,031.
/// let v = translation(Amount::thousands(185_135), "7.2513".parse().unwrap(), Amount::thousands(8_031));
/// assert!(matches!(v, Verdict::Failed { .. }));
/// ```
pub fn translation(source: Amount, rate: Decimal, reported: Amount) -> Verdict {
    if rate <= Decimal::ZERO {
        return Verdict::Unreadable;
    }
    let s = source.interval();
    let bounds = || {
        let expected = source.value().checked_div(rate)?;
        let lo = s.lo.checked_div(rate)?;
        let hi = s.hi.checked_div(rate)?;
        let tol = source.precision().half_width().checked_div(rate)?;
        Some((expected, lo, hi, tol))
    };
    let Some((expected, lo, hi, tol)) = bounds() else {
        return Verdict::Unreadable;
    };
    interval_verdict(expected.round_dp(2), Interval { lo, hi }, tol, reported)
}

fn interval_verdict(expected: Decimal, range: Interval, tol: Decimal, reported: Amount) -> Verdict {
    let r = reported.interval();
    let rounded = expected.round_dp_with_strategy(
        reported.precision().decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    if rounded == reported.value() {
        return Verdict::Exact;
    }
    let (Some(difference), Some(tolerance)) = (
        reported.value().checked_sub(expected),
        tol.checked_add(reported.precision().half_width()),
    ) else {
        return Verdict::Unreadable;
    };
    if range.intersects(&r) {
        Verdict::WithinRounding { difference }
    } else {
        Verdict::Failed {
            expected,
            reported: reported.value(),
            difference,
            tolerance: tolerance.round_dp(4),
        }
    }
}

/// What a check of a layout relates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// A subtotal or total against its formula; `line` indexes [`Schema::lines`].
    Footing {
        /// The total's line.
        line: usize,
    },
    /// A statement-level rule; `rule` indexes [`Schema::rules`].
    Rule {
        /// The rule's index.
        rule: usize,
    },
}

/// One evaluated relation of a layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable id: `footing:<line name>` or `rule:<rule name>`.
    pub id: String,
    /// What was checked.
    pub subject: Subject,
    /// Every line the check involves, the total (or left side) first.
    pub lines: Vec<usize>,
    /// The outcome.
    pub verdict: Verdict,
}

/// Evaluates every formula and rule of `schema` over figures in line order.
///
/// A missing optional line counts as absent (contributes nothing); a missing required line makes
/// the check [`Verdict::Unreadable`]. Nothing is guessed.
pub fn evaluate(schema: &Schema, amounts: &[Option<Amount>]) -> Vec<Check> {
    let mut out = Vec::new();
    let get = |i: usize| amounts.get(i).copied().flatten();
    for (i, line) in schema.lines.iter().enumerate() {
        let Some(formula) = line.formula else { continue };
        let mut lines = vec![i];
        lines.extend(formula.iter().map(|t| t.line));
        let verdict = match (get(i), collect_terms(schema, formula, amounts)) {
            (Some(total), Some(terms)) => footing(&terms, total),
            _ => Verdict::Unreadable,
        };
        out.push(Check {
            id: format!("footing:{}", line.name),
            subject: Subject::Footing { line: i },
            lines,
            verdict,
        });
    }
    for (r, rule) in schema.rules.iter().enumerate() {
        let lines: Vec<usize> = rule.left.iter().chain(rule.right).map(|t| t.line).collect();
        let verdict = match (
            collect_terms(schema, rule.left, amounts),
            collect_terms(schema, rule.right, amounts),
        ) {
            (Some(l), Some(rt)) => rule_verdict(&l, &rt),
            _ => Verdict::Unreadable,
        };
        out.push(Check {
            id: format!("rule:{}", rule.name),
            subject: Subject::Rule { rule: r },
            lines,
            verdict,
        });
    }
    out
}

fn collect_terms(
    schema: &Schema,
    terms: &[crate::schema::Term],
    amounts: &[Option<Amount>],
) -> Option<Vec<(i64, Amount)>> {
    let mut out = Vec::with_capacity(terms.len());
    for t in terms {
        match amounts.get(t.line).copied().flatten() {
            Some(a) => out.push((t.weight, a)),
            None if schema.lines.get(t.line).is_some_and(|l| l.optional) => {}
            None => return None,
        }
    }
    Some(out)
}

fn rule_verdict(left: &[(i64, Amount)], right: &[(i64, Amount)]) -> Verdict {
    // A single unweighted left term is the reported figure; otherwise compare the two sums.
    if let [(1, reported)] = left {
        return footing(right, *reported);
    }
    match (weighted_sum(left), weighted_sum(right)) {
        (Ok((l, lt)), Ok((r, rt))) => {
            let (Some(difference), Some(tolerance)) = (l.checked_sub(r), lt.checked_add(rt)) else {
                return Verdict::Unreadable;
            };
            if difference.is_zero() {
                Verdict::Exact
            } else if difference.abs() <= tolerance {
                Verdict::WithinRounding { difference }
            } else {
                Verdict::Failed {
                    expected: r,
                    reported: l,
                    difference,
                    tolerance,
                }
            }
        }
        _ => Verdict::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_dollar_subtotal_within_rounding() {
        // Q2 2025 US$ total non-current assets from the RMB lines translated at 7.1636 and rounded
        // (non-current prepayments 616,779 give 86,099 where 86,100 is printed): 2,016,258 against
        // the printed 2,016,259.
        let parts = [1_151_929, 86_307, 642_934, 86_099, 32_328, 16_661].map(|v| (1, Amount::thousands(v)));
        assert_eq!(
            footing(&parts, Amount::thousands(2_016_259)),
            Verdict::WithinRounding {
                difference: Decimal::ONE
            }
        );
    }

    #[test]
    fn broken_total_fails_with_difference_and_tolerance() {
        let parts = [(1, Amount::thousands(100)), (1, Amount::thousands(200))];
        assert_eq!(
            footing(&parts, Amount::thousands(310)),
            Verdict::Failed {
                expected: 300.into(),
                reported: 310.into(),
                difference: 10.into(),
                tolerance: "1.5".parse().unwrap(),
            }
        );
    }

    #[test]
    fn translation_of_impairment_expects_25531() {
        let v = translation(
            Amount::thousands(185_135),
            "7.2513".parse().unwrap(),
            Amount::thousands(8_031),
        );
        let Verdict::Failed { expected, .. } = v else {
            panic!("{v:?}")
        };
        assert_eq!(expected.round_dp(0), Decimal::from(25_531));
    }
}

// ---------------------------------------------------------------------------------------------
// Checks over a whole filing: footings, rules, ties across statements, periods, currencies and
// ratios, each a relation over located cells so it can be re-evaluated with other values.
// ---------------------------------------------------------------------------------------------

use crate::bind::{self, BoundStatement, CellRef, ColumnKey, Layout, Slot, Unbound};
use crate::read::{Damage, Filing, Period};

/// A figure printed in two statements that must agree (`sign` -1 where one prints the opposite
/// sign, as a note of tax expense against the income statement's line).
#[derive(Clone, Copy, Debug)]
pub struct Tie {
    /// (layout key, line name) of the first figure.
    pub a: (&'static str, &'static str),
    /// (layout key, line name) of the second figure.
    pub b: (&'static str, &'static str),
    /// 1 when the two are printed with the same sign, -1 when opposite.
    pub sign: i64,
}

/// A printed ratio: `result = numerator / denominator` (in percent when `result` is a percent
/// line), each (layout key, line name), matched by period.
#[derive(Clone, Copy, Debug)]
pub struct RatioRule {
    /// The printed ratio.
    pub result: (&'static str, &'static str),
    /// The numerator.
    pub numerator: (&'static str, &'static str),
    /// The denominator.
    pub denominator: (&'static str, &'static str),
}

/// Cash at the end (beginning) of a cash-flow period = the balance sheet's cash lines at that
/// period's end (start).
#[derive(Clone, Copy, Debug)]
pub struct CashTie {
    /// The cash-flow layout key.
    pub flow_layout: &'static str,
    /// Its closing-balance line.
    pub ending: &'static str,
    /// Its opening-balance line.
    pub beginning: &'static str,
    /// The balance-sheet layout key.
    pub balance_layout: &'static str,
    /// The balance-sheet lines that make up the cash of the flow statement.
    pub balance_lines: &'static [&'static str],
}

/// Everything that relates the statements of one filing.
#[derive(Clone, Copy, Debug)]
pub struct FilingRules {
    /// The layouts to recognise.
    pub layouts: &'static [Layout],
    /// RMB per US$ of the convenience translation, if the filing has US$ columns.
    pub usd_rate: Option<Decimal>,
    /// Ties across statements.
    pub ties: &'static [Tie],
    /// Ratios.
    pub ratios: &'static [RatioRule],
    /// The cash tie between the cash-flow summary and the balance sheet.
    pub cash_tie: Option<CashTie>,
    /// (layout key, total line) of layouts printed with a column of each line's share of the
    /// total, in percent. Percentage columns of other layouts are year-on-year changes.
    pub shares_of_total: &'static [(&'static str, &'static str)],
}

impl FilingRules {
    /// Whether the percentage columns of `layout` hold each line's share of the total (rather
    /// than year-on-year changes).
    pub fn shares(&self, layout: &str) -> bool {
        self.shares_of_total.iter().any(|(k, _)| *k == layout)
    }
}

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
    let binding = bind::bind_with(filing, rules.layouts, overrides);
    let stmts = &binding.statements;
    let mut b = Builder {
        stmts,
        layouts: rules.layouts,
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
    narrative_checks(&mut b, filing);
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

/// Footings of every subtotal and total, and the statement rules, within each statement.
fn footings(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (si, s) in stmts.iter().enumerate() {
        // A column of year-on-year changes does not foot; a column of shares of the total does.
        if s.percent_column && !rules.shares(s.key) {
            continue;
        }
        let schema = &rules.layouts[s.layout].schema;
        for (li, line) in schema.lines.iter().enumerate() {
            let Some(formula) = line.formula else { continue };
            if !b.present(si, li) {
                continue;
            }
            let mut terms = vec![(si, li, one)];
            terms.extend(formula.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            if s.doubtful.contains(&li) {
                // The table prints a row the layout does not know among this total's terms.
                let cells = terms
                    .iter()
                    .filter_map(|&(s2, l2, _)| match b.term(s2, l2) {
                        Term::Cell(i) => Some(i),
                        _ => None,
                    })
                    .collect();
                let id = format!("footing:{}.{}", s.key, line.name);
                b.push(id, CheckKind::Footing, si, Relation::Unreadable { cells });
                continue;
            }
            b.linear(
                format!("footing:{}.{}", s.key, line.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
        for rule in schema.rules {
            let mut terms: Vec<(usize, usize, Decimal)> = rule
                .left
                .iter()
                .map(|t| (si, t.line, Decimal::from(t.weight)))
                .collect();
            terms.extend(rule.right.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            // Evaluated when its first term is printed: an absent optional term counts for
            // nothing, an absent required one makes the rule unreadable (as for footings).
            if !b.present(si, terms[0].1) {
                continue;
            }
            b.linear(
                format!("rule:{}.{}", s.key, rule.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
    }
}

/// The same statement printed twice (a summary and the full statement): every line ties. Each
/// copy is compared with its neighbour (the nearest copy printed before it in another group),
/// not with every other copy: n copies give n - 1 ties a line, and checks stay linear.
fn repeated_statements(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    // (layout, column) -> (the last copy, the last copy of an earlier group).
    let mut last: std::collections::HashMap<(usize, &ColumnKey), (usize, Option<usize>)> = Default::default();
    let mut pairs = Vec::new();
    for (j, c) in stmts.iter().enumerate().filter(|(_, s)| !s.percent_column) {
        let e = last.entry((c.layout, &c.column)).or_insert((j, None));
        let earlier = if stmts[e.0].group == c.group {
            e.1
        } else {
            Some(e.0)
        };
        *e = (j, earlier);
        pairs.extend(earlier.map(|i| (i, j)));
    }
    pairs.sort_unstable();
    for (i, j) in pairs {
        let a = &stmts[i];
        {
            for (li, line) in rules.layouts[a.layout].schema.lines.iter().enumerate() {
                if b.present(i, li) && b.present(j, li) {
                    b.linear(
                        format!("tie:{}.{}", a.key, line.name),
                        CheckKind::CrossStatement,
                        j,
                        &[(j, li, one), (i, li, -one)],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}

/// Ties between layouts: the same figure in two statements. Each statement is tied to the
/// nearest statement (by group) of the other layout with its column, so a filing printing both
/// layouts n times gives about 2n ties, not n².
fn ties(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for tie in rules.ties {
        let side = |key: &str| {
            let mut by: std::collections::HashMap<&ColumnKey, Vec<usize>> = Default::default();
            for (i, s) in stmts
                .iter()
                .enumerate()
                .filter(|(_, s)| s.key == key && !s.percent_column)
            {
                by.entry(&s.column).or_default().push(i);
            }
            by
        };
        let (sa, sb) = (side(tie.a.0), side(tie.b.0));
        // The statement of `list` (in group order) nearest to group `g`, the earlier on a tie.
        let nearest = |list: &[usize], g: usize| {
            let k = list.partition_point(|&x| stmts[x].group < g);
            let after = list.get(k).copied();
            let before = k.checked_sub(1).map(|k| list[k]);
            match (before, after) {
                (Some(x), Some(y)) if stmts[y].group - g < g - stmts[x].group => Some(y),
                (Some(x), _) => Some(x),
                (None, y) => y,
            }
        };
        let mut pairs = std::collections::BTreeSet::new();
        for (column, la) in &sa {
            let Some(lb) = sb.get(column) else { continue };
            pairs.extend(la.iter().filter_map(|&i| Some((i, nearest(lb, stmts[i].group)?))));
            pairs.extend(lb.iter().filter_map(|&j| Some((nearest(la, stmts[j].group)?, j))));
        }
        for (i, j) in pairs {
            let (a, c) = (&stmts[i], &stmts[j]);
            let Some(la) = b.line_index(a, tie.a.1) else {
                continue;
            };
            {
                let Some(lc) = b.line_index(c, tie.b.1) else {
                    continue;
                };
                if b.present(i, la) && b.present(j, lc) {
                    let id = format!("tie:{}.{}={}.{}", tie.a.0, tie.a.1, tie.b.0, tie.b.1);
                    b.linear(
                        id,
                        CheckKind::CrossStatement,
                        j,
                        &[(j, lc, one), (i, la, -Decimal::from(tie.sign))],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}

/// The cash-flow summary's opening and closing cash against the balance sheets.
fn cash(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    if let Some(ct) = rules.cash_tie {
        for (i, f) in stmts.iter().enumerate().filter(|(_, s)| s.key == ct.flow_layout) {
            let Period::Duration { months, end } = f.column.period else {
                continue;
            };
            let start = end.months_before(months);
            for (line_name, date) in [(ct.ending, end), (ct.beginning, start)] {
                let Some(lf) = b.line_index(f, line_name) else {
                    continue;
                };
                let key = ColumnKey {
                    period: Period::Instant { date },
                    currency: f.column.currency.clone(),
                };
                let Some(j) = stmts
                    .iter()
                    .position(|s| s.key == ct.balance_layout && s.column == key)
                else {
                    continue;
                };
                let mut terms = vec![(i, lf, one)];
                for name in ct.balance_lines {
                    if let Some(l) = b.line_index(&stmts[j], name) {
                        terms.push((j, l, -one));
                    }
                }
                if b.present(i, lf) {
                    let id = format!(
                        "tie:{}.{}={}.{}",
                        ct.flow_layout,
                        line_name,
                        ct.balance_layout,
                        ct.balance_lines.join("+")
                    );
                    b.linear(id, CheckKind::CrossStatement, i, &terms, Decimal::ZERO);
                }
            }
        }
    }
}

/// Six months = first quarter + second quarter, where all three are printed.
fn periods(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (h, hs) in stmts.iter().enumerate() {
        let Period::Duration { months: 6, end } = hs.column.period else {
            continue;
        };
        let q2 = stmts.iter().position(|s| {
            s.group == hs.group
                && s.column.currency == hs.column.currency
                && s.column.period == Period::Duration { months: 3, end }
        });
        let q1_end = end.months_before(3);
        let q1 = stmts.iter().position(|s| {
            s.group == hs.group
                && s.column.currency == hs.column.currency
                && s.column.period
                    == Period::Duration {
                        months: 3,
                        end: q1_end,
                    }
        });
        let (Some(q1), Some(q2)) = (q1, q2) else { continue };
        for (li, line) in rules.layouts[hs.layout].schema.lines.iter().enumerate() {
            if line.kind != crate::QuantityKind::Money || !b.present(h, li) {
                continue;
            }
            b.linear(
                format!("period:{}.{}", hs.key, line.name),
                CheckKind::CrossPeriod,
                h,
                &[(h, li, one), (q1, li, -one), (q2, li, -one)],
                Decimal::ZERO,
            );
        }
    }
}

/// Each US$ figure = its RMB figure at the stated rate, within the rounding translation allows.
fn currency(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    if let Some(rate) = rules.usd_rate.filter(|r| *r > Decimal::ZERO) {
        let mut slacks: std::collections::HashMap<(usize, usize), Decimal> = Default::default();
        let mut memo = SlackMemo::new();
        for (u, us) in stmts.iter().enumerate() {
            if us.column.currency.as_deref() != Some("US$") || us.percent_column {
                continue;
            }
            let rmb = |same_group: bool| {
                stmts.iter().position(|s| {
                    s.layout == us.layout
                        && s.column.period == us.column.period
                        && s.column.currency.as_deref() == Some("RMB")
                        && (!same_group || s.group == us.group)
                })
            };
            let Some(r) = rmb(true).or_else(|| rmb(false)) else {
                continue;
            };
            let schema = &rules.layouts[us.layout].schema;
            for (li, line) in schema.lines.iter().enumerate() {
                if !b.present(u, li) || !b.present(r, li) {
                    continue;
                }
                let coef = match line.kind {
                    crate::QuantityKind::Money | crate::QuantityKind::PerShare => -one / rate,
                    crate::QuantityKind::Shares => -one,
                    _ => continue,
                };
                let slack = if line.kind == crate::QuantityKind::Shares {
                    Decimal::ZERO
                } else {
                    // Computed once a line: it depends on the layouts and the rate alone.
                    *slacks
                        .entry((us.layout, li))
                        .or_insert_with(|| translation_slack(rules, us.layout, li, rate, &mut memo))
                };
                b.linear(
                    format!("currency:{}.{}", us.key, line.name),
                    CheckKind::Currency,
                    u,
                    &[(u, li, one), (r, li, coef)],
                    slack,
                );
            }
        }
    }
}

/// Printed ratios: margins over revenues, loss per share over weighted shares.
fn ratios(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for rr in rules.ratios {
        for (i, rs) in stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key == rr.result.0 && !s.percent_column)
        {
            let Some(lr) = b.line_index(rs, rr.result.1) else {
                continue;
            };
            if !b.present(i, lr) {
                continue;
            }
            let find = |layout: &str| {
                stmts.iter().position(|s| {
                    s.key == layout
                        && !s.percent_column
                        && s.column.period == rs.column.period
                        && match &rs.column.currency {
                            Some(c) => s.column.currency.as_ref() == Some(c),
                            None => s.column.currency.as_deref() == Some("RMB"),
                        }
                })
            };
            let (Some(n), Some(d)) = (find(rr.numerator.0), find(rr.denominator.0)) else {
                continue;
            };
            let (Some(ln), Some(ld)) = (
                b.line_index(&stmts[n], rr.numerator.1),
                b.line_index(&stmts[d], rr.denominator.1),
            ) else {
                continue;
            };
            ratio_check(
                b,
                format!("ratio:{}.{}", rr.result.0, rr.result.1),
                i,
                lr,
                vec![(n, ln, one)],
                d,
                ld,
            );
        }
    }
}

/// Each line's printed share of the total = its figure / the total, in percent.
fn shares_of_total(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for &(layout, total) in rules.shares_of_total {
        for (p, ps) in stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key == layout && s.percent_column)
        {
            // The figures are the nearest column before the percentages in the same table
            // ("Number of Employees", "Percentage").
            let Some(figures) = (0..p)
                .rev()
                .find(|&s| stmts[s].group == ps.group && stmts[s].key == layout && !stmts[s].percent_column)
            else {
                continue;
            };
            let Some(lt) = b.line_index(ps, total) else {
                continue;
            };
            for (li, line) in rules.layouts[ps.layout].schema.lines.iter().enumerate() {
                if b.present(p, li) {
                    let id = format!("ratio:{layout}.{}.share", line.name);
                    ratio_check(b, id, p, li, vec![(figures, li, one)], figures, lt);
                }
            }
        }
    }
}

/// Year-on-year change columns: (new - old) / old, in percent.
fn changes(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (c, cs) in stmts
        .iter()
        .enumerate()
        .filter(|(_, s)| s.percent_column && !rules.shares(s.key))
    {
        // The change is between the two periods of the table's first currency (a US$ convenience
        // column of the later period is not a third period).
        let figures: Vec<usize> = (0..stmts.len())
            .filter(|&s| stmts[s].group == cs.group && !stmts[s].percent_column)
            .collect();
        let currency = figures.first().and_then(|&s| stmts[s].column.currency.clone());
        let mut same: Vec<usize> = figures
            .into_iter()
            .filter(|&s| stmts[s].column.currency == currency)
            .collect();
        same.sort_by_key(|&s| period_end(&stmts[s].column.period));
        for (li, line) in rules.layouts[cs.layout].schema.lines.iter().enumerate() {
            if !b.present(c, li) {
                continue;
            }
            let id = format!("ratio:{}.{}.change", cs.key, line.name);
            let [old, new] = same[..] else {
                // Not two periods to compare: said, not dropped.
                b.push(
                    id,
                    CheckKind::Ratio,
                    c,
                    Relation::Unreadable { cells: Vec::new() },
                );
                continue;
            };
            ratio_check(b, id, c, li, vec![(new, li, one), (old, li, -one)], old, li);
        }
    }
}

/// Each figure the prose restates (see [`crate::narrative`]) against the table cell it names:
/// `narrative:<layout>.<line>`, the narrative figure (in millions, located in the paragraph) the
/// reported term, the cell the expected one, within the rounding of both. A claim whose cell is
/// printed but unreadable gives an unreadable check.
fn narrative_checks(b: &mut Builder<'_>, filing: &Filing) {
    for claim in crate::narrative::claims(filing, b.stmts, b.layouts) {
        let Some((s, line)) = claim.target(b.stmts, b.layouts) else {
            continue;
        };
        let cell = CellRef {
            line: claim.location.line,
            col: claim.location.column,
            label: claim.subject.clone(),
            column: "narrative".to_string(),
            value: claim.value.to_string(),
        };
        let narrative = b.intern(&cell, claim.amount());
        let relation = match b.term(s, line) {
            Term::Cell(t) => {
                // The cell in millions, with the claim's sign convention.
                let scale = b.cells[t].amount.precision().scale.factor() / crate::Scale::Millions.factor();
                Relation::Linear {
                    terms: vec![(Decimal::ONE, narrative), (-Decimal::from(claim.sign) * scale, t)],
                    slack: Decimal::ZERO,
                }
            }
            Term::Skip | Term::Damaged => Relation::Unreadable {
                cells: vec![narrative],
            },
        };
        b.push(
            format!("narrative:{}.{}", claim.layout, claim.line),
            CheckKind::CrossStatement,
            s,
            relation,
        );
    }
}

/// [`translation_slack`]'s partial results, by (layout, line, depth), for one rate.
type SlackMemo = std::collections::HashMap<(usize, usize, u8), Decimal>;

/// How far a US$ figure may stray from the direct translation of its RMB figure through rounding
/// alone, beyond its own rounding and the RMB figure's:
///
/// - a subtotal summed from translated lines carries each line's rounding (recursively);
/// - a line that is a component of a footing may carry the rounding residual of that footing (a
///   plug that makes the US$ column foot): half a unit per term of the footing.
///
/// Both apply through ties: the gross profit of a reconciliation is the income statement's subtotal.
fn translation_slack(
    rules: &FilingRules,
    layout: usize,
    line: usize,
    rate: Decimal,
    memo: &mut SlackMemo,
) -> Decimal {
    type Memo = SlackMemo;
    // Memoised by (layout, line, depth): without it the walk through formulas and ties is
    // exponential in the depth.
    fn formula_slack(
        rules: &FilingRules,
        layout: usize,
        line: usize,
        rate: Decimal,
        depth: u8,
        memo: &mut Memo,
    ) -> Decimal {
        if let Some(v) = memo.get(&(layout, line, depth)) {
            return *v;
        }
        let schema = &rules.layouts[layout].schema;
        // Saturating: a rate or weights at the edge of a decimal's range give a vast slack
        // (and so no failure), never a panic.
        let leaf =
            Decimal::new(5, 1).saturating_add(Decimal::new(5, 1).checked_div(rate).unwrap_or(Decimal::MAX));
        let own = schema.lines[line].formula.map(|f| {
            f.iter().fold(Decimal::ZERO, |acc, t| {
                let sub = if depth < 8 {
                    formula_slack(rules, layout, t.line, rate, depth + 1, memo)
                } else {
                    Decimal::ZERO
                };
                acc.saturating_add(
                    Decimal::from(t.weight.unsigned_abs()).saturating_mul(leaf.saturating_add(sub)),
                )
            })
        });
        let tied: Vec<(usize, usize)> = tied_lines(rules, layout, line).collect();
        let tied = tied
            .into_iter()
            .filter_map(|(l2, n2)| {
                if depth >= 8 {
                    return None;
                }
                let s2 = &rules.layouts[l2].schema;
                s2.lines[n2]
                    .formula
                    .map(|_| formula_slack(rules, l2, n2, rate, depth + 1, memo))
            })
            .max();
        let v = own.into_iter().chain(tied).max().unwrap_or(Decimal::ZERO);
        memo.insert((layout, line, depth), v);
        v
    }
    let plug = std::iter::once((layout, line))
        .chain(tied_lines(rules, layout, line))
        .flat_map(|(l, n)| {
            rules.layouts[l]
                .schema
                .lines
                .iter()
                .filter_map(move |x| x.formula.filter(|f| f.iter().any(|t| t.line == n)))
                .map(|f| Decimal::new(5, 1) * Decimal::from(f.len() as u64))
        })
        .max()
        .unwrap_or(Decimal::ZERO);
    formula_slack(rules, layout, line, rate, 0, memo).max(plug)
}

/// The (layout, line) pairs tied to this one by the rules' ties (same figure in another layout).
fn tied_lines(rules: &FilingRules, layout: usize, line: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let key = rules.layouts[layout].key;
    let name = rules.layouts[layout].schema.lines[line].name;
    rules.ties.iter().flat_map(move |t| {
        let other = if t.a == (key, name) {
            Some(t.b)
        } else if t.b == (key, name) {
            Some(t.a)
        } else {
            None
        };
        other.into_iter().flat_map(|(k, n)| {
            rules
                .layouts
                .iter()
                .enumerate()
                .filter(move |(_, l)| l.key == k)
                .filter_map(move |(i, l)| l.schema.lines.iter().position(|x| x.name == n).map(|p| (i, p)))
        })
    })
}

fn ratio_check(
    b: &mut Builder<'_>,
    id: String,
    at: usize,
    line: usize,
    numerator: Vec<(usize, usize, Decimal)>,
    d: usize,
    ld: usize,
) {
    let mut readable = Vec::new();
    let mut damaged = false;
    let mut cell = |b: &mut Builder<'_>, s: usize, l: usize| match b.term(s, l) {
        Term::Cell(i) => {
            readable.push(i);
            Some(i)
        }
        _ => {
            damaged = true;
            None
        }
    };
    let result = cell(b, at, line);
    let num: Vec<(Decimal, Option<usize>)> = numerator.iter().map(|&(s, l, c)| (c, cell(b, s, l))).collect();
    let den = cell(b, d, ld);
    let relation = match (result, den, damaged) {
        (Some(result), Some(denominator), false) => {
            let numerator: Vec<(Decimal, usize)> =
                num.iter().filter_map(|(c, i)| i.map(|i| (*c, i))).collect();
            let res_kind = b.layouts[b.stmts[at].layout].schema.lines[line].kind;
            let factor = |i: usize| b.cells[i].amount.precision().scale.factor();
            let mut scale = factor(numerator[0].1) / factor(denominator);
            if res_kind == crate::QuantityKind::Percent || b.stmts[at].percent_column {
                scale *= Decimal::ONE_HUNDRED;
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            }
        }
        _ => Relation::Unreadable { cells: readable },
    };
    b.push(id, CheckKind::Ratio, at, relation);
}

fn period_end(p: &Period) -> Option<crate::read::Date> {
    match p {
        Period::Instant { date } => Some(*date),
        Period::Duration { end, .. } => Some(*end),
        Period::Unknown => None,
    }
}
