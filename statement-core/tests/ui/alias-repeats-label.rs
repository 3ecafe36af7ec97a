use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Net loss", alias = "Net Loss")]
    net_loss: Money<Rmb, Duration>,
}

fn main() {}
