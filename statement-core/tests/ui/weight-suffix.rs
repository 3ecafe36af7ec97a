use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Twice the revenues", total = 2i64 * revenues)]
    twice: Money<Rmb, Duration>,
}

fn main() {}
