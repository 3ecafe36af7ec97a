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
use crate::schema::{Schema, Statement, normalize_label, normalize_label_into};

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
        let mut out = String::with_capacity(28);
        push_period(&self.period, &mut out);
        if let Some(c) = &self.currency {
            out.push(' ');
            out.push_str(c);
        }
        out
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A period for people: `Jun 30, 2025` (instant) or `3M to Jun 30, 2025` (duration).
pub fn period_label(p: &Period) -> String {
    let mut out = String::with_capacity(24);
    push_period(p, &mut out);
    out
}

/// [`period_label`] appended to `out`, without the formatting machinery.
fn push_period(p: &Period, out: &mut String) {
    let date = |d: &crate::read::Date, out: &mut String| {
        out.push_str(MONTHS.get(usize::from(d.month.saturating_sub(1))).unwrap_or(&"?"));
        out.push(' ');
        push_int(i64::from(d.day), out);
        out.push_str(", ");
        push_int(i64::from(d.year), out);
    };
    match p {
        Period::Instant { date: d } => date(d, out),
        Period::Duration { months, end } => {
            push_int(i64::from(*months), out);
            out.push_str("M to ");
            date(end, out);
        }
        Period::Unknown => out.push_str("unknown period"),
    }
}

/// An integer's decimal digits appended to `out`.
fn push_int(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    let mut m = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut k = 0;
    loop {
        digits[k] = b'0' + (m % 10) as u8;
        m /= 10;
        k += 1;
        if m == 0 || k == digits.len() {
            break;
        }
    }
    for &d in digits[..k].iter().rev() {
        out.push(char::from(d));
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

// Folded labels are hashed with the checks' fast hash. Only the layouts' own labels are keys;
// a filing's labels are only looked up, so a hostile filing cannot lengthen the probes.
use crate::check::FxMap;

/// What one layout's lines need besides their labels, folded once per set of layouts.
struct LayoutKeys {
    /// For each line, its section folded, if declared.
    sections: Vec<Option<String>>,
    /// The title folded, as an index into [`LayoutIndex::titles`] (none when none was declared).
    title: Option<usize>,
    /// Whether the layout declares any total.
    has_totals: bool,
}

/// The folded labels of a set of layouts: every label and alias of every line, each with the
/// (layout, line) pairs printing it. Built once per set of layouts (see [`layout_index`]).
struct LayoutIndex {
    /// Each folded label or alias, with its index into `entries`.
    ids: FxMap<Box<str>, u32>,
    /// For each folded label, the (layout, line) pairs printing it, by layout, then line.
    entries: Vec<Vec<(u32, u32)>>,
    /// Per layout.
    layouts: Vec<LayoutKeys>,
    /// The distinct folded titles the layouts declare.
    titles: Vec<String>,
    /// For each byte, the titles (indices into `titles`) starting with it.
    titles_by_first: Vec<Vec<usize>>,
}

/// The identity of a schema: its lines and title are `'static`, never freed nor changed, so
/// their addresses name their contents.
type SchemaId = (usize, usize, usize, usize);

fn schema_id(s: &Schema) -> SchemaId {
    (
        s.lines.as_ptr() as usize,
        s.lines.len(),
        s.title.as_ptr() as usize,
        s.title.len(),
    )
}

/// How many sets of layouts the process keeps folded (a program declares a few).
const CACHED_SETS: usize = 16;

/// The folded labels of `layouts`, built once per set of layouts and process: a layout's labels
/// are `'static`, so each set (by its schemas' identity) is folded once, not once per filing.
fn layout_index(layouts: &[Layout]) -> std::sync::Arc<LayoutIndex> {
    use std::sync::{Arc, Mutex};
    type Cache = Vec<(Vec<SchemaId>, Arc<LayoutIndex>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    let id: Vec<SchemaId> = layouts.iter().map(|l| schema_id(&l.schema)).collect();
    if let Ok(cache) = CACHE.lock()
        && let Some((_, index)) = cache.iter().find(|(k, _)| *k == id)
    {
        return Arc::clone(index);
    }
    let index = Arc::new(LayoutIndex::new(layouts));
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CACHED_SETS {
            cache.remove(0);
        }
        cache.push((id, Arc::clone(&index)));
    }
    index
}

impl LayoutIndex {
    fn new(layouts: &[Layout]) -> LayoutIndex {
        let mut index = LayoutIndex {
            ids: FxMap::default(),
            entries: Vec::new(),
            layouts: Vec::with_capacity(layouts.len()),
            titles: Vec::new(),
            titles_by_first: vec![Vec::new(); 256],
        };
        let mut buf = String::new();
        for (li, layout) in layouts.iter().enumerate() {
            let schema = &layout.schema;
            for (i, l) in schema.lines.iter().enumerate() {
                for label in std::iter::once(&l.label).chain(l.aliases) {
                    let key = match_key_into(label, &mut buf);
                    let e = match index.ids.get(key) {
                        Some(&e) => e,
                        None => {
                            let e = u32::try_from(index.entries.len()).unwrap_or(u32::MAX);
                            index.ids.insert(key.into(), e);
                            index.entries.push(Vec::new());
                            e
                        }
                    };
                    let pair = (li as u32, i as u32);
                    if let Some(v) = index.entries.get_mut(e as usize)
                        && v.last() != Some(&pair)
                    {
                        v.push(pair);
                    }
                }
            }
            let title = normalize_label(schema.title);
            let title = (!title.is_empty()).then(|| {
                index.titles.iter().position(|t| *t == title).unwrap_or_else(|| {
                    index.titles.push(title);
                    index.titles.len() - 1
                })
            });
            index.layouts.push(LayoutKeys {
                sections: schema.lines.iter().map(|l| l.section.map(match_key)).collect(),
                title,
                has_totals: schema.lines.iter().any(|l| l.formula.is_some()),
            });
        }
        index.titles_indexed()
    }

    /// The index with its titles listed by their first byte.
    fn titles_indexed(mut self) -> LayoutIndex {
        self.titles_by_first = vec![Vec::new(); 256];
        for (t, title) in self.titles.iter().enumerate() {
            if let Some(&first) = title.as_bytes().first() {
                self.titles_by_first[usize::from(first)].push(t);
            }
        }
        self
    }

    /// Whether `hay` contains each of the titles: one pass over it, each place compared only
    /// with the titles starting with its byte.
    fn titles_in(&self, hay: &str) -> Vec<bool> {
        let mut found = vec![false; self.titles.len()];
        let hay = hay.as_bytes();
        for (i, &b) in hay.iter().enumerate() {
            for &t in &self.titles_by_first[usize::from(b)] {
                found[t] |= hay[i..].starts_with(self.titles[t].as_bytes());
            }
        }
        found
    }

    /// The index of a folded label, if a line prints it.
    fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// The lines of layout `li` printing the label `entry`, in line order.
    fn lines_of(&self, li: usize, entry: Option<u32>) -> impl Iterator<Item = usize> + '_ {
        let all = entry
            .and_then(|e| self.entries.get(e as usize))
            .map_or(&[][..], Vec::as_slice);
        let lo = all.partition_point(|&(l, _)| (l as usize) < li);
        all[lo..]
            .iter()
            .take_while(move |&&(l, _)| l as usize == li)
            .map(|&(_, line)| line as usize)
    }

    /// The line of layout `li` a row labelled `entry` under `section` takes: a label printed
    /// twice takes the line of its section, else the first line not yet taken. `Err(true)` when
    /// every line of that label is taken, `Err(false)` when no line has it.
    fn line_for(&self, li: usize, entry: Option<u32>, section: &str, taken: &[bool]) -> Result<usize, bool> {
        let sections = &self.layouts[li].sections;
        let mut any = false;
        let mut first_free = None;
        for l in self.lines_of(li, entry) {
            any = true;
            if taken.get(l).copied().unwrap_or(true) {
                continue;
            }
            if sections[l].as_deref() == Some(section) {
                return Ok(l);
            }
            first_free = first_free.or(Some(l));
        }
        first_free.ok_or(any)
    }
}

/// A row with figures, its label folded once.
struct RowKey {
    /// The folded label's index in the layouts' labels, if a line prints it.
    entry: Option<u32>,
    /// The heading the row is under (index into [`TableKeys::sections`]).
    section: usize,
    /// For a row printed without a label, the key it is read as (`total`, `total <section>`).
    unlabelled: Option<String>,
}

/// The folded keys of a table's rows, computed once: a key for rows with figures, `None` for
/// headings.
struct TableKeys {
    rows: Vec<Option<RowKey>>,
    /// The headings folded; the first is the empty heading rows before any heading are under.
    sections: Vec<String>,
    /// Whether any row with figures prints a label.
    labelled: bool,
    /// Rows with figures printing a label.
    labelled_rows: usize,
    /// Whether the table's title contains each of the layouts' titles ([`LayoutIndex::titles`]).
    titles: Vec<bool>,
}

impl TableKeys {
    fn new(table: &Table, index: &LayoutIndex, buf: &mut String) -> TableKeys {
        let last_with_cells = table.rows.iter().rposition(|r| !r.cells.is_empty());
        let mut sections = vec![String::new()];
        // The last heading printing a label: an unlabelled row is read as its total.
        let mut named: Option<usize> = None;
        let mut labelled_rows = 0;
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(ri, r)| {
                let has_label = !r.label.trim().is_empty();
                if r.cells.is_empty() {
                    sections.push(match_key(&r.label));
                    if has_label {
                        named = Some(sections.len() - 1);
                    }
                    return None;
                }
                let section = sections.len() - 1;
                if has_label {
                    labelled_rows += 1;
                    let entry = index.id(match_key_into(&r.label, buf));
                    return Some(RowKey {
                        entry,
                        section,
                        unlabelled: None,
                    });
                }
                let key = match named {
                    Some(s) if Some(ri) != last_with_cells => format!("total {}", sections[s]),
                    _ => "total".to_string(),
                };
                Some(RowKey {
                    entry: index.id(&key),
                    section,
                    unlabelled: Some(key),
                })
            })
            .collect();
        let title = normalize_label(&table.title);
        TableKeys {
            rows,
            sections,
            labelled: labelled_rows > 0,
            labelled_rows,
            titles: index.titles_in(&title),
        }
    }
}

