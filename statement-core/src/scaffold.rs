//! Scaffolding a layout set from a filing: one `#[derive(Statement)]` struct per table, the totals
//! inferred from the filing's own figures, the relations between tables listed, and a Cargo
//! project that checks the filing with them.
//!
//! The filing tells us the labels, the columns (period and currency) and, from its figures, which
//! lines add up to which. A total is inferred only when its formula holds in every readable column
//! within rounding (the rounding model of [`crate::check::footing`]); when two formulas fit the
//! figures equally well, neither is declared and both are listed in a comment.
//!
//! ```
//! use statement_core::{kingsoft, scaffold};
//! let b = kingsoft::Q2_2025;
//! let s = scaffold::scaffold_text(b.name, b.text.as_bytes()).unwrap();
//! let sheet = &s.layouts[0];
//! assert_eq!(sheet.key, "balance_sheets");
//! let total = sheet.lines.iter().find(|l| l.label == "Total assets").unwrap();
//! let terms: Vec<&str> = total.total.as_ref().unwrap().iter().map(|&(_, i)| sheet.lines[i].label.as_str()).collect();
//! assert_eq!(terms, ["Total current assets", "Total non-current assets"]);
//! assert!(s.rust().contains("#[derive(Statement)]"));
//! ```
//!
//! # How totals are inferred
//!
//! Rows are read top to bottom, each kind of quantity (money, shares, per-share amounts) apart.
//! The *open* lines are those no total has taken yet. For each row, in this order of preference:
//!
//! 1. **a block**: the open lines directly above it (components, then their subtotal; totals of
//!    subtotals), with up to two of them subtracted;
//! 2. **an earlier total and a block**: a total printed further up plus the open lines directly
//!    above (comprehensive loss = net loss + other comprehensive income);
//! 3. **a subset** of the last eight open lines (a line printed between the components and their
//!    total, as an exchange-rate effect outside the net change in cash).
//!
//! A candidate holds when, in every column where all its figures are readable, the sum of the
//! terms meets the total within the rounding the printed figures may hide. Among the candidates of
//! the first class that has any, the one holding exactly in the most columns (then with the fewest
//! subtractions) is taken; a tie is ambiguous and left as a comment. Lines printed as nil
//! everywhere never decide between candidates: they join the block above when no heading
//! separates them. Rows whose alignment is uncertain are tried in each of the reader's readings
//! (the same reading for rows damaged alike). The search is bounded by [`BUDGET`] column
//! evaluations per filing; the scaffold says when it was reached.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::Currency;
use crate::amount::{QuantityKind, Rmb, Scale, Usd};
use crate::bind::ColumnKey;
use crate::read::{Cell, DamageKind, Filing, Number, Period, ReadError, Row, Table};
use crate::schema::normalize_label;

/// The most column evaluations one scaffold spends searching for formulas.
pub const BUDGET: u64 = 20_000_000;

/// Longest block of lines a total is searched over.
const MAX_BLOCK: usize = 40;
/// How many open lines the subset search looks at.
const SUBSET_WINDOW: usize = 8;
/// Decimal places figures are scaled to for integer arithmetic.
const DP: u32 = 6;

/// The scaffold of one filing: its layouts, the relations found between them, and notes.
#[derive(Clone, Debug)]
pub struct Scaffold {
    /// Where the filing came from.
    pub source: String,
    /// One layout per statement table (tables printing the same lines share one).
    pub layouts: Vec<Layout>,
    /// Figures printed in two layouts (ties).
    pub ties: Vec<TieFound>,
    /// Currency translations the columns show.
    pub translations: Vec<Translation>,
    /// Other relations found (period sums), as sentences.
    pub relations: Vec<String>,
    /// Whether six months = the two quarters is declared: it holds for every money line printed
    /// in the three columns but at most one.
    pub period_sum: bool,
    /// The roll-forward found: a flow layout's closing and opening balances against lines of a
    /// balance layout at the period's end and start.
    pub roll_forward: Option<RollForward>,
    /// Tables left out, and why.
    pub skipped: Vec<String>,
    /// Column evaluations spent on the formula search.
    pub evaluations: u64,
    /// Whether the search budget ([`BUDGET`]) was reached (some rows were not searched).
    pub budget_reached: bool,
}

/// One scaffolded layout.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Key for check ids (snake case, unique in the scaffold).
    pub key: String,
    /// The Rust type name (camel case).
    pub type_name: String,
    /// The title as printed.
    pub title: String,
    /// The tables (indices into the filing's tables) it was scaffolded from.
    pub tables: Vec<usize>,
    /// Currency codes of its money columns, in order of appearance.
    pub currencies: Vec<String>,
    /// Whether its money lines are balances at an instant (else flows over a duration).
    pub instant: bool,
    /// The lines in printed order.
    pub lines: Vec<Line>,
    /// Statement rules found: (left line, right line, holds).
    pub rules: Vec<(usize, usize, Holds)>,
    /// Remarks on the whole table (why no structure was inferred, budget).
    pub notes: Vec<String>,
    /// Value columns the formulas were tested on.
    pub columns: usize,
}

/// One scaffolded line.
#[derive(Clone, Debug)]
pub struct Line {
    /// Field name (snake case, unique in the layout, not a keyword).
    pub name: String,
    /// The label as printed (for an unlabelled row, the label the binder gives it).
    pub label: String,
    /// Other wordings printed for the same line.
    pub aliases: Vec<String>,
    /// The heading it is printed under, for a label printed twice.
    pub section: Option<String>,
    /// The kind of quantity.
    pub kind: QuantityKind,
    /// Whether it is printed as nil in some column (an `Option` field).
    pub optional: bool,
    /// The inferred formula: (weight, line index) terms.
    pub total: Option<Vec<(i64, usize)>>,
    /// A balance printed in a flow statement (typed `Instant`): the roll-forward's opening or
    /// closing line.
    pub balance: bool,
    /// For a closing balance: its opening balance (first) plus the flows of the period.
    pub roll_forward: Option<Vec<(i64, usize)>>,
    /// In how many columns the formula holds.
    pub holds: Option<Holds>,
    /// A remark (ambiguous formulas, unreadable figures).
    pub note: Option<String>,
}

/// Where an inferred relation holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holds {
    /// Columns where every figure is readable.
    pub columns: usize,
    /// Of those, where the figures agree to the digit.
    pub exact: usize,
    /// Of those, where they agree within rounding.
    pub within: usize,
    /// How the formula was found.
    pub how: &'static str,
}

/// A figure printed in two layouts: `a = sign * b` in every column both print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieFound {
    /// (layout, line) of the first figure.
    pub a: (usize, usize),
    /// (layout, line) of the second figure.
    pub b: (usize, usize),
    /// 1 when printed with the same sign, -1 when opposite.
    pub sign: i64,
    /// Columns where both are printed.
    pub columns: usize,
    /// Of those, where they agree to the digit.
    pub exact: usize,
}

/// A currency translation the columns show: `to = from / rate`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The currency translated from (code as printed).
    pub from: String,
    /// The currency translated to.
    pub to: String,
    /// Units of `from` per unit of `to`.
    pub rate: Decimal,
    /// Whether the filing's text states this rate (else it is estimated from the figures).
    pub stated: bool,
    /// Pairs of figures the estimate was made from.
    pub pairs: usize,
}

/// A roll-forward: the closing (opening) balance of a flow layout = the sum of some lines of a
/// balance layout at the end (start) of the flow's period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollForward {
    /// The flow layout.
    pub flow: usize,
    /// Its closing-balance line.
    pub ending: usize,
    /// Its opening-balance line.
    pub beginning: usize,
    /// The balance layout.
    pub balance: usize,
    /// The balance lines summed.
    pub lines: Vec<usize>,
    /// Pairs of columns where it holds (closing and opening together).
    pub pairs: usize,
}

/// Reads a filing and scaffolds it.
pub fn scaffold_text(source: &str, bytes: &[u8]) -> Result<Scaffold, ReadError> {
    Ok(scaffold(&crate::read::read(source, bytes)?))
}

// ---------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------

/// A figure scaled to `10^DP`, with twice its half-width in the same units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fig {
    v: i128,
    hw2: i128,
}

fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

