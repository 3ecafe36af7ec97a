//! Lines, tab cells, words and value tokens, with their positions in the line.

use super::Location;
use super::Number;
use super::number::{self, bare_digits, is_figure};

/// One line of the filing, with what it takes to turn a byte offset into a character column
/// in O(log n).
pub(super) struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// The text, without the line break.
    pub text: &'a str,
    /// For non-ASCII lines: `(byte offset of a multi-byte char, extra bytes up to and including it)`.
    marks: Vec<(usize, usize)>,
}

impl<'a> Line<'a> {
    pub fn new(no: u32, text: &'a str) -> Self {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (b, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    extra += l - 1;
                    marks.push((b, extra));
                }
            }
        }
        Line { no, text, marks }
    }

    /// The location of the character starting at `byte`.
    pub fn loc(&self, byte: usize) -> Location {
        let i = self.marks.partition_point(|&(b, _)| b < byte);
        let extra = if i == 0 { 0 } else { self.marks[i - 1].1 };
        Location {
            line: self.no,
            column: u32::try_from(byte - extra + 1).unwrap_or(u32::MAX),
        }
    }
}

/// A non-empty tab cell, trimmed.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cell<'a> {
    /// Its index among the line's tab-separated cells (0 is the label cell).
    pub tab: usize,
    /// The trimmed text.
    pub text: &'a str,
    /// Byte offset of the trimmed text in the line.
    pub start: usize,
}

/// The non-empty tab cells of a line.
pub(super) fn cells(text: &str) -> Vec<Cell<'_>> {
    cell_iter(text).collect()
}

/// The offset of the first tab at or after `from`: eight bytes are looked at together (a zero
/// byte of the word xor-ed with tabs is found by the borrow it leaves; the lowest one found is
/// exact).
#[inline]
pub(super) fn next_tab(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const TABS: u64 = u64::from_le_bytes([b'\t'; 8]);
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w) ^ TABS;
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(i + (zero.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b == b'\t').map(|p| i + p)
}

/// The non-empty tab cells of a line, one after the other (no vector).
pub(super) fn cell_iter(text: &str) -> impl Iterator<Item = Cell<'_>> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut tab = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            // A tab byte is never inside a multi-byte character: the pieces are `str` slices.
            // Long pieces (paragraphs) are searched word by word, short ones byte by byte.
            let end = next_tab(bytes, start).unwrap_or(bytes.len());
            done = end == bytes.len();
            let piece = &text[start..end];
            let (at, index) = (start, tab);
            start = end + 1;
            tab += 1;
            let (trimmed, lead) = trim_lead(piece);
            if !trimmed.is_empty() {
                return Some(Cell {
                    tab: index,
                    text: trimmed,
                    start: at + lead,
                });
            }
        }
        None
    })
}

/// Whitespace-separated words with their byte offsets (`base` is the offset of `text`).
pub(super) fn words(text: &str, base: usize) -> Vec<(usize, &str)> {
    word_iter(text, base).collect()
}

/// Whitespace-separated words with their byte offsets, one after the other (no vector).
pub(super) fn word_iter(text: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_word(text, at)?;
        at = end;
        Some((base + start, &text[start..end]))
    })
}

/// Whitespace-separated words, as [`str::split_whitespace`] gives them.
pub(super) fn split_words(text: &str) -> impl Iterator<Item = &str> {
    word_iter(text, 0).map(|(_, w)| w)
}

/// The character beyond ASCII starting at byte `i` of `text`: its length in bytes, and whether
/// it is white space (as [`char::is_whitespace`] tells it).
#[inline(never)]
fn wide_char(text: &str, i: usize) -> (usize, bool) {
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (c.len_utf8(), c.is_whitespace()),
        None => (1, false),
    }
}

