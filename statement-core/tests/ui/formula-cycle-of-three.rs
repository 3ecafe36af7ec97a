use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Gross profit", total = net_loss + cost)]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Cost of revenues")]
    cost: Money<Rmb, Duration>,
    #[line(label = "Operating loss", total = gross_profit + cost)]
    operating_loss: Money<Rmb, Duration>,
    #[line(label = "Net loss", total = operating_loss - cost)]
    net_loss: Money<Rmb, Duration>,
}

fn main() {}
