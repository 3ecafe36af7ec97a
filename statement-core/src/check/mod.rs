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

use crate::Text;
use crate::amount::{Amount, Interval};
pub use crate::schema::{Check, Subject, evaluate};
pub use crate::verdict::{Verdict, compare, footing, ratio, ratio_of_interval, translation, weighted_sum};

mod between;
mod inline;
mod prose;
mod statements;

pub use inline::{InlineVec, IntoIter as InlineIntoIter};

/// A relation's (coefficient, cell) terms: two held in place (a tie, a translation), more on
/// the heap.
pub type Terms = InlineVec<(Decimal, usize), 2>;

/// Cells of a relation: up to six held in place.
pub type Cells = InlineVec<usize, 6>;

use between::{cash, changes, currency, periods, ratios, shares_of_total, ties};
use prose::narrative_checks;
use statements::{footings, repeated_statements};

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
        terms: Terms,
        /// Extra tolerance.
        slack: Decimal,
    },
    /// `result = numerator / denominator · scale`.
    Ratio {
        /// The printed ratio.
        result: usize,
        /// Numerator cells, summed with their coefficients.
        numerator: Terms,
        /// Denominator cell.
        denominator: usize,
        /// Scale (100 for percent, 1000 for thousands per share).
        scale: Decimal,
    },
    /// A term is missing or damaged: not evaluated. The readable cells involved are listed.
    Unreadable {
        /// Readable cells of the check.
        cells: Cells,
    },
}

impl Relation {
    /// Every cell the relation involves (held in place when there are few).
    pub fn cells(&self) -> Cells {
        self.each_cell().collect()
    }

