use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Net loss", prose_magnitude = "net loss", prose = "Net Loss", prose = "")]
    net_loss: Money<Rmb, Duration>,
}

fn main() {}
