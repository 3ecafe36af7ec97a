//! Recognition beyond doubt: a layout binds a table only when the table is that statement, an
//! unlabelled row is bound by position only in a table recognised by its title whose complete
//! rows are exactly the layout's lines, and a table bound wrongly gives unreadable checks, never
//! failures.

use statement_core::bind::{Layout, Outcome, bind};
use statement_core::check::{FilingRules, Verdict, check_filing};
use statement_core::kingsoft::{self, AdjustedGrossProfit, Kingsoft, LossPerShareNote};
use statement_core::{Duration, Money, Rmb, Scale, Statement, pipeline, read, report};

/// The corpus of other companies' filings (copied unchanged from `shared/filings/others` into `tests/data/others`).
const CORPUS: [&str; 7] = [
    "apple-2024-q3-form-10-q.html",
    "apple-2024-form-10-k.html",
    "buckle-2024-q3-press-release.html",
    "pdd-holdings-2026-q1-press-release.txt",
    "deluxe-2026-q2-press-release.md",
    "paltalk-2024-q3-press-release.md",
    "forian-2024-q3-press-release.md",
];

/// The same filings printed to PDF and turned into space-aligned text by `pdftotext -layout`.
const LAYOUT: [&str; 3] = [
    "layout/apple-2024-q3-form-10-q.txt",
    "layout/apple-2024-form-10-k.txt",
    "layout/buckle-2024-q3-press-release.txt",
];

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/others/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rules(layouts: &'static [Layout]) -> FilingRules {
    FilingRules::new(layouts, statement_core::relations::Relations::default())
}

