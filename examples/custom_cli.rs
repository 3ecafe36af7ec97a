//! A command line for layouts of your own: the whole `statements` command line (formats,
//! directories, parallel checking, exit status) for a layout set declared outside
//! `statement_core`, in a few lines.
//!
//! The layout set here knows one table of Kingsoft Cloud's H1 2023 interim announcement, its
//! employees by function, and nothing else:
//!
//! ```sh
//! cargo run --example custom_cli -- check statement-core/filings/kingsoft-cloud-2023-interim-announcement.txt
//! cargo run --example custom_cli -- --help
//! ```

use statement_core::check::FilingRules;
use statement_core::read::Filing;
use statement_core::{LayoutSet, Shares, Statement};

/// Employees by function: the functions add up to the total.
#[derive(Statement)]
#[statement(title = "EMPLOYEES")]
pub struct Employees {
    #[line(label = "Research and development")]
    research_and_development: Shares,
    #[line(label = "Sales and marketing")]
    sales_and_marketing: Shares,
    #[line(label = "General and administrative")]
    general_and_administrative: Shares,
    #[line(label = "Solution development and services")]
    solution_development: Shares,
    #[line(
        label = "Total",
        total = research_and_development + sales_and_marketing + general_and_administrative
            + solution_development
    )]
    total: Shares,
}

/// The filing: the statements it prints (the field names are the keys checks are named by) and
/// the relations between them. The percentage column is each function's share of the total.
#[derive(statement_core::Filing)]
#[filing(share_of_total(employees.total))]
pub struct MyFiling {
    pub employees: Employees,
}

/// My layout set: one layout, no relations between statements, no bundled filing.
pub struct MyLayouts;

impl LayoutSet for MyLayouts {
    const NAME: &'static str = "Employees";

    fn rules(filing: &Filing) -> FilingRules {
        <MyFiling as statement_core::Filing>::rules(filing)
    }
}

fn main() -> std::process::ExitCode {
    statement_core::cli::main::<MyLayouts>()
}
