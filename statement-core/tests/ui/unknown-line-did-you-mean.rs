use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Adjusted {
    #[line(label = "Gross profit")]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Share-based compensation expenses")]
    sbc: Money<Rmb, Duration>,
    #[line(label = "Adjusted gross profit", total = gros_profit + sbc)]
    adjusted_gross_profit: Money<Rmb, Duration>,
}

fn main() {}