#[test]
fn kingsoft_layouts_bind_no_table_of_another_company() {
    for name in CORPUS.into_iter().chain(LAYOUT) {
        let bytes = corpus(name);
        let (report, _) =
            pipeline::check_and_explain::<Kingsoft>(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bound: Vec<String> = report
            .recognition
            .iter()
            .filter(|r| r.outcome == Outcome::Recognised)
            .map(|r| format!("line {} {:?} as {:?}: {}", r.line, r.title, r.layout, r.reason))
            .collect();
        assert_eq!(bound, Vec::<String>::new(), "{name}");
        assert_eq!((report.tables_bound, report.statements), (0, 0), "{name}");
        assert_eq!(report.failures().count(), 0, "{name}");
        // Every table read is reported, recognised or not (Forian's tables are collapsed onto
        // single lines: none is read).
        assert_eq!(report.recognition.len(), report.tables, "{name}");
        assert_eq!(report.tables > 0, !name.starts_with("forian"), "{name}");
    }
}

#[test]
fn bundled_kingsoft_tables_are_all_recognised_with_their_evidence() {
    let filing = read::read(kingsoft::H1_2023.name, kingsoft::H1_2023.text.as_bytes()).unwrap();
    let b = bind(&filing, kingsoft::LAYOUTS);
    assert!(b.recognition.iter().all(|r| r.outcome == Outcome::Recognised));
    // The statement of comprehensive loss prints every line of its layout (and the five lines of
    // the financial highlights, which explain too few of its rows to be another candidate).
    let cl = &b.recognition[5];
    assert_eq!(cl.line, 102);
    assert_eq!(cl.layout, Some("comprehensive_loss"));
    assert_eq!(
        cl.reason,
        "recognised as `comprehensive_loss` (27 of 27 lines of `comprehensive_loss` in order \
         (needs 7), title matches)"
    );
    // The loss-per-share note prints no label: bound by position, its title naming the layout
    // and its three complete rows being the layout's three lines. The fourth, partial row (a
    // fragment of the header printed again) is not bound.
    let eps = &b.recognition[17];
    assert!(eps.candidates[0].positional);
    let leftover: Vec<(u32, &str)> = b
        .unbound
        .iter()
        .filter(|u| u.line == 508)
        .map(|u| (u.line, u.reason.as_str()))
        .collect();
    assert_eq!(
        leftover,
        [(
            508,
            "an unlabelled row that is not one of the layout's complete rows"
        )]
    );
    let sheet = b
        .statements
        .iter()
        .find(|s| s.key == "note_loss_per_share" && s.column.label() == "6M to Jun 30, 2023 RMB")
        .unwrap();
    let cell = sheet.slots[2].cell().unwrap();
    assert_eq!(
        (cell.line, cell.value.as_str(), cell.label.as_str()),
        (507, "-0.31", "(Basic and diluted loss per share, by position)")
    );
}

/// An income statement of the kind a segment note repeats two labels of.
#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")]
#[allow(dead_code)]
struct Operations {
    #[line(label = "Products")]
    products: Money<Rmb, Duration>,
    #[line(label = "Services")]
    services: Money<Rmb, Duration>,
    #[line(label = "Total net sales", alias = "Net sales", total = products + services)]
    net_sales: Money<Rmb, Duration>,
    #[line(label = "Cost of sales")]
    cost_of_sales: Money<Rmb, Duration>,
    #[line(label = "Gross margin", total = net_sales - cost_of_sales)]
    gross_margin: Money<Rmb, Duration>,
    #[line(label = "Research and development")]
    research: Money<Rmb, Duration>,
    #[line(label = "Selling, general and administrative")]
    selling: Money<Rmb, Duration>,
    #[line(label = "Operating income", total = gross_margin - research - selling)]
    operating_income: Money<Rmb, Duration>,
}

static OPERATIONS: [Layout; 1] = [Layout::of::<Operations>("operations")];

#[test]
fn a_segment_table_is_not_the_income_statement_on_two_matching_labels() {
    let text = "Segment Information\n\n\tJun 29, 2024\tJul 1, 2023\nAmericas:\n\
                Net sales\t85,228\t82,087\nOperating income\t35,099\t32,727\nEurope:\n\
                Net sales\t50,914\t47,427\nOperating income\t21,045\t19,076\n";
    let filing = read::read("segments.txt", text.as_bytes()).unwrap();
    let report = check_filing(&filing, &rules(&OPERATIONS));
    let r = &report.recognition[0];
    assert_eq!(r.outcome, Outcome::NotRecognised);
    assert_eq!(
        r.reason,
        "not recognised: best evidence 2 of 8 lines of `operations` in order (needs 4), only 2 of \
         the table's 4 labelled rows"
    );
    assert!(report.checks.is_empty());
    assert_eq!(report.unbound.len(), 8);
    assert!(
        report
            .unbound
            .iter()
            .all(|u| u.reason == "no layout recognised for this table")
    );
}

#[test]
fn another_companys_balance_sheet_with_unlabelled_totals_is_not_recognised() {
    // A Singapore company's balance sheet: a few labels in common with Kingsoft's, totals
    // printed without labels. Neither the labels nor the unlabelled rows' positions make it
    // Kingsoft's statement.
    let text = "CONDENSED CONSOLIDATED STATEMENTS OF FINANCIAL POSITION\n\n\
                \t31 Dec 2024\t30 Jun 2025\nCurrent assets\nCash and cash equivalents\t1,200\t1,500\n\
                Trade receivables\t300\t350\nInventories\t80\t90\n\t1,580\t1,940\n\
                Non-current assets\nProperty and equipment, net\t900\t880\nGoodwill\t120\t120\n\
                \t1,020\t1,000\n\t2,600\t2,940\nCurrent liabilities\nAccounts payable\t400\t420\n\
                \t400\t420\nEquity\nShare capital\t1,000\t1,000\nRetained earnings\t1,200\t1,520\n\
                \t2,200\t2,520\n\t2,600\t2,940\n";
    let filing = read::read("sg.txt", text.as_bytes()).unwrap();
    let report = check_filing(&filing, &kingsoft::rules_2025());
    assert_eq!(report.recognition[0].outcome, Outcome::NotRecognised);
    assert_eq!(
        report.recognition[0].reason,
        "not recognised: best evidence 4 of 40 lines of `balance_sheet` in order (needs 20), only 4 \
         of the table's 8 labelled rows"
    );
    assert_eq!((report.tables_bound, report.checks.len()), (0, 0));
}

#[test]
fn unlabelled_rows_are_bound_by_position_only_when_they_are_exactly_the_layouts_lines() {
    static EPS: [Layout; 1] = [Layout::of::<LossPerShareNote<Rmb>>("note_loss_per_share")];
    let table = |title: &str, rows: &str| {
        format!("{title}\n\n\tFor the six months ended June 30,\n\t2022\t2023\n\tRMB\tRMB\n{rows}")
    };
    let three = "(1,356,246)\t(1,106,333)\n3,651,473,415\t3,547,111,168\n(0.37)\t(0.31)\n";
    let four = "(1,356,246)\t(1,106,333)\n3,651,473,415\t3,547,111,168\n(0.37)\t(0.31)\n5\t6\n";
    let cases = [
        (
            table("Loss per share is calculated as follows:", three),
            Outcome::Recognised,
        ),
        (
            table("Loss per share is calculated as follows:", four),
            Outcome::NotRecognised,
        ),
        (
            table("Earnings are calculated as follows:", three),
            Outcome::NotRecognised,
        ),
    ];
    for (text, outcome) in cases {
        let filing = read::read("eps.txt", text.as_bytes()).unwrap();
        let b = bind(&filing, &EPS);
        assert_eq!(b.recognition[0].outcome, outcome, "{text}");
        assert_eq!(
            b.statements.len(),
            if outcome == Outcome::Recognised { 2 } else { 0 }
        );
    }
}

#[test]
fn a_row_the_layout_does_not_know_among_a_totals_terms_makes_the_footing_unreadable() {
    static GROSS: [Layout; 1] = [Layout::of::<AdjustedGrossProfit<Rmb>>("adjusted_gross_profit")];
    let text = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS\n\n\tJun 30, 2024\tJun 30, 2025\n\
                Gross profit\t100\t200\nShare-based compensation expenses\t5\t6\n\
                Amortization of intangible assets\t3\t4\nAdjusted gross profit\t108\t210\n";
    let filing = read::read("gross.txt", text.as_bytes()).unwrap();
    let report = check_filing(&filing, &rules(&GROSS));
    assert_eq!(report.recognition[0].outcome, Outcome::Recognised);
    let verdicts: Vec<(&str, &Verdict)> = report
        .checks
        .iter()
        .map(|c| (c.id.as_str(), &c.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            (
                "footing:adjusted_gross_profit.adjusted_gross_profit",
                &Verdict::Unreadable
            ),
            (
                "footing:adjusted_gross_profit.adjusted_gross_profit",
                &Verdict::Unreadable
            ),
        ]
    );
    assert_eq!(
        report.unbound[0].reason,
        "no line of `adjusted_gross_profit` has this label"
    );
    assert_eq!(report.unbound[0].line, 6);
}

/// A second layout with the same lines as [`Gross`] under another name.
#[derive(Statement)]
#[statement(title = "RECONCILIATION")]
#[allow(dead_code)]
struct Gross {
    #[line(label = "Gross profit")]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Share-based compensation expenses")]
    share_based_compensation: Money<Rmb, Duration>,
    #[line(label = "Adjusted gross profit", total = gross_profit + share_based_compensation)]
    adjusted: Money<Rmb, Duration>,
}

#[derive(Statement)]
#[statement(title = "RECONCILIATION")]
#[allow(dead_code)]
struct GrossAgain {
    #[line(label = "Gross profit")]
    gross_profit: Money<Rmb, Duration>,
    #[line(label = "Share-based compensation expenses")]
    share_based_compensation: Money<Rmb, Duration>,
    #[line(label = "Adjusted gross profit", total = gross_profit + share_based_compensation)]
    adjusted: Money<Rmb, Duration>,
}

#[test]
fn two_layouts_fitting_a_table_equally_leave_it_unbound_and_reported() {
    static TWO: [Layout; 2] = [
        Layout::of::<Gross>("gross"),
        Layout::of::<GrossAgain>("gross_again"),
    ];
    let text = "RECONCILIATION\n\n\tJun 30, 2024\tJun 30, 2025\nGross profit\t100\t200\n\
                Share-based compensation expenses\t5\t6\nAdjusted gross profit\t999\t206\n";
    let filing = read::read("two.txt", text.as_bytes()).unwrap();
    let report = check_filing(&filing, &rules(&TWO));
    let r = &report.recognition[0];
    assert_eq!(r.outcome, Outcome::Ambiguous);
    assert_eq!(
        r.reason,
        "ambiguous: `gross` and `gross_again` fit equally (3 of 3 lines of `gross` in order \
         (needs 2), title matches)"
    );
    // Nothing checked: the 999 that does not add up is not a failure of either layout.
    assert!(report.checks.is_empty());
    let json = serde_json::to_value(report::document(&[(report, Vec::new())])).unwrap();
    let filing = &json["filings"][0];
    assert_eq!(filing["ambiguities"][0]["outcome"], "ambiguous");
    assert_eq!(filing["ambiguities"][0]["candidates"][1]["layout"], "gross_again");
    assert_eq!(filing["unrecognised_tables"].as_array().unwrap().len(), 0);
}

#[test]
fn unrecognised_tables_are_listed_in_the_json_report_with_title_and_line() {
    let text = "Segment Information\n\n\tJun 29, 2024\tJul 1, 2023\nNet sales\t85,228\t82,087\n\
                Operating income\t35,099\t32,727\n";
    let (report, why) = pipeline::check_and_explain::<Kingsoft>("seg.txt", text.as_bytes()).unwrap();
    let json = serde_json::to_value(report::document(&[(report, why)])).unwrap();
    let t = &json["filings"][0]["unrecognised_tables"][0];
    assert_eq!(t["title"], "Segment Information");
    assert_eq!(t["line"], 1);
    assert_eq!(t["outcome"], "not_recognised");
    assert_eq!(t["reason"], "not recognised: no line of any layout is printed");
}

#[test]
fn two_columns_read_as_one_period_are_not_bound() {
    let text = "RECONCILIATION\n\n\tJun 30, 2025\tJun 30, 2025\n\tRMB\tRMB\n\
                Gross profit\t100\t200\nShare-based compensation expenses\t5\t6\nAdjusted gross profit\t105\t999\n";
    let filing = read::read("twins.txt", text.as_bytes()).unwrap();
    let (a, b) = (&filing.tables[0].columns[0], &filing.tables[0].columns[1]);
    assert_eq!((a.period, &a.currency), (b.period, &b.currency));
    let report = check_filing(&filing, &rules(&TWINS));
    assert_eq!(report.recognition[0].outcome, Outcome::Recognised);
    // Neither column is bound: no check compares figures of columns that cannot be told apart.
    assert_eq!(
        (report.statements, report.checks.len(), report.unbound.len()),
        (0, 0, 6)
    );
    assert_eq!(
        report.unbound[0].reason,
        "two columns of this table are read as this period and currency: see the damage at its header"
    );
}

static TWINS: [Layout; 1] = [Layout::of::<Gross>("gross")];

/// Earnings per share with its share counts, as a release prints them.
#[derive(Statement)]
#[statement(title = "EARNINGS PER SHARE")]
#[allow(dead_code)]
struct Eps {
    #[line(label = "Net income")]
    net_income: Money<Rmb, Duration>,
    #[line(label = "Basic", section = "Earnings per share")]
    basic: statement_core::PerShare<Rmb>,
    #[line(
        label = "Basic",
        section = "Weighted-average number of shares outstanding (in millions)"
    )]
    shares: statement_core::Shares,
}

