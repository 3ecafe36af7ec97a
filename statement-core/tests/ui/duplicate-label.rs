use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct BalanceSheet {
    #[line(label = "Prepayments and other assets")]
    current_prepayments: Money<Rmb, Instant>,
    #[line(label = "Prepayments and other assets")]
    non_current_prepayments: Money<Rmb, Instant>,
}

fn main() {}
