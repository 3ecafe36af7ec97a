use statement_core::{Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct BalanceSheet {
    #[line(
        label = "Amounts due to related parties",
        section = "Current liabilities"
    )]
    due_to_related_parties: Money<Rmb, Instant>,
    #[line(
        label = "Amounts due to related parties",
        section = "Current liabilities"
    )]
    non_current_due_to_related_parties: Money<Rmb, Instant>,
}

fn main() {}
