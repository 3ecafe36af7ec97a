//! Inputs of the shapes that once made the pipeline slow, shared by the benchmarks and by
//! `tests/bounded.rs` (`#[path = "../benches/shapes/mod.rs"] mod shapes;`).
#![allow(dead_code)]

use std::fmt::Write;

/// The bundled Q2 2025 press release.
pub const Q2_2025: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2025-q2-press-release.txt"
));

/// The bundled H1 2023 interim announcement.
pub const H1_2023: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2023-interim-announcement.txt"
));

/// `text` repeated `n` times in one file (each copy after a blank line).
pub fn repeated(text: &str, n: usize) -> String {
    let mut out = String::with_capacity((text.len() + 1) * n);
    for _ in 0..n {
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// The header line of a balance sheet of `columns` period ends, one month apart from January
/// 1920 (the reader reads years 1900-2100), each in RMB.
fn header(columns: usize) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut h = String::new();
    for c in 0..columns {
        let _ = write!(h, "\t{} 1, {}", MONTHS[c % 12], 1920 + c / 12);
    }
    h.push('\n');
    for _ in 0..columns {
        h.push_str("\tRMB");
    }
    h.push('\n');
    h
}

/// A balance-sheet table of `columns` columns appended to the Q2 2025 release whose one row
/// prints `figures` figures: the damaged row can be aligned to the columns in C(columns, figures)
/// ways (C(14, 7) = 3,432).
pub fn appended_wide_table(columns: usize, figures: usize) -> String {
    let mut t = String::from(Q2_2025);
    t.push_str("\nUNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS\n(All amounts in thousands)\n\n");
    t.push_str(&header(columns));
    t.push_str("Total assets");
    for f in 0..figures {
        let _ = write!(t, "\t{},{:03}", 17 + f, 592 + f);
    }
    t.push('\n');
    t
}

/// A reconciliation of `columns` columns (the adjusted gross profit of the Kingsoft Cloud
/// layouts), whose every column fails its footing: the adjusted figure is printed 1,000 off.
pub fn wide_table(columns: usize) -> String {
    let mut t = String::from("RECONCILIATION OF GAAP AND NON-GAAP RESULTS\n(All amounts in thousands)\n\n");
    t.push_str(&header(columns));
    let rows = [
        "Gross profit",
        "Share-based compensation expenses (allocated in cost of revenues)",
        "Adjusted gross profit (Non-GAAP Financial Measure)",
    ];
    for (r, label) in rows.iter().enumerate() {
        t.push_str(label);
        for c in 0..columns as i64 {
            let (gross, sbc) = (364_000 + 7 * c, 2_000 + c);
            let v = [gross, sbc, gross + sbc + 1_000][r];
            let _ = write!(t, "\t{v}");
        }
        t.push('\n');
    }
    t
}
