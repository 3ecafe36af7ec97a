use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues", alias = "")]
    revenues: Money<Rmb, Duration>,
}

fn main() {}
