//! Peak heap memory of the whole pipeline on the Q2 2025 release repeated 1, 10 and 100 times
//! in one file, and on the inputs fuzzing found to take memory out of proportion to their size
//! (`tests/data/fuzz/`), measured with a counting allocator (`cargo bench -p statement-core
//! --bench memory`). Prints one line per input: bytes of text, peak heap bytes, and their ratio.

#[path = "shapes/mod.rs"]
mod shapes;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use statement_core::kingsoft::Kingsoft;
use statement_core::pipeline;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting the bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    // `cargo bench` passes `--bench`; anything else (as `cargo test --benches`) runs the 1x only.
    let all = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if all { &[1, 10, 100] } else { &[1] };
    for &n in sizes {
        measure(&format!("q2-2025 x{n}"), &shapes::repeated(shapes::Q2_2025, n));
    }
    measure(
        "fuzz: many rows of many readings",
        include_str!("../tests/data/fuzz/many-rows-of-many-readings.txt"),
    );
    measure(
        "fuzz: a missing column of 792 alignments",
        include_str!("../tests/data/fuzz/missing-column-of-many-alignments.txt"),
    );
}

/// Runs the pipeline on `text` and prints its peak heap.
fn measure(name: &str, text: &str) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = std::time::Instant::now();
    let r = pipeline::check_and_explain::<Kingsoft>(name, text.as_bytes()).expect("readable");
    let elapsed = started.elapsed();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "{name}: {} bytes, {} checks, peak heap {:.1} MB ({:.0} bytes of heap per byte of text), {:.1} ms",
        text.len(),
        r.0.checks.len(),
        peak as f64 / 1e6,
        peak as f64 / text.len() as f64,
        elapsed.as_secs_f64() * 1e3
    );
}
