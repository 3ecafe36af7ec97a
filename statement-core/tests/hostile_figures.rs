//! Figures at the edge of what a decimal holds go through the whole pipeline (read, bind, check,
//! explain) without a panic: overflow is an unreadable check, never a crash.

use statement_core::kingsoft::{self, H1_2023, Q2_2025};

const HUGE: &str = "79,228,162,514,264,337,593,543,950,335";

fn run(name: &str, text: &str) -> statement_core::check::FilingReport {
    let (report, _why) = kingsoft::check_and_explain(name, text.as_bytes()).expect("readable");
    report
}

#[test]
fn a_maximal_figure_in_a_footing_does_not_panic() {
    let text = Q2_2025
        .text
        .replacen("5,464,077", HUGE, 1)
        .replacen("53,051", HUGE, 1);
    let r = run(Q2_2025.name, &text);
    assert!(r.checks.len() > 400);
}

#[test]
fn maximal_figures_in_a_ratio_and_a_translation_do_not_panic() {
    // Total revenues (the denominator of the margins) and the RMB impairment (translated at the
    // stated 7.2513) at the edge of a decimal's range.
    let text = H1_2023
        .text
        .replacen("3,699,803", HUGE, 1)
        .replacen("185,135", &format!("({HUGE})"), 1);
    let r = run(H1_2023.name, &text);
    let impairment = r
        .checks
        .iter()
        .find(|c| c.id == "currency:adjusted_ebitda.impairment")
        .expect("the translation is checked");
    // The translation overflows a decimal: the check is unreadable, not a panic.
    assert_eq!(impairment.verdict, statement_core::check::Verdict::Unreadable);
    assert!(r.checks.iter().any(|c| c.id.starts_with("ratio:margins.")));
}

#[test]
fn every_figure_maximal_does_not_panic() {
    let mut text = String::new();
    for line in Q2_2025.text.lines() {
        let mut out = String::new();
        for cell in line.split('\t') {
            if !out.is_empty() {
                out.push('\t');
            }
            let numeric = !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit() || ",()*".contains(c));
            out.push_str(if numeric { HUGE } else { cell });
        }
        text.push_str(&out);
        text.push('\n');
    }
    run(Q2_2025.name, &text);
}

mod pipeline_never_panics {
    use proptest::prelude::*;
    use statement_core::kingsoft::{self, H1_2023, Q2_2025};

    /// A bundled filing with random edits: digits changed, lines dropped or repeated, a line
    /// truncated, a random chunk inserted.
    fn damaged() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            proptest::collection::vec((any::<usize>(), any::<u8>()), 0..40),
            proptest::collection::vec(any::<usize>(), 0..6),
            any::<usize>(),
            "[0-9,.()\\-\t \n]{0,40}",
        )
            .prop_map(|(which, digits, lines, cut, chunk)| {
                let text = if which { Q2_2025.text } else { H1_2023.text };
                let mut bytes = text.as_bytes().to_vec();
                for (at, d) in digits {
                    let i = at % bytes.len();
                    if bytes[i].is_ascii_digit() {
                        bytes[i] = b'0' + d % 10;
                    }
                }
                let text = String::from_utf8(bytes).unwrap();
                let mut lines_v: Vec<&str> = text.lines().collect();
                for (k, at) in lines.into_iter().enumerate() {
                    let i = at % lines_v.len();
                    if k % 2 == 0 {
                        lines_v.remove(i);
                    } else {
                        lines_v.insert(i, lines_v[i]);
                    }
                }
                let i = cut % lines_v.len();
                let cut_line: String = lines_v[i].chars().take(lines_v[i].chars().count() / 2).collect();
                let mut out: Vec<String> = lines_v.iter().map(|s| s.to_string()).collect();
                out[i] = cut_line;
                out.insert(i, chunk);
                out.join("\n")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn read_check_and_explain_never_panic(text in damaged()) {
            let _ = kingsoft::check_and_explain("damaged.txt", text.as_bytes());
        }
    }
}
