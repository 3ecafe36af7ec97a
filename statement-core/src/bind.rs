//! Binding read tables to declared layouts: each column of a recognised table becomes one
//! statement (its period and currency), each row one line item; every number is bound or listed as
//! unbound, with the reason.
//!
//! ```
//! use statement_core::{bind::{bind, Layout}, kingsoft::{self, BalanceSheet}, read, Rmb};
//!
//! let text = kingsoft::Q2_2025.text;
//! let filing = read::read("q2-2025.txt", text.as_bytes()).unwrap();
//! let binding = bind(&filing, &[Layout::of::<BalanceSheet<Rmb>>("balance_sheet")]);
//! // Dec 31, 2024 RMB, Jun 30, 2025 RMB and Jun 30, 2025 US$.
//! assert_eq!(binding.statements.len(), 3);
//! ```

use serde::Serialize;

use crate::Text;
use crate::amount::{Amount, Precision, QuantityKind, Scale};
use crate::read::{Cell, Filing, Location, Number, Period, Row, Table};
use crate::schema::{Schema, Statement, normalize_label};

/// A layout the binder may recognise: a key (used in check ids), a schema, and the share of its
/// lines a table must print (in order, a total among them) to be recognised as it.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Stable key, e.g. `balance_sheet`.
    pub key: &'static str,
    /// The derived schema.
    pub schema: Schema,
    /// The share of the layout's lines, in percent, that a table must print in the layout's order
    /// to be recognised as this statement ([`DEFAULT_SHARE`] unless declared with
    /// [`Layout::recognised_from`]). A table whose title names the statement, or whose every
    /// labelled row is a line of the layout, needs half of it; one that does both, two lines.
    pub share: u8,
}

/// The share of a layout's lines, in percent, a table must print to be recognised as it, unless
/// the layout declares another.
pub const DEFAULT_SHARE: u8 = 50;

impl Layout {
    /// The layout of a derived statement type.
    pub const fn of<S: Statement>(key: &'static str) -> Layout {
        Layout {
            key,
            schema: S::SCHEMA,
            share: DEFAULT_SHARE,
        }
    }

    /// The same layout, recognised in a table that prints `percent` of its lines (in order, a
    /// total among them): a low share for a layout printed piecemeal over several tables, a high
    /// one for a layout whose few lines are common words.
    ///
    /// ```
    /// use statement_core::{bind::Layout, kingsoft::Margins};
    /// const MARGINS: Layout = Layout::of::<Margins>("margins").recognised_from(25);
    /// assert_eq!(MARGINS.share, 25);
    /// ```
    pub const fn recognised_from(self, percent: u8) -> Layout {
        Layout {
            share: if percent > 100 { 100 } else { percent },
            ..self
        }
    }
}

/// Which statement a column is: its period and currency.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ColumnKey {
    /// The period.
    pub period: Period,
    /// The currency (`RMB`, `US$`), if the header names one.
    pub currency: Option<String>,
}

impl ColumnKey {
    /// A short label for people: `6M to Jun 30, 2025 RMB`, `Dec 31, 2024 US$`.
    ///
    /// ```
    /// use statement_core::{bind::ColumnKey, read::{Date, Period}};
    /// let k = ColumnKey { period: Period::Duration { months: 6, end: Date { year: 2025, month: 6, day: 30 } },
    ///                     currency: Some("RMB".into()) };
    /// assert_eq!(k.label(), "6M to Jun 30, 2025 RMB");
    /// ```
    pub fn label(&self) -> String {
        let p = period_label(&self.period);
        match &self.currency {
            Some(c) => format!("{p} {c}"),
            None => p,
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A period for people: `Jun 30, 2025` (instant) or `3M to Jun 30, 2025` (duration).
pub fn period_label(p: &Period) -> String {
    let date = |d: &crate::read::Date| {
        let m = MONTHS.get(usize::from(d.month.saturating_sub(1))).unwrap_or(&"?");
        format!("{m} {}, {}", d.day, d.year)
    };
    match p {
        Period::Instant { date: d } => date(d),
        Period::Duration { months, end } => format!("{months}M to {}", date(end)),
        Period::Unknown => "unknown period".to_string(),
    }
}

/// A located cell, as reports show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column in the file.
    #[serde(skip)]
    pub col: u32,
    /// The row's label.
    pub label: Text,
    /// The column's label.
    pub column: Text,
    /// The value in printed units (`-117819`), or the text as printed when it is not a number.
    pub value: Text,
}

/// What a statement holds for one line item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A printed figure.
    Value {
        /// The figure.
        amount: Amount,
        /// Where it is.
        cell: CellRef,
    },
    /// The line is not printed in this table.
    Absent,
    /// The line is printed but its figure for this column cannot be read (ambiguous alignment,
    /// not a number).
    Damaged {
        /// Where the row is.
        location: Location,
    },
}

impl Slot {
    /// The figure, when printed and readable.
    pub fn amount(&self) -> Option<Amount> {
        match self {
            Slot::Value { amount, .. } => Some(*amount),
            _ => None,
        }
    }