/// [`bind`], with some rows read in another of their possible alignments (used to test whether
/// realigning a damaged row explains failures).
pub fn bind_with(filing: &Filing, layouts: &[Layout], overrides: &[RowReading]) -> Binding {
    Prepared::new(filing, layouts).bind(filing, layouts, overrides)
}

/// What binding a group needs that no reading of a row changes.
struct GroupKeys {
    /// The layout (index into the layouts).
    layout: usize,
    /// The tables, consecutive, with the same columns.
    tables: Vec<usize>,
    /// Each column's label.
    columns: Vec<Text>,
    /// Whether each column holds percentages of the layout's other quantities.
    percent: Vec<bool>,
    /// Whether another column is read as the same period and currency.
    twin: Vec<bool>,
}

/// What a recognised table's rows print, as reports show it: made once, shared by every
/// reading.
struct TableText {
    /// Each row's label as bound (`(total, unlabelled)` for a row printed without one).
    labels: Vec<Text>,
    /// Each cell's value ([`cell_value_text`]), row after row.
    values: Vec<Text>,
    /// Where each row's cells start in `values`.
    starts: Vec<usize>,
    /// Whether the reader found each row shifted by an empty leading cell.
    shifted: Vec<bool>,
}

/// What binding a filing needs that no reading of a row changes: the layouts' and tables' folded
/// labels, each table's recognition and the groups of tables. Computed once when a filing is
/// bound under several readings (localisation).
pub(crate) struct Prepared {
    index: std::sync::Arc<LayoutIndex>,
    tkeys: Vec<TableKeys>,
    recognition: Vec<Recognition>,
    table_layouts: Vec<Option<usize>>,
    /// Each group of consecutive tables bound together.
    groups: Vec<GroupKeys>,
    /// For each table, what its rows print, when it is recognised.
    texts: Vec<Option<TableText>>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let groups: Vec<(usize, &[usize])> = self.groups.iter().map(|g| (g.layout, &g.tables[..])).collect();
        f.debug_struct("Prepared")
            .field("groups", &groups)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    pub(crate) fn new(filing: &Filing, layouts: &[Layout]) -> Prepared {
        let index = layout_index(layouts);
        let mut buf = String::new();
        let tkeys: Vec<TableKeys> = filing
            .tables
            .iter()
            .map(|t| TableKeys::new(t, &index, &mut buf))
            .collect();
        let mut scratch = Scratch::default();
        let recognition: Vec<Recognition> = filing
            .tables
            .iter()
            .enumerate()
            .map(|(ti, t)| recognise(ti, t, &tkeys[ti], layouts, &index, &mut scratch))
            .collect();
        let table_layouts: Vec<Option<usize>> = recognition
            .iter()
            .map(|r| {
                let key = r.layout?;
                let name = r.candidates.first()?.statement;
                layouts.iter().position(|l| l.key == key && l.schema.name == name)
            })
            .collect();
        let mut grouped: Vec<(usize, Vec<usize>)> = Vec::new();
        for (ti, layout) in table_layouts.iter().enumerate() {
            let Some(li) = *layout else { continue };
            match grouped.last_mut() {
                Some((g, tables))
                    if *g == li
                        && tables.last() == Some(&(ti - 1))
                        && same_columns(&filing.tables[ti - 1], &filing.tables[ti]) =>
                {
                    tables.push(ti)
                }
                _ => grouped.push((li, vec![ti])),
            }
        }
        let groups = grouped
            .into_iter()
            .map(|(li, tables)| GroupKeys::new(filing, &layouts[li].schema, li, tables))
            .collect();
        // Which rows the reader found shifted, by table.
        let mut shifted: Vec<Vec<usize>> = vec![Vec::new(); filing.tables.len()];
        for d in &filing.damage {
            if let (Some(t), Some(r), crate::read::DamageKind::ShiftedRow) = (d.table, d.row, &d.kind)
                && let Some(rows) = shifted.get_mut(t)
            {
                rows.push(r);
            }
        }
        let texts = filing
            .tables
            .iter()
            .enumerate()
            .map(|(ti, table)| {
                table_layouts[ti]?;
                Some(TableText::new(table, &tkeys[ti], &shifted[ti]))
            })
            .collect();
        Prepared {
            index,
            tkeys,
            recognition,
            table_layouts,
            groups,
            texts,
        }
    }

