//! Localisation: the real failures of the bundled filings are explained, and a mutation test
//! corrupts one cell at a time and checks that the localiser names it.

use statement_core::check::{FilingReport, check_filing};
use statement_core::explain::{Explanation, explain_filing};
use statement_core::kingsoft::{self, H1_2023, Q2_2025};
use statement_core::read;

fn run(name: &str, text: &str) -> (FilingReport, Vec<Explanation>) {
    let filing = read::read(name, text.as_bytes()).expect("readable");
    let rules = kingsoft::rules_for(&filing);
    let report = check_filing(&filing, &rules);
    let why = explain_filing(&filing, &rules, &report);
    (report, why)
}

#[test]
fn impairment_us_dollar_cell_is_the_one_root_cause_of_the_2023_us_dollar_failures() {
    let (report, why) = run(H1_2023.name, H1_2023.text);
    let root = why
        .iter()
        .find(|e| {
            e.suspects
                .first()
                .is_some_and(|s| s.line == 50 && s.reported == "8031")
        })
        .expect("an explanation rooted at the US$ impairment cell");
    assert!(!root.ambiguous);
    let s = &root.suspects[0];
    assert_eq!(
        (s.suggested.as_str(), s.column.as_str()),
        ("25531", "6M to Jun 30, 2023 US$")
    );
    assert!(s.pattern.starts_with("copied_from line"), "{}", s.pattern);
    assert!(s.pattern.contains("Interest expense"), "{}", s.pattern);
    // The totals it propagated into: adjusted net loss, adjusted EBITDA, normalized EBITDA (US$),
    // and the prose that restates them in US$ millions (lines 70, 167, 169).
    let carried: Vec<(u32, &str, &str)> = root.suspects[1..]
        .iter()
        .map(|s| (s.line, s.reported.as_str(), s.suggested.as_str()))
        .collect();
    assert_eq!(
        carried,
        [
            (51, "-117819", "-100319"),
            (54, "-43971", "-26471"),
            (167, "117.8", "100.3"),
            (56, "-40982", "-23482"),
            (70, "44.0", "26.5"),
            (169, "-44.0", "-26.5"),
            (169, "-41.0", "-23.5"),
        ]
    );
    let ids: Vec<&str> = root
        .checks
        .iter()
        .map(|&c| report.checks[c].id.as_str())
        .collect();
    for id in [
        "currency:adjusted_ebitda.impairment",
        "currency:adjusted_ebitda.adjusted_net_loss",
        "currency:adjusted_ebitda.adjusted_ebitda",
        "currency:adjusted_ebitda.normalized_adjusted_ebitda",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
}

#[test]
fn share_based_compensation_row_of_2025_is_realigned_by_one_column() {
    let (_, why) = run(Q2_2025.name, Q2_2025.text);
    let e = why
        .iter()
        .find(|e| {
            e.suspects
                .iter()
                .any(|s| s.line == 222 && s.pattern == "row_shifted")
        })
        .expect("the shifted row is explained");
    let by_column: Vec<(&str, &str, &str)> = e
        .suspects
        .iter()
        .map(|s| (s.column.as_str(), s.reported.as_str(), s.suggested.as_str()))
        .collect();
    assert_eq!(
        by_column,
        [
            ("3M to Jun 30, 2024 RMB", "", "5076"),
            ("3M to Mar 31, 2025 RMB", "5076", "9365"),
            ("3M to Jun 30, 2025 RMB", "9365", "11712"),
            ("3M to Jun 30, 2025 US$", "11712", "1635"),
            ("6M to Jun 30, 2024 RMB", "1635", "10890"),
            ("6M to Jun 30, 2025 RMB", "10890", "21077"),
            ("6M to Jun 30, 2025 US$", "21077", "2942"),
        ]
    );
}

#[test]
fn rows_missing_a_column_are_aligned_by_the_only_reading_under_which_every_check_holds() {
    let (report, why) = run(Q2_2025.name, Q2_2025.text);
    let e = why
        .iter()
        .find(|e| e.suspects.iter().any(|s| s.pattern == "missing_column"))
        .expect("the rows Revenues to Research and development are explained");
    assert!(
        e.checks.is_empty(),
        "no failure is involved: the checks were unreadable"
    );
    let lines: Vec<u32> = e.suspects.iter().map(|s| s.line).collect();
    assert_eq!(lines, [180, 181, 182, 183, 184, 185, 187, 188, 189]);
    assert!(
        e.suspects
            .iter()
            .all(|s| s.column == "6M to Jun 30, 2025 RMB" && s.reported.is_empty())
    );
    // The missing figures follow from six months = first + second quarter: gross profit
    // 318,306 + 338,857 = 657,163, as the reconciliation table prints it.
    let gross = e.suspects.iter().find(|s| s.line == 185).unwrap();
    assert_eq!(gross.suggested, "657163");
    let revenues = e.suspects.iter().find(|s| s.line == 183).unwrap();
    assert_eq!(revenues.suggested, "4319204");
    // As read, those checks stay unreadable: nothing is guessed in the report itself.
    assert_eq!(report.counts().3, 144);
}

#[test]
fn every_failure_of_both_filings_is_explained() {
    for b in kingsoft::BUNDLED {
        let (report, why) = run(b.name, b.text);
        let explained: std::collections::BTreeSet<usize> = why
            .iter()
            .filter(|e| !e.suspects.is_empty())
            .flat_map(|e| e.checks.iter().copied())
            .collect();
        let unexplained: Vec<String> = report
            .checks
            .iter()
            .enumerate()
            .filter(|(i, c)| c.verdict.failed() && !explained.contains(i))
            .map(|(_, c)| format!("{} [{}]", c.id, c.column))
            .collect();
        assert!(unexplained.is_empty(), "{}: unexplained {unexplained:?}", b.name);
    }
}

// ------------------------------------------------------------------------------------------------
// Mutation test
// ------------------------------------------------------------------------------------------------

/// A small deterministic generator (xorshift64*), so the test is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Corruption {
    Typo,
    Transposition,
    SignFlip,
    CopyNeighbour,
}