    /// The located cell, when printed and readable.
    pub fn cell(&self) -> Option<&CellRef> {
        match self {
            Slot::Value { cell, .. } => Some(cell),
            _ => None,
        }
    }
}

/// One column of a recognised table (or of consecutive tables of one layout) bound to a layout.
#[derive(Clone, Debug)]
pub struct BoundStatement {
    /// Index of the layout in the slice given to [`bind`].
    pub layout: usize,
    /// The layout's key.
    pub key: &'static str,
    /// The tables (indices into [`Filing::tables`]) the statement was read from.
    pub tables: Vec<usize>,
    /// Which group of consecutive tables (several statements share a group: one per column).
    pub group: usize,
    /// The column's period and currency.
    pub column: ColumnKey,
    /// Whether the column holds percentages of the layout's other quantities: year-on-year
    /// changes ("Year-on-year Change") or each line's share of the total ("Percentage"); the
    /// filing's rules say which.
    pub percent_column: bool,
    /// One slot per line of the layout, in [`Schema::lines`] order.
    pub slots: Vec<Slot>,
    /// Totals (indices into [`Schema::lines`]) between whose terms the table prints a row with
    /// figures whose label no line of the layout has: the layout does not describe that part of
    /// the table, so the footing is not evaluated.
    pub doubtful: Vec<usize>,
}

impl BoundStatement {
    /// The figures in line order, for [`crate::check::evaluate`].
    pub fn amounts(&self) -> Vec<Option<Amount>> {
        self.slots.iter().map(Slot::amount).collect()
    }

    /// The column as a typed statement of the layout it was bound to (for example
    /// `kingsoft::BalanceSheet<Rmb>`); fails when a required line is absent or unreadable.
    ///
    /// ```
    /// use statement_core::{bind::{bind, Layout}, kingsoft::{BalanceSheet, Q2_2025}, read, Rmb, Statement};
    /// let filing = read::read(Q2_2025.name, Q2_2025.text.as_bytes()).unwrap();
    /// let binding = bind(&filing, &[Layout::of::<BalanceSheet<Rmb>>("balance_sheet")]);
    /// let sheet: BalanceSheet<Rmb> = binding.statements[1].typed().unwrap();
    /// assert_eq!(sheet.total_current_assets.amount().value(), 10_386_041.into());
    /// assert!(sheet.check().iter().all(|c| c.verdict.holds()));
    /// ```
    pub fn typed<S: Statement>(&self) -> Result<S, crate::schema::MissingLine> {
        S::from_amounts(&self.amounts())
    }

    /// Whether the line's figure is printed but unreadable.
    pub fn damaged(&self, line: usize) -> bool {
        matches!(self.slots.get(line), Some(Slot::Damaged { .. }))
    }
}

/// A number of a statement table that no line item took, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unbound {
    /// Where it is.
    pub line: u32,
    /// The row's label.
    pub label: String,
    /// The column, when known.
    pub column: String,
    /// The text as printed.
    pub value: String,
    /// Why it was not bound.
    pub reason: String,
}

/// Whether a table was recognised as one statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// One layout explains the table beyond doubt (other layouts may also fit, less well: see
    /// [`Recognition::candidates`]).
    Recognised,
    /// No layout has enough evidence: nothing of the table is checked.
    NotRecognised,
    /// Two layouts fit the table equally well: nothing of it is checked.
    Ambiguous,
}

/// What a table prints that speaks for one layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The layout's key.
    pub layout: &'static str,
    /// The layout's type name.
    pub statement: &'static str,
    /// Whether the table's title contains the layout's title.
    pub title: bool,
    /// Lines of the layout that the table prints with their label, in the layout's order.
    pub lines_found: usize,
    /// Lines of the layout.
    pub lines: usize,
    /// Lines found needed for recognition.
    pub needed: usize,
    /// Whether a total or subtotal of the layout is among the lines found (always true for a
    /// layout without totals).
    pub total: bool,
    /// Rows of the table printed with a label and figures.
    pub rows: usize,
    /// Whether the table is bound by the position of its rows: it prints no label, its title
    /// names the layout and its complete rows are exactly the layout's lines.
    pub positional: bool,
    /// Whether the evidence suffices.
    pub recognised: bool,
}

impl Evidence {
    /// How strongly the table speaks for the layout: more rows explained first, then a larger
    /// share of the layout's lines, then the title.
    fn rank(&self) -> (usize, usize, bool) {
        (
            self.lines_found,
            self.lines_found * 1000 / self.lines.max(1),
            self.title,
        )
    }

