//! Text front ends for tables that HTML-to-text converters write: cells separated by `|` (one
//! row per line, or rows broken over lines with their cells continued), and one cell per line.
//! Both end in the [`Block`]s that [`super::grid`] reads; prose lines become text blocks, a
//! sentence broken over lines joined.

use super::Location;
use super::grid::{Block, GCell, GRow, GTable, Prose, header_strength_of, is_figure_piece};
use super::text::Line;

/// How the text holds its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    /// Cells separated by tabs: the original reader.
    Tabbed,
    /// Cells separated by `|`, one row per line (Markdown and similar).
    Pipes,
    /// Cells separated by `|`, a row's cells continued over several lines (a line not starting
    /// with `|` starts a row; a line not ending with `|` leaves its last cell open).
    ContinuedPipes,
    /// One cell per line.
    CellPerLine,
    /// Columns aligned with runs of spaces (`pdftotext -layout`).
    Layout,
}

/// Tells the form apart by content.
pub(super) fn detect(text: &str) -> Form {
    // Tab-separated text is told at once (the other forms' counts are not needed for it).
    let (mut lines, mut tabbed) = (0usize, 0usize);
    for l in text.lines() {
        if !l.trim().is_empty() {
            lines += 1;
            tabbed += usize::from(l.as_bytes().contains(&b'\t'));
        }
    }
    if tabbed * 20 > lines.max(1) || lines == 0 {
        return Form::Tabbed;
    }
    let mut lines = 0usize;
    let mut tabbed = 0usize;
    let mut piped = 0usize;
    let mut label_open = 0usize;
    let mut figures = 0usize;
    for l in text.lines() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        lines += 1;
        if l.contains('\t') {
            tabbed += 1;
        }
        if t.matches('|').count() >= 2 || (t.contains(" | ") && t.len() < 300) {
            piped += 1;
            if t.ends_with('|') && !t.starts_with('|') && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
            {
                label_open += 1;
            }
        } else if t.len() <= 24 && is_figure_piece(t) {
            figures += 1;
        }
    }
    if tabbed * 20 > lines.max(1) || lines == 0 {
        return Form::Tabbed;
    }
    if piped >= 5 && piped * 10 >= lines {
        return if label_open * 10 >= piped {
            Form::ContinuedPipes
        } else {
            Form::Pipes
        };
    }
    let aligned = super::layout::aligned_rows(text);
    if aligned >= 10 && aligned * 10 >= lines {
        return Form::Layout;
    }
    if figures >= 30 && figures * 10 >= lines {
        return Form::CellPerLine;
    }
    Form::Tabbed
}

/// The cells of one line split at `|`, each located; `open_start` / `open_end`: whether the
/// line's first / last piece is a cell continued from / onto a neighbouring line.
fn pipe_cells(line: &Line<'_>) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in line.text.split('|') {
        let lead = piece.len() - piece.trim_start().len();
        out.push((piece.trim().to_string(), line.loc(start + lead)));
        start += piece.len() + 1;
    }
    out
}

fn is_separator(t: &str) -> bool {
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The lines of `text` from line index `from` on (0-based). Callers look only a few lines
/// ahead: the iterator is lazy.
fn lines_after(text: &str, from: usize) -> impl Iterator<Item = &str> {
    text.split('\n').skip(from).take(8)
}

/// Reads pipe tables, one row per line.
fn pipes(text: &str) -> Vec<Block> {
    let mut prose = Prose {
        blocks: Vec::new(),
        open: None,
    };
    let mut table: Option<GTable> = None;
    let mut last_table_line = usize::MAX - 1;
    for (i, raw) in text.split('\n').enumerate() {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let line = Line::new(u32::try_from(i + 1).unwrap_or(u32::MAX), l);
        let t = l.trim();
        if t.contains('|') && !t.is_empty() {
            if is_separator(t) {
                continue;
            }
            let mut cells = pipe_cells(&line);
            if t.starts_with('|') {
                cells.remove(0);
            }
            if t.ends_with('|') {
                cells.pop();
            }
            let cells: Vec<GCell> = cells
                .into_iter()
                .filter(|(c, _)| !c.is_empty())
                .map(|(text, location)| GCell {
                    text,
                    notes: String::new(),
                    location,
                    col: None,
                })
                .collect();
            let tb = table.get_or_insert_with(|| {
                prose.flush();
                GTable {
                    rows: Vec::new(),
                    location: line.loc(0),
                }
            });
            if !cells.is_empty() {
                tb.rows.push(GRow {
                    cells,
                    location: line.loc(0),
                });
            }
            last_table_line = i;
            continue;
        }
        if t.is_empty() && table.is_some() {
            continue;
        }
        let lead = l.len() - l.trim_start().len();
        // A line without `|` in a table (a section heading), or a header line just above one.
        let short = t.len() <= 120 && !t.ends_with(['.', '!', '?']) && !t.starts_with('\u{2022}');
        let next_piped = || {
            lines_after(text, i + 1)
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.contains('|') && !is_separator(l.trim()))
        };
        let header_above =
            table.is_none() && short && header_strength_of(t).is_some_and(|s| s.0 > 0) && next_piped();
        let soon_piped = || {
            lines_after(text, i + 1)
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .any(|l| l.contains('|') && !is_separator(l.trim()))
        };
        let heading_in = table.is_some() && short && last_table_line + 1 == i && soon_piped();
        if header_above || heading_in {
            let tb = table.get_or_insert_with(|| {
                prose.flush();
                GTable {
                    rows: Vec::new(),
                    location: line.loc(lead),
                }
            });
            tb.rows.push(GRow {
                cells: vec![GCell {
                    text: t.to_string(),
                    notes: String::new(),
                    location: line.loc(lead),
                    col: None,
                }],
                location: line.loc(lead),
            });
            last_table_line = i;
            continue;
        }
        if let Some(tb) = table.take() {
            prose.blocks.push(Block::Table(tb));
        }
        prose.line(l, line.loc(lead));
    }
    prose.flush();
    if let Some(tb) = table.take() {
        prose.blocks.push(Block::Table(tb));
    }
    prose.blocks
}

