use statement_core::Statement;

#[derive(Statement)]
#[statement(title = "Balance sheet")]
struct BalanceSheet {}

fn main() {}
