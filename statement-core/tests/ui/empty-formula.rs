use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Gross profit", total = )]
    gross_profit: Money<Rmb, Duration>,
}

fn main() {}
