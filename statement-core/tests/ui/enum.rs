use statement_core::Statement;

#[derive(Statement)]
enum Statements {
    BalanceSheet,
    Income,
}

fn main() {}
