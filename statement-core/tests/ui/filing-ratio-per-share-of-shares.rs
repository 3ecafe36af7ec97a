#![allow(unused_imports, dead_code)]

use statement_core::{Currency, Duration, Filing, Instant, Money, PerShare, Percent, Rmb, Shares, Statement, Usd};

#[derive(Statement)]
pub struct Income<C: Currency> {
    #[line(label = "Revenues")]
    pub revenues: Money<C, Duration>,
    #[line(label = "Cost of revenues")]
    pub cost: Money<C, Duration>,
    #[line(label = "Gross profit", total = revenues + cost)]
    pub gross_profit: Money<C, Duration>,
    #[line(label = "Gross margin")]
    pub gross_margin: Percent,
    #[line(label = "Weighted average shares")]
    pub shares: Shares,
    #[line(label = "Gross profit per share")]
    pub per_share: PerShare<C>,
}

#[derive(Statement)]
pub struct Sheet<C: Currency> {
    #[line(label = "Cash")]
    pub cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    pub restricted_cash: Money<C, Instant>,
}

#[derive(Statement)]
pub struct Flows<C: Currency> {
    #[line(label = "Net change")]
    pub net_change: Money<C, Duration>,
    #[line(label = "Opening cash")]
    pub opening: Money<C, Instant>,
    #[line(label = "Closing cash", roll_forward = opening + net_change)]
    pub closing: Money<C, Instant>,
}

#[derive(Filing)]
#[filing(ratio(income.per_share == income.shares / income.shares))]
struct Report {
    income: Income<Rmb>,
}

fn main() {}
