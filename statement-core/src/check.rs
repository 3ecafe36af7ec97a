//! Checks over a whole filing: footings and rules of every bound statement, ties across
//! statements, balances, period sums, translations, ratios and the figures the prose restates,
//! each a relation over located cells so that it can be re-evaluated with other values.
//!
//! The verdicts follow XBRL Calculations 1.1 (see [`crate::verdict`]): a relation is
//! [`Verdict::Exact`] when the printed figures add up to the digit, [`Verdict::WithinRounding`]
//! when they differ by no more than the rounding the figures may hide, and [`Verdict::Failed`]
//! otherwise.
//!
//! ```
//! use statement_core::{Amount, check::{footing, Verdict}};
//!
//! // Total current assets at June 30, 2025 in the Q2 2025 press release, RMB thousands.
//! let parts = [5_464_077, 53_051, 2_018_350, 0, 2_263_242, 587_321]
//!     .map(|v| (1, Amount::thousands(v)));
//! assert_eq!(footing(&parts, Amount::thousands(10_386_041)), Verdict::Exact);
//! ```

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, Interval};
pub use crate::schema::{Check, Subject, evaluate};
pub use crate::verdict::{Verdict, compare, footing, ratio, ratio_of_interval, translation, weighted_sum};

// ---------------------------------------------------------------------------------------------
// Checks over a whole filing: footings, rules, ties across statements, periods, currencies and
// ratios, each a relation over located cells so it can be re-evaluated with other values.
// ---------------------------------------------------------------------------------------------

use crate::bind::{self, BoundStatement, CellRef, ColumnKey, Layout, Slot, Unbound};
use crate::read::{Damage, Filing, Period};

pub use crate::relations::{BalanceTie as CashTie, FilingRules, RatioRule, Tie};

/// The family a check belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A subtotal, total or statement rule within one statement.
    Footing,
    /// The same figure in two statements.
    CrossStatement,
    /// Six months = first quarter + second quarter.
    CrossPeriod,
    /// A US$ figure = the RMB figure at the stated rate.
    Currency,
    /// A margin, per-share figure or change = its terms' quotient.
    Ratio,
    /// Damage found by the reader.
    Parse,
}

/// A relation over a filing's cells (indices into [`FilingReport::cells`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Relation {
    /// `Σ coef·value = 0`; the first term is the reported figure, the rest give the expected
    /// value (`-Σ rest / first coefficient`). `slack` is extra tolerance, in units of the
    /// reported figure's relation (the rounding of translated components).
    Linear {
        /// (coefficient, cell) terms.
        terms: Vec<(Decimal, usize)>,
        /// Extra tolerance.
        slack: Decimal,
    },
    /// `result = numerator / denominator · scale`.
    Ratio {
        /// The printed ratio.
        result: usize,
        /// Numerator cells, summed with their coefficients.
        numerator: Vec<(Decimal, usize)>,
        /// Denominator cell.
        denominator: usize,
        /// Scale (100 for percent, 1000 for thousands per share).
        scale: Decimal,
    },
    /// A term is missing or damaged: not evaluated. The readable cells involved are listed.
    Unreadable {
        /// Readable cells of the check.
        cells: Vec<usize>,
    },
}

impl Relation {
    /// Every cell the relation involves.
    pub fn cells(&self) -> Vec<usize> {
        match self {
            Relation::Linear { terms, .. } => terms.iter().map(|t| t.1).collect(),
            Relation::Ratio {
                result,
                numerator,
                denominator,
                ..
            } => {
                let mut v = vec![*result];
                v.extend(numerator.iter().map(|t| t.1));
                v.push(*denominator);
                v
            }
            Relation::Unreadable { cells } => cells.clone(),
        }
    }

    /// Evaluates the relation over the given figures (indexed like [`FilingReport::cells`]).
    pub fn evaluate(&self, values: &[Amount]) -> Verdict {
        // Figures too large for a decimal make the check unreadable, never a panic.
        self.try_evaluate(values).unwrap_or(Verdict::Unreadable)
    }