/// An ASCII white space byte (as [`char::is_whitespace`] tells it).
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The byte range of the first word of `text` at or after byte `from` (a character boundary),
/// words separated by white space as [`str::split_whitespace`] separates them: ASCII bytes are
/// told at once, a character beyond ASCII is decoded.
#[inline]
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = from;
    loop {
        let &b = bytes.get(i)?;
        if b < 0x80 {
            if !ascii_space(b) {
                break;
            }
            i += 1;
        } else {
            let (len, space) = wide_char(text, i);
            if !space {
                break;
            }
            i += len;
        }
    }
    let start = i;
    while i < n {
        if let Some(chunk) = bytes.get(i..i + 8) {
            // Eight bytes at a time while none is below `!` or beyond ASCII (none is white
            // space): the lowest byte flagged is the first such byte (a borrow only comes from
            // a byte flagged itself).
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            let stop = ((x.wrapping_sub(0x2121_2121_2121_2121) & !x) | x) & 0x8080_8080_8080_8080;
            if stop == 0 {
                i += 8;
                continue;
            }
            i += (stop.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        if b < 0x80 {
            if ascii_space(b) {
                break;
            }
            i += 1;
        } else {
            let (len, space) = wide_char(text, i);
            if space {
                break;
            }
            i += len;
        }
    }
    Some((start, i))
}

/// Whether the character ending at byte `end` of `text` (exclusive, `end > 0`) is white space,
/// and where it starts.
#[inline(always)]
fn space_before(text: &str, end: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[end - 1];
    if b < 0x80 {
        return (ascii_space(b), end - 1);
    }
    let mut j = end - 1;
    while j > 0 && (bytes[j] & 0xC0) == 0x80 {
        j -= 1;
    }
    (wide_char(text, j).1, j)
}

/// The byte range of the last word of `text[..to]` (`to` a character boundary), words
/// separated by white space as [`str::split_whitespace`] separates them.
#[inline]
fn prev_word(text: &str, to: usize) -> Option<(usize, usize)> {
    let mut i = to;
    while i > 0 {
        let (space, j) = space_before(text, i);
        if !space {
            break;
        }
        i = j;
    }
    if i == 0 {
        return None;
    }
    let end = i;
    while i > 0 {
        let (space, j) = space_before(text, i);
        if space {
            break;
        }
        i = j;
    }
    Some((i, end))
}

/// Whitespace-separated words from the last, with their byte offsets (`base` is the offset of
/// `text`).
fn rev_words(text: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut to = text.len();
    std::iter::from_fn(move || {
        let (start, end) = prev_word(text, to)?;
        to = start;
        Some((base + start, &text[start..end]))
    })
}

/// `text` without leading and trailing white space, as [`str::trim`] gives it, and the number
/// of bytes trimmed from its start.
#[inline]
pub(super) fn trim_lead(text: &str) -> (&str, usize) {
    let bytes = text.as_bytes();
    let (mut a, mut b) = (0, bytes.len());
    while a < b && matches!(bytes[a], b'\t'..=b'\r' | b' ') {
        a += 1;
    }
    while b > a && matches!(bytes[b - 1], b'\t'..=b'\r' | b' ') {
        b -= 1;
    }
    // A character beyond ASCII at either end may be white space: the general trim then.
    if bytes.get(a).is_some_and(|&x| x >= 0x80) || (b > a && bytes[b - 1] >= 0x80) {
        let t = text[a..b].trim_start();
        let lead = b - a - t.len();
        return (t.trim_end(), a + lead);
    }
    (&text[a..b], a)
}

/// Words of a value cell, a lone `%` joined to the figure before it (`16.8 %`).
fn value_words<'a>(line: &'a str, text: &'a str, base: usize) -> Vec<(usize, &'a str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for (start, w) in words(text, base) {
        match out.last_mut() {
            Some((s, prev)) if w == "%" => *prev = &line[*s..start + 1],
            _ => out.push((start, w)),
        }
    }
    out
}

/// A value token as printed.
#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub number: Result<Number, &'static str>,
}

/// Digits grouped by spaces (`2 545 111 170`): damage, not several figures.
fn space_grouped(ws: &[(usize, &str)]) -> bool {
    ws.windows(2)
        .any(|p| bare_digits(p[0].1) && bare_digits(p[1].1) && p[1].1.len() == 3)
}