    /// One sentence: `12 of 27 lines of `balance_sheet` in order (needs 14), a total among them`.
    pub fn describe(&self) -> String {
        if self.positional {
            return format!(
                "no labels; title names `{}` and its {} complete rows are the layout's lines",
                self.layout, self.lines
            );
        }
        let rows = if self.lines_found * 3 >= self.rows * 2 {
            String::new()
        } else {
            format!(
                ", only {} of the table's {} labelled rows",
                self.lines_found, self.rows
            )
        };
        format!(
            "{} of {} lines of `{}` in order (needs {}){}{}{}",
            self.lines_found,
            self.lines,
            self.layout,
            self.needed,
            if self.total { "" } else { ", no total among them" },
            rows,
            if self.title { ", title matches" } else { "" }
        )
    }
}

/// How one table of the filing was recognised, or why it was not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recognition {
    /// Index into [`Filing::tables`].
    pub table: usize,
    /// The table's title as printed.
    pub title: String,
    /// Where the title is (1-based line).
    pub line: u32,
    /// The table's first and last line.
    pub lines: (u32, u32),
    /// The outcome.
    pub outcome: Outcome,
    /// The key of the layout bound, when recognised.
    pub layout: Option<&'static str>,
    /// The layouts that could bind the table, best first; when none could, the best evidence
    /// found (at most three).
    pub candidates: Vec<Evidence>,
    /// A sentence for people.
    pub reason: String,
}

/// The result of binding a filing.
#[derive(Clone, Debug, Default)]
pub struct Binding {
    /// One statement per (group of tables, column).
    pub statements: Vec<BoundStatement>,
    /// Numbers not bound to any line item.
    pub unbound: Vec<Unbound>,
    /// For each table of the filing, the layout recognised (index into the layouts).
    pub table_layouts: Vec<Option<usize>>,
    /// For each table of the filing, how it was recognised or why not.
    pub recognition: Vec<Recognition>,
}

/// Recognises each table's layout from its rows' labels (and title), then binds every column.
///
/// A table is recognised as a layout when it prints, with their labels and in the layout's
/// order, at least the layout's declared share ([`Layout::share`]) of its lines, a total among
/// them; half that share suffices when the table's title contains the layout's title or when
/// every labelled row of the table is a line of the layout, two lines when both hold; never
/// fewer than two lines (one for a layout of one line); and, unless the title names the
/// statement, two thirds of the table's labelled rows must be lines of the layout. A table without any label is recognised only by its title, when its
/// complete rows are exactly the layout's lines, which it then binds in order. When several
/// layouts are recognised, the one explaining most rows binds (then the one whose lines the
/// table covers best); a tie leaves the table unbound and reported as ambiguous. Consecutive
/// tables of one layout with the same columns (a statement broken by a page) form one group and
/// are bound together.
///
/// ```
/// use statement_core::{bind::{bind, Layout, Outcome}, kingsoft::BalanceSheet, read, Rmb};
/// let text = "CONDENSED BALANCE SHEETS\n\n\tDec 31, 2024\tJun 30, 2025\n\
///             Cash and cash equivalents\t10\t20\nInventories\t5\t5\nTotal assets\t15\t25\n";
/// let filing = read::read("other.txt", text.as_bytes()).unwrap();
/// let binding = bind(&filing, &[Layout::of::<BalanceSheet<Rmb>>("balance_sheet")]);
/// // Two of the balance sheet's 31 lines: not that statement.
/// assert_eq!(binding.recognition[0].outcome, Outcome::NotRecognised);
/// assert!(binding.statements.is_empty());
/// ```
pub fn bind(filing: &Filing, layouts: &[Layout]) -> Binding {
    bind_with(filing, layouts, &[])
}

/// A chosen alignment for one row: `readings[reading]` of row `row` of table `table`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowReading {
    /// Table index.
    pub table: usize,
    /// Row index in the table.
    pub row: usize,
    /// Index into the row's readings.
    pub reading: usize,
}

/// The labels of a layout, folded once per [`bind_with`].
struct LayoutKeys {
    /// Each folded label and alias, with the lines printing it, in line order.
    lines: std::collections::HashMap<String, Vec<usize>>,
    /// For each line, its section folded, if declared.
    sections: Vec<Option<String>>,
    /// The title folded (empty when none was declared).
    title: String,
    /// Whether the layout declares any total.
    has_totals: bool,
}