    /// [`Relation::cells`], one by one, in the same order, without making a list.
    pub(crate) fn each_cell(&self) -> impl Iterator<Item = usize> + '_ {
        let none: &[usize] = &[];
        let (first, terms, last, cells) = match self {
            Relation::Linear { terms, .. } => (None, terms.as_slice(), None, none),
            Relation::Ratio {
                result,
                numerator,
                denominator,
                ..
            } => (Some(*result), numerator.as_slice(), Some(*denominator), none),
            Relation::Unreadable { cells } => (None, &[][..], None, cells.as_slice()),
        };
        first
            .into_iter()
            .chain(terms.iter().map(|t| t.1))
            .chain(last)
            .chain(cells.iter().copied())
    }

    /// Evaluates the relation over the given figures (indexed like [`FilingReport::cells`]).
    pub fn evaluate(&self, values: &[Amount]) -> Verdict {
        // Figures too large for a decimal make the check unreadable, never a panic.
        self.try_evaluate(values, true).unwrap_or(Verdict::Unreadable)
    }

    /// [`Relation::evaluate`] for searching repairs: the same outcome, with a failure's figures
    /// left as computed (not rounded for people).
    pub(crate) fn evaluate_raw(&self, values: &[Amount]) -> Verdict {
        self.try_evaluate(values, false).unwrap_or(Verdict::Unreadable)
    }

    fn try_evaluate(&self, values: &[Amount], tidy: bool) -> Option<Verdict> {
        Some(match self {
            Relation::Linear { terms, slack } if exact_in_integers(terms, *slack, values) => Verdict::Exact,
            Relation::Linear { terms, slack } => linear_in_decimals(terms, *slack, values, tidy)?,
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            } if ratio_exact_in_integers(numerator, *denominator, *scale, *result, values) => Verdict::Exact,
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
                if !tidy {
                    return Some(v);
                }
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
    pub id: Text,
    /// Its family.
    pub kind: CheckKind,
    /// The layout key of the statement it is about.
    pub statement: Text,
    /// The column it is about.
    pub column: Text,
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
    /// For each table read, how it was recognised or why it was not (then none of it is
    /// checked), and the layouts that could also bind it.
    pub recognition: Vec<bind::Recognition>,
    /// The figures the prose restates, read once for the checks and kept for re-checks.
    prose: std::sync::Arc<Prose>,
    /// What binding found that no reading of a row changes, kept for re-checks.
    prepared: Option<std::sync::Arc<bind::Prepared>>,
    /// The translation slacks the checks needed, kept for re-checks (they depend on the rules
    /// alone).
    slacks: std::sync::Arc<FxMap<(usize, usize, usize), Decimal>>,
    /// Where each check's terms are, kept for re-checks.
    places: Option<std::sync::Arc<Places>>,
}

impl FilingCheck {
    /// What identifies the check across runs over one filing (id, column, group).
    pub fn key(&self) -> (Text, Text, usize) {
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

/// A fast hash for the small keys of one filing's checks (positions, periods, layout keys),
/// built on the multiply-rotate hash rustc uses for its own tables.
#[derive(Clone, Copy, Default)]
pub(crate) struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Whole words read as such, the tail byte by byte: no copy through a buffer.
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let word = tail
                .iter()
                .enumerate()
                .fold(0u64, |w, (i, &b)| w | (u64::from(b) << (8 * i)));
            self.add(word);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A map hashed with [`Fx`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;
/// A hash set with [`Fx`] hashing.
pub(crate) type FxSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fx>>;

/// Translation slacks by (translation, layout, line), kept across re-checks of one filing.
type Slacks = std::cell::RefCell<FxMap<(usize, usize, usize), Decimal>>;

struct Builder<'a> {
    stmts: &'a [BoundStatement],
    layouts: &'a [Layout],
    cells: Vec<FilingCell>,
    /// The figures of `cells`, kept beside them for evaluating relations.
    values: Vec<Amount>,
    index: FxMap<(u32, u32), usize>,
    /// Where each statement's lines start in `slot_cells` (empty when re-checking: a re-check
    /// builds few checks).
    slot_offsets: Vec<usize>,
    /// For each (statement, line), 1 + the index in `cells` of its figure once interned (0
    /// before): a figure taken by several checks is looked up once.
    slot_cells: Vec<u32>,
    checks: Vec<FilingCheck>,
    /// Scratch text (a figure of the prose written out).
    scratch: String,
    /// Each statement's column label, formatted once (shared by re-checks).
    labels: &'a [std::cell::OnceCell<Text>],
    /// Each statement's layout key, as shared in `names`.
    keys: &'a [std::cell::OnceCell<Text>],
    /// The ids and names of checks, each made once (shared by re-checks).
    names: &'a std::cell::RefCell<Names>,
    /// When re-checking part of a filing: the statements in scope. Only checks that involve one
    /// of them are kept (see [`Rechecker`]).
    scope: Option<Ranges>,
    /// When re-checking other readings of some rows: for each statement in scope, the lines those
    /// rows fill. Only checks with a term on one of these lines are kept (and checks built without
    /// terms of the tables, such as the prose's translations, of a statement in scope).
    lines: Option<Lines>,
    /// Whether the check being built has a term of a table.
    termed: bool,
    /// Building every check (no scope): where each check's terms are, for [`Rechecker::as_read`].
    places: Option<Places>,
    /// Whether the check being built involves a statement in scope.
    touched: bool,
    /// Translation slacks, kept across the checks and re-checks of one filing.
    slacks: &'a Slacks,
    /// The failures a re-check allows: at the first other one, the re-check is vetoed.
    veto: Option<&'a Veto<'a>>,
    /// Whether a failure the veto does not allow was found: the checks left are not built.
    vetoed: bool,
    /// The statements by layout and period.
    find: &'a Index,
    /// When re-checking other readings of some rows: the slots those readings change, read in
    /// place of the statements' own.
    changed: Option<&'a Changed>,
}

/// The slots a re-check's readings change: the statements as read stay as they are and are
/// read through this.
#[derive(Default)]
struct Changed {
    grid: Grid,
    /// For each of the grid's slots, 1 + the index in `slots` of the one a reading puts in its
    /// place (0: the one as read). Empty when nothing changes.
    at: Vec<u32>,
    slots: Vec<Slot>,
}

impl Changed {
    fn get(&self, s: usize, line: usize) -> Option<&Slot> {
        if self.at.is_empty() {
            return None;
        }
        let k = *self.at.get(self.grid.at(s, line)?)?;
        k.checked_sub(1).map(|k| &self.slots[k as usize])
    }
}

/// A layout's statements by period, in order.
type ByPeriod = FxMap<Period, Vec<usize>>;

/// The statements of a filing by layout key and period, in order: lookups across statements stay
/// linear in the filing. Re-checks share one (they change no statement's column).
#[derive(Clone, Default)]
struct Index {
    /// By layout key: its statements, and them by period.
    by_key: FxMap<&'static str, (Vec<usize>, ByPeriod)>,
    /// Each group's first statement and number of statements.
    groups: FxMap<usize, (usize, usize)>,
}

impl Index {
    fn new(stmts: &[BoundStatement]) -> Index {
        let mut index = Index::default();
        for (i, st) in stmts.iter().enumerate() {
            let (all, by_period) = index.by_key.entry(st.key).or_default();
            all.push(i);
            by_period.entry(st.column.period).or_default().push(i);
            index.groups.entry(st.group).or_insert((i, 0)).1 += 1;
        }
        index
    }
}

/// Check ids and statement names, each made once per filing: the checks of every column (and
/// of every re-check) share them.
#[derive(Default)]
struct Names {
    set: std::collections::HashSet<Text, std::hash::BuildHasherDefault<Fx>>,
    buffer: String,
}

impl Names {
    /// The shared copy of `name`.
    fn get(&mut self, name: &str) -> Text {
        if let Some(t) = self.set.get(name) {
            return t.clone();
        }
        let t = Text::from(name);
        self.set.insert(t.clone());
        t
    }

    /// The shared copy of the name `parts` spell one after the other.
    fn concat(&mut self, parts: Id<'_>) -> Text {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        for p in parts {
            buffer.push_str(p);
        }
        let t = self.get(&buffer);
        self.buffer = buffer;
        t
    }
}

/// A check's id, as the parts it is spelt from (`["footing:", "balance_sheet", ".", "cash"]`):
/// joined only when the check is kept.
type Id<'a> = &'a [&'a str];

/// The statements in scope of a re-check: its groups' ranges of statements.
#[derive(Default)]
struct Ranges(Vec<std::ops::Range<usize>>);

impl Ranges {
    fn has(&self, s: usize) -> bool {
        self.0.iter().any(|r| r.contains(&s))
    }
}

/// The text lines some rows of a filing are printed on (their labels' and their cells'), sorted.
struct RowLines(Vec<u32>);

impl RowLines {
    fn of(filing: &Filing, rows: &[(usize, usize)]) -> RowLines {
        let mut lines: Vec<u32> = rows
            .iter()
            .filter_map(|&(t, r)| filing.tables.get(t)?.rows.get(r))
            .flat_map(|row| {
                std::iter::once(row.location.line).chain(row.cells.iter().map(|c| c.location.line))
            })
            .collect();
        lines.sort_unstable();
        lines.dedup();
        RowLines(lines)
    }

    /// Whether `slot` holds a figure (or a damaged one) printed on one of the lines.
    fn fill(&self, slot: &Slot) -> bool {
        let line = match slot {
            Slot::Value { cell, .. } => cell.line,
            Slot::Damaged { location } => location.line,
            Slot::Absent => return false,
        };
        self.0.binary_search(&line).is_ok()
    }
}

/// Where each check of a filing as read has its terms: (statement, line) of each, or
/// (statement, [`TOUCHED`]) for a statement it involves without a term (it is built only when
/// that statement is in scope). Enough to tell, without building them again, which of the
/// checks a re-check of some rows without overrides would build ([`Rechecker::as_read`]).
#[derive(Debug, Default)]
struct Places {
    /// Each check's statement.
    at: Vec<u32>,
    /// Where each check's places end in `items`.
    end: Vec<u32>,
    /// The places of each check, then those of the check being built.
    items: Vec<(u32, u32)>,
}

/// The line of a place that is a statement involved without a term.
const TOUCHED: u32 = u32::MAX;

/// Whether line `line` of statement `s` is among a re-check's lines.
fn in_lines(lines: &Lines, s: usize, line: usize) -> bool {
    lines.grid.at(s, line).is_some_and(|k| lines.filled[k])
}

/// Where each line of the statements of a re-check's groups is in a flat list: the groups'
/// statements are consecutive, and those of a group have its layout's lines.
#[derive(Clone, Default)]
struct Grid {
    /// (first statement, statements, lines of each, where the group starts in the list).
    groups: Vec<(usize, usize, usize, usize)>,
    len: usize,
}

impl Grid {
    fn add(&mut self, start: usize, statements: usize, lines: usize) {
        self.groups.push((start, statements, lines, self.len));
        self.len += statements * lines;
    }

    /// Where line `line` of statement `s` is, when `s` is in one of the groups.
    fn at(&self, s: usize, line: usize) -> Option<usize> {
        self.groups
            .iter()
            .find(|g| (g.0..g.0 + g.1).contains(&s))
            .and_then(|&(start, _, lines, at)| (line < lines).then_some(at + (s - start) * lines + line))
    }

    /// Each (statement, line) of the groups, in list order.
    fn each(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.groups.iter().flat_map(|&(start, n, lines, _)| {
            (start..start + n).flat_map(move |s| (0..lines).map(move |l| (s, l)))
        })
    }
}

/// For the statements in a re-check's scope, the lines some rows fill.
struct Lines {
    grid: Grid,
    filled: Vec<bool>,
}

impl Lines {
    /// Each (statement, line) filled.
    fn each(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.grid
            .each()
            .zip(&self.filled)
            .filter(|(_, f)| **f)
            .map(|(at, _)| at)
    }
}

enum Term {
    Cell(usize),
    Skip,
    Damaged,
}

impl<'a> Builder<'a> {
    fn line_index(&self, s: &BoundStatement, name: &str) -> Option<usize> {
        self.layouts[s.layout]
            .schema
            .lines
            .iter()
            .position(|l| l.name == name)
    }

    fn term(&mut self, s: usize, line: usize) -> Term {
        match (&self.lines, &self.scope) {
            (Some(lines), _) => self.touched |= in_lines(lines, s, line),
            (None, Some(scope)) => self.touched |= scope.has(s),
            (None, None) => {}
        }
        if let Some(p) = &mut self.places {
            p.items.push((s as u32, line as u32));
        }
        self.termed = true;
        let st = &self.stmts[s];
        match self.slot(s, line) {
            Slot::Value { amount, cell } => {
                let at = self.slot_offsets.get(s).map(|o| o + line);
                if let Some(&known) = at.and_then(|k| self.slot_cells.get(k))
                    && known > 0
                {
                    return Term::Cell(known as usize - 1);
                }
                let i = self.intern(cell, *amount);
                if let Some(k) = at
                    && let Some(slot) = self.slot_cells.get_mut(k)
                {
                    *slot = u32::try_from(i + 1).unwrap_or(0);
                }
                Term::Cell(i)
            }
            Slot::Absent if self.layouts[st.layout].schema.lines[line].optional => Term::Skip,
            Slot::Absent => Term::Damaged,
            Slot::Damaged { .. } => Term::Damaged,
        }
    }

    /// Adds a linear check `Σ coef·line = 0` over (statement, line, coef) terms, the first being
    /// the reported figure. Returns nothing if the reported figure is absent (no check).
    fn linear(
        &mut self,
        id: Id<'_>,
        kind: CheckKind,
        at: usize,
        terms: &[(usize, usize, Decimal)],
        slack: Decimal,
    ) {
        // A vetoed re-check gives no report: nothing more is built.
        if self.vetoed {
            return;
        }
        // A re-check keeps only checks involving a statement in scope: others are not built.
        if let Some(scope) = &self.scope {
            let out_of_scope = match &self.lines {
                Some(lines) => !terms.iter().any(|&(s, l, _)| in_lines(lines, s, l)),
                None => !scope.has(at) && !terms.iter().any(|&(s, _, _)| scope.has(s)),
            };
            if out_of_scope {
                return;
            }
        }
        let mut out = Terms::with_capacity(terms.len());
        let mut damaged = false;
        for (n, &(s, line, coef)) in terms.iter().enumerate() {
            match self.term(s, line) {
                Term::Cell(i) => out.push((coef, i)),
                Term::Skip if n > 0 => {}
                Term::Skip => {
                    self.abandon();
                    return;
                }
                Term::Damaged => damaged = true,
            }
        }
        let relation = if damaged {
            Relation::Unreadable {
                cells: out.iter().map(|&(_, i)| i).collect(),
            }
        } else {
            Relation::Linear { terms: out, slack }
        };
        self.push(id, kind, at, relation);
    }

    /// Whether a check with terms on `terms` (statement, line) and nothing else may be kept: always,
    /// unless re-checking the lines some rows fill and none of the terms is on them. Lets a
    /// family pass over such a check before building it.
    fn may_keep(&self, mut terms: impl Iterator<Item = (usize, usize)>) -> bool {
        match (&self.scope, &self.lines) {
            (Some(_), Some(lines)) => terms.any(|(s, l)| in_lines(lines, s, l)),
            _ => true,
        }
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

    /// Whether checks over these statements are wanted: always, unless re-checking part of the
    /// filing and none of them is in scope.
    fn wanted(&self, statements: &[usize]) -> bool {
        self.scope
            .as_ref()
            .is_none_or(|scope| statements.iter().any(|&s| scope.has(s)))
    }

    /// The statements printing layout `key` for `period`, in order.
    fn of_period(&self, key: &str, period: Period) -> &'a [usize] {
        let find: &'a Index = self.find;
        find.by_key
            .get(key)
            .and_then(|(_, by)| by.get(&period))
            .map_or(&[], Vec::as_slice)
    }

    /// The statements printing layout `key`, in order.
    fn of_key(&self, key: &str) -> &'a [usize] {
        let find: &'a Index = self.find;
        find.by_key.get(key).map_or(&[], |(all, _)| all.as_slice())
    }

    /// Gives up the check being built: nothing of it counts for the next.
    fn abandon(&mut self) {
        self.touched = false;
        self.termed = false;
        if let Some(p) = &mut self.places {
            let kept = p.end.last().map_or(0, |&e| e as usize);
            p.items.truncate(kept);
        }
    }

    /// Marks the check being built as involving statement `s` (a check built only when `s` is
    /// in scope).
    fn touch(&mut self, s: usize) {
        if let Some(scope) = &self.scope {
            self.touched |= scope.has(s);
        }
        if let Some(p) = &mut self.places {
            p.items.push((s as u32, TOUCHED));
        }
    }

    /// Adds a check (its id spelt out only when it is kept).
    fn push(&mut self, id: Id<'_>, kind: CheckKind, at: usize, relation: Relation) {
        let keep = self
            .scope
            .as_ref()
            .is_none_or(|s| self.touched || (s.has(at) && (self.lines.is_none() || !self.termed)));
        self.termed = false;
        self.touched = false;
        if !keep || self.vetoed {
            return;
        }
        if let Some(p) = &mut self.places {
            p.at.push(at as u32);
            p.end.push(p.items.len() as u32);
        }
        let verdict = relation.evaluate(&self.values);
        let s = &self.stmts[at];
        let id = self.names.borrow_mut().concat(id);
        let column = self.labels[at]
            .get_or_init(|| Text::from(s.column.label()))
            .clone();
        if let Some(veto) = self.veto
            && verdict.failed()
            && !veto.allows(&id, &column, s.group)
        {
            self.vetoed = true;
        }
        self.checks.push(FilingCheck {
            id,
            kind,
            statement: self.keys[at]
                .get_or_init(|| self.names.borrow_mut().get(s.key))
                .clone(),
            column,
            group: s.group,
            relation,
            verdict,
        });
    }

    fn present(&self, s: usize, line: usize) -> bool {
        !matches!(self.slot(s, line), Slot::Absent)
    }

    /// What statement `s` holds for `line` (as a re-check's readings change it).
    #[inline(always)]
    fn slot(&self, s: usize, line: usize) -> &'a Slot {
        if let Some(slot) = self.changed.and_then(|c| c.get(s, line)) {
            return slot;
        }
        &self.stmts[s].slots[line]
    }
}

/// Whether a column's period was read: checks that pair columns by period never pair a column
/// whose period is unknown with another (two unread periods are never taken for one).
fn known(period: &Period) -> bool {
    !matches!(period, Period::Unknown)
}

/// A linear check's verdict in decimal arithmetic; None when a figure overflows a decimal.
fn linear_in_decimals(
    terms: &[(Decimal, usize)],
    slack: Decimal,
    values: &[Amount],
    tidy: bool,
) -> Option<Verdict> {
    let ((c0, r), rest) = terms.split_first()?;
    let reported = values[*r];
    let mut expected = Decimal::ZERO;
    let mut tol = slack;
    // Most coefficients are ±1: no multiplication or division then.
    let times = |x: Decimal, c: Decimal| match unit(c) {
        Some(false) => Some(x),
        Some(true) => Some(-x),
        None => x.checked_mul(c),
    };
    let over = |x: Decimal, c: Decimal| match unit(c) {
        Some(false) => Some(x),
        _ => x.checked_div(c),
    };
    for (c, i) in rest {
        let a = values[*i];
        expected = expected.checked_sub(times(a.value(), *c)?)?;
        tol = tol.checked_add(times(a.precision().half_width(), c.abs())?)?;
    }
    // In units of the reported figure: the other terms' rounding scales by 1/|c0|.
    let expected = over(expected, *c0)?;
    let tolerance = over(tol, c0.abs())?.checked_add(reported.precision().half_width())?;
    let difference = reported.value().checked_sub(expected)?;
    if !tidy && difference.abs() > tolerance {
        return Some(Verdict::Failed {
            expected,
            reported: reported.value(),
            difference,
            tolerance,
        });
    }
    let within = difference.abs() <= tolerance;
    let decimals = reported.precision().decimals;
    // No difference, and the reported figure printed to its precision: it is its own rounding.
    if within && difference.is_zero() && reported.value().scale() <= decimals {
        return Some(Verdict::Exact);
    }
    // Rounded to the reported places, what the others give is the reported figure: surely so
    // when it is within 0.49 of the last printed digit, else as rounding finds.
    let rounds_to_reported = crate::verdict::surely_rounds_to(difference, reported)
        || expected.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            == reported.value();
    Some(if rounds_to_reported && within {
        if difference.is_zero() {
            Verdict::Exact
        } else if rest.iter().all(|(c, _)| c.fract().is_zero()) {
            Verdict::WithinRounding { difference }
        } else {
            Verdict::Exact
        }
    } else if within {
        Verdict::WithinRounding { difference }
    } else {
        Verdict::Failed {
            expected: expected.round_dp(4).normalize(),
            reported: reported.value(),
            difference: difference.round_dp(4).normalize(),
            tolerance: tolerance.round_dp(4).normalize(),
        }
    })
}

/// 10^e, for the scales of decimals (0 to 28) and a little beyond.
fn pow10(e: u32) -> Option<i128> {
    const POWERS: [i128; 39] = {
        let mut p = [1i128; 39];
        let mut i = 1;
        while i < 39 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    POWERS.get(e as usize).copied()
}

/// Whether a coefficient is 1 (`Some(false)`) or −1 (`Some(true)`), at whatever scale it is
/// written (`1`, `1.00`), without a decimal comparison.
fn unit(c: Decimal) -> Option<bool> {
    let m = c.mantissa();
    let one = pow10(c.scale())?;
    (m.unsigned_abs() == one.unsigned_abs()).then_some(m < 0)
}

/// The common case of a ratio, decided in integers: a numerator of at most four ±1 terms no
/// larger than 10^14, a denominator of at least 1 in magnitude, a scale of at most 10,000, and a
/// reported figure printed with no more places than its precision says, within 0.49 of its last
/// digit of the ratio. [`crate::verdict::ratio_of_interval`] finds such a ratio exact (its
/// figures are far from the bounds it guards against, and both its roundings give the reported
/// figure); anything else is left to it.
fn ratio_exact_in_integers(
    numerator: &[(Decimal, usize)],
    denominator: usize,
    scale: Decimal,
    result: usize,
    values: &[Amount],
) -> bool {
    ratio_surely(numerator, denominator, scale, result, values).unwrap_or(false)
}

/// [`ratio_exact_in_integers`]; None when it cannot tell.
fn ratio_surely(
    numerator: &[(Decimal, usize)],
    denominator: usize,
    scale: Decimal,
    result: usize,
    values: &[Amount],
) -> Option<bool> {
    const LIMIT: u128 = 1 << 60;
    let reported = values[result];
    let decimals = reported.precision().decimals;
    let r = reported.value();
    if numerator.is_empty() || numerator.len() > 4 || decimals > 26 || r.scale() > decimals {
        return None;
    }
    // The numerator N / 10^a.
    let a = numerator.iter().map(|&(_, i)| values[i].value().scale()).max()?;
    let mut n: i128 = 0;
    for &(c, i) in numerator {
        let v = values[i].value();
        let m = times(v.mantissa(), pow10(a - v.scale())?)?;
        if m.unsigned_abs() >= LIMIT {
            return None;
        }
        n += if unit(c)? { -m } else { m };
    }
    if n.unsigned_abs() > times(100_000_000_000_000, pow10(a)?)?.unsigned_abs() {
        return None;
    }
    // The denominator D / 10^b, at least 1 in magnitude; the scale S / 10^e.
    let d = values[denominator].value();
    let (dm, b) = (d.mantissa(), d.scale());
    if dm.unsigned_abs() >= LIMIT || dm.unsigned_abs() < pow10(b)?.unsigned_abs() {
        return None;
    }
    let (sm, e) = (scale.mantissa(), scale.scale());
    if sm.unsigned_abs() > times(10_000, pow10(e)?)?.unsigned_abs() {
        return None;
    }
    // |n·s/d - r| <= 0.49 / 10^decimals, with r = R / 10^c, multiplied out:
    // |N·S·10^(b+decimals+2) - R·D·10^(a+e+decimals+2-c)| <= 49·|D|·10^(a+e).
    let c = r.scale();
    let lhs = times(times(n, sm)?, pow10(b + decimals + 2)?)?
        .checked_sub(times(times(r.mantissa(), dm)?, pow10(a + e + decimals + 2 - c)?)?)?;
    let rhs = times(times(49, dm.abs())?, pow10(a + e)?)?;
    Some(lhs.unsigned_abs() <= rhs.unsigned_abs())
}

/// `a * b`, None on overflow; without the 128-bit overflow check when both fit in 64 bits (their
/// product then fits in 128).
fn times(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => Some(i128::from(x) * i128::from(y)),
        _ => a.checked_mul(b),
    }
}

/// The common case of a linear check, decided in integers: the reported figure's coefficient ±1
/// and printed with no more decimal places than its precision says, every figure no larger than
/// 2^60 at the most decimal places any of them prints (a figure of the prose in millions with one
/// place, against a table's in thousands with none), every coefficient at most a million, and no
/// negative slack. The check is
/// exact, as [`Relation::evaluate`]'s decimal arithmetic finds, when its terms sum to exactly
/// zero, or when a fractional coefficient (a translation at a rate) leaves the reported figure
/// within 0.495 of its last printed digit of what the others give: the decimal arithmetic then
/// rounds what they give to the reported figure. Anything else is left to that arithmetic.
fn exact_in_integers(terms: &[(Decimal, usize)], slack: Decimal, values: &[Amount]) -> bool {
    exact_sum(terms, slack, values).unwrap_or(false)
}

/// [`exact_in_integers`]; None when it cannot tell.
fn exact_sum(terms: &[(Decimal, usize)], slack: Decimal, values: &[Amount]) -> Option<bool> {
    const FIGURE_LIMIT: u128 = 1 << 60;
    let &(c0, first) = terms.first()?;
    let reported = values[first];
    let decimals = reported.precision().decimals;
    if terms.len() > 64
        || slack.is_sign_negative()
        || reported.value().scale() > decimals
        || unit(c0).is_none()
    {
        return None;
    }
    // Every figure as a mantissa at the most decimal places any prints.
    let scale = terms.iter().map(|&(_, i)| values[i].value().scale()).max()?;
    let common = terms.iter().map(|(c, _)| c.scale()).max()?;
    let mut sum: i128 = 0;
    for &(c, i) in terms {
        let v = values[i].value();
        let m = match scale - v.scale() {
            0 => v.mantissa(),
            more => times(v.mantissa(), pow10(more)?)?,
        };
        if m.unsigned_abs() >= FIGURE_LIMIT {
            return None;
        }
        let cm = c.mantissa();
        if common == 0 && cm.unsigned_abs() == 1 {
            // ±1, the usual coefficient: no 128-bit multiplication (64 terms below 2^60 cannot
            // overflow the sum).
            sum += if cm < 0 { -m } else { m };
            continue;
        }
        // |c| at most a million: |mantissa| at most 10^(6 + scale).
        if cm.unsigned_abs() > pow10(6 + c.scale())?.unsigned_abs() {
            return None;
        }
        let k = match common - c.scale() {
            0 => cm,
            more if cm.unsigned_abs() == 1 => cm * pow10(more)?,
            more => times(cm, pow10(more)?)?,
        };
        sum = sum.checked_add(times(k, m)?)?;
    }
    if sum == 0 {
        return Some(true);
    }
    // Whether a term other than the reported figure has a fractional coefficient (a rate).
    let fractional = terms[1..]
        .iter()
        .any(|(c, _)| c.scale() > 0 && c.normalize().scale() > 0);
    if !fractional {
        return Some(false);
    }
    // |sum| / 10^(common + scale) < 0.495 / 10^decimals
    let lhs = sum
        .unsigned_abs()
        .checked_mul(pow10(decimals)?.unsigned_abs())?
        .checked_mul(1000)?;
    Some(lhs < 495u128.checked_mul(pow10(common.checked_add(scale)?)?.unsigned_abs())?)
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
    run(filing, rules, overrides)
}

/// The figures the prose restates, found once per filing (from its statements as read).
type Prose = crate::narrative::Prose;

/// Re-checks parts of one filing under other readings of some of its rows, for localisation.
///
/// Each re-check binds again only the rows it reads otherwise ([`bind::Prepared::rebound`]),
/// reads the slots they change through an overlay on the statements as read ([`Changed`]), and
/// builds only the checks that involve a statement of the tables in scope: the others are those
/// of the filing as read. What every re-check shares (the figures the prose restates) is found
/// once.
pub(crate) struct Rechecker<'a> {
    filing: &'a Filing,
    rules: &'a FilingRules,
    /// The filing checked as read.
    report: &'a FilingReport,
    /// Made at the first re-check: most filings need none.
    shared: std::cell::OnceCell<Shared>,
    /// For each statement, the report's checks involving it (by their places), made at the first
    /// [`Rechecker::as_read`]: its cost then follows the scope, not the filing.
    by_statement: std::cell::OnceCell<ByStatement>,
}

