//! The Kingsoft Cloud layouts, declared with the public derive exactly as a user would, and the
//! relations between them in the two bundled filings: the Q2 2025 earnings press release and the
//! H1 2023 interim results announcement to the Hong Kong exchange.
//!
//! The two filings word some lines differently (aliases), carry different lines (optional lines)
//! and, for the cash-flow summary, follow different conventions (two layouts).
//!
//! ```
//! use statement_core::kingsoft;
//! let report = kingsoft::check_text("q2-2025.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
//! assert!(report.tables > 0);
//! ```

// Each field of a layout is documented by its `#[line(label = "...")]`: the label as printed.
#![allow(missing_docs)]

use rust_decimal::Decimal;

use crate::bind::Layout;
use crate::relations::{FilingRules, StatedRate};
use crate::{Currency, Duration, Filing, Instant, Money, PerShare, Percent, Rmb, Shares, Statement, Usd};

/// A filing bundled with the crate.
#[derive(Clone, Copy, Debug)]
pub struct Bundled {
    /// The file name it was bundled as.
    pub name: &'static str,
    /// Its text, unchanged from the published extraction.
    pub text: &'static str,
}

/// The Q2 2025 earnings press release.
pub const Q2_2025: Bundled = Bundled {
    name: "filings/kingsoft-cloud-2025-q2-press-release.txt",
    text: include_str!("../filings/kingsoft-cloud-2025-q2-press-release.txt"),
};

/// The H1 2023 interim results announcement.
pub const H1_2023: Bundled = Bundled {
    name: "filings/kingsoft-cloud-2023-interim-announcement.txt",
    text: include_str!("../filings/kingsoft-cloud-2023-interim-announcement.txt"),
};

/// Both bundled filings.
pub const BUNDLED: [Bundled; 2] = [Q2_2025, H1_2023];

/// Unaudited condensed consolidated balance sheet (both filings).
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS")]
#[statement(rule(balance: total_assets == total_liabilities_and_equity))]
pub struct BalanceSheet<C: Currency> {
    #[line(label = "Cash and cash equivalents", prose = "cash and cash equivalents")]
    pub cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    pub restricted_cash: Money<C, Instant>,
    #[line(label = "Accounts receivable, net")]
    pub accounts_receivable: Money<C, Instant>,
    #[line(label = "Short-term investments")]
    pub short_term_investments: Option<Money<C, Instant>>,
    #[line(label = "Prepayments and other assets", section = "Current assets")]
    pub prepayments: Money<C, Instant>,
    #[line(label = "Amounts due from related parties", section = "Current assets")]
    pub due_from_related_parties: Money<C, Instant>,
    #[line(
        label = "Total current assets",
        total = cash + restricted_cash + accounts_receivable + short_term_investments + prepayments
            + due_from_related_parties
    )]
    pub total_current_assets: Money<C, Instant>,
    #[line(label = "Property and equipment, net")]
    pub property_and_equipment: Money<C, Instant>,
    #[line(label = "Intangible assets, net")]
    pub intangible_assets: Money<C, Instant>,
    #[line(label = "Goodwill")]
    pub goodwill: Money<C, Instant>,
    #[line(label = "Prepayments and other assets", section = "Non-current assets")]
    pub non_current_prepayments: Money<C, Instant>,
    #[line(label = "Equity investments")]
    pub equity_investments: Money<C, Instant>,
    #[line(label = "Amounts due from related parties", section = "Non-current assets")]
    pub non_current_due_from_related_parties: Option<Money<C, Instant>>,
    #[line(label = "Operating lease right-of-use assets")]
    pub operating_lease_assets: Money<C, Instant>,
    #[line(
        label = "Total non-current assets",
        total = property_and_equipment + intangible_assets + goodwill + non_current_prepayments
            + equity_investments + non_current_due_from_related_parties + operating_lease_assets
    )]
    pub total_non_current_assets: Money<C, Instant>,
    #[line(label = "Total assets", total = total_current_assets + total_non_current_assets)]
    pub total_assets: Money<C, Instant>,
    #[line(label = "Accounts payable")]
    pub accounts_payable: Money<C, Instant>,
    #[line(
        label = "Accrued expenses and other current liabilities",
        alias = "Accrued expenses and other liabilities"
    )]
    pub accrued_expenses: Money<C, Instant>,
    #[line(label = "Short-term borrowings", alias = "Short-term bank loans")]
    pub short_term_borrowings: Money<C, Instant>,
    #[line(label = "Income tax payable")]
    pub income_tax_payable: Money<C, Instant>,
    #[line(label = "Amounts due to related parties", section = "Current liabilities")]
    pub due_to_related_parties: Money<C, Instant>,
    #[line(label = "Current operating lease liabilities")]
    pub current_lease_liabilities: Money<C, Instant>,
    #[line(
        label = "Total current liabilities",
        total = accounts_payable + accrued_expenses + short_term_borrowings + income_tax_payable
            + due_to_related_parties + current_lease_liabilities
    )]
    pub total_current_liabilities: Money<C, Instant>,
    #[line(label = "Long-term borrowings")]
    pub long_term_borrowings: Option<Money<C, Instant>>,
    #[line(label = "Amounts due to related parties", section = "Non-current liabilities")]
    pub non_current_due_to_related_parties: Money<C, Instant>,
    #[line(label = "Deferred tax liabilities")]
    pub deferred_tax_liabilities: Money<C, Instant>,
    #[line(label = "Other liabilities")]
    pub other_liabilities: Money<C, Instant>,
    #[line(label = "Non-current operating lease liabilities")]
    pub non_current_lease_liabilities: Money<C, Instant>,
    #[line(
        label = "Total non-current liabilities",
        total = long_term_borrowings + non_current_due_to_related_parties + deferred_tax_liabilities
            + other_liabilities + non_current_lease_liabilities
    )]
    pub total_non_current_liabilities: Money<C, Instant>,
    #[line(label = "Total liabilities", total = total_current_liabilities + total_non_current_liabilities)]
    pub total_liabilities: Money<C, Instant>,
    #[line(label = "Ordinary shares")]
    pub ordinary_shares: Money<C, Instant>,
    #[line(label = "Treasury shares")]
    pub treasury_shares: Money<C, Instant>,
    #[line(label = "Additional paid-in capital")]
    pub additional_paid_in_capital: Money<C, Instant>,
    #[line(label = "Statutory reserves funds")]
    pub statutory_reserves: Money<C, Instant>,
    #[line(label = "Accumulated deficit")]
    pub accumulated_deficit: Money<C, Instant>,
    #[line(label = "Accumulated other comprehensive income")]
    pub accumulated_other_comprehensive_income: Money<C, Instant>,
    #[line(
        label = "Total Kingsoft Cloud Holdings Limited shareholders' equity",
        total = ordinary_shares + treasury_shares + additional_paid_in_capital + statutory_reserves
            + accumulated_deficit + accumulated_other_comprehensive_income
    )]
    pub total_shareholders_equity: Money<C, Instant>,
    #[line(label = "Non-controlling interests")]
    pub non_controlling_interests: Money<C, Instant>,
    #[line(label = "Total equity", total = total_shareholders_equity + non_controlling_interests)]
    pub total_equity: Money<C, Instant>,
    #[line(
        label = "Total liabilities, non-controlling interests and shareholders' equity",
        total = total_liabilities + total_equity
    )]
    pub total_liabilities_and_equity: Money<C, Instant>,
}

