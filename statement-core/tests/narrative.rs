//! Narrative claims: the figures the prose of the two bundled filings restates from their tables,
//! and the `narrative:` checks that hold each against its table cell.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use statement_core::bind::bind;
use statement_core::check::{CheckKind, FilingCheck, FilingReport, Verdict};
use statement_core::kingsoft::{self, Bundled, H1_2023, Q2_2025};
use statement_core::narrative::{Claim, claims};
use statement_core::read::{self, Date, Period};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn claims_of(text: &str) -> Vec<Claim> {
    let filing = read::read("test.txt", text.as_bytes()).unwrap();
    let binding = bind(&filing, kingsoft::LAYOUTS);
    claims(&filing, &binding.statements, kingsoft::LAYOUTS)
}

fn report_of(text: &str) -> FilingReport {
    kingsoft::check_text("test.txt", text.as_bytes()).unwrap()
}

fn report(b: Bundled) -> FilingReport {
    report_of(b.text)
}

fn by_line(claims: &[Claim]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for c in claims {
        *m.entry(format!("{}.{}", c.layout, c.line)).or_insert(0) += 1;
    }
    m
}

fn claim<'a>(claims: &'a [Claim], line: u32, token: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.location.line == line && c.token == token)
        .unwrap_or_else(|| panic!("no claim {token} on line {line}"))
}

/// The prose figures and margins checked against their table cells (not the prose translations
/// checked against their source figure, `narrative:<layout>.<line>.translation`, nor the changes
/// checked against two cells, `narrative:<layout>.<line>.change`).
fn narrative(r: &FilingReport) -> Vec<&FilingCheck> {
    r.checks
        .iter()
        .filter(|c| {
            c.id.starts_with("narrative:") && !c.id.ends_with(".translation") && !c.id.ends_with(".change")
        })
        .collect()
}

/// The changes the prose states, checked against the two periods' cells of their line.
fn changes(r: &FilingReport) -> Vec<&FilingCheck> {
    r.checks
        .iter()
        .filter(|c| c.id.starts_with("narrative:") && c.id.ends_with(".change"))
        .collect()
}

fn verdicts(checks: &[&FilingCheck]) -> (usize, usize, usize, usize) {
    let mut n = (0, 0, 0, 0);
    for c in checks {
        match c.verdict {
            Verdict::Exact => n.0 += 1,
            Verdict::WithinRounding { .. } => n.1 += 1,
            Verdict::Failed { .. } => n.2 += 1,
            Verdict::Unreadable => n.3 += 1,
        }
    }
    n
}

fn failed(checks: &[&FilingCheck]) -> Vec<String> {
    checks
        .iter()
        .filter(|c| c.verdict.failed())
        .map(|c| format!("{} [{}]", c.id, c.column))
        .collect()
}