/// Formats a whole number the way the filings print it: `1,234` or `(1,234)`.
fn printed(v: i128) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 { format!("({out})") } else { out }
}

/// Replaces the token starting at (line, col) of `text` with `new`.
fn splice(text: &str, line: u32, col: u32, new: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 != line as usize {
            out.push_str(l);
            continue;
        }
        let chars: Vec<char> = l.chars().collect();
        let start = col as usize - 1;
        let end = (start..chars.len())
            .find(|&j| chars[j].is_whitespace())
            .unwrap_or(chars.len());
        let token: String = chars.get(start..end)?.iter().collect();
        let bold = token.starts_with("**");
        out.extend(&chars[..start]);
        if bold {
            out.push_str(&format!("**{new}**"));
        } else {
            out.push_str(new);
        }
        out.extend(&chars[end..]);
    }
    Some(out)
}

struct Outcome {
    tried: usize,
    detected: usize,
    named: usize,
    named_among: usize,
}

fn mutate(rng: &mut Rng, value: i128, kind: Corruption, neighbour: Option<i128>) -> Option<i128> {
    let neg = value < 0;
    let mut d: Vec<u8> = value.unsigned_abs().to_string().into_bytes();
    match kind {
        Corruption::Typo => {
            let i = rng.below(d.len());
            let old = d[i];
            let mut new = b'0' + rng.below(10) as u8;
            if new == old {
                new = b'0' + ((old - b'0' + 1) % 10);
            }
            if i == 0 && new == b'0' && d.len() > 1 {
                return None;
            }
            d[i] = new;
        }
        Corruption::Transposition => {
            let pairs: Vec<usize> = (0..d.len().saturating_sub(1))
                .filter(|&i| d[i] != d[i + 1])
                .collect();
            if pairs.is_empty() {
                return None;
            }
            let i = pairs[rng.below(pairs.len())];
            d.swap(i, i + 1);
            if d[0] == b'0' {
                return None;
            }
        }
        Corruption::SignFlip => return (value != 0).then_some(-value),
        Corruption::CopyNeighbour => return neighbour.filter(|n| *n != value),
    }
    let v: i128 = String::from_utf8(d).ok()?.parse().ok()?;
    Some(if neg { -v } else { v })
}