fn fig_of(cell: &Cell, nil_decimals: u32) -> Option<Fig> {
    let (value, decimals) = match cell.number? {
        Number::Value { value, decimals } | Number::Percent { value, decimals } => (value, decimals),
        Number::Nil => (Decimal::ZERO, nil_decimals),
    };
    if decimals > DP {
        return None;
    }
    let scaled = value.checked_mul(Decimal::from(pow10(DP) as i64))?;
    if !scaled.fract().is_zero() {
        return None;
    }
    Some(Fig {
        v: scaled.to_i128()?,
        hw2: pow10(DP - decimals),
    })
}

/// A line's figures: one vector per possible reading of its row(s), one entry per column.
#[derive(Clone, Debug)]
struct Figures {
    readings: Vec<Vec<Option<Fig>>>,
    /// The reading the binder takes (index into `readings`), `None` when it takes none.
    bound: Option<usize>,
}

impl Figures {
    fn readable(&self) -> bool {
        self.readings.iter().any(|r| r.iter().any(Option::is_some))
    }

    fn zero(&self) -> bool {
        let r = &self.readings[0];
        r.iter().any(Option::is_some) && r.iter().flatten().all(|f| f.v == 0)
    }

    fn bound_value(&self, col: usize) -> Option<Fig> {
        self.bound.and_then(|b| self.readings[b][col])
    }
}

// ---------------------------------------------------------------------------------------------
// Tables into layouts
// ---------------------------------------------------------------------------------------------

/// A value row of a table, as the scaffold sees it.
struct RowInfo {
    row: usize,
    label: String,
    key: String,
    section: Option<String>,
    heading_before: bool,
    kind: QuantityKind,
    optional: bool,
}

fn strip_marker(label: &str) -> &str {
    label
        .trim()
        .trim_start_matches(['-', '\u{2013}', '\u{2014}', '\u{2022}', '*', ' '])
        .trim()
}

fn match_key(label: &str) -> String {
    normalize_label(strip_marker(label))
}

fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

const SHARE_WORDS: &[&str] = &[
    "shares used",
    "weighted average",
    "weighted-average",
    "number of shares",
    "number of ordinary shares",
    "number of common shares",
    "shares outstanding",
    "ads outstanding",
    "adss outstanding",
];
const PER_SHARE_WORDS: &[&str] = &[
    "per share",
    "per ordinary share",
    "per common share",
    "per ads",
    "per american depositary",
    "per diluted share",
    "per basic share",
    "earnings per",
    "loss per",
    "income per",
];

fn percent_columns(table: &Table) -> Vec<bool> {
    let percent: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            let mut any = false;
            let all = table.rows.iter().all(|r| {
                r.cells.iter().filter(|x| x.column == Some(c)).all(|x| {
                    any = true;
                    matches!(x.number, Some(Number::Percent { .. }))
                })
            });
            all && any
        })
        .collect();
    // A table of percentages only (margins) keeps its columns: its lines are percentages.
    if percent.iter().all(|p| *p) {
        return vec![false; percent.len()];
    }
    percent
}

/// The value rows of a table. Rows in `repeated` (a label the reader found printed twice in one
/// section with other figures) are left out: the binder leaves them unbound, as a hand layout
/// would.
fn table_rows(table: &Table, percent: &[bool], repeated: &[usize]) -> Vec<RowInfo> {
    let money = table.columns.iter().any(|c| c.currency.is_some()) || table.precision.scale != Scale::Units;
    let positional = table.rows.iter().all(|r| r.label.trim().is_empty());
    let last_with_cells = table.rows.iter().rposition(|r| !r.cells.is_empty());
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    let mut heading_before = false;
    for (ri, row) in table.rows.iter().enumerate() {
        // A heading whose line picked up unreadable tokens ("Non-current assets: 2 1(2 00") is
        // still a heading.
        let garbled_heading = row.label.trim().ends_with(':') && row.cells.iter().all(|c| c.number.is_none());
        if repeated.contains(&ri) {
            continue;
        }
        if row.cells.is_empty() || garbled_heading {
            if !row.label.trim().is_empty() {
                section = Some(row.label.trim().trim_end_matches(':').trim().to_string());
            }
            heading_before = true;
            continue;
        }
        let label = if positional {
            format!("Line {}", out.len() + 1)
        } else if row.label.trim().is_empty() {
            match (&section, Some(ri) == last_with_cells) {
                (Some(s), false) => format!("Total {s}"),
                _ => "Total".to_string(),
            }
        } else {
            row.label.trim().to_string()
        };
        let kind = row_kind(table, row, &label, section.as_deref(), money, percent);
        let optional = row
            .cells
            .iter()
            .any(|c| matches!(c.number, Some(Number::Nil)) && !c.column.is_some_and(|x| percent[x]));
        out.push(RowInfo {
            row: ri,
            key: match_key(&label),
            label,
            section: section.clone(),
            heading_before,
            kind,
            optional,
        });
        heading_before = false;
    }
    out
}

fn row_kind(
    table: &Table,
    row: &Row,
    label: &str,
    section: Option<&str>,
    money: bool,
    percent: &[bool],
) -> QuantityKind {
    let cells: Vec<&Cell> = row
        .cells
        .iter()
        .filter(|c| !c.column.is_some_and(|x| percent.get(x).copied().unwrap_or(false)))
        .collect();
    let numbers: Vec<Number> = cells
        .iter()
        .filter_map(|c| c.number)
        .filter(|n| *n != Number::Nil)
        .collect();
    if !numbers.is_empty() && numbers.iter().all(|n| matches!(n, Number::Percent { .. })) {
        return QuantityKind::Percent;
    }
    let label = normalize_label(label);
    let section = section.map(normalize_label).unwrap_or_default();
    if contains_any(&label, SHARE_WORDS) {
        return QuantityKind::Shares;
    }
    if money && contains_any(&label, PER_SHARE_WORDS) {
        return QuantityKind::PerShare;
    }
    if contains_any(&section, SHARE_WORDS) {
        return QuantityKind::Shares;
    }
    if money && contains_any(&section, PER_SHARE_WORDS) {
        return QuantityKind::PerShare;
    }
    let decimals_2 = !numbers.is_empty()
        && numbers
            .iter()
            .all(|n| matches!(n, Number::Value { decimals, .. } if *decimals >= 2));
    if money && decimals_2 && table.precision.decimals == 0 && table.precision.scale != Scale::Units {
        return QuantityKind::PerShare;
    }
    if money {
        QuantityKind::Money
    } else {
        QuantityKind::Shares
    }
}

/// The columns a row's cells belong to as the binder reads them.
fn certain_columns(filing: &Filing, ti: usize, ri: usize, row: &Row) -> Option<Vec<usize>> {
    let shifted = filing
        .damage
        .iter()
        .any(|d| d.table == Some(ti) && d.row == Some(ri) && matches!(d.kind, DamageKind::ShiftedRow));
    if shifted {
        return row.readings.first().cloned();
    }
    row.cells.iter().map(|c| c.column).collect()
}

/// Every reading of a row over the layout's columns, and which the binder takes.
fn row_figures(
    filing: &Filing,
    ti: usize,
    info: &RowInfo,
    colmap: &[Option<usize>],
    ncols: usize,
) -> Figures {
    let table = &filing.tables[ti];
    let row = &table.rows[info.row];
    let nil_decimals = if info.kind == QuantityKind::Money {
        table.precision.decimals
    } else {
        0
    };
    let place = |cols: &[usize]| -> Vec<Option<Fig>> {
        let mut v = vec![None; ncols];
        for (cell, &c) in row.cells.iter().zip(cols) {
            if let Some(Some(lc)) = colmap.get(c) {
                v[*lc] = fig_of(cell, nil_decimals);
            }
        }
        v
    };
    let certain = certain_columns(filing, ti, info.row, row);
    let mut readings: Vec<Vec<Option<Fig>>> = Vec::new();
    let mut bound = None;
    if let Some(cols) = &certain {
        if cols.iter().all(|&c| c < table.columns.len()) {
            readings.push(place(cols));
            bound = Some(0);
        }
    }
    for r in row.readings.iter().take(16) {
        if certain.as_ref() != Some(r) && r.iter().all(|&c| c < table.columns.len()) {
            readings.push(place(r));
        }
    }
    if readings.is_empty() {
        readings.push(vec![None; ncols]);
    }
    Figures { readings, bound }
}

