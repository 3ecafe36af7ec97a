//! A filing declared from outside statement-core, as a user's crate would: two small filings of
//! two statements each, with ties, a ratio, a roll-forward and the balances it rolls between,
//! checked on the real figures of the Kingsoft Cloud Q2 2025 press release
//! (`filings/kingsoft-cloud-2025-q2-press-release.txt`, RMB and US$ thousands).

use statement_core::check::{FilingCheck, FilingReport, Verdict, check_filing};
use statement_core::{
    Currency, Duration, Filing, Instant, Money, PerShare, Rmb, Shares, Statement, Usd, kingsoft, read,
};

/// A few lines of the statement of comprehensive loss.
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS")]
pub struct Income<C: Currency> {
    #[line(label = "Income tax (expense) benefit")]
    pub income_tax: Money<C, Duration>,
    #[line(label = "Net loss")]
    pub net_loss: Money<C, Duration>,
    #[line(label = "Net loss attributable to Kingsoft Cloud Holdings Limited")]
    pub net_loss_attributable: Money<C, Duration>,
    #[line(label = "Basic and diluted", section = "Net loss per share")]
    pub loss_per_share: PerShare<C>,
    #[line(
        label = "Basic and diluted",
        section = "Shares used in the net loss per share computation"
    )]
    pub weighted_shares: Shares,
}

/// The start of the reconciliation of net loss to adjusted EBITDA (it prints tax as expense).
#[derive(Statement)]
#[statement(title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS")]
pub struct Ebitda<C: Currency> {
    #[line(label = "Net Loss", alias = "Net Loss Adjustments")]
    pub net_loss: Money<C, Duration>,
    #[line(label = "Income tax expense (benefit)")]
    pub income_tax: Money<C, Duration>,
}

/// The results: the same net loss in both statements, the tax with opposite signs, and the loss
/// per share over the weighted shares. (No translation here: a US$ net loss is the sum of
/// translated lines and carries their rounding, which only a layout declaring them can allow.)
#[derive(Filing)]
#[filing(tie(income.net_loss == ebitda.net_loss))]
#[filing(tie(income.income_tax == -ebitda.income_tax))]
#[filing(ratio(income.loss_per_share == income.net_loss_attributable / income.weighted_shares))]
pub struct Results {
    pub income: Income<Rmb>,
    pub ebitda: Ebitda<Rmb>,
}

/// The cash-flow summary: closing cash rolls forward from opening cash by the period's flows.
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS")]
pub struct CashSummary<C: Currency> {
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
    pub opening: Money<C, Instant>,
    #[line(
        label = "Cash, cash equivalents and restricted cash at end of period",
        roll_forward = opening + net_change
    )]
    pub closing: Money<C, Instant>,
}

/// The balance sheet's cash lines.
#[derive(Statement)]
#[statement(title = "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS")]
pub struct Sheet<C: Currency> {
    #[line(label = "Cash and cash equivalents")]
    pub cash: Money<C, Instant>,
    #[line(label = "Restricted cash")]
    pub restricted_cash: Money<C, Instant>,
}

/// Cash: the summary's balances are the balance sheet's cash lines at the period's start and end.
#[derive(Filing)]
#[filing(balance(
    cash_flows.opening .. cash_flows.closing == balance_sheet.cash + balance_sheet.restricted_cash
))]
#[filing(translate(Rmb => Usd))]
pub struct Cash {
    pub cash_flows: CashSummary<Rmb>,
    pub balance_sheet: Sheet<Rmb>,
}

fn report<F: Filing>(text: &str) -> FilingReport {
    let filing = read::read("q2-2025.txt", text.as_bytes()).unwrap();
    check_filing(&filing, &F::rules(&filing))
}

fn find<'a>(r: &'a FilingReport, id: &str, column: &str) -> &'a FilingCheck {
    r.checks
        .iter()
        .find(|c| c.id == id && c.column == column)
        .unwrap_or_else(|| {
            let ids: Vec<_> = r
                .checks
                .iter()
                .map(|c| format!("{} @ {}", c.id, c.column))
                .collect();
            panic!("no {id} @ {column} among {ids:#?}")
        })
}