/// The checks of a report by statement: those of statement `s` are
/// `checks[start[s]..start[s + 1]]`, in check order (a check twice when it has two places there).
struct ByStatement {
    start: Vec<u32>,
    checks: Vec<u32>,
}

impl ByStatement {
    fn new(places: &Places, statements: usize) -> ByStatement {
        let each = |f: &mut dyn FnMut(usize, u32)| {
            let mut from = 0;
            for (k, (&at, &end)) in places.at.iter().zip(&places.end).enumerate() {
                f(at as usize, k as u32);
                for &(s, _) in &places.items[from as usize..end as usize] {
                    f(s as usize, k as u32);
                }
                from = end;
            }
        };
        let mut start = vec![0u32; statements + 1];
        each(&mut |s, _| {
            if let Some(n) = start.get_mut(s + 1) {
                *n += 1;
            }
        });
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut checks = vec![0u32; start[statements] as usize];
        each(&mut |s, k| {
            if let Some(n) = next.get_mut(s) {
                checks[*n as usize] = k;
                *n += 1;
            }
        });
        ByStatement { start, checks }
    }

    fn of(&self, s: usize) -> &[u32] {
        match (self.start.get(s), self.start.get(s + 1)) {
            (Some(&a), Some(&b)) => &self.checks[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// What a re-check builds: the checks involving the statements of `tables` (and, given `lines`,
/// only those with a term on those lines of them).
struct Scope<'a> {
    tables: &'a [usize],
    shared: &'a Shared,
    lines: Option<Lines>,
    veto: Option<&'a Veto<'a>>,
    /// The slots the re-check's readings change.
    changed: Option<&'a Changed>,
}

/// The failures a re-check allows: given one, a re-check stops building checks at the first
/// failure it does not allow and gives no report. A reading of rows that breaks a check is
/// rejected whatever else it does, so the checks left need not be built.
pub(crate) struct Veto<'v> {
    /// The keys ([`FilingCheck::key`]) of the failures allowed.
    pub(crate) allowed: &'v std::collections::BTreeSet<(Text, Text, usize)>,
    /// Whether a failed check of the prose (`narrative:…`) is allowed whatever its key.
    pub(crate) prose: bool,
}

impl Veto<'_> {
    fn allows(&self, id: &Text, column: &Text, group: usize) -> bool {
        (self.prose && id.starts_with("narrative:"))
            || self.allowed.contains(&(id.clone(), column.clone(), group))
    }
}

/// What re-checks of one filing share.
struct Shared {
    prepared: std::sync::Arc<bind::Prepared>,
    /// The figures the prose restates (those of the filing as read).
    prose: std::sync::Arc<Prose>,
    /// The statements by layout, period and group (the same in every re-check).
    index: Index,
    memo: Memo,
}

/// What the checks of one filing, and its re-checks, each make once and share.
struct Memo {
    /// Each statement's column label, made when a check first needs it.
    labels: Vec<std::cell::OnceCell<Text>>,
    /// Each statement's layout key, taken from `names` when a check first needs it.
    keys: Vec<std::cell::OnceCell<Text>>,
    /// Check ids and statement names.
    names: std::cell::RefCell<Names>,
    /// Translation slacks by (translation, layout, line).
    slacks: Slacks,
}

impl Memo {
    /// For `statements` statements, knowing `slacks` already.
    fn new(statements: usize, slacks: FxMap<(usize, usize, usize), Decimal>) -> Memo {
        Memo {
            labels: vec![std::cell::OnceCell::new(); statements],
            keys: vec![std::cell::OnceCell::new(); statements],
            names: Default::default(),
            slacks: std::cell::RefCell::new(slacks),
        }
    }
}

impl<'a> Rechecker<'a> {
    /// Re-checks of `filing`, checked as read into `report`.
    pub(crate) fn new(filing: &'a Filing, rules: &'a FilingRules, report: &'a FilingReport) -> Rechecker<'a> {
        Rechecker {
            filing,
            rules,
            report,
            shared: std::cell::OnceCell::new(),
            by_statement: std::cell::OnceCell::new(),
        }
    }

    /// The checks involving a statement read from one of `tables`, with `overrides` applied;
    /// [`FilingReport::bound`] holds the statements of those tables' groups. The report's
    /// other fields are left empty.
    ///
    /// Given `rows` (table, row), the rows whose readings are being compared, only the checks
    /// with a term on a line those rows fill are built (and those with a term any reading
    /// changes): the same checks under every reading of them, and all that a reading changes.
    ///
    /// Given a `veto`, None when a check fails that it does not allow (the checks after it are
    /// not built).
    pub(crate) fn scoped(
        &self,
        overrides: &[bind::RowReading],
        tables: &[usize],
        rows: &[(usize, usize)],
        veto: Option<&Veto<'_>>,
    ) -> Option<FilingReport> {
        let (filing, rules) = (self.filing, self.rules);
        let shared = self.shared.get_or_init(|| Shared {
            prepared: match &self.report.prepared {
                Some(p) => std::sync::Arc::clone(p),
                None => std::sync::Arc::new(bind::Prepared::new(filing, &rules.layouts)),
            },
            prose: std::sync::Arc::clone(&self.report.prose),
            index: Index::new(&self.report.bound),
            memo: Memo::new(self.report.bound.len(), (*self.report.slacks).clone()),
        });
        let stmts = &self.report.bound;
        // The groups holding one of the tables, as (first statement, statements), and the slots
        // the overrides change in them. The rest of each group binds as it did for the report.
        let mut changed = Changed::default();
        let mut rebound = Vec::new();
        for group in shared.prepared.groups_of(tables) {
            let Some(&(start, len)) = shared.index.groups.get(&group) else {
                // A group without statements (every column a twin): not expected, but then
                // bind it all.
                return self.unshared(overrides, tables, shared, veto);
            };
            changed.grid.add(start, len, stmts[start].slots.len());
            if !overrides.is_empty() {
                for (k, line, slot) in shared.prepared.rebound(filing, &rules.layouts, overrides, group) {
                    rebound.push((start + k, line, slot));
                }
            }
        }
        if !rebound.is_empty() {
            changed.at = vec![0; changed.grid.len];
            changed.slots.reserve_exact(rebound.len());
            for (s, line, slot) in rebound {
                let Some(at) = changed.grid.at(s, line) else {
                    return self.unshared(overrides, tables, shared, veto);
                };
                changed.slots.push(slot);
                changed.at[at] = u32::try_from(changed.slots.len()).unwrap_or(0);
            }
        }
        let lines = (!rows.is_empty()).then(|| {
            let printed = RowLines::of(filing, rows);
            // A line printed on the rows as read, or one a reading changes.
            let mut filled = Vec::with_capacity(changed.grid.len);
            for &(start, n, _, _) in &changed.grid.groups {
                for (s, st) in stmts.iter().enumerate().skip(start).take(n) {
                    for (line, old) in st.slots.iter().enumerate() {
                        filled.push(printed.fill(old) || changed.get(s, line).is_some_and(|new| new != old));
                    }
                }
            }
            Lines {
                grid: changed.grid.clone(),
                filled,
            }
        });
        let Built { cells, checks, .. } = build(
            rules,
            stmts,
            Some(Scope {
                tables,
                shared,
                lines,
                veto,
                changed: Some(&changed),
            }),
            Some(&shared.index),
            &shared.memo,
            &shared.prose,
        )?;
        // The groups' statements as bound again.
        let mut bound = Vec::new();
        for &(start, len, _, _) in &changed.grid.groups {
            for (s, st) in stmts.iter().enumerate().skip(start).take(len) {
                let mut st = st.clone();
                for (line, slot) in st.slots.iter_mut().enumerate() {
                    if let Some(new) = changed.get(s, line) {
                        slot.clone_from(new);
                    }
                }
                bound.push(st);
            }
        }
        Some(partial(cells, checks, bound))
    }

    /// The checks (indices into the report's) that [`Rechecker::scoped`] would build for `rows`
    /// of `tables` without overrides and without a veto: found from where the report's checks
    /// have their terms, without building any. None when that is not known (then re-check).
    pub(crate) fn as_read(&self, tables: &[usize], rows: &[(usize, usize)]) -> Option<Vec<usize>> {
        let (report, filing) = (self.report, self.filing);
        let places = report.places.as_deref()?;
        let prepared = report.prepared.as_deref()?;
        if rows.is_empty() || places.at.len() != report.checks.len() {
            return None;
        }
        // The statements in scope: those of the tables' groups, each group's in one run.
        let mut scope = Ranges::default();
        for group in prepared.groups_of(tables) {
            let start = report.bound.iter().position(|s| s.group == group)?;
            let len = report.bound[start..]
                .iter()
                .take_while(|s| s.group == group)
                .count();
            if report.bound[start + len..].iter().any(|s| s.group == group) {
                return None;
            }
            scope.0.push(start..start + len);
        }
        // The lines the rows fill, as in a re-check.
        let printed = RowLines::of(filing, rows);
        let on_rows = |s: u32, line: u32| {
            let slot = report
                .bound
                .get(s as usize)
                .and_then(|st| st.slots.get(line as usize));
            scope.has(s as usize) && slot.is_some_and(|slot| printed.fill(slot))
        };
        // Only checks with a place in scope can be built: those of its statements, looked up
        // when the filing has many (a few thousand are quicker scanned).
        let candidates: Vec<u32> = if places.at.len() <= 4096 {
            (0..places.at.len() as u32).collect()
        } else {
            let by = self
                .by_statement
                .get_or_init(|| ByStatement::new(places, report.bound.len()));
            let mut candidates: Vec<u32> = scope
                .0
                .iter()
                .flat_map(|r| r.clone())
                .flat_map(|s| by.of(s).iter().copied())
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates
        };
        let mut out = Vec::new();
        for k in candidates {
            let k = k as usize;
            let (at, end) = (places.at[k], places.end[k]);
            let from = if k == 0 { 0 } else { places.end[k - 1] };
            let items = &places.items[from as usize..end as usize];
            let touched = items.iter().any(|&(s, line)| match line {
                TOUCHED => scope.has(s as usize),
                line => on_rows(s, line),
            });
            let free = items.is_empty();
            if touched || (free && scope.has(at as usize)) {
                out.push(k);
            }
        }
        Some(out)
    }

    /// [`Rechecker::scoped`] binding the whole filing again.
    fn unshared(
        &self,
        overrides: &[bind::RowReading],
        tables: &[usize],
        shared: &Shared,
        veto: Option<&Veto<'_>>,
    ) -> Option<FilingReport> {
        let binding = bind::bind_with(self.filing, &self.rules.layouts, overrides);
        let memo = Memo::new(binding.statements.len(), shared.memo.slacks.borrow().clone());
        let Built { cells, checks, .. } = build(
            self.rules,
            &binding.statements,
            Some(Scope {
                tables,
                shared,
                lines: None,
                veto,
                changed: None,
            }),
            None,
            &memo,
            &shared.prose,
        )?;
        Some(partial(cells, checks, binding.statements))
    }
}

/// A re-check's report: its checks and the statements it bound, the other fields left empty.
fn partial(cells: Vec<FilingCell>, checks: Vec<FilingCheck>, bound: Vec<BoundStatement>) -> FilingReport {
    FilingReport {
        source: String::new(),
        tables: 0,
        tables_bound: 0,
        statements: bound.len(),
        cells,
        checks,
        unbound: Vec::new(),
        damage: Vec::new(),
        damage_context: Vec::new(),
        bound,
        recognition: Vec::new(),
        prose: Default::default(),
        prepared: None,
        slacks: Default::default(),
        places: None,
    }
}

/// What the checks of one thread keep from one filing to the next: what depends on the rules
/// alone, so that a thread checking many filings makes it once.
#[derive(Default)]
struct Kept {
    /// Check ids and statement names (made from the layouts' keys and lines: bounded by them).
    names: Names,
    /// The translation slacks of the last few rules, most recent last.
    slacks: Vec<KeptSlacks>,
    /// Column labels by column (made afresh when there are more than [`KEPT_NAMES`]).
    labels: FxMap<ColumnKey, Text>,
}

/// The translation slacks of one set of rules: they depend on its layouts, ties and rates alone.
struct KeptSlacks {
    layouts: std::sync::Arc<[Layout]>,
    ties: Vec<Tie>,
    rates: Vec<Option<Decimal>>,
    slacks: std::sync::Arc<FxMap<(usize, usize, usize), Decimal>>,
}

/// How many rules' slacks a thread keeps.
const KEPT_RULES: usize = 4;
/// With more names than this kept, a thread makes them afresh.
const KEPT_NAMES: usize = 1 << 14;

thread_local! {
    static KEPT: std::cell::RefCell<Kept> = std::cell::RefCell::default();
}

/// Each translation's rate under `rules`.
fn translation_rates(rules: &FilingRules) -> Vec<Option<Decimal>> {
    rules
        .relations
        .translations()
        .iter()
        .map(|t| rules.rate(&t.from, &t.to))
        .collect()
}

/// Whether two layout lists are the same layouts: the same keys and the same (`'static`, so
/// never changing) lines, in the same order.
fn same_layouts(a: &[Layout], b: &[Layout]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.key == y.key && std::ptr::eq(x.schema.lines, y.schema.lines))
}

impl KeptSlacks {
    fn of(&self, rules: &FilingRules, rates: &[Option<Decimal>]) -> bool {
        self.rates == rates
            && same_layouts(&self.layouts, &rules.layouts)
            && self.ties == rules.relations.ties()
    }
}

/// The names and slacks this thread kept for `rules` (empty when none).
fn take_kept(
    rules: &FilingRules,
    rates: &[Option<Decimal>],
) -> (Names, FxMap<(usize, usize, usize), Decimal>) {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let names = std::mem::take(&mut k.names);
        let slacks = k
            .slacks
            .iter()
            .find(|e| e.of(rules, rates))
            .map(|e| (*e.slacks).clone())
            .unwrap_or_default();
        (names, slacks)
    })
}

