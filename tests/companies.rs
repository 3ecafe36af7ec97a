//! The Apple and PDD Holdings layout sets of `examples/`, declared as a user's crate would, on
//! the figures of their filings (copied unchanged into `statement-core/tests/data/others/`).

#[path = "../examples/apple/layouts.rs"]
#[allow(dead_code)]
mod apple;
#[path = "../examples/pdd/layouts.rs"]
#[allow(dead_code)]
mod pdd;

use statement_core::check::{FilingReport, Verdict};
use statement_core::{Amount, LayoutSet, Precision, Rmb, Scale, Statement, Usd, pipeline, read};

fn data(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/statement-core/tests/data/others/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const APPLE_10Q: &str = "apple-2024-q3-form-10-q.html";
const APPLE_10K: &str = "apple-2024-form-10-k.html";
const APPLE_10Q_LAYOUT: &str = "layout/apple-2024-q3-form-10-q.txt";
const APPLE_10K_LAYOUT: &str = "layout/apple-2024-form-10-k.txt";
const PDD_Q1: &str = "pdd-holdings-2026-q1-press-release.txt";

/// Figures in millions, as printed (`None` for a line not printed).
fn millions(figures: &[i64]) -> Vec<Option<Amount>> {
    figures
        .iter()
        .map(|&v| Some(Amount::new(v.into(), Precision::new(Scale::Millions, 0))))
        .collect()
}

/// A per-share figure or a share count as printed.
fn printed(text: &str, scale: Scale) -> Option<Amount> {
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some(Amount::new(
        text.replace(',', "").parse().unwrap(),
        Precision::new(scale, decimals),
    ))
}

fn verdicts(checks: &[statement_core::check::Check]) -> Vec<(String, bool)> {
    checks.iter().map(|c| (c.id.clone(), c.verdict.holds())).collect()
}

#[test]
fn pdd_translation_rate_is_the_one_its_release_states() {
    let filing = read::read(PDD_Q1, &data(PDD_Q1)).unwrap();
    let rules = pdd::Pdd::rules(&filing);
    assert_eq!(
        rules.rate("RMB", "US$").map(|r| r.to_string()),
        Some("6.8980".to_string())
    );
    assert_eq!(
        statement_core::relations::stated_rate("at RMB6.8980 to US$1.00, the noon buying rate", "RMB", "US$")
            .map(|r| r.rate.to_string()),
        Some("6.8980".to_string())
    );
    assert_eq!(
        statement_core::relations::stated_rate("RMB106.2 billion (US$15.4 billion)", "RMB", "US$"),
        None
    );
}

#[test]
fn pdd_balance_sheet_at_march_31_2026_adds_up() {
    // RMB millions, March 31, 2026, in the layout's order.
    let figures = millions(&[
        123_041, 76_213, 5_758, 313_030, 9_768, 8_745, 536_555, 1_153, 15, 4_600, 202, 95_179, 101_149,
        637_704, 1_254, 3_521, 109_151, 77_309, 17_905, 2_502, 211_642, 2_620, 15, 2_635, 214_277, 0,
        127_292, 1_338, -1_913, 296_710, 423_427, 637_704,
    ]);
    let sheet = pdd::BalanceSheet::<Rmb>::from_amounts(&figures).unwrap();
    let checks = sheet.check();
    assert_eq!(checks.len(), 9);
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Exact),
        "{:?}",
        verdicts(&checks)
    );
}

#[test]
fn pdd_earnings_per_share_and_ads_agree_within_rounding() {
    // Three months ended March 31, 2026, RMB: 4 x 2.23 = 8.92 against the printed 8.94.
    let mut figures = millions(&[12_547, 12_547]);
    figures.extend(["2.23", "2.12", "8.94", "8.48"].map(|t| printed(t, Scale::Units)));
    figures.extend(["5,616", "5,920"].map(|t| printed(t, Scale::Millions)));
    let eps = pdd::EarningsPerShare::<Rmb>::from_amounts(&figures).unwrap();
    let checks = eps.check();
    let got: Vec<(&str, &Verdict)> = checks.iter().map(|c| (c.id.as_str(), &c.verdict)).collect();
    assert_eq!(
        got,
        [
            (
                "rule:ads_basic",
                &Verdict::WithinRounding {
                    difference: "0.02".parse().unwrap()
                }
            ),
            ("rule:ads_diluted", &Verdict::Exact),
        ]
    );
}

#[test]
fn apple_quarterly_operations_add_up() {
    // Three months ended June 29, 2024, US$ millions.
    let mut figures = millions(&[
        61_564, 24_213, 85_777, 39_803, 6_296, 46_099, 39_678, 8_006, 6_320, 14_326, 25_352, 142, 25_494,
        4_046, 21_448,
    ]);
    figures.extend(["1.40", "1.40"].map(|t| printed(t, Scale::Units)));
    figures.extend(["15,287,521", "15,348,175"].map(|t| printed(t, Scale::Thousands)));
    let ops = apple::Operations::<Usd>::from_amounts(&figures).unwrap();
    let checks = ops.check();
    assert_eq!(checks.len(), 7);
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Exact),
        "{:?}",
        verdicts(&checks)
    );
}