/// Unaudited condensed consolidated statement of comprehensive loss (both filings).
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS")]
pub struct ComprehensiveLoss<C: Currency> {
    #[line(
        label = "Public cloud services",
        prose = "revenues from public cloud services",
        prose = "revenue from public cloud services"
    )]
    pub public_cloud: Money<C, Duration>,
    #[line(
        label = "Enterprise cloud services",
        prose = "revenues from enterprise cloud services",
        prose = "revenue from enterprise cloud services"
    )]
    pub enterprise_cloud: Money<C, Duration>,
    #[line(label = "Others", prose = "other revenues")]
    pub other_revenues: Money<C, Duration>,
    #[line(label = "Total revenues", total = public_cloud + enterprise_cloud + other_revenues, prose = "total revenues", prose = "total revenue")]
    pub total_revenues: Money<C, Duration>,
    #[line(label = "Cost of revenues", prose_magnitude = "cost of revenues")]
    pub cost_of_revenues: Money<C, Duration>,
    #[line(label = "Gross profit", total = total_revenues + cost_of_revenues, prose = "gross profit")]
    pub gross_profit: Money<C, Duration>,
    #[line(
        label = "Selling and marketing expenses",
        prose_magnitude = "selling and marketing expenses"
    )]
    pub selling_and_marketing: Money<C, Duration>,
    #[line(
        label = "General and administrative expenses",
        prose_magnitude = "general and administrative expenses"
    )]
    pub general_and_administrative: Money<C, Duration>,
    #[line(
        label = "Research and development expenses",
        prose_magnitude = "research and development expenses"
    )]
    pub research_and_development: Money<C, Duration>,
    #[line(
        label = "Total operating expenses",
        total = selling_and_marketing + general_and_administrative + research_and_development,
        prose_magnitude = "total operating expenses"
    )]
    pub total_operating_expenses: Money<C, Duration>,
    #[line(label = "Operating loss", total = gross_profit + total_operating_expenses, prose_magnitude = "operating loss")]
    pub operating_loss: Money<C, Duration>,
    #[line(label = "Interest income")]
    pub interest_income: Money<C, Duration>,
    #[line(label = "Interest expense")]
    pub interest_expense: Money<C, Duration>,
    #[line(label = "Foreign exchange (loss) gain", alias = "Foreign exchange loss")]
    pub foreign_exchange: Money<C, Duration>,
    #[line(label = "Other (loss) gain, net", alias = "Other loss, net")]
    pub other_loss: Money<C, Duration>,
    #[line(label = "Other (expense) income, net", alias = "Other income, net")]
    pub other_income: Money<C, Duration>,
    #[line(
        label = "Loss before income taxes",
        total = operating_loss + interest_income + interest_expense + foreign_exchange + other_loss
            + other_income,
        prose_magnitude = "loss before income taxes"
    )]
    pub loss_before_income_taxes: Money<C, Duration>,
    #[line(
        label = "Income tax (expense) benefit",
        alias = "Income tax benefit (expense)"
    )]
    pub income_tax: Money<C, Duration>,
    #[line(label = "Net loss", total = loss_before_income_taxes + income_tax, prose_magnitude = "net loss")]
    pub net_loss: Money<C, Duration>,
    #[line(
        label = "Less: net (loss) profit attributable to non-controlling interests",
        alias = "Less: net loss attributable to non-controlling interests"
    )]
    pub net_loss_non_controlling: Money<C, Duration>,
    #[line(
        label = "Net loss attributable to Kingsoft Cloud Holdings Limited",
        total = net_loss - net_loss_non_controlling
    )]
    pub net_loss_attributable: Money<C, Duration>,
    #[line(label = "Basic and diluted", section = "Net loss per share")]
    pub loss_per_share: PerShare<C>,
    #[line(
        label = "Basic and diluted",
        section = "Shares used in the net loss per share computation"
    )]
    pub weighted_shares: Shares,
    #[line(label = "Foreign currency translation adjustments")]
    pub currency_translation: Money<C, Duration>,
    #[line(label = "Comprehensive loss", total = net_loss + currency_translation)]
    pub comprehensive_loss: Money<C, Duration>,
    #[line(
        label = "Less: Comprehensive (loss) income attributable to non-controlling interests",
        alias = "Less: Comprehensive loss attributable to non-controlling interests"
    )]
    pub comprehensive_loss_non_controlling: Money<C, Duration>,
    #[line(
        label = "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
        alias = "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited",
        total = comprehensive_loss - comprehensive_loss_non_controlling
    )]
    pub comprehensive_loss_attributable: Money<C, Duration>,
}

