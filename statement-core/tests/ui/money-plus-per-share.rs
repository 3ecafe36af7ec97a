use statement_core::{Duration, Money, PerShare, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Net loss")]
    net_loss: Money<Rmb, Duration>,
    #[line(label = "Net loss per share, basic and diluted")]
    loss_per_share: PerShare<Rmb>,
    #[line(label = "Total", total = net_loss - loss_per_share)]
    total: Money<Rmb, Duration>,
}

fn main() {}