impl LayoutKeys {
    fn new(layout: &Layout) -> LayoutKeys {
        let schema = &layout.schema;
        let mut lines: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, l) in schema.lines.iter().enumerate() {
            for label in std::iter::once(&l.label).chain(l.aliases) {
                let v = lines.entry(match_key(label)).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        LayoutKeys {
            lines,
            sections: schema.lines.iter().map(|l| l.section.map(match_key)).collect(),
            title: normalize_label(schema.title),
            has_totals: schema.lines.iter().any(|l| l.formula.is_some()),
        }
    }

    /// The line a row labelled `key` under `section` takes: a label printed twice takes the
    /// line of its section, else the first line not yet taken. `Err(true)` when every line of
    /// that label is taken, `Err(false)` when no line has it.
    fn line_for(&self, key: &str, section: &str, taken: &[bool]) -> Result<usize, bool> {
        let Some(candidates) = self.lines.get(key) else {
            return Err(false);
        };
        let free = || {
            candidates
                .iter()
                .copied()
                .filter(|&l| !taken.get(l).copied().unwrap_or(true))
        };
        free()
            .find(|&l| self.sections[l].as_deref() == Some(section))
            .or_else(|| free().next())
            .ok_or(true)
    }
}

/// The folded keys of a table's rows, computed once: `(key, section)` for rows with figures,
/// `None` for headings.
struct TableKeys {
    rows: Vec<Option<(String, String)>>,
    /// Whether any row with figures prints a label.
    labelled: bool,
    title: String,
}

impl TableKeys {
    fn new(table: &Table) -> TableKeys {
        let mut section = String::new();
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(ri, r)| {
                if r.cells.is_empty() {
                    section = match_key(&r.label);
                    None
                } else {
                    Some((row_key(table, ri), section.clone()))
                }
            })
            .collect();
        TableKeys {
            rows,
            labelled: table
                .rows
                .iter()
                .any(|r| !r.cells.is_empty() && !r.label.trim().is_empty()),
            title: normalize_label(&table.title),
        }
    }
}

/// [`bind`], with some rows read in another of their possible alignments (used to test whether
/// realigning a damaged row explains failures).
pub fn bind_with(filing: &Filing, layouts: &[Layout], overrides: &[RowReading]) -> Binding {
    Prepared::new(filing, layouts).bind(filing, layouts, overrides)
}

/// What binding a filing needs that no reading of a row changes: the layouts' and tables' folded
/// labels, each table's recognition and the groups of tables. Computed once when a filing is
/// bound under several readings (localisation).
pub(crate) struct Prepared {
    lkeys: Vec<LayoutKeys>,
    tkeys: Vec<TableKeys>,
    recognition: Vec<Recognition>,
    table_layouts: Vec<Option<usize>>,
    /// (layout, tables) of each group of consecutive tables bound together.
    groups: Vec<(usize, Vec<usize>)>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("groups", &self.groups)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    pub(crate) fn new(filing: &Filing, layouts: &[Layout]) -> Prepared {
        let lkeys: Vec<LayoutKeys> = layouts.iter().map(LayoutKeys::new).collect();
        let tkeys: Vec<TableKeys> = filing.tables.iter().map(TableKeys::new).collect();
        let recognition: Vec<Recognition> = filing
            .tables
            .iter()
            .enumerate()
            .map(|(ti, t)| recognise(ti, t, &tkeys[ti], layouts, &lkeys))
            .collect();
        let table_layouts: Vec<Option<usize>> = recognition
            .iter()
            .map(|r| {
                let key = r.layout?;
                let name = r.candidates.first()?.statement;
                layouts.iter().position(|l| l.key == key && l.schema.name == name)
            })
            .collect();
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for (ti, layout) in table_layouts.iter().enumerate() {
            let Some(li) = *layout else { continue };
            match groups.last_mut() {
                Some((g, tables))
                    if *g == li
                        && tables.last() == Some(&(ti - 1))
                        && same_columns(&filing.tables[ti - 1], &filing.tables[ti]) =>
                {
                    tables.push(ti)
                }
                _ => groups.push((li, vec![ti])),
            }
        }
        Prepared {
            lkeys,
            tkeys,
            recognition,
            table_layouts,
            groups,
        }
    }

    /// The groups holding one of `tables`.
    pub(crate) fn groups_of<'t>(&'t self, tables: &'t [usize]) -> impl Iterator<Item = usize> + 't {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, (_, g))| g.iter().any(|t| tables.contains(t)))
            .map(|(gi, _)| gi)
    }

    /// The statements of group `gi` alone, with `overrides` applied.
    pub(crate) fn bind_group(
        &self,
        filing: &Filing,
        layouts: &[Layout],
        overrides: &[RowReading],
        gi: usize,
    ) -> Vec<BoundStatement> {
        let mut out = Binding::default();
        bind_group(filing, &self.group(layouts, gi), &self.tkeys, overrides, &mut out);
        out.statements
    }

    /// Group `gi` with its layout and folded labels.
    fn group<'s>(&'s self, layouts: &'s [Layout], gi: usize) -> Group<'s> {
        let (li, tables) = &self.groups[gi];
        Group {
            layout: &layouts[*li],
            keys: &self.lkeys[*li],
            li: *li,
            gi,
            tables,
        }
    }

    /// Binds every group, with `overrides` applied.
    pub(crate) fn bind(&self, filing: &Filing, layouts: &[Layout], overrides: &[RowReading]) -> Binding {
        let mut out = Binding {
            table_layouts: self.table_layouts.clone(),
            recognition: self.recognition.clone(),
            ..Binding::default()
        };
        for (ti, layout) in self.table_layouts.iter().enumerate() {
            if layout.is_some() {
                continue;
            }
            let reason = match out.recognition[ti].outcome {
                Outcome::Ambiguous => "the table could be several statements: not bound",
                _ => "no layout recognised for this table",
            };
            for row in &filing.tables[ti].rows {
                unbind_row(&mut out.unbound, filing, ti, row, reason);
            }
        }
        for gi in 0..self.groups.len() {
            bind_group(filing, &self.group(layouts, gi), &self.tkeys, overrides, &mut out);
        }
        out
    }
}

