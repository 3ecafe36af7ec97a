//! The second pass: garbled headers completed from the filing's other headers, short headers
//! completed from a table with as many columns as the rows carry, rows aligned to the columns
//! (every reading listed when the alignment is ambiguous), merged rows cross-referenced, labels
//! repeated with different figures reported.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::header::{self, Pending};
use super::open::{Open, figures, shorten};
use super::text;
use super::{Column, Damage, DamageKind, Filing, Location, Paragraph, Period, Row, Table};
use crate::amount::Precision;

/// Most readings listed for one row.
const MAX_READINGS: usize = 4096;
/// The words a listed reading takes besides its columns: its `Vec` and the allocation's own.
const READING_WORDS: usize = 6;
/// Most columns for which a missing header column is inferred from another table.
const MAX_INFERRED_COLUMNS: usize = 64;
/// Most distinct column layouts of one width tried when completing a short header.
const MAX_TEMPLATES: usize = 16;

/// A fully stated duration: months, end month, end day, and the first header line printing it.
type Stated = (u8, u8, u8, u32);
/// What a garbled duration says: months, a month or its first letters, a day.
type GarbleKey = (Option<u8>, Option<String>, Option<u8>);

/// Completes the tables read by the first pass.
pub(super) fn align(
    source: &str,
    mut opens: Vec<Open>,
    paragraphs: Vec<Paragraph>,
    mut damage: Vec<Damage>,
    mut budget: usize,
) -> Filing {
    // Fully stated durations anywhere in the filing complete the garbled ones: each distinct
    // (months, month, day) with the first header line printing it.
    let mut first_printed: BTreeMap<(u8, u8, u8), u32> = BTreeMap::new();
    for t in &opens {
        if let Some(h) = &t.header {
            for c in &h.cols {
                if let Pending::Known(Period::Duration { months, end }) = c.period {
                    first_printed
                        .entry((months, end.month, end.day))
                        .or_insert(h.lines.0);
                }
            }
        }
    }
    let known: Vec<Stated> = first_printed
        .into_iter()
        .map(|(k, line)| (k.0, k.1, k.2, line))
        .collect();
    let mut fitting: HashMap<GarbleKey, Vec<Stated>> = HashMap::new();
    let mut columns: Vec<Vec<Column>> = Vec::with_capacity(opens.len());
    for (ti, t) in opens.iter_mut().enumerate() {
        let Some(h) = &mut t.header else {
            columns.push(Vec::new());
            continue;
        };
        for g in &mut h.garbled {
            damage.push(Damage {
                kind: DamageKind::GarbledHeader {
                    text: std::mem::take(&mut g.text),
                },
                location: g.location,
                table: Some(ti),
                row: None,
                message: std::mem::take(&mut g.message),
            });
        }
        let mut reported: HashSet<Location> = HashSet::new();
        let mut cols = Vec::with_capacity(h.cols.len());
        for c in &mut h.cols {
            let period = match &c.period {
                Pending::Known(p) => *p,
                Pending::Unknown => Period::Unknown,
                Pending::Infer(inf) => {
                    let key = (inf.months, inf.fragment.clone(), inf.day);
                    let candidates = fitting.entry(key).or_insert_with(|| fits(inf, &known));
                    let (p, message) = infer(inf, candidates);
                    if reported.insert(inf.location) {
                        damage.push(Damage {
                            kind: DamageKind::GarbledHeader {
                                text: inf.text.clone(),
                            },
                            location: inf.location,
                            table: Some(ti),
                            row: None,
                            message,
                        });
                    }
                    p
                }
            };
            // (The header's currencies are not read again: they are moved, not copied.)
            cols.push(Column {
                period,
                currency: c.currency.take(),
                location: c.location,
            });
        }
        columns.push(cols);
    }

    // Headers naming fewer columns than the rows carry.
    let widest_of = |t: &Open| {
        t.rows
            .iter()
            .filter(|r| !r.irregular)
            .map(|r| r.toks.len())
            .max()
            .unwrap_or(0)
    };
    // The tables that may complete them are looked for only when there is one.
    let short = opens
        .iter()
        .zip(&columns)
        .any(|(t, cols)| widest_of(t) > cols.len());
    let snapshot = if short { columns.clone() } else { Vec::new() };
    // Tables that may complete a short header: all periods known, distinct layouts, a few per
    // column count.
    let mut templates: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut layouts: HashSet<Vec<(Period, Option<&str>)>> = HashSet::new();
    for (tj, cols) in snapshot.iter().enumerate() {
        let slots = templates.entry(cols.len()).or_default();
        if cols.len() > MAX_INFERRED_COLUMNS
            || slots.len() >= MAX_TEMPLATES
            || cols.iter().any(|c| c.period == Period::Unknown)
        {
            continue;
        }
        if layouts.insert(cols.iter().map(|c| (c.period, c.currency.as_deref())).collect()) {
            slots.push(tj);
        }
    }
    let header_lines: Vec<u32> = if short {
        opens.iter().map(|t| t.lines.0).collect()
    } else {
        Vec::new()
    };
    for (ti, t) in opens.iter().enumerate().filter(|_| short) {
        let widest = widest_of(t);
        let n = columns[ti].len();
        if widest > n {
            let (cols, how) = extend(&snapshot, &templates, &header_lines, ti, widest);
            columns[ti] = cols;
            let location = t.header.as_ref().map_or(t.rows[0].location, |h| h.location);
            damage.push(Damage {
                kind: DamageKind::HeaderShort {
                    header: n,
                    rows: widest,
                },
                location,
                table: Some(ti),
                row: None,
                message: format!("the header names {n} columns but rows carry up to {widest} figures; {how}"),
            });
        }
    }

    let mut tables = Vec::with_capacity(opens.len());
    // The buffers [`repeated_labels`] uses, table after table.
    let mut label_buffers = (String::new(), Vec::new());
    for ((ti, t), columns) in opens.into_iter().enumerate().zip(columns) {
        let n = columns.len();
        let mut rows: Vec<Row> = Vec::with_capacity(t.rows.len());
        for (ri, r) in t.rows.into_iter().enumerate() {
            let k = r.toks.len();
            let placed = r
                .certain
                .clone()
                .filter(|p| p.len() == k && p.iter().all(|&c| c < n));
            let certain = placed.is_some() || (!r.irregular && k == n);
            let readings = if let Some(p) = &placed {
                Some(vec![p.clone()])
            } else if certain {
                Some(vec![(0..n).collect()])
            } else {
                let first = r.printed.as_deref().filter(|p| {
                    r.shifted && p.len() == k && p.iter().all(|&c| c < n) && p.windows(2).all(|w| w[0] < w[1])
                });
                readings(n, k, first, &mut budget)
            };
            if placed.is_none() && !r.irregular && k > 0 && k < n {
                let listed = match &readings {
                    Some(v) => format!("{} readings", v.len()),
                    None => "too many readings to list".to_string(),
                };
                let (kind, message) = match (r.shifted, &readings) {
                    (true, Some(v)) if r.printed.as_ref().is_some_and(|p| v.first() == Some(p)) => (
                        DamageKind::ShiftedRow,
                        format!(
                            "an empty cell before the first figure: {} for {n} columns ({listed}); the \
                             reading as printed, columns {}, is listed first",
                            figures(k),
                            v[0].iter()
                                .map(|c| (c + 1).to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                    (true, _) => (
                        DamageKind::ShiftedRow,
                        format!(
                            "an empty cell before the first figure: {} for {n} columns ({listed})",
                            figures(k)
                        ),
                    ),
                    (false, _) => (
                        DamageKind::MissingCells {
                            expected: n,
                            found: k,
                        },
                        format!(
                            "{} for {n} columns; which column is missing is ambiguous ({listed})",
                            figures(k)
                        ),
                    ),
                };
                damage.push(Damage {
                    kind,
                    location: r.location,
                    table: Some(ti),
                    row: Some(ri),
                    message,
                });
            }
            let mut cells = r.toks;
            for (i, c) in cells.iter_mut().enumerate() {
                c.column = match &placed {
                    Some(p) => Some(p[i]),
                    None => certain.then_some(i),
                };
            }
            rows.push(Row {
                label: r.label,
                location: r.location,
                note: r.note,
                cells,
                readings: readings.unwrap_or_default(),
                merged_with: Vec::new(),
                scale: r.scale,
            });
        }
        for g in &t.groups {
            let labels: Vec<String> = g.rows.iter().map(|&r| rows[r].label.clone()).collect();
            for &r in &g.rows {
                rows[r].merged_with = labels.clone();
            }
            if let Some(DamageKind::MergedRows { labels: l }) = damage.get_mut(g.damage).map(|d| &mut d.kind)
            {
                *l = labels;
            }
        }
        repeated_labels(&rows, ti, &mut damage, &mut label_buffers);
        tables.push(Table {
            title: t.title,
            title_location: t.title_location,
            unit_line: t.unit_line,
            precision: Precision::new(t.scale, 0),
            columns,
            rows,
            lines: t.lines,
        });
    }
    damage.sort_by_key(|d| d.location);
    Filing {
        source: source.to_string(),
        tables,
        paragraphs,
        damage,
    }
}

/// The fully stated durations (distinct) that a garbled one may be.
fn fits(inf: &header::Infer, known: &[Stated]) -> Vec<Stated> {
    let fragment = inf.fragment.as_ref().map(|f| f.to_ascii_lowercase());
    known
        .iter()
        .filter(|k| {
            inf.months.is_none_or(|m| m == k.0)
                && fragment
                    .as_ref()
                    .is_none_or(|f| header::month_name(k.1).starts_with(f.as_str()))
                && inf.day.is_none_or(|d| d == k.2)
        })
        .copied()
        .collect()
}

/// Completes a garbled duration when exactly one fully stated duration fits it.
fn infer(inf: &header::Infer, candidates: &[Stated]) -> (Period, String) {
    if let [(months, m, d, line)] = candidates[..] {
        if let Some(end) = header::date(inf.year, m, d) {
            let period = Period::Duration { months, end };
            return (
                period,
                format!(
                    "the header `{}` is garbled; read as {months} months ended {} {d}, as the header at line \
                     {line} prints it",
                    inf.text,
                    header::long_month(m),
                ),
            );
        }
    }
    (
        Period::Unknown,
        format!(
            "the header `{}` is garbled and {} of the filing's headers could complete it; the period is unknown",
            inf.text,
            if candidates.is_empty() {
                "none".to_string()
            } else {
                format!("{} different ones", candidates.len())
            }
        ),
    )
}

/// The columns of a table whose header is short: when another table of the filing has as many
/// columns as the rows carry, and this header's columns fit into its columns in exactly one way,
/// the missing columns are taken from it; otherwise they are appended with unknown periods.
fn extend(
    all: &[Vec<Column>],
    templates: &HashMap<usize, Vec<usize>>,
    header_lines: &[u32],
    ti: usize,
    want: usize,
) -> (Vec<Column>, String) {
    let ours = &all[ti];
    if !ours.is_empty() && want <= MAX_INFERRED_COLUMNS {
        let mut found: Option<(Vec<Column>, usize)> = None;
        let mut conflict = false;
        for &tj in templates.get(&want).map_or(&[][..], Vec::as_slice) {
            let cand = &all[tj];
            let Some(pos) = unique_embedding(ours, cand) else {
                continue;
            };
            let cols: Vec<Column> = cand
                .iter()
                .enumerate()
                .map(|(k, c)| match pos.iter().position(|&p| p == k) {
                    Some(o) => ours[o].clone(),
                    None => Column {
                        period: c.period,
                        currency: c.currency.clone(),
                        location: None,
                    },
                })
                .collect();
            match &found {
                None => found = Some((cols, tj)),
                Some((f, _)) => {
                    conflict |= f
                        .iter()
                        .zip(&cols)
                        .any(|(a, b)| a.period != b.period || a.currency != b.currency);
                }
            }
        }
        if let (Some((cols, tj)), false) = (found, conflict) {
            let missing: Vec<String> = cols
                .iter()
                .enumerate()
                .filter(|(_, c)| c.location.is_none())
                .map(|(i, c)| {
                    format!(
                        "column {} ({}{})",
                        i + 1,
                        header::describe(&c.period),
                        c.currency
                            .as_deref()
                            .map(|c| format!(", {c}"))
                            .unwrap_or_default()
                    )
                })
                .collect();
            return (
                cols,
                format!(
                    "the missing {} inferred as {}, following the {want}-column header at line {} (an inferred \
                     column has no location)",
                    if missing.len() == 1 {
                        "column is"
                    } else {
                        "columns are"
                    },
                    missing.join(" and "),
                    header_lines[tj]
                ),
            );
        }
    }
    let mut cols = ours.clone();
    cols.extend((ours.len()..want).map(|_| Column {
        period: Period::Unknown,
        currency: None,
        location: None,
    }));
    (
        cols,
        "which columns the header lacks is unknown: the extra columns are appended with unknown periods and no \
         currency"
            .to_string(),
    )
}

/// The positions of `a`'s columns in `b` when `a` is a subsequence of `b` in exactly one way.
fn unique_embedding(a: &[Column], b: &[Column]) -> Option<Vec<usize>> {
    let eq = |x: &Column, y: &Column| x.period == y.period && x.currency == y.currency;
    // ways[i][j]: embeddings of a[..i] into b[..j], capped at 2.
    let mut ways = vec![vec![0u8; b.len() + 1]; a.len() + 1];
    ways[0].iter_mut().for_each(|w| *w = 1);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let mut w = ways[i][j - 1];
            if eq(&a[i - 1], &b[j - 1]) {
                w = w.saturating_add(ways[i - 1][j - 1]);
            }
            ways[i][j] = w.min(2);
        }
    }
    if ways[a.len()][b.len()] != 1 {
        return None;
    }
    let mut pos = Vec::with_capacity(a.len());
    let mut j = 0;
    for x in a {
        while j < b.len() && !eq(x, &b[j]) {
            j += 1;
        }
        pos.push(j);
        j += 1;
    }
    Some(pos)
}

/// C(n, k), capped.
fn binomial(n: usize, k: usize, cap: usize) -> usize {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * (n - i) as u128 / (i + 1) as u128;
        if c > cap as u128 {
            return cap + 1;
        }
    }
    c as usize
}