/// Scaffolds a read filing.
pub fn scaffold(filing: &Filing) -> Scaffold {
    let mut out = Scaffold {
        source: filing.source.clone(),
        layouts: Vec::new(),
        ties: Vec::new(),
        translations: Vec::new(),
        relations: Vec::new(),
        roll_forward: None,
        period_sum: false,
        skipped: Vec::new(),
        evaluations: 0,
        budget_reached: false,
    };
    // Tables into layouts: a table printing the same lines as an earlier one (or the same lines
    // worded differently in a few places) shares its layout.
    struct Group {
        tables: Vec<usize>,
        rows: Vec<Vec<RowInfo>>,
        percent: Vec<Vec<bool>>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (ti, table) in filing.tables.iter().enumerate() {
        let percent = percent_columns(table);
        let repeated: Vec<usize> = filing
            .damage
            .iter()
            .filter(|d| d.table == Some(ti) && matches!(d.kind, DamageKind::RepeatedLabel { .. }))
            .filter_map(|d| d.row)
            .collect();
        let rows = table_rows(table, &percent, &repeated);
        if rows.is_empty() {
            out.skipped.push(format!(
                "table at line {} ({:?}): no row with figures",
                table.title_location.line, table.title
            ));
            continue;
        }
        let joined = groups.iter_mut().find(|g| {
            let first = &g.rows[0];
            first.len() == rows.len()
                && first.iter().zip(&rows).all(|(a, b)| a.kind == b.kind)
                && {
                    let same = first.iter().zip(&rows).filter(|(a, b)| a.key == b.key).count();
                    same * 10 >= rows.len() * 6
                }
                && aliases_fit(first, &rows)
        });
        match joined {
            Some(g) => {
                g.tables.push(ti);
                g.rows.push(rows);
                g.percent.push(percent);
            }
            None => groups.push(Group {
                tables: vec![ti],
                rows: vec![rows],
                percent: vec![percent],
            }),
        }
    }
    let mut keys: HashSet<String> = HashSet::new();
    let title_counts: HashMap<String, usize> = groups.iter().fold(HashMap::new(), |mut m, g| {
        *m.entry(title_key(&filing.tables[g.tables[0]].title)).or_default() += 1;
        m
    });
    let mut budget = Budget {
        spent: 0,
        reached: false,
    };
    let mut figures_of: Vec<Vec<Figures>> = Vec::new();
    let mut colkeys_of: Vec<Vec<ColumnKey>> = Vec::new();
    for g in &groups {
        let first_table = &filing.tables[g.tables[0]];
        // The layout's columns: every non-percentage column of its tables.
        let mut colmaps: Vec<Vec<Option<usize>>> = Vec::new();
        let mut colkeys: Vec<ColumnKey> = Vec::new();
        for (k, &ti) in g.tables.iter().enumerate() {
            let t = &filing.tables[ti];
            let map = t
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    (!g.percent[k][c]).then(|| {
                        colkeys.push(ColumnKey {
                            period: col.period,
                            currency: col.currency.clone(),
                        });
                        colkeys.len() - 1
                    })
                })
                .collect();
            colmaps.push(map);
        }
        let ncols = colkeys.len();
        let base = &g.rows[0];
        let mut figs: Vec<Figures> = Vec::new();
        for li in 0..base.len() {
            let mut combined: Option<Figures> = None;
            for (k, &ti) in g.tables.iter().enumerate() {
                let f = row_figures(filing, ti, &g.rows[k][li], &colmaps[k], ncols);
                combined = Some(match combined {
                    None => f,
                    Some(c) => merge_figures(c, f),
                });
            }
            figs.push(combined.unwrap_or(Figures {
                readings: vec![vec![None; ncols]],
                bound: None,
            }));
        }
        let mut currencies: Vec<String> = Vec::new();
        for k in &colkeys {
            if let Some(c) = &k.currency
                && !currencies.contains(c)
            {
                currencies.push(c.clone());
            }
        }
        let (inst, dur) = colkeys.iter().fold((0, 0), |(i, d), k| match k.period {
            Period::Instant { .. } => (i + 1, d),
            Period::Duration { .. } => (i, d + 1),
            Period::Unknown => (i, d),
        });
        let title_n = normalize_label(&first_table.title);
        let instant = inst > dur
            || (inst == dur && contains_any(&title_n, &["balance sheet", "financial position", "as of"]));
        // Names.
        let mut lines: Vec<Line> = Vec::new();
        let mut names: HashSet<String> = HashSet::new();
        let mut seen_labels: HashMap<String, usize> = HashMap::new();
        for info in base {
            *seen_labels.entry(info.key.clone()).or_default() += 1;
        }
        let mut used_sections: HashSet<(String, String)> = HashSet::new();
        for (li, info) in base.iter().enumerate() {
            let repeated = seen_labels[&info.key] > 1;
            let section = if repeated {
                let base_section = info.section.clone().unwrap_or_else(|| "Table".to_string());
                let mut s = base_section.clone();
                let mut n = 2;
                while !used_sections.insert((normalize_label(&s), info.key.clone())) {
                    s = format!("{base_section} ({n})");
                    n += 1;
                }
                Some(s)
            } else {
                None
            };
            let mut name = snake(strip_marker(&info.label), 8);
            if let Some(s) = &section
                && repeated
            {
                name = format!("{}_{}", snake(s, 4), name);
            }
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                name = format!("line_{}{}", li + 1, if name.is_empty() { "" } else { "_" }) + &name;
            }
            if is_keyword(&name) {
                name.push('_');
            }
            let mut unique = name.clone();
            let mut n = 2;
            while !names.insert(unique.clone()) {
                unique = format!("{name}_{n}");
                n += 1;
            }
            let mut aliases: Vec<String> = Vec::new();
            for rows in &g.rows[1..] {
                let other = &rows[li];
                if other.key != info.key && !aliases.iter().any(|a| match_key(a) == other.key) {
                    aliases.push(other.label.clone());
                }
            }
            let optional = g.rows.iter().any(|rows| rows[li].optional);
            lines.push(Line {
                name: unique,
                label: info.label.clone(),
                aliases,
                section,
                kind: info.kind,
                optional,
                total: None,
                balance: false,
                roll_forward: None,
                holds: None,
                note: None,
            });
        }
        let mut layout = Layout {
            type_name: String::new(),
            key: String::new(),
            title: first_table.title.trim().to_string(),
            tables: g.tables.clone(),
            currencies,
            instant,
            lines,
            rules: Vec::new(),
            notes: Vec::new(),
            columns: ncols,
        };
        infer_formulas(&mut layout, base, &figs, &mut budget);
        if base.iter().all(|r| r.label.starts_with("Line ")) {
            layout
                .notes
                .push("printed without labels: recognised by its title, its rows bound in order".to_string());
        }
        // Key: from the title; for titles shared by several tables, from the first total (else
        // the first line): "adjusted_gross_profit".
        let tk = title_key(&first_table.title);
        let mut key = if tk.is_empty() || title_counts.get(&tk).copied().unwrap_or(0) > 1 {
            let labelled = |l: &&Line| !l.label.starts_with("Line ") && l.label != "Total";
            let named = layout
                .lines
                .iter()
                .filter(labelled)
                .find(|l| l.total.is_some())
                .or_else(|| layout.lines.iter().find(labelled))
                .map(|l| snake(strip_marker(&l.label), 4))
                .unwrap_or_default();
            match (tk.is_empty(), named.is_empty()) {
                (true, true) => "table".to_string(),
                (_, false) => named,
                (false, true) => tk.clone(),
            }
        } else {
            tk
        };
        if key.starts_with(|c: char| c.is_ascii_digit()) {
            key = format!("table_{key}");
        }
        if is_keyword(&key) {
            key.push_str("_statement");
        }
        let mut unique = key.clone();
        let mut n = 2;
        while !keys.insert(unique.clone()) {
            unique = format!("{key}_{n}");
            n += 1;
        }
        layout.type_name = camel(&unique);
        layout.key = unique;
        out.layouts.push(layout);
        figures_of.push(figs);
        colkeys_of.push(colkeys);
    }
    out.evaluations = budget.spent;
    out.budget_reached = budget.reached;
    out.ties = find_ties(&out.layouts, &figures_of, &colkeys_of);
    out.translations = find_translations(filing, &out.layouts, &figures_of, &colkeys_of);
    out.roll_forward = find_roll_forward(&out.layouts, &figures_of, &colkeys_of);
    if let Some(r) = out.roll_forward.clone() {
        apply_roll_forward(&mut out.layouts[r.flow], r.ending, r.beginning);
    }
    let (relations, holds, fails) = find_period_sums(&out.layouts, &figures_of, &colkeys_of);
    out.relations = relations;
    out.period_sum = holds >= 5 && fails <= 1;
    out
}

