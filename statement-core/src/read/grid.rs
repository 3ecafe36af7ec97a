//! The reader shared by the structured front ends (HTML, pipe tables, one cell per line): a
//! document is a sequence of [`Block`]s, text and tables of cells, and every table is read into
//! the same located tables as tab text (title, unit, header columns, rows of figures), then
//! completed and aligned by [`super::align`].
//!
//! - **Figures** are put together from the cells they are printed over: a currency sign in a
//!   cell of its own (`$ | 1,234`), an opening parenthesis apart from its figure, `)` and `%` in
//!   cells of their own (`(4.2 | %)`). Any currency symbol or code glued or apart (`$499.3`,
//!   `US$`, `RMB`, `HK$`, `€`, `¥`) gives the column its currency.
//! - **Headers** over several rows: a phrase spanning its columns ("Quarter Ended June 30," over
//!   "2026 | 2025 | 2026 | 2025") is read for each column it spans (by colspan in HTML, by
//!   equal shares in text), so each column gets its whole period: "Three/Six/Nine Months Ended",
//!   "Quarter Ended", "Years ended", "13 Weeks Ended" (weeks read as months: 13 as 3, 26 as 6, 39
//!   as 9, 52 and 53 as 12), "As of", dates written month first or day first.
//! - **Units**: "(in millions, except per share amounts)", "(dollars and shares in millions)",
//!   "RMB'000", "in thousands of U.S. dollars"; share counts and per-share figures get their own
//!   scale ([`super::Row::scale`]).
//! - A column whose period cannot be read is reported as [`super::DamageKind::GarbledHeader`].

use crate::amount::Scale;

use super::header::{self, Garbled, Header, HeaderColumn, Pending};
use super::number::{self, currency_in, strip_currency};
use super::open::{Open, RawRow, RawTok, shorten};
use super::{Damage, DamageKind, Date, Filing, Location, Number, Paragraph, Period};

/// A piece of a document.
#[derive(Debug)]
pub(super) enum Block {
    /// Text outside tables (a paragraph, a heading), whitespace collapsed.
    Text(String, Location),
    /// A table.
    Table(GTable),
    /// Text of the page rather than of the document (a running head, a footer with the page
    /// number): kept as a paragraph, never a table's title.
    Aside(String, Location),
}

/// A table as rows of cells.
#[derive(Debug, Default)]
pub(super) struct GTable {
    pub rows: Vec<GRow>,
    pub location: Location,
}

/// A row of cells.
#[derive(Debug, Default)]
pub(super) struct GRow {
    pub cells: Vec<GCell>,
    pub location: Location,
}

/// A non-empty cell.
#[derive(Debug, Clone)]
pub(super) struct GCell {
    pub text: String,
    /// Footnote markers printed apart (`<sup>`), if any.
    pub notes: String,
    pub location: Location,
    /// The first grid column and the number of columns spanned, when the source says (HTML).
    pub col: Option<(usize, usize)>,
}

/// Prose lines gathered into paragraphs: a line goes on the paragraph before unless that one
/// ends a sentence or is a short heading.
pub(super) struct Prose {
    pub blocks: Vec<Block>,
    pub open: Option<(String, Location)>,
}

impl Prose {
    pub(super) fn line(&mut self, text: &str, loc: Location) {
        let t = text.trim();
        if t.is_empty() {
            self.flush();
            return;
        }
        match self.open.as_mut() {
            Some((p, _))
                if (p.matches('(').count() > p.matches(')').count() && p.len() < 400)
                    || (!p.ends_with(['.', ':', '!', '?', ')', '"', '\u{201d}']) && p.len() >= 40)
                        && !t.starts_with(['\u{2022}', '-', '*', '#']) =>
            {
                p.push(' ');
                p.push_str(t);
            }
            _ => {
                self.flush();
                self.open = Some((t.to_string(), loc));
            }
        }
    }

    pub(super) fn flush(&mut self) {
        if let Some((t, loc)) = self.open.take() {
            let t = t.trim_start_matches('#').trim().to_string();
            if !t.is_empty() {
                self.blocks.push(Block::Text(t, loc));
            }
        }
    }
}

impl Default for Location {
    fn default() -> Self {
        Location { line: 1, column: 1 }
    }
}

/// Byte offsets to locations in O(log n).
pub(super) struct Locator {
    line_starts: Vec<usize>,
    /// `(byte offset of a multi-byte char, extra bytes up to and including it)`.
    marks: Vec<(usize, usize)>,
}

