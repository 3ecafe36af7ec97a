//! How long `statements check` takes as a whole process on the two bundled filings (start-up,
//! reading, binding, checking, explaining and printing the report), as a user runs it.
//!
//! ```sh
//! cargo bench --bench process
//! ```

use std::process::{Command, Stdio};

fn main() {
    // The report it times is the one the README shows.
    let out = check().output().expect("the statements binary runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("544 checks: 358 exact, 32 within rounding, 10 failed, 144 unreadable"),
        "{text}"
    );
    assert!(text.contains("631 checks: 574 exact, 26 within rounding, 9 failed, 22 unreadable"));
    divan::main();
}

fn check() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_statements"));
    c.arg("check");
    c
}

/// `statements check` on both bundled filings, its report written to a pipe.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn check_bundled_filings() {
    let status = check()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the statements binary runs");
    // Failed checks do not fail the command unless --strict.
    assert!(status.success());
}
