//! Space-aligned text, as `pdftotext -layout` writes PDF pages: a table's columns are runs of
//! spaces, not separators. Lines are cut into tokens (words one space apart stay together, a
//! figure's pieces apart), tables gathered from header lines and lines with figures, and each
//! table's value columns found from the gaps its figures leave: the columns of the rows that
//! print every figure, then every token placed in the column it overlaps. A header phrase
//! centred over several columns spans them. Every cell keeps its line and column in the source
//! and the tables end in the [`Block`]s that [`super::grid`] reads.
//!
//! Page breaks (`\f`) close a table; a table going on at the top of the next page without a
//! header of its own is joined to it, the page's footer and header lines kept as text.

use std::collections::HashMap;

use super::Location;
use super::grid::{Block, GCell, GRow, GTable, Prose, header_strength_of, is_figure_piece};
use super::number::strip_currency;
use super::text::Line;

/// A token of a line: a figure piece, or words one space apart.
#[derive(Debug, Clone)]
struct Tok {
    /// Visual position (characters, form feeds not counted), first and one past the last.
    start: usize,
    end: usize,
    /// Byte offset in the line.
    byte: usize,
    text: String,
    kind: TokKind,
    /// A footnote marker printed just after it (`2024 (1)`).
    notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    /// `$`, `(`, `US$`: waits for its figure.
    Prefix,
    /// `)`, `%`: ends the figure before.
    Suffix,
    /// A figure or a nil marker.
    Value,
    Text,
}

/// What a word is; `figure`: whether it is a figure piece ([`is_figure_piece`]).
fn tok_kind(t: &str, figure: bool) -> TokKind {
    if !figure {
        return TokKind::Text;
    }
    if matches!(t, ")" | "%" | ")%" | "%)") {
        return TokKind::Suffix;
    }
    let rest = t.trim_start_matches('(');
    if rest.is_empty() || strip_currency(rest).1.trim_start_matches('(').is_empty() {
        return TokKind::Prefix;
    }
    TokKind::Value
}

fn is_marker(w: &str) -> bool {
    let inner = w.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
    inner.is_some_and(|i| {
        (1..=2).contains(&i.len())
            && (i.chars().all(|c| c.is_ascii_digit()) || i.chars().all(|c| c.is_ascii_lowercase()))
    }) || w == "*"
}

/// The tokens of a line.
fn tokens(line: &str) -> Vec<Tok> {
    // Words with their visual span and byte offset.
    let mut words: Vec<(usize, usize, usize, &str)> = Vec::new();
    let mut pos = 0;
    let mut begin: Option<(usize, usize)> = None;
    for (b, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some((bb, bp)) = begin.take() {
                words.push((bp, pos, bb, &line[bb..b]));
            }
            if c != '\u{c}' {
                pos += 1;
            }
            continue;
        }
        if begin.is_none() {
            begin = Some((b, pos));
        }
        pos += 1;
    }
    if let Some((bb, bp)) = begin {
        words.push((bp, pos, bb, &line[bb..]));
    }
    // Chunks: words one space apart.
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut j = i + 1;
        while j < words.len() && words[j].0 == words[j - 1].1 + 1 {
            j += 1;
        }
        let chunk = &words[i..j];
        let figures: Vec<bool> = chunk.iter().map(|w| is_figure_piece(w.3)).collect();
        let all_figures = chunk
            .iter()
            .zip(&figures)
            .all(|(w, &f)| f || (is_marker(w.3) && w.0 > chunk[0].0));
        if all_figures {
            for (&(s, e, b, w), &figure) in chunk.iter().zip(&figures) {
                match out.last_mut() {
                    Some(prev) if is_marker(w) && prev.end + 1 == s && prev.kind != TokKind::Text => {
                        prev.notes = w.to_string();
                    }
                    _ => out.push(Tok {
                        start: s,
                        end: e,
                        byte: b,
                        text: w.to_string(),
                        kind: tok_kind(w, figure),
                        notes: String::new(),
                    }),
                }
            }
        } else {
            let (s, _, b, _) = chunk[0];
            let (_, e, _, _) = chunk[j - i - 1];
            let text = chunk.iter().map(|w| w.3).collect::<Vec<_>>().join(" ");
            out.push(Tok {
                start: s,
                end: e,
                byte: b,
                text,
                kind: TokKind::Text,
                notes: String::new(),
            });
        }
        i = j;
    }
    out
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Column header phrases (durations, dates, years, currencies), a label before them allowed.
    Header,
    /// A label (or none) and figures.
    Row,
    /// Words only: a label, a heading, a title, page furniture.
    Text,
    /// A sentence: ends a table.
    Prose,
}

