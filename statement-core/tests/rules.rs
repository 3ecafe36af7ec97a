//! The filing-level checks on small tables, one rule at a time: the cases a review found wrong.

use rust_decimal::Decimal;
use statement_core::bind::Layout;
use statement_core::check::{self, FilingReport, FilingRules, Relation, Verdict};
use statement_core::relations::{RelationError, Relations, Sign};
use statement_core::{Amount, Currency, Duration, Instant, Money, Rmb, Shares, Statement, kingsoft, read};

#[derive(Statement)]
#[statement(title = "SHEET")]
#[statement(rule(balance: total_assets == total_liabilities + mezzanine + total_equity))]
pub struct Sheet<C: Currency> {
    #[line(label = "Cash")]
    pub cash: Money<C, Instant>,
    #[line(label = "Total assets", total = cash)]
    pub total_assets: Money<C, Instant>,
    #[line(label = "Total liabilities")]
    pub total_liabilities: Money<C, Instant>,
    #[line(label = "Mezzanine equity")]
    pub mezzanine: Option<Money<C, Instant>>,
    #[line(label = "Total equity")]
    pub total_equity: Money<C, Instant>,
}

#[derive(Statement)]
#[statement(title = "INCOME")]
pub struct Income<C: Currency> {
    #[line(label = "Revenues")]
    pub revenues: Money<C, Duration>,
    #[line(label = "Cost of revenues")]
    pub cost: Money<C, Duration>,
    #[line(label = "Gross profit", total = revenues + cost)]
    pub gross: Money<C, Duration>,
    #[line(label = "Weighted average shares")]
    pub shares: Option<Shares>,
}

static SHEET: [Layout; 1] = [Layout::of::<Sheet<Rmb>>("sheet")];
static INCOME: [Layout; 1] = [Layout::of::<Income<Rmb>>("income")];

fn rules(layouts: &'static [Layout]) -> FilingRules {
    FilingRules::new(layouts, Relations::default())
}

fn run(text: &str, rules: &FilingRules) -> FilingReport {
    check::check_filing(&read::read("t.txt", text.as_bytes()).unwrap(), rules)
}

fn verdicts(r: &FilingReport) -> Vec<(String, Verdict)> {
    r.checks
        .iter()
        .map(|c| (c.id.to_string(), c.verdict.clone()))
        .collect()
}

#[test]
fn a_rule_with_an_absent_optional_term_is_still_evaluated() {
    let t = "SHEET\n(All amounts in thousands)\n\n\tJun 30, 2025\n\tRMB\nCash\t100\nTotal assets\t100\nTotal liabilities\t60\nTotal equity\t(10)\n";
    let r = run(t, &rules(&SHEET));
    let rule = r
        .checks
        .iter()
        .find(|c| c.id == "rule:sheet.balance")
        .expect("the rule is checked");
    assert_eq!(
        rule.verdict,
        Verdict::Failed {
            expected: 50.into(),
            reported: 100.into(),
            difference: 50.into(),
            tolerance: "1.5".parse().unwrap()
        }
    );
}

#[test]
fn a_change_column_in_a_layout_with_share_counts_is_checked_as_changes() {
    let t = "INCOME\n(All amounts in thousands)\n\n\tSix Months Ended\t\tYear-on-\n\tJun 30, 2024\tJun 30, 2025\tyear Change\n\tRMB\tRMB\t\nRevenues\t100\t110\t10.0%\nCost of revenues\t(60)\t(72)\t20.0%\nGross profit\t40\t38\t-5.0%\n";
    let r = run(t, &rules(&INCOME));
    let changes: Vec<_> = verdicts(&r)
        .into_iter()
        .filter(|(id, _)| id.ends_with(".change"))
        .collect();
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(changes.iter().all(|(_, v)| *v == Verdict::Exact), "{changes:?}");
    // The percentages are not summed as a footing.
    assert_eq!(
        r.checks.iter().filter(|c| c.id == "footing:income.gross").count(),
        2
    );
}

