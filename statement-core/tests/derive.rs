//! `#[derive(Statement)]`: every compile error has a case under `tests/ui/`, and the derived
//! layouts are checked on real figures from the Q2 2025 press release of Kingsoft Cloud
//! (`filings/kingsoft-cloud-2025-q2-press-release.txt`, balance sheet and statement of
//! comprehensive loss, RMB and US$ thousands).

use rust_decimal::{Decimal, RoundingStrategy};
use statement_core::check::{Check, Subject, Verdict};
use statement_core::schema::Term;
use statement_core::{
    Amount, Currency, Duration, Instant, MissingLine, Money, PerShare, Precision, QuantityKind, Rmb, Shares,
    Statement, Usd,
};

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// The balance sheet as printed, lines in printed order.
#[derive(Statement, Debug, PartialEq)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS")]
#[statement(rule(
    balance: total_assets == total_liabilities + non_controlling_interests + total_shareholders_equity
))]
struct BalanceSheet<C: Currency> {
    #[line(label = "Cash and cash equivalents", alias = "Cash")]
    cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    restricted_cash: Money<C, Instant>,
    #[line(label = "Accounts receivable, net")]
    accounts_receivable: Money<C, Instant>,
    #[line(label = "Short-term investments")]
    short_term_investments: Option<Money<C, Instant>>,
    #[line(label = "Prepayments and other assets", section = "Current assets")]
    prepayments: Money<C, Instant>,
    #[line(label = "Amounts due from related parties")]
    due_from_related_parties: Money<C, Instant>,
    #[line(
        label = "Total current assets",
        total = cash + restricted_cash + accounts_receivable + short_term_investments + prepayments
            + due_from_related_parties
    )]
    total_current_assets: Money<C, Instant>,
    #[line(label = "Property and equipment, net")]
    property_and_equipment: Money<C, Instant>,
    #[line(label = "Intangible assets, net")]
    intangible_assets: Money<C, Instant>,
    #[line(label = "Goodwill")]
    goodwill: Money<C, Instant>,
    #[line(label = "Prepayments and other assets", section = "Non-current assets")]
    non_current_prepayments: Money<C, Instant>,
    #[line(label = "Equity investments")]
    equity_investments: Money<C, Instant>,
    #[line(label = "Operating lease right-of-use assets")]
    right_of_use_assets: Money<C, Instant>,
    #[line(
        label = "Total non-current assets",
        total = property_and_equipment + intangible_assets + goodwill + non_current_prepayments
            + equity_investments + right_of_use_assets
    )]
    total_non_current_assets: Money<C, Instant>,
    #[line(label = "Total assets", total = total_current_assets + total_non_current_assets)]
    total_assets: Money<C, Instant>,
    #[line(label = "Accounts payable")]
    accounts_payable: Money<C, Instant>,
    #[line(label = "Accrued expenses and other current liabilities")]
    accrued_expenses: Money<C, Instant>,
    #[line(label = "Short-term borrowings", alias = "Short-term bank loans")]
    short_term_borrowings: Money<C, Instant>,
    #[line(label = "Income tax payable")]
    income_tax_payable: Money<C, Instant>,
    #[line(label = "Amounts due to related parties", section = "Current liabilities")]
    due_to_related_parties: Money<C, Instant>,
    #[line(label = "Current operating lease liabilities")]
    current_lease_liabilities: Money<C, Instant>,
    #[line(
        label = "Total current liabilities",
        total = accounts_payable + accrued_expenses + short_term_borrowings + income_tax_payable
            + due_to_related_parties + current_lease_liabilities
    )]
    total_current_liabilities: Money<C, Instant>,
    #[line(label = "Long-term borrowings")]
    long_term_borrowings: Money<C, Instant>,
    #[line(label = "Amounts due to related parties", section = "Non-current liabilities")]
    non_current_due_to_related_parties: Money<C, Instant>,
    #[line(label = "Deferred tax liabilities")]
    deferred_tax_liabilities: Money<C, Instant>,
    #[line(label = "Other liabilities")]
    other_liabilities: Money<C, Instant>,
    #[line(label = "Non-current operating lease liabilities")]
    non_current_lease_liabilities: Money<C, Instant>,
    #[line(
        label = "Total non-current liabilities",
        total = long_term_borrowings + non_current_due_to_related_parties + deferred_tax_liabilities
            + other_liabilities + non_current_lease_liabilities
    )]
    total_non_current_liabilities: Money<C, Instant>,
    #[line(
        label = "Total liabilities",
        total = total_current_liabilities + total_non_current_liabilities
    )]
    total_liabilities: Money<C, Instant>,
    #[line(label = "Ordinary shares")]
    ordinary_shares: Money<C, Instant>,
    #[line(label = "Treasury shares")]
    treasury_shares: Money<C, Instant>,
    #[line(label = "Additional paid-in capital")]
    additional_paid_in_capital: Money<C, Instant>,
    #[line(label = "Statutory reserves funds")]
    statutory_reserves: Money<C, Instant>,
    #[line(label = "Accumulated deficit")]
    accumulated_deficit: Money<C, Instant>,
    #[line(label = "Accumulated other comprehensive income")]
    accumulated_other_comprehensive_income: Money<C, Instant>,
    #[line(
        label = "Total Kingsoft Cloud Holdings Limited shareholders' equity",
        total = ordinary_shares + treasury_shares + additional_paid_in_capital + statutory_reserves
            + accumulated_deficit + accumulated_other_comprehensive_income
    )]
    total_shareholders_equity: Money<C, Instant>,
    #[line(label = "Non-controlling interests")]
    non_controlling_interests: Money<C, Instant>,
    #[line(label = "Total equity", total = total_shareholders_equity + non_controlling_interests)]
    total_equity: Money<C, Instant>,
    #[line(
        label = "Total liabilities, non-controlling interests and shareholders' equity",
        total = total_liabilities + total_equity
    )]
    total_liabilities_and_equity: Money<C, Instant>,
}

