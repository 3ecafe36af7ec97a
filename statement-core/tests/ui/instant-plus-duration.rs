use statement_core::{Duration, Instant, Money, Rmb, Statement};

#[derive(Statement)]
struct Mixed {
    #[line(label = "Cash and cash equivalents")]
    cash: Money<Rmb, Instant>,
    #[line(label = "Net loss")]
    net_loss: Money<Rmb, Duration>,
    #[line(label = "Total", total = cash + net_loss)]
    total: Money<Rmb, Instant>,
}

fn main() {}
