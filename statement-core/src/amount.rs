//! Typed amounts: money in a currency over a period kind, share counts, per-share amounts, ratios and
//! percentages, each carrying the precision it was printed with.
//!
//! Operations exist only where they make sense, so a wrong sum is a type error:
//!
//! ```
//! use statement_core::{Amount, Duration, Money, Rmb, Shares};
//!
//! let revenue = Money::<Rmb, Duration>::thousands(2_349_227);
//! let cost = Money::<Rmb, Duration>::thousands(-2_010_370);
//! let gross = (revenue + cost).unwrap();
//! assert_eq!(gross.amount().value().to_string(), "338857");
//!
//! let shares = Shares::units(4_009_119_198);
//! let per_share = (Money::<Rmb, Duration>::thousands(-457_465) / shares).unwrap();
//! assert_eq!(per_share.amount().round_dp(2).to_string(), "-0.11");
//! # let _ = Amount::thousands(1);
//! ```
//!
//! ```compile_fail
//! use statement_core::{Duration, Money, Rmb, Usd};
//! // RMB does not add to US$.
//! let _ = Money::<Rmb, Duration>::thousands(1) + Money::<Usd, Duration>::thousands(1);
//! ```
//!
//! ```compile_fail
//! use statement_core::{Duration, Instant, Money, Rmb};
//! // A balance (instant) does not add to a flow (duration).
//! let _ = Money::<Rmb, Instant>::thousands(1) + Money::<Rmb, Duration>::thousands(1);
//! ```

use core::fmt;
use core::marker::PhantomData;
use core::ops::{Add, Div, Neg, Sub};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why an arithmetic operation on amounts produced no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// The result does not fit a 96-bit decimal.
    Overflow,
    /// A division by a zero amount.
    DivisionByZero,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Overflow => f.write_str("amount overflow"),
            AmountError::DivisionByZero => f.write_str("division by a zero amount"),
        }
    }
}

impl std::error::Error for AmountError {}

/// What one printed unit stands for: "All amounts in thousands" makes `1,234` mean 1,234,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Printed as is (share counts, per-share amounts, percentages).
    Units,
    /// Printed in thousands.
    Thousands,
    /// Printed in millions.
    Millions,
    /// Printed in billions (prose such as "RMB106.2 billion"; one decimal stands for anything
    /// within 50 million).
    Billions,
}

impl Scale {
    /// How many units one printed unit stands for.
    ///
    /// ```
    /// use statement_core::Scale;
    /// assert_eq!(Scale::Thousands.factor(), 1000.into());
    /// assert_eq!(Scale::Billions.factor(), 1_000_000_000.into());
    /// ```
    pub fn factor(self) -> Decimal {
        match self {
            Scale::Units => Decimal::ONE,
            Scale::Thousands => Decimal::from(1_000),
            Scale::Millions => Decimal::from(1_000_000),
            Scale::Billions => Decimal::from(1_000_000_000),
        }
    }
}

/// How precisely a figure was printed: its scale and its number of decimal places.
///
/// A value printed to a precision stands for an interval: `1,234` in thousands is anything in
/// `[1,233.5, 1,234.5]` thousands; `16.8 %` is anything in `[16.75 %, 16.85 %]`.
///
/// ```
/// use statement_core::{Precision, Scale};
/// let p = Precision::new(Scale::Units, 2);
/// assert_eq!(p.half_width().to_string(), "0.005");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Precision {
    /// What one printed unit stands for.
    pub scale: Scale,
    /// Decimal places printed.
    pub decimals: u32,
}

impl Precision {
    /// A precision of `decimals` places at `scale`.
    pub const fn new(scale: Scale, decimals: u32) -> Self {
        Precision { scale, decimals }
    }