fn k<C: Currency>(v: i64) -> Money<C, Instant> {
    Money::thousands(v)
}

/// The RMB column at Jun 30, 2025 (lines 110-170 of the filing).
fn balance_sheet_jun_2025() -> BalanceSheet<Rmb> {
    BalanceSheet {
        cash: k(5_464_077),
        restricted_cash: k(53_051),
        accounts_receivable: k(2_018_350),
        // Printed "—".
        short_term_investments: Some(k(0)),
        prepayments: k(2_263_242),
        due_from_related_parties: k(587_321),
        total_current_assets: k(10_386_041),
        property_and_equipment: k(8_251_958),
        intangible_assets: k(618_269),
        goodwill: k(4_605_724),
        non_current_prepayments: k(616_779),
        equity_investments: k(231_586),
        right_of_use_assets: k(119_350),
        total_non_current_assets: k(14_443_666),
        total_assets: k(24_829_707),
        accounts_payable: k(2_195_478),
        accrued_expenses: k(3_966_154),
        short_term_borrowings: k(3_129_151),
        income_tax_payable: k(82_331),
        due_to_related_parties: k(1_407_804),
        current_lease_liabilities: k(35_638),
        total_current_liabilities: k(10_816_556),
        long_term_borrowings: k(2_396_554),
        non_current_due_to_related_parties: k(1_308_158),
        deferred_tax_liabilities: k(81_283),
        other_liabilities: k(3_103_021),
        non_current_lease_liabilities: k(64_549),
        total_non_current_liabilities: k(6_953_565),
        total_liabilities: k(17_770_121),
        ordinary_shares: k(28_483),
        treasury_shares: k(-79_316),
        additional_paid_in_capital: k(21_188_250),
        statutory_reserves: k(32_001),
        accumulated_deficit: k(-15_063_348),
        accumulated_other_comprehensive_income: k(617_830),
        total_shareholders_equity: k(6_723_900),
        non_controlling_interests: k(335_686),
        total_equity: k(7_059_586),
        total_liabilities_and_equity: k(24_829_707),
    }
}

/// The printed US$ subtotals and totals at Jun 30, 2025, by line name.
const PRINTED_USD_TOTALS: [(&str, i64); 9] = [
    ("total_current_assets", 1_449_836),
    ("total_non_current_assets", 2_016_259),
    ("total_assets", 3_466_095),
    ("total_current_liabilities", 1_509_933),
    ("total_non_current_liabilities", 970_681),
    ("total_liabilities", 2_480_614),
    ("total_shareholders_equity", 938_621),
    ("total_equity", 985_481),
    ("total_liabilities_and_equity", 3_466_095),
];

fn verdict<'a>(checks: &'a [Check], id: &str) -> &'a Verdict {
    &checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}"))
        .verdict
}