/// Summary of cash flows, Q2 2025 convention: the net change includes the exchange-rate effect.
///
/// The opening and closing balances are balances at the period's start and end (instants), rolled
/// forward by the period's flows; [`KingsoftCloud`] ties them to the balance sheet.
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS")]
pub struct CashFlows<C: Currency> {
    #[line(label = "Net cash generated from (used in) operating activities")]
    pub operating: Money<C, Duration>,
    #[line(label = "Net cash used in investing activities")]
    pub investing: Money<C, Duration>,
    #[line(label = "Net cash generated from financing activities")]
    pub financing: Money<C, Duration>,
    #[line(label = "Effect of exchange rate changes on cash, cash equivalents and restricted cash")]
    pub exchange_effect: Money<C, Duration>,
    #[line(
        label = "Net increase (decrease) in cash, cash equivalents and restricted cash",
        total = operating + investing + financing + exchange_effect
    )]
    pub net_change: Money<C, Duration>,
    #[line(label = "Cash, cash equivalents and restricted cash at beginning of period")]
    pub beginning: Money<C, Instant>,
    #[line(
        label = "Cash, cash equivalents and restricted cash at end of period",
        roll_forward = beginning + net_change
    )]
    pub ending: Money<C, Instant>,
}

/// Summary of cash flows, H1 2023 convention: the net change excludes the exchange-rate effect,
/// which is added to the roll-forward separately.
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS")]
pub struct CashFlowsExchangeSeparate<C: Currency> {
    #[line(label = "Net cash used in operating activities")]
    pub operating: Money<C, Duration>,
    #[line(label = "Net cash (used in) generated from investing activities")]
    pub investing: Money<C, Duration>,
    #[line(label = "Net cash used in financing activities")]
    pub financing: Money<C, Duration>,
    #[line(label = "Effect of exchange rate changes on cash, cash equivalents, and restricted cash")]
    pub exchange_effect: Money<C, Duration>,
    #[line(
        label = "Net (decrease) increase in cash, cash equivalents, and restricted cash",
        total = operating + investing + financing
    )]
    pub net_change: Money<C, Duration>,
    #[line(label = "Cash, cash equivalents, and restricted cash at beginning of year")]
    pub beginning: Money<C, Instant>,
    #[line(
        label = "Cash, cash equivalents, and restricted cash at end of period",
        roll_forward = beginning + net_change + exchange_effect
    )]
    pub ending: Money<C, Instant>,
}

