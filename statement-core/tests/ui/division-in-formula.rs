use statement_core::{Duration, Money, Ratio, Rmb, Statement};

#[derive(Statement)]
struct Margins {
    #[line(label = "Gross profit")]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Gross margin", total = gross_profit / revenues)]
    gross_margin: Ratio,
}

fn main() {}