    /// The groups holding one of `tables`.
    pub(crate) fn groups_of<'t>(&'t self, tables: &'t [usize]) -> impl Iterator<Item = usize> + 't {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.tables.iter().any(|t| tables.contains(t)))
            .map(|(gi, _)| gi)
    }

    /// The statements of group `gi` alone, with `overrides` applied (re-checks take
    /// [`Prepared::rebound`], which tests compare with this).
    #[cfg(test)]
    pub(crate) fn bind_group(
        &self,
        filing: &Filing,
        layouts: &[Layout],
        overrides: &[RowReading],
        gi: usize,
    ) -> Vec<BoundStatement> {
        let mut out = Binding::default();
        // Only the statements are returned: the numbers left unbound are not listed.
        bind_group(filing, &self.group(layouts, gi), overrides, &mut out, false);
        out.statements
    }

    /// What `overrides` change in group `gi` bound as read: (statement within the group, line,
    /// slot) for each slot an overridden row fills under its reading. The group's statements as
    /// read with these slots put in, in order, are the group bound again under `overrides`
    /// (a reading moves a row's figures between columns, never the row to another line), at
    /// the cost of the overridden rows alone.
    pub(crate) fn rebound(
        &self,
        filing: &Filing,
        layouts: &[Layout],
        overrides: &[RowReading],
        gi: usize,
    ) -> Vec<(usize, usize, Slot)> {
        let g = self.group(layouts, gi);
        let ncols = g.keys.columns.len();
        let mut out = Vec::with_capacity(overrides.len().saturating_mul(ncols));
        // Each column's statement within the group: columns read as another's twin have none.
        let mut statement = Vec::with_capacity(ncols);
        let mut next = 0;
        for &t in &g.keys.twin {
            statement.push((!t).then_some(next));
            next += usize::from(!t);
        }
        let mut scratch = RowScratch::default();
        each_row(filing, &g, |at| {
            if !matches!(at.place, RowLine::Line(_))
                || !overrides.iter().any(|o| o.table == at.ti && o.row == at.ri)
            {
                return;
            }
            let put = |c: usize, slot| {
                if let Some(Some(k)) = statement.get(c) {
                    out.push((*k, at.line, slot));
                }
            };
            fill_row(&g, &at, overrides, &mut scratch, put, None);
        });
        out
    }

    /// Group `gi` with its layout and folded labels.
    fn group<'s>(&'s self, layouts: &'s [Layout], gi: usize) -> Group<'s> {
        let keys = &self.groups[gi];
        Group {
            layout: &layouts[keys.layout],
            index: &self.index,
            prepared: self,
            keys,
            gi,
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
            let table = &filing.tables[ti];
            if table.rows.iter().all(|r| r.cells.is_empty()) {
                continue;
            }
            let columns = column_labels(table);
            for (ri, row) in table.rows.iter().enumerate() {
                unbind_row(&mut out.unbound, &self.tkeys[ti], &columns, ri, row, reason);
            }
        }
        for gi in 0..self.groups.len() {
            bind_group(filing, &self.group(layouts, gi), overrides, &mut out, true);
        }
        out
    }
}

