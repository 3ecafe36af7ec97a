use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct BalanceSheet {
    #[line(label = "Cash and cash equivalents")]
    cash: Money<Rmb, Instant>,
    #[line(label = "Total current assets", total = cash + total_assets)]
    total_current_assets: Money<Rmb, Instant>,
    #[line(label = "Total assets", total = total_current_assets + goodwill)]
    total_assets: Money<Rmb, Instant>,
    #[line(label = "Goodwill")]
    goodwill: Money<Rmb, Instant>,
}

fn main() {}