/// Reads pipe tables whose rows are broken over lines.
fn continued_pipes(text: &str) -> Vec<Block> {
    let lines: Vec<(u32, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            (
                u32::try_from(i + 1).unwrap_or(u32::MAX),
                l.strip_suffix('\r').unwrap_or(l),
            )
        })
        .collect();
    let mut prose = Prose {
        blocks: Vec::new(),
        open: None,
    };
    let mut table: Option<GTable> = None;
    // The last cell of the previous table line is still open (no `|` at its end).
    let mut open_cell = false;
    let next_piped = |from: usize| -> Option<&str> {
        lines[from..]
            .iter()
            .map(|(_, l)| l.trim())
            .find(|l| !l.is_empty())
            .filter(|l| l.contains('|'))
    };
    for (k, &(no, l)) in lines.iter().enumerate() {
        let t = l.trim();
        let line = Line::new(no, l);
        let piped = t.contains('|');
        let starts_cell = !piped && !t.is_empty() && next_piped(k + 1).is_some_and(|n| !n.starts_with('|'));
        let in_table = piped || (table.is_some() && open_cell && !t.is_empty()) || starts_cell;
        if !in_table {
            if t.is_empty() {
                if table.is_none() {
                    prose.flush();
                }
                continue;
            }
            if let Some(tb) = table.take() {
                prose.blocks.push(Block::Table(tb));
            }
            let lead = l.len() - l.trim_start().len();
            prose.line(l, line.loc(lead));
            continue;
        }
        let tb = table.get_or_insert_with(|| {
            prose.flush();
            GTable {
                rows: Vec::new(),
                location: line.loc(0),
            }
        });
        let new_row = !open_cell && !t.starts_with('|');
        let mut cells = pipe_cells(&line);
        if new_row || tb.rows.is_empty() {
            tb.rows.push(GRow {
                cells: Vec::new(),
                location: cells.first().map_or(line.loc(0), |c| c.1),
            });
        }
        let row = tb.rows.last_mut().expect("a row was pushed");
        let ends_open = !t.ends_with('|');
        let n = cells.len();
        for (j, (text, loc)) in cells.drain(..).enumerate() {
            if j == 0 && open_cell {
                if let Some(last) = row.cells.last_mut() {
                    if !text.is_empty() {
                        last.text.push(' ');
                        last.text.push_str(&text);
                    }
                    continue;
                }
            }
            if j == n - 1 && !ends_open && text.is_empty() {
                continue;
            }
            // Empty cells are kept while the row is read (an open cell may fill them).
            row.cells.push(GCell {
                text,
                notes: String::new(),
                location: loc,
                col: None,
            });
        }
        row.cells.retain(|c| !c.text.is_empty() || ends_open);
        open_cell = ends_open;
    }
    prose.flush();
    if let Some(tb) = table.take() {
        prose.blocks.push(Block::Table(tb));
    }
    for b in &mut prose.blocks {
        if let Block::Table(t) = b {
            for r in &mut t.rows {
                r.cells.retain(|c| !c.text.is_empty());
            }
        }
    }
    prose.blocks
}

/// What a line of a one-cell-per-line table is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CellKind {
    /// Part of a figure (`$`, `1,234`, `)`).
    Figure,
    /// A header phrase: a duration, a date (month and day), a year, a currency.
    Header(u8),
    /// A label.
    Label,
}

fn cell_kind(t: &str) -> CellKind {
    if is_figure_piece(t) {
        let year = t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
        return if year {
            CellKind::Header(2)
        } else {
            CellKind::Figure
        };
    }
    match header_strength_of(t) {
        Some((s, kind)) if s > 0 => CellKind::Header(kind),
        _ => CellKind::Label,
    }
}

