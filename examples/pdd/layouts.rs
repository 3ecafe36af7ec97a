//! PDD Holdings' statements as its earnings releases print them, declared with the public derive
//! exactly as a user's crate would, and the relations between them.
//!
//! Figures are in millions of RMB with a US$ convenience column translated at the rate the
//! release states ("at RMB6.8980 to US$1.00"); share counts are in millions; one ADS is four
//! ordinary shares.

// Each field is documented by its `#[line(label = "...")]`: the label as printed.
#![allow(missing_docs)]

use statement_core::check::FilingRules;
use statement_core::read;
use statement_core::{
    Currency, Duration, Filing, Instant, LayoutSet, Money, PerShare, Rmb, Shares, Statement, Usd,
};

/// Condensed consolidated balance sheets (printed over two pages: assets, then liabilities and
/// equity, bound together).
#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED BALANCE SHEETS")]
#[statement(rule(balance: total_assets == total_liabilities_and_equity))]
pub struct BalanceSheet<C: Currency> {
    #[line(label = "Cash and cash equivalents")]
    pub cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    pub restricted_cash: Money<C, Instant>,
    #[line(label = "Receivables from online payment platforms")]
    pub receivables_from_payment_platforms: Money<C, Instant>,
    #[line(label = "Short-term investments")]
    pub short_term_investments: Money<C, Instant>,
    #[line(label = "Amounts due from related parties")]
    pub due_from_related_parties: Money<C, Instant>,
    #[line(label = "Prepayments and other current assets")]
    pub prepayments: Money<C, Instant>,
    #[line(
        label = "Total current assets",
        total = cash + restricted_cash + receivables_from_payment_platforms + short_term_investments
            + due_from_related_parties + prepayments
    )]
    pub total_current_assets: Money<C, Instant>,
    #[line(label = "Property, equipment and software, net")]
    pub property_and_equipment: Money<C, Instant>,
    #[line(label = "Intangible assets")]
    pub intangible_assets: Money<C, Instant>,
    #[line(label = "Right-of-use assets")]
    pub right_of_use_assets: Money<C, Instant>,
    #[line(label = "Deferred tax assets")]
    pub deferred_tax_assets: Money<C, Instant>,
    #[line(label = "Other non-current assets")]
    pub other_non_current_assets: Money<C, Instant>,
    #[line(
        label = "Total non-current assets",
        total = property_and_equipment + intangible_assets + right_of_use_assets + deferred_tax_assets
            + other_non_current_assets
    )]
    pub total_non_current_assets: Money<C, Instant>,
    #[line(label = "Total Assets", total = total_current_assets + total_non_current_assets)]
    pub total_assets: Money<C, Instant>,
    #[line(label = "Amounts due to related parties")]
    pub due_to_related_parties: Money<C, Instant>,
    #[line(label = "Customer advances and deferred revenues")]
    pub customer_advances: Money<C, Instant>,
    #[line(label = "Payable to merchants")]
    pub payable_to_merchants: Money<C, Instant>,
    #[line(label = "Accrued expenses and other liabilities")]
    pub accrued_expenses: Money<C, Instant>,
    #[line(label = "Merchant deposits")]
    pub merchant_deposits: Money<C, Instant>,
    #[line(label = "Lease liabilities", section = "Current liabilities")]
    pub current_lease_liabilities: Money<C, Instant>,
    #[line(
        label = "Total current liabilities",
        total = due_to_related_parties + customer_advances + payable_to_merchants + accrued_expenses
            + merchant_deposits + current_lease_liabilities
    )]
    pub total_current_liabilities: Money<C, Instant>,
    #[line(label = "Lease liabilities", section = "Non-current liabilities")]
    pub non_current_lease_liabilities: Money<C, Instant>,
    #[line(label = "Deferred tax liabilities")]
    pub deferred_tax_liabilities: Money<C, Instant>,
    #[line(
        label = "Total non-current liabilities",
        total = non_current_lease_liabilities + deferred_tax_liabilities
    )]
    pub total_non_current_liabilities: Money<C, Instant>,
    #[line(
        label = "Total Liabilities",
        total = total_current_liabilities + total_non_current_liabilities
    )]
    pub total_liabilities: Money<C, Instant>,
    /// Printed "-*": less than a million.
    #[line(label = "Ordinary shares")]
    pub ordinary_shares: Money<C, Instant>,
    #[line(label = "Additional paid-in capital")]
    pub additional_paid_in_capital: Money<C, Instant>,
    #[line(label = "Statutory reserves")]
    pub statutory_reserves: Money<C, Instant>,
    #[line(label = "Accumulated other comprehensive income/(loss)")]
    pub accumulated_other_comprehensive_income: Money<C, Instant>,
    #[line(label = "Retained earnings")]
    pub retained_earnings: Money<C, Instant>,
    #[line(
        label = "Total Shareholders’ Equity",
        total = ordinary_shares + additional_paid_in_capital + statutory_reserves
            + accumulated_other_comprehensive_income + retained_earnings
    )]
    pub total_equity: Money<C, Instant>,
    #[line(
        label = "Total Liabilities and Shareholders’ Equity",
        total = total_liabilities + total_equity
    )]
    pub total_liabilities_and_equity: Money<C, Instant>,
}

