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

use crate::amount::{Amount, Precision, QuantityKind, Scale};
use crate::read::{Cell, Filing, Location, Number, Period, Row, Table};
use crate::schema::{Schema, Statement, normalize_label};

/// A layout the binder may recognise: a key (used in check ids) and a schema.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Stable key, e.g. `balance_sheet`.
    pub key: &'static str,
    /// The derived schema.
    pub schema: Schema,
}

impl Layout {
    /// The layout of a derived statement type.
    pub const fn of<S: Statement>(key: &'static str) -> Layout {
        Layout {
            key,
            schema: S::SCHEMA,
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
    pub label: String,
    /// The column's label.
    pub column: String,
    /// The value in printed units (`-117819`), or the text as printed when it is not a number.
    pub value: String,
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

/// The result of binding a filing.
#[derive(Clone, Debug, Default)]
pub struct Binding {
    /// One statement per (group of tables, column).
    pub statements: Vec<BoundStatement>,
    /// Numbers not bound to any line item.
    pub unbound: Vec<Unbound>,
    /// For each table of the filing, the layout recognised (index into the layouts).
    pub table_layouts: Vec<Option<usize>>,
}

/// Recognises each table's layout from its rows' labels, then binds every column.
///
/// A table takes the layout whose labels match most of its rows (at least two, or all of a table of
/// one or two rows). Consecutive tables of one layout with the same columns (a statement broken by
/// a page) form one group and are bound together.
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

/// [`bind`], with some rows read in another of their possible alignments (used to test whether
/// realigning a damaged row explains failures).
pub fn bind_with(filing: &Filing, layouts: &[Layout], overrides: &[RowReading]) -> Binding {
    // Every label is folded once: the layouts' here, each row's in `keys`.
    let folded: Vec<Folded> = layouts.iter().map(|l| Folded::new(&l.schema)).collect();
    let keys: Vec<Vec<String>> = filing.tables.iter().map(row_keys).collect();
    let mut out = Binding {
        table_layouts: (filing.tables.iter().zip(&keys))
            .map(|(t, k)| recognise(t, k, layouts, &folded))
            .collect(),
        ..Binding::default()
    };
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (ti, layout) in out.table_layouts.iter().enumerate() {
        let Some(li) = *layout else {
            for row in &filing.tables[ti].rows {
                unbind_row(
                    &mut out.unbound,
                    filing,
                    ti,
                    row,
                    "no layout recognised for this table",
                );
            }
            continue;
        };
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
    for (gi, (li, tables)) in groups.into_iter().enumerate() {
        let (layout, folded) = (&layouts[li], &folded[li]);
        bind_group(
            filing, layout, folded, &keys, li, gi, &tables, overrides, &mut out,
        );
    }
    out
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
    n.trim_start_matches(['-', '•', '*', ' ']).trim().to_string()
}

/// A layout's labels folded once per [`bind_with`]: folding dominated the cost of matching.
struct Folded {
    /// Each folded label and alias, with the lines printing it, in line order.
    lines: std::collections::HashMap<String, Vec<usize>>,
    /// Each line's folded label.
    labels: Vec<String>,
    /// Each line's folded section.
    sections: Vec<Option<String>>,
    /// The folded title.
    title: String,
}

impl Folded {
    fn new(schema: &Schema) -> Folded {
        let mut lines: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, l) in schema.lines.iter().enumerate() {
            for label in std::iter::once(&l.label).chain(l.aliases) {
                let v = lines.entry(match_key(label)).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Folded {
            lines,
            labels: schema.lines.iter().map(|l| match_key(l.label)).collect(),
            sections: schema.lines.iter().map(|l| l.section.map(match_key)).collect(),
            title: normalize_label(schema.title),
        }
    }

    /// The lines whose label or alias folds to `key`, in line order.
    fn lines(&self, key: &str) -> &[usize] {
        self.lines.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Each row's key ([`row_key`]) in one pass over the table.
fn row_keys(table: &Table) -> Vec<String> {
    let last_with_cells = table.rows.iter().rposition(|r| !r.cells.is_empty());
    let mut section: Option<&str> = None;
    let mut out = Vec::with_capacity(table.rows.len());
    for (i, r) in table.rows.iter().enumerate() {
        out.push(if !r.label.trim().is_empty() {
            match_key(&r.label)
        } else if Some(i) == last_with_cells {
            "total".to_string()
        } else {
            match section {
                Some(s) => format!("total {}", match_key(s)),
                None => "total".to_string(),
            }
        });
        if r.cells.is_empty() && !r.label.trim().is_empty() {
            section = Some(&r.label);
        }
    }
    out
}

fn recognise(table: &Table, keys: &[String], layouts: &[Layout], folded: &[Folded]) -> Option<usize> {
    // Only printed labels count: a row without a label cannot tell which layout a table is.
    let labelled: Vec<&String> = (table.rows.iter().zip(keys))
        .filter(|(r, _)| !r.cells.is_empty() && !r.label.trim().is_empty())
        .map(|(_, k)| k)
        .collect();
    let title = normalize_label(&table.title);
    let mut best: Option<(usize, usize, usize)> = None; // (score, lines, layout): most matches, then fewest lines
    for (li, layout) in layouts.iter().enumerate() {
        let score = labelled
            .iter()
            .filter(|k| !folded[li].lines(k).is_empty())
            .count();
        // A table that prints no labels at all is recognised by its title alone.
        let by_title =
            labelled.is_empty() && !layout.schema.title.is_empty() && title.contains(&folded[li].title);
        let score = if by_title {
            layout.schema.lines.len()
        } else {
            score
        };
        let enough = by_title || score >= 2 || (score >= 1 && labelled.len() <= 2 && score == labelled.len());
        if !enough {
            continue;
        }
        let better = match best {
            None => true,
            Some((s, n, _)) => score > s || (score == s && layout.schema.lines.len() < n),
        };
        if better {
            best = Some((score, layout.schema.lines.len(), li));
        }
    }
    best.map(|(_, _, li)| li)
}

/// The key a row is matched by. A row printed without a label is read as `Total` when it closes
/// the table and as `Total <section>` when it closes a section.
fn row_key(table: &Table, row: &Row) -> String {
    if !row.label.trim().is_empty() {
        return match_key(&row.label);
    }
    let idx = table.rows.iter().position(|r| std::ptr::eq(r, row)).unwrap_or(0);
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

fn display_label(table: &Table, row: &Row) -> String {
    if row.label.trim().is_empty() {
        let k = row_key(table, row);
        format!("({k}, unlabelled)")
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
    for cell in &row.cells {
        out.push(Unbound {
            line: cell.location.line,
            label: display_label(table, row),
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

fn precision_for(kind: QuantityKind, table: &Table) -> Precision {
    match kind {
        QuantityKind::Money => table.precision,
        _ => Precision::new(Scale::Units, 0),
    }
}

#[allow(clippy::too_many_arguments)]
fn bind_group(
    filing: &Filing,
    layout: &Layout,
    folded: &Folded,
    keys: &[Vec<String>],
    li: usize,
    gi: usize,
    tables: &[usize],
    overrides: &[RowReading],
    out: &mut Binding,
) {
    let schema = &layout.schema;
    let first = &filing.tables[tables[0]];
    let ncols = first.columns.len();
    // change columns: every cell in them is a percentage while the layout's lines are money.
    // Columns of percentages in a layout of other quantities: year-on-year changes of money
    // ("Year-on-year Change"), or each line's share of the total (employees by function).
    let percent: Vec<bool> = (0..ncols)
        .map(|c| {
            let mut any = false;
            let all = tables.iter().flat_map(|&t| &filing.tables[t].rows).all(|r| {
                r.cells.iter().filter(|x| x.column == Some(c)).all(|x| {
                    any = true;
                    matches!(x.number, Some(Number::Percent { .. }))
                })
            });
            all && any && schema.lines.iter().all(|l| l.kind != QuantityKind::Percent)
        })
        .collect();
    let mut stmts: Vec<BoundStatement> = (0..ncols)
        .map(|c| BoundStatement {
            layout: li,
            key: layout.key,
            tables: tables.to_vec(),
            group: gi,
            column: ColumnKey {
                period: first.columns[c].period,
                currency: first.columns[c].currency.clone(),
            },
            percent_column: percent[c],
            slots: vec![Slot::Absent; schema.lines.len()],
        })
        .collect();
    let mut taken = vec![false; schema.lines.len()];
    for &ti in tables {
        let table = &filing.tables[ti];
        // The heading the current row is printed under ("Current assets:").
        let mut section = String::new();
        // A table without any printed label binds its rows to the layout's lines in order.
        let positional = table.rows.iter().all(|r| r.label.trim().is_empty());
        let mut position = 0;
        for (ri, row) in table.rows.iter().enumerate() {
            if row.cells.is_empty() {
                section = match_key(&row.label);
                continue;
            }
            let key = if positional {
                position += 1;
                match folded.labels.get(position - 1) {
                    Some(l) => l.clone(),
                    None => {
                        unbind_row(
                            &mut out.unbound,
                            filing,
                            ti,
                            row,
                            "more unlabelled rows than the layout has lines",
                        );
                        continue;
                    }
                }
            } else {
                keys[ti][ri].clone()
            };
            let candidates = folded.lines(&key);
            // A label printed twice takes the line of its section, else the first line not yet bound.
            let in_section = |l: &usize| folded.sections[*l].as_ref().is_some_and(|s| *s == section);
            let chosen = candidates
                .iter()
                .find(|l| !taken[**l] && in_section(l))
                .or_else(|| candidates.iter().find(|l| !taken[**l]));
            let Some(&line) = chosen else {
                let reason = if candidates.is_empty() {
                    format!("no line of `{}` has this label", layout.key)
                } else {
                    "the line was already bound from an earlier row".to_string()
                };
                unbind_row(&mut out.unbound, filing, ti, row, &reason);
                continue;
            };
            taken[line] = true;
            let cols = match overrides.iter().find(|o| o.table == ti && o.row == ri) {
                Some(o) => match row.readings.get(o.reading) {
                    Some(r) => r.iter().map(|c| Some(*c)).collect(),
                    None => cell_columns(filing, ti, ri, row),
                },
                None => cell_columns(filing, ti, ri, row),
            };
            let precision = precision_for(schema.lines[line].kind, table);
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
                        label: display_label(table, row),
                        column: "column unknown".to_string(),
                        value: cell_value_text(cell),
                        reason: "which column each figure of this row belongs to is uncertain: see the damage at this line"
                            .into(),
                    });
                    continue;
                };
                placed[c] = true;
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
                            label: display_label(table, row),
                            column: stmt.column.label(),
                            value: cell_value_text(cell),
                        },
                    },
                    None => {
                        out.unbound.push(Unbound {
                            line: cell.location.line,
                            label: display_label(table, row),
                            column: stmt.column.label(),
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
    out.statements.extend(stmts);
}
