use statement_core::{Duration, Money, Rmb, Statement};

#[derive(Statement)]
struct Income {
    #[line(label = "Total revenues")]
    revenues: Money<Rmb, Duration>,
    #[line(label = "Gross profit", total = revenue)]
    gross_profit: Money<Rmb, Duration>,
}

fn takes_serde<T: serde::Serialize + for<'de> serde::Deserialize<'de>>(_: &T) {}

fn main() {
    let income = Income {
        revenues: Money::thousands(2_349_227),
        gross_profit: Money::thousands(338_857),
    };
    let _ = income.check();
    let _ = Income::SCHEMA.lines.len();
    takes_serde(&income);
}