/// Whether a table's labels can be another table's aliases without clashing with a label.
fn aliases_fit(first: &[RowInfo], rows: &[RowInfo]) -> bool {
    let labels: HashSet<&str> = first.iter().map(|r| r.key.as_str()).collect();
    first
        .iter()
        .zip(rows)
        .all(|(a, b)| a.key == b.key || !labels.contains(b.key.as_str()))
}

fn merge_figures(a: Figures, b: Figures) -> Figures {
    let mut readings = Vec::new();
    for (i, ra) in a.readings.iter().enumerate() {
        for (j, rb) in b.readings.iter().enumerate() {
            if readings.len() >= 16 && !(i == a.bound.unwrap_or(0) && j == b.bound.unwrap_or(0)) {
                continue;
            }
            let v: Vec<Option<Fig>> = ra.iter().zip(rb).map(|(x, y)| x.or(*y)).collect();
            readings.push(((i, j), v));
        }
    }
    let bound = match (a.bound, b.bound) {
        (Some(x), Some(y)) => readings.iter().position(|(k, _)| *k == (x, y)),
        _ => None,
    };
    Figures {
        readings: readings.into_iter().map(|(_, v)| v).collect(),
        bound,
    }
}

// ---------------------------------------------------------------------------------------------
// Formula inference
// ---------------------------------------------------------------------------------------------

struct Budget {
    spent: u64,
    reached: bool,
}

#[derive(Clone, Debug)]
struct Candidate {
    terms: Vec<(i64, usize)>,
    holds: Holds,
    minus: usize,
}

fn evaluate(figs: &[Figures], total: usize, terms: &[(i64, usize)], budget: &mut Budget) -> Option<Holds> {
    let ncols = figs[total].readings[0].len();
    let involved: Vec<usize> = std::iter::once(total).chain(terms.iter().map(|t| t.1)).collect();
    let n = involved
        .iter()
        .map(|&r| figs[r].readings.len())
        .max()
        .unwrap_or(1);
    let mut best: Option<Holds> = None;
    for k in 0..n {
        budget.spent += ncols as u64;
        if budget.spent > BUDGET {
            budget.reached = true;
            return None;
        }
        let pick = |r: usize| &figs[r].readings[k.min(figs[r].readings.len() - 1)];
        let (mut exact, mut within, mut readable, mut nontrivial) = (0, 0, 0, false);
        let mut failed = false;
        'col: for c in 0..ncols {
            let Some(t) = pick(total)[c] else { continue };
            let mut sum: i128 = 0;
            let mut tol: i128 = t.hw2;
            let mut any = t.v != 0;
            for &(w, r) in terms {
                let Some(f) = pick(r)[c] else { continue 'col };
                sum += i128::from(w) * f.v;
                tol += i128::from(w.abs()) * f.hw2;
                any |= f.v != 0;
            }
            readable += 1;
            nontrivial |= any;
            let diff = t.v - sum;
            if diff == 0 {
                exact += 1;
            } else if 2 * diff.abs() <= tol {
                within += 1;
            } else {
                failed = true;
                break;
            }
        }
        if failed || readable == 0 || !nontrivial {
            continue;
        }
        let h = Holds {
            columns: readable,
            exact,
            within,
            how: "",
        };
        if best.is_none_or(|b| (h.columns, h.exact) > (b.columns, b.exact)) {
            best = Some(h);
        }
    }
    best
}

fn is_total_label(label: &str) -> bool {
    let k = match_key(label);
    k.starts_with("total") || k.contains(" total")
}

/// Every combination of up to `max` indices of `items` (as index vectors), smallest first.
fn minus_sets(items: &[usize], max: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    if max >= 1 {
        out.extend(items.iter().map(|&i| vec![i]));
    }
    if max >= 2 {
        for (a, &i) in items.iter().enumerate() {
            for &j in &items[a + 1..] {
                out.push(vec![i, j]);
            }
        }
    }
    out
}

fn with_signs(block: &[usize], minus: &[usize]) -> Vec<(i64, usize)> {
    block
        .iter()
        .map(|&r| (if minus.contains(&r) { -1 } else { 1 }, r))
        .collect()
}

/// The best candidate, or the tied best ones.
fn choose(mut cands: Vec<Candidate>) -> Result<Option<Candidate>, Vec<Candidate>> {
    if cands.is_empty() {
        return Ok(None);
    }
    cands.sort_by_key(|c| (std::cmp::Reverse(c.holds.exact), c.minus, c.terms.len()));
    let best = (cands[0].holds.exact, cands[0].minus);
    let tied: Vec<Candidate> = cands
        .iter()
        .filter(|c| (c.holds.exact, c.minus) == best)
        .cloned()
        .collect();
    if tied.len() > 1 {
        Err(tied)
    } else {
        Ok(Some(cands.swap_remove(0)))
    }
}

fn infer_formulas(layout: &mut Layout, rows: &[RowInfo], figs: &[Figures], budget: &mut Budget) {
    let mut open: HashMap<QuantityKind, Vec<usize>> = HashMap::new();
    let mut is_total = vec![false; rows.len()];
    let mut any_readable = false;
    for t in 0..rows.len() {
        let kind = rows[t].kind;
        if matches!(kind, QuantityKind::Percent | QuantityKind::Ratio) {
            continue;
        }
        if !figs[t].readable() {
            layout.lines[t].note = Some("no figure of this line can be read".to_string());
            continue;
        }
        any_readable = true;
        let frontier = open.entry(kind).or_default().clone();
        if budget.reached {
            if let Some(f) = open.get_mut(&kind) {
                f.push(t);
            }
            continue;
        }
        let decision = search(t, rows, figs, &frontier, &is_total, budget);
        match decision {
            Ok(Some(c)) => {
                let f = open.get_mut(&kind).expect("frontier");
                f.retain(|r| !c.terms.iter().any(|&(_, x)| x == *r));
                f.push(t);
                is_total[t] = true;
                layout.lines[t].total = Some(c.terms);
                layout.lines[t].holds = Some(c.holds);
            }
            Ok(None) => open.get_mut(&kind).expect("frontier").push(t),
            Err(tied) => {
                let alts: Vec<String> = tied
                    .iter()
                    .take(4)
                    .map(|c| format!("`{}`", formula_text(&layout.lines, &c.terms)))
                    .collect();
                layout.lines[t].note = Some(format!(
                    "ambiguous: the figures fit {} equally well ({} columns exact); not declared",
                    alts.join(" or "),
                    tied[0].holds.exact
                ));
                open.get_mut(&kind).expect("frontier").push(t);
            }
        }
    }
    if budget.reached {
        layout.notes.push(format!(
            "search budget of {BUDGET} column evaluations reached: some totals were not searched"
        ));
    }
    if !any_readable {
        layout
            .notes
            .push("no line has a readable figure: components only".to_string());
    } else if layout.lines.iter().all(|l| l.total.is_none()) {
        layout
            .notes
            .push("no line is the sum of others in every readable column: components only".to_string());
    }
    // Statement rules: a total equal to an earlier total it is not computed from (the balance).
    for t in 0..rows.len() {
        if !is_total[t] || budget.reached {
            continue;
        }
        let deps = |x: usize| layout.lines[x].total.iter().flatten().any(|&(_, r)| r == t);
        for e in (0..t).rev() {
            if !is_total[e] || rows[e].kind != rows[t].kind || deps(e) {
                continue;
            }
            let in_formula = layout.lines[t].total.iter().flatten().any(|&(_, r)| r == e);
            if in_formula {
                continue;
            }
            if let Some(h) = evaluate(figs, t, &[(1, e)], budget)
                && h.columns >= 2
                && h.exact == h.columns
            {
                layout.rules.push((
                    e,
                    t,
                    Holds {
                        how: "equal totals",
                        ..h
                    },
                ));
                break;
            }
        }
    }
}

