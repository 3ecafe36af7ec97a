use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line]
    revenues: Money<Rmb, Duration>,
    #[line = "Cost of revenues"]
    cost: Money<Rmb, Duration>,
}

fn main() {}
