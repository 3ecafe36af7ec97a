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

use statement_core::bind::Layout;
use statement_core::check::FilingRules;
use statement_core::read::Filing;
use statement_core::relations::Relations;
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

/// The layouts to recognise, with the key their checks are named by.
const LAYOUTS: &[Layout] = &[Layout::of::<Employees>("employees")];

/// My layout set: one layout, no relations between statements, no bundled filing.
pub struct MyLayouts;

impl LayoutSet for MyLayouts {
    const NAME: &'static str = "Employees";

    fn rules(_: &Filing) -> FilingRules {
        // The percentage column is each function's share of the total.
        let relations = Relations::builder(LAYOUTS)
            .share_of_total("employees.total")
            .expect("a line of the layouts")
            .build();
        FilingRules::new(LAYOUTS, relations)
    }
}

fn main() -> std::process::ExitCode {
    statement_core::cli::main::<MyLayouts>()
}