    /// Whole thousands, as in "All amounts in thousands".
    pub const THOUSANDS: Precision = Precision::new(Scale::Thousands, 0);
    /// Whole units, as share counts are printed.
    pub const UNITS: Precision = Precision::new(Scale::Units, 0);
    /// Two decimals, as per-share figures are printed.
    pub const CENTS: Precision = Precision::new(Scale::Units, 2);
    /// One decimal, as percentages are printed (a tenth of a percent).
    pub const TENTHS: Precision = Precision::new(Scale::Units, 1);

    /// Half of the last printed digit, in printed units: the rounding a printed value may hide.
    pub fn half_width(self) -> Decimal {
        Decimal::new(5, self.decimals + 1)
    }
}

/// A closed interval of values, in printed units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

impl Interval {
    /// Whether the two intervals share at least one point.
    ///
    /// ```
    /// use statement_core::Interval;
    /// let a = Interval { lo: 1.into(), hi: 2.into() };
    /// let b = Interval { lo: 2.into(), hi: 3.into() };
    /// assert!(a.intersects(&b));
    /// ```
    pub fn intersects(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

/// A printed figure without a unit type: its value in printed units and its precision.
///
/// This is what the reader produces and what the checks compute on; the typed wrappers
/// ([`Money`], [`Shares`], [`PerShare`], [`Ratio`], [`Percent`]) hold one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    value: Decimal,
    precision: Precision,
}

impl Amount {
    /// A value in printed units with its precision.
    pub const fn new(value: Decimal, precision: Precision) -> Self {
        Amount { value, precision }
    }

    /// A whole number of thousands.
    ///
    /// ```
    /// use statement_core::Amount;
    /// assert_eq!(Amount::thousands(-117_819).value().to_string(), "-117819");
    /// ```
    pub fn thousands(value: i64) -> Self {
        Amount::new(Decimal::from(value), Precision::THOUSANDS)
    }

    /// A whole number of units.
    pub fn units(value: i64) -> Self {
        Amount::new(Decimal::from(value), Precision::UNITS)
    }

    /// The value, in printed units.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The printed precision.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The value in units (printed value times the scale factor).
    pub fn in_units(&self) -> Result<Decimal, AmountError> {
        self.value
            .checked_mul(self.precision.scale.factor())
            .ok_or(AmountError::Overflow)
    }

    /// The interval of values this printed figure stands for, in printed units.
    ///
    /// ```
    /// use statement_core::Amount;
    /// let i = Amount::thousands(1_234).interval();
    /// assert_eq!((i.lo.to_string(), i.hi.to_string()), ("1233.5".into(), "1234.5".into()));
    /// ```
    pub fn interval(&self) -> Interval {
        let h = self.precision.half_width();
        // Saturating: a figure at the edge of a decimal's range still has an interval.
        Interval {
            lo: self.value.checked_sub(h).unwrap_or(Decimal::MIN),
            hi: self.value.checked_add(h).unwrap_or(Decimal::MAX),
        }
    }

    /// The value rounded half away from zero to `dp` decimals.
    pub fn round_dp(&self, dp: u32) -> Decimal {
        self.value
            .round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }

    /// The sum; the coarser of the two precisions is kept. Amounts of different scales are
    /// summed in the finer scale.
    ///
    /// ```
    /// use statement_core::{Amount, AmountError};
    /// let max = Amount::new(rust_decimal::Decimal::MAX, statement_core::Precision::UNITS);
    /// assert_eq!(max.checked_add(&Amount::units(1)), Err(AmountError::Overflow));
    /// ```
    pub fn checked_add(&self, other: &Amount) -> Result<Amount, AmountError> {
        let (a, b, scale) = align(self, other)?;
        let value = a.checked_add(b).ok_or(AmountError::Overflow)?;
        Ok(Amount::new(
            value,
            Precision::new(scale, self.precision.decimals.min(other.precision.decimals)),
        ))
    }

    /// The difference; see [`Amount::checked_add`].
    pub fn checked_sub(&self, other: &Amount) -> Result<Amount, AmountError> {
        self.checked_add(&other.negate())
    }

    /// The amount with its sign flipped.
    pub fn negate(&self) -> Amount {
        Amount::new(-self.value, self.precision)
    }

