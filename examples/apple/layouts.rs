//! Apple's primary statements as its Forms 10-Q and 10-K print them, declared with the public
//! derive exactly as a user's crate would, and the relations between them.
//!
//! Written on the quarterly report for the quarter ended June 29, 2024; the annual report for
//! the year ended September 28, 2024 words a few lines differently (aliases). Money is in
//! millions of US$, share counts in thousands.

// Each field is documented by its `#[line(label = "...")]`: the label as printed.
#![allow(missing_docs)]

use statement_core::check::FilingRules;
use statement_core::read;
use statement_core::{
    Currency, Duration, Filing, Instant, LayoutSet, Money, PerShare, Shares, Statement, Usd,
};

/// Condensed consolidated statements of operations (expenses printed positive).
#[derive(Statement)]
#[statement(title = "CONSOLIDATED STATEMENTS OF OPERATIONS")]
pub struct Operations<C: Currency> {
    #[line(label = "Products", section = "Net sales")]
    pub products_net_sales: Money<C, Duration>,
    #[line(label = "Services", section = "Net sales")]
    pub services_net_sales: Money<C, Duration>,
    #[line(label = "Total net sales", total = products_net_sales + services_net_sales)]
    pub total_net_sales: Money<C, Duration>,
    #[line(label = "Products", section = "Cost of sales")]
    pub products_cost_of_sales: Money<C, Duration>,
    #[line(label = "Services", section = "Cost of sales")]
    pub services_cost_of_sales: Money<C, Duration>,
    #[line(
        label = "Total cost of sales",
        total = products_cost_of_sales + services_cost_of_sales
    )]
    pub total_cost_of_sales: Money<C, Duration>,
    #[line(label = "Gross margin", total = total_net_sales - total_cost_of_sales)]
    pub gross_margin: Money<C, Duration>,
    #[line(label = "Research and development")]
    pub research_and_development: Money<C, Duration>,
    #[line(label = "Selling, general and administrative")]
    pub selling_general_and_administrative: Money<C, Duration>,
    #[line(
        label = "Total operating expenses",
        total = research_and_development + selling_general_and_administrative
    )]
    pub total_operating_expenses: Money<C, Duration>,
    #[line(label = "Operating income", total = gross_margin - total_operating_expenses)]
    pub operating_income: Money<C, Duration>,
    #[line(label = "Other income/(expense), net")]
    pub other_income: Money<C, Duration>,
    #[line(
        label = "Income before provision for income taxes",
        total = operating_income + other_income
    )]
    pub income_before_taxes: Money<C, Duration>,
    #[line(label = "Provision for income taxes")]
    pub provision_for_income_taxes: Money<C, Duration>,
    #[line(
        label = "Net income",
        total = income_before_taxes - provision_for_income_taxes
    )]
    pub net_income: Money<C, Duration>,
    #[line(label = "Basic", section = "Earnings per share")]
    pub basic_earnings_per_share: PerShare<C>,
    #[line(label = "Diluted", section = "Earnings per share")]
    pub diluted_earnings_per_share: PerShare<C>,
    #[line(label = "Basic", section = "Shares used in computing earnings per share")]
    pub basic_shares: Shares,
    #[line(label = "Diluted", section = "Shares used in computing earnings per share")]
    pub diluted_shares: Shares,
}

/// Condensed consolidated statements of comprehensive income.
#[derive(Statement)]
#[statement(title = "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME")]
pub struct ComprehensiveIncome<C: Currency> {
    #[line(label = "Net income")]
    pub net_income: Money<C, Duration>,
    #[line(label = "Change in foreign currency translation, net of tax")]
    pub foreign_currency_translation: Money<C, Duration>,
    #[line(label = "Change in fair value of derivative instruments")]
    pub derivatives_fair_value: Money<C, Duration>,
    #[line(
        label = "Adjustment for net (gains)/losses realized and included in net income",
        section = "Change in unrealized gains/losses on derivative instruments, net of tax"
    )]
    pub derivatives_realized: Money<C, Duration>,
    #[line(
        label = "Total change in unrealized gains/losses on derivative instruments",
        total = derivatives_fair_value + derivatives_realized
    )]
    pub derivatives: Money<C, Duration>,
    #[line(label = "Change in fair value of marketable debt securities")]
    pub securities_fair_value: Money<C, Duration>,
    #[line(
        label = "Adjustment for net (gains)/losses realized and included in net income",
        section = "Change in unrealized gains/losses on marketable debt securities, net of tax"
    )]
    pub securities_realized: Money<C, Duration>,
    #[line(
        label = "Total change in unrealized gains/losses on marketable debt securities",
        total = securities_fair_value + securities_realized
    )]
    pub securities: Money<C, Duration>,
    #[line(
        label = "Total other comprehensive income/(loss)",
        total = foreign_currency_translation + derivatives + securities
    )]
    pub other_comprehensive_income: Money<C, Duration>,
    #[line(
        label = "Total comprehensive income",
        total = net_income + other_comprehensive_income
    )]
    pub comprehensive_income: Money<C, Duration>,
}