    fn try_evaluate(&self, values: &[Amount]) -> Option<Verdict> {
        Some(match self {
            Relation::Linear { terms, slack } => {
                let ((c0, r), rest) = terms.split_first()?;
                let reported = values[*r];
                let mut expected = Decimal::ZERO;
                let mut tol = *slack;
                for (c, i) in rest {
                    let a = values[*i];
                    expected = expected.checked_sub(a.value().checked_mul(*c)?)?;
                    tol = tol.checked_add(a.precision().half_width().checked_mul(c.abs())?)?;
                }
                // In units of the reported figure: the other terms' rounding scales by 1/|c0|.
                let expected = expected.checked_div(*c0)?;
                let rounded = expected.round_dp_with_strategy(
                    reported.precision().decimals,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                let tolerance = tol
                    .checked_div(c0.abs())?
                    .checked_add(reported.precision().half_width())?;
                let difference = reported.value().checked_sub(expected)?;
                if rounded == reported.value() && difference.abs() <= tolerance {
                    if difference.is_zero() {
                        Verdict::Exact
                    } else if rest.iter().all(|(c, _)| c.fract().is_zero()) {
                        Verdict::WithinRounding { difference }
                    } else {
                        Verdict::Exact
                    }
                } else if difference.abs() <= tolerance {
                    Verdict::WithinRounding { difference }
                } else {
                    Verdict::Failed {
                        expected: expected.round_dp(4).normalize(),
                        reported: reported.value(),
                        difference: difference.round_dp(4).normalize(),
                        tolerance: tolerance.round_dp(4).normalize(),
                    }
                }
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            } => {
                let mut n = Decimal::ZERO;
                let mut half = Decimal::ZERO;
                for (c, i) in numerator {
                    n = n.checked_add(values[*i].value().checked_mul(*c)?)?;
                    half = half.checked_add(values[*i].precision().half_width().checked_mul(c.abs())?)?;
                }
                // The numerator's interval carries the rounding of each of its terms.
                let interval = Interval {
                    lo: n.checked_sub(half)?,
                    hi: n.checked_add(half)?,
                };
                let v = ratio_of_interval(n, interval, values[*denominator], *scale, values[*result]);
                match v {
                    Verdict::Failed {
                        expected,
                        reported,
                        difference,
                        tolerance,
                    } => Verdict::Failed {
                        expected: expected.round_dp(4).normalize(),
                        reported,
                        difference: difference.round_dp(4).normalize(),
                        tolerance: tolerance.normalize(),
                    },
                    v => v,
                }
            }
            Relation::Unreadable { .. } => Verdict::Unreadable,
        })
    }
}

/// A located figure of the filing that some check involves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilingCell {
    /// Where and what.
    #[serde(flatten)]
    pub cell: CellRef,
    /// The figure.
    #[serde(skip)]
    pub amount: Amount,
}

/// One evaluated check of a filing.
#[derive(Clone, Debug, PartialEq)]
pub struct FilingCheck {
    /// Stable id: `footing:balance_sheet.total_current_assets`, `currency:adjusted_ebitda.impairment`, ...
    pub id: String,
    /// Its family.
    pub kind: CheckKind,
    /// The layout key of the statement it is about.
    pub statement: String,
    /// The column it is about.
    pub column: String,
    /// The group of tables its statement was read from: a statement printed twice (a summary and
    /// the full statement) gives checks with the same id and column in two groups.
    pub group: usize,
    /// What it relates.
    pub relation: Relation,
    /// Its outcome.
    pub verdict: Verdict,
}