    /// The amount times a whole weight (formula weights such as `2 * x` or `- x`).
    pub fn checked_weighted(&self, weight: i64) -> Result<Amount, AmountError> {
        let value = self
            .value
            .checked_mul(Decimal::from(weight))
            .ok_or(AmountError::Overflow)?;
        Ok(Amount::new(value, self.precision))
    }

    /// The quotient of the two amounts in units, unrounded (precision: 28 places at most).
    pub fn checked_div(&self, other: &Amount) -> Result<Decimal, AmountError> {
        let d = other.in_units()?;
        if d.is_zero() {
            return Err(AmountError::DivisionByZero);
        }
        self.in_units()?.checked_div(d).ok_or(AmountError::Overflow)
    }
}

fn align(a: &Amount, b: &Amount) -> Result<(Decimal, Decimal, Scale), AmountError> {
    let (sa, sb) = (a.precision.scale, b.precision.scale);
    if sa == sb {
        return Ok((a.value, b.value, sa));
    }
    let fine = sa.min(sb);
    let conv = |x: &Amount| -> Result<Decimal, AmountError> {
        let f = x.precision.scale.factor() / fine.factor();
        x.value.checked_mul(f).ok_or(AmountError::Overflow)
    };
    Ok((conv(a)?, conv(b)?, fine))
}

impl fmt::Display for Amount {
    /// The value as printed, without thousands separators: `-117819`, `0.10`, `16.8`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

/// A currency. RMB and US$ are built in; add another in your own crate:
///
/// ```
/// use statement_core::Currency;
/// #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
/// struct Hkd;
/// impl Currency for Hkd { const CODE: &'static str = "HK$"; }
/// assert_eq!(Hkd::CODE, "HK$");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a currency",
    note = "a currency is a marker type implementing `statement_core::Currency`, like `Rmb` or `Usd`"
)]
pub trait Currency: Copy + Default + fmt::Debug + Send + Sync + 'static {
    /// How the currency is printed in column headers (`RMB`, `US$`).
    const CODE: &'static str;
}

/// Renminbi.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rmb;
impl Currency for Rmb {
    const CODE: &'static str = "RMB";
}

/// US dollars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Usd;
impl Currency for Usd {
    const CODE: &'static str = "US$";
}

/// The period kind of a money line: a balance at an [`Instant`] or a flow over a [`Duration`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a period kind",
    note = "use `statement_core::Instant` (balance sheet) or `statement_core::Duration` (flows)"
)]
pub trait PeriodKind: Copy + Default + fmt::Debug + Send + Sync + 'static {
    /// `instant` or `duration`.
    const NAME: &'static str;
}

/// A balance at one date (balance-sheet lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Instant;
impl PeriodKind for Instant {
    const NAME: &'static str = "instant";
}

/// A flow over a period (income statement and cash-flow lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration;
impl PeriodKind for Duration {
    const NAME: &'static str = "duration";
}

