use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct BalanceSheet {
    #[line(label = "Cash and cash equivalents")]
    cash: Money<Rmb, Instant>,
    #[line(label = "Restricted cash")]
    restricted_cash: Money<Rmb, Instant>,
    #[line(label = "Total current assets", total = cash + restricted_cash + total_current_assets)]
    total_current_assets: Money<Rmb, Instant>,
}

fn main() {}
