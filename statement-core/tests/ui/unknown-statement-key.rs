use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
#[statement(titel = "Statements of comprehensive loss")]
#[statement(currency = "RMB")]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
}

fn main() {}
