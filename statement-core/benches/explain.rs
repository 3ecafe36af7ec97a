//! How long localising the failures of a full filing takes: the H1 2023 announcement with its one
//! published error, then with one and with three cells corrupted on top of it, and the whole
//! pipeline (read, bind, check, explain) for comparison.
//!
//! ```sh
//! cargo bench -p statement-core --bench explain
//! ```

use statement_core::check::{FilingReport, FilingRules, check_filing};
use statement_core::explain::explain_filing;
use statement_core::kingsoft::{self, H1_2023};
use statement_core::read::{self, Filing};

/// (printed, corrupted) figures of the H1 2023 announcement.
const ONE: &[(&str, &str)] = &[("2,994,006", "2,949,006")];
const THREE: &[(&str, &str)] = &[
    ("2,994,006", "2,949,006"),
    ("(217,306)", "(271,306)"),
    ("413,464", "(413,464)"),
];

fn prepared(corruptions: &[(&str, &str)]) -> (Filing, FilingRules, FilingReport) {
    let mut text = H1_2023.text.to_string();
    for (from, to) in corruptions {
        assert!(text.contains(from), "{from} is printed in the filing");
        text = text.replacen(from, to, 1);
    }
    let filing = read::read(H1_2023.name, text.as_bytes()).expect("readable");
    let rules = kingsoft::rules_for(&filing);
    let report = check_filing(&filing, &rules);
    (filing, rules, report)
}

// Timed with the command line's allocator (src/main.rs): this measures the pipeline as
// `statements` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (f, r, rep) = prepared(&[]);
    let published = explain_filing(&f, &r, &rep).len();
    for (n, c) in [(1, ONE), (3, THREE)] {
        let (f, r, rep) = prepared(c);
        let why = explain_filing(&f, &r, &rep);
        // What the filing as published needs explained, plus one root cause per corruption.
        assert_eq!(why.len(), published + n, "{why:#?}");
    }
    divan::main();
}

/// Localisation of the published error alone.
#[divan::bench]
fn explain_published_error(bencher: divan::Bencher) {
    let (f, r, rep) = prepared(&[]);
    bencher.bench_local(|| explain_filing(&f, &r, divan::black_box(&rep)));
}

/// Localisation with one more corrupted cell.
#[divan::bench]
fn explain_one_corruption(bencher: divan::Bencher) {
    let (f, r, rep) = prepared(ONE);
    bencher.bench_local(|| explain_filing(&f, &r, divan::black_box(&rep)));
}

/// Localisation with three more corrupted cells.
#[divan::bench]
fn explain_three_corruptions(bencher: divan::Bencher) {
    let (f, r, rep) = prepared(THREE);
    bencher.bench_local(|| explain_filing(&f, &r, divan::black_box(&rep)));
}

/// The whole pipeline on the filing as published: read, bind, check, explain.
#[divan::bench]
fn pipeline(bencher: divan::Bencher) {
    bencher
        .bench_local(|| kingsoft::check_and_explain(H1_2023.name, divan::black_box(H1_2023.text.as_bytes())));
}
