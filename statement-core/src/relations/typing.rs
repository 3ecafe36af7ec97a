//! What rustc checks when a user's crate declares relations with `#[derive(Filing)]` or a
//! roll-forward with `#[line(roll_forward = ...)]`: marker traits whose messages speak of line
//! items, currencies and periods. Generated code calls the functions of
//! `statement_core::__private` with the lines it relates, spanned at the user's tokens.

use crate::amount::{Currency, Duration, Instant, PeriodKind, unit};

/// Holds when two lines of a relation are the same kind of quantity.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` line cannot be related to a `{Other}` line",
    label = "this line is a `{Self}`, the other side of the relation is a `{Other}`",
    note = "a tie, a balance or a share of a total relates the same kind of quantity: money to money, shares to shares"
)]
pub trait TieKind<Other> {}
#[diagnostic::do_not_recommend]
impl<K: unit::Kind> TieKind<K> for K {}

/// Holds when two lines of a relation are in the same currency (or either has none).
#[diagnostic::on_unimplemented(
    message = "a line in `{Self}` cannot be tied to a line in `{Other}`",
    label = "this line is in `{Self}`, the other side of the relation is in `{Other}`",
    note = "a figure in another currency is a translation, not the same figure: declare `translate(From => To)`"
)]
pub trait TieCurrency<Other> {}
#[diagnostic::do_not_recommend]
impl<C: Currency> TieCurrency<C> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> TieCurrency<unit::NoCurrency> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> TieCurrency<C> for unit::NoCurrency {}
#[diagnostic::do_not_recommend]
impl TieCurrency<unit::NoCurrency> for unit::NoCurrency {}

/// Holds when two lines of a relation have the same period kind (or either has none).
#[diagnostic::on_unimplemented(
    message = "a `{Self}` line cannot be tied to a `{Other}` line",
    label = "this line is a `{Self}` amount, the other side of the relation is a `{Other}` amount",
    note = "a balance at an instant is never the same figure as a flow over a duration: relate them with a roll-forward"
)]
pub trait TiePeriod<Other> {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> TiePeriod<P> for P {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> TiePeriod<unit::NoPeriod> for P {}
#[diagnostic::do_not_recommend]
impl<P: PeriodKind> TiePeriod<P> for unit::NoPeriod {}
#[diagnostic::do_not_recommend]
impl TiePeriod<unit::NoPeriod> for unit::NoPeriod {}

/// Holds for the kinds `(result, numerator, denominator)` of a ratio that can hold.
#[diagnostic::on_unimplemented(
    message = "no ratio has the kinds (result, numerator, denominator) = `{Self}`",
    label = "this ratio's line cannot be the quotient of these lines",
    note = "money / money is a `Percent` or a `Ratio`; money / shares is a `PerShare` amount; shares / shares is a `Percent` or a `Ratio`"
)]
pub trait Quotient {}
#[diagnostic::do_not_recommend]
impl Quotient for (unit::PercentValue, unit::MoneyAmount, unit::MoneyAmount) {}
#[diagnostic::do_not_recommend]
impl Quotient for (unit::RatioValue, unit::MoneyAmount, unit::MoneyAmount) {}
#[diagnostic::do_not_recommend]
impl Quotient for (unit::PercentValue, unit::ShareCount, unit::ShareCount) {}
#[diagnostic::do_not_recommend]
impl Quotient for (unit::RatioValue, unit::ShareCount, unit::ShareCount) {}
#[diagnostic::do_not_recommend]
impl Quotient for (unit::PerShareAmount, unit::MoneyAmount, unit::ShareCount) {}

/// Holds when a ratio's line is in its numerator's currency (or either has none).
#[diagnostic::on_unimplemented(
    message = "a ratio in `{Self}` cannot be the quotient of an amount in `{Other}`",
    label = "this ratio's line is in `{Self}`, its numerator is in `{Other}`",
    note = "a per-share amount is in its numerator's currency; a margin is money / money in one currency"
)]
pub trait QuotientCurrency<Other> {}
#[diagnostic::do_not_recommend]
impl<C: Currency> QuotientCurrency<C> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> QuotientCurrency<unit::NoCurrency> for C {}
#[diagnostic::do_not_recommend]
impl<C: Currency> QuotientCurrency<C> for unit::NoCurrency {}
#[diagnostic::do_not_recommend]
impl QuotientCurrency<unit::NoCurrency> for unit::NoCurrency {}

/// Holds for the period kind of a balance: [`Instant`].
#[diagnostic::on_unimplemented(
    message = "a balance must be an `Instant` amount, not a `{Self}` one",
    label = "this balance is a `{Self}` amount",
    note = "opening and closing balances are figures at an instant: type the line `Money<C, Instant>`"
)]
pub trait Balance {}
#[diagnostic::do_not_recommend]
impl Balance for Instant {}

/// Holds for the period kind of a flow between two balances: [`Duration`].
#[diagnostic::on_unimplemented(
    message = "the flow of a roll-forward must be a `Duration` amount, not a `{Self}` one",
    label = "this flow is a `{Self}` amount",
    note = "a roll-forward is closing balance = opening balance + flows over the period: type each flow `Money<C, Duration>`"
)]
pub trait Flow {}
#[diagnostic::do_not_recommend]
impl Flow for Duration {}