fn date(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

fn months(months: u8, end: Date) -> Period {
    Period::Duration { months, end }
}

const Q2: Date = Date {
    year: 2025,
    month: 6,
    day: 30,
};

fn expected(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn press_release_claims() {
    let found = claims_of(Q2_2025.text);
    assert_eq!(found.len(), 61);
    assert_eq!(
        by_line(&found),
        expected(&[
            ("adjusted_ebitda.adjusted_ebitda", 5),
            ("adjusted_ebitda.adjusted_net_loss", 4),
            ("adjusted_gross_profit.adjusted_gross_profit", 4),
            // The income statement's gross profit row is damaged: the reconciliation's, tied to
            // it, is checked instead.
            ("adjusted_gross_profit.gross_profit", 3),
            ("adjusted_operating_loss.adjusted_operating_loss", 2),
            ("balance_sheet.cash", 2),
            ("comprehensive_loss.cost_of_revenues", 3),
            ("comprehensive_loss.enterprise_cloud", 4),
            ("comprehensive_loss.general_and_administrative", 4),
            ("comprehensive_loss.net_loss", 4),
            ("comprehensive_loss.operating_loss", 4),
            ("comprehensive_loss.public_cloud", 5),
            ("comprehensive_loss.research_and_development", 4),
            ("comprehensive_loss.selling_and_marketing", 4),
            ("comprehensive_loss.total_operating_expenses", 4),
            ("comprehensive_loss.total_revenues", 5),
        ])
    );

    let revenue = claim(&found, 17, "RMB2,349.2 million");
    assert_eq!(revenue.location.column, 24);
    assert_eq!(
        (revenue.layout, revenue.line),
        ("comprehensive_loss", "total_revenues")
    );
    assert_eq!(revenue.column.period, months(3, Q2));
    assert_eq!(revenue.column.label(), "3M to Jun 30, 2025 RMB");
    assert_eq!((revenue.value, revenue.sign), (dec("2349.2"), 1));
    assert_eq!(revenue.subject, "Total Revenues");

    // The US$ figure in parentheses, footnote mark included in its token.
    let usd = claim(&found, 17, "US\\$327.9¹ million");
    assert_eq!(usd.column.label(), "3M to Jun 30, 2025 US$");
    assert_eq!(usd.value, dec("327.9"));
    // "in the same quarter of 2024", "in the first quarter of 2025".
    assert_eq!(
        claim(&found, 17, "RMB1,891.8 million").column.label(),
        "3M to Jun 30, 2024 RMB"
    );
    assert_eq!(
        claim(&found, 17, "RMB1,970.0 million").column.label(),
        "3M to Mar 31, 2025 RMB"
    );
    // "last quarter".
    assert_eq!(
        claim(&found, 19, "RMB1,353.5 million").column.label(),
        "3M to Mar 31, 2025 RMB"
    );
    // A sentence broken by a blank line (lines 35 and 37) is one paragraph: a figure after the
    // break is located where it is printed, on line 37.
    let broken = claim(&found, 37, "RMB226.2 million");
    assert_eq!(broken.location.column, 34);
    assert_eq!(broken.column.label(), "3M to Mar 31, 2025 RMB");

    // A loss is stated as a magnitude of the printed (456,863).
    let net_loss = claim(&found, 41, "RMB456.9 million");
    assert_eq!(
        (net_loss.layout, net_loss.line, net_loss.sign),
        ("comprehensive_loss", "net_loss", -1)
    );
    let adjusted = claim(&found, 41, "RMB190.6 million");
    assert_eq!(
        (adjusted.layout, adjusted.line),
        ("adjusted_ebitda", "adjusted_net_loss")
    );
    assert_eq!(adjusted.column.label(), "3M to Mar 31, 2025 RMB");
    let ebitda = claim(&found, 43, "RMB406.0 million");
    assert_eq!(
        (ebitda.subject.as_str(), ebitda.line, ebitda.sign),
        ("Non-GAAP EBITDA", "adjusted_ebitda", 1)
    );

    // "as of June 30, 2025": the balance sheet.
    let cash = claim(&found, 47, "RMB5,464.1 million");
    assert_eq!((cash.layout, cash.line), ("balance_sheet", "cash"));
    assert_eq!(cash.column.period, Period::Instant { date: Q2 });

    // The CEO's and CFO's quotes.
    assert_eq!(claim(&found, 11, "RMB2,349.2 million").line, "total_revenues");
    assert_eq!(
        claim(&found, 13, "RMB350.6 million").line,
        "adjusted_gross_profit"
    );

    let tokens: Vec<&str> = found.iter().map(|c| c.token.as_str()).collect();
    for skipped in [
        // "as of March 31, 2025": no balance sheet at that date.
        "RMB2,322.7 million",
        // "compared with operating loss of ..." in a sentence about Non-GAAP operating loss: the
        // subject is uncertain.
        "RMB188.5 million",
        "RMB55.8 million",
        // In no table: AI gross billing, ecosystem revenue, IDC costs, depreciation and
        // amortization costs of the cost of revenues, solution and fulfillment costs.
        "RMB728.7 million",
        "RMB628.9 million",
        "RMB1,125.0 million",
        "RMB803.1 million",
        "RMB552.0 million",
        "RMB265.9 million",
        "RMB563.7 million",
        "RMB25.8 million",
    ] {
        assert!(!tokens.contains(&skipped), "{skipped} should be skipped");
    }
}

#[test]
fn interim_announcement_claims() {
    let found = claims_of(H1_2023.text);
    assert_eq!(found.len(), 66);
    assert_eq!(
        by_line(&found),
        expected(&[
            ("adjusted_ebitda.adjusted_ebitda", 6),
            ("adjusted_ebitda.adjusted_net_loss", 2),
            ("adjusted_ebitda.normalized_adjusted_ebitda", 3),
            ("adjusted_gross_profit.adjusted_gross_profit", 6),
            ("balance_sheet.cash", 3),
            ("comprehensive_loss.cost_of_revenues", 3),
            ("comprehensive_loss.enterprise_cloud", 5),
            ("comprehensive_loss.general_and_administrative", 3),
            ("comprehensive_loss.gross_profit", 6),
            ("comprehensive_loss.net_loss", 3),
            ("comprehensive_loss.operating_loss", 3),
            ("comprehensive_loss.other_revenues", 2),
            ("comprehensive_loss.public_cloud", 5),
            ("comprehensive_loss.research_and_development", 5),
            ("comprehensive_loss.selling_and_marketing", 3),
            ("comprehensive_loss.total_operating_expenses", 3),
            ("comprehensive_loss.total_revenues", 5),
        ])
    );
    let h1 = date(2023, 6, 30);

    // "During the Reporting Period, total revenues reached RMB3,699.8 million".
    let revenue = claim(&found, 70, "RMB3,699.8 million");
    assert_eq!(revenue.location.column, 53);
    assert_eq!(
        (revenue.layout, revenue.line),
        ("comprehensive_loss", "total_revenues")
    );
    assert_eq!(revenue.column.period, months(6, h1));
    assert_eq!(revenue.subject, "total revenues");
    // Two subjects in one sentence.
    assert_eq!(claim(&found, 70, "RMB1,385.2 million").line, "enterprise_cloud");
    // "in the first half of 2022", "in the same period of 2022".
    assert_eq!(
        claim(&found, 70, "RMB145.2 million").column.label(),
        "6M to Jun 30, 2022 RMB"
    );
    assert_eq!(
        claim(&found, 145, "RMB4,080.3 million").column.label(),
        "6M to Jun 30, 2022 RMB"
    );
    // "Adjusted EBITDA loss was RMB191.9 million": a magnitude.
    let loss = claim(&found, 70, "RMB191.9 million");
    assert_eq!(
        (loss.line, loss.value, loss.sign),
        ("adjusted_ebitda", dec("191.9"), -1)
    );
    // "Non-GAAP EBITDA was RMB-191.9 million (US\$-44.0 million)": signed.
    let signed = claim(&found, 169, "RMB-191.9 million");
    assert_eq!(
        (signed.line, signed.value, signed.sign),
        ("adjusted_ebitda", dec("-191.9"), 1)
    );
    let usd = claim(&found, 169, "US\\$-44.0 million");
    assert_eq!(
        (usd.value, usd.column.label()),
        (dec("-44.0"), "6M to Jun 30, 2023 US$".to_string())
    );
    let normalized = claim(&found, 169, "RMB-170.3 million");
    assert_eq!(normalized.subject, "normalized Non-GAAP EBITDA");
    assert_eq!(normalized.line, "normalized_adjusted_ebitda");
    // "As of June 30, 2023, our cash ... of December 31, 2022."
    assert_eq!(
        claim(&found, 179, "RMB3,708.7 million").column.period,
        Period::Instant { date: h1 }
    );
    assert_eq!(
        claim(&found, 179, "RMB3,419.2 million").column.period,
        Period::Instant {
            date: date(2022, 12, 31)
        }
    );

    let tokens: Vec<&str> = found.iter().map(|c| c.token.as_str()).collect();
    for skipped in [
        // "Non-GAAP net loss ... narrowed from net loss of RMB910.6 million": uncertain subject.
        "RMB910.6 million",
        // Segment gross profit, impairment of one asset group, IDC and other cost components.
        "RMB84.5 million",
        "RMB315.7 million",
        "RMB185.1 million",
        "RMB1,733.2 million",
        "RMB426.7 million",
        "RMB194.4 million",
    ] {
        assert!(!tokens.contains(&skipped), "{skipped} should be skipped");
    }
}

#[test]
fn press_release_checks_hold_but_total_operating_expenses() {
    let r = report(Q2_2025);
    let checks = narrative(&r);
    // 61 figures and 10 margins ("Gross margin was 14.4%, compared with 16.8% ...").
    assert_eq!(checks.len(), 71);
    assert_eq!(
        checks
            .iter()
            .filter(|c| c.id.starts_with("narrative:margins."))
            .count(),
        10
    );
    assert!(checks.iter().all(|c| c.kind == CheckKind::CrossStatement));
    // The income statement's revenue, cost and expense rows print six figures for seven
    // columns: which one is missing is ambiguous, so their narrative checks are unreadable.
    assert_eq!(verdicts(&checks), (41, 0, 1, 29));
    assert_eq!(
        failed(&checks),
        ["narrative:comprehensive_loss.total_operating_expenses [3M to Jun 30, 2025 RMB]"]
    );
    // The table: 131,996 + 339,563 + 194,285 = 665,844 thousand, 665.8 million. The prose says
    // 665.9: the sum of its own rounded components, 132.0 + 339.6 + 194.3.
    assert_eq!(131_996 + 339_563 + 194_285, 665_844);
    assert_eq!(dec("132.0") + dec("339.6") + dec("194.3"), dec("665.9"));
    let c = checks.iter().find(|c| c.verdict.failed()).unwrap();
    assert_eq!(
        c.verdict,
        Verdict::Failed {
            expected: dec("665.844"),
            reported: dec("665.9"),
            difference: dec("0.056"),
            tolerance: dec("0.0505"),
        }
    );
    let cells: Vec<_> = c
        .relation
        .cells()
        .iter()
        .map(|&i| r.cells[i].cell.clone())
        .collect();
    assert_eq!((cells[0].line, cells[0].col), (29, 31));
    assert_eq!(
        (
            cells[0].label.as_str(),
            cells[0].column.as_str(),
            cells[0].value.as_str()
        ),
        ("Total operating expenses", "narrative", "665.9")
    );
    assert_eq!((cells[1].line, cells[1].value.as_str()), (191, "-665844"));

    // The US$ figure beside it agrees: 92,948 thousand is 92.9 million.
    let usd = checks
        .iter()
        .find(|c| {
            c.id == "narrative:comprehensive_loss.total_operating_expenses" && c.column.ends_with("US$")
        })
        .unwrap();
    assert_eq!(usd.verdict, Verdict::Exact);
    // Non-GAAP net loss of the first quarter: 190,550 thousand, exactly half way, is 190.6.
    let q1 = checks
        .iter()
        .find(|c| {
            c.id == "narrative:adjusted_ebitda.adjusted_net_loss" && c.column == "3M to Mar 31, 2025 RMB"
        })
        .unwrap();
    assert_eq!(q1.verdict, Verdict::Exact);
    // A damaged row: the claim is kept, the check is unreadable.
    let revenue = checks
        .iter()
        .find(|c| {
            c.id == "narrative:comprehensive_loss.total_revenues" && c.column == "3M to Jun 30, 2025 RMB"
        })
        .unwrap();
    assert_eq!(revenue.verdict, Verdict::Unreadable);
}

#[test]
fn interim_announcement_checks_hold_but_other_revenues() {
    let r = report(H1_2023);
    let checks = narrative(&r);
    // 66 figures and 14 margins.
    assert_eq!(checks.len(), 80);
    assert_eq!(verdicts(&checks), (79, 0, 1, 0));
    assert_eq!(
        failed(&checks),
        ["narrative:comprehensive_loss.other_revenues [6M to Jun 30, 2023 RMB]"]
    );
    // The table prints 1,468 thousand, 1.5 million; the prose says RMB1.4 million: total revenues
    // less the two services, each rounded first (3,699.8 - 2,313.2 - 1,385.2).
    assert_eq!(dec("3699.8") - dec("2313.2") - dec("1385.2"), dec("1.4"));
    let c = checks.iter().find(|c| c.verdict.failed()).unwrap();
    assert_eq!(
        c.verdict,
        Verdict::Failed {
            expected: dec("1.468"),
            reported: dec("1.4"),
            difference: dec("-0.068"),
            tolerance: dec("0.0505"),
        }
    );
    // The summary and the full income statement print the same figures: the first is used.
    let cells = c.relation.cells();
    assert_eq!(
        (r.cells[cells[0]].cell.line, r.cells[cells[1]].cell.line),
        (149, 110)
    );
    // US$ 202 thousand is 0.2 million, as printed.
    let usd = checks
        .iter()
        .find(|c| c.id == "narrative:comprehensive_loss.other_revenues" && c.column.ends_with("US$"))
        .unwrap();
    assert_eq!(usd.verdict, Verdict::Exact);
}

#[test]
fn an_altered_narrative_figure_fails_its_check_only() {
    assert_eq!(Q2_2025.text.matches("RMB338.9 million").count(), 1);
    let before = report(Q2_2025);
    let after = report_of(&Q2_2025.text.replacen("RMB338.9 million", "RMB383.9 million", 1));
    let fails = |r: &FilingReport| -> Vec<String> {
        r.failures().map(|c| format!("{} [{}]", c.id, c.column)).collect()
    };
    let mut expected = fails(&before);
    expected.push("narrative:adjusted_gross_profit.gross_profit [3M to Jun 30, 2025 RMB]".to_string());
    // And it is no longer the RMB figure of the US$47.3 million beside it (383.9 / 7.1636 = 53.6).
    expected.push(
        "narrative:adjusted_gross_profit.gross_profit.translation [3M to Jun 30, 2025 US$]".to_string(),
    );
    let mut got = fails(&after);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let c = after
        .checks
        .iter()
        .find(|c| {
            c.id == "narrative:adjusted_gross_profit.gross_profit" && c.column == "3M to Jun 30, 2025 RMB"
        })
        .unwrap();
    assert_eq!(c.statement, "adjusted_gross_profit");
    assert_eq!(
        c.verdict,
        Verdict::Failed {
            expected: dec("338.857"),
            reported: dec("383.9"),
            difference: dec("45.043"),
            tolerance: dec("0.0505"),
        }
    );
    assert_eq!(after.checks.len(), before.checks.len());
}

/// A short filing whose income statement is undamaged.
const SHORT: &str = "Kingsoft Cloud announced its unaudited financial results for the second quarter ended June 30, 2025.

Total Revenues reached RMB2,349.2 million (US\\$327.9 million), increased by 24.2% from RMB1,891.8 million in the same quarter of 2024.

Cost of revenues was RMB2,010.4 million, and IDC costs increased from RMB728.2 million to RMB803.1 million this quarter.

Gross profit was RMB338.9 million in the same period, compared with RMB318.3 million last quarter.

UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS
(All amounts in thousands)

\tThree Months Ended\t\t\t
\tJun 30, 2024\tMar 31, 2025\tJun 30, 2025\tJun 30, 2025
\tRMB\tRMB\tRMB\tUS\\$
Total revenues\t1,891,780\t1,969,977\t2,349,227\t327,939
Cost of revenues\t(1,573,433)\t(1,651,671)\t(2,010,370)\t(280,637)
Gross profit\t318,347\t318,306\t338,857\t47,302
";

#[test]
fn uncertain_figures_are_skipped() {
    let found = claims_of(SHORT);
    let got: Vec<(u32, &str, String)> = found
        .iter()
        .map(|c| (c.location.line, c.token.as_str(), c.column.label()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "RMB2,349.2 million", "3M to Jun 30, 2025 RMB".to_string()),
            (3, "US\\$327.9 million", "3M to Jun 30, 2025 US$".to_string()),
            (3, "RMB1,891.8 million", "3M to Jun 30, 2024 RMB".to_string()),
            (5, "RMB2,010.4 million", "3M to Jun 30, 2025 RMB".to_string()),
            // "IDC costs increased ..." opens a clause of its own: 728.2 and 803.1 are not cost
            // of revenues. "in the same period" names no year: 338.9 is skipped.
            (7, "RMB318.3 million", "3M to Mar 31, 2025 RMB".to_string()),
        ]
    );
    // 2,349.2 against 2,349,227 thousand rounds to the digit.
    let r = report_of(SHORT);
    let checks = narrative(&r);
    assert_eq!(verdicts(&checks), (5, 0, 0, 0));
    let revenue = checks
        .iter()
        .find(|c| {
            c.id == "narrative:comprehensive_loss.total_revenues" && c.column == "3M to Jun 30, 2025 RMB"
        })
        .unwrap();
    assert_eq!(revenue.statement, "comprehensive_loss");
    assert_eq!(revenue.verdict, Verdict::Exact);
}

#[test]
fn without_a_stated_reporting_period_a_figure_without_cue_is_skipped() {
    let text = SHORT
        .replacen(" for the second quarter ended June 30, 2025", "", 1)
        .replacen("the same quarter of 2024", "the second quarter of 2024", 1);
    let found = claims_of(&text);
    let tokens: Vec<&str> = found.iter().map(|c| c.token.as_str()).collect();
    // Only figures whose own words name their period remain: "the second quarter of 2024", not
    // "last quarter" (of which quarter?) nor the first figures of their sentences.
    assert_eq!(tokens, ["RMB1,891.8 million"]);
}

/// [`SHORT`]'s table under prose in billions and thousands, with a stated rate, a change that
/// holds and one that does not.
const SCALED: &str = "Kingsoft Cloud announced its unaudited financial results for the second quarter ended June 30, 2025. Translations are made at RMB7.1636 to US$1.00.

Total Revenues reached RMB2.3 billion (US$327.9 million), increased by 24.2% from RMB1.9 billion in the same quarter of 2024.

Gross profit was RMB338,857 thousand (US$47,302 thousand), compared with RMB318,306 thousand last quarter.

Cost of revenues was RMB2.0 billion, representing an increase of 72.8% from RMB1.6 billion in the same quarter of 2024.

UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS
(All amounts in thousands)

\tThree Months Ended\t\t\t
\tJun 30, 2024\tMar 31, 2025\tJun 30, 2025\tJun 30, 2025
\tRMB\tRMB\tRMB\tUS\\$
Total revenues\t1,891,780\t1,969,977\t2,349,227\t327,939
Cost of revenues\t(1,573,433)\t(1,651,671)\t(2,010,370)\t(280,637)
Gross profit\t318,347\t318,306\t338,857\t47,302
";

#[test]
fn figures_in_billions_and_thousands_and_changes_are_checked_with_the_rounding_printed() {
    let r = report_of(SCALED);
    let got: Vec<(String, String, Verdict)> = r
        .checks
        .iter()
        .filter(|c| c.id.starts_with("narrative:"))
        .map(|c| (c.id.to_string(), c.column.to_string(), c.verdict.clone()))
        .collect();
    let id = |s: &str| format!("narrative:comprehensive_loss.{s}");
    let (q2, q2_usd, q2_24, q1) = (
        "3M to Jun 30, 2025 RMB",
        "3M to Jun 30, 2025 US$",
        "3M to Jun 30, 2024 RMB",
        "3M to Mar 31, 2025 RMB",
    );
    assert_eq!(
        got.iter()
            .map(|(i, c, _)| (i.as_str(), c.as_str()))
            .collect::<Vec<_>>(),
        [
            (id("total_revenues").as_str(), q2),
            (id("total_revenues").as_str(), q2_usd),
            (id("total_revenues").as_str(), q2_24),
            (id("gross_profit").as_str(), q2),
            (id("gross_profit").as_str(), q2_usd),
            (id("gross_profit").as_str(), q1),
            (id("cost_of_revenues").as_str(), q2),
            (id("cost_of_revenues").as_str(), q2_24),
            (id("total_revenues.translation").as_str(), q2_usd),
            (id("gross_profit.translation").as_str(), q2_usd),
            (id("total_revenues.change").as_str(), q2),
            (id("cost_of_revenues.change").as_str(), q2),
        ]
    );
    let verdict = |i: usize| got[i].2.clone();
    // 2,349,227 thousand is RMB2.3 billion to one decimal (anything within 50 million).
    assert!(!verdict(0).failed() && verdict(0) != Verdict::Unreadable);
    // Thousands restate the cells to the digit.
    assert_eq!(
        (verdict(3), verdict(4), verdict(5)),
        (Verdict::Exact, Verdict::Exact, Verdict::Exact)
    );
    // RMB2.3 billion at 7.1636 is US$321.1 million: within what the billion's decimal hides
    // (50 million RMB, 7.0 million US$) of the US$327.9 million printed.
    assert!(matches!(
        verdict(8),
        Verdict::WithinRounding { difference } if difference.round_dp(4) == dec("6.8324")
    ));
    // (2,349,227 - 1,891,780) / 1,891,780 = 24.18%, printed 24.2%.
    assert_eq!(verdict(10), Verdict::Exact);
    // (2,010,370 - 1,573,433) / 1,573,433 = 27.77%, not the 72.8% printed (a figure with its
    // digits swapped).
    assert!(matches!(
        verdict(11),
        Verdict::Failed { expected, reported, .. } if expected == dec("27.77") && reported == dec("72.8")
    ));
}

#[test]
fn changes_the_prose_states_hold_where_their_cells_are_readable() {
    let q2 = report(Q2_2025);
    let c = changes(&q2);
    assert!(c.iter().all(|c| c.kind == CheckKind::Ratio));
    // 16 changes with a direction and the figure they changed from; the income statement's
    // damaged revenue, cost and expense rows leave 12 of them unreadable.
    assert_eq!(verdicts(&c), (4, 0, 0, 12));
    let ebitda = c
        .iter()
        .find(|c| c.id == "narrative:adjusted_ebitda.adjusted_ebitda.change")
        .unwrap();
    // "increased by 570.1% from RMB60.6 million": (406,032 - 60,594) / 60,594.
    let cells: Vec<String> = ebitda
        .relation
        .cells()
        .iter()
        .map(|&i| q2.cells[i].cell.value.to_string())
        .collect();
    assert_eq!(cells, ["570.1", "406032", "60594", "60594"]);
    assert_eq!(ebitda.verdict, Verdict::Exact);
    // "and 86.6% from RMB182.0 million last quarter" states no direction of its own: not read.
    assert!(!q2.cells.iter().any(|c| c.cell.value == "86.6"));

    let h1 = report(H1_2023);
    let c = changes(&h1);
    assert_eq!(verdicts(&c), (7, 0, 0, 0));
    let mut ids: Vec<&str> = c.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "narrative:adjusted_gross_profit.adjusted_gross_profit.change",
            "narrative:balance_sheet.cash.change",
            "narrative:comprehensive_loss.cost_of_revenues.change",
            "narrative:comprehensive_loss.enterprise_cloud.change",
            "narrative:comprehensive_loss.gross_profit.change",
            "narrative:comprehensive_loss.gross_profit.change",
            "narrative:comprehensive_loss.total_revenues.change",
        ]
    );
    // "a decrease of 9.3% from RMB4,080.3 million": 3,699,803 against 4,080,307 thousand.
    let revenue = c
        .iter()
        .find(|c| c.id == "narrative:comprehensive_loss.total_revenues.change")
        .unwrap();
    assert_eq!(h1.cells[revenue.relation.cells()[0]].amount.value(), dec("-9.3"));
}