/// Condensed consolidated statements of income, revenues to net income (expenses printed
/// negative).
#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED STATEMENTS OF INCOME")]
pub struct Income<C: Currency> {
    #[line(label = "Revenues", prose = "total revenues")]
    pub revenues: Money<C, Duration>,
    #[line(label = "Costs of revenues", prose_magnitude = "total costs of revenues")]
    pub costs_of_revenues: Money<C, Duration>,
    #[line(
        label = "Sales and marketing expenses",
        prose_magnitude = "sales and marketing expenses"
    )]
    pub sales_and_marketing: Money<C, Duration>,
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
        total = sales_and_marketing + general_and_administrative + research_and_development,
        prose_magnitude = "total operating expenses"
    )]
    pub total_operating_expenses: Money<C, Duration>,
    #[line(
        label = "Operating profit",
        total = revenues + costs_of_revenues + total_operating_expenses,
        prose = "operating profit"
    )]
    pub operating_profit: Money<C, Duration>,
    #[line(label = "Interest and investment income/(loss), net")]
    pub interest_and_investment_income: Money<C, Duration>,
    #[line(label = "Foreign exchange loss", alias = "Foreign exchange gain/(loss)")]
    pub foreign_exchange: Money<C, Duration>,
    #[line(label = "Other income/(loss), net")]
    pub other_income: Money<C, Duration>,
    #[line(
        label = "Profit before income tax and share of results of equity investees",
        total = operating_profit + interest_and_investment_income + foreign_exchange + other_income
    )]
    pub profit_before_tax: Money<C, Duration>,
    #[line(label = "Share of results of equity investees")]
    pub share_of_equity_investees: Money<C, Duration>,
    #[line(label = "Income tax expenses")]
    pub income_tax: Money<C, Duration>,
    #[line(
        label = "Net income",
        total = profit_before_tax + share_of_equity_investees + income_tax
    )]
    pub net_income: Money<C, Duration>,
}

/// The income statement's second page: net income to earnings per ordinary share and per ADS
/// (four ordinary shares), with the weighted-average shares (in millions).
#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED STATEMENTS OF INCOME")]
#[statement(rule(ads_basic: ads_basic == 4 * basic))]
#[statement(rule(ads_diluted: ads_diluted == 4 * diluted))]
pub struct EarningsPerShare<C: Currency> {
    #[line(label = "Net income")]
    pub net_income: Money<C, Duration>,
    #[line(
        label = "Net income attributable to ordinary shareholders",
        prose = "net income attributable to ordinary shareholders"
    )]
    pub net_income_attributable: Money<C, Duration>,
    #[line(label = "Basic", section = "Earnings per ordinary share")]
    pub basic: PerShare<C>,
    #[line(label = "Diluted", section = "Earnings per ordinary share")]
    pub diluted: PerShare<C>,
    #[line(
        label = "Basic",
        section = "Earnings per ADS (4 ordinary shares equals 1 ADS)"
    )]
    pub ads_basic: PerShare<C>,
    #[line(
        label = "Diluted",
        section = "Earnings per ADS (4 ordinary shares equals 1 ADS)"
    )]
    pub ads_diluted: PerShare<C>,
    #[line(
        label = "Basic",
        section = "Weighted-average number of ordinary shares outstanding (in millions)"
    )]
    pub shares_basic: Shares,
    #[line(
        label = "Diluted",
        section = "Weighted-average number of ordinary shares outstanding (in millions)"
    )]
    pub shares_diluted: Shares,
}