/// Each statement's column label, as this thread made it for an earlier filing (made now
/// when none did).
fn kept_labels(stmts: &[BoundStatement], labels: &[std::cell::OnceCell<Text>]) {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if k.labels.len() > KEPT_NAMES {
            k.labels.clear();
        }
        for (s, cell) in stmts.iter().zip(labels) {
            let label = match k.labels.get(&s.column) {
                Some(t) => t.clone(),
                None => {
                    let t = Text::from(s.column.label());
                    k.labels.insert(s.column.clone(), t.clone());
                    t
                }
            };
            let _ = cell.set(label);
        }
    });
}

/// Keeps `names` and `slacks` for the next filing this thread checks.
fn keep(
    rules: &FilingRules,
    rates: Vec<Option<Decimal>>,
    mut names: Names,
    slacks: &std::sync::Arc<FxMap<(usize, usize, usize), Decimal>>,
) {
    if names.set.len() > KEPT_NAMES {
        names = Names::default();
    }
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        k.names = names;
        match k.slacks.iter_mut().find(|e| e.of(rules, &rates)) {
            Some(e) => e.slacks = std::sync::Arc::clone(slacks),
            None => {
                if k.slacks.len() >= KEPT_RULES {
                    k.slacks.remove(0);
                }
                k.slacks.push(KeptSlacks {
                    layouts: std::sync::Arc::clone(&rules.layouts),
                    ties: rules.relations.ties().to_vec(),
                    rates,
                    slacks: std::sync::Arc::clone(slacks),
                });
            }
        }
    });
}

