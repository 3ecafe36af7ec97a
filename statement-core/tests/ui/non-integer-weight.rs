use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Half of revenues", total = 0.5 * revenues)]
    half: Money<Rmb, Duration>,
}

fn main() {}