/// GAAP gross profit to adjusted gross profit.
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
pub struct AdjustedGrossProfit<C: Currency> {
    #[line(
        label = "Gross profit",
        alias = "Gross profit Adjustments",
        prose = "gross profit"
    )]
    pub gross_profit: Money<C, Duration>,
    #[line(
        label = "Share-based compensation expenses (allocated in cost of revenues)",
        alias = "Share-based compensation expenses"
    )]
    pub share_based_compensation: Money<C, Duration>,
    #[line(
        label = "Adjusted gross profit (Non-GAAP Financial Measure)",
        alias = "Adjusted gross profit",
        total = gross_profit + share_based_compensation,
        prose = "non-gaap gross profit", prose = "adjusted gross profit"
    )]
    pub adjusted_gross_profit: Money<C, Duration>,
}

/// GAAP net loss to adjusted net loss, adjusted EBITDA and normalized adjusted EBITDA.
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
pub struct AdjustedEbitda<C: Currency> {
    #[line(
        label = "Net Loss",
        alias = "Net Loss Adjustments",
        prose_magnitude = "net loss"
    )]
    pub net_loss: Money<C, Duration>,
    #[line(label = "Share-based compensation expenses")]
    pub share_based_compensation: Money<C, Duration>,
    #[line(label = "Foreign exchange loss (gain)", alias = "Foreign exchange loss")]
    pub foreign_exchange: Money<C, Duration>,
    #[line(label = "Impairment of long-lived assets")]
    pub impairment: Option<Money<C, Duration>>,
    #[line(
        label = "Adjusted net loss (Non-GAAP Financial Measure)",
        alias = "Adjusted net loss",
        total = net_loss + share_based_compensation + foreign_exchange + impairment,
        prose_magnitude = "non-gaap net loss", prose_magnitude = "adjusted net loss"
    )]
    pub adjusted_net_loss: Money<C, Duration>,
    #[line(label = "Interest income", alias = "Adjustments: - Interest income")]
    pub interest_income: Money<C, Duration>,
    #[line(label = "Interest expense")]
    pub interest_expense: Money<C, Duration>,
    #[line(
        label = "Income tax expense (benefit)",
        alias = "Income tax (benefit) expense"
    )]
    pub income_tax: Money<C, Duration>,
    #[line(
        label = "Depreciation and amortization",
        prose = "depreciation and amortization"
    )]
    pub depreciation_and_amortization: Money<C, Duration>,
    #[line(
        label = "Adjusted EBITDA (Non-GAAP Financial Measure)",
        alias = "Adjusted EBITDA",
        total = adjusted_net_loss + interest_income + interest_expense + income_tax
            + depreciation_and_amortization,
        prose_magnitude = "non-gaap ebitda loss",
        prose_magnitude = "adjusted ebitda loss",
        prose = "non-gaap ebitda profit",
        prose = "adjusted ebitda profit",
        prose = "non-gaap ebitda",
        prose = "adjusted ebitda"
    )]
    pub adjusted_ebitda: Money<C, Duration>,
    #[line(
        label = "Gain on disposal of property and equipment",
        alias = "Loss on disposal of property and equipment"
    )]
    pub disposal: Money<C, Duration>,
    #[line(
        label = "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
        alias = "Excluding loss on disposal of property and equipment, normalized Adjusted EBITDA",
        total = adjusted_ebitda + disposal,
        prose = "normalized non-gaap ebitda", prose = "normalized adjusted ebitda"
    )]
    pub normalized_adjusted_ebitda: Money<C, Duration>,
}

/// GAAP operating loss to adjusted and normalized adjusted operating loss (Q2 2025).
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
pub struct AdjustedOperatingLoss<C: Currency> {
    #[line(label = "Operating loss", prose_magnitude = "operating loss")]
    pub operating_loss: Money<C, Duration>,
    #[line(label = "Share-based compensation expenses")]
    pub share_based_compensation: Money<C, Duration>,
    #[line(label = "Amortization of intangible assets")]
    pub amortization: Money<C, Duration>,
    #[line(
        label = "Adjusted operating loss (Non-GAAP Financial Measure)",
        total = operating_loss + share_based_compensation + amortization,
        prose_magnitude = "non-gaap operating loss", prose_magnitude = "adjusted operating loss"
    )]
    pub adjusted_operating_loss: Money<C, Duration>,
    #[line(label = "Gain on disposal of property and equipment")]
    pub disposal: Money<C, Duration>,
    #[line(
        label = "Excluding gain on disposal of property and equipment, normalized Adjusted operating loss",
        total = adjusted_operating_loss + disposal,
        prose_magnitude = "normalized non-gaap operating loss",
        prose_magnitude = "normalized adjusted operating loss"
    )]
    pub normalized_adjusted_operating_loss: Money<C, Duration>,
}