fn is_sentence(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (t.ends_with(['.', '!', '?']) && words >= 7) || words >= 25
}

fn kind_of(line: &str, toks: &[Tok]) -> Kind {
    if toks.is_empty() {
        return Kind::Blank;
    }
    let is_year =
        |t: &Tok| t.text.len() == 4 && t.text.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    let first_value = toks.iter().position(|t| t.kind == TokKind::Value);
    if let Some(v) = first_value {
        // The figures stand apart from the label: a run of spaces before them.
        let apart = v == 0 || toks[v - 1].kind != TokKind::Text || toks[v - 1].end + 2 <= toks[v].start;
        let texts_after = toks[v..].iter().filter(|t| t.kind == TokKind::Text).count();
        if apart && texts_after * 2 <= toks.len() - v {
            // Years and header phrases, a label before them allowed ("ASSETS  2024  2023").
            let from = usize::from(v > 0 && toks[0].kind == TokKind::Text);
            let phrases = toks[from..].iter().filter(|t| t.kind != TokKind::Prefix);
            let header_like = phrases.clone().all(|t| match t.kind {
                TokKind::Value => is_year(t),
                _ => header_strength_of(&t.text).is_some(),
            });
            let years = toks.iter().filter(|t| is_year(t)).count();
            if header_like && (from == 0 || years >= 2) {
                return Kind::Header;
            }
            return Kind::Row;
        }
    }
    let t = line.trim();
    if is_sentence(t) {
        return Kind::Prose;
    }
    let strong = toks
        .iter()
        .map(|t| header_strength_of(&t.text))
        .try_fold(0usize, |acc, s| s.map(|s| acc + s.0));
    match strong {
        Some(s) if s > 0 && t.len() <= 200 => Kind::Header,
        _ => Kind::Text,
    }
}

/// A line of a table being gathered.
struct TLine<'a> {
    line: Line<'a>,
    toks: Vec<Tok>,
    header: bool,
}

/// Counts the lines that look like rows of a space-aligned table (a label, then figures after
/// a run of at least three spaces): how [`super::lines::detect`] tells the form.
pub(super) fn aligned_rows(text: &str) -> usize {
    let mut n = 0;
    for l in text.lines() {
        // A row needs a run of three spaces between its label and its figures.
        if l.len() > 1000 || !l.trim().contains("   ") {
            continue;
        }
        let toks = tokens(l);
        let Some(v) = toks.iter().position(|t| t.kind == TokKind::Value) else {
            continue;
        };
        if v > 0 && toks[v - 1].kind == TokKind::Text && toks[v - 1].end + 3 <= toks[v].start {
            n += 1;
        }
    }
    n
}

struct Builder<'a> {
    /// The blocks so far, prose lines gathered into paragraphs.
    prose: Prose,
    /// The text lines since the last row of the open table (labels, headings, or the end).
    pending: Vec<(Line<'a>, Vec<Tok>)>,
    table: Option<Vec<TLine<'a>>>,
    /// A table closed by a page break, and the text since.
    held: Option<Vec<TLine<'a>>>,
    deferred: Vec<Block>,
    /// Text blocks that come after the table (page furniture of a table joined across pages).
    after: Vec<Block>,
    /// Whether text other than page furniture came after the held table.
    deferred_plain: bool,
    /// Per line: printed at the top or bottom of many pages.
    furniture: Vec<bool>,
}