macro_rules! amount_common {
    ($ty:ident $(< $($g:ident : $b:path),* >)?) => {
        impl $(< $($g: $b),* >)? $ty $(< $($g),* >)? {
            /// Wraps a printed figure.
            pub const fn new(amount: Amount) -> Self {
                $ty { amount, _unit: PhantomData }
            }
            /// The printed figure.
            pub fn amount(&self) -> Amount {
                self.amount
            }
        }
        impl $(< $($g: $b),* >)? fmt::Display for $ty $(< $($g),* >)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.amount, f)
            }
        }
        impl $(< $($g: $b),* >)? Serialize for $ty $(< $($g),* >)? {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.amount.serialize(s)
            }
        }
        impl<'de $(, $($g: $b),*)?> Deserialize<'de> for $ty $(< $($g),* >)? {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Amount::deserialize(d).map(Self::new)
            }
        }
        impl $(< $($g: $b),* >)? Clone for $ty $(< $($g),* >)? {
            fn clone(&self) -> Self { *self }
        }
        impl $(< $($g: $b),* >)? Copy for $ty $(< $($g),* >)? {}
        impl $(< $($g: $b),* >)? PartialEq for $ty $(< $($g),* >)? {
            fn eq(&self, other: &Self) -> bool { self.amount == other.amount }
        }
        impl $(< $($g: $b),* >)? fmt::Debug for $ty $(< $($g),* >)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($ty), self.amount)
            }
        }
        impl $(< $($g: $b),* >)? Neg for $ty $(< $($g),* >)? {
            type Output = Self;
            fn neg(self) -> Self { Self::new(self.amount.negate()) }
        }
        impl $(< $($g: $b),* >)? Add for $ty $(< $($g),* >)? {
            type Output = Result<Self, AmountError>;
            fn add(self, rhs: Self) -> Self::Output {
                self.amount.checked_add(&rhs.amount).map(Self::new)
            }
        }
        impl $(< $($g: $b),* >)? Sub for $ty $(< $($g),* >)? {
            type Output = Result<Self, AmountError>;
            fn sub(self, rhs: Self) -> Self::Output {
                self.amount.checked_sub(&rhs.amount).map(Self::new)
            }
        }
    };
}

/// Money in currency `C`, a balance or a flow according to `P`.
///
/// Money adds only to money of the same currency and period kind (the sum is a `Result`:
/// overflow is an error value). Money divided by money is a [`Ratio`]; money divided by
/// [`Shares`] is a [`PerShare`] amount.
pub struct Money<C: Currency, P: PeriodKind> {
    amount: Amount,
    _unit: PhantomData<fn() -> (C, P)>,
}
amount_common!(Money<C: Currency, P: PeriodKind>);

impl<C: Currency, P: PeriodKind> Money<C, P> {
    /// A whole number of thousands.
    pub fn thousands(value: i64) -> Self {
        Self::new(Amount::thousands(value))
    }
}

/// A number of shares.
pub struct Shares {
    amount: Amount,
    _unit: PhantomData<()>,
}
amount_common!(Shares);

impl Shares {
    /// A whole number of shares.
    pub fn units(value: i64) -> Self {
        Self::new(Amount::units(value))
    }
}

/// An amount per share in currency `C`.
pub struct PerShare<C: Currency> {
    amount: Amount,
    _unit: PhantomData<fn() -> C>,
}
amount_common!(PerShare<C: Currency>);

/// A dimensionless ratio, such as a margin as a fraction.
pub struct Ratio {
    amount: Amount,
    _unit: PhantomData<()>,
}
amount_common!(Ratio);

impl Ratio {
    /// The ratio in percent, printed to `decimals` places.
    ///
    /// ```
    /// use statement_core::{Duration, Money, Rmb};
    /// let margin = (Money::<Rmb, Duration>::thousands(338_857)
    ///     / Money::<Rmb, Duration>::thousands(2_349_227)).unwrap();
    /// assert_eq!(margin.to_percent(1).unwrap().to_string(), "14.4");
    /// ```
    pub fn to_percent(&self, decimals: u32) -> Result<Percent, AmountError> {
        let v = self
            .amount
            .value()
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(AmountError::Overflow)?;
        let v = v.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        Ok(Percent::new(Amount::new(
            v,
            Precision::new(Scale::Units, decimals),
        )))
    }
}

/// A percentage as printed (`16.8 %` is the value 16.8, precision a tenth).
pub struct Percent {
    amount: Amount,
    _unit: PhantomData<()>,
}
amount_common!(Percent);

impl<C: Currency, P: PeriodKind, P2: PeriodKind> Div<Money<C, P2>> for Money<C, P> {
    type Output = Result<Ratio, AmountError>;
    fn div(self, rhs: Money<C, P2>) -> Self::Output {
        let q = self.amount.checked_div(&rhs.amount)?;
        Ok(Ratio::new(Amount::new(q, Precision::new(Scale::Units, 28))))
    }
}

