//! How long evaluating a full balance sheet's checks takes: the Q2 2025 balance sheet of Kingsoft
//! Cloud (39 lines, 9 footings and 1 rule), derived with `#[derive(Statement)]`.
//!
//! ```sh
//! cargo bench -p statement-core --bench check
//! ```
//!
//! Divide the median by 10 for the time per check.

use statement_core::check::{Verdict, evaluate};
use statement_core::{Currency, Instant, Money, Rmb, Statement};

fn main() {
    // The figures foot: every check is exact, so the benchmark measures the common path.
    assert!(
        balance_sheet_jun_2025()
            .check()
            .iter()
            .all(|c| c.verdict == Verdict::Exact)
    );
    divan::main();
}

/// `check()`: the figures of every line (`amounts()`), then every footing and the rule.
#[divan::bench]
fn check_balance_sheet(bencher: divan::Bencher) {
    let sheet = balance_sheet_jun_2025();
    bencher.bench_local(|| divan::black_box(&sheet).check());
}

/// The checks alone, from figures already collected.
#[divan::bench]
fn evaluate_balance_sheet(bencher: divan::Bencher) {
    let amounts = balance_sheet_jun_2025().amounts();
    let schema = BalanceSheet::<Rmb>::SCHEMA;
    bencher.bench_local(|| evaluate(divan::black_box(&schema), divan::black_box(&amounts)));
}

/// The balance sheet as printed, lines in printed order.
#[derive(Statement)]
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