/// The tokens of one value cell: most cells print one, kept without a vector.
#[derive(Clone, Debug)]
pub(super) enum Toks<'a> {
    /// One token (the common case).
    One(Tok<'a>),
    /// Several tokens (merged rows).
    Many(Vec<Tok<'a>>),
}

impl<'a> std::ops::Deref for Toks<'a> {
    type Target = [Tok<'a>];
    fn deref(&self) -> &[Tok<'a>] {
        match self {
            Toks::One(t) => std::slice::from_ref(t),
            Toks::Many(v) => v,
        }
    }
}

impl<'x, 'a> IntoIterator for &'x Toks<'a> {
    type Item = &'x Tok<'a>;
    type IntoIter = std::slice::Iter<'x, Tok<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The tokens of a value cell: one per word when every word is a figure (several figures in one
/// cell are merged rows), else the whole cell as one token that is not a number.
fn cell_tokens<'a>(line: &'a str, cell: Cell<'a>) -> Toks<'a> {
    let whole = |number| {
        Toks::One(Tok {
            text: cell.text,
            start: cell.start,
            number,
        })
    };
    // One word (no white space, and no byte that may start a Unicode space): one token.
    if cell.text.bytes().all(|b| b > b' ' && b < 0x80) {
        return whole(number::parse(cell.text));
    }
    let ws = value_words(line, cell.text, cell.start);
    if ws.len() <= 1 {
        return whole(number::parse(cell.text));
    }
    let mut toks = Vec::with_capacity(ws.len());
    for &(start, w) in &ws {
        match number::parse(w) {
            Ok(n) => toks.push(Tok {
                text: w,
                start,
                number: Ok(n),
            }),
            Err(e) => return whole(Err(e)),
        }
    }
    if space_grouped(&ws) {
        return whole(Err("digits grouped by spaces"));
    }
    Toks::Many(toks)
}

/// A value cell of a row line.
#[derive(Clone, Debug)]
pub(super) struct ValueCell<'a> {
    pub tab: usize,
    pub text: &'a str,

    pub toks: Toks<'a>,
}

/// A line read as a table row: a label, figures peeled off the end of the label cell (rows
/// printed without tabs, `Total equity **5,505,320** ...`), and value cells.
#[derive(Clone, Debug, Default)]
pub(super) struct RowLine<'a> {
    /// The label as printed (may hold bold markers), empty when none.
    pub label: &'a str,
    /// Byte offset of the label.
    pub label_start: usize,
    /// Figures printed in the label cell after the label.
    pub peeled: Vec<Tok<'a>>,
    /// Non-empty cells after the label cell.
    pub cells: Vec<ValueCell<'a>>,
}

impl RowLine<'_> {
    /// Whether the line has any value token.
    pub fn has_values(&self) -> bool {
        !self.peeled.is_empty() || !self.cells.is_empty()
    }

    /// Whether some token is a number.
    pub fn has_numbers(&self) -> bool {
        self.peeled
            .iter()
            .chain(self.cells.iter().flat_map(|c| &c.toks))
            .any(|t| t.number.is_ok())
    }
}

/// Reads a line as a row.
pub(super) fn row_line(text: &str) -> RowLine<'_> {
    let mut row = RowLine::default();
    // The line's cells as [`cell_iter`] gives them, in a loop of its own.
    let bytes = text.as_bytes();
    let (mut start, mut tab) = (0, 0);
    loop {
        let end = next_tab(bytes, start).unwrap_or(bytes.len());
        let (trimmed, lead) = trim_lead(&text[start..end]);
        if !trimmed.is_empty() {
            let c = Cell {
                tab,
                text: trimmed,
                start: start + lead,
            };
            if tab == 0 {
                label_cell(text, c, &mut row);
            } else {
                if row.cells.capacity() == 0 {
                    // One vector for the line: this cell and one for each tab after it, at most.
                    let tabs = bytes[c.start..].iter().filter(|&&b| b == b'\t').count();
                    row.cells.reserve_exact(tabs + 1);
                }
                row.cells.push(ValueCell {
                    tab: c.tab,
                    text: c.text,
                    toks: cell_tokens(text, c),
                });
            }
        }
        if end == bytes.len() {
            return row;
        }
        start = end + 1;
        tab += 1;
    }
}