impl Locator {
    pub(super) fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut marks = Vec::new();
        let mut extra = 0;
        for (b, c) in text.char_indices() {
            if c == '\n' {
                line_starts.push(b + 1);
            }
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                marks.push((b, extra));
            }
        }
        Locator { line_starts, marks }
    }

    fn extra_before(&self, byte: usize) -> usize {
        let i = self.marks.partition_point(|&(b, _)| b < byte);
        if i == 0 { 0 } else { self.marks[i - 1].1 }
    }

    pub(super) fn loc(&self, byte: usize) -> Location {
        let li = self.line_starts.partition_point(|&s| s <= byte).saturating_sub(1);
        let start = self.line_starts[li];
        let column = byte - start - (self.extra_before(byte) - self.extra_before(start));
        Location {
            line: u32::try_from(li + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// Full-width digits and punctuation to ASCII, spaces of every kind to one space.
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xff01 + 0x21).unwrap_or(c),
            '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() || c == '\u{200b}' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// What a cell's text is, as part of a figure.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    /// A currency sign and/or an opening parenthesis awaiting their figure.
    Prefix(Option<&'static str>, bool),
    /// `)`, `%`, `)%`, `%)`: the end of the figure before.
    Suffix(&'a str),
    /// A figure (or a token that should be one), its currency, its text without the currency.
    Value(Option<&'static str>, String),
    Text,
}

fn piece(t: &str) -> Piece<'_> {
    if matches!(t, ")" | "%" | ")%" | "%)" | ") %") {
        return Piece::Suffix(t);
    }
    let (open1, rest) = match t.strip_prefix('(') {
        Some(r) => (true, r.trim_start()),
        None => (false, t),
    };
    let (cur, rest) = strip_currency(rest);
    let (open2, rest) = match rest.strip_prefix('(') {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let open = open1 || open2;
    if rest.is_empty() {
        return if cur.is_some() || open {
            Piece::Prefix(cur, open)
        } else {
            Piece::Text
        };
    }
    // Spaces go, except between digits ("1 16.6" is damage, never 116.6).
    let chars: Vec<char> = rest.chars().collect();
    let canon: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                || (i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        })
        .map(|(_, c)| *c)
        .collect();
    let canon = if open { format!("({canon}") } else { canon };
    if number::parse(&canon).is_ok() || (open && number::parse(&format!("{canon})")).is_ok()) {
        return Piece::Value(cur, canon);
    }
    // Digits that fail to read as a figure: a figure with damage (a glued footnote marker, digits
    // grouped by spaces), reported, never a label.
    let first = canon.trim_start_matches(['(', '-']).chars().next();
    let digits = canon.chars().filter(char::is_ascii_digit).count();
    let letters = canon.chars().filter(|c| c.is_alphabetic()).count();
    if first.is_some_and(|c| c.is_ascii_digit()) && digits >= 2 && letters <= 2 && digits > letters * 2 {
        return Piece::Value(cur, canon);
    }
    Piece::Text
}

/// A value token being put together.
#[derive(Debug, Clone)]
struct VTok {
    /// As printed: the cells' texts joined.
    text: String,
    /// What is parsed: currency and spaces removed.
    canon: String,
    currency: Option<&'static str>,
    location: Location,
    range: Option<(usize, usize)>,
    cell: usize,
    notes: String,
}

impl VTok {
    fn number(&self) -> Result<Number, &'static str> {
        let c = &self.canon;
        if let Some(inner) = c.strip_prefix('(').and_then(|s| s.strip_suffix("%)")) {
            return number::parse(&format!("({inner})%"));
        }
        number::parse(c)
    }

    fn year(&self) -> bool {
        self.canon.len() == 4
            && self.currency.is_none()
            && self
                .canon
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
    }
}

fn union(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> Option<(usize, usize)> {
    match (a, b) {
        (Some((s1, n1)), Some((s2, n2))) => {
            let s = s1.min(s2);
            Some((s, (s1 + n1).max(s2 + n2) - s))
        }
        (x, None) | (None, x) => x,
    }
}

/// Grid columns a cell covers: first column and count.
type GridSpan = Option<(usize, usize)>;
/// A text cell: its text, location and columns.
type TextCell = (String, Location, GridSpan);
/// A currency sign or `(` waiting for its figure: currency, `(`, text, location, columns.
type PendingPrefix = (Option<&'static str>, bool, String, Location, GridSpan);

/// A table row as read from its cells.
#[derive(Debug, Default)]
struct PRow {
    label: String,
    label_location: Option<Location>,
    label_range: Option<(usize, usize)>,
    /// Text cells after the label (header phrases, currency rows).
    texts: Vec<TextCell>,
    vals: Vec<VTok>,
    location: Location,
}

fn read_row(row: &GRow) -> PRow {
    let mut p = PRow {
        location: row.location,
        ..PRow::default()
    };
    let mut pending: Option<PendingPrefix> = None;
    let flush_pending = |p: &mut PRow, pending: &mut Option<_>| {
        if let Some((_, _, text, loc, range)) = pending.take() {
            p.texts.push((text, loc, range));
        }
    };
    for (ci, cell) in row.cells.iter().enumerate() {
        let t = normalize(&cell.text);
        if t.is_empty() {
            continue;
        }
        match piece(&t) {
            Piece::Prefix(cur, open) => match pending.as_mut() {
                Some((c, o, text, _, range)) if c.is_none() || cur.is_none() => {
                    *c = c.or(cur);
                    *o |= open;
                    text.push(' ');
                    text.push_str(&t);
                    *range = union(*range, cell.col);
                }
                _ => {
                    flush_pending(&mut p, &mut pending);
                    pending = Some((cur, open, t.clone(), cell.location, cell.col));
                }
            },
            Piece::Suffix(s) => {
                let attach = p
                    .vals
                    .last_mut()
                    .filter(|v| v.cell + 1 == ci || v.number().is_err());
                match attach {
                    Some(v) if pending.is_none() => {
                        v.text.push_str(s);
                        v.canon.push_str(&s.replace(' ', ""));
                        v.cell = ci;
                        v.range = union(v.range, cell.col);
                    }
                    _ => p.texts.push((t.clone(), cell.location, cell.col)),
                }
            }
            Piece::Value(cur, canon) => {
                let (pcur, open, ptext, loc, range) = match pending.take() {
                    Some((c, o, text, _, range)) => (c, o, Some(text), cell.location, union(range, cell.col)),
                    None => (None, false, None, cell.location, cell.col),
                };
                let canon = if open && !canon.starts_with('(') {
                    format!("({canon}")
                } else {
                    canon
                };
                let text = match ptext {
                    Some(pt) => format!("{pt}{t}"),
                    None => t.clone(),
                };
                p.vals.push(VTok {
                    text,
                    canon,
                    currency: cur.or(pcur),
                    location: loc,
                    range,
                    cell: ci,
                    notes: cell.notes.clone(),
                });
            }
            Piece::Text => {
                flush_pending(&mut p, &mut pending);
                if p.vals.is_empty() && p.texts.is_empty() && p.label.is_empty() {
                    p.label_location = Some(cell.location);
                    p.label_range = cell.col;
                    p.label = t.clone();
                } else {
                    p.texts.push((t.clone(), cell.location, cell.col));
                }
            }
        }
    }
    flush_pending(&mut p, &mut pending);
    p
}

// ---------------------------------------------------------------------------------------------
// Header vocabulary and periods.

fn month_of(w: &str) -> Option<u8> {
    let w = w.trim_end_matches(['.', ',']).to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    Date::MONTH_NAMES
        .iter()
        .position(|m| {
            *m == w || (w.len() == 3 && m.starts_with(w.as_str())) || (w == "sept" && *m == "september")
        })
        .map(|i| i as u8 + 1)
}

/// Words of a header phrase: glued words split ("EndedSeptember"), punctuation trimmed.
fn header_words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            if (p.is_lowercase() && c.is_uppercase()) || (p.is_ascii_digit() && c.is_alphabetic() && c != 's')
            {
                spaced.push(' ');
            }
        }
        spaced.push(if matches!(c, '-' | '\u{2013}' | '\u{2014}' | '/') {
            ' '
        } else {
            c
        });
        prev = Some(c);
    }
    spaced
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '*'))
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

