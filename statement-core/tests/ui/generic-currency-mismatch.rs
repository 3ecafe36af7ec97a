use statement_core::{Currency, Instant, Money, Statement, Usd};

#[derive(Statement)]
struct BalanceSheet<C: Currency> {
    #[line(label = "Cash and cash equivalents")]
    cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    restricted_cash: Option<Money<Usd, Instant>>,
    #[line(label = "Total cash", total = cash + restricted_cash)]
    total_cash: Money<C, Instant>,
}

fn main() {}