/// Condensed consolidated balance sheets.
#[derive(Statement)]
#[statement(title = "CONSOLIDATED BALANCE SHEETS")]
#[statement(rule(balance: total_assets == total_liabilities_and_equity))]
pub struct BalanceSheet<C: Currency> {
    #[line(label = "Cash and cash equivalents")]
    pub cash: Money<C, Instant>,
    #[line(label = "Marketable securities", section = "Current assets")]
    pub current_marketable_securities: Money<C, Instant>,
    #[line(label = "Accounts receivable, net")]
    pub accounts_receivable: Money<C, Instant>,
    #[line(label = "Vendor non-trade receivables")]
    pub vendor_non_trade_receivables: Money<C, Instant>,
    #[line(label = "Inventories")]
    pub inventories: Money<C, Instant>,
    #[line(label = "Other current assets")]
    pub other_current_assets: Money<C, Instant>,
    #[line(
        label = "Total current assets",
        total = cash + current_marketable_securities + accounts_receivable
            + vendor_non_trade_receivables + inventories + other_current_assets
    )]
    pub total_current_assets: Money<C, Instant>,
    #[line(label = "Marketable securities", section = "Non-current assets")]
    pub non_current_marketable_securities: Money<C, Instant>,
    #[line(label = "Property, plant and equipment, net")]
    pub property_plant_and_equipment: Money<C, Instant>,
    #[line(label = "Other non-current assets")]
    pub other_non_current_assets: Money<C, Instant>,
    #[line(
        label = "Total non-current assets",
        total = non_current_marketable_securities + property_plant_and_equipment
            + other_non_current_assets
    )]
    pub total_non_current_assets: Money<C, Instant>,
    #[line(label = "Total assets", total = total_current_assets + total_non_current_assets)]
    pub total_assets: Money<C, Instant>,
    #[line(label = "Accounts payable")]
    pub accounts_payable: Money<C, Instant>,
    #[line(label = "Other current liabilities")]
    pub other_current_liabilities: Money<C, Instant>,
    #[line(label = "Deferred revenue")]
    pub deferred_revenue: Money<C, Instant>,
    #[line(label = "Commercial paper")]
    pub commercial_paper: Money<C, Instant>,
    #[line(label = "Term debt", section = "Current liabilities")]
    pub current_term_debt: Money<C, Instant>,
    #[line(
        label = "Total current liabilities",
        total = accounts_payable + other_current_liabilities + deferred_revenue + commercial_paper
            + current_term_debt
    )]
    pub total_current_liabilities: Money<C, Instant>,
    #[line(label = "Term debt", section = "Non-current liabilities")]
    pub non_current_term_debt: Money<C, Instant>,
    #[line(label = "Other non-current liabilities")]
    pub other_non_current_liabilities: Money<C, Instant>,
    #[line(
        label = "Total non-current liabilities",
        total = non_current_term_debt + other_non_current_liabilities
    )]
    pub total_non_current_liabilities: Money<C, Instant>,
    #[line(
        label = "Total liabilities",
        total = total_current_liabilities + total_non_current_liabilities
    )]
    pub total_liabilities: Money<C, Instant>,
    /// The label states the share counts of each filing: one wording per filing.
    #[line(
        label = "Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized; 15,222,259 and 15,550,061 shares issued and outstanding, respectively",
        alias = "Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized; 15,116,786 and 15,550,061 shares issued and outstanding, respectively"
    )]
    pub common_stock_and_paid_in_capital: Money<C, Instant>,
    #[line(
        label = "Accumulated deficit",
        alias = "Retained earnings/(Accumulated deficit)"
    )]
    pub accumulated_deficit: Money<C, Instant>,
    #[line(
        label = "Accumulated other comprehensive loss",
        alias = "Accumulated other comprehensive income/(loss)"
    )]
    pub accumulated_other_comprehensive_loss: Money<C, Instant>,
    #[line(
        label = "Total shareholders’ equity",
        total = common_stock_and_paid_in_capital + accumulated_deficit
            + accumulated_other_comprehensive_loss
    )]
    pub total_shareholders_equity: Money<C, Instant>,
    #[line(
        label = "Total liabilities and shareholders’ equity",
        total = total_liabilities + total_shareholders_equity
    )]
    pub total_liabilities_and_equity: Money<C, Instant>,
}