const WEAK: &[&str] = &[
    "as",
    "of",
    "at",
    "for",
    "the",
    "and",
    "to",
    "from",
    "through",
    "unaudited",
    "audited",
    "restated",
    "nd",
    "st",
    "rd",
    "th",
    "first",
    "second",
    "third",
    "fourth",
    "half",
    "change",
    "%",
    "notes",
    "note",
    "period",
    "periods",
    "in",
    "ending",
    "fiscal",
    "total",
    "year-to-date",
    "ytd",
    "increase",
    "decrease",
    "variance",
    "$",
    "days",
    "day",
    "twelve",
    "thirteen",
    "twenty-six",
    "thirty-nine",
    "fifty-two",
    "vs",
    "versus",
    "millions",
    "thousands",
    "except",
    "per",
    "share",
    "data",
    "amounts",
    "u.s",
    "us",
    "dollars",
    "reported",
    "one",
    "two",
    "four",
    "five",
    "seven",
    "eight",
    "fourteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
];

const STRONG: &[&str] = &[
    "ended", "months", "month", "quarter", "quarters", "year", "years", "weeks", "week", "three", "six",
    "nine",
];

/// Whether every word of `text` is header vocabulary, and how many of them say a period or a
/// currency (`None` when some word is not header vocabulary).
fn header_strength(text: &str) -> Option<usize> {
    let mut strong = 0;
    for w in header_words(text) {
        if month_of(&w).is_some() || STRONG.contains(&w.as_str()) {
            strong += 1;
        } else if let Ok(n) = w.parse::<u32>() {
            if (1900..=2100).contains(&n) {
                strong += 1;
            } else if n > 53 {
                return None;
            }
        } else if strip_currency(&w.to_ascii_uppercase()).1.is_empty()
            || w.strip_suffix("'000")
                .is_some_and(|b| strip_currency(&b.to_ascii_uppercase()).1.is_empty())
        {
            strong += 1;
        } else if !WEAK.contains(&w.as_str()) {
            return None;
        }
    }
    Some(strong)
}

/// Whether a text is part of a figure (`$`, `1,234`, `(5`, `)`, `%`).
pub(super) fn is_figure_piece(t: &str) -> bool {
    let t = normalize(t);
    matches!(piece(&t), Piece::Prefix(..) | Piece::Suffix(_) | Piece::Value(..))
}

/// [`header_strength`] with the kind of phrase: 0 a duration, 1 a date, 2 a year alone, 3 a
/// currency, 4 other header words.
pub(super) fn header_strength_of(text: &str) -> Option<(usize, u8)> {
    let s = header_strength(text)?;
    let ws = header_words(text);
    let kind = if ws
        .iter()
        .any(|w| STRONG.contains(&w.as_str()) && w != "year" && w != "years")
    {
        0
    } else if ws.iter().any(|w| month_of(w).is_some()) {
        1
    } else if ws
        .iter()
        .any(|w| w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)))
    {
        2
    } else if s > 0 {
        3
    } else {
        4
    };
    Some((s, kind))
}

/// Whether a row is (part of) a column header; `labelled` is set when its first cell is a
/// label that is no header word (kept as a section row).
fn is_header_row(p: &PRow) -> Option<bool> {
    if !p.vals.iter().all(VTok::year) {
        return None;
    }
    let mut strong = p.vals.len();
    for (t, _, _) in &p.texts {
        strong += header_strength(t)?;
    }
    let label = if p.label.is_empty() {
        Some(0)
    } else {
        header_strength(&p.label)
    };
    match label {
        Some(s) if strong + s > 0 => Some(false),
        None if strong > 0 => Some(true),
        _ => None,
    }
}

/// The number the last words spell ("13", "thirteen", "thirty nine").
fn spelled_number(ws: &[String]) -> Option<u32> {
    let unit = |w: &str| -> Option<u32> {
        const UNITS: [&str; 20] = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        UNITS.iter().position(|u| *u == w).map(|p| p as u32)
    };
    let tens = |w: &str| -> Option<u32> {
        const TENS: [&str; 8] = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        TENS.iter().position(|t| *t == w).map(|p| 20 + 10 * p as u32)
    };
    let last = ws.last()?;
    if let Ok(n) = last.parse::<u32>() {
        return Some(n);
    }
    if let Some(t) = tens(last) {
        return Some(t);
    }
    let u = unit(last)?;
    match ws.len().checked_sub(2).and_then(|j| tens(&ws[j])) {
        Some(t) if u < 10 => Some(t + u),
        _ => Some(u),
    }
}

/// A column's period read from its header phrase.
fn period_of(phrase: &str) -> Option<Period> {
    let ws = header_words(phrase);
    let mut months: Option<u8> = None;
    let mut month: Option<(usize, u8)> = None;
    let mut year: Option<i32> = None;
    let mut day: Option<u8> = None;
    let count = |w: &str| -> Option<u8> {
        Some(match w {
            "three" | "3" => 3,
            "six" | "6" => 6,
            "nine" | "9" => 9,
            "twelve" | "12" => 12,
            _ => return None,
        })
    };
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(String::as_str);
        match w.as_str() {
            "months" | "month" => {
                if let Some(n) = i.checked_sub(1).and_then(|j| count(&ws[j])) {
                    months = Some(n);
                }
            }
            "weeks" | "week" => {
                if let Some(n) = i.checked_sub(1).and_then(|j| spelled_number(&ws[..=j])) {
                    months = match n {
                        12..=14 => Some(3),
                        25..=27 => Some(6),
                        38..=40 => Some(9),
                        51..=53 => Some(12),
                        _ => months,
                    };
                }
            }
            "quarter" if months.is_none() => months = Some(3),
            "year" | "years" if months.is_none() && ws.iter().any(|w| w == "ended" || w == "ending") => {
                months = Some(12)
            }
            _ => {}
        }
        if let Some(m) = month_of(w) {
            if month.is_none() {
                month = Some((i, m));
                // Month first ("June 30") or day first ("30 June").
                let before = i.checked_sub(1).and_then(|j| ws[j].parse::<u8>().ok());
                let after = next.and_then(|n| n.parse::<u8>().ok());
                day = after.or(before).filter(|d| (1..=31).contains(d));
            }
        }
        if let Ok(y) = w.parse::<i32>() {
            if (1900..=2100).contains(&y) {
                year = Some(y);
            }
        }
    }
    let fiscal_year = months.is_none() && ws.iter().any(|w| w == "fiscal") && ws.iter().any(|w| w == "year");
    let months = months.or(fiscal_year.then_some(12));
    let (_, m) = month?;
    let date = header::date(year?, m, day?)?;
    Some(match months {
        Some(months) => Period::Duration { months, end: date },
        None => Period::Instant { date },
    })
}

