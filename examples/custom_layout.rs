//! A layout of your own, declared through `statement_core` alone: the adjusted EBITDA
//! reconciliation of Kingsoft Cloud's Q2 2025 press release (a non-GAAP table the bundled layouts
//! do not cover), checked on four of its printed columns.
//!
//! ```sh
//! cargo run --example custom_layout
//! ```

use statement_core::check::Verdict;
use statement_core::{Currency, Duration, Money, Rmb, Statement, Usd};

/// "RECONCILIATION OF GAAP AND NON-GAAP RESULTS": net loss to normalized adjusted EBITDA.
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
#[statement(rule(
    ebitda: adjusted_ebitda == net_loss + share_based_compensation + foreign_exchange_loss
        + interest_income + interest_expense + income_tax + depreciation_and_amortization
))]
struct AdjustedEbitda<C: Currency> {
    #[line(label = "Net loss")]
    net_loss: Money<C, Duration>,
    #[line(label = "Share-based compensation expenses")]
    share_based_compensation: Money<C, Duration>,
    #[line(label = "Foreign exchange loss (gain)")]
    foreign_exchange_loss: Money<C, Duration>,
    #[line(
        label = "Adjusted net loss (Non-GAAP Financial Measure)",
        total = net_loss + share_based_compensation + foreign_exchange_loss
    )]
    adjusted_net_loss: Money<C, Duration>,
    #[line(label = "Interest income")]
    interest_income: Money<C, Duration>,
    #[line(label = "Interest expense")]
    interest_expense: Money<C, Duration>,
    #[line(label = "Income tax expense (benefit)")]
    income_tax: Money<C, Duration>,
    #[line(label = "Depreciation and amortization")]
    depreciation_and_amortization: Money<C, Duration>,
    #[line(
        label = "Adjusted EBITDA (Non-GAAP Financial Measure)",
        total = adjusted_net_loss + interest_income + interest_expense + income_tax
            + depreciation_and_amortization
    )]
    adjusted_ebitda: Money<C, Duration>,
    /// Printed "-" when there was none.
    #[line(label = "Gain on disposal of property and equipment")]
    gain_on_disposal: Option<Money<C, Duration>>,
    #[line(
        label = "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
        total = adjusted_ebitda + gain_on_disposal
    )]
    normalized_adjusted_ebitda: Money<C, Duration>,
}

/// One printed column, in thousands, in the order of the layout's lines (`None` for "-").
fn column<C: Currency>(figures: [Option<i64>; 11]) -> AdjustedEbitda<C> {
    let m = |i: usize| Money::thousands(figures[i].unwrap_or_default());
    AdjustedEbitda {
        net_loss: m(0),
        share_based_compensation: m(1),
        foreign_exchange_loss: m(2),
        adjusted_net_loss: m(3),
        interest_income: m(4),
        interest_expense: m(5),
        income_tax: m(6),
        depreciation_and_amortization: m(7),
        adjusted_ebitda: m(8),
        gain_on_disposal: figures[9].map(Money::thousands),
        normalized_adjusted_ebitda: m(10),
    }
}

fn report<C: Currency>(heading: &str, statement: &AdjustedEbitda<C>) -> usize {
    println!("{heading} ({}):", C::CODE);
    let mut failed = 0;
    for check in statement.check() {
        let verdict = match &check.verdict {
            Verdict::Exact => "exact".to_string(),
            Verdict::WithinRounding { difference } => format!("within rounding ({difference:+})"),
            Verdict::Failed {
                expected,
                reported,
                difference,
                tolerance,
            } => {
                failed += 1;
                format!(
                    "FAILED: expected {expected}, printed {reported}, off by {difference} (rounding explains {tolerance})"
                )
            }
            Verdict::Unreadable => "unreadable".to_string(),
        };
        println!("  {:<38} {verdict}", check.id);
    }
    failed
}

fn main() {
    let schema = AdjustedEbitda::<Rmb>::SCHEMA;
    println!(
        "{}: {} lines, {} rule(s)\n",
        schema.title,
        schema.lines.len(),
        schema.rules.len()
    );

    let q2_2024 = column::<Rmb>([
        Some(-353_718),
        Some(45_649),
        Some(6_999),
        Some(-301_070),
        Some(-9_945),
        Some(59_414),
        Some(6_891),
        Some(305_304),
        Some(60_594),
        None,
        Some(60_594),
    ]);
    let q2_2025_figures = [
        Some(-456_863),
        Some(116_856),
        Some(39_526),
        Some(-300_481),
        Some(-11_520),
        Some(124_669),
        Some(2_343),
        Some(591_021),
        Some(406_032),
        Some(-5_708),
        Some(400_324),
    ];
    let q2_2025 = column::<Rmb>(q2_2025_figures);
    let q2_2025_usd = column::<Usd>([
        Some(-63_776),
        Some(16_312),
        Some(5_518),
        Some(-41_946),
        Some(-1_608),
        Some(17_403),
        Some(327),
        Some(82_503),
        Some(56_679),
        Some(-797),
        Some(55_882),
    ]);
    let h1_2025 = column::<Rmb>([
        Some(-772_973),
        Some(251_467),
        Some(30_475),
        Some(-491_031),
        Some(-16_466),
        Some(207_566),
        Some(11_584),
        Some(1_012_922),
        Some(724_575),
        Some(-7_818),
        Some(716_757),
    ]);
    // The same column with depreciation mistyped: 591,201 for 591,021.
    let misprint = AdjustedEbitda {
        depreciation_and_amortization: Money::thousands(591_201),
        ..column::<Rmb>(q2_2025_figures)
    };

    let mut failed = 0;
    failed += report("Three months ended Jun 30, 2024", &q2_2024);
    failed += report("Three months ended Jun 30, 2025", &q2_2025);
    failed += report("Three months ended Jun 30, 2025", &q2_2025_usd);
    failed += report("Six months ended Jun 30, 2025", &h1_2025);
    let printed_failures = failed;
    failed += report("Jun 30, 2025 with depreciation mistyped as 591,201", &misprint);
    println!(
        "\n{printed_failures} failure(s) in the printed columns, {} in the mistyped one.",
        failed - printed_failures
    );
}