fn mutation_run(name: &str, text: &str, seed: u64, rounds: usize) -> Outcome {
    let (report, _) = run(name, text);
    let baseline: std::collections::BTreeSet<(statement_core::Text, statement_core::Text, usize)> =
        report.failures().map(|c| c.key()).collect();
    // Cells that take part in at least one evaluated check, all of which hold, whole numbers.
    let mut holds = vec![true; report.cells.len()];
    let mut used = vec![false; report.cells.len()];
    for c in &report.checks {
        if matches!(c.relation, statement_core::check::Relation::Unreadable { .. }) {
            continue;
        }
        for i in c.relation.cells() {
            used[i] = true;
            holds[i] &= c.verdict.holds();
        }
    }
    let eligible: Vec<usize> = (0..report.cells.len())
        .filter(|&i| used[i] && holds[i] && report.cells[i].amount.precision().decimals == 0)
        .collect();
    assert!(
        !eligible.is_empty(),
        "{name}: no cell takes part in a holding check"
    );
    let mut rng = Rng(seed);
    let mut out = Outcome {
        tried: 0,
        detected: 0,
        named: 0,
        named_among: 0,
    };
    let kinds = [
        Corruption::Typo,
        Corruption::Transposition,
        Corruption::SignFlip,
        Corruption::CopyNeighbour,
    ];
    while out.tried < rounds {
        let i = eligible[rng.below(eligible.len())];
        let cell = &report.cells[i].cell;
        let value: i128 = report.cells[i].amount.value().mantissa();
        let kind = kinds[rng.below(kinds.len())];
        let neighbour = report
            .cells
            .iter()
            .filter(|c| {
                c.cell.line == cell.line && c.cell.col != cell.col && c.amount.precision().decimals == 0
            })
            .min_by_key(|c| c.cell.col.abs_diff(cell.col))
            .map(|c| c.amount.value().mantissa());
        let Some(bad) = mutate(&mut rng, value, kind, neighbour) else {
            continue;
        };
        let Some(mutated) = splice(text, cell.line, cell.col, &printed(bad)) else {
            continue;
        };
        out.tried += 1;
        let (r2, why) = run(name, &mutated);
        let new_failures = r2.failures().any(|c| !baseline.contains(&c.key()));
        if !new_failures {
            continue;
        }
        out.detected += 1;
        let is_it = |s: &statement_core::explain::Suspect| {
            s.line == cell.line && s.column == cell.column && s.suggested == value.to_string()
        };
        if why
            .iter()
            .any(|e| !e.ambiguous && e.suspects.first().is_some_and(is_it))
        {
            out.named += 1;
        }
        if why.iter().any(|e| e.suspects.iter().any(is_it)) {
            out.named_among += 1;
        }
        if std::env::var_os("MUTATION_DEBUG").is_some()
            && !why
                .iter()
                .any(|e| !e.ambiguous && e.suspects.first().is_some_and(is_it))
        {
            eprintln!(
                "MISS {kind:?} line {} {} [{}] {} -> {}",
                cell.line, cell.label, cell.column, value, bad
            );
            for e in &why {
                eprintln!("    {}", e.summary);
            }
        }
    }
    out
}

#[test]
fn mutation_test_names_the_corrupted_cell() {
    let mut total = Outcome {
        tried: 0,
        detected: 0,
        named: 0,
        named_among: 0,
    };
    for (b, seed) in [(Q2_2025, 0x5EED_2025_u64), (H1_2023, 0x5EED_2023_u64)] {
        // 150 corruptions a filing by default; MUTATION_ROUNDS=N for a larger sample.
        let rounds = std::env::var("MUTATION_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(150);
        let o = mutation_run(b.name, b.text, seed, rounds);
        eprintln!(
            "{}: {} corruptions, {} detected, named unambiguously {} ({:.1} %), among suspects {} ({:.1} %)",
            b.name,
            o.tried,
            o.detected,
            o.named,
            100.0 * o.named as f64 / o.detected as f64,
            o.named_among,
            100.0 * o.named_among as f64 / o.detected as f64
        );
        total.tried += o.tried;
        total.detected += o.detected;
        total.named += o.named;
        total.named_among += o.named_among;
    }
    // Named among the suspects (alone, or among the alternatives when the text cannot decide).
    let among = total.named_among as f64 / total.detected as f64;
    assert!(
        among >= 0.95,
        "named among suspects in {:.1} % of detected corruptions",
        100.0 * among
    );
    // Named as the one unambiguous culprit: the rest are corruptions the checks cannot tell from
    // another cell's (a sign flipped in an RMB or in its US$ cell when no other check sees either).
    let alone = total.named as f64 / total.detected as f64;
    assert!(
        alone >= 0.90,
        "named unambiguously in {:.1} % of detected corruptions",
        100.0 * alone
    );
    // Nearly every corruption is seen at all (the rest hide within rounding).
    assert!(
        total.detected * 100 >= total.tried * 95,
        "{} of {} detected",
        total.detected,
        total.tried
    );
}
