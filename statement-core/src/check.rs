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
    let tolerance = expected_tolerance + reported.precision().half_width();
    let difference = reported.value() - expected;
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
    let n = numerator.interval();
    let d = denominator.interval();
    if d.lo <= Decimal::ZERO && d.hi >= Decimal::ZERO {
        return Verdict::Unreadable;
    }
    let Some(expected) = numerator
        .value()
        .checked_div(denominator.value())
        .and_then(|q| q.checked_mul(scale))
    else {
        return Verdict::Unreadable;
    };
    let corners = [n.lo / d.lo, n.lo / d.hi, n.hi / d.lo, n.hi / d.hi];
    let lo = corners.iter().copied().min().unwrap_or(expected) * scale;
    let hi = corners.iter().copied().max().unwrap_or(expected) * scale;
    let tol = (hi - expected).max(expected - lo);
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
    let Some(expected) = source.value().checked_div(rate) else {
        return Verdict::Unreadable;
    };
    let lo = s.lo / rate;
    let hi = s.hi / rate;
    let tol = source.precision().half_width() / rate;
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
    let difference = reported.value() - expected;
    if range.intersects(&r) {
        Verdict::WithinRounding { difference }
    } else {
        Verdict::Failed {
            expected,
            reported: reported.value(),
            difference,
            tolerance: (tol + reported.precision().half_width()).round_dp(4),
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
            let difference = l - r;
            let tolerance = lt + rt;
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
        // Q2 2025 US$ total current assets: the six US$ lines sum to 1,449,837; printed 1,449,836.
        let parts = [762_756, 7_406, 281_751, 0, 315_936, 81_987].map(|v| (1, Amount::thousands(v)));
        assert_eq!(
            footing(&parts, Amount::thousands(1_449_836)),
            Verdict::WithinRounding { difference: Decimal::from(-1) }
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
        let v = translation(Amount::thousands(185_135), "7.2513".parse().unwrap(), Amount::thousands(8_031));
        let Verdict::Failed { expected, .. } = v else { panic!("{v:?}") };
        assert_eq!(expected.round_dp(0), Decimal::from(25_531));
    }
}