impl GroupKeys {
    fn new(filing: &Filing, schema: &Schema, layout: usize, tables: Vec<usize>) -> GroupKeys {
        let first = &filing.tables[tables[0]];
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
                let all = tables.iter().flat_map(|&t| &filing.tables[t].rows).all(|r| {
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
        // Two columns of figures read as the same period and currency (a garbled header, reported
        // by the reader) cannot be told apart: neither is bound, so no check compares the wrong
        // figures. (A column of percentages beside its figures is another column; columns whose
        // period is not read at all are paired by position by the checks that use them.)
        let cols = &first.columns;
        let twin: Vec<bool> = (0..ncols)
            .map(|c| {
                (0..ncols).any(|d| {
                    d != c
                        && cols[c].period != Period::Unknown
                        && cols[d].period == cols[c].period
                        && cols[d].currency == cols[c].currency
                        && percent[d] == percent[c]
                })
            })
            .collect();
        GroupKeys {
            layout,
            columns: column_labels(first),
            tables,
            percent,
            twin,
        }
    }
}

impl TableText {
    fn new(table: &Table, tk: &TableKeys, shifted: &[usize]) -> TableText {
        let mut out = TableText {
            labels: Vec::with_capacity(table.rows.len()),
            values: Vec::new(),
            starts: Vec::with_capacity(table.rows.len()),
            shifted: vec![false; table.rows.len()],
        };
        let mut buf = String::new();
        for (ri, row) in table.rows.iter().enumerate() {
            out.labels.push(match tk.rows[ri].as_ref() {
                Some(
                    k @ RowKey {
                        unlabelled: Some(_), ..
                    },
                ) => Text::from(display_label(k, row)),
                Some(_) => Text::from(row.label.as_str()),
                None => Text::default(),
            });
            out.starts.push(out.values.len());
            out.values
                .extend(row.cells.iter().map(|c| cell_value(c, &mut buf)));
        }
        for &r in shifted {
            if let Some(s) = out.shifted.get_mut(r) {
                *s = true;
            }
        }
        out
    }
}

/// Each column's label ([`ColumnKey::label`]).
fn column_labels(table: &Table) -> Vec<Text> {
    table
        .columns
        .iter()
        .map(|c| {
            Text::from(
                ColumnKey {
                    period: c.period,
                    currency: c.currency.clone(),
                }
                .label(),
            )
        })
        .collect()
}

/// Buffers reused across the evidence of every (table, layout).
#[derive(Default)]
struct Scratch {
    taken: Vec<bool>,
    seq: Vec<usize>,
    /// (layout, row) pairs: the rows printing a label of each layout.
    hits: Vec<(u32, u32)>,
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
    let mut buf = String::new();
    match_key_into(label, &mut buf).to_string()
}

/// [`match_key`] folded into `buf`, returned as a slice of it.
fn match_key_into<'b>(label: &str, buf: &'b mut String) -> &'b str {
    normalize_label_into(label, buf);
    buf.trim_start_matches(['-', '•', '*', ' ']).trim()
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

/// The evidence a table gives for layout `li`, whose rows printing one of its labels are `hits`
/// (in row order).
fn evidence(
    table: &Table,
    tk: &TableKeys,
    li: usize,
    layout: &Layout,
    index: &LayoutIndex,
    hits: &[(u32, u32)],
    scratch: &mut Scratch,
) -> Evidence {
    let schema = &layout.schema;
    let lk = &index.layouts[li];
    let n = schema.lines.len();
    let title = lk.title.is_some_and(|t| tk.titles[t]);
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
    let Scratch { taken, seq, .. } = scratch;
    taken.clear();
    taken.resize(n, false);
    seq.clear();
    let mut unlabelled_total = false;
    // Only the rows printing one of the layout's labels can take a line; the others count as
    // labelled rows.
    for &(_, ri) in hits {
        let Some(rk) = &tk.rows[ri as usize] else {
            continue;
        };
        let line = index.line_for(li, rk.entry, &tk.sections[rk.section], taken);
        // Only printed labels count as lines found: a row without a label cannot tell which
        // layout a table is. It can only show that the table closes with a total ("Total").
        if rk.unlabelled.is_some() {
            unlabelled_total |= line.is_ok_and(|l| schema.lines[l].formula.is_some());
            continue;
        }
        if let Ok(l) = line {
            taken[l] = true;
            seq.push(l);
        }
    }
    ev.rows = tk.labelled_rows;
    let found = ordered_lines(seq);
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
    index: &LayoutIndex,
    scratch: &mut Scratch,
) -> Recognition {
    // The rows printing a label of each layout, by layout then row: each row's label is looked
    // up once, not once per layout.
    let mut hits = std::mem::take(&mut scratch.hits);
    hits.clear();
    for (ri, rk) in tk.rows.iter().enumerate() {
        let Some(e) = rk.as_ref().and_then(|k| k.entry) else {
            continue;
        };
        let mut last = None;
        for &(l, _) in index.entries.get(e as usize).map_or(&[][..], Vec::as_slice) {
            if last != Some(l) {
                hits.push((l, ri as u32));
                last = Some(l);
            }
        }
    }
    hits.sort_unstable();
    let mut at = 0;
    let mut all: Vec<Evidence> = layouts
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let start = at + hits[at..].partition_point(|&(h, _)| (h as usize) < li);
            at = start + hits[start..].partition_point(|&(h, _)| h as usize == li);
            evidence(table, tk, li, l, index, &hits[start..at], scratch)
        })
        // A layout none of whose lines the table prints, not named by its title, is neither a
        // candidate nor the best evidence: it is never reported.
        .filter(|e| e.recognised || e.lines_found > 0 || e.title)
        .collect();
    scratch.hits = hits;
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