/// The margin tables: each margin is its measure over total revenues, in percent.
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
pub struct Margins {
    #[line(label = "Gross margin", prose = "gross margin")]
    pub gross_margin: Option<Percent>,
    #[line(
        label = "Adjusted gross margin (Non-GAAP Financial Measure)",
        alias = "Adjusted gross margin",
        prose = "non-gaap gross margin",
        prose = "adjusted gross margin"
    )]
    pub adjusted_gross_margin: Option<Percent>,
    #[line(label = "Net loss margin")]
    pub net_loss_margin: Option<Percent>,
    #[line(
        label = "Adjusted net loss margin (Non-GAAP Financial Measure)",
        alias = "Adjusted net loss margin"
    )]
    pub adjusted_net_loss_margin: Option<Percent>,
    #[line(
        label = "Adjusted EBITDA margin (Non-GAAP Financial Measure)",
        alias = "Adjusted EBITDA Margin",
        prose = "non-gaap ebitda margin",
        prose = "adjusted ebitda margin"
    )]
    pub adjusted_ebitda_margin: Option<Percent>,
    #[line(
        label = "Normalized Adjusted EBITDA margin",
        alias = "Normalized Adjusted EBITDA",
        prose = "normalized non-gaap ebitda margin",
        prose = "normalized adjusted ebitda margin"
    )]
    pub normalized_adjusted_ebitda_margin: Option<Percent>,
    #[line(label = "Adjusted operating loss margin (Non-GAAP Financial Measure)")]
    pub adjusted_operating_loss_margin: Option<Percent>,
    #[line(label = "Normalized Adjusted operating loss margin")]
    pub normalized_adjusted_operating_loss_margin: Option<Percent>,
}

/// The 2023 financial highlights (with a year-on-year change column).
#[derive(Statement)]
#[statement(title = "FINANCIAL HIGHLIGHTS")]
pub struct FinancialHighlights<C: Currency> {
    #[line(label = "Revenues", prose = "total revenues", prose = "total revenue")]
    pub revenues: Money<C, Duration>,
    #[line(label = "Gross profit", prose = "gross profit")]
    pub gross_profit: Money<C, Duration>,
    #[line(
        label = "Loss before income taxes",
        prose_magnitude = "loss before income taxes"
    )]
    pub loss_before_income_taxes: Money<C, Duration>,
    #[line(label = "Net loss", prose_magnitude = "net loss")]
    pub net_loss: Money<C, Duration>,
    #[line(label = "Net loss attributable to Kingsoft Cloud Holdings Limited")]
    pub net_loss_attributable: Money<C, Duration>,
}

/// Note 3: revenues by category and timing of recognition.
#[derive(Statement)]
#[statement(title = "REVENUES")]
pub struct RevenuesByTiming<C: Currency> {
    #[line(
        label = "Public cloud services recognized over time",
        prose = "revenues from public cloud services",
        prose = "revenue from public cloud services"
    )]
    pub public_cloud_over_time: Money<C, Duration>,
    #[line(
        label = "Recognized at a point in time",
        section = "Enterprise cloud services"
    )]
    pub enterprise_point_in_time: Money<C, Duration>,
    #[line(label = "Recognized over time", section = "Enterprise cloud services")]
    pub enterprise_over_time: Money<C, Duration>,
    #[line(
        label = "Total Enterprise cloud services",
        total = enterprise_point_in_time + enterprise_over_time,
        prose = "revenues from enterprise cloud services", prose = "revenue from enterprise cloud services"
    )]
    pub enterprise_total: Money<C, Duration>,
    #[line(label = "Recognized over time", section = "Others", prose = "other revenues")]
    pub others_over_time: Money<C, Duration>,
    #[line(label = "Total", total = public_cloud_over_time + enterprise_total + others_over_time, prose = "total revenues", prose = "total revenue")]
    pub total: Money<C, Duration>,
}

/// Note 3: other loss, net.
#[derive(Statement)]
#[statement(title = "OTHER LOSS, NET")]
pub struct OtherLoss<C: Currency> {
    #[line(label = "Gross unrealized loss (including impairment) on equity investments held")]
    pub unrealized_loss: Money<C, Duration>,
    #[line(label = "Share of losses from equity method investment")]
    pub equity_method_losses: Option<Money<C, Duration>>,
    #[line(label = "Net realized loss on equity investments sold")]
    pub realized_loss: Option<Money<C, Duration>>,
    #[line(label = "Changes in fair value of purchase consideration in a business acquisition")]
    pub purchase_consideration: Money<C, Duration>,
    #[line(
        label = "Total",
        total = unrealized_loss + equity_method_losses + realized_loss + purchase_consideration
    )]
    pub total: Money<C, Duration>,
}