/// Everything learnt from one filing.
#[derive(Clone, Debug)]
pub struct FilingReport {
    /// Where the text came from.
    pub source: String,
    /// Tables read.
    pub tables: usize,
    /// Tables recognised as a layout.
    pub tables_bound: usize,
    /// Statements bound (one per column of a recognised table group).
    pub statements: usize,
    /// Every figure a check involves.
    pub cells: Vec<FilingCell>,
    /// Every check.
    pub checks: Vec<FilingCheck>,
    /// Numbers not bound to a line item.
    pub unbound: Vec<Unbound>,
    /// Reader damage.
    pub damage: Vec<Damage>,
    /// For each damage, the title of its table and the label of its row (empty when none).
    pub damage_context: Vec<(String, String)>,
    /// The statements bound, for localisation.
    pub bound: Vec<BoundStatement>,
}

impl FilingCheck {
    /// What identifies the check across runs over one filing (id, column, group).
    pub fn key(&self) -> (String, String, usize) {
        (self.id.clone(), self.column.clone(), self.group)
    }
}

impl FilingReport {
    /// The figures of [`FilingReport::cells`], for re-evaluating relations.
    pub fn values(&self) -> Vec<Amount> {
        self.cells.iter().map(|c| c.amount).collect()
    }

    /// How many checks have each verdict: (exact, within rounding, failed, unreadable).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for k in &self.checks {
            match k.verdict {
                Verdict::Exact => c.0 += 1,
                Verdict::WithinRounding { .. } => c.1 += 1,
                Verdict::Failed { .. } => c.2 += 1,
                Verdict::Unreadable => c.3 += 1,
            }
        }
        c
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &FilingCheck> {
        self.checks.iter().filter(|c| c.verdict.failed())
    }
}

struct Builder<'a> {
    stmts: &'a [BoundStatement],
    layouts: &'a [Layout],
    cells: Vec<FilingCell>,
    /// The figures of `cells`, kept beside them for evaluating relations.
    values: Vec<Amount>,
    index: std::collections::HashMap<(u32, u32), usize>,
    checks: Vec<FilingCheck>,
}

enum Term {
    Cell(usize),
    Skip,
    Damaged,
}

impl Builder<'_> {
    fn line_index(&self, s: &BoundStatement, name: &str) -> Option<usize> {
        self.layouts[s.layout]
            .schema
            .lines
            .iter()
            .position(|l| l.name == name)
    }

    fn term(&mut self, s: usize, line: usize) -> Term {
        let stmts = self.stmts;
        let st = &stmts[s];
        match &st.slots[line] {
            Slot::Value { amount, cell } => Term::Cell(self.intern(cell, *amount)),
            Slot::Absent if self.layouts[st.layout].schema.lines[line].optional => Term::Skip,
            Slot::Absent => Term::Damaged,
            Slot::Damaged { .. } => Term::Damaged,
        }
    }

    /// Adds a linear check `Σ coef·line = 0` over (statement, line, coef) terms, the first being
    /// the reported figure. Returns nothing if the reported figure is absent (no check).
    fn linear(
        &mut self,
        id: String,
        kind: CheckKind,
        at: usize,
        terms: &[(usize, usize, Decimal)],
        slack: Decimal,
    ) {
        let mut out = Vec::new();
        let mut readable = Vec::new();
        let mut damaged = false;
        for (n, &(s, line, coef)) in terms.iter().enumerate() {
            match self.term(s, line) {
                Term::Cell(i) => {
                    out.push((coef, i));
                    readable.push(i);
                }
                Term::Skip if n > 0 => {}
                Term::Skip => return,
                Term::Damaged => damaged = true,
            }
        }
        let relation = if damaged {
            Relation::Unreadable { cells: readable }
        } else {
            Relation::Linear { terms: out, slack }
        };
        self.push(id, kind, at, relation);
    }

    /// The index of a located figure in `cells`, added the first time it is seen.
    fn intern(&mut self, cell: &CellRef, amount: Amount) -> usize {
        let next = self.cells.len();
        let idx = *self.index.entry((cell.line, cell.col)).or_insert(next);
        if idx == next {
            self.cells.push(FilingCell {
                cell: cell.clone(),
                amount,
            });
            self.values.push(amount);
        }
        idx
    }

    fn push(&mut self, id: String, kind: CheckKind, at: usize, relation: Relation) {
        let verdict = relation.evaluate(&self.values);
        let s = &self.stmts[at];
        self.checks.push(FilingCheck {
            id,
            kind,
            statement: s.key.to_string(),
            column: s.column.label(),
            group: s.group,
            relation,
            verdict,
        });
    }

    fn present(&self, s: usize, line: usize) -> bool {
        !matches!(self.stmts[s].slots[line], Slot::Absent)
    }
}

