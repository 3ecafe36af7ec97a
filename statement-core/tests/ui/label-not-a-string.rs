use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = Revenues)]
    revenues: Money<Rmb, Duration>,
}

fn main() {}