/// Reads the label cell of a row line: the label, and figures at its end.
fn label_cell<'a>(text: &'a str, first: Cell<'a>, row: &mut RowLine<'a>) {
    // Figures at the end of the label cell, read from the end so that a paragraph costs only
    // its last words.
    // Each word read as a number once: the tokens kept are those read.
    let mut tail: Vec<Tok<'_>> = Vec::new();
    let mut label_end = 0;
    let mut rev = rev_words(first.text, first.start);
    while let Some((mut s, mut w)) = rev.next() {
        if w == "%" {
            if let Some((ps, _)) = rev.next() {
                w = &text[ps..s + 1];
                s = ps;
            }
        }
        // A word starting with an ASCII letter is a number only if it is `nil`: most label
        // words are told without reading them.
        let first = w.as_bytes()[0];
        if first.is_ascii_alphabetic() && !matches!(first, b'n' | b'N') {
            label_end = s + w.len();
            break;
        }
        match number::parse(w) {
            Ok(n) => tail.push(Tok {
                text: w,
                start: s,
                number: Ok(n),
            }),
            Err(_) => {
                label_end = s + w.len();
                break;
            }
        }
    }
    tail.reverse();
    // (Digits grouped by spaces, as [`space_grouped`] tells them, are not peeled.)
    let peel = !tail.is_empty()
        && tail.iter().any(|t| is_figure(t.text))
        && !tail
            .windows(2)
            .any(|p| bare_digits(p[0].text) && bare_digits(p[1].text) && p[1].text.len() == 3);
    if peel {
        row.peeled = tail;
        if label_end > 0 {
            row.label = &text[first.start..label_end];
            row.label_start = first.start;
        }
    } else {
        row.label = first.text;
        row.label_start = first.start;
    }
}

/// Words that join a label to what follows; a label ending in one continues on the next line.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the", "to", "with",
];

/// Capitalised words that begin line items; one of them after a lower-case word starts a new
/// label on a merged line ("... equity method investment Net realized loss ...").
const ROW_STARTS: &[&str] = &[
    "Add",
    "Adjustments",
    "Amounts",
    "Basic",
    "Diluted",
    "Goodwill",
    "Less",
    "Net",
    "Other",
    "Total",
];

fn strip_bold(w: &str) -> &str {
    // (`*` is one byte, never part of another character: the bytes are trimmed.)
    let b = w.as_bytes();
    let (mut i, mut j) = (0, b.len());
    while i < j && b[i] == b'*' {
        i += 1;
    }
    while j > i && b[j - 1] == b'*' {
        j -= 1;
    }
    &w[i..j]
}

pub(super) fn is_bullet(w: &str) -> bool {
    matches!(w, "-" | "\u{2013}" | "\u{2014}" | "\u{2022}" | "\u{2212}")
}

fn is_function_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';', ')']);
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w))
}

/// A word starting with a lower-case letter.
fn is_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// A capitalised word that is not all capitals (`Goodwill`, not `ADS` or `EQUITY`).
pub(super) fn is_capitalised(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let Some(first) = w.chars().next() else {
        return false;
    };
    first.is_uppercase() && letters.by_ref().skip(1).any(char::is_lowercase)
}

/// Whether `w` is a row-starting word (see [`ROW_STARTS`]).
pub(super) fn is_row_start(w: &str) -> bool {
    let w = strip_bold(w);
    // Every row-starting word starts with one of these capitals.
    if !matches!(
        w.as_bytes().first(),
        Some(b'A' | b'B' | b'D' | b'G' | b'L' | b'N' | b'O' | b'T')
    ) {
        return false;
    }
    ROW_STARTS.contains(&w.trim_end_matches(':'))
}