impl<C: Currency, P: PeriodKind> Div<Shares> for Money<C, P> {
    type Output = Result<PerShare<C>, AmountError>;
    fn div(self, rhs: Shares) -> Self::Output {
        let q = self.amount.checked_div(&rhs.amount)?;
        Ok(PerShare::new(Amount::new(q, Precision::new(Scale::Units, 28))))
    }
}

/// What kind of quantity a line holds; recorded in a layout's metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// [`Money`].
    Money,
    /// [`Shares`].
    Shares,
    /// [`PerShare`].
    PerShare,
    /// [`Ratio`].
    Ratio,
    /// [`Percent`].
    Percent,
}

/// Unit markers used by the derive's compile-time checks. Their names appear in compile errors
/// ("a `ShareCount` line item cannot be combined with a `MoneyAmount` line item"), so they are
/// named after what they stand for, and apart from the amount types: rustc prints a type by its
/// bare name only when no other public item has that name.
pub mod unit {
    /// Marker: a line of money.
    pub struct MoneyAmount;
    /// Marker: a share count.
    pub struct ShareCount;
    /// Marker: a per-share amount.
    pub struct PerShareAmount;
    /// Marker: a ratio.
    pub struct RatioValue;
    /// Marker: a percentage.
    pub struct PercentValue;
    /// Implemented by the kind markers ([`MoneyAmount`], [`ShareCount`], ...) and nothing else.
    pub trait Kind {}
    impl Kind for MoneyAmount {}
    impl Kind for ShareCount {}
    impl Kind for PerShareAmount {}
    impl Kind for RatioValue {}
    impl Kind for PercentValue {}

    /// Marker: the quantity has no currency (shares, ratios, percentages).
    pub struct NoCurrency;
    /// Marker: the quantity has no period kind (shares, per-share amounts, ratios).
    pub struct NoPeriod;

    /// [`MoneyAmount`], by the name of the amount type.
    pub type Money = MoneyAmount;
    /// [`ShareCount`], by the name of the amount type.
    pub type Shares = ShareCount;
    /// [`PerShareAmount`], by the name of the amount type.
    pub type PerShare = PerShareAmount;
    /// [`RatioValue`], by the name of the amount type.
    pub type Ratio = RatioValue;
    /// [`PercentValue`], by the name of the amount type.
    pub type Percent = PercentValue;
}

/// A type that can be a line item of a statement: one of the amount types, or an `Option` of one
/// for an optional line.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an amount, so it cannot be a line item",
    label = "a line item must be an amount",
    note = "line items are `Money<Currency, Instant|Duration>`, `Shares`, `PerShare<Currency>`, `Ratio`, `Percent`, or an `Option` of one for an optional line"
)]
pub trait LineValue: Sized {
    /// The amount type without `Option`.
    type Quantity: Quantity;
    /// The printed figure, if the line is present.
    fn to_amount(&self) -> Option<Amount>;
    /// Builds the line from a printed figure; `None` when the line is absent and not optional.
    fn from_amount(amount: Option<Amount>) -> Option<Self>;
}

/// The unit of an amount type, as seen by the derive's compile-time checks.
pub trait Quantity {
    /// [`unit::MoneyAmount`], [`unit::ShareCount`], ...
    type Kind;
    /// The currency, or [`unit::NoCurrency`].
    type Currency;
    /// The period kind, or [`unit::NoPeriod`].
    type Period;
    /// The runtime kind.
    const KIND: QuantityKind;
}