fn same_columns(a: &Table, b: &Table) -> bool {
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.period == y.period && x.currency == y.currency)
}

/// Label folded for matching: [`normalize_label`] without list markers ("– ", "- ", "• ").
fn match_key(label: &str) -> String {
    let n = normalize_label(label);
    let t = n.trim_start_matches(['-', '•', '*', ' ']).trim();
    if t.len() == n.len() { n } else { t.to_string() }
}

/// Length of the longest strictly increasing subsequence of `seq` (patience sorting,
/// O(n log n)): how many of the lines a table prints follow the layout's order.
fn ordered_lines(seq: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in seq {
        let k = tails.partition_point(|&t| t < x);
        if k == tails.len() {
            tails.push(x);
        } else {
            tails[k] = x;
        }
    }
    tails.len()
}

/// The evidence a table gives for one layout.
fn evidence(table: &Table, tk: &TableKeys, layout: &Layout, lk: &LayoutKeys) -> Evidence {
    let schema = &layout.schema;
    let n = schema.lines.len();
    let title = !lk.title.is_empty() && tk.title.contains(&lk.title);
    let mut ev = Evidence {
        layout: layout.key,
        statement: schema.name,
        title,
        lines_found: 0,
        lines: n,
        needed: n,
        total: !lk.has_totals,
        rows: 0,
        positional: false,
        recognised: false,
    };
    if !tk.labelled {
        // No label at all: only the title can tell, and the rows must be exactly the lines.
        let complete = table
            .rows
            .iter()
            .filter(|r| !r.cells.is_empty() && r.cells.len() == table.columns.len())
            .count();
        ev.positional = title && complete == n && n > 0;
        ev.recognised = ev.positional;
        ev.lines_found = if ev.positional { n } else { 0 };
        ev.total = ev.positional || ev.total;
        return ev;
    }
    let mut taken = vec![false; n];
    let mut seq = Vec::new();
    let mut unlabelled_total = false;
    for (ri, r) in table.rows.iter().enumerate() {
        let Some((key, section)) = &tk.rows[ri] else {
            continue;
        };
        let line = lk.line_for(key, section, &taken);
        // Only printed labels count as lines found: a row without a label cannot tell which
        // layout a table is. It can only show that the table closes with a total ("Total").
        if r.label.trim().is_empty() {
            unlabelled_total |= line.is_ok_and(|l| schema.lines[l].formula.is_some());
            continue;
        }
        ev.rows += 1;
        if let Ok(l) = line {
            taken[l] = true;
            seq.push(l);
        }
    }
    let found = ordered_lines(&seq);
    ev.lines_found = found;
    ev.total = ev.total || unlabelled_total || seq.iter().any(|&l| schema.lines[l].formula.is_some());
    let share = usize::from(layout.share);
    let full = (n * share).div_ceil(100);
    let every_row = found == ev.rows;
    // The title naming the statement and every labelled row being one of its lines are each
    // evidence: either halves the share needed; both together leave the minimum.
    ev.needed = match (title, every_row) {
        (true, true) => 0,
        (true, false) | (false, true) => full.div_ceil(2),
        (false, false) => full,
    }
    .max(n.min(2));
    // And the table must be that statement: its title names it, or two thirds of its labelled
    // rows are lines of the layout (another company's statement shares a few labels, not most
    // of them). A layout of a few lines of a statement (its cash lines) binds by the title.
    ev.recognised = found >= ev.needed && ev.total && (title || found * 3 >= ev.rows * 2);
    ev
}

