use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(lable = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Cost of revenues", sign = "negative")]
    cost: Money<Rmb, Duration>,
}

fn main() {}