/// Condensed consolidated statements of cash flows (indirect method; outflows printed negative).
#[derive(Statement)]
#[statement(title = "CONSOLIDATED STATEMENTS OF CASH FLOWS")]
pub struct CashFlows<C: Currency> {
    /// A balance, printed in the flow statement: typed as a flow so the roll-forward adds up.
    #[line(
        label = "Cash, cash equivalents and restricted cash, beginning balances",
        alias = "Cash, cash equivalents, and restricted cash and cash equivalents, beginning balances"
    )]
    pub beginning: Money<C, Duration>,
    #[line(label = "Net income")]
    pub net_income: Money<C, Duration>,
    #[line(label = "Depreciation and amortization")]
    pub depreciation_and_amortization: Money<C, Duration>,
    #[line(label = "Share-based compensation expense")]
    pub share_based_compensation: Money<C, Duration>,
    #[line(
        label = "Other",
        section = "Adjustments to reconcile net income to cash generated by operating activities"
    )]
    pub other_adjustments: Money<C, Duration>,
    #[line(label = "Accounts receivable, net")]
    pub accounts_receivable: Money<C, Duration>,
    #[line(label = "Vendor non-trade receivables")]
    pub vendor_non_trade_receivables: Money<C, Duration>,
    #[line(label = "Inventories")]
    pub inventories: Money<C, Duration>,
    #[line(label = "Other current and non-current assets")]
    pub other_assets: Money<C, Duration>,
    #[line(label = "Accounts payable")]
    pub accounts_payable: Money<C, Duration>,
    #[line(label = "Other current and non-current liabilities")]
    pub other_liabilities: Money<C, Duration>,
    #[line(
        label = "Cash generated by operating activities",
        total = net_income + depreciation_and_amortization + share_based_compensation
            + other_adjustments + accounts_receivable + vendor_non_trade_receivables + inventories
            + other_assets + accounts_payable + other_liabilities
    )]
    pub operating: Money<C, Duration>,
    #[line(label = "Purchases of marketable securities")]
    pub purchases_of_securities: Money<C, Duration>,
    #[line(label = "Proceeds from maturities of marketable securities")]
    pub maturities_of_securities: Money<C, Duration>,
    #[line(label = "Proceeds from sales of marketable securities")]
    pub sales_of_securities: Money<C, Duration>,
    #[line(label = "Payments for acquisition of property, plant and equipment")]
    pub capital_expenditure: Money<C, Duration>,
    #[line(label = "Other", section = "Investing activities")]
    pub other_investing: Money<C, Duration>,
    #[line(
        label = "Cash generated by investing activities",
        alias = "Cash generated by/(used in) investing activities",
        total = purchases_of_securities + maturities_of_securities + sales_of_securities
            + capital_expenditure + other_investing
    )]
    pub investing: Money<C, Duration>,
    #[line(label = "Payments for taxes related to net share settlement of equity awards")]
    pub taxes_on_net_share_settlement: Money<C, Duration>,
    #[line(label = "Payments for dividends and dividend equivalents")]
    pub dividends: Money<C, Duration>,
    #[line(label = "Repurchases of common stock")]
    pub repurchases: Money<C, Duration>,
    #[line(label = "Proceeds from issuance of term debt, net")]
    pub term_debt_issued: Money<C, Duration>,
    #[line(label = "Repayments of term debt")]
    pub term_debt_repaid: Money<C, Duration>,
    #[line(
        label = "Repayments of commercial paper, net",
        alias = "Proceeds from/(Repayments of) commercial paper, net"
    )]
    pub commercial_paper: Money<C, Duration>,
    #[line(label = "Other", section = "Financing activities")]
    pub other_financing: Money<C, Duration>,
    #[line(
        label = "Cash used in financing activities",
        total = taxes_on_net_share_settlement + dividends + repurchases + term_debt_issued
            + term_debt_repaid + commercial_paper + other_financing
    )]
    pub financing: Money<C, Duration>,
    #[line(
        label = "Increase/(Decrease) in cash, cash equivalents and restricted cash",
        alias = "Increase/(Decrease) in cash, cash equivalents, and restricted cash and cash equivalents",
        total = operating + investing + financing
    )]
    pub increase: Money<C, Duration>,
    #[line(
        label = "Cash, cash equivalents and restricted cash, ending balances",
        alias = "Cash, cash equivalents, and restricted cash and cash equivalents, ending balances",
        total = beginning + increase
    )]
    pub ending: Money<C, Duration>,
    #[line(label = "Cash paid for income taxes, net")]
    pub income_taxes_paid: Money<C, Duration>,
}

type D = Usd;

/// Apple's filing: the statements it prints, and the relations between them (net income printed
/// in the statements of operations, comprehensive income and cash flows; earnings per share).
#[derive(Filing)]
#[filing(tie(operations.net_income == comprehensive_income.net_income))]
#[filing(tie(operations.net_income == cash_flows.net_income))]
#[filing(ratio(operations.basic_earnings_per_share == operations.net_income / operations.basic_shares))]
#[filing(ratio(operations.diluted_earnings_per_share == operations.net_income / operations.diluted_shares))]
pub struct AppleFiling {
    pub operations: Operations<D>,
    pub comprehensive_income: ComprehensiveIncome<D>,
    pub balance_sheet: BalanceSheet<D>,
    pub cash_flows: CashFlows<D>,
}

/// The Apple layout set.
#[derive(Clone, Copy, Debug)]
pub struct Apple;

impl LayoutSet for Apple {
    const NAME: &'static str = "Apple";

    fn rules(filing: &read::Filing) -> FilingRules {
        AppleFiling::rules(filing)
    }
}
