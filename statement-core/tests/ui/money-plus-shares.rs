use statement_core::{Duration, Money, Rmb, Shares, Statement};

#[derive(Statement)]
struct IncomeStatement {
    #[line(label = "Net loss")]
    net_loss: Money<Rmb, Duration>,
    #[line(label = "Shares used in the net loss per share computation")]
    shares: Shares,
    #[line(label = "Total", total = net_loss + shares)]
    total: Money<Rmb, Duration>,
}

fn main() {}