/// A line with its digits and spacing left out: the running heads and footers of a document
/// print the same key on every page.
fn furniture_key(l: &str) -> String {
    l.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_ascii_digit()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per line, whether it is page furniture: the last line before and the first line after page
/// breaks, when the same (digits aside) at three breaks or more.
fn furniture(raw: &[&str]) -> Vec<bool> {
    let blank = |l: &str| l.trim_matches(|c: char| c.is_whitespace()).is_empty();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, l) in raw.iter().enumerate() {
        if !l.contains('\u{c}') {
            continue;
        }
        let before = raw[..i].iter().rev().take(8).find(|l| !blank(l));
        let after = raw[i..].iter().take(8).find(|l| !blank(l));
        for l in before.into_iter().chain(after) {
            let k = furniture_key(l);
            if !k.is_empty() && l.len() <= 200 {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    counts.retain(|_, n| *n >= 3);
    raw.iter()
        .map(|l| !counts.is_empty() && l.len() <= 200 && counts.contains_key(&furniture_key(l)))
        .collect()
}

fn joined(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
}

fn text_block(line: &Line<'_>, toks: &[Tok]) -> Option<Block> {
    let first = toks.first()?;
    Some(Block::Text(joined(toks), line.loc(first.byte)))
}

impl<'a> Builder<'a> {
    fn text(&mut self, line: &Line<'a>, toks: &[Tok]) {
        let aside = self.furniture.get(line.no as usize - 1).copied().unwrap_or(false);
        if aside {
            if let Some(first) = toks.first() {
                let b = Block::Aside(joined(toks), line.loc(first.byte));
                if self.held.is_some() {
                    self.deferred.push(b);
                } else {
                    self.prose.flush();
                    self.prose.blocks.push(b);
                }
            }
        } else if self.held.is_some() {
            self.deferred_plain |= !toks.is_empty();
            self.deferred.extend(text_block(line, toks));
        } else if let Some(first) = toks.first() {
            // A short line alone is a heading: the sentence after it starts a paragraph.
            let heading = self
                .prose
                .open
                .as_ref()
                .is_some_and(|(p, at)| at.line + 1 == line.no && p.len() < 60 && !label_goes_on(p, "X"));
            if heading {
                self.prose.flush();
            }
            self.prose.line(&joined(toks), line.loc(first.byte));
        } else {
            self.prose.flush();
        }
    }

    /// Pushes a table, or its lines as text when it is no table: one line of figures without
    /// a header (a telephone number, a page number).
    fn push(&mut self, t: Vec<TLine<'a>>) {
        let rows = t
            .iter()
            .filter(|l| l.toks.iter().any(|x| x.kind == TokKind::Value))
            .count();
        if rows < 2 && !t.iter().any(|l| l.header) {
            for l in t {
                self.text(&l.line, &l.toks);
            }
            self.prose.flush();
            return;
        }
        self.prose.flush();
        self.prose.blocks.push(Block::Table(grid_table(t)));
        self.prose.blocks.append(&mut self.after);
    }

    /// Closes the open table; the pending text goes to text blocks.
    fn close(&mut self) {
        if let Some(t) = self.table.take() {
            self.push(t);
        }
        for (l, toks) in std::mem::take(&mut self.pending) {
            self.text(&l, &toks);
        }
    }

    /// Pushes a table held over a page break, then the text after it.
    fn release(&mut self) {
        if let Some(t) = self.held.take() {
            self.push(t);
            self.deferred_plain = false;
            for b in std::mem::take(&mut self.deferred) {
                if let Block::Text(t, at) = b {
                    self.prose.line(&t, at);
                    self.prose.flush();
                } else {
                    self.prose.blocks.push(b);
                }
            }
        }
    }

    fn page_break(&mut self) {
        if self.table.is_some() {
            self.release();
            let pending = std::mem::take(&mut self.pending);
            self.held = self.table.take();
            for (l, toks) in pending {
                self.text(&l, &toks);
            }
        }
    }

    fn row(&mut self, line: Line<'a>, toks: Vec<Tok>, header: bool) {
        if self.table.is_none() {
            if self.held.is_some() && (!header || !self.deferred_plain) {
                // The table goes on from the page before (a header printed again starts a new
                // segment of it).
                self.table = self.held.take();
                self.after.append(&mut self.deferred);
                self.deferred_plain = false;
            } else {
                self.release();
            }
        }
        if header && self.pending.iter().any(|(_, t)| !t.is_empty()) {
            // A header after text: a new table, the text its title.
            self.close();
        }
        let t = self.table.get_or_insert_with(Vec::new);
        for (l, toks) in self.pending.drain(..) {
            if !toks.is_empty() {
                t.push(TLine {
                    line: l,
                    toks,
                    header: false,
                });
            }
        }
        t.push(TLine { line, toks, header });
    }
}

/// Whether a line with figures follows within a few lines, before any sentence.
fn row_follows(kinds: &[Kind], from: usize) -> bool {
    let mut texts = 0;
    for &k in kinds.iter().skip(from).take(12) {
        match k {
            Kind::Row => return true,
            Kind::Prose => return false,
            Kind::Text => {
                texts += 1;
                if texts > 3 {
                    return false;
                }
            }
            Kind::Blank | Kind::Header => {}
        }
    }
    false
}

/// Reads space-aligned text into blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let raw: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let toks: Vec<Vec<Tok>> = raw
        .iter()
        .map(|l| if l.len() > 1000 { Vec::new() } else { tokens(l) })
        .collect();
    let kinds: Vec<Kind> = raw
        .iter()
        .zip(&toks)
        .map(|(l, t)| {
            if l.len() > 1000 {
                Kind::Prose
            } else {
                kind_of(l, t)
            }
        })
        .collect();
    let mut b = Builder {
        prose: Prose {
            blocks: Vec::new(),
            open: None,
        },
        pending: Vec::new(),
        table: None,
        held: None,
        deferred: Vec::new(),
        after: Vec::new(),
        deferred_plain: false,
        furniture: furniture(&raw),
    };
    for (i, (l, toks)) in raw.iter().zip(toks).enumerate() {
        let line = Line::new(u32::try_from(i + 1).unwrap_or(u32::MAX), l);
        if l.contains('\u{c}') {
            b.page_break();
        }
        match kinds[i] {
            Kind::Blank => {
                if b.table.is_none() {
                    b.text(&line, &toks);
                } else {
                    b.pending.push((line, toks));
                    let blanks = b.pending.iter().rev().take_while(|(_, t)| t.is_empty()).count();
                    if blanks > 4 {
                        b.close();
                    }
                }
            }
            Kind::Row => b.row(line, toks, false),
            Kind::Header if b.table.is_some() || row_follows(&kinds, i + 1) => b.row(line, toks, true),
            Kind::Prose => {
                b.close();
                b.release();
                b.text(&line, &toks);
            }
            Kind::Header | Kind::Text => {
                if b.table.is_some() && row_follows(&kinds, i + 1) {
                    b.pending.push((line, toks));
                } else {
                    b.close();
                    b.text(&line, &toks);
                }
            }
        }
    }
    b.close();
    b.release();
    b.prose.flush();
    b.prose.blocks
}

/// Connecting words that leave a label open for the next line.
const CONNECTORS: &[&str] = &[
    "and", "of", "in", "on", "for", "to", "the", "from", "by", "with", "or", "net",
];

fn label_goes_on(label: &str, next: &str) -> bool {
    let last = label
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    !label.ends_with(':')
        && (next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            || CONNECTORS.contains(&last.as_str())
            || label.ends_with(',')
            || label.matches('(').count() > label.matches(')').count())
}

/// The value columns of a table: the visual extent of each, left to right.
fn columns(lines: &[TLine<'_>]) -> Vec<(usize, usize)> {
    let body: Vec<Vec<&Tok>> = lines
        .iter()
        .filter(|l| !l.header)
        .map(|l| {
            l.toks
                .iter()
                .filter(|t| t.kind == TokKind::Value)
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty())
        .collect();
    let mut counts: Vec<usize> = vec![0; body.iter().map(Vec::len).max().unwrap_or(0) + 1];
    for v in &body {
        counts[v.len()] += 1;
    }
    let n = (1..counts.len())
        .rev()
        .find(|&c| counts[c] >= 2)
        .unwrap_or(counts.len().saturating_sub(1));
    if n == 0 {
        return Vec::new();
    }
    let full: Vec<&Vec<&Tok>> = body.iter().filter(|v| v.len() == n).collect();
    let mut ext: Vec<(usize, usize)> = (0..n)
        .map(|k| {
            let s = full.iter().map(|v| v[k].start).min().unwrap_or(0);
            let e = full.iter().map(|v| v[k].end).max().unwrap_or(0);
            (s, e)
        })
        .collect();
    if ext.windows(2).any(|w| w[0].1 > w[1].0) {
        // Figures out of line: each column at its rows' median extent.
        ext = (0..n)
            .map(|k| {
                let mut s: Vec<usize> = full.iter().map(|v| v[k].start).collect();
                let mut e: Vec<usize> = full.iter().map(|v| v[k].end).collect();
                s.sort_unstable();
                e.sort_unstable();
                (s[s.len() / 2], e[e.len() / 2].max(s[s.len() / 2] + 1))
            })
            .collect();
    }
    ext
}

fn overlap(a: (usize, usize), s: usize, e: usize) -> usize {
    a.1.min(e).saturating_sub(a.0.max(s))
}

fn distance(a: (usize, usize), s: usize, e: usize) -> usize {
    if e <= a.0 { a.0 - e } else { s.saturating_sub(a.1) }
}

/// The column a token at `s..e` is printed in: the one it overlaps most, else the nearest.
/// The columns are sorted left to right: only the neighbours of the first column ending after
/// `s` are looked at (O(log n) per token).
fn column_of(ext: &[(usize, usize)], s: usize, e: usize) -> usize {
    let at = ext.partition_point(|c| c.1 <= s);
    let near = at.saturating_sub(1)..(at + 2).min(ext.len());
    let best = near.max_by_key(|&k| (overlap(ext[k], s, e), std::cmp::Reverse(distance(ext[k], s, e))));
    best.unwrap_or(0)
}

fn cell(line: &Line<'_>, t: &Tok, col: (usize, usize)) -> GCell {
    GCell {
        text: t.text.clone(),
        notes: t.notes.clone(),
        location: line.loc(t.byte),
        col: Some(col),
    }
}

/// A gathered table as rows of cells placed in grid columns: 0 the labels, 1.. the values.
fn grid_table(lines: Vec<TLine<'_>>) -> GTable {
    let ext = columns(&lines);
    let n = ext.len();
    let value_left = ext.first().map_or(usize::MAX, |e| e.0);
    let mut rows: Vec<GRow> = Vec::with_capacity(lines.len());
    // A label line waiting for the rest of its label: text, location.
    let mut open_label: Option<(String, Location)> = None;
    let location = lines.first().map_or_else(Location::default, |l| {
        l.line.loc(l.toks.first().map_or(0, |t| t.byte))
    });
    for tl in &lines {
        let line = &tl.line;
        let toks = &tl.toks;
        let mut cells: Vec<GCell> = Vec::new();
        // The label: the text before the value columns.
        let label_end = toks
            .iter()
            .position(|t| t.kind != TokKind::Text || (t.start + 1 >= value_left && n > 0))
            .unwrap_or(toks.len());
        let label_end = if tl.header {
            toks.iter()
                .position(|t| t.end > value_left.saturating_sub(2) || t.kind != TokKind::Text)
                .unwrap_or(toks.len())
        } else {
            label_end
        };
        let label_toks = &toks[..label_end];
        let rest = &toks[label_end..];
        let mut label: Option<(String, Location)> = label_toks.first().map(|f| {
            let text = label_toks
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            (text, line.loc(f.byte))
        });
        if let Some((open, at)) = open_label.take() {
            match label.as_mut() {
                Some((l, loc)) if !tl.header && label_goes_on(&open, l) => {
                    *l = format!("{open} {l}");
                    *loc = at;
                }
                _ => {
                    rows.push(GRow {
                        cells: vec![GCell {
                            text: open,
                            notes: String::new(),
                            location: at,
                            col: Some((0, 1)),
                        }],
                        location: at,
                    });
                }
            }
        }
        if rest.is_empty() && !tl.header {
            // A label alone: a heading, or the first part of a label going on below.
            open_label = label;
            continue;
        }
        if let Some((text, at)) = label {
            cells.push(GCell {
                text,
                notes: String::new(),
                location: at,
                col: Some((0, 1)),
            });
        }
        if tl.header && n > 0 {
            let phrases: Vec<&Tok> = rest.iter().filter(|t| t.kind != TokKind::Prefix).collect();
            let mut spans: Vec<Vec<usize>> = vec![Vec::new(); phrases.len()];
            if phrases.len() == n {
                for (k, s) in spans.iter_mut().enumerate() {
                    s.push(k);
                }
            } else {
                // Each column to the phrase over it, else the nearest (phrases are sorted: the
                // neighbours of the first phrase ending after the column starts).
                for (k, e) in ext.iter().enumerate() {
                    let at = phrases.partition_point(|p| p.end <= e.0);
                    let near = at.saturating_sub(1)..(at + 2).min(phrases.len());
                    let best = near.max_by_key(|&p| {
                        (
                            overlap(*e, phrases[p].start, phrases[p].end),
                            std::cmp::Reverse(distance(*e, phrases[p].start, phrases[p].end)),
                        )
                    });
                    if let Some(p) = best {
                        spans[p].push(k);
                    }
                }
            }
            for (p, t) in phrases.iter().enumerate() {
                let span = match (spans[p].first(), spans[p].last()) {
                    (Some(&a), Some(&b)) => (a + 1, b - a + 1),
                    _ => (column_of(&ext, t.start, t.end) + 1, 1),
                };
                cells.push(cell(line, t, span));
            }
        } else {
            // The figure after and before each token (one pass each way).
            let mut next_value: Vec<Option<usize>> = vec![None; rest.len()];
            let mut seen = None;
            for j in (0..rest.len()).rev() {
                next_value[j] = seen;
                if rest[j].kind == TokKind::Value {
                    seen = Some(j);
                }
            }
            let mut last_value: Option<usize> = None;
            for (j, t) in rest.iter().enumerate() {
                let k = match t.kind {
                    // A currency sign or `(` takes the column of the figure after it, `)` and
                    // `%` the column of the figure before.
                    TokKind::Prefix | TokKind::Suffix => {
                        let v = if t.kind == TokKind::Prefix {
                            next_value[j]
                        } else {
                            last_value
                        };
                        let x = v.map_or(t, |v| &rest[v]);
                        column_of(&ext, x.start, x.end)
                    }
                    _ => column_of(&ext, t.start, t.end),
                };
                if t.kind == TokKind::Value {
                    last_value = Some(j);
                }
                cells.push(cell(line, t, (k + 1, 1)));
            }
        }
        let at = cells.first().map_or_else(|| line.loc(0), |c| c.location);
        rows.push(GRow { cells, location: at });
    }
    if let Some((text, at)) = open_label {
        rows.push(GRow {
            cells: vec![GCell {
                text,
                notes: String::new(),
                location: at,
                col: Some((0, 1)),
            }],
            location: at,
        });
    }
    GTable { rows, location }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(toks: &[Tok]) -> Vec<&str> {
        toks.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn tokens_keep_labels_and_split_figures() {
        let t = tokens("Net income     $   21,448      $      19,881 $     79,000   (1,234)   \u{2014}");
        assert_eq!(
            texts(&t),
            [
                "Net income",
                "$",
                "21,448",
                "$",
                "19,881",
                "$",
                "79,000",
                "(1,234)",
                "\u{2014}"
            ]
        );
        assert_eq!((t[2].start, t[2].end), (19, 25));
        let h = tokens("ASSETS        2024        2024 (1)       2023");
        assert_eq!(texts(&h), ["ASSETS", "2024", "2024", "2023"]);
        assert_eq!(h[2].notes, "(1)");
        // A form feed takes no room on the page.
        let f = tokens("\u{c}Total    5");
        assert_eq!((f[1].start, f[1].byte), (9, 10));
    }

    #[test]
    fn header_centred_over_two_columns_spans_them() {
        let text = "STATEMENTS OF INCOME\n\n                     Three Months Ended\n                    2024          2023\nSales         $    1,000   $     900\nCost                (400)        (300)\n  Gross profit        600          600\n";
        let b = blocks(text);
        let Some(Block::Table(t)) = b.iter().find(|b| matches!(b, Block::Table(_))) else {
            panic!("{b:?}")
        };
        let head = &t.rows[0].cells[0];
        assert_eq!(
            (head.text.as_str(), head.col),
            ("Three Months Ended", Some((1, 2)))
        );
        let sales: Vec<String> = t.rows[2]
            .cells
            .iter()
            .map(|c| format!("{}@{}#{:?}", c.text, c.location.column, c.col))
            .collect();
        assert_eq!(
            sales,
            [
                "Sales@1#Some((0, 1))",
                "$@15#Some((1, 1))",
                "1,000@20#Some((1, 1))",
                "$@28#Some((2, 1))",
                "900@34#Some((2, 1))"
            ]
        );
    }
}
