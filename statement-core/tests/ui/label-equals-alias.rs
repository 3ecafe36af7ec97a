use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Other (loss) gain, net", alias = "Other loss, net")]
    other_loss: Money<Rmb, Duration>,
    #[line(label = "Other loss, net")]
    other_expense: Money<Rmb, Duration>,
}

fn main() {}
