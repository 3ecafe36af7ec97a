use statement_core::{Duration, Money, Rmb, Shares, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Net loss per share")]
    loss_per_share: Money<Rmb, Duration>,
    #[line(label = "Shares used in the net loss per share computation")]
    shares: Shares,
    #[line(label = "Net loss", total = loss_per_share * shares)]
    net_loss: Money<Rmb, Duration>,
}

fn main() {}
