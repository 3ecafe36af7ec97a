use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
#[statement(rule(balance: total_assets - total_liabilities))]
#[statement(rule(total_assets == total_liabilities))]
struct BalanceSheet {
    #[line(label = "Total assets")]
    total_assets: Money<Rmb, Instant>,
    #[line(label = "Total liabilities")]
    total_liabilities: Money<Rmb, Instant>,
}

fn main() {}
