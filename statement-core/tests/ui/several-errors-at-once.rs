use statement_core::{Duration, Money, Rmb, Shares, Statement};

#[derive(Statement)]
#[statement(titel = "STATEMENTS OF COMPREHENSIVE LOSS")]
#[statement(rule(net: net_loss == operating_los + other_income))]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Cost of revenues")]
    cost: Money<Rmb, Duration>,
    #[line(label = "Gross profit", total = revenues + cots)]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Operating loss", total = gross_profit * 2)]
    operating_loss: Money<Rmb, Duration>,
    #[line(label = "Other income, net")]
    other_income: Money<Rmb, Duration>,
    #[line(label = "Net loss", total = operating_loss + other_income + shares)]
    net_loss: Money<Rmb, Duration>,
    #[line(label = "Total revenues")]
    shares: Shares,
}

fn main() {}
