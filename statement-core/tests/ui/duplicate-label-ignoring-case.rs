use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct BalanceSheet {
    #[line(label = "Goodwill")]
    goodwill: Money<Rmb, Instant>,
    #[line(label = "GOODWILL:")]
    goodwill_again: Money<Rmb, Instant>,
}

fn main() {}