#[test]
fn a_change_that_holds_within_the_rounding_of_both_figures_is_not_a_failure() {
    // 110 and 100 may be 110.49 and 99.51: an 11.03 % change, printed 11.0 %.
    let t = "FINANCIAL HIGHLIGHTS\n\tFor the six months ended June 30,\t\tYear-on-\n\t2022\t2023\tyear Change\n\tRMB'000\tRMB'000\t\nRevenues\t100\t110\t11.0%\nGross profit\t50\t55\t10.0%\n";
    let (r, why) = kingsoft::check_and_explain("t.txt", t.as_bytes()).unwrap();
    let v = &r
        .checks
        .iter()
        .find(|c| c.id == "ratio:highlights.revenues.change")
        .unwrap()
        .verdict;
    assert!(matches!(v, Verdict::WithinRounding { .. }), "{v:?}");
    assert!(why.is_empty(), "{why:?}");
}

#[test]
fn changes_are_between_the_periods_of_one_currency() {
    let t = "The rate is RMB7.2513 to US$1.00.\n\nFINANCIAL HIGHLIGHTS\n\tFor the six months ended June 30,\t\t\tYear-on-\n\t2022\t2023\t2023\tyear Change\n\tRMB'000\tRMB'000\tUS$'000\t\nRevenues\t100\t110\t15\t10.0%\nGross profit\t50\t55\t8\t10.0%\n";
    let (r, _) = kingsoft::check_and_explain("t.txt", t.as_bytes()).unwrap();
    let changes: Vec<_> = verdicts(&r)
        .into_iter()
        .filter(|(id, _)| id.ends_with(".change"))
        .collect();
    assert_eq!(
        changes,
        [
            ("ratio:highlights.revenues.change".to_string(), Verdict::Exact),
            ("ratio:highlights.gross_profit.change".to_string(), Verdict::Exact),
        ]
    );
}

#[test]
fn each_share_column_is_the_share_of_the_figures_before_it() {
    let t = "EMPLOYEES\n\nFunction\tJun 30, 2022\tPercentage\tJun 30, 2023\tPercentage\nResearch and development\t100\t10.0%\t300\t30.0%\nSales and marketing\t900\t90.0%\t700\t70.0%\nTotal\t1,000\t100.0%\t1,000\t100.0%\n";
    let (r, _) = kingsoft::check_and_explain("t.txt", t.as_bytes()).unwrap();
    let shares: Vec<_> = verdicts(&r)
        .into_iter()
        .filter(|(id, _)| id.ends_with(".share"))
        .collect();
    assert_eq!(shares.len(), 6, "{shares:?}");
    assert!(shares.iter().all(|(_, v)| *v == Verdict::Exact), "{shares:?}");
}

#[test]
fn a_weighted_relation_gives_one_verdict_whichever_side_the_weight_is_on() {
    let values = [Amount::thousands(50), Amount::thousands(102)];
    // 2·x ∈ [99, 101] and y ∈ [101.5, 102.5] do not meet.
    let two_x = Relation::Linear {
        terms: vec![(Decimal::TWO, 0), (-Decimal::ONE, 1)].into(),
        slack: Decimal::ZERO,
    };
    let y = Relation::Linear {
        terms: vec![(Decimal::ONE, 1), (-Decimal::TWO, 0)].into(),
        slack: Decimal::ZERO,
    };
    assert!(two_x.evaluate(&values).failed());
    assert!(y.evaluate(&values).failed());
    // With y = 101 they do.
    let values = [Amount::thousands(50), Amount::thousands(101)];
    assert!(two_x.evaluate(&values).holds());
    assert!(y.evaluate(&values).holds());
}

#[test]
fn an_extreme_rate_through_the_library_does_not_panic() {
    let f = read::read("x", kingsoft::H1_2023.text.as_bytes()).unwrap();
    let mut rules = kingsoft::rules_2023();
    rules.rates[0].rate = Decimal::new(1, 28);
    let r = check::check_filing(&f, &rules);
    assert!(r.checks.iter().any(|c| c.id.starts_with("currency:")));
}

