//! The Kingsoft layouts applied to the two bundled filings: verdict counts, the exact list of
//! failures (each a real break in the printed text), and specific checks.

use rust_decimal::Decimal;
use statement_core::check::{CheckKind, FilingCheck, FilingReport, Verdict};
use statement_core::kingsoft::{self, H1_2023, Q2_2025};

fn report(b: kingsoft::Bundled) -> FilingReport {
    kingsoft::check_text(b.name, b.text.as_bytes()).expect("bundled filings are readable")
}

fn find<'a>(r: &'a FilingReport, id: &str, column: &str) -> &'a FilingCheck {
    r.checks
        .iter()
        .find(|c| c.id == id && c.column == column)
        .unwrap_or_else(|| panic!("no check {id} [{column}]"))
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn failures(r: &FilingReport) -> Vec<String> {
    r.failures().map(|c| format!("{} [{}]", c.id, c.column)).collect()
}

fn count_kind(r: &FilingReport, kind: CheckKind) -> usize {
    r.checks.iter().filter(|c| c.kind == kind).count()
}

#[test]
fn verdict_counts_per_filing() {
    let q2 = report(Q2_2025);
    let h1 = report(H1_2023);
    assert_eq!(
        q2.counts(),
        (358, 32, 10, 144),
        "Q2 2025 (exact, within rounding, failed, unreadable)"
    );
    assert_eq!(
        h1.counts(),
        (574, 26, 9, 22),
        "H1 2023 (exact, within rounding, failed, unreadable)"
    );
    // 1,088 checks, 40 prose translations checked against their source figure at the stated
    // rate (16 in the press release, 24 in the announcement), 24 margins the prose restates
    // (10 and 14) and 23 changes it states between two periods of a line (16 and 7).
    assert_eq!(q2.checks.len() + h1.checks.len(), 1088 + 40 + 24 + 23);
    assert_eq!((q2.tables, q2.tables_bound, q2.statements), (8, 8, 45));
    assert_eq!((h1.tables, h1.tables_bound, h1.statements), (19, 19, 53));
}

#[test]
fn checks_per_kind() {
    let q2 = report(Q2_2025);
    let kinds = [
        CheckKind::Footing,
        CheckKind::CrossStatement,
        CheckKind::CrossPeriod,
        CheckKind::Currency,
        CheckKind::Ratio,
    ];
    let q2_counts: Vec<usize> = kinds.iter().map(|k| count_kind(&q2, *k)).collect();
    assert_eq!(q2_counts, [143, 137, 45, 156, 63]);
    let h1 = report(H1_2023);
    let h1_counts: Vec<usize> = kinds.iter().map(|k| count_kind(&h1, *k)).collect();
    assert_eq!(h1_counts, [131, 289, 0, 174, 37]);
}

#[test]
fn every_failure_of_the_press_release_is_the_shifted_share_based_compensation_row() {
    let r = report(Q2_2025);
    assert_eq!(
        failures(&r),
        [
            "footing:adjusted_gross_profit.adjusted_gross_profit [3M to Mar 31, 2025 RMB]",
            "footing:adjusted_gross_profit.adjusted_gross_profit [3M to Jun 30, 2025 RMB]",
            "footing:adjusted_gross_profit.adjusted_gross_profit [3M to Jun 30, 2025 US$]",
            "footing:adjusted_gross_profit.adjusted_gross_profit [6M to Jun 30, 2024 RMB]",
            "footing:adjusted_gross_profit.adjusted_gross_profit [6M to Jun 30, 2025 RMB]",
            "footing:adjusted_gross_profit.adjusted_gross_profit [6M to Jun 30, 2025 US$]",
            "period:adjusted_gross_profit.share_based_compensation [6M to Jun 30, 2025 RMB]",
            "currency:adjusted_gross_profit.share_based_compensation [3M to Jun 30, 2025 US$]",
            "currency:adjusted_gross_profit.share_based_compensation [6M to Jun 30, 2025 US$]",
            // The prose says RMB665.9 million (the sum of its own rounded 132.0 + 339.6 + 194.3);
            // the table's 665,844 is 665.8.
            "narrative:comprehensive_loss.total_operating_expenses [3M to Jun 30, 2025 RMB]",
        ]
    );
    // As read, the row has nothing in its first column: that column's footing is unreadable, not failed.
    let first = find(
        &r,
        "footing:adjusted_gross_profit.adjusted_gross_profit",
        "3M to Jun 30, 2024 RMB",
    );
    assert_eq!(first.verdict, Verdict::Unreadable);
    let q1 = find(
        &r,
        "footing:adjusted_gross_profit.adjusted_gross_profit",
        "3M to Mar 31, 2025 RMB",
    );
    assert_eq!(
        q1.verdict,
        Verdict::Failed {
            expected: dec("323382"),
            reported: dec("327671"),
            difference: dec("4289"),
            tolerance: dec("1.5")
        }
    );
}