/// Notes: revenues by type.
#[derive(Statement)]
#[statement(title = "NOTES TO FINANCIAL INFORMATION")]
pub struct Revenues<C: Currency> {
    #[line(
        label = "Online marketing services and others",
        prose = "revenues from online marketing services and others"
    )]
    pub online_marketing: Money<C, Duration>,
    #[line(label = "Transaction services", prose = "revenues from transaction services")]
    pub transaction_services: Money<C, Duration>,
    #[line(label = "Total", total = online_marketing + transaction_services)]
    pub total: Money<C, Duration>,
}

/// Notes: share-based compensation expenses by the line of the income statement they are in.
#[derive(Statement)]
#[statement(title = "NOTES TO FINANCIAL INFORMATION")]
pub struct ShareBasedCompensation<C: Currency> {
    #[line(label = "Costs of revenues")]
    pub costs_of_revenues: Money<C, Duration>,
    #[line(label = "Sales and marketing expenses")]
    pub sales_and_marketing: Money<C, Duration>,
    #[line(label = "General and administrative expenses")]
    pub general_and_administrative: Money<C, Duration>,
    #[line(label = "Research and development expenses")]
    pub research_and_development: Money<C, Duration>,
    #[line(
        label = "Total",
        total = costs_of_revenues + sales_and_marketing + general_and_administrative
            + research_and_development
    )]
    pub total: Money<C, Duration>,
}

/// Condensed consolidated statements of cash flows (the summary the release prints).
#[derive(Statement)]
#[statement(title = "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS")]
pub struct CashFlows<C: Currency> {
    #[line(
        label = "Net cash generated from operating activities",
        prose = "net cash generated from operating activities"
    )]
    pub operating: Money<C, Duration>,
    #[line(label = "Net cash (used in)/generated from investing activities")]
    pub investing: Money<C, Duration>,
    /// Printed "-*": less than a million.
    #[line(label = "Net cash generated from financing activities")]
    pub financing: Money<C, Duration>,
    #[line(label = "Effect of exchange rate changes on cash, cash equivalents and restricted cash")]
    pub exchange_effect: Money<C, Duration>,
    #[line(
        label = "Increase in cash, cash equivalents and restricted cash",
        total = operating + investing + financing + exchange_effect
    )]
    pub increase: Money<C, Duration>,
    /// A balance at the period's start, printed in the flow statement.
    #[line(label = "Cash, cash equivalents and restricted cash at beginning of period")]
    pub beginning: Money<C, Instant>,
    /// The balance at the period's end: the opening balance rolled forward by the period's flow.
    #[line(
        label = "Cash, cash equivalents and restricted cash at end of period",
        roll_forward = beginning + increase
    )]
    pub ending: Money<C, Instant>,
}