// ---------------------------------------------------------------------------------------------
// Units and titles.

/// The scales a unit text states: money, share counts.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Units {
    money: Scale,
    shares: Scale,
}

fn scale_word(l: &str) -> Option<Scale> {
    if l.contains("million") {
        Some(Scale::Millions)
    } else if l.contains("thousand") || l.contains("'000") || l.contains("000s") {
        Some(Scale::Thousands)
    } else {
        None
    }
}

fn units_of(text: &str) -> Option<Units> {
    let l = text.to_lowercase().replace('\u{2019}', "'");
    let unitish = l.contains("in millions")
        || l.contains("in thousands")
        || l.contains("amounts in")
        || l.contains("'000")
        || l.contains("dollars in")
        || l.contains("shares in")
        || (l.starts_with('(') && scale_word(&l).is_some() && l.len() < 200);
    if !unitish || l.len() > 300 {
        return None;
    }
    // The money scale: the first scale word.
    let first = ["million", "thousand", "'000", "000s"]
        .iter()
        .filter_map(|w| l.find(w))
        .min()
        .map(|p| scale_word(&l[p..p + 8.min(l.len() - p)]).unwrap_or(Scale::Units));
    let money = first?;
    let shares = if let Some(p) = l.find("shares") {
        let after = &l[p..];
        let before = &l[..p];
        if before.trim_end().ends_with("and") || before.contains("dollars and") {
            money
        } else if let Some(s) = scale_word(after.split(['(', ')']).next().unwrap_or(after)) {
            s
        } else {
            Scale::Units
        }
    } else if l.contains("except share") || l.contains("except for share") {
        Scale::Units
    } else {
        money
    };
    Some(Units { money, shares })
}

/// The parenthesised parts of a heading that say units or "(Unaudited)", cut off the title.
fn clean_title(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(open) = out.rfind('(') {
        let Some(close) = out[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = out[open..=close].to_ascii_lowercase();
        if close + 1 >= out.trim_end().len()
            && (inner.contains("unaudited") || inner.contains("audited") || units_of(&inner).is_some())
        {
            out.truncate(open);
            out = out.trim_end().to_string();
        } else {
            break;
        }
    }
    out.trim().to_string()
}

const STATEMENT_WORDS: &[&str] = &[
    "statement",
    "balance sheet",
    "cash flow",
    "operations",
    "income",
    "financial position",
    "reconciliation",
    "comprehensive",
    "equity",
    "earnings",
];

/// Narrative: sentences that neither introduce a table (ending with `:`) nor give its units.
fn is_narrative(text: &str) -> bool {
    let t = text.trim();
    let sentence = t.ends_with(['.', '!', '?']) && t.split_whitespace().nth(6).is_some();
    (sentence || t.len() > 400) && units_of(t).is_none()
}

fn title_candidate(text: &str) -> Option<String> {
    let t = clean_title(text);
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 || t.len() > 250 || units_of(&t).is_some() {
        return None;
    }
    let l = t.to_ascii_lowercase();
    if l.starts_with("table of contents") || l.starts_with("page ") {
        return None;
    }
    // A sentence that does not introduce the table is narrative, not a title.
    if t.ends_with('.') && t.split_whitespace().nth(6).is_some() {
        return None;
    }
    Some(t)
}

// ---------------------------------------------------------------------------------------------
// Tables.

struct Reader {
    opens: Vec<Open>,
    damage: Vec<Damage>,
    /// The text nearest above the table being read (its title, caption, introducing sentence).
    caption: String,
    /// Columns headed by a year alone, read once the whole filing is known.
    years: Vec<YearColumn>,
}

/// A column headed only by a year ("2024"), its period not yet read.
struct YearColumn {
    table: usize,
    column: usize,
    year: i32,
    caption: String,
}

/// The dates a caption prints, each with what governs it: `Some(12)` a "years ended" phrase,
/// `Some(0)` an "as of" phrase, `None` neither.
fn caption_dates(text: &str) -> Vec<(Date, Option<u8>)> {
    let ws = header_words(text);
    let mut out = Vec::new();
    let mut mode: Option<u8> = None;
    for (i, w) in ws.iter().enumerate() {
        let l = w.to_ascii_lowercase();
        if l == "ended" || l == "ending" {
            let years = i > 0 && matches!(ws[i - 1].to_ascii_lowercase().as_str(), "year" | "years");
            mode = years.then_some(12);
        } else if l == "of" && i > 0 && ws[i - 1].eq_ignore_ascii_case("as") {
            mode = Some(0);
        }
        let Some(month) = month_of(w) else { continue };
        let day = ws
            .get(i + 1)
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|d| (1..=31).contains(d));
        let year = ws
            .get(i + 2)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (1900..=2100).contains(y));
        if let (Some(day), Some(year)) = (day, year) {
            out.push((Date { year, month, day }, mode));
        }
    }
    out
}

