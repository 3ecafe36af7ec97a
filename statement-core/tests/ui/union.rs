use statement_core::Statement;

#[derive(Statement)]
union Income {
    revenues: u64,
}

fn main() {}