fn is_prose_line(t: &str) -> bool {
    t.len() > 400 || (t.ends_with(['.', '!', '?']) && t.split_whitespace().nth(7).is_some())
}

/// Reads one cell per line.
fn cell_per_line(text: &str) -> Vec<Block> {
    let mut prose = Prose {
        blocks: Vec::new(),
        open: None,
    };
    let mut table: Option<GTable> = None;
    // The kind of the header row being gathered, if the last row is one.
    let mut header_kind: Option<u8> = None;
    let mut body = false;
    for (i, raw) in text.split('\n').enumerate() {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let line = Line::new(u32::try_from(i + 1).unwrap_or(u32::MAX), l);
        let lead = l.len() - l.trim_start().len();
        let loc = line.loc(lead);
        let kind = cell_kind(t);
        let cell = GCell {
            text: t.to_string(),
            notes: String::new(),
            location: loc,
            col: None,
        };
        if table.is_none() {
            if let CellKind::Header(_) = kind {
                if !is_prose_line(t) {
                    prose.flush();
                    table = Some(GTable {
                        rows: Vec::new(),
                        location: loc,
                    });
                    header_kind = None;
                    body = false;
                }
            }
        } else if is_prose_line(t) {
            if let Some(tb) = table.take() {
                prose.blocks.push(Block::Table(tb));
            }
        }
        let Some(tb) = table.as_mut() else {
            prose.line(l, loc);
            prose.flush();
            continue;
        };
        match kind {
            CellKind::Header(k) => {
                // A new header row when the kind changes (dates, then years, then currencies).
                if header_kind == Some(k) {
                    if let Some(r) = tb.rows.last_mut() {
                        r.cells.push(cell);
                        continue;
                    }
                }
                if body {
                    // A header after rows: the label-only rows just above it are the next
                    // table's title; without them, a new segment of this table.
                    body = false;
                    let keep = tb
                        .rows
                        .iter()
                        .rposition(|r| r.cells.len() > 1)
                        .map_or(0, |p| p + 1);
                    if keep < tb.rows.len() && keep > 0 {
                        let titles: Vec<GRow> = tb.rows.drain(keep..).collect();
                        if let Some(done) = table.take() {
                            prose.blocks.push(Block::Table(done));
                        }
                        for r in titles {
                            for c in r.cells {
                                prose.blocks.push(Block::Text(c.text, c.location));
                            }
                        }
                        table = Some(GTable {
                            rows: Vec::new(),
                            location: loc,
                        });
                    }
                }
                let Some(tb) = table.as_mut() else { continue };
                header_kind = Some(k);
                tb.rows.push(GRow {
                    cells: vec![cell],
                    location: loc,
                });
            }
            CellKind::Figure => match tb.rows.last_mut() {
                Some(r) if header_kind.is_none() => r.cells.push(cell),
                _ => {
                    header_kind = None;
                    tb.rows.push(GRow {
                        cells: vec![cell],
                        location: loc,
                    });
                }
            },
            CellKind::Label => {
                header_kind = None;
                body = true;
                tb.rows.push(GRow {
                    cells: vec![cell],
                    location: loc,
                });
            }
        }
    }
    prose.flush();
    if let Some(tb) = table.take() {
        prose.blocks.push(Block::Table(tb));
    }
    prose.blocks
}

/// The blocks of a text in the given form (not [`Form::Tabbed`]).
pub(super) fn blocks(text: &str, form: Form) -> Vec<Block> {
    match form {
        Form::Pipes | Form::Tabbed => pipes(text),
        Form::ContinuedPipes => continued_pipes(text),
        Form::CellPerLine => cell_per_line(text),
        Form::Layout => super::layout::blocks(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_told_apart() {
        assert_eq!(detect("a\tb\n"), Form::Tabbed);
        let md = "Title\n\nA | B\n2026 | 2025\nRevenue | $1 | $2\nCost | 3 | 4\nNet | 5 | 6\n";
        assert_eq!(detect(md), Form::Pipes);
        let cont =
            " Cash | | \n | 1 | | \n | 2 | | \n Debt | | \n | 3 | | \n | 4 | |\n Equity | |\n | 5 | |\n";
        assert_eq!(detect(cont), Form::ContinuedPipes);
    }

    #[test]
    fn continued_rows_joined() {
        let text = " December 31, 2025 | | | \n March 31, 2026 | | \n RMB | | | \n RMB \n (Unaudited) | | | \n Costs | | \n | (40,946 | ) | | \n | (46,893 | ) | \n";
        let b = continued_pipes(text);
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        let rows: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["December 31, 2025"],
                vec!["March 31, 2026"],
                vec!["RMB"],
                vec!["RMB (Unaudited)"],
                vec!["Costs", "(40,946", ")", "(46,893", ")"],
            ]
        );
        assert_eq!(t.rows[4].cells[3].location, Location { line: 8, column: 4 });
    }
}