#[test]
fn every_failure_of_the_announcement_is_the_us_dollar_impairment_and_what_it_carries() {
    let r = report(H1_2023);
    assert_eq!(
        failures(&r),
        [
            "currency:adjusted_ebitda.impairment [6M to Jun 30, 2023 US$]",
            "currency:adjusted_ebitda.adjusted_net_loss [6M to Jun 30, 2023 US$]",
            "currency:adjusted_ebitda.adjusted_ebitda [6M to Jun 30, 2023 US$]",
            "currency:adjusted_ebitda.normalized_adjusted_ebitda [6M to Jun 30, 2023 US$]",
            // The prose says RMB1.4 million; the table's 1,468 is 1.5.
            "narrative:comprehensive_loss.other_revenues [6M to Jun 30, 2023 RMB]",
            // The prose restates the US$ figures the wrong impairment carries: each disagrees
            // with its own RMB figure at RMB7.2513 per US$1.00 by US$17.5 million (lines 70,
            // 167, 169 and 169).
            "narrative:adjusted_ebitda.adjusted_ebitda.translation [6M to Jun 30, 2023 US$]",
            "narrative:adjusted_ebitda.adjusted_net_loss.translation [6M to Jun 30, 2023 US$]",
            "narrative:adjusted_ebitda.adjusted_ebitda.translation [6M to Jun 30, 2023 US$]",
            "narrative:adjusted_ebitda.normalized_adjusted_ebitda.translation [6M to Jun 30, 2023 US$]",
        ]
    );
    let c = find(
        &r,
        "currency:adjusted_ebitda.impairment",
        "6M to Jun 30, 2023 US$",
    );
    let Verdict::Failed {
        expected, reported, ..
    } = c.verdict
    else {
        panic!("{:?}", c.verdict)
    };
    // 185,135 RMB thousand at 7.2513 is 25,531 US$ thousand; 8,031 is printed.
    assert_eq!((expected.round_dp(0), reported), (dec("25531"), dec("8031")));
    let cells: Vec<(u32, String)> = c
        .relation
        .cells()
        .iter()
        .map(|&i| (r.cells[i].cell.line, r.cells[i].cell.value.to_string()))
        .collect();
    assert_eq!(cells, [(50, "8031".to_string()), (50, "185135".to_string())]);
    // The US$ adjusted net loss foots as printed (it was computed from the wrong line) ...
    assert_eq!(
        find(
            &r,
            "footing:adjusted_ebitda.adjusted_net_loss",
            "6M to Jun 30, 2023 US$"
        )
        .verdict,
        Verdict::Exact
    );
    // ... but is not the translation of the RMB adjusted net loss.
    let anl = find(
        &r,
        "currency:adjusted_ebitda.adjusted_net_loss",
        "6M to Jun 30, 2023 US$",
    );
    let Verdict::Failed {
        expected, reported, ..
    } = anl.verdict
    else {
        panic!()
    };
    assert_eq!((expected.round_dp(0), reported), (dec("-100317"), dec("-117819")));
}