#[test]
fn apple_annual_cash_flows_add_up() {
    // Year ended September 28, 2024, US$ millions, from the 10-K.
    let figures = millions(&[
        30_737, 93_736, 11_445, 11_688, -2_266, -3_788, -1_356, -1_046, -11_731, 6_020, 15_552, 118_254,
        -48_656, 51_211, 11_135, -9_447, -1_308, 2_935, -5_441, -15_234, -94_949, 0, -9_958, 3_960, -361,
        -121_983, -794, 29_943, 26_102,
    ]);
    let flows = apple::CashFlows::<Usd>::from_amounts(&figures).unwrap();
    let checks = flows.check();
    assert_eq!(checks.len(), 5);
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Exact),
        "{:?}",
        verdicts(&checks)
    );
}

/// Every statement table of the filing recognised, no failed check, and the counts.
fn run<S: LayoutSet>(name: &str) -> FilingReport {
    let report = pipeline::check::<S>(name, &data(name)).unwrap_or_else(|e| panic!("{e}"));
    let failed: Vec<String> = report
        .failures()
        .map(|c| format!("{} [{}]", c.id, c.column))
        .collect();
    assert_eq!(failed, Vec::<String>::new(), "{name}");
    report
}

#[test]
fn the_filings_are_read_and_checked_without_a_failure() {
    for name in [APPLE_10Q, APPLE_10K] {
        run::<apple::Apple>(name);
    }
    run::<pdd::Pdd>(PDD_Q1);
}

/// (statement key, title line) of each table recognised.
type Tables<'a> = Vec<(&'a str, u32)>;

/// The tables recognised, and the checks per kind.
fn summary(r: &FilingReport) -> (Tables<'_>, Vec<(String, usize)>) {
    let tables = r
        .recognition
        .iter()
        .filter_map(|t| Some((t.layout?, t.line)))
        .collect();
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for c in &r.checks {
        let k = format!("{:?}", c.kind);
        match kinds.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => kinds.push((k, 1)),
        }
    }
    (tables, kinds)
}

/// The (line, figure) terms of the Jun 29, 2024 balance sheet's total-assets footing.
fn total_assets_june_2024(r: &FilingReport) -> Vec<(u32, &str)> {
    let total_assets = r
        .checks
        .iter()
        .find(|c| c.id == "footing:balance_sheet.total_assets" && c.column.starts_with("Jun 29, 2024"))
        .expect("the balance sheet at June 29, 2024 foots");
    total_assets
        .relation
        .cells()
        .iter()
        .map(|&i| (r.cells[i].cell.line, r.cells[i].cell.value.as_str()))
        .collect()
}