macro_rules! quantity {
    ($ty:ty, [$($g:tt)*], $kind:ident, $cur:ty, $per:ty) => {
        impl<$($g)*> Quantity for $ty {
            type Kind = unit::$kind;
            type Currency = $cur;
            type Period = $per;
            const KIND: QuantityKind = QuantityKind::$kind;
        }
        #[diagnostic::do_not_recommend]
        impl<$($g)*> LineValue for $ty {
            type Quantity = $ty;
            fn to_amount(&self) -> Option<Amount> { Some(self.amount) }
            fn from_amount(amount: Option<Amount>) -> Option<Self> { amount.map(Self::new) }
        }
        #[diagnostic::do_not_recommend]
        impl<$($g)*> LineValue for Option<$ty> {
            type Quantity = $ty;
            fn to_amount(&self) -> Option<Amount> { self.map(|x| x.amount) }
            fn from_amount(amount: Option<Amount>) -> Option<Self> { Some(amount.map(<$ty>::new)) }
        }
    };
}
quantity!(Money<C, P>, [C: Currency, P: PeriodKind], Money, C, P);
quantity!(Shares, [], Shares, unit::NoCurrency, unit::NoPeriod);
quantity!(PerShare<C>, [C: Currency], PerShare, C, unit::NoPeriod);
quantity!(Ratio, [], Ratio, unit::NoCurrency, unit::NoPeriod);
quantity!(Percent, [], Percent, unit::NoCurrency, unit::NoPeriod);

/// Holds when two line items are the same kind of quantity (money with money, shares with shares).
#[diagnostic::on_unimplemented(
    message = "a `{Self}` line item cannot be combined with a `{Other}` line item in a formula",
    label = "this line item is a `{Self}`, the formula's line is a `{Other}`",
    note = "money adds only to money, share counts to share counts, per-share amounts to per-share amounts, ratios to ratios, percentages to percentages",
    note = "the formula's line is the total the term sums into, or the first line item of a rule"
)]
pub trait SameKind<Other> {}
#[diagnostic::do_not_recommend]
impl<K: unit::Kind> SameKind<K> for K {}

/// Holds when two line items are in the same currency (or either has none).
#[diagnostic::on_unimplemented(
    message = "a line item in `{Self}` cannot be combined with a line item in `{Other}`",
    label = "this line item is in `{Self}`, the formula's line is in `{Other}`",
    note = "amounts in different currencies never add: translate them first"
)]
pub trait SameCurrency<Other> {}
#[diagnostic::do_not_recommend]
impl<C: Currency> SameCurrency<C> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> SameCurrency<unit::NoCurrency> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> SameCurrency<C> for unit::NoCurrency {}
#[diagnostic::do_not_recommend]
impl SameCurrency<unit::NoCurrency> for unit::NoCurrency {}

/// Holds when two line items have the same period kind (or either has none).
#[diagnostic::on_unimplemented(
    message = "a `{Self}` line item cannot be combined with a `{Other}` line item in a formula",
    label = "this line item is a `{Self}` amount, the formula's line is a `{Other}` amount",
    note = "a balance at an instant (balance sheet) never adds to a flow over a duration (income statement, cash flows)"
)]
pub trait SamePeriod<Other> {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> SamePeriod<P> for P {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> SamePeriod<unit::NoPeriod> for P {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> SamePeriod<P> for unit::NoPeriod {}
#[diagnostic::do_not_recommend]
impl SamePeriod<unit::NoPeriod> for unit::NoPeriod {}

/// Formats a printed-units decimal with thousands separators and parentheses for negatives, as
/// filings print it.
///
/// ```
/// use statement_core::amount::printed;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_over_money_is_ratio() {
        let r = (Money::<Rmb, Duration>::thousands(1) / Money::<Rmb, Duration>::thousands(4)).unwrap();
        assert_eq!(r.amount().value(), Decimal::new(25, 2));
    }

    #[test]
    fn division_by_zero_is_an_error() {
        let r = Money::<Rmb, Duration>::thousands(1) / Money::<Rmb, Duration>::thousands(0);
        assert_eq!(r.unwrap_err(), AmountError::DivisionByZero);
    }

    #[test]
    fn mixed_scales_add_in_the_finer_scale() {
        let a = Amount::thousands(2);
        let b = Amount::units(5);
        let s = a.checked_add(&b).unwrap();
        assert_eq!(
            (s.value(), s.precision().scale),
            (Decimal::from(2005), Scale::Units)
        );
    }
}
