use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS")]
#[statement(title = "STATEMENTS OF OPERATIONS")]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
}

fn main() {}