fn run(filing: &Filing, rules: &FilingRules, overrides: &[bind::RowReading]) -> FilingReport {
    let prepared = bind::Prepared::new(filing, &rules.layouts);
    let binding = prepared.bind(filing, &rules.layouts, overrides);
    let rates = translation_rates(rules);
    let (names, slacks) = take_kept(rules, &rates);
    let mut memo = Memo::new(binding.statements.len(), slacks);
    memo.names = std::cell::RefCell::new(names);
    kept_labels(&binding.statements, &memo.labels);
    let prose = crate::narrative::read_prose(filing, &binding.statements, &rules.layouts);
    // Without a veto, every check is built.
    let Built {
        cells,
        checks,
        places,
    } = build(rules, &binding.statements, None, None, &memo, &prose).unwrap_or_default();
    let slacks = std::sync::Arc::new(memo.slacks.into_inner());
    keep(rules, rates, memo.names.into_inner(), &slacks);
    FilingReport {
        source: filing.source.clone(),
        tables: filing.tables.len(),
        tables_bound: binding.table_layouts.iter().flatten().count(),
        statements: binding.statements.len(),
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
        recognition: binding.recognition,
        prose: std::sync::Arc::new(prose),
        prepared: Some(std::sync::Arc::new(prepared)),
        slacks,
        places: places.map(std::sync::Arc::new),
    }
}