#[test]
fn a_margin_no_table_prints_is_checked_against_its_declared_ratio() {
    // [`SHORT`]'s income statement and no margin table: "Gross margin" is declared on
    // `margins.gross_margin`, whose ratio is gross profit over total revenues.
    let text = SHORT.replacen(
        "Gross profit was RMB338.9 million in the same period, compared with RMB318.3 million last quarter.",
        "Gross margin was 14.4%, compared with 16.8% in the same quarter of 2024.",
        1,
    );
    let margins = |text: &str| -> Vec<(String, String, Verdict)> {
        let r = report_of(text);
        r.checks
            .iter()
            .filter(|c| c.id == "narrative:margins.gross_margin")
            .map(|c| {
                assert_eq!(
                    (c.kind, c.statement.as_str()),
                    (CheckKind::Ratio, "comprehensive_loss")
                );
                (
                    c.column.to_string(),
                    r.cells[c.relation.cells()[0]].cell.value.to_string(),
                    c.verdict.clone(),
                )
            })
            .collect()
    };
    // 338,857 / 2,349,227 = 14.42%; 318,347 / 1,891,780 = 16.828%.
    assert_eq!(
        margins(&text),
        [
            (
                "3M to Jun 30, 2025 RMB".to_string(),
                "14.4".to_string(),
                Verdict::Exact
            ),
            (
                "3M to Jun 30, 2024 RMB".to_string(),
                "16.8".to_string(),
                Verdict::Exact
            ),
        ]
    );
    let wrong = margins(&text.replacen("16.8%", "18.6%", 1));
    assert!(
        matches!(&wrong[1].2, Verdict::Failed { expected, reported, .. } if *expected == dec("16.828") && *reported == dec("18.6")),
        "{wrong:?}"
    );
}
