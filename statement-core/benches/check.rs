//! How long evaluating a full balance sheet's checks takes: the Jun 30, 2025 RMB column of the
//! Kingsoft Cloud Q2 2025 balance sheet, read from the bundled filing, bound, and built into the
//! typed `kingsoft::BalanceSheet<Rmb>` (41 lines, 9 footings and 1 rule).
//!
//! ```sh
//! cargo bench -p statement-core --bench check
//! ```
//!
//! Divide the median by 10 for the time per check.

use statement_core::bind::{Layout, bind};
use statement_core::check::{Verdict, evaluate};
use statement_core::kingsoft::{BalanceSheet, Q2_2025};
use statement_core::{Rmb, Statement, read};

// Timed with the command line's allocator (src/main.rs): this measures the pipeline as
// `statements` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let sheet = balance_sheet_jun_2025();
    let checks = sheet.check();
    // The figures foot: every check is exact, so the benchmark measures the common path.
    assert_eq!(checks.len(), 10);
    assert!(checks.iter().all(|c| c.verdict == Verdict::Exact), "{checks:?}");
    divan::main();
}

/// `check()`: the figures of every line (`amounts()`), then every footing and the rule.
#[divan::bench]
fn check_balance_sheet(bencher: divan::Bencher) {
    let sheet = balance_sheet_jun_2025();
    bencher.bench_local(|| divan::black_box(&sheet).check());
}

/// The checks alone, from figures already collected.
#[divan::bench]
fn evaluate_balance_sheet(bencher: divan::Bencher) {
    let amounts = balance_sheet_jun_2025().amounts();
    let schema = BalanceSheet::<Rmb>::SCHEMA;
    bencher.bench_local(|| evaluate(divan::black_box(&schema), divan::black_box(&amounts)));
}

/// The Jun 30, 2025 RMB column of the bundled press release as a typed statement.
fn balance_sheet_jun_2025() -> BalanceSheet<Rmb> {
    let filing = read::read(Q2_2025.name, Q2_2025.text.as_bytes()).expect("readable");
    let binding = bind(&filing, &[Layout::of::<BalanceSheet<Rmb>>("balance_sheet")]);
    let column = binding
        .statements
        .iter()
        .find(|s| s.column.label() == "Jun 30, 2025 RMB")
        .expect("the Jun 30, 2025 RMB column");
    BalanceSheet::from_amounts(&column.amounts()).expect("every required line is printed")
}