#[test]
fn share_counts_take_the_scale_their_heading_or_unit_line_states() {
    static EPS: [Layout; 1] = [Layout::of::<Eps>("eps")];
    let scale = |text: &str| {
        let filing = read::read("eps.txt", text.as_bytes()).unwrap();
        let b = bind(&filing, &EPS);
        let s = &b.statements[0];
        (
            s.slots[0].amount().unwrap().precision().scale,
            s.slots[2].amount().unwrap().precision().scale,
        )
    };
    let body = "\tDec 31, 2025\n\tRMB\nNet income\t14,742\nEarnings per share:\nBasic\t2.65\n";
    let heading = format!(
        "EARNINGS PER SHARE\n(Amounts in millions of RMB)\n\n{body}\
         Weighted-average number of shares outstanding (in millions):\nBasic\t5,568\n"
    );
    assert_eq!(scale(&heading), (Scale::Millions, Scale::Millions));
    let unit_line = format!(
        "EARNINGS PER SHARE\n(In millions, except number of shares, which are reflected in thousands, and per-share amounts)\n\n\
         {body}Weighted-average number of shares outstanding:\nBasic\t5,568\n"
    );
    assert_eq!(scale(&unit_line), (Scale::Millions, Scale::Thousands));
    let none = format!(
        "EARNINGS PER SHARE\n(All amounts in thousands, except for share and per share data)\n\n\
         {body}Weighted-average number of shares outstanding:\nBasic\t5,568\n"
    );
    assert_eq!(scale(&none), (Scale::Thousands, Scale::Units));
}