/// Note 3: other income, net.
#[derive(Statement)]
#[statement(title = "OTHER INCOME, NET")]
pub struct OtherIncome<C: Currency> {
    #[line(label = "Government grants")]
    pub government_grants: Money<C, Duration>,
    #[line(label = "Income from ADS Reimbursement")]
    pub ads_reimbursement: Money<C, Duration>,
    #[line(label = "Value added tax transferred out")]
    pub vat_transferred_out: Money<C, Duration>,
    #[line(label = "Gain on disposal of property and equipment")]
    pub disposal_gain: Money<C, Duration>,
    #[line(label = "Others")]
    pub others: Money<C, Duration>,
    #[line(
        label = "Total",
        total = government_grants + ads_reimbursement + vat_transferred_out + disposal_gain + others
    )]
    pub total: Money<C, Duration>,
}

/// Note 4: accounts receivable, net of the allowance for credit losses.
#[derive(Statement)]
#[statement(title = "ACCOUNTS RECEIVABLE, NET")]
pub struct AccountsReceivable<C: Currency> {
    #[line(label = "Accounts receivable")]
    pub gross: Money<C, Instant>,
    #[line(label = "Allowance for credit losses")]
    pub allowance: Money<C, Instant>,
    #[line(label = "Accounts receivable, net", total = gross + allowance)]
    pub net: Money<C, Instant>,
}

/// Note 4: ageing of accounts receivable, net, by past-due date.
#[derive(Statement)]
#[statement(title = "ACCOUNTS RECEIVABLE AGEING")]
pub struct ReceivablesAgeing<C: Currency> {
    #[line(label = "Not yet due")]
    pub not_yet_due: Money<C, Instant>,
    #[line(label = "Within 3 months")]
    pub within_3_months: Money<C, Instant>,
    #[line(label = "Between 4 months and 6 months")]
    pub from_4_to_6_months: Money<C, Instant>,
    #[line(label = "Between 7 months and 1 year")]
    pub from_7_to_12_months: Money<C, Instant>,
    #[line(label = "More than 1 year")]
    pub over_1_year: Money<C, Instant>,
    #[line(
        label = "Accounts receivable, net",
        total = not_yet_due + within_3_months + from_4_to_6_months + from_7_to_12_months + over_1_year
    )]
    pub total: Money<C, Instant>,
}

/// Note 5: loss before income taxes by region.
#[derive(Statement)]
#[statement(title = "LOSS BEFORE INCOME TAXES")]
pub struct LossBeforeTaxByRegion<C: Currency> {
    #[line(label = "Mainland China")]
    pub mainland_china: Money<C, Duration>,
    #[line(label = "Non-mainland China")]
    pub non_mainland_china: Money<C, Duration>,
    #[line(label = "Total", total = mainland_china + non_mainland_china, prose_magnitude = "loss before income taxes")]
    pub total: Money<C, Duration>,
}

/// Note 5: current and deferred components of income tax expense (printed as expense, the
/// opposite sign of the income statement's line).
#[derive(Statement)]
#[statement(title = "INCOME TAX EXPENSE")]
pub struct IncomeTaxComponents<C: Currency> {
    #[line(label = "Current income tax expense")]
    pub current: Money<C, Duration>,
    #[line(label = "Deferred income tax benefit")]
    pub deferred: Money<C, Duration>,
    #[line(label = "Total", total = current + deferred)]
    pub total: Money<C, Duration>,
}

/// Note 6: loss per share, printed without row labels (bound by position).
#[derive(Statement)]
#[statement(title = "loss per share")]
pub struct LossPerShareNote<C: Currency> {
    #[line(label = "Net loss attributable to ordinary shareholders")]
    pub net_loss_attributable: Money<C, Duration>,
    #[line(label = "Weighted average number of ordinary shares outstanding")]
    pub weighted_shares: Shares,
    #[line(label = "Basic and diluted loss per share")]
    pub loss_per_share: PerShare<C>,
}

/// Note 8: ageing of accounts payable by invoice date.
#[derive(Statement)]
#[statement(title = "ACCOUNTS PAYABLE")]
pub struct PayablesAgeing<C: Currency> {
    #[line(label = "Within 3 months")]
    pub within_3_months: Money<C, Instant>,
    #[line(label = "Between 4 months and 1 year")]
    pub from_4_to_12_months: Money<C, Instant>,
    #[line(label = "More than 1 year")]
    pub over_1_year: Money<C, Instant>,
    #[line(label = "Total", total = within_3_months + from_4_to_12_months + over_1_year)]
    pub total: Money<C, Instant>,
}

/// Employees by function, with each function's share of the total (2023).
#[derive(Statement)]
#[statement(title = "EMPLOYEES")]
pub struct EmployeesByFunction {
    #[line(label = "Research and development")]
    pub research_and_development: Shares,
    #[line(label = "Sales and marketing")]
    pub sales_and_marketing: Shares,
    #[line(label = "General and administrative")]
    pub general_and_administrative: Shares,
    #[line(label = "Solution development and services")]
    pub solution_development: Shares,
    #[line(
        label = "Total",
        total = research_and_development + sales_and_marketing + general_and_administrative
            + solution_development
    )]
    pub total: Shares,
}

type R = crate::Rmb;

