use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
#[statement(rule(balance: total_assets == total_liabilities + total_equity))]
#[statement(rule(balance: total_assets - total_liabilities == total_equity))]
struct BalanceSheet {
    #[line(label = "Total assets")]
    total_assets: Money<Rmb, Instant>,
    #[line(label = "Total liabilities")]
    total_liabilities: Money<Rmb, Instant>,
    #[line(label = "Total equity")]
    total_equity: Money<Rmb, Instant>,
}

fn main() {}