/// Every check over `stmts` (only those involving a statement of `tables` when re-checking);
/// None when the scope's veto rejects them.
fn build(
    rules: &FilingRules,
    stmts: &[BoundStatement],
    scope: Option<Scope<'_>>,
    index: Option<&Index>,
    memo: &Memo,
    prose: &Prose,
) -> Option<Built> {
    let mut owned = None;
    let mut b = Builder {
        stmts,
        layouts: &rules.layouts,
        cells: Vec::new(),
        values: Vec::new(),
        // A re-check builds few checks: its index grows with them, not with the filing.
        index: FxMap::with_capacity_and_hasher(256, Default::default()),
        slot_offsets: Vec::new(),
        slot_cells: Vec::new(),
        checks: Vec::new(),
        scratch: String::new(),
        labels: &memo.labels,
        keys: &memo.keys,
        names: &memo.names,
        slacks: &memo.slacks,
        scope: None,
        lines: None,
        termed: false,
        places: None,
        touched: false,
        veto: None,
        vetoed: false,
        find: match index {
            Some(index) => index,
            None => owned.insert(Index::new(stmts)),
        },
        changed: None,
    };
    if scope.is_none() {
        b.places = Some(Places {
            at: Vec::with_capacity(24 * stmts.len()),
            end: Vec::with_capacity(24 * stmts.len()),
            items: Vec::with_capacity(72 * stmts.len()),
        });
        let mut n = 0;
        b.slot_offsets = stmts
            .iter()
            .map(|st| {
                n += st.slots.len();
                n - st.slots.len()
            })
            .collect();
        b.slot_cells = vec![0; n];
        b.checks.reserve(24 * stmts.len());
        // At most a cell a slot, and the prose's.
        b.cells.reserve(n + 64);
        b.values.reserve(n + 64);
        b.index.reserve(n + 64);
    } else {
        b.checks.reserve(128);
        b.cells.reserve(128);
        b.values.reserve(128);
    }
    if let Some(scope) = scope {
        let mut wanted = Ranges::default();
        for group in scope.shared.prepared.groups_of(scope.tables) {
            if let Some(&(start, len)) = b.find.groups.get(&group) {
                wanted.0.push(start..start + len);
            }
        }
        b.scope = Some(wanted);
        b.lines = scope.lines;
        b.veto = scope.veto;
        b.changed = scope.changed;
    }
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
        if b.vetoed {
            return None;
        }
    }
    // Figures the narrative restates from the tables.
    narrative_checks(&mut b, rules, prose);
    (!b.vetoed).then(|| Built {
        cells: std::mem::take(&mut b.cells),
        checks: std::mem::take(&mut b.checks),
        places: b.places.take(),
    })
}