fn recognise(
    ti: usize,
    table: &Table,
    tk: &TableKeys,
    layouts: &[Layout],
    lkeys: &[LayoutKeys],
) -> Recognition {
    let mut all: Vec<Evidence> = layouts
        .iter()
        .zip(lkeys)
        .map(|(l, k)| evidence(table, tk, l, k))
        .collect();
    // Best first; equal evidence keeps the layouts' order.
    all.sort_by(|a, b| b.recognised.cmp(&a.recognised).then(b.rank().cmp(&a.rank())));
    let mut rec = Recognition {
        table: ti,
        title: table.title.clone(),
        line: table.title_location.line,
        lines: table.lines,
        outcome: Outcome::NotRecognised,
        layout: None,
        candidates: Vec::new(),
        reason: String::new(),
    };
    let recognised = all.iter().filter(|e| e.recognised).count();
    if recognised == 0 {
        all.retain(|e| e.lines_found > 0 || e.title);
        all.truncate(3);
        rec.reason = match all.first() {
            Some(best) => format!("not recognised: best evidence {}", best.describe()),
            None => "not recognised: no line of any layout is printed".to_string(),
        };
        rec.candidates = all;
        return rec;
    }
    all.truncate(recognised);
    // The same schema under two keys is one statement; a tie between two schemas is doubt.
    let tie = all.len() > 1 && all[1].rank() == all[0].rank() && all[1].statement != all[0].statement;
    if tie {
        rec.outcome = Outcome::Ambiguous;
        rec.reason = format!(
            "ambiguous: `{}` and `{}` fit equally ({})",
            all[0].layout,
            all[1].layout,
            all[0].describe()
        );
    } else {
        rec.outcome = Outcome::Recognised;
        rec.layout = Some(all[0].layout);
        rec.reason = if all.len() > 1 {
            let others: Vec<String> = all[1..].iter().map(|e| format!("`{}`", e.layout)).collect();
            format!(
                "recognised as `{}` ({}); could also be {}, which explain fewer rows",
                all[0].layout,
                all[0].describe(),
                others.join(", ")
            )
        } else {
            format!("recognised as `{}` ({})", all[0].layout, all[0].describe())
        };
    }
    rec.candidates = all;
    rec
}

/// The key a row is matched by. A row printed without a label is read as `Total` when it closes
/// the table and as `Total <section>` when it closes a section (after the table is recognised
/// by its labelled rows: such rows never recognise a table).
fn row_key(table: &Table, idx: usize) -> String {
    let row = &table.rows[idx];
    if !row.label.trim().is_empty() {
        return match_key(&row.label);
    }
    let last_with_cells = table.rows.iter().rposition(|r| !r.cells.is_empty());
    if Some(idx) == last_with_cells {
        return "total".to_string();
    }
    let section = table.rows[..idx]
        .iter()
        .rev()
        .find(|r| r.cells.is_empty() && !r.label.trim().is_empty());
    match section {
        Some(s) => format!("total {}", match_key(&s.label)),
        None => "total".to_string(),
    }
}

fn display_label(key: &str, row: &Row) -> String {
    if row.label.trim().is_empty() {
        format!("({key}, unlabelled)")
    } else {
        row.label.clone()
    }
}

fn column_label(table: &Table, col: Option<usize>) -> String {
    match col.and_then(|c| table.columns.get(c)) {
        Some(c) => ColumnKey {
            period: c.period,
            currency: c.currency.clone(),
        }
        .label(),
        None => "column unknown".to_string(),
    }
}

fn unbind_row(out: &mut Vec<Unbound>, filing: &Filing, ti: usize, row: &Row, reason: &str) {
    let table = &filing.tables[ti];
    let label = if row.label.trim().is_empty() && !row.cells.is_empty() {
        let idx = table.rows.iter().position(|r| std::ptr::eq(r, row)).unwrap_or(0);
        display_label(&row_key(table, idx), row)
    } else {
        row.label.clone()
    };
    for cell in &row.cells {
        out.push(Unbound {
            line: cell.location.line,
            label: label.clone(),
            column: column_label(table, cell.column),
            value: cell_value_text(cell),
            reason: reason.to_string(),
        });
    }
}

/// A cell's value in printed units as a plain decimal string, or the text when not a number.
pub fn cell_value_text(cell: &Cell) -> String {
    match cell.number {
        Some(Number::Value { value, .. }) | Some(Number::Percent { value, .. }) => value.to_string(),
        Some(Number::Nil) => "0".to_string(),
        None => cell.text.clone(),
    }
}

/// The column a row's cell belongs to: certain when the reader says so; for a row shifted by an
/// empty leading cell, as printed (the first reading); otherwise unknown.
fn cell_columns(filing: &Filing, ti: usize, ri: usize, row: &Row) -> Vec<Option<usize>> {
    let shifted = filing.damage.iter().any(|d| {
        d.table == Some(ti) && d.row == Some(ri) && matches!(d.kind, crate::read::DamageKind::ShiftedRow)
    });
    if shifted && let Some(first) = row.readings.first() {
        return first.iter().map(|c| Some(*c)).collect();
    }
    // Otherwise only what the reader is certain of: one uncertain cell makes the row's alignment
    // uncertain (merged rows, missing cells).
    if row.cells.iter().any(|c| c.column.is_none()) {
        return vec![None; row.cells.len()];
    }
    row.cells.iter().map(|c| c.column).collect()
}

/// The precision a line's figures are printed at: money at the table's scale; share counts at
/// the scale their row, its heading or the table's unit line states for them ("(in millions)",
/// "number of shares, which are reflected in thousands"), else in units; other quantities in
/// units.
fn precision_for(kind: QuantityKind, table: &Table, label: &str, section: &str) -> Precision {
    match kind {
        QuantityKind::Money => table.precision,
        QuantityKind::Shares => Precision::new(share_scale(table, label, section), 0),
        _ => Precision::new(Scale::Units, 0),
    }
}