/// Splits a label printed over several rows' labels. `strong`: the line shows several figures
/// per cell, so every capitalised word after a lower-case word starts a label, and so does a
/// bullet; otherwise only a capitalised word ending in `:` ("Adjustments:", "Less:") or a
/// row-starting word ([`ROW_STARTS`]) after a lower-case word does.
/// Returns byte ranges into the line.
pub(super) fn split_label(label: &str, base: usize, strong: bool) -> Parts {
    let mut ws = word_iter(label, base);
    let mut parts = Vec::new();
    let Some((first, first_word)) = ws.next() else {
        return Parts::Many(parts);
    };
    // Only a capitalised word or a bullet starts a label: a label with neither after its first
    // word (no upper-case ASCII letter, no `-`, no byte beyond ASCII) is one part.
    let tail = &label.as_bytes()[first - base + first_word.len()..];
    // Without several figures per cell, a label starts only at a word ending with `:` or a
    // row-starting word (see below): a label holding no `:` and none of their capitals after its
    // first word is one part.
    let one = if strong {
        !tail
            .iter()
            .any(|&b| b.is_ascii_uppercase() || !b.is_ascii() || b == b'-')
    } else {
        !tail
            .iter()
            .any(|&b| matches!(b, b':' | b'A' | b'B' | b'D' | b'G' | b'L' | b'N' | b'O' | b'T'))
    };
    if one {
        let end = label.trim_end().len() + base;
        return Parts::One((first, end));
    }
    let mut begin = first;
    let mut last = (first, first_word);
    for (start, word) in ws {
        // A word starting with a lower-case ASCII letter, a digit or a mark other than `*` and
        // `-` is neither capitalised nor a bullet: no label starts at it.
        let b = word.as_bytes()[0];
        if b.is_ascii() && !b.is_ascii_uppercase() && b != b'*' && b != b'-' {
            last = (start, word);
            continue;
        }
        let w = strip_bold(word);
        // Without several figures per cell, a label starts only at a word ending with `:` or a
        // row-starting word (both tests below ask for one of them).
        if !strong && !w.ends_with(':') && !is_row_start(w) {
            last = (start, word);
            continue;
        }
        let prev = strip_bold(last.1);
        let lower_prev = || {
            is_lower(prev)
                && !is_function_word(prev)
                && prev
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_lowercase() || (strong && matches!(c, ',' | ')')))
        };
        // Only a capitalised word or a bullet starts a label: the other tests are made for them.
        let split = (strong && is_bullet(w) && !is_bullet(prev))
            || (is_capitalised(w)
                && ((w.ends_with(':') && (is_row_start(w) || is_lower(prev)))
                    || (lower_prev() && (strong || is_row_start(w)))));
        if split {
            let (s, p) = last;
            parts.push((begin, s + p.len()));
            begin = start;
        }
        last = (start, word);
    }
    let (s, p) = last;
    if parts.is_empty() {
        // One label: no vector.
        return Parts::One((begin, s + p.len()));
    }
    parts.push((begin, s + p.len()));
    if parts.len() > MAX_LABELS {
        // Not a merged line but a run of capitalised words: one label.
        parts = vec![(first, s + p.len())];
    }
    Parts::Many(parts)
}

/// The byte ranges of the labels of a line: most lines print one, kept without a vector.
pub(super) enum Parts {
    /// One label.
    One((usize, usize)),
    /// Any number of labels.
    Many(Vec<(usize, usize)>),
}

impl std::ops::Deref for Parts {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        match self {
            Parts::One(p) => std::slice::from_ref(p),
            Parts::Many(v) => v,
        }
    }
}

/// Most labels read from one merged line.
const MAX_LABELS: usize = 16;

/// The label as kept: bold markers removed, trimmed.
pub(super) fn clean_label(label: &str) -> String {
    if !label.as_bytes().contains(&b'*') {
        return label.trim().to_string();
    }
    label.replace("**", "").trim().to_string()
}

/// Whether a label ends with a word or mark that needs a continuation ("... in a", "... and",
/// "SHAREHOLDERS'").
pub(super) fn ends_with_connector(label: &str) -> bool {
    let t = label.trim_end();
    if t.ends_with([',', '\'', '\u{2019}', '-', '\u{2013}']) {
        return true;
    }
    t.rsplit(char::is_whitespace).next().is_some_and(is_function_word)
}

