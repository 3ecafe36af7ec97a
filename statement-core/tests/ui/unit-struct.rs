use statement_core::Statement;

#[derive(Statement)]
struct Income;

fn main() {}