/// The period a year heading a column means, where the filing states it: a date of that year
/// in the table's caption ("as of September 28, 2024 and ...", "years ended ..."), or, for a
/// caption speaking of the years themselves ("for 2024, 2023 and 2022"), the one fiscal year
/// ending in that year that the filing's own headers state. `None` when not stated or not
/// unique.
fn year_period(y: &YearColumn, fiscal_years: &[Date]) -> Option<Period> {
    let dates = caption_dates(&y.caption);
    let mut stated = dates.iter().filter(|(d, m)| d.year == y.year && m.is_some());
    if let Some(&(date, mode)) = stated.next() {
        if stated.any(|&(d, m)| d != date || m != mode) {
            return None;
        }
        return Some(match mode {
            Some(0) => Period::Instant { date },
            _ => Period::Duration {
                months: 12,
                end: date,
            },
        });
    }
    // The caption speaks of the year itself, and of no date.
    let mentions = header_words(&y.caption)
        .iter()
        .any(|w| w.parse::<i32>().ok() == Some(y.year));
    if !mentions || !dates.is_empty() {
        return None;
    }
    let mut ends = fiscal_years.iter().filter(|d| d.year == y.year);
    match (ends.next(), ends.next()) {
        (Some(&end), None) => Some(Period::Duration { months: 12, end }),
        _ => None,
    }
}

impl Reader {
    /// Reads the columns headed by a year alone where the filing states their period; the
    /// others stay unread (and reported).
    fn read_years(&mut self) {
        let mut fiscal_years: Vec<Date> = Vec::new();
        for o in &self.opens {
            for c in o.header.iter().flat_map(|h| &h.cols) {
                if let Pending::Known(Period::Duration { months: 12, end }) = c.period {
                    if !fiscal_years.contains(&end) {
                        fiscal_years.push(end);
                    }
                }
            }
        }
        for y in std::mem::take(&mut self.years) {
            let Some(period) = year_period(&y, &fiscal_years) else {
                continue;
            };
            let Some(h) = self.opens.get_mut(y.table).and_then(|o| o.header.as_mut()) else {
                continue;
            };
            if h.cols[y.column].period != Pending::Unknown
                || h.cols
                    .iter()
                    .any(|c| c.period == Pending::Known(period) && c.currency == h.cols[y.column].currency)
            {
                continue;
            }
            h.cols[y.column].period = Pending::Known(period);
            let prefix = format!("the period of column {} ", y.column + 1);
            h.garbled.retain(|g| !g.message.starts_with(&prefix));
        }
    }
}

/// Rows whose figures are not money: share counts, per-share figures.
#[derive(Clone, Copy, PartialEq, Debug)]
enum RowKind {
    Shares,
    PerShare,
}

fn row_kind(label: &str) -> Option<RowKind> {
    let l = label.to_ascii_lowercase();
    if l.contains("par value") || l.contains("authorized") {
        return None;
    }
    let shares = l.starts_with("shares")
        || l.contains("number of shares")
        || l.contains("number of ordinary shares")
        || l.contains("number of common shares")
        || l.contains("shares used")
        || l.contains("average shares")
        || l.contains("shares outstanding")
        || (l.starts_with("weighted") && l.contains("shares"));
    if shares {
        return Some(RowKind::Shares);
    }
    if [
        "per share",
        "per ads",
        "per ordinary share",
        "per common share",
        "per diluted share",
        "per basic share",
        "earnings per",
        "loss per",
        "income per",
        " eps",
    ]
    .iter()
    .any(|p| l.contains(p))
        || l.starts_with("eps")
    {
        return Some(RowKind::PerShare);
    }
    None
}

fn row_scale_of_label(label: &str) -> Option<Scale> {
    let l = label.to_ascii_lowercase();
    let p = l.rfind("(in ")?;
    scale_word(&l[p..])
}

