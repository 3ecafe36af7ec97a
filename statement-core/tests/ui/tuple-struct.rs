use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income(Money<Rmb, Duration>, Money<Rmb, Duration>);

fn main() {}