/// The printed figures a check relates, in its order.
fn figures(r: &FilingReport, c: &FilingCheck) -> Vec<String> {
    c.relation
        .cells()
        .iter()
        .map(|&i| r.cells[i].cell.value.to_string())
        .collect()
}

const Q2: &str = "3M to Jun 30, 2025 RMB";

#[test]
fn the_declared_relations_are_the_derives() {
    let r = Results::relations();
    let ties: Vec<String> = r
        .ties()
        .iter()
        .map(|t| format!("{} {:?} {}", t.a, t.sign, t.b))
        .collect();
    assert_eq!(
        ties,
        [
            "income.net_loss Same ebitda.net_loss",
            "income.income_tax Opposite ebitda.income_tax"
        ]
    );
    assert_eq!(r.ratios()[0].result.to_string(), "income.loss_per_share");
    assert_eq!(
        Results::LAYOUTS.iter().map(|l| l.key).collect::<Vec<_>>(),
        ["income", "ebitda"]
    );
    let cash = Cash::relations();
    let b = &cash.balances()[0];
    assert_eq!(
        (
            b.flow.as_str(),
            b.opening.as_str(),
            b.closing.as_str(),
            b.balance.as_str()
        ),
        ("cash_flows", "opening", "closing", "balance_sheet")
    );
}

#[test]
fn ties_and_the_loss_per_share_hold_on_the_press_release() {
    let r = report::<Results>(kingsoft::Q2_2025.text);
    let net_loss = find(&r, "tie:income.net_loss=ebitda.net_loss", Q2);
    assert_eq!(net_loss.verdict, Verdict::Exact);
    assert_eq!(figures(&r, net_loss), ["-456863", "-456863"]);
    let tax = find(&r, "tie:income.income_tax=ebitda.income_tax", Q2);
    assert_eq!(tax.verdict, Verdict::Exact);
    assert_eq!(figures(&r, tax), ["2343", "-2343"]);
    // (457,465) thousand / 4,009,119,198 shares = RMB (0.114), printed (0.11).
    let eps = find(&r, "ratio:income.loss_per_share", Q2);
    assert!(eps.verdict.holds(), "{:?}", eps.verdict);
    assert_eq!(figures(&r, eps), ["-0.11", "-457465", "4009119198"]);
    let failed: Vec<String> = r
        .failures()
        .map(|c| format!("{} @ {} {:?}", c.id, c.column, figures(&r, c)))
        .collect();
    assert_eq!(failed, Vec::<String>::new());
}

#[test]
fn closing_cash_rolls_forward_and_is_the_balance_sheets_cash() {
    let r = report::<Cash>(kingsoft::Q2_2025.text);
    let roll = find(&r, "footing:cash_flows.closing", Q2);
    assert_eq!(roll.verdict, Verdict::Exact);
    assert_eq!(figures(&r, roll), ["5517128", "2386344", "3130784"]);
    let tie = find(
        &r,
        "tie:cash_flows.closing=balance_sheet.cash+restricted_cash",
        Q2,
    );
    assert_eq!(tie.verdict, Verdict::Exact);
    assert_eq!(figures(&r, tie), ["5517128", "5464077", "53051"]);
    // The US$ column is the RMB column at the rate the release states (RMB7.1636 to US$1.00).
    let usd = find(&r, "currency:cash_flows.closing", "3M to Jun 30, 2025 US$");
    assert!(usd.verdict.holds(), "{:?}", usd.verdict);
    assert_eq!(figures(&r, usd), ["770162", "5517128"]);
    assert_eq!(r.failures().count(), 0);
}

#[test]
fn a_wrong_closing_balance_fails_both_relations() {
    // The closing cash of the quarter misprinted: 5,517,182 for 5,517,128.
    let text = kingsoft::Q2_2025.text.replacen("5,517,128", "5,517,182", 1);
    let r = report::<Cash>(&text);
    let tie = find(
        &r,
        "tie:cash_flows.closing=balance_sheet.cash+restricted_cash",
        Q2,
    );
    let Verdict::Failed {
        expected, reported, ..
    } = tie.verdict
    else {
        panic!("{:?}", tie.verdict)
    };
    assert_eq!(
        (expected.to_string(), reported.to_string()),
        ("5517128".into(), "5517182".into())
    );
    assert!(find(&r, "footing:cash_flows.closing", Q2).verdict.failed());
}