impl Reader {
    fn table(&mut self, g: &GTable, recent: &[(String, Location)]) {
        let rows: Vec<PRow> = g.rows.iter().map(read_row).collect();
        let ranged = g.rows.iter().all(|r| r.cells.iter().all(|c| c.col.is_some()));
        // Split into segments: header rows, then body rows; a header after body rows starts a
        // new segment.
        let mut segments: Vec<(Vec<usize>, Vec<usize>, Vec<usize>)> = Vec::new(); // (pre, header, body)
        let mut cur = (Vec::new(), Vec::new(), Vec::new());
        for (i, p) in rows.iter().enumerate() {
            if p.label.is_empty() && p.vals.is_empty() && p.texts.is_empty() {
                continue;
            }
            let mut header = is_header_row(p);
            let values_yet = cur.2.iter().any(|&j: &usize| !rows[j].vals.is_empty());
            if header.is_none()
                && !cur.1.is_empty()
                && !values_yet
                && p.vals.is_empty()
                && !p.texts.is_empty()
            {
                // Column names under the periods ("Adjusted Cost | Unrealized Gains | ...").
                header = Some(true);
            }
            let body = !p.vals.is_empty() && header.is_none();
            if header.is_some() {
                if !cur.2.is_empty() {
                    segments.push(std::mem::take(&mut cur));
                }
                cur.1.push(i);
            } else if body || !cur.1.is_empty() || !cur.2.is_empty() {
                cur.2.push(i);
            } else {
                cur.0.push(i);
            }
        }
        segments.push(cur);
        let mut title: Option<(String, Location)> = None;
        let mut units: Option<(String, Units)> = None;
        for (pre, head, body) in segments {
            // Titles and units: rows above the header, then the text before the table, nearest
            // first.
            let mut texts: Vec<(String, Location)> = pre
                .iter()
                .rev()
                .map(|&i| {
                    let p = &rows[i];
                    let mut t = p.label.clone();
                    for (x, _, _) in &p.texts {
                        t.push(' ');
                        t.push_str(x);
                    }
                    (t, p.label_location.unwrap_or(p.location))
                })
                .collect();
            for &i in &head {
                for (x, l, _) in &rows[i].texts {
                    if units_of(x).is_some() {
                        texts.insert(0, (x.clone(), *l));
                    }
                }
            }
            texts.extend(recent.iter().rev().take(6).cloned());
            for (t, _) in &texts {
                // A unit line glued to its title: "BALANCE SHEETS(Amounts in Thousands ...)".
                let cands = std::iter::once(t.as_str()).chain(t.match_indices('(').map(|(p, _)| &t[p..]));
                if let Some((u, x)) = cands.filter_map(|c| units_of(c).map(|u| (u, c))).next() {
                    units = Some((x.to_string(), u));
                    break;
                }
            }
            // A title is printed next to its table: headings above the narrative nearest to
            // the table head that narrative, not the table.
            self.caption = texts
                .iter()
                .take_while(|(t, _)| !is_narrative(t))
                .take(3)
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let found = texts
                .iter()
                .take_while(|(t, _)| !is_narrative(t))
                .filter_map(|(t, l)| title_candidate(t).map(|c| (c, *l)))
                .take(4)
                .collect::<Vec<_>>();
            let best = found
                .iter()
                .find(|(c, _)| {
                    let l = c.to_ascii_lowercase();
                    STATEMENT_WORDS.iter().any(|w| l.contains(w)) && !l.ends_with('.')
                })
                .or(found.first())
                .cloned();
            if best.is_some() || title.is_none() {
                title = best.or(title);
            }
            if body.is_empty() {
                continue;
            }
            self.segment(
                &rows,
                &head,
                &body,
                ranged,
                title.clone(),
                units.clone(),
                g.location,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn segment(
        &mut self,
        rows: &[PRow],
        head: &[usize],
        body: &[usize],
        ranged: bool,
        title: Option<(String, Location)>,
        units: Option<(String, Units)>,
        at: Location,
    ) {
        let ti = self.opens.len();
        // Header cells per header row: (text, location, range).
        let head_cells: Vec<Vec<TextCell>> = head
            .iter()
            .map(|&i| {
                let p = &rows[i];
                let mut cells: Vec<TextCell> = Vec::new();
                if !p.label.is_empty() && header_strength(&p.label).is_some_and(|s| s > 0) {
                    cells.push((
                        p.label.clone(),
                        p.label_location.unwrap_or(p.location),
                        p.label_range,
                    ));
                }
                let mut rest: Vec<(String, Location, GridSpan, usize)> = p
                    .texts
                    .iter()
                    .map(|(t, l, r)| (t.clone(), *l, *r, r.map_or(0, |r| r.0)))
                    .chain(
                        p.vals
                            .iter()
                            .map(|v| (v.text.clone(), v.location, v.range, v.range.map_or(0, |r| r.0))),
                    )
                    .collect();
                if ranged {
                    rest.sort_by_key(|x| x.3);
                } else {
                    rest.sort_by_key(|x| x.1);
                }
                cells.extend(rest.into_iter().map(|(t, l, r, _)| (t, l, r)));
                // Footnote markers alone ("(1)") are no columns.
                cells.retain(|(t, _, _)| !(t.starts_with('(') && t.len() <= 4 && t.ends_with(')')));
                cells
            })
            .collect();
        // Text tables print a header row's cells one per line: consecutive one-cell header rows
        // of the same kind (dates, years, currencies) are one row.
        let head_cells = if ranged {
            head_cells
        } else {
            let mut merged: Vec<Vec<TextCell>> = Vec::with_capacity(head_cells.len());
            let mut last_kind = None;
            for cells in head_cells {
                let kind = match &cells[..] {
                    [one] => header_strength_of(&one.0).map(|k| k.1),
                    _ => None,
                };
                match merged.last_mut() {
                    Some(m) if kind.is_some() && kind == last_kind => m.extend(cells),
                    _ => merged.push(cells),
                }
                last_kind = kind;
            }
            merged
        };
        let n_vals = body.iter().map(|&i| rows[i].vals.len()).max().unwrap_or(0);

        // Column ranges.
        let mut cols: Vec<(usize, usize)>;
        let mut virtual_head: Vec<Vec<(usize, usize)>> = Vec::new();
        if ranged {
            let leaf = head_cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .max_by_key(|(i, c)| (c.len(), *i))
                .map(|(i, _)| i);
            cols = leaf.map_or_else(Vec::new, |l| head_cells[l].iter().filter_map(|c| c.2).collect());
            // Figures under no header cell: columns of their own.
            cols.sort_unstable();
            let mut extra: Vec<(usize, usize)> = Vec::new();
            for &i in body {
                for v in &rows[i].vals {
                    if let Some(r) = v.range {
                        if overlapping(&cols, r).next().is_none() {
                            extra.push(r);
                        }
                    }
                }
            }
            cols.extend(extra);
            cols.sort_unstable();
            cols.dedup();
            // Merge overlapping ranges.
            let mut merged: Vec<(usize, usize)> = Vec::with_capacity(cols.len());
            for c in cols {
                match merged.last_mut() {
                    Some(m) if overlap(*m, c) > 0 => *m = union(Some(*m), Some(c)).unwrap_or(*m),
                    _ => merged.push(c),
                }
            }
            cols = merged;
        } else {
            let widest = head_cells.iter().map(Vec::len).max().unwrap_or(0);
            let n = n_vals.max(widest.min(n_vals.max(1)));
            let n = if n_vals == 0 { widest } else { n };
            cols = (0..n).map(|i| (i, 1)).collect();
            for cells in &head_cells {
                let m = cells.len();
                let spans: Vec<(usize, usize)> = if m == 0 {
                    Vec::new()
                } else if m == n {
                    (0..n).map(|i| (i, 1)).collect()
                } else if m == n + 1 {
                    std::iter::once((0, 0)).chain((0..n).map(|i| (i, 1))).collect()
                } else if n % m == 0 {
                    (0..m).map(|i| (i * (n / m), n / m)).collect()
                } else if m < n {
                    // Left to right; a column left without a period may take its neighbour's
                    // (a convenience translation, below).
                    (0..m).map(|i| (i, 1)).collect()
                } else {
                    (0..m)
                        .map(|i| (i.min(n.saturating_sub(1)), if i < n { 1 } else { 0 }))
                        .collect()
                };
                virtual_head.push(spans);
            }
        }
        let n = cols.len();

        // Each column's header phrase, top to bottom.
        let mut phrases: Vec<(String, Option<Location>)> = vec![(String::new(), None); n];
        for (hi, cells) in head_cells.iter().enumerate() {
            for (ci, (text, loc, range)) in cells.iter().enumerate() {
                let r = if ranged {
                    match range {
                        Some(r) => *r,
                        None => continue,
                    }
                } else {
                    virtual_head[hi][ci]
                };
                let hits: Vec<usize> = if ranged {
                    overlapping(&cols, r).collect()
                } else {
                    (0..n).filter(|&k| overlap(cols[k], r) > 0).collect()
                };
                for k in hits {
                    {
                        let p = &mut phrases[k];
                        if !p.0.is_empty() {
                            p.0.push(' ');
                        }
                        p.0.push_str(text);
                        p.1 = Some(*loc);
                    }
                }
            }
        }

        // Cells per column: for ranged tables each figure's column; for text, certain when a
        // row has as many figures as there are columns.
        let mut raw_rows: Vec<RawRow> = Vec::with_capacity(body.len());
        let mut col_currency: Vec<Option<&'static str>> = vec![None; n];
        let table_units = units.as_ref().map(|u| u.1);
        let mut section_kind: Option<RowKind> = None;
        let mut first_line = u32::MAX;
        let mut last_line = 0;
        for &i in body {
            let p = &rows[i];
            first_line = first_line.min(p.location.line);
            last_line = last_line.max(p.location.line);
            let ri = raw_rows.len();
            let mut toks = Vec::with_capacity(p.vals.len());
            let mut positions: Vec<usize> = Vec::with_capacity(p.vals.len());
            for (k, v) in p.vals.iter().enumerate() {
                let number = v.number();
                if let Err(why) = number {
                    self.damage.push(Damage {
                        kind: DamageKind::NotANumber { text: v.text.clone() },
                        location: v.location,
                        table: Some(ti),
                        row: Some(ri),
                        message: format!("`{}` is not a number: {why}", shorten(&v.text)),
                    });
                } else if !v.notes.is_empty() {
                    self.damage.push(Damage {
                        kind: DamageKind::FootnoteMarker {
                            text: v.notes.clone(),
                        },
                        location: v.location,
                        table: Some(ti),
                        row: Some(ri),
                        message: format!(
                            "the figure `{}` carries the footnote marker `{}`, read apart from it",
                            shorten(&v.text),
                            shorten(&v.notes)
                        ),
                    });
                }
                let col = if ranged {
                    v.range
                        .and_then(|r| overlapping(&cols, r).max_by_key(|&k| overlap(cols[k], r)))
                } else if p.vals.len() == n {
                    Some(k)
                } else {
                    None
                };
                if let (Some(c), Some(cur)) = (col, v.currency) {
                    col_currency[c].get_or_insert(cur);
                }
                positions.extend(col);
                toks.push(RawTok {
                    text: v.text.as_str().into(),
                    number: number.ok(),
                    location: v.location,
                    column: None,
                });
            }
            let certain = (positions.len() == toks.len() && positions.windows(2).all(|w| w[0] < w[1]))
                .then_some(positions);
            let own = row_kind(&p.label);
            if toks.is_empty() {
                section_kind = own;
            }
            let short = p.label.split_whitespace().nth(3).is_none();
            let kind = own.or(if short { section_kind } else { None });
            let scale = row_scale_of_label(&p.label).or(match (kind, table_units) {
                (Some(RowKind::PerShare), _) => Some(Scale::Units),
                (Some(RowKind::Shares), Some(u)) => Some(u.shares),
                (Some(RowKind::Shares), None) => Some(Scale::Units),
                _ => None,
            });
            raw_rows.push(RawRow {
                label: p.label.clone(),
                location: p
                    .label_location
                    .or(p.vals.first().map(|v| v.location))
                    .unwrap_or(p.location),
                note: None,
                toks,
                printed: None,
                shifted: false,
                irregular: false,
                joined: false,
                certain,
                scale,
            });
        }

        // Columns: period, currency.
        let unit_currency = units.as_ref().and_then(|u| currency_in(&u.0));
        let mut garbled = Vec::new();
        let mut hcols = Vec::with_capacity(n);
        for (k, (phrase, loc)) in phrases.iter().enumerate() {
            let period = period_of(phrase);
            if period.is_none() {
                let location = loc.unwrap_or(at);
                garbled.push(Garbled {
                    location,
                    text: phrase.clone(),
                    message: if phrase.is_empty() {
                        format!("column {} has no header: its period cannot be read", k + 1)
                    } else {
                        format!(
                            "the period of column {} (`{}`) cannot be read",
                            k + 1,
                            shorten(phrase)
                        )
                    },
                });
            }
            if period.is_none() {
                let words: Vec<String> = header_words(phrase)
                    .into_iter()
                    .filter(|w| !strip_currency(&w.to_ascii_uppercase()).1.is_empty())
                    .collect();
                if let [w] = &words[..] {
                    if let Ok(year) = w.parse::<i32>() {
                        if (1900..=2100).contains(&year) {
                            self.years.push(YearColumn {
                                table: ti,
                                column: k,
                                year,
                                caption: self.caption.clone(),
                            });
                        }
                    }
                }
            }
            let currency = currency_in(phrase).or(unit_currency).or(col_currency[k]);
            hcols.push(HeaderColumn {
                period: period.map_or(Pending::Unknown, Pending::Known),
                currency: currency.map(str::to_string),
                location: *loc,
            });
        }
        // A column printing only a currency, other than the column before it, beside a column
        // with a period: the same period translated (a convenience translation column).
        for k in 1..hcols.len() {
            let (before, after) = hcols.split_at_mut(k);
            let (prev, c) = (&before[k - 1], &mut after[0]);
            if c.period == Pending::Unknown
                && !header_words(&phrases[k].0)
                    .iter()
                    .any(|w| w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)))
                && c.currency.is_some()
                && prev.currency.is_some()
                && c.currency != prev.currency
            {
                if let Pending::Known(p) = prev.period {
                    c.period = Pending::Known(p);
                    garbled.retain(|g| !g.message.starts_with(&format!("the period of column {} ", k + 1)));
                }
            }
        }
        // Two columns reading one period and currency.
        for j in 0..hcols.len() {
            for i in 0..j.min(64) {
                if let (Pending::Known(a), Pending::Known(b)) = (&hcols[i].period, &hcols[j].period) {
                    if a == b && hcols[i].currency == hcols[j].currency {
                        garbled.push(Garbled {
                            location: hcols[j].location.unwrap_or(at),
                            text: header::describe(a),
                            message: format!(
                                "columns {} and {} both read {}",
                                i + 1,
                                j + 1,
                                header::describe(a)
                            ),
                        });
                        break;
                    }
                }
            }
        }
        let head_lines = (
            head.first().map_or(first_line, |&i| rows[i].location.line),
            head.last().map_or(first_line, |&i| rows[i].location.line),
        );
        let (title, title_location) = title.unwrap_or((String::new(), at));
        let (unit_line, scale) = match &units {
            Some((u, s)) => (Some(u.clone()), s.money),
            None => (None, Scale::Units),
        };
        self.opens.push(Open {
            title,
            title_location,
            unit_line,
            scale,
            header: Some(Header {
                cols: hcols,
                notes_tab: None,
                first_tab: 1,
                location: head.first().map_or(at, |&i| rows[i].location),
                lines: head_lines,
                thousands: false,
                garbled,
            }),
            rows: raw_rows,
            groups: Vec::new(),
            lines: (head_lines.0.min(first_line), last_line.max(head_lines.1)),
        });
    }
}

/// The columns (sorted, disjoint ranges) that `r` overlaps, found by binary search.
fn overlapping(cols: &[(usize, usize)], r: (usize, usize)) -> impl Iterator<Item = usize> + '_ {
    let first = cols.partition_point(|c| c.0 + c.1 <= r.0);
    (first..cols.len())
        .take_while(move |&k| cols[k].0 < r.0 + r.1)
        .filter(move |&k| overlap(cols[k], r) > 0)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    let s = a.0.max(b.0);
    let e = (a.0 + a.1).min(b.0 + b.1);
    e.saturating_sub(s)
}