/// The scale share counts are printed at (see [`precision_for`]).
fn share_scale(table: &Table, label: &str, section: &str) -> Scale {
    // The first scale named in `text`, within `window` characters.
    fn named(text: &str, window: usize) -> Option<Scale> {
        let text: String = text.chars().take(window).collect::<String>().to_lowercase();
        let at = |p: &str| text.find(p);
        match (at("in millions"), at("in thousands")) {
            (Some(m), Some(t)) if t < m => Some(Scale::Thousands),
            (Some(_), _) => Some(Scale::Millions),
            (None, Some(_)) => Some(Scale::Thousands),
            (None, None) => None,
        }
    }
    named(label, usize::MAX)
        .or_else(|| named(section, usize::MAX))
        .or_else(|| {
            // In the unit line, only a scale that follows the word "shares" closely is theirs.
            let unit = table.unit_line.as_deref()?.to_lowercase();
            let after = &unit[unit.find("shares")? + "shares".len()..];
            named(after, 40)
        })
        .unwrap_or(Scale::Units)
}

/// One group of consecutive tables recognised as one layout.
struct Group<'a> {
    layout: &'a Layout,
    keys: &'a LayoutKeys,
    li: usize,
    gi: usize,
    tables: &'a [usize],
}

fn bind_group(
    filing: &Filing,
    g: &Group<'_>,
    tkeys: &[TableKeys],
    overrides: &[RowReading],
    out: &mut Binding,
) {
    let schema = &g.layout.schema;
    let first = &filing.tables[g.tables[0]];
    let ncols = first.columns.len();
    // Columns of percentages in a layout of other quantities: year-on-year changes of money
    // ("Year-on-year Change"), or each line's share of the total (employees by function).
    // A column is one of them when every figure it prints is a percentage and some row prints
    // a percentage in it beside a figure that is not one (a layout's own percentage lines, a
    // margin, print percentages in every column).
    let percent: Vec<bool> = (0..ncols)
        .map(|c| {
            let mut any = false;
            let mut beside = false;
            let all = g.tables.iter().flat_map(|&t| &filing.tables[t].rows).all(|r| {
                let mut here = false;
                let all = r.cells.iter().filter(|x| x.column == Some(c)).all(|x| {
                    any = true;
                    here = true;
                    matches!(x.number, Some(Number::Percent { .. }))
                });
                beside |= here
                    && r.cells
                        .iter()
                        .any(|x| x.column != Some(c) && matches!(x.number, Some(Number::Value { .. })));
                all
            });
            all && any && (beside || schema.lines.iter().all(|l| l.kind != QuantityKind::Percent))
        })
        .collect();
    let mut stmts: Vec<BoundStatement> = (0..ncols)
        .map(|c| BoundStatement {
            layout: g.li,
            key: g.layout.key,
            tables: g.tables.to_vec(),
            group: g.gi,
            column: ColumnKey {
                period: first.columns[c].period,
                currency: first.columns[c].currency.clone(),
            },
            percent_column: percent[c],
            slots: vec![Slot::Absent; schema.lines.len()],
            doubtful: Vec::new(),
        })
        .collect();
    // Two columns of figures read as the same period and currency (a garbled header, reported
    // by the reader) cannot be told apart: neither is bound, so no check compares the wrong
    // figures. (A column of percentages beside its figures is another column; columns whose
    // period is not read at all are paired by position by the checks that use them.)
    let labels: Vec<Text> = stmts.iter().map(|s| Text::from(s.column.label())).collect();
    let twin: Vec<bool> = (0..ncols)
        .map(|c| {
            (0..ncols).any(|d| {
                d != c
                    && stmts[c].column.period != Period::Unknown
                    && stmts[d].column == stmts[c].column
                    && stmts[d].percent_column == stmts[c].percent_column
            })
        })
        .collect();
    let mut taken = vec![false; schema.lines.len()];
    // Where each line was printed and where rows no line took were, in the group's row order.
    let mut printed_at: Vec<Option<usize>> = vec![None; schema.lines.len()];
    let mut unknown_rows: Vec<usize> = Vec::new();
    let mut order = 0;
    for &ti in g.tables {
        let table = &filing.tables[ti];
        let tk = &tkeys[ti];
        // A table without any printed label was recognised by its title, its complete rows
        // being exactly the layout's lines: they are bound in order, other rows are not.
        let positional = !tk.labelled;
        let mut position = 0;
        for (ri, row) in table.rows.iter().enumerate() {
            let Some((key, section)) = &tk.rows[ri] else {
                continue;
            };
            order += 1;
            let line = if positional {
                if row.cells.len() != ncols || position >= schema.lines.len() {
                    unbind_row(
                        &mut out.unbound,
                        filing,
                        ti,
                        row,
                        "an unlabelled row that is not one of the layout's complete rows",
                    );
                    continue;
                }
                position += 1;
                position - 1
            } else {
                match g.keys.line_for(key, section, &taken) {
                    Ok(l) => l,
                    Err(any) => {
                        let reason = if any {
                            "the line was already bound from an earlier row".to_string()
                        } else {
                            format!("no line of `{}` has this label", g.layout.key)
                        };
                        unbind_row(&mut out.unbound, filing, ti, row, &reason);
                        // A label printed twice is a line the layout knows (the reader
                        // reports the repetition); a label no line has is a row it does not.
                        if !any && row.cells.iter().any(|c| c.number.is_some()) {
                            unknown_rows.push(order);
                        }
                        continue;
                    }
                }
            };
            taken[line] = true;
            printed_at[line] = Some(order);
            let label = Text::from(if positional {
                format!("({}, by position)", schema.lines[line].label)
            } else {
                display_label(key, row)
            });
            let cols = match overrides.iter().find(|o| o.table == ti && o.row == ri) {
                Some(o) => match row.readings.get(o.reading) {
                    Some(r) => r.iter().map(|c| Some(*c)).collect(),
                    None => cell_columns(filing, ti, ri, row),
                },
                None => cell_columns(filing, ti, ri, row),
            };
            let precision = precision_for(schema.lines[line].kind, table, &row.label, section);
            if cols.iter().flatten().any(|&c| c >= ncols) {
                unbind_row(&mut out.unbound, filing, ti, row, "more cells than columns");
                stmts.iter_mut().for_each(|s| {
                    s.slots[line] = Slot::Damaged {
                        location: row.location,
                    }
                });
                continue;
            }
            let mut placed = vec![false; ncols];
            for (cell, col) in row.cells.iter().zip(&cols) {
                let Some(c) = *col else {
                    out.unbound.push(Unbound {
                        line: cell.location.line,
                        label: label.to_string(),
                        column: "column unknown".to_string(),
                        value: cell_value_text(cell),
                        reason: "which column each figure of this row belongs to is uncertain: see the damage at this line"
                            .into(),
                    });
                    continue;
                };
                placed[c] = true;
                if twin[c] {
                    out.unbound.push(Unbound {
                        line: cell.location.line,
                        label: label.to_string(),
                        column: labels[c].to_string(),
                        value: cell_value_text(cell),
                        reason: "two columns of this table are read as this period and currency: see the damage at its header"
                            .into(),
                    });
                    continue;
                }
                let stmt = &mut stmts[c];
                let pr = if stmt.percent_column {
                    Precision::new(Scale::Units, 1)
                } else {
                    precision
                };
                stmt.slots[line] = match cell.amount(pr) {
                    Some(amount) => Slot::Value {
                        amount,
                        cell: CellRef {
                            line: cell.location.line,
                            col: cell.location.column,
                            label: label.clone(),
                            column: labels[c].clone(),
                            value: cell_value_text(cell).into(),
                        },
                    },
                    None => {
                        out.unbound.push(Unbound {
                            line: cell.location.line,
                            label: label.to_string(),
                            column: labels[c].to_string(),
                            value: cell_value_text(cell),
                            reason: "not a number".into(),
                        });
                        Slot::Damaged {
                            location: cell.location,
                        }
                    }
                };
            }
            // Columns this row has no certain cell for: the row is printed, so the figure is
            // damaged (ambiguous), not absent.
            let ambiguous = cols.iter().any(Option::is_none);
            for (c, stmt) in stmts.iter_mut().enumerate() {
                if !placed[c] && (ambiguous || row.cells.len() < ncols) {
                    stmt.slots[line] = Slot::Damaged {
                        location: row.location,
                    };
                }
            }
        }
    }
    let doubtful = doubtful_totals(schema, &printed_at, &unknown_rows);
    for s in &mut stmts {
        s.doubtful.clone_from(&doubtful);
    }
    out.statements
        .extend(stmts.into_iter().zip(twin).filter(|(_, t)| !t).map(|(s, _)| s));
}

/// The totals printed with a row no line took between their terms (or between their terms and
/// themselves): rows at `unknown` positions, lines at `printed_at` positions.
fn doubtful_totals(schema: &Schema, printed_at: &[Option<usize>], unknown: &[usize]) -> Vec<usize> {
    if unknown.is_empty() {
        return Vec::new();
    }
    schema
        .lines
        .iter()
        .enumerate()
        .filter_map(|(li, line)| {
            let formula = line.formula?;
            let at = printed_at[li]?;
            let positions = formula.iter().filter_map(|t| printed_at[t.line]).chain([at]);
            let (lo, hi) = positions.fold((at, at), |(lo, hi), p| (lo.min(p), hi.max(p)));
            unknown.iter().any(|&u| lo < u && u < hi).then_some(li)
        })
        .collect()
}
