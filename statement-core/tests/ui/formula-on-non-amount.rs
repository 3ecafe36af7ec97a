use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Gross {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Cost of revenues")]
    cost: Money<Rmb, Duration>,
    #[line(label = "Gross profit", total = revenues + cost)]
    gross_profit: String,
}

fn main() {}
