use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(alias = "Cost of sales")]
    cost: Money<Rmb, Duration>,
}

fn main() {}