#[test]
fn total_current_assets_foots_exactly_in_rmb() {
    let checks = balance_sheet_jun_2025().check();
    // 5,464,077 + 53,051 + 2,018,350 + 0 + 2,263,242 + 587,321 = 10,386,041.
    assert_eq!(verdict(&checks, "footing:total_current_assets"), &Verdict::Exact);
    let lines: Vec<&str> = checks
        .iter()
        .find(|c| c.id == "footing:total_current_assets")
        .map(|c| {
            c.lines
                .iter()
                .map(|&l| BalanceSheet::<Rmb>::SCHEMA.lines[l].name)
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        lines,
        [
            "total_current_assets",
            "cash",
            "restricted_cash",
            "accounts_receivable",
            "short_term_investments",
            "prepayments",
            "due_from_related_parties"
        ]
    );
}

#[test]
fn every_rmb_relation_of_the_balance_sheet_holds_exactly() {
    let checks = balance_sheet_jun_2025().check();
    assert_eq!(checks.len(), 10, "9 footings and 1 rule");
    for c in &checks {
        assert_eq!(c.verdict, Verdict::Exact, "{}", c.id);
    }
}

#[test]
fn balance_rule_holds_and_names_its_lines() {
    let checks = balance_sheet_jun_2025().check();
    // 24,829,707 = 17,770,121 + 335,686 + 6,723,900.
    let rule = checks
        .iter()
        .find(|c| c.id == "rule:balance")
        .expect("rule check");
    assert_eq!(rule.subject, Subject::Rule { rule: 0 });
    assert_eq!(rule.verdict, Verdict::Exact);
    let schema = BalanceSheet::<Rmb>::SCHEMA;
    let names: Vec<&str> = rule.lines.iter().map(|&l| schema.lines[l].name).collect();
    assert_eq!(
        names,
        [
            "total_assets",
            "total_liabilities",
            "non_controlling_interests",
            "total_shareholders_equity"
        ]
    );
}

#[test]
fn absent_optional_line_contributes_nothing() {
    let sheet = BalanceSheet {
        short_term_investments: None,
        ..balance_sheet_jun_2025()
    };
    assert_eq!(
        verdict(&sheet.check(), "footing:total_current_assets"),
        &Verdict::Exact
    );
    // Control: the same line present with a figure does count.
    let sheet = BalanceSheet {
        short_term_investments: Some(Money::thousands(90)),
        ..balance_sheet_jun_2025()
    };
    assert!(matches!(
        verdict(&sheet.check(), "footing:total_current_assets"),
        Verdict::Failed { difference, .. } if *difference == Decimal::from(-90)
    ));
}

#[test]
fn broken_figure_fails_with_its_difference_and_tolerance() {
    // Cash with two digits transposed: 5,464,707 for 5,464,077.
    let sheet = BalanceSheet {
        cash: k(5_464_707),
        ..balance_sheet_jun_2025()
    };
    let checks = sheet.check();
    assert_eq!(
        verdict(&checks, "footing:total_current_assets"),
        &Verdict::Failed {
            expected: Decimal::from(10_386_671),
            reported: Decimal::from(10_386_041),
            difference: Decimal::from(-630),
            // Six components and the total, each printed to the thousand: 7 x 0.5.
            tolerance: Decimal::new(35, 1),
        }
    );
    // Only the one relation that involves cash fails.
    assert_eq!(checks.iter().filter(|c| c.verdict.failed()).count(), 1);
}

/// The US$ column rebuilt from the RMB one: every component translated at the stated rate,
/// RMB7.1636 to US$1.00 (line 83 of the filing), and rounded to the thousand; every subtotal and
/// total as printed in the US$ column.
fn translated_balance_sheet() -> BalanceSheet<Usd> {
    let rate: Decimal = "7.1636".parse().expect("rate");
    let schema = BalanceSheet::<Rmb>::SCHEMA;
    let rmb = balance_sheet_jun_2025().amounts();
    let usd: Vec<Option<Amount>> = schema
        .lines
        .iter()
        .zip(rmb)
        .map(|(line, rmb)| {
            let rmb = rmb?;
            if line.formula.is_some() {
                let (_, printed) = PRINTED_USD_TOTALS.iter().find(|(n, _)| *n == line.name)?;
                return Some(Amount::thousands(*printed));
            }
            let usd = (rmb.value() / rate).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            Some(Amount::new(usd, Precision::THOUSANDS))
        })
        .collect();
    BalanceSheet::from_amounts(&usd).expect("every line present")
}

#[test]
fn us_dollar_translation_foots_within_rounding() {
    let sheet = translated_balance_sheet();
    // Prepayments (non-current) translate to 86,099 (616,779 / 7.1636 = 86,099.4), printed 86,100:
    // the translated components sum to 2,016,258 against a printed 2,016,259.
    assert_eq!(sheet.non_current_prepayments, Money::thousands(86_099));
    let checks = sheet.check();
    assert_eq!(
        verdict(&checks, "footing:total_non_current_assets"),
        &Verdict::WithinRounding {
            difference: Decimal::ONE
        }
    );
    // Accrued expenses translate to 553,654 (3,966,154 / 7.1636 = 553,653.5), printed 553,653:
    // the components sum to 1,509,934 against a printed 1,509,933.
    assert_eq!(sheet.accrued_expenses, Money::thousands(553_654));
    assert_eq!(
        verdict(&checks, "footing:total_current_liabilities"),
        &Verdict::WithinRounding {
            difference: Decimal::NEGATIVE_ONE
        }
    );
    // Everything else foots to the digit, the balance rule included.
    for c in &checks {
        if c.id != "footing:total_non_current_assets" && c.id != "footing:total_current_liabilities" {
            assert_eq!(c.verdict, Verdict::Exact, "{}", c.id);
        }
    }
}

#[test]
fn schema_records_labels_aliases_sections_kinds_and_formulas() {
    let schema = BalanceSheet::<Usd>::SCHEMA;
    assert_eq!(schema.name, "BalanceSheet");
    assert_eq!(schema.title, "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS");
    assert_eq!(schema.lines.len(), 39);
    let cash = &schema.lines[0];
    assert_eq!(
        (cash.name, cash.label, cash.aliases),
        ("cash", "Cash and cash equivalents", &["Cash"][..])
    );
    assert_eq!(
        (cash.kind, cash.optional, cash.section, cash.formula),
        (QuantityKind::Money, false, None, None)
    );
    assert!(schema.lines[3].optional, "short-term investments is an Option");
    assert_eq!(schema.lines[4].section, Some("Current assets"));
    assert_eq!(schema.lines[10].section, Some("Non-current assets"));
    let total_assets = schema
        .lines
        .iter()
        .find(|l| l.name == "total_assets")
        .expect("line");
    assert_eq!(
        total_assets.formula,
        Some(&[Term { line: 6, weight: 1 }, Term { line: 13, weight: 1 }][..])
    );
    let rule = schema.rules[0];
    assert_eq!(rule.name, "balance");
    assert_eq!(rule.left, &[Term { line: 14, weight: 1 }]);
    assert_eq!(rule.right.len(), 3);
}

/// The statement of comprehensive loss, generic over the currency, to net loss attributable and
/// the per-share figures (lines 172-211).
#[derive(Statement, Debug, PartialEq)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS")]
struct Income<C>
where
    C: Currency,
{
    #[line(label = "Public cloud services")]
    public_cloud: Money<C, Duration>,
    #[line(label = "Enterprise cloud services")]
    enterprise_cloud: Money<C, Duration>,
    #[line(label = "Others")]
    other_revenues: Option<Money<C, Duration>>,
    #[line(label = "Total revenues", total = public_cloud + enterprise_cloud + other_revenues)]
    total_revenues: Money<C, Duration>,
    #[line(label = "Cost of revenues")]
    cost_of_revenues: Money<C, Duration>,
    #[line(label = "Gross profit", total = total_revenues + cost_of_revenues)]
    gross_profit: Money<C, Duration>,
    #[line(label = "Selling and marketing expenses")]
    selling_and_marketing: Money<C, Duration>,
    #[line(label = "General and administrative expenses")]
    general_and_administrative: Money<C, Duration>,
    #[line(label = "Research and development expenses")]
    research_and_development: Money<C, Duration>,
    #[line(
        label = "Total operating expenses",
        total = selling_and_marketing + general_and_administrative + research_and_development
    )]
    total_operating_expenses: Money<C, Duration>,
    #[line(label = "Operating loss", total = gross_profit + total_operating_expenses)]
    operating_loss: Money<C, Duration>,
    #[line(label = "Interest income")]
    interest_income: Money<C, Duration>,
    #[line(label = "Interest expense")]
    interest_expense: Money<C, Duration>,
    #[line(label = "Foreign exchange (loss) gain", alias = "Foreign exchange loss")]
    foreign_exchange: Money<C, Duration>,
    #[line(label = "Other (loss) gain, net")]
    other_gain: Money<C, Duration>,
    #[line(label = "Other (expense) income, net")]
    other_income: Money<C, Duration>,
    #[line(
        label = "Loss before income taxes",
        total = operating_loss + interest_income + interest_expense + foreign_exchange + other_gain
            + other_income
    )]
    loss_before_income_taxes: Money<C, Duration>,
    #[line(label = "Income tax (expense) benefit")]
    income_tax: Money<C, Duration>,
    #[line(label = "Net loss", total = loss_before_income_taxes + income_tax)]
    net_loss: Money<C, Duration>,
    #[line(label = "Less: net (loss) profit attributable to non-controlling interests")]
    non_controlling_share: Money<C, Duration>,
    #[line(
        label = "Net loss attributable to Kingsoft Cloud Holdings Limited",
        total = net_loss - non_controlling_share
    )]
    net_loss_attributable: Money<C, Duration>,
    #[line(label = "Basic and diluted", section = "Net loss per share")]
    loss_per_share: PerShare<C>,
    #[line(
        label = "Basic and diluted",
        section = "Shares used in the net loss per share computation"
    )]
    weighted_shares: Shares,
}

