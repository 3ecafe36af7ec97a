//! Reading the two bundled Kingsoft Cloud filings, Apple's 10-K (HTML) and 10-Q (space-aligned
//! text) into tables (`cargo bench -p statement-core --bench read`); throughput is in bytes of
//! filing text.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use statement_core::read::read;

// Timed with the command line's allocator (src/main.rs): this measures the pipeline as
// `statements` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const Q2_2025: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2025-q2-press-release.txt"
));
const H1_2023: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2023-interim-announcement.txt"
));

/// Both filings, one after the other.
#[divan::bench]
fn both_filings(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(Q2_2025.len() + H1_2023.len()))
        .bench(|| {
            let q2 = read("q2-2025", black_box(Q2_2025)).unwrap();
            let h1 = read("h1-2023", black_box(H1_2023)).unwrap();
            (q2, h1)
        });
}

/// Each filing alone.
#[divan::bench(args = ["q2-2025", "h1-2023"])]
fn one_filing(bencher: Bencher, name: &str) {
    let bytes = if name == "q2-2025" { Q2_2025 } else { H1_2023 };
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| read(name, black_box(bytes)).unwrap());
}

const APPLE_10K: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/others/apple-2024-form-10-k.html"
));

/// Apple's 2024 Form 10-K, inline XBRL HTML (1.9 MB): the HTML front end.
#[divan::bench]
fn apple_10k_html(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(APPLE_10K.len()))
        .bench(|| read("apple-10-k", black_box(APPLE_10K)).unwrap());
}

const APPLE_10Q_LAYOUT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/others/layout/apple-2024-q3-form-10-q.txt"
));

/// Apple's Q3 2024 Form 10-Q printed to PDF and extracted with `pdftotext -layout` (92 KB):
/// the space-aligned front end.
#[divan::bench]
fn apple_10q_layout_text(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(APPLE_10Q_LAYOUT.len()))
        .bench(|| read("apple-10-q-layout", black_box(APPLE_10Q_LAYOUT)).unwrap());
}