/// Reconciliation of non-GAAP measures: operating profit and net income without share-based
/// compensation, and the diluted earnings per share and per ADS that follow. The reconciliation
/// prints "Add: Share-based compensation expenses" twice without headings: the first is bound to
/// the first such line, the second to the next.
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF NON-GAAP MEASURES TO THE MOST DIRECTLY COMPARABLE GAAP MEASURES")]
#[statement(rule(ads: non_gaap_diluted_per_ads == 4 * non_gaap_diluted_per_share))]
pub struct NonGaap<C: Currency> {
    #[line(label = "Operating profit")]
    pub operating_profit: Money<C, Duration>,
    #[line(
        label = "Add: Share-based compensation expenses",
        section = "Operating profit"
    )]
    pub share_based_compensation_operating: Money<C, Duration>,
    #[line(
        label = "Non-GAAP operating profit",
        total = operating_profit + share_based_compensation_operating,
        prose = "non-gaap operating profit"
    )]
    pub non_gaap_operating_profit: Money<C, Duration>,
    #[line(label = "Net income attributable to ordinary shareholders")]
    pub net_income_attributable: Money<C, Duration>,
    #[line(label = "Add: Share-based compensation expenses", section = "Net income")]
    pub share_based_compensation_net_income: Money<C, Duration>,
    #[line(
        label = "Non-GAAP net income attributable to ordinary shareholders",
        total = net_income_attributable + share_based_compensation_net_income,
        prose = "non-gaap net income attributable to ordinary shareholders"
    )]
    pub non_gaap_net_income_attributable: Money<C, Duration>,
    #[line(label = "Non-GAAP diluted weighted-average number of ordinary shares outstanding (in millions)")]
    pub non_gaap_diluted_shares: Shares,
    #[line(label = "Diluted earnings per ordinary share")]
    pub diluted_per_share: PerShare<C>,
    #[line(label = "Add: Non-GAAP adjustments to earnings per ordinary share")]
    pub adjustments_per_share: PerShare<C>,
    #[line(
        label = "Non-GAAP diluted earnings per ordinary share",
        total = diluted_per_share + adjustments_per_share
    )]
    pub non_gaap_diluted_per_share: PerShare<C>,
    #[line(label = "Non-GAAP diluted earnings per ADS")]
    pub non_gaap_diluted_per_ads: PerShare<C>,
}

type R = Rmb;

/// PDD's filing: the statements its release prints and the relations between them.
#[derive(Filing)]
#[filing(tie(income.revenues == note_revenues.total))]
#[filing(tie(income.net_income == earnings_per_share.net_income))]
#[filing(tie(income.operating_profit == non_gaap.operating_profit))]
#[filing(tie(earnings_per_share.net_income_attributable == non_gaap.net_income_attributable))]
#[filing(tie(note_share_based_compensation.total == non_gaap.share_based_compensation_operating))]
#[filing(tie(note_share_based_compensation.total == non_gaap.share_based_compensation_net_income))]
#[filing(tie(earnings_per_share.diluted == non_gaap.diluted_per_share))]
#[filing(tie(earnings_per_share.shares_diluted == non_gaap.non_gaap_diluted_shares))]
#[filing(ratio(
    earnings_per_share.basic == earnings_per_share.net_income_attributable / earnings_per_share.shares_basic
))]
#[filing(ratio(
    earnings_per_share.diluted
        == earnings_per_share.net_income_attributable / earnings_per_share.shares_diluted
))]
#[filing(ratio(
    non_gaap.non_gaap_diluted_per_share
        == non_gaap.non_gaap_net_income_attributable / non_gaap.non_gaap_diluted_shares
))]
// Cash at the end (beginning) of the quarter = the balance sheet's cash and restricted cash.
#[filing(balance(cash_flows.beginning .. cash_flows.ending == balance_sheet.cash + balance_sheet.restricted_cash))]
// The US$ convenience column: RMB at the rate the release states ("RMB6.8980 to US$1.00").
#[filing(translate(Rmb => Usd))]
pub struct PddFiling {
    pub balance_sheet: BalanceSheet<R>,
    pub income: Income<R>,
    pub earnings_per_share: EarningsPerShare<R>,
    pub note_revenues: Revenues<R>,
    pub note_share_based_compensation: ShareBasedCompensation<R>,
    pub cash_flows: CashFlows<R>,
    pub non_gaap: NonGaap<R>,
}

/// The PDD Holdings layout set.
#[derive(Clone, Copy, Debug)]
pub struct Pdd;

impl LayoutSet for Pdd {
    const NAME: &'static str = "PDD Holdings";

    fn rules(filing: &read::Filing) -> FilingRules {
        PddFiling::rules(filing)
    }
}