/// Reads blocks into a filing.
pub(super) fn read_blocks(source: &str, blocks: Vec<Block>, budget: usize) -> Filing {
    let mut reader = Reader {
        opens: Vec::new(),
        damage: Vec::new(),
        caption: String::new(),
        years: Vec::new(),
    };
    let mut paragraphs = Vec::new();
    let mut recent: Vec<(String, Location)> = Vec::new();
    for b in blocks {
        match b {
            Block::Text(text, location) => {
                paragraphs.push(Paragraph {
                    location,
                    text: text.clone(),
                    lines: vec![(0, location)],
                });
                recent.push((text, location));
                if recent.len() > 16 {
                    recent.drain(..8);
                }
            }
            Block::Aside(text, location) => paragraphs.push(Paragraph {
                location,
                text,
                lines: vec![(0, location)],
            }),
            Block::Table(t) => {
                reader.table(&t, &recent);
                recent.clear();
            }
        }
    }
    reader.read_years();
    super::align::align(source, reader.opens, paragraphs, reader.damage, budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn periods() {
        assert_eq!(
            period_of("Quarter Ended June 30, 2026"),
            Some(Period::Duration {
                months: 3,
                end: date(2026, 6, 30)
            })
        );
        assert_eq!(
            period_of("Six Months Ended June 30, 2026"),
            Some(Period::Duration {
                months: 6,
                end: date(2026, 6, 30)
            })
        );
        assert_eq!(
            period_of("Three Months EndedSeptember 30, 2024"),
            Some(Period::Duration {
                months: 3,
                end: date(2024, 9, 30)
            })
        );
        assert_eq!(
            period_of("39 Weeks Ended November 2, 2024"),
            Some(Period::Duration {
                months: 9,
                end: date(2024, 11, 2)
            })
        );
        assert_eq!(
            period_of("Years ended September 28, 2024"),
            Some(Period::Duration {
                months: 12,
                end: date(2024, 9, 28)
            })
        );
        assert_eq!(
            period_of("Fiscal Year Ended 30 June 2025"),
            Some(Period::Duration {
                months: 12,
                end: date(2025, 6, 30)
            })
        );
        assert_eq!(
            period_of("As of 30 June 2025"),
            Some(Period::Instant {
                date: date(2025, 6, 30)
            })
        );
        assert_eq!(
            period_of("As of December 31, 2025 RMB"),
            Some(Period::Instant {
                date: date(2025, 12, 31)
            })
        );
        assert_eq!(period_of("% Change"), None);
        assert_eq!(period_of("2024"), None);
    }

    #[test]
    fn units() {
        let u = |t| units_of(t).map(|u| (u.money, u.shares));
        assert_eq!(
            u(
                "(In millions, except number of shares, which are reflected in thousands, and per-share amounts)"
            ),
            Some((Scale::Millions, Scale::Thousands))
        );
        assert_eq!(
            u("(dollars and shares in millions)"),
            Some((Scale::Millions, Scale::Millions))
        );
        assert_eq!(
            u("(Amounts in Thousands Except Share and Per Share Amounts)"),
            Some((Scale::Thousands, Scale::Units))
        );
        assert_eq!(u("RMB'000"), Some((Scale::Thousands, Scale::Thousands)));
        assert_eq!(
            u("(in thousands of U.S. dollars)"),
            Some((Scale::Thousands, Scale::Thousands))
        );
        assert_eq!(u("Net income was up."), None);
        assert_eq!(currency_in("(in thousands of U.S. dollars)"), Some("US$"));
        assert_eq!(currency_in("RMB'000"), Some("RMB"));
    }

    #[test]
    fn figure_pieces() {
        assert_eq!(piece("$"), Piece::Prefix(Some("$"), false));
        assert_eq!(piece("$499.3"), Piece::Value(Some("$"), "499.3".into()));
        assert_eq!(piece("US$ 1.2"), Piece::Value(Some("US$"), "1.2".into()));
        assert_eq!(piece("\u{20ac}5"), Piece::Value(Some("EUR"), "5".into()));
        assert_eq!(piece("(4.2"), Piece::Value(None, "(4.2".into()));
        assert_eq!(piece("$(1,449"), Piece::Value(Some("$"), "(1,449".into()));
        assert_eq!(piece("%)"), Piece::Suffix("%)"));
        assert_eq!(piece("\u{2014}"), Piece::Value(None, "\u{2014}".into()));
        assert_eq!(piece("25,565(a)"), Piece::Value(None, "25,565(a)".into()));
        assert_eq!(piece("Net sales"), Piece::Text);
        assert_eq!(piece("RMB'000"), Piece::Text);
        assert_eq!(
            normalize("\u{ff11}\u{ff12}\u{ff0c}\u{ff13}\u{ff14}\u{ff15}"),
            "12,345"
        );
        assert_eq!(normalize("1\u{a0}234\u{2009}x"), "1 234 x");
    }
}