/// What [`build`] makes.
#[derive(Default)]
struct Built {
    cells: Vec<FilingCell>,
    checks: Vec<FilingCheck>,
    /// Building every check: where their terms are.
    places: Option<Places>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kingsoft;
    use crate::read::DamageKind;

    proptest::proptest! {
        /// The integer short cut finds a check exact only when the decimal arithmetic does.
        #[test]
        fn integer_short_cut_agrees_with_decimals(
            figures in proptest::collection::vec((proptest::bool::ANY, -10_000_000i64..10_000_000), 1..8),
            scale in 0u32..3,
            decimals in 0u32..3,
            foot in proptest::bool::ANY,
            slack in 0i64..3,
        ) {
            let precision = crate::amount::Precision::new(crate::amount::Scale::Thousands, decimals);
            let mut terms = Vec::new();
            let mut values = Vec::new();
            let mut sum = 0i64;
            for (i, &(negative, m)) in figures.iter().enumerate() {
                let c = if negative { Decimal::NEGATIVE_ONE } else { Decimal::ONE };
                terms.push((c, i));
                values.push(Amount::new(Decimal::new(m, scale), precision));
                sum += if negative { -m } else { m };
            }
            if foot {
                // One more term that makes the terms sum to zero.
                terms.push((Decimal::NEGATIVE_ONE, values.len()));
                values.push(Amount::new(Decimal::new(sum, scale), precision));
            }
            let slack = Decimal::new(slack, 1);
            if exact_in_integers(&terms, slack, &values) {
                proptest::prop_assert_eq!(linear_in_decimals(&terms, slack, &values, true), Some(Verdict::Exact));
                proptest::prop_assert_eq!(linear_in_decimals(&terms, slack, &values, false), Some(Verdict::Exact));
            } else {
                proptest::prop_assert!(!(foot && scale <= decimals), "a footing sum of ±1 terms is taken");
            }
        }
    }

    proptest::proptest! {
        /// Translations at a rate: the integer short cut finds one exact only when the decimal
        /// arithmetic does, and takes the usual case (the figure as translated and rounded).
        #[test]
        fn integer_short_cut_agrees_on_translations(
            rate in 10_000i64..100_000,
            figure in -100_000_000i64..100_000_000,
            nudge in -3i64..4,
            decimals in 0u32..3,
            slack in 0i64..3,
        ) {
            let precision = crate::amount::Precision::new(crate::amount::Scale::Thousands, decimals);
            let coefficient = -Decimal::ONE / Decimal::new(rate, 4);
            let source = Amount::new(Decimal::new(figure, decimals), precision);
            let translated = (source.value() * -coefficient).round_dp(decimals);
            let reported = Amount::new(translated + Decimal::new(nudge, decimals), precision);
            let terms = [(Decimal::ONE, 0), (coefficient, 1)];
            let values = [reported, source];
            let slack = Decimal::new(slack, 1);
            if exact_in_integers(&terms, slack, &values) {
                proptest::prop_assert_eq!(linear_in_decimals(&terms, slack, &values, true), Some(Verdict::Exact));
                proptest::prop_assert_eq!(linear_in_decimals(&terms, slack, &values, false), Some(Verdict::Exact));
            } else {
                // Only a figure off by a digit or more, or one at a midpoint of its rounding.
                let off = (reported.value() - source.value() * -coefficient).abs() * Decimal::from(10i64.pow(decimals));
                proptest::prop_assert!(nudge != 0 || off >= Decimal::new(49, 2), "the translated figure is taken");
            }
        }
    }

    proptest::proptest! {
        /// Ratios: the integer short cut finds one exact only when the interval arithmetic does,
        /// and takes the usual case (the ratio as printed, rounded).
        #[test]
        fn integer_short_cut_agrees_on_ratios(
            numerator in -1_000_000_000i64..1_000_000_000,
            denominator in 1i64..1_000_000_000,
            negative in proptest::bool::ANY,
            percent in proptest::bool::ANY,
            places in 0u32..3,
            decimals in 0u32..3,
            nudge in -3i64..4,
        ) {
            let p = crate::amount::Precision::new(crate::amount::Scale::Thousands, places);
            let n = Amount::new(Decimal::new(numerator, places), p);
            let d = Amount::new(Decimal::new(if negative { -denominator } else { denominator }, places), p);
            let scale = if percent { Decimal::ONE_HUNDRED } else { Decimal::ONE };
            let printed = (n.value() / d.value() * scale).round_dp(decimals);
            let r = Amount::new(
                printed + Decimal::new(nudge, decimals),
                crate::amount::Precision::new(crate::amount::Scale::Units, decimals),
            );
            let values = [r, n, d];
            let numerator = [(Decimal::ONE, 1)];
            if ratio_exact_in_integers(&numerator, 2, scale, 0, &values) {
                let verdict = crate::verdict::ratio_of_interval(n.value(), n.interval(), d, scale, r);
                proptest::prop_assert_eq!(verdict, Verdict::Exact);
            } else {
                let off = (r.value() - n.value() / d.value() * scale).abs() * Decimal::from(10i64.pow(decimals));
                proptest::prop_assert!(
                    nudge != 0 || off >= Decimal::new(49, 2) || d.value().abs() < Decimal::ONE,
                    "the printed ratio is taken"
                );
            }
        }
    }

    proptest::proptest! {
        /// Figures printed with different decimal places (the prose's millions with one place
        /// against a table's thousands with none): the integer short cut finds a check exact
        /// only when the decimal arithmetic does, and takes the usual case.
        #[test]
        fn integer_short_cut_agrees_across_decimal_places(
            figure in -100_000_000i64..100_000_000,
            nudge in -3i64..4,
            places in 0u32..3,
        ) {
            let table = Amount::new(Decimal::new(figure, 0), crate::amount::Precision::new(crate::amount::Scale::Thousands, 0));
            let coefficient = Decimal::new(1, 3);
            let restated = (table.value() * coefficient).round_dp(places);
            let prose = Amount::new(
                restated + Decimal::new(nudge, places),
                crate::amount::Precision::new(crate::amount::Scale::Millions, places),
            );
            let terms = [(Decimal::ONE, 0), (-coefficient, 1)];
            let values = [prose, table];
            if exact_in_integers(&terms, Decimal::ZERO, &values) {
                proptest::prop_assert_eq!(linear_in_decimals(&terms, Decimal::ZERO, &values, true), Some(Verdict::Exact));
                proptest::prop_assert_eq!(linear_in_decimals(&terms, Decimal::ZERO, &values, false), Some(Verdict::Exact));
            } else {
                let off = (prose.value() - table.value() * coefficient).abs() * Decimal::from(10i64.pow(places));
                proptest::prop_assert!(nudge != 0 || off >= Decimal::new(49, 2), "the restated figure is taken");
            }
        }
    }