#[test]
fn prose_translations_are_checked_at_the_stated_rate() {
    let q2 = report(Q2_2025);
    let t: Vec<&FilingCheck> = q2
        .checks
        .iter()
        .filter(|c| c.id.ends_with(".translation"))
        .collect();
    assert_eq!(t.len(), 16);
    assert!(t.iter().all(|c| c.verdict.holds()));
    // "Net loss was RMB456.9 million (US$63.8 million)": 456.9 / 7.1636 = 63.78.
    let net_loss = find(
        &q2,
        "narrative:comprehensive_loss.net_loss.translation",
        "3M to Jun 30, 2025 US$",
    );
    let cells: Vec<(u32, String)> = net_loss
        .relation
        .cells()
        .iter()
        .map(|&i| (q2.cells[i].cell.line, q2.cells[i].cell.value.to_string()))
        .collect();
    assert_eq!(cells, [(41, "63.8".to_string()), (41, "456.9".to_string())]);
    assert_eq!(net_loss.verdict, Verdict::Exact);

    // "Non-GAAP net loss was RMB727.4 million (US$117.8 million)": at 7.2513, US$100.3 million.
    let h1 = report(H1_2023);
    let anl = find(
        &h1,
        "narrative:adjusted_ebitda.adjusted_net_loss.translation",
        "6M to Jun 30, 2023 US$",
    );
    assert_eq!(
        anl.verdict,
        Verdict::Failed {
            expected: dec("100.313"),
            reported: dec("117.8"),
            difference: dec("17.487"),
            tolerance: dec("0.0569")
        }
    );
    assert_eq!(h1.cells[anl.relation.cells()[0]].cell.line, 167);
}

#[test]
fn total_current_assets_foot_exactly_and_the_balance_sheet_balances() {
    let r = report(Q2_2025);
    assert_eq!(
        find(
            &r,
            "footing:balance_sheet.total_current_assets",
            "Jun 30, 2025 RMB"
        )
        .verdict,
        Verdict::Exact
    );
    assert_eq!(
        find(&r, "rule:balance_sheet.balance", "Dec 31, 2024 RMB").verdict,
        Verdict::Exact
    );
    let h1 = report(H1_2023);
    // 2023: the Dec 2022 prepayments and amounts due from related parties are merged on one line,
    // so that column's current-asset footing is unreadable; June 2023 foots.
    assert_eq!(
        find(
            &h1,
            "footing:balance_sheet.total_current_assets",
            "Dec 31, 2022 RMB"
        )
        .verdict,
        Verdict::Unreadable
    );
    assert_eq!(
        find(&h1, "rule:balance_sheet.balance", "Jun 30, 2023 US$").verdict,
        Verdict::Exact
    );
}

#[test]
fn translated_lines_hold_within_rounding() {
    let r = report(Q2_2025);
    // 616,779 / 7.1636 = 86,099.03 is printed 86,100: the rounding plug that makes the US$ column foot.
    let v = &find(
        &r,
        "currency:balance_sheet.non_current_prepayments",
        "Jun 30, 2025 US$",
    )
    .verdict;
    assert!(
        matches!(v, Verdict::WithinRounding { difference } if difference.round_dp(2) == dec("0.97")),
        "{v:?}"
    );
    // The six-month US$ net loss is summed from translated lines: (107,901) against (107,902.87).
    let v = &find(
        &r,
        "currency:comprehensive_loss.net_loss",
        "6M to Jun 30, 2025 US$",
    )
    .verdict;
    assert!(matches!(v, Verdict::WithinRounding { .. }), "{v:?}");
}