#[test]
fn another_companys_cash_flow_summary_sharing_four_labels_is_not_kingsofts() {
    // PDD Holdings' summary (Q1 2026 release, RMB millions) prints four of the seven labels of
    // Kingsoft's: the other three rows are not Kingsoft's lines.
    let text = "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n(Amounts in millions of RMB and US$)\n\n\
                \tThree Months Ended\tThree Months Ended\n\tMar 31, 2025\tMar 31, 2026\n\tRMB\tRMB\n\
                Net cash generated from operating activities\t15,517\t16,445\n\
                Net cash (used in)/generated from investing activities\t(6,384)\t2,082\n\
                Net cash generated from financing activities\t-\t-\n\
                Effect of exchange rate changes on cash, cash equivalents and restricted cash\t(69)\t(2,005)\n\
                Increase in cash, cash equivalents and restricted cash\t9,064\t16,522\n\
                Cash, cash equivalents and restricted cash at beginning of period\t126,194\t182,732\n\
                Cash, cash equivalents and restricted cash at end of period\t135,258\t199,254\n";
    let (report, _) = pipeline::check_and_explain::<Kingsoft>("pdd.txt", text.as_bytes()).unwrap();
    assert_eq!(report.recognition[0].outcome, Outcome::NotRecognised);
    assert_eq!(
        report.recognition[0].reason,
        "not recognised: best evidence 4 of 7 lines of `cash_flows` in order (needs 4), only 4 of \
         the table's 7 labelled rows"
    );
    assert_eq!((report.statements, report.checks.len()), (0, 0));
}