/// The statements of a Kingsoft Cloud filing and the relations between them: every name in a
/// relation is a field (statement) and a line of its type, checked when this crate compiles.
#[derive(Filing)]
// The same figure in two statements (`-` where one prints the opposite sign).
#[filing(tie(comprehensive_loss.gross_profit == adjusted_gross_profit.gross_profit))]
#[filing(tie(comprehensive_loss.net_loss == adjusted_ebitda.net_loss))]
#[filing(tie(comprehensive_loss.operating_loss == adjusted_operating_loss.operating_loss))]
#[filing(tie(comprehensive_loss.foreign_exchange == -adjusted_ebitda.foreign_exchange))]
#[filing(tie(comprehensive_loss.interest_income == -adjusted_ebitda.interest_income))]
#[filing(tie(comprehensive_loss.interest_expense == -adjusted_ebitda.interest_expense))]
#[filing(tie(comprehensive_loss.income_tax == -adjusted_ebitda.income_tax))]
#[filing(tie(adjusted_ebitda.share_based_compensation == adjusted_operating_loss.share_based_compensation))]
#[filing(tie(adjusted_ebitda.disposal == adjusted_operating_loss.disposal))]
#[filing(tie(comprehensive_loss.total_revenues == highlights.revenues))]
#[filing(tie(comprehensive_loss.gross_profit == highlights.gross_profit))]
#[filing(tie(comprehensive_loss.loss_before_income_taxes == highlights.loss_before_income_taxes))]
#[filing(tie(comprehensive_loss.net_loss == highlights.net_loss))]
#[filing(tie(comprehensive_loss.net_loss_attributable == highlights.net_loss_attributable))]
#[filing(tie(comprehensive_loss.public_cloud == note_revenues.public_cloud_over_time))]
#[filing(tie(comprehensive_loss.enterprise_cloud == note_revenues.enterprise_total))]
#[filing(tie(comprehensive_loss.other_revenues == note_revenues.others_over_time))]
#[filing(tie(comprehensive_loss.total_revenues == note_revenues.total))]
#[filing(tie(comprehensive_loss.other_loss == note_other_loss.total))]
#[filing(tie(comprehensive_loss.other_income == note_other_income.total))]
#[filing(tie(comprehensive_loss.loss_before_income_taxes == note_loss_before_tax.total))]
#[filing(tie(comprehensive_loss.income_tax == -note_income_tax.total))]
#[filing(tie(balance_sheet.accounts_receivable == note_accounts_receivable.net))]
#[filing(tie(balance_sheet.accounts_receivable == note_receivables_ageing.total))]
#[filing(tie(balance_sheet.accounts_payable == note_payables_ageing.total))]
#[filing(tie(comprehensive_loss.net_loss_attributable == note_loss_per_share.net_loss_attributable))]
#[filing(tie(comprehensive_loss.weighted_shares == note_loss_per_share.weighted_shares))]
#[filing(tie(comprehensive_loss.loss_per_share == note_loss_per_share.loss_per_share))]
// Margins over total revenues; loss per share over weighted shares.
#[filing(ratio(margins.gross_margin == comprehensive_loss.gross_profit / comprehensive_loss.total_revenues))]
#[filing(ratio(
    margins.adjusted_gross_margin
        == adjusted_gross_profit.adjusted_gross_profit / comprehensive_loss.total_revenues
))]
#[filing(ratio(margins.net_loss_margin == comprehensive_loss.net_loss / comprehensive_loss.total_revenues))]
#[filing(ratio(
    margins.adjusted_net_loss_margin == adjusted_ebitda.adjusted_net_loss / comprehensive_loss.total_revenues
))]
#[filing(ratio(
    margins.adjusted_ebitda_margin == adjusted_ebitda.adjusted_ebitda / comprehensive_loss.total_revenues
))]
#[filing(ratio(
    margins.normalized_adjusted_ebitda_margin
        == adjusted_ebitda.normalized_adjusted_ebitda / comprehensive_loss.total_revenues
))]
#[filing(ratio(
    margins.adjusted_operating_loss_margin
        == adjusted_operating_loss.adjusted_operating_loss / comprehensive_loss.total_revenues
))]
#[filing(ratio(
    margins.normalized_adjusted_operating_loss_margin
        == adjusted_operating_loss.normalized_adjusted_operating_loss / comprehensive_loss.total_revenues
))]
#[filing(ratio(
    comprehensive_loss.loss_per_share
        == comprehensive_loss.net_loss_attributable / comprehensive_loss.weighted_shares
))]
#[filing(ratio(
    note_loss_per_share.loss_per_share
        == note_loss_per_share.net_loss_attributable / note_loss_per_share.weighted_shares
))]
// Opening and closing cash of the cash-flow summary = cash and cash equivalents + restricted cash
// on the balance sheets at the period's start and end.
#[filing(balance(
    cash_flows.beginning .. cash_flows.ending == balance_sheet.cash + balance_sheet.restricted_cash
))]
#[filing(period_sum(6 == 3 + 3))]
#[filing(translate(Rmb => Usd))]
#[filing(share_of_total(employees.total))]
pub struct KingsoftCloud {
    pub balance_sheet: BalanceSheet<R>,
    pub comprehensive_loss: ComprehensiveLoss<R>,
    pub cash_flows: CashFlows<R>,
    #[filing(variant_of = cash_flows)]
    pub cash_flows_exchange_separate: CashFlowsExchangeSeparate<R>,
    pub adjusted_gross_profit: AdjustedGrossProfit<R>,
    pub adjusted_ebitda: AdjustedEbitda<R>,
    pub adjusted_operating_loss: AdjustedOperatingLoss<R>,
    pub margins: Margins,
    pub highlights: FinancialHighlights<R>,
    pub note_revenues: RevenuesByTiming<R>,
    pub note_other_loss: OtherLoss<R>,
    pub note_other_income: OtherIncome<R>,
    pub note_accounts_receivable: AccountsReceivable<R>,
    pub note_receivables_ageing: ReceivablesAgeing<R>,
    pub note_loss_before_tax: LossBeforeTaxByRegion<R>,
    pub note_income_tax: IncomeTaxComponents<R>,
    pub note_payables_ageing: PayablesAgeing<R>,
    pub note_loss_per_share: LossPerShareNote<R>,
    pub employees: EmployeesByFunction,
}