#[test]
fn cross_period_cash_and_ratio_checks() {
    let r = report(Q2_2025);
    // Six months = first + second quarter: 316,110 + 456,863 = 772,973.
    assert_eq!(
        find(&r, "period:comprehensive_loss.net_loss", "6M to Jun 30, 2025 RMB").verdict,
        Verdict::Exact
    );
    // Ending cash = cash and cash equivalents + restricted cash: 5,464,077 + 53,051 = 5,517,128.
    assert_eq!(
        find(
            &r,
            "tie:cash_flows.ending=balance_sheet.cash+restricted_cash",
            "3M to Jun 30, 2025 RMB"
        )
        .verdict,
        Verdict::Exact
    );
    // Opening cash of Q1 2025 = the Dec 31, 2024 balance sheet: 2,648,764 + 81,337 = 2,730,101.
    assert_eq!(
        find(
            &r,
            "tie:cash_flows.beginning=balance_sheet.cash+restricted_cash",
            "3M to Mar 31, 2025 RMB"
        )
        .verdict,
        Verdict::Exact
    );
    // Every Q2 2025 margin divides by total revenues, whose row is missing a column as read: the
    // margins are unreadable, not failed.
    assert_eq!(
        find(&r, "ratio:margins.gross_margin", "3M to Jun 30, 2025").verdict,
        Verdict::Unreadable
    );
    // Loss per share (457,465 thousand / 4,009,119,198 shares = 0.114), printed (0.11).
    assert!(
        find(
            &r,
            "ratio:comprehensive_loss.loss_per_share",
            "3M to Jun 30, 2025 RMB"
        )
        .verdict
        .holds()
    );
    let h1 = report(H1_2023);
    // The 2023 cash-flow convention: ending = beginning + net change (without exchange) + exchange effect.
    assert_eq!(
        find(&h1, "footing:cash_flows.ending", "6M to Jun 30, 2023 US$").verdict,
        Verdict::Exact
    );
    // Tax note printed as expense, the opposite sign of the income statement's line.
    assert_eq!(
        find(
            &h1,
            "tie:comprehensive_loss.income_tax=note_income_tax.total",
            "6M to Jun 30, 2023 RMB"
        )
        .verdict,
        Verdict::Exact
    );
    // Gross margin 400,791 / 3,699,803 = 10.83 %, printed 10.8 %.
    assert_eq!(
        find(&h1, "ratio:margins.gross_margin", "6M to Jun 30, 2023").verdict,
        Verdict::Exact
    );
    // Year-on-year change in the highlights: (3,699,803 - 4,080,307) / 4,080,307 = -9.3 %.
    assert!(
        find(&h1, "ratio:highlights.revenues.change", "unknown period")
            .verdict
            .holds()
    );
    // Employees by function: 1,176 of 9,752 is 12.06 %, printed 12.1 %; the printed shares add
    // to 100.1 %, which is 100.0 % within their rounding.
    assert_eq!(
        find(
            &h1,
            "ratio:employees.research_and_development.share",
            "unknown period"
        )
        .verdict,
        Verdict::Exact
    );
    let sum = &h1
        .checks
        .iter()
        .find(|c| c.id == "footing:employees.total" && c.verdict != Verdict::Exact)
        .unwrap()
        .verdict;
    assert!(
        matches!(sum, Verdict::WithinRounding { difference } if *difference == dec("-0.1")),
        "{sum:?}"
    );
    // Loss per share note, bound by position: (1,106,333) / 3,547,111,168 = (0.31).
    assert!(
        find(
            &h1,
            "ratio:note_loss_per_share.loss_per_share",
            "6M to Jun 30, 2023 RMB"
        )
        .verdict
        .holds()
    );
}

#[test]
fn every_number_is_bound_or_listed_as_unbound() {
    for b in kingsoft::BUNDLED {
        let filing = statement_core::read::read(b.name, b.text.as_bytes()).unwrap();
        let r = report(b);
        // Every cell of every table, by line, as (line, printed value); bound and unbound cells
        // together must be exactly these, each once.
        let mut in_tables: Vec<(u32, String)> = filing
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .flat_map(|row| &row.cells)
            .map(|c| (c.location.line, statement_core::bind::cell_value_text(c)))
            .collect();
        let mut accounted: Vec<(u32, String)> = r
            .bound
            .iter()
            .flat_map(|s| s.slots.iter().filter_map(|x| x.cell()))
            .map(|c| (c.line, c.value.to_string()))
            .chain(r.unbound.iter().map(|u| (u.line, u.value.clone())))
            .collect();
        in_tables.sort();
        accounted.sort();
        assert_eq!(accounted, in_tables, "{}", b.name);
    }
}