/// Binds a read filing to the rules' layouts and evaluates every check the printed tables
/// support.
pub fn check_filing(filing: &Filing, rules: &FilingRules) -> FilingReport {
    check_filing_with(filing, rules, &[])
}

/// [`check_filing`] with some rows read in another of their alignments.
pub fn check_filing_with(
    filing: &Filing,
    rules: &FilingRules,
    overrides: &[bind::RowReading],
) -> FilingReport {
    let binding = bind::bind_with(filing, rules.layouts, overrides);
    let stmts = &binding.statements;
    let mut b = Builder {
        stmts,
        layouts: rules.layouts,
        cells: Vec::new(),
        values: Vec::new(),
        index: Default::default(),
        checks: Vec::new(),
    };
    for family in [
        footings,
        repeated_statements,
        ties,
        cash,
        periods,
        currency,
        ratios,
        shares_of_total,
        changes,
    ] {
        family(&mut b, rules);
    }
    // Figures the narrative restates from the tables.
    narrative_checks(&mut b, filing);
    let checks = std::mem::take(&mut b.checks);
    let cells = std::mem::take(&mut b.cells);
    FilingReport {
        source: filing.source.clone(),
        tables: filing.tables.len(),
        tables_bound: binding.table_layouts.iter().flatten().count(),
        statements: stmts.len(),
        cells,
        checks,
        unbound: binding.unbound,
        damage: filing.damage.clone(),
        damage_context: filing
            .damage
            .iter()
            .map(|d| {
                let table = d.table.and_then(|t| filing.tables.get(t));
                let title = table.map(|t| t.title.clone()).unwrap_or_default();
                let row = d.row.and_then(|r| table?.rows.get(r)).map(|r| r.label.clone());
                (title, row.unwrap_or_default())
            })
            .collect(),
        bound: binding.statements,
    }
}