/// Every order-preserving placement of `k` cells in `n` columns, in lexicographic order, with
/// `first` moved to the front; `None` when there are too many to list.
fn readings(n: usize, k: usize, first: Option<&[usize]>, budget: &mut usize) -> Option<Vec<Vec<usize>>> {
    let count = binomial(n, k, MAX_READINGS);
    // In words of memory: what the budget bounds.
    let cost = count.saturating_mul(k + READING_WORDS);
    if count > MAX_READINGS || cost > *budget {
        return None;
    }
    *budget -= cost;
    let mut out = Vec::with_capacity(count);
    if count == 0 {
        return Some(out);
    }
    let mut idx: Vec<usize> = (0..k).collect();
    'outer: loop {
        out.push(idx.clone());
        let mut i = k;
        loop {
            if i == 0 {
                break 'outer;
            }
            i -= 1;
            if idx[i] < n - k + i {
                idx[i] += 1;
                for j in i + 1..k {
                    idx[j] = idx[j - 1] + 1;
                }
                break;
            }
        }
    }
    if let Some(f) = first {
        if let Some(p) = out.iter().position(|r| r == f) {
            let r = out.remove(p);
            out.insert(0, r);
        }
    }
    Some(out)
}

#[cfg(test)]
fn normal_label(label: &str) -> String {
    let mut out = String::new();
    normal_label_into(label, &mut out);
    out
}