fn search(
    t: usize,
    rows: &[RowInfo],
    figs: &[Figures],
    frontier: &[usize],
    is_total: &[bool],
    budget: &mut Budget,
) -> Result<Option<Candidate>, Vec<Candidate>> {
    let total_label = is_total_label(&rows[t].label);
    // 1. A block of open lines directly above.
    let mut cands: Vec<Candidate> = Vec::new();
    let max = frontier.len().min(MAX_BLOCK);
    for len in 1..=max {
        if len == 1 && !total_label {
            continue;
        }
        let block = &frontier[frontier.len() - len..];
        // A block whose top line is nil everywhere extends a shorter one: not a new candidate.
        if len > 1 && figs[block[0]].zero() {
            continue;
        }
        let nonzero: Vec<usize> = block.iter().copied().filter(|&r| !figs[r].zero()).collect();
        let max_minus = match len {
            1 => 0,
            2..=16 => 2,
            _ => 1,
        };
        for minus in minus_sets(&nonzero, max_minus) {
            // All terms subtracted, or two totals subtracted (an identity of the statement,
            // such as assets - liabilities - equity, not the way a line is printed).
            if minus.len() == block.len() || minus.iter().filter(|&&r| is_total[r]).count() > 1 {
                continue;
            }
            let terms = with_signs(block, &minus);
            if let Some(h) = evaluate(figs, t, &terms, budget) {
                cands.push(Candidate {
                    terms,
                    holds: Holds { how: "block", ..h },
                    minus: minus.len(),
                });
            }
        }
    }
    match choose(cands) {
        Ok(Some(mut c)) => {
            // Lines nil everywhere directly above the block join it, unless a heading intervenes.
            let first = c.terms[0].1;
            let mut pos = frontier.iter().position(|&r| r == first).unwrap_or(0);
            while pos > 0 && !rows[frontier[pos]].heading_before && figs[frontier[pos - 1]].zero() {
                pos -= 1;
                c.terms.insert(0, (1, frontier[pos]));
            }
            return Ok(Some(c));
        }
        Err(tied) => return Err(tied),
        Ok(None) => {}
    }
    // 2. An earlier total and a block of open lines directly above.
    let mut cands: Vec<Candidate> = Vec::new();
    let lo = t.saturating_sub(MAX_BLOCK);
    for anchor in (lo..t)
        .rev()
        .filter(|&a| is_total[a] && rows[a].kind == rows[t].kind)
    {
        for len in 1..=frontier.len().min(8) {
            let block = &frontier[frontier.len() - len..];
            if block.contains(&anchor) {
                continue;
            }
            let nonzero: Vec<usize> = block.iter().copied().filter(|&r| !figs[r].zero()).collect();
            for minus in minus_sets(&nonzero, 1) {
                for sign in [1i64, -1] {
                    let mut terms = vec![(sign, anchor)];
                    terms.extend(with_signs(block, &minus));
                    let m = minus.len() + usize::from(sign < 0);
                    if let Some(h) = evaluate(figs, t, &terms, budget) {
                        cands.push(Candidate {
                            terms,
                            holds: Holds {
                                how: "earlier total and block",
                                ..h
                            },
                            minus: m,
                        });
                    }
                }
            }
        }
    }
    match choose(cands) {
        Ok(Some(c)) => return Ok(Some(c)),
        Err(tied) => return Err(tied),
        Ok(None) => {}
    }
    // 3. A subset of the last open lines (not a block: those were tried).
    let window = &frontier[frontier.len().saturating_sub(SUBSET_WINDOW)..];
    let nonzero: Vec<usize> = window.iter().copied().filter(|&r| !figs[r].zero()).collect();
    let mut cands: Vec<Candidate> = Vec::new();
    let n = nonzero.len();
    for mask in 1u32..(1 << n) {
        if mask.count_ones() < 2 {
            continue;
        }
        let subset: Vec<usize> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| nonzero[i])
            .collect();
        // Blocks were tried: a subset of consecutive lines ending at the last is one.
        let contiguous_suffix = {
            let start = frontier.iter().position(|&r| r == subset[0]).unwrap_or(0);
            frontier[start..].iter().filter(|r| !figs[**r].zero()).count() == subset.len()
        };
        if contiguous_suffix {
            continue;
        }
        for minus in minus_sets(&subset, 1) {
            let terms = with_signs(&subset, &minus);
            if let Some(h) = evaluate(figs, t, &terms, budget)
                && h.columns >= 2
            {
                cands.push(Candidate {
                    terms,
                    holds: Holds {
                        how: "subset of the lines above",
                        ..h
                    },
                    minus: minus.len(),
                });
            }
        }
    }
    choose(cands)
}