/// Footings of every subtotal and total, and the statement rules, within each statement.
fn footings(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (si, s) in stmts.iter().enumerate() {
        // A column of year-on-year changes does not foot; a column of shares of the total does.
        if s.percent_column && !rules.shares(s.key) {
            continue;
        }
        let schema = &rules.layouts[s.layout].schema;
        for (li, line) in schema.lines.iter().enumerate() {
            let Some(formula) = line.formula else { continue };
            if !b.present(si, li) {
                continue;
            }
            let mut terms = vec![(si, li, one)];
            terms.extend(formula.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            b.linear(
                format!("footing:{}.{}", s.key, line.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
        for rule in schema.rules {
            let mut terms: Vec<(usize, usize, Decimal)> = rule
                .left
                .iter()
                .map(|t| (si, t.line, Decimal::from(t.weight)))
                .collect();
            terms.extend(rule.right.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            // Evaluated when its first term is printed: an absent optional term counts for
            // nothing, an absent required one makes the rule unreadable (as for footings).
            if !b.present(si, terms[0].1) {
                continue;
            }
            b.linear(
                format!("rule:{}.{}", s.key, rule.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
    }
}

/// The same statement printed twice (a summary and the full statement): every line ties.
fn repeated_statements(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (i, a) in stmts.iter().enumerate() {
        for (j, c) in stmts.iter().enumerate().skip(i + 1) {
            if a.layout != c.layout
                || a.group == c.group
                || a.column != c.column
                || a.percent_column
                || c.percent_column
            {
                continue;
            }
            for (li, line) in rules.layouts[a.layout].schema.lines.iter().enumerate() {
                if b.present(i, li) && b.present(j, li) {
                    b.linear(
                        format!("tie:{}.{}", a.key, line.name),
                        CheckKind::CrossStatement,
                        j,
                        &[(j, li, one), (i, li, -one)],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}

/// Ties between layouts: the same figure in two statements.
fn ties(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for tie in rules.relations.ties() {
        for (i, a) in stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key == tie.a.statement() && !s.percent_column)
        {
            let Some(la) = b.line_index(a, tie.a.line()) else {
                continue;
            };
            for (j, c) in stmts
                .iter()
                .enumerate()
                .filter(|(_, s)| s.key == tie.b.statement() && !s.percent_column)
            {
                if a.column != c.column {
                    continue;
                }
                let Some(lc) = b.line_index(c, tie.b.line()) else {
                    continue;
                };
                if b.present(i, la) && b.present(j, lc) {
                    let id = format!("tie:{}={}", tie.a, tie.b);
                    b.linear(
                        id,
                        CheckKind::CrossStatement,
                        j,
                        &[(j, lc, one), (i, la, -Decimal::from(tie.sign.factor()))],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}

/// The cash-flow summary's opening and closing cash against the balance sheets.
fn cash(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for ct in rules.relations.balances() {
        for (i, f) in stmts.iter().enumerate().filter(|(_, s)| s.key == ct.flow) {
            let Period::Duration { months, end } = f.column.period else {
                continue;
            };
            let start = end.months_before(months);
            for (line_name, date) in [(ct.closing.as_str(), end), (ct.opening.as_str(), start)] {
                let Some(lf) = b.line_index(f, line_name) else {
                    continue;
                };
                let key = ColumnKey {
                    period: Period::Instant { date },
                    currency: f.column.currency.clone(),
                };
                let Some(j) = stmts.iter().position(|s| s.key == ct.balance && s.column == key) else {
                    continue;
                };
                let mut terms = vec![(i, lf, one)];
                for (w, name) in &ct.lines {
                    if let Some(l) = b.line_index(&stmts[j], name) {
                        terms.push((j, l, -Decimal::from(*w)));
                    }
                }
                if b.present(i, lf) {
                    let id = format!(
                        "tie:{}.{}={}.{}",
                        ct.flow,
                        line_name,
                        ct.balance,
                        ct.lines
                            .iter()
                            .map(|(w, l)| match w {
                                1 => l.clone(),
                                w => format!("{w}*{l}"),
                            })
                            .collect::<Vec<_>>()
                            .join("+")
                    );
                    b.linear(id, CheckKind::CrossStatement, i, &terms, Decimal::ZERO);
                }
            }
        }
    }
}

/// Each declared period sum (six months = first quarter + second quarter), where all its periods
/// are printed.
fn periods(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for sum in rules.relations.period_sums() {
        for (h, hs) in stmts.iter().enumerate() {
            let Period::Duration { months, end } = hs.column.period else {
                continue;
            };
            if months != sum.total {
                continue;
            }
            // The parts, earliest first, end where the next begins; the last ends with the total.
            let mut ends = Vec::with_capacity(sum.parts.len());
            let mut e = end;
            for &m in sum.parts.iter().rev() {
                ends.push((m, e));
                e = e.months_before(m);
            }
            ends.reverse();
            let parts: Option<Vec<usize>> = ends
                .iter()
                .map(|&(m, e)| {
                    stmts.iter().position(|s| {
                        s.group == hs.group
                            && s.column.currency == hs.column.currency
                            && s.column.period == Period::Duration { months: m, end: e }
                    })
                })
                .collect();
            let Some(parts) = parts else { continue };
            for (li, line) in rules.layouts[hs.layout].schema.lines.iter().enumerate() {
                if line.kind != crate::QuantityKind::Money || !b.present(h, li) {
                    continue;
                }
                let mut terms = vec![(h, li, one)];
                terms.extend(parts.iter().map(|&q| (q, li, -one)));
                b.linear(
                    format!("period:{}.{}", hs.key, line.name),
                    CheckKind::CrossPeriod,
                    h,
                    &terms,
                    Decimal::ZERO,
                );
            }
        }
    }
}

/// Each translated figure = its source figure at the stated rate, within the rounding
/// translation allows.
fn currency(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for tr in rules.relations.translations() {
        let Some(rate) = rules.rate(&tr.from, &tr.to) else {
            continue;
        };
        for (u, us) in stmts.iter().enumerate() {
            if us.column.currency.as_deref() != Some(tr.to.as_str()) || us.percent_column {
                continue;
            }
            let source = |same_group: bool| {
                stmts.iter().position(|s| {
                    s.layout == us.layout
                        && s.column.period == us.column.period
                        && s.column.currency.as_deref() == Some(tr.from.as_str())
                        && (!same_group || s.group == us.group)
                })
            };
            let Some(r) = source(true).or_else(|| source(false)) else {
                continue;
            };
            let schema = &rules.layouts[us.layout].schema;
            for (li, line) in schema.lines.iter().enumerate() {
                if !b.present(u, li) || !b.present(r, li) {
                    continue;
                }
                let coef = match line.kind {
                    crate::QuantityKind::Money | crate::QuantityKind::PerShare => -one / rate,
                    crate::QuantityKind::Shares => -one,
                    _ => continue,
                };
                let slack = if line.kind == crate::QuantityKind::Shares {
                    Decimal::ZERO
                } else {
                    translation_slack(rules, us.layout, li, rate)
                };
                b.linear(
                    format!("currency:{}.{}", us.key, line.name),
                    CheckKind::Currency,
                    u,
                    &[(u, li, one), (r, li, coef)],
                    slack,
                );
            }
        }
    }
}

/// Printed ratios: margins over revenues, loss per share over weighted shares.
fn ratios(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for rr in rules.relations.ratios() {
        for (i, rs) in stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key == rr.result.statement() && !s.percent_column)
        {
            let Some(lr) = b.line_index(rs, rr.result.line()) else {
                continue;
            };
            if !b.present(i, lr) {
                continue;
            }
            let find = |layout: &str| {
                stmts.iter().position(|s| {
                    s.key == layout
                        && !s.percent_column
                        && s.column.period == rs.column.period
                        && match &rs.column.currency {
                            Some(c) => s.column.currency.as_ref() == Some(c),
                            // A ratio printed without a currency is of the figures as reported,
                            // not of a convenience translation.
                            None => !s.column.currency.as_deref().is_some_and(|c| rules.translated(c)),
                        }
                })
            };
            let (Some(n), Some(d)) = (find(rr.numerator.statement()), find(rr.denominator.statement()))
            else {
                continue;
            };
            let (Some(ln), Some(ld)) = (
                b.line_index(&stmts[n], rr.numerator.line()),
                b.line_index(&stmts[d], rr.denominator.line()),
            ) else {
                continue;
            };
            ratio_check(
                b,
                format!("ratio:{}", rr.result),
                i,
                lr,
                vec![(n, ln, one)],
                d,
                ld,
            );
        }
    }
}

/// Each line's printed share of the total = its figure / the total, in percent.
fn shares_of_total(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for t in rules.relations.shares_of_total() {
        let (layout, total) = (t.statement(), t.line());
        for (p, ps) in stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key == layout && s.percent_column)
        {
            // The figures are the nearest column before the percentages in the same table
            // ("Number of Employees", "Percentage").
            let Some(figures) = (0..p)
                .rev()
                .find(|&s| stmts[s].group == ps.group && stmts[s].key == layout && !stmts[s].percent_column)
            else {
                continue;
            };
            let Some(lt) = b.line_index(ps, total) else {
                continue;
            };
            for (li, line) in rules.layouts[ps.layout].schema.lines.iter().enumerate() {
                if b.present(p, li) {
                    let id = format!("ratio:{layout}.{}.share", line.name);
                    ratio_check(b, id, p, li, vec![(figures, li, one)], figures, lt);
                }
            }
        }
    }
}

/// Year-on-year change columns: (new - old) / old, in percent.
fn changes(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (c, cs) in stmts
        .iter()
        .enumerate()
        .filter(|(_, s)| s.percent_column && !rules.shares(s.key))
    {
        // The change is between the two periods of the table's first currency (a US$ convenience
        // column of the later period is not a third period).
        let figures: Vec<usize> = (0..stmts.len())
            .filter(|&s| stmts[s].group == cs.group && !stmts[s].percent_column)
            .collect();
        let currency = figures.first().and_then(|&s| stmts[s].column.currency.clone());
        let mut same: Vec<usize> = figures
            .into_iter()
            .filter(|&s| stmts[s].column.currency == currency)
            .collect();
        same.sort_by_key(|&s| period_end(&stmts[s].column.period));
        for (li, line) in rules.layouts[cs.layout].schema.lines.iter().enumerate() {
            if !b.present(c, li) {
                continue;
            }
            let id = format!("ratio:{}.{}.change", cs.key, line.name);
            let [old, new] = same[..] else {
                // Not two periods to compare: said, not dropped.
                b.push(
                    id,
                    CheckKind::Ratio,
                    c,
                    Relation::Unreadable { cells: Vec::new() },
                );
                continue;
            };
            ratio_check(b, id, c, li, vec![(new, li, one), (old, li, -one)], old, li);
        }
    }
}

/// Each figure the prose restates (see [`crate::narrative`]) against the table cell it names:
/// `narrative:<layout>.<line>`, the narrative figure (in millions, located in the paragraph) the
/// reported term, the cell the expected one, within the rounding of both. A claim whose cell is
/// printed but unreadable gives an unreadable check.
fn narrative_checks(b: &mut Builder<'_>, filing: &Filing) {
    for claim in crate::narrative::claims(filing, b.stmts, b.layouts) {
        let Some((s, line)) = claim.target(b.stmts, b.layouts) else {
            continue;
        };
        let cell = CellRef {
            line: claim.location.line,
            col: claim.location.column,
            label: claim.subject.clone(),
            column: "narrative".to_string(),
            value: claim.value.to_string(),
        };
        let narrative = b.intern(&cell, claim.amount());
        let relation = match b.term(s, line) {
            Term::Cell(t) => {
                // The cell in millions, with the claim's sign convention.
                let scale = b.cells[t].amount.precision().scale.factor() / crate::Scale::Millions.factor();
                Relation::Linear {
                    terms: vec![(Decimal::ONE, narrative), (-Decimal::from(claim.sign) * scale, t)],
                    slack: Decimal::ZERO,
                }
            }
            Term::Skip | Term::Damaged => Relation::Unreadable {
                cells: vec![narrative],
            },
        };
        b.push(
            format!("narrative:{}.{}", claim.layout, claim.line),
            CheckKind::CrossStatement,
            s,
            relation,
        );
    }
}

/// How far a US$ figure may stray from the direct translation of its RMB figure through rounding
/// alone, beyond its own rounding and the RMB figure's:
///
/// - a subtotal summed from translated lines carries each line's rounding (recursively);
/// - a line that is a component of a footing may carry the rounding residual of that footing (a
///   plug that makes the US$ column foot): half a unit per term of the footing.
///
/// Both apply through ties: the gross profit of a reconciliation is the income statement's subtotal.
fn translation_slack(rules: &FilingRules, layout: usize, line: usize, rate: Decimal) -> Decimal {
    fn formula_slack(rules: &FilingRules, layout: usize, line: usize, rate: Decimal, depth: u8) -> Decimal {
        let schema = &rules.layouts[layout].schema;
        // Saturating: a rate or weights at the edge of a decimal's range give a vast slack
        // (and so no failure), never a panic.
        let leaf =
            Decimal::new(5, 1).saturating_add(Decimal::new(5, 1).checked_div(rate).unwrap_or(Decimal::MAX));
        let own = schema.lines[line].formula.map(|f| {
            f.iter().fold(Decimal::ZERO, |acc, t| {
                let sub = if depth < 8 {
                    formula_slack(rules, layout, t.line, rate, depth + 1)
                } else {
                    Decimal::ZERO
                };
                acc.saturating_add(
                    Decimal::from(t.weight.unsigned_abs()).saturating_mul(leaf.saturating_add(sub)),
                )
            })
        });
        let tied = tied_lines(rules, layout, line)
            .filter_map(|(l2, n2)| {
                if depth >= 8 {
                    return None;
                }
                let s2 = &rules.layouts[l2].schema;
                s2.lines[n2]
                    .formula
                    .map(|_| formula_slack(rules, l2, n2, rate, depth + 1))
            })
            .max();
        own.into_iter().chain(tied).max().unwrap_or(Decimal::ZERO)
    }
    let plug = std::iter::once((layout, line))
        .chain(tied_lines(rules, layout, line))
        .flat_map(|(l, n)| {
            rules.layouts[l]
                .schema
                .lines
                .iter()
                .filter_map(move |x| x.formula.filter(|f| f.iter().any(|t| t.line == n)))
                .map(|f| Decimal::new(5, 1) * Decimal::from(f.len() as u64))
        })
        .max()
        .unwrap_or(Decimal::ZERO);
    formula_slack(rules, layout, line, rate, 0).max(plug)
}

/// The (layout, line) pairs tied to this one by the rules' ties (same figure in another layout).
fn tied_lines(rules: &FilingRules, layout: usize, line: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let key = rules.layouts[layout].key;
    let name = rules.layouts[layout].schema.lines[line].name;
    rules.relations.ties().iter().flat_map(move |t| {
        let other = if t.a.is(key, name) {
            Some(&t.b)
        } else if t.b.is(key, name) {
            Some(&t.a)
        } else {
            None
        };
        other.into_iter().flat_map(|o| {
            rules
                .layouts
                .iter()
                .enumerate()
                .filter(move |(_, l)| l.key == o.statement())
                .filter_map(move |(i, l)| {
                    l.schema
                        .lines
                        .iter()
                        .position(|x| x.name == o.line())
                        .map(|p| (i, p))
                })
        })
    })
}

fn ratio_check(
    b: &mut Builder<'_>,
    id: String,
    at: usize,
    line: usize,
    numerator: Vec<(usize, usize, Decimal)>,
    d: usize,
    ld: usize,
) {
    let mut readable = Vec::new();
    let mut damaged = false;
    let mut cell = |b: &mut Builder<'_>, s: usize, l: usize| match b.term(s, l) {
        Term::Cell(i) => {
            readable.push(i);
            Some(i)
        }
        _ => {
            damaged = true;
            None
        }
    };
    let result = cell(b, at, line);
    let num: Vec<(Decimal, Option<usize>)> = numerator.iter().map(|&(s, l, c)| (c, cell(b, s, l))).collect();
    let den = cell(b, d, ld);
    let relation = match (result, den, damaged) {
        (Some(result), Some(denominator), false) => {
            let numerator: Vec<(Decimal, usize)> =
                num.iter().filter_map(|(c, i)| i.map(|i| (*c, i))).collect();
            let res_kind = b.layouts[b.stmts[at].layout].schema.lines[line].kind;
            let factor = |i: usize| b.cells[i].amount.precision().scale.factor();
            let mut scale = factor(numerator[0].1) / factor(denominator);
            if res_kind == crate::QuantityKind::Percent || b.stmts[at].percent_column {
                scale *= Decimal::ONE_HUNDRED;
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            }
        }
        _ => Relation::Unreadable { cells: readable },
    };
    b.push(id, CheckKind::Ratio, at, relation);
}

fn period_end(p: &Period) -> Option<crate::read::Date> {
    match p {
        Period::Instant { date } => Some(*date),
        Period::Duration { end, .. } => Some(*end),
        Period::Unknown => None,
    }
}