/// Appends the label as compared: leading bullets dropped, white space single, lower case.
fn normal_label_into(label: &str, out: &mut String) {
    let t =
        label.trim_start_matches(|c: char| text::is_bullet(c.encode_utf8(&mut [0; 4])) || c.is_whitespace());
    let start = out.len();
    for w in text::split_words(t) {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out[start..].is_ascii() {
        out[start..].make_ascii_lowercase();
    } else {
        let lower = out[start..].to_lowercase();
        out.truncate(start);
        out.push_str(&lower);
    }
}

/// The labels of a table's rows as compared, and each row's key: its section, its label's range
/// in the labels, and its index.
type LabelBuffers = (String, Vec<(Option<usize>, usize, usize, usize)>);

/// A label printed twice under one section heading with different figures.
/// `buffers`: a buffer for the labels and one for the keys, emptied and used (kept from table to
/// table).
fn repeated_labels(rows: &[Row], ti: usize, damage: &mut Vec<Damage>, buffers: &mut LabelBuffers) {
    // Each labelled row with figures keyed by its section and its label as compared, the labels
    // written into one buffer; rows of equal keys are found by sorting the keys.
    let (labels, keyed) = buffers;
    labels.clear();
    keyed.clear();
    let mut section = None;
    for (ri, row) in rows.iter().enumerate() {
        if row.label.is_empty() {
            continue;
        }
        if row.cells.is_empty() || row.label.ends_with(':') {
            section = Some(ri);
            continue;
        }
        let start = labels.len();
        normal_label_into(&row.label, labels);
        keyed.push((section, start, labels.len(), ri));
    }
    let key = |k: &(Option<usize>, usize, usize, usize)| (k.0, &labels[k.1..k.2]);
    // Equal keys sorted together, by row: any order of the keys does, so the labels' lengths
    // are compared before their bytes.
    keyed.sort_unstable_by(|a, b| {
        (a.0, a.2 - a.1)
            .cmp(&(b.0, b.2 - b.1))
            .then_with(|| labels[a.1..a.2].cmp(&labels[b.1..b.2]))
            .then(a.3.cmp(&b.3))
    });
    // (row, the first row of its key) for each row printing other figures than that first one.
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    for i in 1..keyed.len() {
        if key(&keyed[i]) != key(&keyed[first]) {
            first = i;
            continue;
        }
        let (r0, ri) = (keyed[first].3, keyed[i].3);
        let a = rows[r0].cells.iter().map(|c| c.text.as_str());
        if !a.eq(rows[ri].cells.iter().map(|c| c.text.as_str())) {
            found.push((ri, r0));
        }
    }
    found.sort_unstable();
    for (ri, r0) in found {
        let row = &rows[ri];
        damage.push(Damage {
            kind: DamageKind::RepeatedLabel {
                label: row.label.clone(),
            },
            location: row.location,
            table: Some(ti),
            row: Some(ri),
            message: format!(
                "`{}` is also printed at line {} in the same section, with different figures",
                shorten(&row.label),
                rows[r0].location.line
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compared_without_bullets_case_or_spacing() {
        assert_eq!(
            normal_label(" \u{2013} Share-based  COMPENSATION\texpenses"),
            "share-based compensation expenses"
        );
        assert_eq!(normal_label("- Interest income"), "interest income");
        assert_eq!(normal_label("Ærø  Ünit"), "ærø ünit");
    }

    #[test]
    fn combinations() {
        let mut budget = 1 << 20;
        let r = readings(3, 2, Some(&[1, 2]), &mut budget).unwrap();
        assert_eq!(r, [vec![1, 2], vec![0, 1], vec![0, 2]]);
        assert_eq!(readings(7, 6, None, &mut budget).unwrap().len(), 7);
        assert_eq!(readings(3, 0, None, &mut budget).unwrap(), [Vec::<usize>::new()]);
        assert!(readings(5, 6, None, &mut budget).unwrap().is_empty());
        assert!(readings(100, 50, None, &mut budget).is_none());
    }
}