/// A row's label as reports show it. A row printed without a label is read as `Total` when it
/// closes the table and as `Total <section>` when it closes a section (after the table is
/// recognised by its labelled rows: such rows never recognise a table).
fn display_label(key: &RowKey, row: &Row) -> String {
    match &key.unlabelled {
        Some(k) => format!("({k}, unlabelled)"),
        None => row.label.clone(),
    }
}

/// Lists every figure of row `ri` as unbound, each in its column (`columns`, the table's
/// column labels).
fn unbind_row(out: &mut Vec<Unbound>, tk: &TableKeys, columns: &[Text], ri: usize, row: &Row, reason: &str) {
    if row.cells.is_empty() {
        return;
    }
    let label = match &tk.rows[ri] {
        Some(k) => display_label(k, row),
        None => row.label.clone(),
    };
    for cell in &row.cells {
        out.push(Unbound {
            line: cell.location.line,
            label: label.clone(),
            column: match cell.column.and_then(|c| columns.get(c)) {
                Some(c) => c.to_string(),
                None => "column unknown".to_string(),
            },
            value: cell_value_text(cell),
            reason: reason.to_string(),
        });
    }
}

/// A cell's value in printed units as a plain decimal string, or the text when not a number.
pub fn cell_value_text(cell: &Cell) -> String {
    match cell.number {
        Some(Number::Value { value, .. }) | Some(Number::Percent { value, .. }) => {
            let mut out = String::new();
            push_decimal(value, &mut out);
            out
        }
        Some(Number::Nil) => "0".to_string(),
        None => cell.text.to_string(),
    }
}

/// [`cell_value_text`] as a shared text, made with one allocation (`buf` is scratch).
fn cell_value(cell: &Cell, buf: &mut String) -> Text {
    match cell.number {
        Some(Number::Value { value, .. }) | Some(Number::Percent { value, .. }) => {
            buf.clear();
            push_decimal(value, buf);
            Text::from(buf.as_str())
        }
        Some(Number::Nil) => Text::from("0"),
        None => Text::from(cell.text.as_str()),
    }
}