fn formula_text(lines: &[Line], terms: &[(i64, usize)]) -> String {
    let mut s = String::new();
    for (i, &(w, r)) in terms.iter().enumerate() {
        let name = &lines[r].name;
        match (i, w) {
            (0, 1) => s.push_str(name),
            (0, -1) => {
                let _ = write!(s, "-{name}");
            }
            (0, w) => {
                let _ = write!(s, "{w} * {name}");
            }
            (_, 1) => {
                let _ = write!(s, " + {name}");
            }
            (_, -1) => {
                let _ = write!(s, " - {name}");
            }
            (_, w) if w < 0 => {
                let _ = write!(s, " - {} * {name}", -w);
            }
            (_, w) => {
                let _ = write!(s, " + {w} * {name}");
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Relations between layouts
// ---------------------------------------------------------------------------------------------

fn find_ties(layouts: &[Layout], figs: &[Vec<Figures>], keys: &[Vec<ColumnKey>]) -> Vec<TieFound> {
    // Each line's figures as the binder reads them, by column (first table printing the column).
    let values = |l: usize, line: usize| -> BTreeMap<usize, (ColumnKey, Fig)> {
        let mut m = BTreeMap::new();
        let mut seen: Vec<&ColumnKey> = Vec::new();
        for (c, k) in keys[l].iter().enumerate() {
            if seen.contains(&k) {
                continue;
            }
            seen.push(k);
            if let Some(f) = figs[l][line].bound_value(c) {
                m.insert(c, (k.clone(), f));
            }
        }
        m
    };
    // Index: (column key, |value|) -> lines printing it.
    let mut index: HashMap<(String, i128), Vec<(usize, usize)>> = HashMap::new();
    let mut all: Vec<Vec<BTreeMap<usize, (ColumnKey, Fig)>>> = Vec::new();
    for (l, layout) in layouts.iter().enumerate() {
        let mut per_line = Vec::new();
        for (i, line) in layout.lines.iter().enumerate() {
            let v = values(l, i);
            if line.kind == QuantityKind::Money {
                for (k, f) in v.values() {
                    if f.v != 0 {
                        index.entry((k.label(), f.v.abs())).or_default().push((l, i));
                    }
                }
            }
            per_line.push(v);
        }
        all.push(per_line);
    }
    let mut out = Vec::new();
    let mut done: HashSet<((usize, usize), usize)> = HashSet::new();
    for (l, layout) in layouts.iter().enumerate() {
        for (i, line) in layout.lines.iter().enumerate() {
            if line.kind != QuantityKind::Money {
                continue;
            }
            let Some((k, f)) = all[l][i].values().find(|(_, f)| f.v != 0) else {
                continue;
            };
            let Some(partners) = index.get(&(k.label(), f.v.abs())) else {
                continue;
            };
            for &(l2, i2) in partners {
                if l2 <= l || done.contains(&((l, i), l2)) {
                    continue;
                }
                let a: HashMap<String, Fig> = all[l][i].values().map(|(k, f)| (k.label(), *f)).collect();
                let b: HashMap<String, Fig> = all[l2][i2].values().map(|(k, f)| (k.label(), *f)).collect();
                let sign = if f.v.signum() == b.get(&k.label()).map_or(0, |x| x.v.signum()) {
                    1
                } else {
                    -1
                };
                let (mut columns, mut exact, mut nonzero, mut ok) = (0, 0, 0, true);
                for (key, fa) in &a {
                    let Some(fb) = b.get(key) else { continue };
                    columns += 1;
                    let diff = fa.v - i128::from(sign) * fb.v;
                    if diff == 0 {
                        exact += 1;
                    } else if 2 * diff.abs() > fa.hw2 + fb.hw2 {
                        ok = false;
                        break;
                    }
                    if fa.v != 0 {
                        nonzero += 1;
                    }
                }
                if ok && nonzero >= 2 {
                    done.insert(((l, i), l2));
                    out.push(TieFound {
                        a: (l, i),
                        b: (l2, i2),
                        sign,
                        columns,
                        exact,
                    });
                }
            }
        }
    }
    out
}

/// The rate between the two built-in currencies where a table prints both for one period, and the
/// rate stated in the text when one is close to it.
fn find_translations(
    filing: &Filing,
    layouts: &[Layout],
    figs: &[Vec<Figures>],
    keys: &[Vec<ColumnKey>],
) -> Vec<Translation> {
    let mut out = Vec::new();
    let mut pairs: BTreeMap<(String, String), Vec<Decimal>> = BTreeMap::new();
    for (l, layout) in layouts.iter().enumerate() {
        for (c1, k1) in keys[l].iter().enumerate() {
            for (c2, k2) in keys[l].iter().enumerate() {
                let (Some(a), Some(b)) = (&k1.currency, &k2.currency) else {
                    continue;
                };
                if a == b || k1.period != k2.period || c1 == c2 {
                    continue;
                }
                for (i, line) in layout.lines.iter().enumerate() {
                    if line.kind != QuantityKind::Money {
                        continue;
                    }
                    let (Some(x), Some(y)) = (figs[l][i].bound_value(c1), figs[l][i].bound_value(c2)) else {
                        continue;
                    };
                    // Figures large enough to give the rate to four places.
                    if y.v.abs() < 10_000 * pow10(DP) || x.v.abs() <= y.v.abs() {
                        continue;
                    }
                    let r = Decimal::from_i128_with_scale(x.v, 0) / Decimal::from_i128_with_scale(y.v, 0);
                    pairs.entry((a.clone(), b.clone())).or_default().push(r);
                }
            }
        }
    }
    let counts: BTreeMap<(String, String), usize> = pairs.iter().map(|(k, v)| (k.clone(), v.len())).collect();
    for ((from, to), mut rates) in pairs {
        let reverse = counts.get(&(to.clone(), from.clone())).copied().unwrap_or(0);
        if rates.len() < 3 || rates.len() < reverse {
            continue;
        }
        rates.sort();
        let median = rates[rates.len() / 2];
        if median <= Decimal::ZERO {
            continue;
        }
        let stated = filing
            .paragraphs
            .iter()
            .flat_map(|p| decimals_in(&p.text))
            .find(|r| ((*r - median) / median).abs() < Decimal::new(3, 4));
        out.push(Translation {
            from,
            to,
            rate: stated.unwrap_or_else(|| median.round_dp(4)),
            stated: stated.is_some(),
            pairs: rates.len(),
        });
    }
    out
}

/// Decimal numbers written with a point in a text ("7.1636").
fn decimals_in(text: &str) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_digit() || (ch == '.' && !cur.is_empty() && !cur.contains('.')) {
            cur.push(ch);
        } else {
            let t = cur.trim_end_matches('.');
            if t.contains('.') && t.len() <= 12 {
                if let Ok(d) = t.parse::<Decimal>() {
                    out.push(d);
                }
            }
            cur.clear();
        }
    }
    out
}

/// The first roll-forward between a flow layout and a balance layout: a flow line equal, in every
/// column pair printed, to a run of one to three consecutive balance lines at the end of the
/// flow's period, and an earlier flow line equal to the same run at its start; at least two pairs
/// in all. Bounded: lines of the flow layouts times runs of the balance layouts times columns.
fn find_roll_forward(
    layouts: &[Layout],
    figs: &[Vec<Figures>],
    keys: &[Vec<ColumnKey>],
) -> Option<RollForward> {
    let money = |l: usize, i: usize| layouts[l].lines[i].kind == QuantityKind::Money;
    for (b, bl) in layouts.iter().enumerate().filter(|(_, l)| l.instant) {
        // The balance column of a date and currency.
        let bcol = |date, cur: &Option<String>| {
            keys[b]
                .iter()
                .position(|k| k.period == Period::Instant { date } && k.currency == *cur)
        };
        for (f, fl) in layouts.iter().enumerate().filter(|(_, l)| !l.instant) {
            // (flow column, balance column at the end, balance column at the start)
            let cols: Vec<(usize, Option<usize>, Option<usize>)> = keys[f]
                .iter()
                .enumerate()
                .filter_map(|(c, k)| match k.period {
                    Period::Duration { months, end } => Some((
                        c,
                        bcol(end, &k.currency),
                        bcol(end.months_before(months), &k.currency),
                    )),
                    _ => None,
                })
                .collect();
            let run_value = |start: usize, len: usize, col: usize| -> Option<Fig> {
                let mut v = Fig { v: 0, hw2: 0 };
                for line in &figs[b][start..start + len] {
                    let x = line.bound_value(col)?;
                    v.v += x.v;
                    v.hw2 += x.hw2;
                }
                Some(v)
            };
            // Pairs where `line` of the flow equals the run at the end (`at_end`) or start.
            let matches = |line: usize, start: usize, len: usize, at_end: bool| -> Option<usize> {
                let mut n = 0;
                for &(c, e, s) in &cols {
                    let Some(bc) = (if at_end { e } else { s }) else {
                        continue;
                    };
                    let (Some(x), Some(y)) = (figs[f][line].bound_value(c), run_value(start, len, bc)) else {
                        continue;
                    };
                    if 2 * (x.v - y.v).abs() > x.hw2 + y.hw2 {
                        return None;
                    }
                    n += 1;
                }
                Some(n)
            };
            for len in 1..=3 {
                for start in 0..bl.lines.len().saturating_sub(len - 1) {
                    if !(start..start + len).all(|i| money(b, i)) {
                        continue;
                    }
                    for ending in (0..fl.lines.len()).rev().filter(|&i| money(f, i)) {
                        let Some(ne) = matches(ending, start, len, true).filter(|n| *n > 0) else {
                            continue;
                        };
                        let beginning = (0..ending)
                            .rev()
                            .filter(|&i| money(f, i))
                            .find_map(|i| matches(i, start, len, false).filter(|n| *n > 0).map(|n| (i, n)));
                        if let Some((beginning, nb)) = beginning
                            && ne + nb >= 2
                        {
                            return Some(RollForward {
                                flow: f,
                                ending,
                                beginning,
                                balance: b,
                                lines: (start..start + len).collect(),
                                pairs: ne + nb,
                            });
                        }
                    }
                }
            }
        }
    }
    None
}

/// Six months = the two quarters, where a layout prints all three (the check does it for every
/// money line; listed here with whether it holds).
fn find_period_sums(
    layouts: &[Layout],
    figs: &[Vec<Figures>],
    keys: &[Vec<ColumnKey>],
) -> (Vec<String>, usize, usize) {
    let mut out = Vec::new();
    let (mut all_holds, mut all_fails) = (0, 0);
    for (l, layout) in layouts.iter().enumerate() {
        for (h, hk) in keys[l].iter().enumerate() {
            let Period::Duration { months: 6, end } = hk.period else {
                continue;
            };
            let find = |p: Period| {
                keys[l]
                    .iter()
                    .position(|k| k.period == p && k.currency == hk.currency)
            };
            let (Some(q1), Some(q2)) = (
                find(Period::Duration {
                    months: 3,
                    end: end.months_before(3),
                }),
                find(Period::Duration { months: 3, end }),
            ) else {
                continue;
            };
            let (mut holds, mut fails) = (0, Vec::new());
            for (i, line) in layout.lines.iter().enumerate() {
                if line.kind != QuantityKind::Money {
                    continue;
                }
                let f = &figs[l][i];
                let (Some(a), Some(b), Some(c)) = (f.bound_value(h), f.bound_value(q1), f.bound_value(q2))
                else {
                    continue;
                };
                let diff = a.v - b.v - c.v;
                if 2 * diff.abs() <= a.hw2 + b.hw2 + c.hw2 {
                    holds += 1;
                } else {
                    fails.push(line.name.clone());
                }
            }
            let mut s = format!(
                "period sum: {}: {} = two quarters holds for {holds} lines",
                layout.key,
                hk.label()
            );
            if !fails.is_empty() {
                let _ = write!(s, "; fails for {}", fails.join(", "));
            }
            all_holds += holds;
            all_fails += fails.len();
            out.push(s);
        }
    }
    (out, all_holds, all_fails)
}

/// Types the roll-forward's opening and closing lines as balances, the closing line's formula
/// as its roll-forward (opening first), and drops formulas that would mix balances and flows.
fn apply_roll_forward(layout: &mut Layout, ending: usize, beginning: usize) {
    let is_balance = |i: usize| i == ending || i == beginning;
    for (i, line) in layout.lines.iter_mut().enumerate() {
        if i == ending {
            line.balance = true;
            if let Some(t) = line.total.take() {
                if t.contains(&(1, beginning)) {
                    let mut terms = vec![(1, beginning)];
                    terms.extend(t.iter().copied().filter(|&(_, r)| r != beginning && r != ending));
                    line.roll_forward = Some(terms);
                } else {
                    line.holds = None;
                    line.note =
                        Some("a closing balance whose formula has no opening balance: not declared".into());
                }
            }
        } else if i == beginning {
            line.balance = true;
            if line.total.take().is_some() {
                line.holds = None;
                line.note = Some("an opening balance: its formula over flows is not declared".into());
            }
        } else if line
            .total
            .as_ref()
            .is_some_and(|t| t.iter().any(|&(_, r)| is_balance(r)))
        {
            line.total = None;
            line.holds = None;
            line.note = Some("its formula mixes balances and flows: not declared".into());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// Snake case of the first `max_words` words of a label (ASCII letters and digits), without
/// what it prints in parentheses (unless that is all it prints).
fn snake(label: &str, max_words: usize) -> String {
    let mut bare = String::new();
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let words = snake_words(&bare, max_words);
    if words.is_empty() {
        snake_words(label, max_words)
    } else {
        words
    }
}

fn snake_words(label: &str, max_words: usize) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    words.join("_")
}

const STOP_WORDS: &[&str] = &[
    "the",
    "following",
    "table",
    "tables",
    "presents",
    "present",
    "sets",
    "set",
    "forth",
    "of",
    "a",
    "an",
    "our",
    "is",
    "are",
    "as",
    "follows",
    "unaudited",
    "condensed",
    "consolidated",
    "statement",
    "statements",
    "and",
    "for",
    "in",
    "to",
    "by",
    "on",
    "at",
    "group",
    "groups",
    "company",
    "companys",
    "during",
    "period",
    "periods",
    "from",
    "with",
    "its",
    "this",
    "these",
    "which",
    "that",
    "were",
    "was",
    "calculated",
    "consists",
    "breakdown",
    "end",
    "amounts",
    "all",
    "thousands",
    "millions",
    "except",
];

fn title_key(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .take(4)
        .collect();
    words.join("_")
}

fn camel(key: &str) -> String {
    let mut s: String = key
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "Table");
    }
    if matches!(
        s.as_str(),
        "Self" | "Layouts" | "Option" | "Money" | "Shares" | "Currency" | "Statement"
    ) {
        s.push_str("Table");
    }
    s
}

fn is_keyword(s: &str) -> bool {
    const KW: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if",
        "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
        "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await",
        "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
        "virtual", "yield", "try", "gen", "union",
    ];
    KW.contains(&s)
}

/// A marker type name for a currency code with no built-in type (`HK$` is `HkCurrency`).
fn currency_type(code: &str) -> String {
    if code == Rmb::CODE {
        return "Rmb".to_string();
    }
    if code == Usd::CODE {
        return "Usd".to_string();
    }
    let letters: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    if letters.is_empty() {
        return "UnstatedCurrency".to_string();
    }
    camel(&letters.to_ascii_lowercase()) + "Currency"
}

// ---------------------------------------------------------------------------------------------
// Rust source
// ---------------------------------------------------------------------------------------------

impl Layout {
    fn money_type(&self) -> (String, String) {
        // (generics, currency argument)
        match self.currencies.len() {
            0 => (String::new(), "UnstatedCurrency".to_string()),
            1 => (String::new(), currency_type(&self.currencies[0])),
            _ => ("<C: Currency>".to_string(), "C".to_string()),
        }
    }

    fn uses_money(&self) -> bool {
        self.lines
            .iter()
            .any(|l| matches!(l.kind, QuantityKind::Money | QuantityKind::PerShare))
    }

    /// The currency type the layout's money lines are in, as instantiated.
    fn currency_instance(&self) -> String {
        match self.currencies.first() {
            Some(c) => currency_type(c),
            None => "UnstatedCurrency".to_string(),
        }
    }

    /// The layout's type as instantiated in the layout list (`BalanceSheets<Rmb>`).
    fn instance(&self) -> String {
        if self.currencies.len() > 1 && self.uses_money() {
            format!("{}<{}>", self.type_name, currency_type(&self.currencies[0]))
        } else {
            self.type_name.clone()
        }
    }
}

impl Scaffold {
    /// Every currency marker type the layouts need that the core does not define.
    fn currency_markers(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for l in self.layouts.iter().filter(|l| l.uses_money()) {
            let codes: Vec<String> = if l.currencies.is_empty() {
                vec![String::new()]
            } else {
                l.currencies.clone()
            };
            for code in codes {
                let ty = currency_type(&code);
                if ty != "Rmb" && ty != "Usd" && !out.iter().any(|(t, _)| *t == ty) {
                    out.push((ty, code));
                }
            }
        }
        out
    }

    /// How many formulas were inferred, over how many lines.
    pub fn formula_count(&self) -> (usize, usize) {
        let f = self
            .layouts
            .iter()
            .flat_map(|l| &l.lines)
            .filter(|l| l.total.is_some() || l.roll_forward.is_some())
            .count();
        let n = self.layouts.iter().map(|l| l.lines.len()).sum();
        (f, n)
    }

    /// The Rust source of the layouts module: one `#[derive(Statement)]` struct per layout, the
    /// relations found, and a [`crate::LayoutSet`] named `Layouts`.
    pub fn rust(&self) -> String {
        let mut s = String::new();
        let (f, n) = self.formula_count();
        let _ = writeln!(
            s,
            "//! Layouts scaffolded from `{}` by `statements scaffold`.",
            self.source
        );
        let _ = writeln!(s, "//!");
        let _ = writeln!(
            s,
            "//! {} layouts, {} lines, {} totals inferred from the filing's figures ({} column evaluations{}).",
            self.layouts.len(),
            n,
            f,
            self.evaluations,
            if self.budget_reached {
                format!("; the search budget of {BUDGET} was reached")
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            s,
            "//! Review every formula and comment before committing these layouts."
        );
        s.push_str("#![allow(dead_code, unused_imports, missing_docs)]\n\n");
        s.push_str("use statement_core::check::FilingRules;\n");
        s.push_str("use statement_core::read::Filing as ReadFiling;\n");
        s.push_str(
            "use statement_core::{Currency, Duration, Filing, Instant, Money, PerShare, Percent, Ratio, Rmb, Shares, Statement, Usd};\n",
        );
        for (ty, code) in self.currency_markers() {
            let _ = writeln!(
                s,
                "\n/// Money printed in {}.\n#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]\npub struct {ty};\nimpl Currency for {ty} {{\n    const CODE: &'static str = {:?};\n}}",
                if code.is_empty() {
                    "an unstated currency".to_string()
                } else {
                    format!("`{code}`")
                },
                code
            );
        }
        for layout in &self.layouts {
            s.push('\n');
            self.write_layout(&mut s, layout);
        }
        if self.layouts.is_empty() {
            // `#[derive(Filing)]` needs a statement: a filing without any is said, not declared.
            s.push_str(
                "\n// No statement table was read from this filing (`check --verbose` lists what the reader\n\
                 // reported): no layout and no relation are declared.\n",
            );
        } else {
            // Relations, declared with `#[derive(Filing)]`.
            s.push_str("\n/// The filing's statements (each field's name is the statement's key in check ids) and\n/// the relations found between them.\n#[derive(Filing)]\n");
            let line_period =
                |l: usize, i: usize| self.layouts[l].instant || self.layouts[l].lines[i].balance;
            for t in &self.ties {
                let (la, lb) = (&self.layouts[t.a.0], &self.layouts[t.b.0]);
                let what = format!(
                    "{}.{} == {}{}.{}",
                    la.key,
                    la.lines[t.a.1].name,
                    if t.sign < 0 { "-" } else { "" },
                    lb.key,
                    lb.lines[t.b.1].name
                );
                let _ = writeln!(s, "// tie: {what} in {} columns ({} exactly)", t.columns, t.exact);
                if la.currency_instance() != lb.currency_instance()
                    || line_period(t.a.0, t.a.1) != line_period(t.b.0, t.b.1)
                {
                    s.push_str("//   not declared: the two layouts type these lines in different currencies or periods\n");
                } else {
                    let _ = writeln!(s, "#[filing(tie({what}))]");
                }
            }
            match &self.roll_forward {
                Some(r) => {
                    let (f, b) = (&self.layouts[r.flow], &self.layouts[r.balance]);
                    let sum = r
                        .lines
                        .iter()
                        .map(|&i| format!("{}.{}", b.key, b.lines[i].name))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    let _ = writeln!(
                        s,
                        "// roll-forward: the opening and closing balances at the period's start and end, in {} column pairs",
                        r.pairs
                    );
                    if f.currency_instance() == b.currency_instance() {
                        let _ = writeln!(
                            s,
                            "#[filing(balance({}.{} .. {}.{} == {sum}))]",
                            f.key, f.lines[r.beginning].name, f.key, f.lines[r.ending].name
                        );
                    }
                }
                None => {
                    s.push_str("// roll-forward: none found between a flow layout and a balance layout\n")
                }
            }
            for r in &self.relations {
                let _ = writeln!(s, "// {r}");
            }
            if self.period_sum {
                s.push_str("#[filing(period_sum(6 == 3 + 3))]\n");
            } else if !self.relations.is_empty() {
                s.push_str("//   not declared: it fails for more than one line\n");
            }
            for t in &self.translations {
                let _ = writeln!(
                    s,
                    "// currency translation: {} = {} / {} ({}; from {} pairs of figures)",
                    t.to,
                    t.from,
                    t.rate,
                    if t.stated {
                        "the rate the text states"
                    } else {
                        "estimated from the figures: the text states no rate, so it is not declared"
                    },
                    t.pairs
                );
                if t.stated {
                    let _ = writeln!(
                        s,
                        "#[filing(translate({} => {}))]",
                        currency_type(&t.from),
                        currency_type(&t.to)
                    );
                }
            }
            s.push_str("// ratios (margins, per-share amounts): not searched; declare them by hand\n");
            for k in &self.skipped {
                let _ = writeln!(s, "// skipped: {k}");
            }
            s.push_str("pub struct ScaffoldedFiling {\n");
            for l in &self.layouts {
                let _ = writeln!(s, "    pub {}: {},", l.key, l.instance());
            }
            s.push_str("}\n");
        }
        let name = Path::new(&self.source)
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| self.source.clone());
        let _ = writeln!(
            s,
            "\n/// The layouts of `{name}`.\n#[derive(Clone, Copy, Debug)]\npub struct Layouts;\n"
        );
        s.push_str("impl statement_core::LayoutSet for Layouts {\n");
        let _ = writeln!(s, "    const NAME: &'static str = {name:?};\n");
        if self.layouts.is_empty() {
            s.push_str("    fn rules(_: &ReadFiling) -> FilingRules {\n        FilingRules::new(Vec::new(), Default::default())\n    }\n\n");
        } else {
            s.push_str("    fn rules(filing: &ReadFiling) -> FilingRules {\n        <ScaffoldedFiling as statement_core::Filing>::rules(filing)\n    }\n\n");
        }
        let _ = writeln!(
            s,
            "    fn bundled() -> Vec<(String, Vec<u8>)> {{\n        vec![({:?}.to_string(), FILING.to_vec())]\n    }}\n}}\n",
            format!("filings/{}", self.filing_name())
        );
        let _ = writeln!(
            s,
            "/// The filing these layouts were scaffolded from, checked when no file is given.\nconst FILING: &[u8] = include_bytes!({:?});",
            format!("../filings/{}", self.filing_name())
        );
        s
    }

    fn write_layout(&self, s: &mut String, layout: &Layout) {
        let lines_at = |tables: &[usize]| -> String {
            tables
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            s,
            "/// {}",
            if layout.title.is_empty() {
                "(untitled table)"
            } else {
                &layout.title
            }
        );
        let _ = writeln!(
            s,
            "///\n/// Scaffolded from table(s) {} ({} value columns).",
            lines_at(&layout.tables),
            layout.columns
        );
        for n in &layout.notes {
            let _ = writeln!(s, "// {n}");
        }
        let (generics, cur) = if layout.uses_money() {
            layout.money_type()
        } else {
            (String::new(), String::new())
        };
        s.push_str("#[derive(Statement)]\n");
        let _ = writeln!(s, "#[statement(title = {:?})]", layout.title);
        for (i, (e, t, h)) in layout.rules.iter().enumerate() {
            let _ = writeln!(
                s,
                "// rule: two totals equal in {} columns ({} exactly)",
                h.columns, h.exact
            );
            let name = if i == 0 {
                "balance".to_string()
            } else {
                format!("balance_{}", i + 1)
            };
            let _ = writeln!(
                s,
                "#[statement(rule({name}: {} == {}))]",
                layout.lines[*e].name, layout.lines[*t].name
            );
        }
        let _ = writeln!(s, "pub struct {}{generics} {{", layout.type_name);
        let period = if layout.instant { "Instant" } else { "Duration" };
        for line in &layout.lines {
            if let Some(n) = &line.note {
                let _ = writeln!(s, "    // {n}");
            }
            if let (Some(h), true) = (&line.holds, line.total.is_some() || line.roll_forward.is_some()) {
                let _ = writeln!(
                    s,
                    "    // holds in {} of {} columns: {} exactly, {} within rounding ({})",
                    h.columns, layout.columns, h.exact, h.within, h.how
                );
            }
            let mut attr = format!("label = {:?}", line.label);
            for a in &line.aliases {
                let _ = write!(attr, ", alias = {a:?}");
            }
            if let Some(sec) = &line.section {
                let _ = write!(attr, ", section = {sec:?}");
            }
            if let Some(t) = &line.total {
                let _ = write!(attr, ", total = {}", formula_text(&layout.lines, t));
            }
            if let Some(t) = &line.roll_forward {
                let _ = write!(attr, ", roll_forward = {}", formula_text(&layout.lines, t));
            }
            let period = if line.balance { "Instant" } else { period };
            let _ = writeln!(s, "    #[line({attr})]");
            let ty = match line.kind {
                QuantityKind::Money => format!("Money<{cur}, {period}>"),
                QuantityKind::PerShare => format!("PerShare<{cur}>"),
                QuantityKind::Shares => "Shares".to_string(),
                QuantityKind::Ratio => "Ratio".to_string(),
                QuantityKind::Percent => "Percent".to_string(),
            };
            let ty = if line.optional {
                format!("Option<{ty}>")
            } else {
                ty
            };
            let _ = writeln!(s, "    pub {}: {ty},", line.name);
        }
        s.push_str("}\n");
    }

    /// `src/main.rs` of the generated crate: the `statements` command line
    /// ([`crate::cli::main`]) for these layouts; `cargo run -- check` checks the scaffolded
    /// filing, bundled with the crate.
    pub fn main_rs(&self) -> String {
        format!(
            r#"//! The `statements` command line for the layouts scaffolded from `{src}`.
//!
//! `cargo run -- check` checks the filing they were scaffolded from (bundled in `filings/`);
//! `cargo run -- check FILE...` checks others; `cargo run -- --help` lists the options.

mod layouts;

fn main() -> std::process::ExitCode {{
    statement_core::cli::main::<layouts::Layouts>()
}}
"#,
            src = self.source
        )
    }

    /// The file name the filing is bundled under in a generated crate (`filings/NAME`).
    pub fn filing_name(&self) -> String {
        let name: String = Path::new(&self.source)
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if name.trim_matches(['.', '_']).is_empty() {
            "filing.txt".to_string()
        } else {
            name
        }
    }

    /// `Cargo.toml` of the generated crate, depending on statement-core at `core_path`.
    pub fn cargo_toml(&self, package: &str, core_path: &str) -> String {
        format!(
            "[package]\nname = {package:?}\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nstatement-core = {{ path = {core_path:?} }}\n\n\
             # A project of its own, even when written inside another workspace.\n[workspace]\n"
        )
    }

    /// Writes a complete Cargo project to `dir`: `Cargo.toml` (statement-core at `core_path`),
    /// `src/main.rs` (the command line), `src/layouts.rs` ([`Scaffold::rust`]), the filing
    /// itself under `filings/` (`filing` is its bytes), bundled so that `cargo run -- check`
    /// checks it, and a `.gitignore` for `target/`.
    pub fn write_crate(&self, dir: &Path, core_path: &Path, filing: &[u8]) -> std::io::Result<()> {
        let package = {
            let stem = Path::new(&self.source)
                .file_stem()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            let p: String = stem
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            let p = p.trim_matches('-').to_string();
            if p.is_empty() || p.starts_with(|c: char| c.is_ascii_digit()) {
                format!("layouts-{p}")
            } else {
                format!("{p}-layouts")
            }
        };
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::create_dir_all(dir.join("filings"))?;
        std::fs::write(
            dir.join("Cargo.toml"),
            self.cargo_toml(&package, &core_path.to_string_lossy()),
        )?;
        std::fs::write(dir.join("src/main.rs"), self.main_rs())?;
        std::fs::write(dir.join("src/layouts.rs"), self.rust())?;
        std::fs::write(dir.join("filings").join(self.filing_name()), filing)?;
        std::fs::write(dir.join(".gitignore"), "/target\n")?;
        Ok(())
    }
}