#[test]
fn relations_built_at_run_time_name_what_is_unknown() {
    let layouts = [
        Layout::of::<Sheet<Rmb>>("sheet"),
        Layout::of::<Income<Rmb>>("income"),
    ];
    let mut b = Relations::builder(&layouts);
    // Names from configuration: owned strings, no `'static`.
    let configured = String::from("income.gross");
    b.tie(&configured, "income.revenues", Sign::Same).unwrap();
    assert_eq!(
        b.tie("incme.gross", "sheet.cash", Sign::Same).unwrap_err(),
        RelationError::UnknownStatement {
            statement: "incme".into(),
            suggestion: Some("income".into())
        }
    );
    assert_eq!(
        b.ratio("income.gross", "income.revenue", "income.cost")
            .unwrap_err()
            .to_string(),
        "no line `revenue` in statement `income`; did you mean `revenues`?"
    );
    assert_eq!(
        b.tie("income.revenues", "income.gross", Sign::Opposite)
            .unwrap_err()
            .to_string(),
        "the tie income.revenues = income.gross is declared twice"
    );
    assert_eq!(
        b.tie("gross", "income.revenues", Sign::Same)
            .unwrap_err()
            .to_string(),
        "`gross` does not name a line: write `statement.line`"
    );
    assert_eq!(
        b.period_sum(6, &[3, 4]).unwrap_err().to_string(),
        "6 months are not the sum of [3, 4] months"
    );
    b.balance("income.revenues", "income.gross", &[(1, "sheet.cash")])
        .unwrap();
    assert_eq!(
        b.translate("RMB", "RMB").unwrap_err().to_string(),
        "`RMB` cannot be translated into `RMB`"
    );
    let r = b.build();
    assert_eq!((r.ties().len(), r.balances().len()), (1, 1));
    assert_eq!(r.ties()[0].a.to_string(), "income.gross");
}

/// Rules from configuration: the statements to recognise and a tie between them, all read at run
/// time into owned data (no `'static` slice, no leaked string), check the real filing.
fn rules_from_config(config: &str) -> FilingRules {
    let mut lines = config.lines();
    let keys: Vec<String> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    let layouts: Vec<Layout> = kingsoft::LAYOUTS
        .iter()
        .filter(|l| keys.iter().any(|k| k == l.key))
        .copied()
        .collect();
    let mut b = Relations::builder(&layouts);
    for tie in lines {
        let (a, c) = tie.split_once(" = ").unwrap();
        b.tie(a, c, Sign::Same).unwrap();
    }
    let relations = b.build();
    FilingRules::new(layouts, relations)
}

#[test]
fn rules_built_at_run_time_own_their_layouts_and_check_real_figures() {
    let config = String::from(
        "comprehensive_loss adjusted_ebitda\ncomprehensive_loss.net_loss = adjusted_ebitda.net_loss\n",
    );
    let rules = rules_from_config(&config);
    drop(config);
    assert_eq!(rules.layouts.len(), 2);
    let f = read::read("q2-2025.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
    let r = check::check_filing(&f, &rules);
    let tie = r
        .checks
        .iter()
        .find(|c| {
            c.id == "tie:comprehensive_loss.net_loss=adjusted_ebitda.net_loss"
                && c.column == "3M to Jun 30, 2025 RMB"
        })
        .expect("the configured tie is checked");
    assert_eq!(tie.verdict, Verdict::Exact);
    // Net loss for the quarter, RMB thousands, in both statements.
    let values: Vec<Decimal> = tie
        .relation
        .cells()
        .iter()
        .map(|&i| r.cells[i].amount.value())
        .collect();
    assert_eq!(values, [Decimal::from(-456_863), Decimal::from(-456_863)]);
    // A copy of the rules shares the layouts rather than copying them.
    let copy = rules.clone();
    assert!(std::ptr::eq(&copy.layouts[0], &rules.layouts[0]));
}