/// `value.to_string()` appended to `out`, without the formatting machinery: the digits of the
/// mantissa with the decimal point at the scale (`-0.50`, `117819`), as [`Decimal`]'s `Display`
/// writes them.
///
/// [`Decimal`]: rust_decimal::Decimal
pub(crate) fn push_decimal(value: rust_decimal::Decimal, out: &mut String) {
    let scale = value.scale() as usize;
    let m = value.mantissa().unsigned_abs();
    // Digits, least significant first.
    let mut digits = [0u8; 64];
    let mut n = 0;
    match u64::try_from(m) {
        Ok(mut m) => {
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
        Err(_) => {
            let mut m = m;
            while m > 0 && n < digits.len() {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
    }
    while n < scale && n < digits.len() {
        digits[n] = b'0';
        n += 1;
    }
    // The text, most significant first: sign, integer digits, point, decimals.
    let mut text = [0u8; 72];
    let mut k = 0;
    let mut put = |b: u8| {
        text[k] = b;
        k += 1;
    };
    if value.is_sign_negative() {
        put(b'-');
    }
    if n == 0 || n == scale {
        put(b'0');
    }
    for i in (0..n).rev() {
        if i + 1 == scale {
            put(b'.');
        }
        put(digits[i]);
    }
    out.push_str(std::str::from_utf8(&text[..k]).unwrap_or_default());
}

/// The column a row's cell belongs to, written into `out`: certain when the reader says so; for
/// a row shifted by an empty leading cell, as printed (the first reading); otherwise unknown.
fn cell_columns(row: &Row, shifted: bool, out: &mut Vec<Option<usize>>) {
    out.clear();
    if shifted && let Some(first) = row.readings.first() {
        out.extend(first.iter().map(|c| Some(*c)));
        return;
    }
    // Otherwise only what the reader is certain of: one uncertain cell makes the row's alignment
    // uncertain (merged rows, missing cells).
    if row.cells.iter().any(|c| c.column.is_none()) {
        out.resize(row.cells.len(), None);
        return;
    }
    out.extend(row.cells.iter().map(|c| c.column));
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
    index: &'a LayoutIndex,
    prepared: &'a Prepared,
    keys: &'a GroupKeys,
    gi: usize,
}

/// Where a row of a group with figures goes.
enum RowLine {
    /// The line it takes.
    Line(usize),
    /// An unlabelled row of a table bound by position that is not one of the layout's complete
    /// rows.
    NotComplete,
    /// No line free for its label: every line printing it is taken (`true`), or none prints it
    /// (`false`).
    NoLine(bool),
}

/// Assigns the lines of a group's rows, in the group's row order: the same for every reading of
/// its rows (readings move figures between columns, never rows between lines).
struct LineWalk {
    taken: Vec<bool>,
    /// The next line of a table bound by position.
    position: usize,
}

impl LineWalk {
    fn new(lines: usize) -> LineWalk {
        LineWalk {
            taken: vec![false; lines],
            position: 0,
        }
    }

    /// The line of the next row with figures (`rk`), in a table bound by position or by label.
    fn next(
        &mut self,
        g: &Group<'_>,
        rk: &RowKey,
        section: &str,
        row: &Row,
        positional: bool,
        ncols: usize,
    ) -> RowLine {
        let lines = self.taken.len();
        let line = if positional {
            if row.cells.len() != ncols || self.position >= lines {
                return RowLine::NotComplete;
            }
            self.position += 1;
            self.position - 1
        } else {
            match g.index.line_for(g.keys.layout, rk.entry, section, &self.taken) {
                Ok(l) => l,
                Err(any) => return RowLine::NoLine(any),
            }
        };
        self.taken[line] = true;
        RowLine::Line(line)
    }
}

/// One row with figures of a group, and where it goes ([`each_row`]).
struct RowAt<'r> {
    ti: usize,
    table: &'r Table,
    tk: &'r TableKeys,
    text: &'r TableText,
    ri: usize,
    row: &'r Row,
    section: &'r str,
    /// Its line, when `place` is [`RowLine::Line`] (else 0).
    line: usize,
    place: RowLine,
    positional: bool,
}

/// Calls `f` with each row with figures of group `g`, in the group's row order, and the line
/// it takes: the same under every reading of the rows (a reading moves a row's figures between
/// columns, never the row to another line).
fn each_row<'f>(filing: &'f Filing, g: &Group<'f>, mut f: impl FnMut(RowAt<'f>)) {
    let ncols = g.keys.columns.len();
    let mut walk = LineWalk::new(g.layout.schema.lines.len());
    for &ti in &g.keys.tables {
        let table = &filing.tables[ti];
        let tk = &g.prepared.tkeys[ti];
        let Some(text) = &g.prepared.texts[ti] else {
            continue;
        };
        // A table without any printed label was recognised by its title, its complete rows
        // being exactly the layout's lines: they are bound in order, other rows are not.
        let positional = !tk.labelled;
        walk.position = 0;
        for (ri, row) in table.rows.iter().enumerate() {
            let Some(rk) = &tk.rows[ri] else {
                continue;
            };
            let section = tk.sections[rk.section].as_str();
            let place = walk.next(g, rk, section, row, positional, ncols);
            f(RowAt {
                ti,
                table,
                tk,
                text,
                ri,
                row,
                section,
                line: match place {
                    RowLine::Line(l) => l,
                    _ => 0,
                },
                place,
                positional,
            });
        }
    }
}

/// Scratch buffers of [`fill_row`], reused from row to row.
#[derive(Default)]
struct RowScratch {
    cols: Vec<Option<usize>>,
    placed: Vec<bool>,
}

