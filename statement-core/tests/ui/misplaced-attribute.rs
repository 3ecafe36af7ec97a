use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
#[line(label = "Income")]
struct Income {
    #[statement(title = "Total revenues")]
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
}

fn main() {}