fn kinds(v: &[(&str, usize)]) -> Vec<(String, usize)> {
    v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn apple_quarterly_report_every_statement_recognised_and_every_check_holds() {
    let r = run::<apple::Apple>(APPLE_10Q);
    let (tables, by_kind) = summary(&r);
    assert_eq!(
        tables,
        [
            ("operations", 3153),
            ("comprehensive_income", 4024),
            ("balance_sheet", 4555),
            ("cash_flows", 6045)
        ]
    );
    // (exact, within rounding, failed, unreadable): every footing and rule evaluated.
    assert_eq!(r.counts(), (86, 0, 0, 0));
    assert_eq!(
        by_kind,
        kinds(&[("Footing", 72), ("CrossStatement", 6), ("Ratio", 8)])
    );
    assert_eq!(
        total_assets_june_2024(&r),
        [(4838, "331612"), (4726, "125435"), (4816, "206177")]
    );
}

/// The same 10-Q printed to PDF and turned into space-aligned text by `pdftotext -layout`
/// (`scripts/pdf-layout-samples.sh`): the same statements recognised, the same checks hold.
#[test]
fn apple_quarterly_report_as_layout_text_every_statement_recognised_and_every_check_holds() {
    let r = run::<apple::Apple>(APPLE_10Q_LAYOUT);
    let (tables, by_kind) = summary(&r);
    assert_eq!(
        tables,
        [
            ("operations", 103),
            ("comprehensive_income", 149),
            ("balance_sheet", 186),
            ("cash_flows", 287)
        ]
    );
    assert_eq!(r.counts(), (86, 0, 0, 0));
    assert_eq!(
        by_kind,
        kinds(&[("Footing", 72), ("CrossStatement", 6), ("Ratio", 8)])
    );
    assert_eq!(
        total_assets_june_2024(&r),
        [(206, "331612"), (199, "125435"), (205, "206177")]
    );
}

/// The 10-K printed to PDF and turned into space-aligned text the same way.
#[test]
fn apple_annual_report_as_layout_text_every_statement_recognised_and_every_check_holds() {
    let r = run::<apple::Apple>(APPLE_10K_LAYOUT);
    let (tables, by_kind) = summary(&r);
    assert_eq!(
        tables,
        [
            ("operations", 1625),
            ("comprehensive_income", 1671),
            ("balance_sheet", 1704),
            ("cash_flows", 1804)
        ]
    );
    assert_eq!(r.counts(), (78, 0, 0, 0));
    assert_eq!(
        by_kind,
        kinds(&[("Footing", 66), ("CrossStatement", 6), ("Ratio", 6)])
    );
}

#[test]
fn apple_annual_report_every_statement_recognised_and_every_check_holds() {
    let r = run::<apple::Apple>(APPLE_10K);
    let (tables, by_kind) = summary(&r);
    assert_eq!(
        tables,
        [
            ("operations", 7355),
            ("comprehensive_income", 8052),
            ("balance_sheet", 8474),
            ("cash_flows", 9809)
        ]
    );
    assert_eq!(r.counts(), (78, 0, 0, 0));
    assert_eq!(
        by_kind,
        kinds(&[("Footing", 66), ("CrossStatement", 6), ("Ratio", 6)])
    );
}

#[test]
fn pdd_release_every_statement_recognised_and_every_check_holds() {
    let r = run::<pdd::Pdd>(PDD_Q1);
    let (tables, by_kind) = summary(&r);
    // The balance sheet printed over two pages is bound as one statement.
    assert_eq!(
        tables,
        [
            ("balance_sheet", 162),
            ("balance_sheet", 256),
            ("income", 380),
            ("earnings_per_share", 472),
            ("note_revenues", 548),
            ("note_share_based_compensation", 584),
            ("cash_flows", 628),
            ("non_gaap", 681)
        ]
    );
    assert_eq!(r.counts(), (180, 19, 0, 0));
    assert_eq!(
        by_kind,
        kinds(&[
            ("Footing", 69),
            ("CrossStatement", 37),
            ("Currency", 83),
            ("Ratio", 10)
        ])
    );
    let find = |id: &str, column: &str| {
        r.checks
            .iter()
            .find(|c| c.id == id && c.column == column)
            .unwrap_or_else(|| panic!("no check {id} [{column}]"))
    };
    // The prose in billions, each figure within the 50 million its decimal hides: "from RMB95.7
    // billion in the same quarter of 2025", 95,672 million.
    let cells_of = |id: &str, column: &str| -> Vec<&str> {
        let c = find(id, column);
        assert_eq!(c.verdict, Verdict::Exact, "{id} [{column}]");
        c.relation
            .cells()
            .iter()
            .map(|&i| r.cells[i].cell.value.as_str())
            .collect()
    };
    assert_eq!(
        cells_of("narrative:income.revenues", "3M to Mar 31, 2025 RMB"),
        ["95.7", "95672"]
    );
    // "Total costs of" / "revenues were RMB46.9 billion (US$6.8 billion), an increase of 15% from
    // RMB40.9 billion ...": a sentence whose first words stand on a line of their own is read
    // whole. The translation at RMB6.8980 and the change, 14.5% printed 15%, hold too.
    assert_eq!(
        cells_of("narrative:income.costs_of_revenues", "3M to Mar 31, 2026 RMB"),
        ["46.9", "-46893"]
    );
    assert_eq!(
        cells_of(
            "narrative:income.costs_of_revenues.translation",
            "3M to Mar 31, 2026 US$"
        ),
        ["6.8", "46.9"]
    );
    assert_eq!(
        cells_of(
            "narrative:income.costs_of_revenues.change",
            "3M to Mar 31, 2026 RMB"
        ),
        ["15", "-46893", "-40946", "-40946"]
    );
    // 10 figures, 3 translations and 1 change; "Operating profit in the quarter was ..." (no verb
    // after the phrase) and the first sentence (joined to the heading "Quarter 2026 ...", a period
    // it cannot place) are not read.
    assert_eq!(
        r.checks.iter().filter(|c| c.id.starts_with("narrative:")).count(),
        14
    );
    // Closing cash = cash and cash equivalents + restricted cash: 199,254 = 123,041 + 76,213.
    let cash = find(
        "tie:cash_flows.ending=balance_sheet.cash+restricted_cash",
        "3M to Mar 31, 2026 RMB",
    );
    assert_eq!(cash.verdict, Verdict::Exact);
    // Assets = liabilities and equity across the two pages: 637,704.
    let balance = find("rule:balance_sheet.balance", "Mar 31, 2026 RMB");
    assert_eq!(balance.verdict, Verdict::Exact);
    // The US$ non-GAAP adjustment per share, 0.03, is the difference of two rounded US$ figures
    // (0.34 - 0.31), not 0.26 / 6.8980 = 0.038 rounded: within the rounding translation allows.
    let adjustment = find(
        "currency:non_gaap.adjustments_per_share",
        "3M to Mar 31, 2026 US$",
    );
    assert!(
        matches!(adjustment.verdict, Verdict::WithinRounding { .. }),
        "{adjustment:?}"
    );
}