/// The slots row `r` fills on its line, under its reading in `overrides` (else as read): `put`
/// is given (column, slot) for each, in order (a later one for a column replaces an earlier
/// one; a column given none keeps what it holds). The figures the row binds to no column are
/// listed in `unbound` when given.
fn fill_row(
    g: &Group<'_>,
    r: &RowAt<'_>,
    overrides: &[RowReading],
    scratch: &mut RowScratch,
    mut put: impl FnMut(usize, Slot),
    mut unbound: Option<&mut Vec<Unbound>>,
) {
    let schema = &g.layout.schema;
    let ncols = g.keys.columns.len();
    let (twin, labels) = (&g.keys.twin, &g.keys.columns);
    let (row, line) = (r.row, r.line);
    let label = if r.positional {
        Text::from(format!("({}, by position)", schema.lines[line].label))
    } else {
        r.text.labels[r.ri].clone()
    };
    let shifted = r.text.shifted[r.ri];
    let cols = &mut scratch.cols;
    match overrides.iter().find(|o| o.table == r.ti && o.row == r.ri) {
        Some(o) => match row.readings.get(o.reading) {
            Some(reading) => {
                cols.clear();
                cols.extend(reading.iter().map(|c| Some(*c)));
            }
            None => cell_columns(row, shifted, cols),
        },
        None => cell_columns(row, shifted, cols),
    }
    let precision = precision_for(schema.lines[line].kind, r.table, &row.label, r.section);
    if cols.iter().flatten().any(|&c| c >= ncols) {
        if let Some(out) = unbound.as_deref_mut() {
            unbind_row(out, r.tk, labels, r.ri, row, "more cells than columns");
        }
        for c in 0..ncols {
            put(
                c,
                Slot::Damaged {
                    location: row.location,
                },
            );
        }
        return;
    }
    let placed = &mut scratch.placed;
    placed.clear();
    placed.resize(ncols, false);
    let values = &r.text.values[r.text.starts[r.ri]..];
    for ((cell, col), value) in row.cells.iter().zip(cols.iter()).zip(values) {
        // The figure listed as unbound in `column`, when the binding lists them.
        let mut leave = |column: &str, reason: &str| {
            if let Some(out) = unbound.as_deref_mut() {
                out.push(Unbound {
                    line: cell.location.line,
                    label: label.to_string(),
                    column: column.to_string(),
                    value: value.to_string(),
                    reason: reason.to_string(),
                });
            }
        };
        let Some(c) = *col else {
            leave(
                "column unknown",
                "which column each figure of this row belongs to is uncertain: see the damage at this line",
            );
            continue;
        };
        placed[c] = true;
        if twin[c] {
            leave(
                &labels[c],
                "two columns of this table are read as this period and currency: see the damage at its header",
            );
            continue;
        }
        let pr = if g.keys.percent[c] {
            Precision::new(Scale::Units, 1)
        } else {
            precision
        };
        put(
            c,
            match cell.amount(pr) {
                Some(amount) => Slot::Value {
                    amount,
                    cell: CellRef {
                        line: cell.location.line,
                        col: cell.location.column,
                        label: label.clone(),
                        column: labels[c].clone(),
                        value: value.clone(),
                    },
                },
                None => {
                    leave(&labels[c], "not a number");
                    Slot::Damaged {
                        location: cell.location,
                    }
                }
            },
        );
    }
    // Columns this row has no certain cell for: the row is printed, so the figure is
    // damaged (ambiguous), not absent.
    let ambiguous = cols.iter().any(Option::is_none);
    for (c, placed) in placed.iter().enumerate() {
        if !placed && (ambiguous || row.cells.len() < ncols) {
            put(
                c,
                Slot::Damaged {
                    location: row.location,
                },
            );
        }
    }
}