/// Every Kingsoft layout the binder may recognise, with its key.
pub const LAYOUTS: &[Layout] = KingsoftCloud::LAYOUTS;

/// The layouts and relations, without rates: built once per process and shared (cloning them
/// copies two pointers), since they depend on no filing.
fn base_rules() -> FilingRules {
    static BASE: std::sync::OnceLock<FilingRules> = std::sync::OnceLock::new();
    BASE.get_or_init(|| FilingRules::new(LAYOUTS, KingsoftCloud::relations()))
        .clone()
}

fn with_usd_rate(rate: Decimal) -> FilingRules {
    FilingRules {
        rates: vec![StatedRate {
            from: Rmb::CODE.into(),
            to: Usd::CODE.into(),
            rate,
        }],
        ..base_rules()
    }
}

/// The relations of the Q2 2025 press release: US$ at RMB 7.1636 (the noon buying rate of June
/// 30, 2025), six months = first + second quarter.
pub fn rules_2025() -> FilingRules {
    with_usd_rate(Decimal::new(71636, 4))
}

/// The relations of the H1 2023 announcement: US$ at RMB 7.2513 (June 30, 2023).
pub fn rules_2023() -> FilingRules {
    with_usd_rate(Decimal::new(72513, 4))
}

/// The rules for a filing, with the US$ rate it states in its text ("RMB7.1636 to US$1.00",
/// "RMB7.2513 per US$1.00"); without a stated rate, US$ columns are not translated.
pub fn rules_for(filing: &crate::read::Filing) -> FilingRules {
    base_rules().with_rates_of(filing)
}

/// The RMB-per-US$ rate a sentence states, as in "at RMB7.1636 to US$1.00".
///
/// ```
/// use statement_core::kingsoft::stated_rate;
/// assert_eq!(stated_rate("translated at the noon buying rate of RMB7.2513 per US\\$1.00").unwrap().to_string(), "7.2513");
/// assert_eq!(stated_rate("no rate here"), None);
/// assert_eq!(stated_rate("at RMB0.0000001 to US$1.00"), None);
/// ```
pub fn stated_rate(text: &str) -> Option<Decimal> {
    crate::relations::stated_rate(text, Rmb::CODE, Usd::CODE).map(|r| r.rate)
}

/// The Kingsoft Cloud layout set: its layouts, relations and bundled filings.
#[derive(Clone, Copy, Debug)]
pub struct Kingsoft;

impl crate::pipeline::LayoutSet for Kingsoft {
    const NAME: &'static str = "Kingsoft Cloud";

    fn rules(filing: &crate::read::Filing) -> FilingRules {
        rules_for(filing)
    }

    fn bundled() -> Vec<(String, Vec<u8>)> {
        BUNDLED
            .iter()
            .map(|b| (b.name.to_string(), b.text.as_bytes().to_vec()))
            .collect()
    }
}

/// Reads, binds and checks one filing with the Kingsoft layouts.
pub fn check_text(source: &str, bytes: &[u8]) -> Result<crate::check::FilingReport, crate::read::ReadError> {
    crate::pipeline::check::<Kingsoft>(source, bytes)
}

/// Reads, binds, checks and explains one filing with the Kingsoft layouts.
pub fn check_and_explain(
    source: &str,
    bytes: &[u8],
) -> Result<(crate::check::FilingReport, Vec<crate::explain::Explanation>), crate::read::ReadError> {
    crate::pipeline::check_and_explain::<Kingsoft>(source, bytes)
}
