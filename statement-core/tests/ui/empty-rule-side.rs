use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
#[statement(rule(balance: total_assets == ))]
struct BalanceSheet {
    #[line(label = "Total assets")]
    total_assets: Money<Rmb, Instant>,
}

fn main() {}
