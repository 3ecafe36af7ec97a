use statement_core::{Instant, Money, Rmb, Statement, Usd};

#[derive(Statement)]
struct BalanceSheet {
    #[line(label = "Cash and cash equivalents")]
    cash: Money<Rmb, Instant>,
    #[line(label = "Restricted cash")]
    restricted_cash: Money<Usd, Instant>,
    #[line(label = "Total cash", total = cash + restricted_cash)]
    total_cash: Money<Rmb, Instant>,
}

fn main() {}
