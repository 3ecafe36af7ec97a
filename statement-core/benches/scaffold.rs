//! Scaffolding layouts from a filing (`cargo bench -p statement-core --bench scaffold`): reading,
//! the bounded formula search, the relations and the Rust source, for each bundled filing; the
//! search alone on an already read filing.
//!
//! Also the Apple 10-K (`tests/data/others/apple-2024-form-10-k.html`, 47 tables scaffolded).

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use statement_core::{read, scaffold};

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

const APPLE_10K: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/others/apple-2024-form-10-k.html"
));

fn bytes(name: &str) -> &'static [u8] {
    match name {
        "q2-2025" => Q2_2025,
        "apple-10-k" => APPLE_10K,
        _ => H1_2023,
    }
}

/// From bytes to the Rust source of the layouts.
#[divan::bench(args = ["q2-2025", "h1-2023", "apple-10-k"], sample_count = 20)]
fn filing_to_source(bencher: Bencher, name: &str) {
    let b = bytes(name);
    bencher
        .counter(BytesCount::new(b.len()))
        .bench(|| scaffold::scaffold_text(name, black_box(b)).unwrap().rust());
}

/// The scaffold of a read filing (formula search, ties, rates), without reading.
#[divan::bench(args = ["q2-2025", "h1-2023", "apple-10-k"], sample_count = 20)]
fn search_only(bencher: Bencher, name: &str) {
    let filing = read::read(name, bytes(name)).unwrap();
    bencher.bench(|| scaffold::scaffold(black_box(&filing)));
}
