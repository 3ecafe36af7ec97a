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
//! use statement_core::{Amount, verdict::{footing, Verdict}};
//!
//! // Total current assets at June 30, 2025 in the Q2 2025 press release, RMB thousands.
//! let parts = [5_464_077, 53_051, 2_018_350, 0, 2_263_242, 587_321]
//!     .map(|v| (1, Amount::thousands(v)));
//! assert_eq!(footing(&parts, Amount::thousands(10_386_041)), Verdict::Exact);
//! ```

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, AmountError, Interval};

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
    match expected_tolerance.checked_add(reported.precision().half_width()) {
        Some(tolerance) => judge(expected, reported.value(), tolerance),
        None => Verdict::Unreadable,
    }
}

/// The verdict on `reported` against `expected`, given how far rounding may set them apart:
/// exact, within rounding, or failed; unreadable when the difference overflows.
pub(crate) fn judge(expected: Decimal, reported: Decimal, tolerance: Decimal) -> Verdict {
    let Some(difference) = reported.checked_sub(expected) else {
        return Verdict::Unreadable;
    };
    if difference.is_zero() {
        Verdict::Exact
    } else if difference.abs() <= tolerance {
        Verdict::WithinRounding { difference }
    } else {
        Verdict::Failed {
            expected,
            reported,
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
    // The common case first: the ratio rounds to the printed one. Its bounds are needed only
    // otherwise, when figures this size cannot overflow computing them.
    let small = Decimal::new(1, 9);
    let large = Decimal::from(1_000_000_000_000_000i64);
    let bounded = n.lo.abs() <= large
        && n.hi.abs() <= large
        && d.lo.abs() >= small
        && d.hi.abs() >= small
        && scale.abs() <= Decimal::from(10_000);
    let expected = numerator
        .checked_div(denominator.value())
        .and_then(|e| e.checked_mul(scale));
    if let (true, Some(expected)) = (bounded, expected) {
        let decimals = reported.precision().decimals;
        // Within 0.49 of the last printed digit, both roundings below give the reported figure.
        let surely = expected
            .checked_sub(reported.value())
            .is_some_and(|d| surely_rounds_to(d, reported));
        if surely
            || expected
                .round_dp(decimals + 2)
                .round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                == reported.value()
        {
            return Verdict::Exact;
        }
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

/// Whether a value `difference` away from the reported figure surely rounds to it (to the
/// reported decimal places, even after a first rounding to two more): the figure is printed to
/// its precision and the difference is within 0.49 of its last digit.
pub(crate) fn surely_rounds_to(difference: Decimal, reported: Amount) -> bool {
    let decimals = reported.precision().decimals;
    decimals <= 26
        && reported.value().scale() <= decimals
        && difference.abs() <= Decimal::new(49, decimals + 2)
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

    proptest::proptest! {
        /// A value the short cut takes as surely rounding to the reported figure rounds to it,
        /// directly and after a first rounding to two more places.
        #[test]
        fn surely_rounding_values_round_to_the_reported_figure(
            printed in -10_000_000i64..10_000_000,
            offset in -600_000i64..600_000,
            decimals in 0u32..4,
        ) {
            let reported = Amount::new(Decimal::new(printed, decimals), crate::Precision::new(crate::Scale::Units, decimals));
            // An offset of up to 0.6 of the last printed digit, in millionths of it.
            let expected = reported.value() + Decimal::new(offset, decimals + 6);
            if surely_rounds_to(reported.value() - expected, reported) {
                let away = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
                proptest::prop_assert_eq!(expected.round_dp_with_strategy(decimals, away), reported.value());
                proptest::prop_assert_eq!(expected.round_dp(decimals + 2).round_dp_with_strategy(decimals, away), reported.value());
            } else {
                proptest::prop_assert!(offset.abs() > 490_000, "{offset}");
            }
        }
    }
}
