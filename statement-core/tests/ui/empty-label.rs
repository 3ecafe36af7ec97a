use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Cost of revenues", alias = "  ")]
    cost: Money<Rmb, Duration>,
}

fn main() {}