/// A note reference printed in a "Notes" column ("3", "4(a)").
pub(super) fn is_note_ref(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && s.chars().count() <= 6
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(label: &str, strong: bool) -> Vec<&str> {
        split_label(label, 0, strong)
            .iter()
            .map(|&(a, b)| &label[a..b])
            .collect()
    }

    fn ref_strip_bold(w: &str) -> &str {
        w.trim_matches('*')
    }

    fn ref_is_row_start(w: &str) -> bool {
        let w = ref_strip_bold(w).trim_end_matches(':');
        ROW_STARTS.contains(&w)
    }

    /// [`split_label`] as first written: the reference the fast paths are tested against.
    fn split_label_reference(label: &str, base: usize, strong: bool) -> Vec<(usize, usize)> {
        let mut ws = label
            .split_whitespace()
            .map(|w| (base + (w.as_ptr() as usize - label.as_ptr() as usize), w));
        let mut parts = Vec::new();
        let Some((first, first_word)) = ws.next() else {
            return parts;
        };
        // Only a capitalised word or a bullet starts a label: a label with neither after its first
        // word (no upper-case ASCII letter, no `-`, no byte beyond ASCII) is one part.
        let tail = &label.as_bytes()[first - base + first_word.len()..];
        if !tail
            .iter()
            .any(|&b| b.is_ascii_uppercase() || !b.is_ascii() || b == b'-')
        {
            let end = label.trim_end().len() + base;
            return vec![(first, end)];
        }
        let mut begin = first;
        let mut last = (first, first_word);
        for (start, word) in ws {
            // A word starting with a lower-case ASCII letter, a digit or a mark other than `*` and
            // `-` is neither capitalised nor a bullet: no label starts at it.
            let b = word.as_bytes()[0];
            if b.is_ascii() && !b.is_ascii_uppercase() && b != b'*' && b != b'-' {
                last = (start, word);
                continue;
            }
            let prev = ref_strip_bold(last.1);
            let w = ref_strip_bold(word);
            let lower_prev = || {
                is_lower(prev)
                    && !is_function_word(prev)
                    && prev
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_lowercase() || (strong && matches!(c, ',' | ')')))
            };
            // Only a capitalised word or a bullet starts a label: the other tests are made for them.
            let split = (strong && is_bullet(w) && !is_bullet(prev))
                || (is_capitalised(w)
                    && ((w.ends_with(':') && (ref_is_row_start(w) || is_lower(prev)))
                        || (lower_prev() && (strong || ref_is_row_start(w)))));
            if split {
                let (s, p) = last;
                parts.push((begin, s + p.len()));
                begin = start;
            }
            last = (start, word);
        }
        let (s, p) = last;
        parts.push((begin, s + p.len()));
        if parts.len() > MAX_LABELS {
            // Not a merged line but a run of capitalised words: one label.
            parts = vec![(first, s + p.len())];
        }
        parts
    }

    #[test]
    fn labels_split_as_by_the_reference() {
        let mut labels: Vec<String> = Vec::new();
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            for l in f.text.lines() {
                labels.extend(l.split('\t').map(|c| c.trim().to_string()));
            }
        }
        labels.extend(
            [
                "Net loss Less: net loss attributable to non-controlling",
                "Gross profit Adjustments:",
                "Ärger: Über Total",
                "**Total** **Net** loss",
                "a b c d e f g h i j k l m n o p q r s t u v w x y z",
                "x Total: y Other: z",
            ]
            .map(str::to_string),
        );
        for l in &labels {
            for strong in [false, true] {
                let got: Vec<(usize, usize)> = split_label(l, 3, strong).to_vec();
                assert_eq!(got, split_label_reference(l, 3, strong), "{l:?} {strong}");
            }
        }
    }

    #[test]
    fn splits_merged_labels() {
        assert_eq!(
            parts("Intangible assets, net Goodwill", true),
            ["Intangible assets, net", "Goodwill"]
        );
        assert_eq!(
            parts("Income tax payable Amounts due to related parties", true),
            ["Income tax payable", "Amounts due to related parties"]
        );
        assert_eq!(
            parts("Gross profit Adjustments:", false),
            ["Gross profit", "Adjustments:"]
        );
        assert_eq!(
            parts("Net Loss Adjustments:", false),
            ["Net Loss", "Adjustments:"]
        );
        assert_eq!(
            parts("Net loss Less: net loss attributable to non-controlling", false),
            ["Net loss", "Less: net loss attributable to non-controlling"]
        );
        assert_eq!(
            parts("Adjustments: - Interest income - Interest expense", true),
            ["Adjustments:", "- Interest income", "- Interest expense"]
        );
    }

    #[test]
    fn keeps_whole_labels() {
        for l in [
            "Net loss attributable to Kingsoft Cloud Holdings Limited",
            "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
            "Less: Comprehensive (loss) income attributable to non-controlling interests",
            "Income from ADS Reimbursement",
            "LIABILITIES, NON-CONTROLLING INTERESTS AND SHAREHOLDERS' EQUITY",
            "Adjusted gross profit (Non-GAAP Financial Measure)",
        ] {
            assert_eq!(parts(l, false), [l]);
        }
    }

    #[test]
    fn words_and_trims_as_std() {
        let mut lines: Vec<String> = Vec::new();
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            lines.extend(f.text.lines().map(str::to_string));
            lines.extend(f.text.split('\t').map(str::to_string));
        }
        for l in [
            "",
            " ",
            "\u{a0}x\u{2003}yy\u{3000}",
            "a\u{85}b\u{2028}c",
            "  \t**Total**\u{a0}\u{a0}",
            "\u{2013}\u{2014}x \u{00e9}\u{00e9}\u{00e9}\u{00e9}\u{00e9}\u{00e9}\u{00e9} y",
            "abcdefghijklmnop\u{1}qrstuvwxyz0123 456789abcdefghi\u{7f}jk \u{a0}",
            "\x0b\x0c\r\n word\x0b",
        ] {
            lines.push(l.to_string());
        }
        for l in &lines {
            let want: Vec<(usize, &str)> = l
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - l.as_ptr() as usize + 7, w))
                .collect();
            assert_eq!(word_iter(l, 7).collect::<Vec<_>>(), want, "{l:?}");
            let mut back: Vec<(usize, &str)> = rev_words(l, 7).collect();
            back.reverse();
            assert_eq!(back, want, "{l:?}");
            let (t, lead) = trim_lead(l);
            assert_eq!(t, l.trim(), "{l:?}");
            assert_eq!(lead, l.len() - l.trim_start().len(), "{l:?}");
            assert_eq!(strip_bold(l), l.trim_matches('*'));
        }
    }

    #[test]
    fn cells_as_split_by_tabs() {
        let mut lines: Vec<&str> = Vec::new();
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            lines.extend(f.text.lines());
        }
        lines.extend([
            "",
            "\t",
            "a\t\tb\t",
            "\u{a0}x\u{a0}\t y ",
            "0123456789abcdef\t0123456789abcdefg\th",
        ]);
        for l in lines {
            let want: Vec<(usize, &str, usize)> = l
                .split('\t')
                .enumerate()
                .scan(0, |at, (i, piece)| {
                    let start = *at;
                    *at += piece.len() + 1;
                    Some((i, piece, start))
                })
                .filter(|(_, p, _)| !p.trim().is_empty())
                .map(|(i, p, start)| (i, p.trim(), start + p.len() - p.trim_start().len()))
                .collect();
            let got: Vec<(usize, &str, usize)> = cells(l).iter().map(|c| (c.tab, c.text, c.start)).collect();
            assert_eq!(got, want, "{l:?}");
            let row = row_line(l);
            let tabs: Vec<usize> = row.cells.iter().map(|c| c.tab).collect();
            let want_tabs: Vec<usize> = want.iter().map(|w| w.0).filter(|&t| t > 0).collect();
            assert_eq!(tabs, want_tabs, "{l:?}");
        }
    }

    #[test]
    fn columns_count_characters() {
        let l = Line::new(3, "a\u{2013}b\tc");
        assert_eq!(l.loc(5).column, 4);
        assert_eq!(l.loc(0).column, 1);
    }
}
