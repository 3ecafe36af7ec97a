//! The whole pipeline on any bytes: read, bind, check, explain, and both reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statement_core::{kingsoft::Kingsoft, pipeline, report};

fuzz_target!(|data: &[u8]| {
    if let Ok((r, why)) = pipeline::check_and_explain::<Kingsoft>("fuzz.txt", data) {
        let _ = report::human(&r, &why);
        let doc = report::document(&[(r, why)]);
        assert!(!doc.filings.is_empty());
    }
});