    /// A re-check scoped to a table gives, for every check it builds, the verdict the whole
    /// re-check gives; and every check the other reading changes is among them.
    #[test]
    fn scoped_recheck_agrees_with_the_whole_recheck() {
        let b = kingsoft::Q2_2025;
        let filing = crate::read::read(b.name, b.text.as_bytes()).expect("readable");
        let rules = kingsoft::rules_for(&filing);
        let report = check_filing(&filing, &rules);
        // The share-based compensation row printed one column to the right (line 222).
        let shifted = filing
            .damage
            .iter()
            .find(|d| matches!(d.kind, DamageKind::ShiftedRow))
            .expect("the shifted row");
        let (table, row) = (shifted.table.expect("in a table"), shifted.row.expect("a row"));
        assert_eq!(filing.tables[table].rows[row].location.line, 222);
        let recheck = Rechecker::new(&filing, &rules, &report);
        let verdicts = |r: &FilingReport| -> std::collections::BTreeMap<(Text, Text, usize), Verdict> {
            r.checks.iter().map(|c| (c.key(), c.verdict.clone())).collect()
        };
        let base = verdicts(&report);
        let readings = filing.tables[table].rows[row].readings.len();
        assert!(readings >= 2, "the row has other readings");
        let shape = |s: &BoundStatement| (s.group, s.column.clone(), s.slots.clone());
        for reading in 0..readings {
            let o = [bind::RowReading { table, row, reading }];
            let again = check_filing_with(&filing, &rules, &o);
            let whole = verdicts(&again);
            let Some(scoped) = recheck.scoped(&o, &[table], &[(table, row)], None) else {
                panic!("a re-check without a veto gives a report");
            };
            // Its statements are the table's group bound again under the reading.
            let group = scoped.bound.first().map(|s| s.group);
            assert_eq!(
                scoped.bound.iter().map(shape).collect::<Vec<_>>(),
                again
                    .bound
                    .iter()
                    .filter(|s| Some(s.group) == group)
                    .map(shape)
                    .collect::<Vec<_>>(),
                "under reading {reading}"
            );
            assert_eq!(scoped.bound.len(), 7);
            let scoped = verdicts(&scoped);
            assert!(!scoped.is_empty());
            for (key, v) in &scoped {
                assert_eq!(whole.get(key), Some(v), "{key:?} under reading {reading}");
            }
            for (key, v) in &whole {
                if base.get(key) != Some(v) {
                    assert!(scoped.contains_key(key), "{key:?} changed but is out of scope");
                }
            }
        }
    }

    /// The checks a re-check without overrides would build, found from where the report's
    /// checks have their terms, are the ones it builds, in order and with their verdicts: for
    /// every row of every table of both filings (and of Q2 2025 printed eight times), and for the
    /// nine rows of Q2 2025 missing a column together.
    #[test]
    fn checks_in_scope_as_read_are_those_a_recheck_builds() {
        // Eight copies make more checks than are scanned: they are looked up by statement.
        let eight = format!("{}\n", kingsoft::Q2_2025.text).repeat(8);
        let texts = [kingsoft::Q2_2025.text, kingsoft::H1_2023.text, eight.as_str()];
        let mut compared = 0;
        for text in texts {
            let filing = crate::read::read("filing", text.as_bytes()).expect("readable");
            let rules = kingsoft::rules_for(&filing);
            let report = check_filing(&filing, &rules);
            let recheck = Rechecker::new(&filing, &rules, &report);
            let shown = |checks: &mut dyn Iterator<Item = &FilingCheck>| -> Vec<_> {
                checks.map(|c| (c.key(), c.verdict.clone())).collect()
            };
            let mut scopes: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
            for (t, table) in filing.tables.iter().enumerate() {
                scopes.extend((0..table.rows.len()).map(|r| (t, vec![(t, r)])));
                let missing: Vec<(usize, usize)> = filing
                    .damage
                    .iter()
                    .filter(|d| d.table == Some(t) && matches!(d.kind, DamageKind::MissingCells { .. }))
                    .filter_map(|d| Some((t, d.row?)))
                    .collect();
                if !missing.is_empty() {
                    scopes.push((t, missing));
                }
            }
            for (t, rows) in scopes {
                let Some(found) = recheck.as_read(&[t], &rows) else {
                    panic!("table {t}: where the checks are is known");
                };
                let built = recheck.scoped(&[], &[t], &rows, None).expect("no veto");
                assert_eq!(
                    shown(&mut found.iter().map(|&k| &report.checks[k])),
                    shown(&mut built.checks.iter()),
                    "table {t}, rows {rows:?}"
                );
                compared += found.len();
            }
        }
        // Not vacuous: the scopes hold thousands of checks between them.
        assert!(compared > 20_000, "{compared} checks compared");
    }

    #[test]
    fn a_veto_rejects_exactly_the_readings_breaking_a_check_it_does_not_allow() {
        let b = kingsoft::Q2_2025;
        let filing = crate::read::read(b.name, b.text.as_bytes()).expect("readable");
        let rules = kingsoft::rules_for(&filing);
        let report = check_filing(&filing, &rules);
        // The nine rows of line 180-189 print 6 figures for 7 columns: 7 readings.
        let (table, rows): (usize, Vec<usize>) = {
            let d: Vec<_> = filing
                .damage
                .iter()
                .filter(|d| matches!(d.kind, DamageKind::MissingCells { .. }) && d.row.is_some())
                .filter(|d| {
                    filing.tables[d.table.expect("in a table")].rows[d.row.expect("row")]
                        .location
                        .line
                        == 180
                })
                .collect();
            let t = d[0].table.expect("in a table");
            let rows = filing
                .damage
                .iter()
                .filter(|x| x.table == Some(t) && matches!(x.kind, DamageKind::MissingCells { .. }))
                .filter_map(|x| x.row)
                .collect();
            (t, rows)
        };
        assert_eq!(rows.len(), 9);
        let failed: std::collections::BTreeSet<(Text, Text, usize)> =
            report.failures().map(|c| c.key()).collect();
        let veto = Veto {
            allowed: &failed,
            prose: true,
        };
        let rows_of: Vec<(usize, usize)> = rows.iter().map(|&r| (table, r)).collect();
        let recheck = Rechecker::new(&filing, &rules, &report);
        let mut kept = Vec::new();
        for reading in 0..7 {
            let o: Vec<bind::RowReading> = rows
                .iter()
                .map(|&row| bind::RowReading { table, row, reading })
                .collect();
            let whole = recheck.scoped(&o, &[table], &rows_of, None).expect("no veto");
            let breaks = whole
                .failures()
                .any(|c| !c.id.starts_with("narrative:") && !failed.contains(&c.key()));
            let vetoed = recheck.scoped(&o, &[table], &rows_of, Some(&veto));
            assert_eq!(vetoed.is_none(), breaks, "reading {reading}");
            if let Some(r) = vetoed {
                assert_eq!(r.checks.len(), whole.checks.len());
                kept.push(reading);
            }
        }
        // Only the reading leaving the six-month RMB column empty breaks nothing.
        assert_eq!(kept.len(), 1);
        let t = &filing.tables[table];
        let reading = &t.rows[rows[0]].readings[kept[0]];
        let missing: Vec<String> = (0..t.columns.len())
            .filter(|c| !reading.contains(c))
            .map(|c| {
                bind::ColumnKey {
                    period: t.columns[c].period,
                    currency: t.columns[c].currency.clone(),
                }
                .label()
            })
            .collect();
        assert_eq!(missing, ["6M to Jun 30, 2025 RMB"]);
    }
}
