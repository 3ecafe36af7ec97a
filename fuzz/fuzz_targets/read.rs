//! The reader on any bytes: never a panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = statement_core::read::read("fuzz.txt", data);
});
