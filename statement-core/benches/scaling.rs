//! How the whole pipeline (read, bind, check, explain) scales (issue 10):
//!
//! - each bundled filing end to end; binding and checking per check, and the arithmetic of a
//!   check alone (`Relation::evaluate`) in nanoseconds per check;
//! - one filing repeated 1, 10 and 100 times in one file;
//! - a table of 10, 100 and 1,000 columns, every column failing;
//! - a table whose one row can be aligned in C(14, 7) and C(10, 5) ways, appended to the Q2 2025
//!   release;
//! - 1,000 filings in bulk on every core (filings per second; checks per second printed first).
//!
//! ```sh
//! cargo bench -p statement-core --bench scaling
//! ```

#[path = "shapes/mod.rs"]
mod shapes;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use statement_core::check::check_filing;
use statement_core::kingsoft::{self, Kingsoft};
use statement_core::{pipeline, read};

// Timed with the command line's allocator (src/main.rs): this measures the pipeline as
// `statements` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let checks: usize = [shapes::Q2_2025, shapes::H1_2023]
        .iter()
        .map(|t| {
            pipeline::check::<Kingsoft>("f", t.as_bytes())
                .expect("readable")
                .checks
                .len()
        })
        .sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    eprintln!(
        "bulk: {threads} threads; 1,000 filings hold {} checks",
        checks * 500
    );
    divan::main();
}

fn filing(name: &str) -> &'static str {
    if name == "q2-2025" {
        shapes::Q2_2025
    } else {
        shapes::H1_2023
    }
}

/// Read, bind, check, explain one bundled filing.
#[divan::bench(args = ["q2-2025", "h1-2023"])]
fn bundled_end_to_end(bencher: Bencher, name: &str) {
    let text = filing(name);
    bencher.bench(|| pipeline::check_and_explain::<Kingsoft>(name, black_box(text.as_bytes())));
}

/// Bind and check only (from a read filing), counted per check: the time per item is the time
/// per check.
#[divan::bench(args = ["q2-2025", "h1-2023"])]
fn per_check(bencher: Bencher, name: &str) {
    let text = filing(name);
    let f = read::read(name, text.as_bytes()).expect("readable");
    let rules = kingsoft::rules_for(&f);
    let n = check_filing(&f, &rules).checks.len();
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| check_filing(black_box(&f), &rules));
}

/// Every check of the filing evaluated again from its figures (`Relation::evaluate`), counted
/// per check: the arithmetic of a check alone, without binding.
#[divan::bench(args = ["q2-2025", "h1-2023"])]
fn evaluate_per_check(bencher: Bencher, name: &str) {
    let text = filing(name);
    let f = read::read(name, text.as_bytes()).expect("readable");
    let report = check_filing(&f, &kingsoft::rules_for(&f));
    let values = report.values();
    bencher.counter(ItemsCount::new(report.checks.len())).bench(|| {
        for c in &report.checks {
            black_box(c.relation.evaluate(black_box(&values)));
        }
    });
}

/// The Q2 2025 release repeated in one file (twenty samples: on a shared machine the median of
/// three was one slow sample away from the slowest, and that of ten still moved by a tenth).
#[divan::bench(args = [1, 10, 100], sample_count = 20, sample_size = 1)]
fn repeated_release(bencher: Bencher, copies: usize) {
    let text = shapes::repeated(shapes::Q2_2025, copies);
    bencher.bench(|| pipeline::check_and_explain::<Kingsoft>("repeated", black_box(text.as_bytes())));
}

/// One reconciliation table of n columns, each failing its footing.
#[divan::bench(args = [10, 100, 1_000], sample_count = 5, sample_size = 1)]
fn wide_table(bencher: Bencher, columns: usize) {
    let text = shapes::wide_table(columns);
    bencher.bench(|| pipeline::check_and_explain::<Kingsoft>("wide", black_box(text.as_bytes())));
}

/// The Q2 2025 release with a table of (columns, figures) appended.
#[divan::bench(args = [(14, 7), (10, 5)], sample_count = 5, sample_size = 1)]
fn appended_table(bencher: Bencher, shape: (usize, usize)) {
    let text = shapes::appended_wide_table(shape.0, shape.1);
    bencher.bench(|| pipeline::check_and_explain::<Kingsoft>("appended", black_box(text.as_bytes())));
}

/// 1,000 filings (the two bundled ones, alternately) on every core, as filings per second.
#[divan::bench(sample_count = 2, sample_size = 1)]
fn bulk_1000_filings(bencher: Bencher) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    bencher.counter(ItemsCount::new(1_000usize)).bench(|| {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= 1_000 {
                            break;
                        }
                        let text = if i % 2 == 0 {
                            shapes::Q2_2025
                        } else {
                            shapes::H1_2023
                        };
                        black_box(pipeline::check_and_explain::<Kingsoft>("bulk", text.as_bytes()).is_ok());
                    }
                });
            }
        });
    });
}
