use statement_core::{Duration, Money, Ratio, Rmb, Statement};

#[derive(Statement)]
struct Margins {
    #[line(label = "Gross profit")]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Gross margin")]
    gross_margin: Ratio,
    #[line(label = "Adjusted gross profit", total = gross_profit + gross_margin)]
    adjusted_gross_profit: Money<Rmb, Duration>,
}

fn main() {}