fn d<C: Currency>(v: i64) -> Money<C, Duration> {
    Money::thousands(v)
}

fn per_share<C: Currency>(cents: i64) -> PerShare<C> {
    PerShare::new(Amount::new(Decimal::new(cents, 2), Precision::CENTS))
}

/// Three months ended Jun 30, 2025, in `C` (RMB and US$ columns of lines 179-201).
fn income_q2_2025<C: Currency>(usd: bool) -> Income<C> {
    let v = |rmb: i64, usd_value: i64| d(if usd { usd_value } else { rmb });
    Income {
        public_cloud: v(1_625_309, 226_884),
        enterprise_cloud: v(723_918, 101_055),
        // Printed "-".
        other_revenues: None,
        total_revenues: v(2_349_227, 327_939),
        cost_of_revenues: v(-2_010_370, -280_637),
        gross_profit: v(338_857, 47_302),
        selling_and_marketing: v(-131_996, -18_426),
        general_and_administrative: v(-339_563, -47_401),
        research_and_development: v(-194_285, -27_121),
        total_operating_expenses: v(-665_844, -92_948),
        operating_loss: v(-326_987, -45_646),
        interest_income: v(11_520, 1_608),
        interest_expense: v(-124_669, -17_403),
        foreign_exchange: v(-39_526, -5_518),
        other_gain: v(1_620, 226),
        other_income: v(23_522, 3_284),
        loss_before_income_taxes: v(-454_520, -63_449),
        income_tax: v(-2_343, -327),
        net_loss: v(-456_863, -63_776),
        non_controlling_share: v(602, 84),
        net_loss_attributable: v(-457_465, -63_860),
        loss_per_share: per_share(if usd { -2 } else { -11 }),
        weighted_shares: Shares::units(4_009_119_198),
    }
}