/// Binds the tables of group `g` into `out`; the figures no line takes are listed in
/// `out.unbound` when `unbound` is set.
fn bind_group(filing: &Filing, g: &Group<'_>, overrides: &[RowReading], out: &mut Binding, unbound: bool) {
    let schema = &g.layout.schema;
    let li = g.keys.layout;
    let first = &filing.tables[g.keys.tables[0]];
    let ncols = first.columns.len();
    let (percent, twin, labels) = (&g.keys.percent, &g.keys.twin, &g.keys.columns);
    let mut stmts: Vec<BoundStatement> = (0..ncols)
        .map(|c| BoundStatement {
            layout: li,
            key: g.layout.key,
            tables: g.keys.tables.clone(),
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
    // Where each line was printed and where rows no line took were, in the group's row order.
    let mut printed_at: Vec<Option<usize>> = vec![None; schema.lines.len()];
    let mut unknown_rows: Vec<usize> = Vec::new();
    let mut order = 0;
    let mut scratch = RowScratch::default();
    each_row(filing, g, |at| {
        order += 1;
        let (tk, ri, row) = (at.tk, at.ri, at.row);
        match at.place {
            RowLine::Line(_) => {}
            RowLine::NotComplete => {
                if unbound {
                    unbind_row(
                        &mut out.unbound,
                        tk,
                        labels,
                        ri,
                        row,
                        "an unlabelled row that is not one of the layout's complete rows",
                    );
                }
                return;
            }
            RowLine::NoLine(any) => {
                if unbound {
                    let reason = if any {
                        "the line was already bound from an earlier row".to_string()
                    } else {
                        format!("no line of `{}` has this label", g.layout.key)
                    };
                    unbind_row(&mut out.unbound, tk, labels, ri, row, &reason);
                }
                // A label printed twice is a line the layout knows (the reader reports the
                // repetition); a label no line has is a row it does not.
                if !any && row.cells.iter().any(|c| c.number.is_some()) {
                    unknown_rows.push(order);
                }
                return;
            }
        }
        printed_at[at.line] = Some(order);
        fill_row(
            g,
            &at,
            overrides,
            &mut scratch,
            |c, slot| stmts[c].slots[at.line] = slot,
            unbound.then_some(&mut out.unbound),
        );
    });
    let doubtful = doubtful_totals(schema, &printed_at, &unknown_rows);
    for s in &mut stmts {
        s.doubtful.clone_from(&doubtful);
    }
    out.statements
        .extend(stmts.into_iter().zip(twin).filter(|(_, t)| !**t).map(|(s, _)| s));
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    /// A re-check's slots from [`Prepared::rebound`], put into the statements as read, are the
    /// group bound again under the overrides: for every reading of every row of both bundled
    /// filings, and for the rows missing a column read together under each alignment.
    #[test]
    fn rebound_slots_are_the_group_bound_again() {
        let shape = |s: &BoundStatement| (s.group, s.column.clone(), s.slots.clone(), s.doubtful.clone());
        let mut compared = 0;
        for b in [crate::kingsoft::Q2_2025, crate::kingsoft::H1_2023] {
            let filing = crate::read::read(b.name, b.text.as_bytes()).expect("readable");
            let layouts = crate::kingsoft::rules_for(&filing).layouts;
            let prepared = Prepared::new(&filing, &layouts);
            let as_read = prepared.bind(&filing, &layouts, &[]).statements;
            let mut cases: Vec<(usize, Vec<RowReading>)> = Vec::new();
            for (table, t) in filing.tables.iter().enumerate() {
                for (row, r) in t.rows.iter().enumerate() {
                    for reading in 0..r.readings.len() {
                        cases.push((table, vec![RowReading { table, row, reading }]));
                    }
                }
                let missing: Vec<usize> = filing
                    .damage
                    .iter()
                    .filter(|d| {
                        d.table == Some(table)
                            && matches!(d.kind, crate::read::DamageKind::MissingCells { .. })
                    })
                    .filter_map(|d| d.row)
                    .collect();
                if let Some(&first) = missing.first() {
                    for reading in 0..t.rows[first].readings.len() {
                        let o = missing
                            .iter()
                            .map(|&row| RowReading { table, row, reading })
                            .collect();
                        cases.push((table, o));
                    }
                }
            }
            for (table, o) in &cases {
                for gi in prepared.groups_of(&[*table]) {
                    let mut mine: Vec<BoundStatement> =
                        as_read.iter().filter(|s| s.group == gi).cloned().collect();
                    for (k, line, slot) in prepared.rebound(&filing, &layouts, o, gi) {
                        mine[k].slots[line] = slot;
                    }
                    let again = prepared.bind_group(&filing, &layouts, o, gi);
                    assert_eq!(
                        mine.iter().map(shape).collect::<Vec<_>>(),
                        again.iter().map(shape).collect::<Vec<_>>(),
                        "{} table {table} under {o:?}",
                        b.name
                    );
                    compared += 1;
                }
            }
        }
        // Every reading of every row of both filings, and the seven alignments of the nine
        // rows of Q2 2025 missing a column.
        assert_eq!(compared, 386);
    }

    #[test]
    fn titles_contain_layout_titles() {
        let index = LayoutIndex {
            ids: FxMap::default(),
            entries: Vec::new(),
            layouts: Vec::new(),
            titles: vec!["balance sheets".into(), "cash flows".into()],
            titles_by_first: Vec::new(),
        }
        .titles_indexed();
        assert_eq!(
            index.titles_in("unaudited condensed balance sheets"),
            [true, false]
        );
        assert_eq!(index.titles_in("balance sheets"), [true, false]);
        assert_eq!(index.titles_in("balance sheets and cash flows"), [true, true]);
        assert_eq!(index.titles_in("balance sheet"), [false, false]);
        assert_eq!(index.titles_in(""), [false, false]);
    }

    fn decimal_text(d: Decimal) -> String {
        let mut out = String::new();
        push_decimal(d, &mut out);
        out
    }

    #[test]
    fn labels_as_the_formatter_writes_them() {
        use crate::read::Date;
        let end = Date {
            year: 2025,
            month: 6,
            day: 30,
        };
        assert_eq!(
            period_label(&Period::Duration { months: 12, end }),
            "12M to Jun 30, 2025"
        );
        assert_eq!(
            period_label(&Period::Instant {
                date: Date {
                    year: -7,
                    month: 13,
                    day: 1
                }
            }),
            "? 1, -7"
        );
        assert_eq!(period_label(&Period::Unknown), "unknown period");
        let mut out = String::new();
        push_int(i64::MIN, &mut out);
        assert_eq!(out, i64::MIN.to_string());
    }

    #[test]
    fn decimal_text_writes_what_display_writes() {
        let values = [
            (0, 0),
            (0, 2),
            (5, 2),
            (-5, 2),
            (117_819, 0),
            (-117_819, 0),
            (123, 1),
            (1_000, 3),
            (-10, 1),
            (i64::MAX, 0),
            (i64::MIN + 1, 18),
            (7, 28),
        ];
        for (m, s) in values {
            let d = Decimal::new(m, s);
            assert_eq!(decimal_text(d), d.to_string(), "{m} at scale {s}");
        }
        let negative_zero = -Decimal::new(0, 1);
        assert_eq!(decimal_text(negative_zero), negative_zero.to_string());
        assert_eq!(decimal_text(Decimal::MAX), Decimal::MAX.to_string());
        assert_eq!(decimal_text(Decimal::MIN), Decimal::MIN.to_string());
        assert_eq!(decimal_text(Decimal::new(-117_819, 0)), "-117819");
    }
}