#[test]
fn income_statement_foots_in_both_currencies() {
    for checks in [
        income_q2_2025::<Rmb>(false).check(),
        income_q2_2025::<Usd>(true).check(),
    ] {
        let ids: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "footing:total_revenues",
                "footing:gross_profit",
                "footing:total_operating_expenses",
                "footing:operating_loss",
                "footing:loss_before_income_taxes",
                "footing:net_loss",
                "footing:net_loss_attributable"
            ]
        );
        for c in &checks {
            assert_eq!(c.verdict, Verdict::Exact, "{}", c.id);
        }
    }
}

#[test]
fn income_schema_records_kinds_and_negative_weights() {
    let schema = Income::<Rmb>::SCHEMA;
    let kinds: Vec<QuantityKind> = schema.lines[21..].iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [QuantityKind::PerShare, QuantityKind::Shares]);
    let attributable = &schema.lines[20];
    assert_eq!(
        attributable.formula,
        Some(&[Term { line: 18, weight: 1 }, Term { line: 19, weight: -1 }][..])
    );
    assert!(schema.lines[2].optional);
    assert_eq!(schema.rules.len(), 0);
}

#[test]
fn serde_round_trip() {
    let sheet = balance_sheet_jun_2025();
    let json = serde_json::to_string(&sheet).expect("serialize");
    assert!(json.starts_with(r#"{"cash":{"value":"5464077","#), "{json}");
    let back: BalanceSheet<Rmb> = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, sheet);

    // An absent optional line is left out, and comes back absent.
    let income = income_q2_2025::<Usd>(true);
    let json = serde_json::to_value(&income).expect("serialize");
    assert!(json.get("other_revenues").is_none());
    assert_eq!(json["loss_per_share"]["value"], "-0.02");
    let back: Income<Usd> = serde_json::from_value(json).expect("deserialize");
    assert_eq!(back, income);
}

#[test]
fn deserializing_reports_unknown_and_missing_lines() {
    let mut json = serde_json::to_value(balance_sheet_jun_2025()).expect("serialize");
    let map = json.as_object_mut().expect("a map");
    let cash = map.remove("cash").expect("cash");
    let err = serde_json::from_value::<BalanceSheet<Rmb>>(json.clone()).expect_err("cash is missing");
    assert_eq!(
        err.to_string(),
        "BalanceSheet: required line `Cash and cash equivalents` is missing"
    );
    let map = json.as_object_mut().expect("a map");
    map.insert("cash".into(), cash.clone());
    map.insert("cahs".into(), cash);
    let err = serde_json::from_value::<BalanceSheet<Rmb>>(json).expect_err("unknown line");
    assert_eq!(err.to_string(), "unknown line `cahs` in BalanceSheet");
}

#[test]
fn from_amounts_names_the_missing_line() {
    let mut amounts = balance_sheet_jun_2025().amounts();
    amounts[1] = None;
    let err = BalanceSheet::<Rmb>::from_amounts(&amounts).expect_err("restricted cash is required");
    assert_eq!(
        err,
        MissingLine {
            statement: "BalanceSheet",
            label: "Restricted cash"
        }
    );
    assert_eq!(
        err.to_string(),
        "BalanceSheet: required line `Restricted cash` is missing"
    );
    // An optional line may be absent; a short column counts as absent lines.
    amounts[1] = Some(Amount::thousands(53_051));
    amounts[3] = None;
    let sheet = BalanceSheet::<Rmb>::from_amounts(&amounts).expect("optional line absent");
    assert_eq!(sheet.short_term_investments, None);
    let err = BalanceSheet::<Rmb>::from_amounts(&amounts[..5]).expect_err("short column");
    assert_eq!(err.label, "Amounts due from related parties");
}

/// Weights: `2 * x`, a leading minus, and a line named twice.
#[derive(Statement)]
#[statement(rule(doubled: 2 * a == a + a))]
#[statement(rule(net: -a + b == c - 2 * d))]
struct Weighted {
    #[line(label = "A")]
    a: Money<Rmb, Duration>,
    #[line(label = "B")]
    b: Money<Rmb, Duration>,
    #[line(label = "C", total = -a + 2 * b + a + a - 3 * d)]
    c: Money<Rmb, Duration>,
    #[line(label = "D")]
    d: Money<Rmb, Duration>,
}

#[test]
fn weights_accumulate_per_line() {
    let schema = Weighted::SCHEMA;
    assert_eq!(
        schema.lines[2].formula,
        Some(
            &[
                Term { line: 0, weight: 1 },
                Term { line: 1, weight: 2 },
                Term { line: 3, weight: -3 }
            ][..]
        )
    );
    assert_eq!(schema.rules[0].left, &[Term { line: 0, weight: 2 }]);
    assert_eq!(schema.rules[0].right, &[Term { line: 0, weight: 2 }]);
    assert_eq!(
        schema.rules[1].left,
        &[Term { line: 0, weight: -1 }, Term { line: 1, weight: 1 }]
    );
    assert_eq!(
        schema.rules[1].right,
        &[Term { line: 2, weight: 1 }, Term { line: 3, weight: -2 }]
    );
    assert_eq!(schema.title, "");

    // a = 10, b = 7, d = 1: c = 10 + 14 - 3 = 21; -10 + 7 = 21 - 2 fails by 22.
    let w = Weighted {
        a: d(10),
        b: d(7),
        c: d(21),
        d: d(1),
    };
    let checks = w.check();
    assert_eq!(checks[0].verdict, Verdict::Exact);
    assert_eq!(checks[1].verdict, Verdict::Exact);
    let Verdict::Failed { difference, .. } = &checks[2].verdict else {
        panic!("{:?}", checks[2]);
    };
    assert_eq!(*difference, Decimal::from(-22));
}
