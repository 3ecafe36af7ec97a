//! Column headers over one or several lines: period ends ("Jun 30, 2025"), durations ("Three
//! Months Ended", "For the six months ended June 30"), year rows, currency rows ("RMB", "US$",
//! "RMB'000") and the "Notes" column.

use std::collections::HashMap;

use super::text::{Line, cell_iter, cells, split_words, word_iter};
use super::{Date, Location, Period};

/// What a header word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum W {
    Year(i32),
    Currency(&'static str, bool),
    Thousands,
    Month(u8),
    Day(u8),
    Fragment,
    Notes,
    Count(u8),
    Months,
    Ended,
    Quarter,
    YearWord,
    Filler,
    Bullet,
    Text,
}

impl W {
    /// Words that make a line a header on their own.
    fn strong(self) -> bool {
        matches!(
            self,
            W::Year(_)
                | W::Currency(..)
                | W::Thousands
                | W::Month(_)
                | W::Notes
                | W::Count(_)
                | W::Months
                | W::Ended
                | W::Quarter
        )
    }

    /// Words that say a duration.
    fn duration(self) -> bool {
        matches!(self, W::Count(_) | W::Months | W::Ended | W::Quarter)
    }
}

const MONTHS: [&str; 12] = super::Date::MONTH_NAMES;

/// The English name of a month (1-12).
pub(super) fn month_name(m: u8) -> &'static str {
    MONTHS.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?")
}

fn month(w: &str) -> Option<u8> {
    let w = trim_end_bytes(w, [b'.', b',']).as_bytes();
    // No month name is longer than "september"; the first three letters tell the only month
    // the word can be.
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    let i = match [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20] {
        [b'j', b'a', b'n'] => 0,
        [b'f', b'e', b'b'] => 1,
        [b'm', b'a', b'r'] => 2,
        [b'a', b'p', b'r'] => 3,
        [b'm', b'a', b'y'] => 4,
        [b'j', b'u', b'n'] => 5,
        [b'j', b'u', b'l'] => 6,
        [b'a', b'u', b'g'] => 7,
        [b's', b'e', b'p'] => 8,
        [b'o', b'c', b't'] => 9,
        [b'n', b'o', b'v'] => 10,
        [b'd', b'e', b'c'] => 11,
        _ => return None,
    };
    let m = MONTHS[i].as_bytes();
    (w.len() == 3 || m.eq_ignore_ascii_case(w) || (i == 8 && w.eq_ignore_ascii_case(b"sept")))
        .then_some(i as u8 + 1)
}

/// `s` (at most 20 bytes: longer is cut to nothing) in ASCII upper or lower case, written into
/// `buf`: a word re-cased without allocating.
#[cfg(test)]
fn recased<'b>(s: &str, buf: &'b mut [u8; 20], upper: bool) -> &'b [u8] {
    let Some(out) = buf.get_mut(..s.len()) else {
        return b"";
    };
    out.copy_from_slice(s.as_bytes());
    if upper {
        out.make_ascii_uppercase();
    } else {
        out.make_ascii_lowercase();
    }
    out
}

/// Longest word normalised without allocating.
const NORMAL_BUF: usize = 64;

/// Removes HTML italics/bold left by the extraction and the `\$` escape.
fn normalize<'b>(word: &'b str, buf: &'b mut [u8; NORMAL_BUF]) -> std::borrow::Cow<'b, str> {
    // Most words hold none of it: no copy then. (0xE2 starts U+2019 in UTF-8.)
    // Each byte's bit: 1 `<`, 2 `*`, 4 `\\`, 8 the first byte of U+2019.
    const MARKS: [u8; 256] = {
        let mut t = [0u8; 256];
        t[b'<' as usize] = 1;
        t[b'*' as usize] = 2;
        t[b'\\' as usize] = 4;
        t[0xE2] = 8;
        t
    };
    let marks = word.bytes().fold(0u8, |m, b| m | MARKS[usize::from(b)]);
    let (tag, star, escape, quote) = (marks & 1 != 0, marks & 2 != 0, marks & 4 != 0, marks & 8 != 0);
    if !(tag || star || escape || quote) {
        return std::borrow::Cow::Borrowed(word);
    }
    const PASSES: [(&str, &str); 11] = [
        ("<i>", ""),
        ("</i>", ""),
        ("<I>", ""),
        ("</I>", ""),
        ("<b>", ""),
        ("</b>", ""),
        ("<B>", ""),
        ("</B>", ""),
        ("**", ""),
        ("\\$", "$"),
        ("\u{2019}", "'"),
    ];
    if word.len() <= NORMAL_BUF {
        // The same passes as `str::replace` in turn, in place: each replacement is shorter than
        // what it replaces, and removing ASCII or replacing a whole character keeps UTF-8 valid.
        let mut len = word.len();
        buf[..len].copy_from_slice(word.as_bytes());
        for (from, to) in PASSES {
            let (from, to) = (from.as_bytes(), to.as_bytes());
            // A pass whose text starts with a byte the word does not hold changes nothing (and
            // no pass adds such a byte).
            let present = match from[0] {
                b'<' => tag,
                b'*' => star,
                b'\\' => escape,
                _ => quote,
            };
            if !present {
                continue;
            }
            let (mut r, mut w) = (0, 0);
            while r < len {
                if buf[r..len].starts_with(from) {
                    buf[w..w + to.len()].copy_from_slice(to);
                    w += to.len();
                    r += from.len();
                } else {
                    buf[w] = buf[r];
                    w += 1;
                    r += 1;
                }
            }
            len = w;
        }
        if let Ok(s) = std::str::from_utf8(&buf[..len]) {
            return std::borrow::Cow::Borrowed(s);
        }
    }
    let mut s = word.to_string();
    for (from, to) in PASSES {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    std::borrow::Cow::Owned(s)
}

/// Up to 15 bytes and their count as one integer (the bytes in order from the lowest, the count
/// in the highest byte), ASCII letters lower-cased: words compared as integers.
const fn word_key(w: &[u8]) -> u128 {
    let mut k = [0u8; 16];
    let mut i = 0;
    while i < w.len() && i < 15 {
        k[i] = w[i].to_ascii_lowercase();
        i += 1;
    }
    k[15] = w.len() as u8;
    u128::from_le_bytes(k)
}

/// `w` without the bytes of `cut` at its end (as `str::trim_end_matches` with those ASCII
/// characters).
fn trim_end_bytes(w: &str, cut: [u8; 2]) -> &str {
    let b = w.as_bytes();
    let mut n = b.len();
    while n > 0 && (b[n - 1] == cut[0] || b[n - 1] == cut[1]) {
        n -= 1;
    }
    &w[..n]
}

fn classify(word: &str) -> Option<W> {
    let mut buf = [0u8; NORMAL_BUF];
    let n = normalize(word, &mut buf);
    let core = trim_end_bytes(&n, [b',', b';']);
    let bytes = core.as_bytes();
    let Some(&first) = bytes.first() else {
        return Some(W::Filler);
    };
    if first.is_ascii_digit() && bytes.iter().all(u8::is_ascii_digit) {
        // Only a year (four digits) or a day (one or two) is a header word.
        if !matches!(core.len(), 1 | 2 | 4) {
            return None;
        }
        let v = bytes.iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
        return match core.len() {
            4 if (1900..=2100).contains(&v) => Some(W::Year(v as i32)),
            1 | 2 if (1..=31).contains(&v) => Some(W::Day(v as u8)),
            _ => None,
        };
    }
    // No header word (a month, a currency code, "year-on-year") is longer.
    if core.len() > 20 {
        return None;
    }
    let (base, thousands) = match core.len().checked_sub(4) {
        Some(cut) if bytes[cut..].eq_ignore_ascii_case(b"'000") => (&bytes[..cut], true),
        _ => (bytes, false),
    };
    if base.is_empty() && thousands {
        return Some(W::Thousands);
    }
    // Any currency symbol or code (`RMB`, `US$`, `HK$`, `EUR`, `\u{20ac}`, ...), matched in upper
    // case; only a word starting with a symbol's first byte is tried.
    // No symbol or code is longer than five bytes (`U.S.$`).
    if base.len() <= 5 && super::number::starts_like_currency(base[0].to_ascii_uppercase()) {
        if let Some(c) = super::number::currency_upper(base) {
            return Some(W::Currency(c, thousands));
        }
    }
    if let Some(m) = month(core) {
        return Some(W::Month(m));
    }
    // The words below start with one of these bytes; a longer word starting otherwise is none
    // of them (and no fragment).
    if core.len() > 2
        && !matches!(
            first | 0x20,
            b'n' | b't' | b's' | b'm' | b'e' | b'q' | b'y' | b'f' | b'c' | b'%' | b'u' | b'(' | 0xE2
        )
    {
        return None;
    }
    // No word below is longer than twelve bytes.
    if core.len() > 12 {
        return None;
    }
    const NOTES: u128 = word_key(b"notes");
    const NOTE: u128 = word_key(b"note");
    const THREE: u128 = word_key(b"three");
    const SIX: u128 = word_key(b"six");
    const NINE: u128 = word_key(b"nine");
    const TWELVE: u128 = word_key(b"twelve");
    const MONTH: u128 = word_key(b"month");
    const MONTHS: u128 = word_key(b"months");
    const ENDED: u128 = word_key(b"ended");
    const END: u128 = word_key(b"end");
    const QUARTER: u128 = word_key(b"quarter");
    const YEAR: u128 = word_key(b"year");
    const YEARS: u128 = word_key(b"years");
    const FOR: u128 = word_key(b"for");
    const THE: u128 = word_key(b"the");
    const CHANGE: u128 = word_key(b"change");
    const YOY_CUT: u128 = word_key(b"year-on-");
    const YOY_FULL: u128 = word_key(b"year-on-year");
    const YOY: u128 = word_key(b"yoy");
    const PERCENT: u128 = word_key(b"%");
    const UNAUDITED: u128 = word_key(b"unaudited");
    const UNAUDITED_PAREN: u128 = word_key(b"(unaudited)");
    const BULLET: u128 = word_key(b"\xe2\x80\xa2");
    const MIDDLE_DOT: u128 = word_key(b"\xc2\xb7");
    let kind = match word_key(bytes) {
        NOTES | NOTE => W::Notes,
        THREE => W::Count(3),
        SIX => W::Count(6),
        NINE => W::Count(9),
        TWELVE => W::Count(12),
        MONTH | MONTHS => W::Months,
        ENDED | END => W::Ended,
        QUARTER => W::Quarter,
        YEAR | YEARS => W::YearWord,
        FOR | THE => W::Filler,
        CHANGE | YOY_CUT | YOY_FULL | YOY | PERCENT | UNAUDITED | UNAUDITED_PAREN => W::Text,
        BULLET | MIDDLE_DOT => W::Bullet,
        _ if (1..=2).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_alphabetic) => W::Fragment,
        _ => return None,
    };
    Some(kind)
}

/// [`classify`] as it was first written (recasing into buffers, matching byte strings): the
/// reference the fast one is tested against.
#[cfg(test)]
fn classify_reference(word: &str) -> Option<W> {
    let mut buf = [0u8; NORMAL_BUF];
    let n = normalize(word, &mut buf);
    let core = n.trim_end_matches([',', ';']);
    if core.is_empty() {
        return Some(W::Filler);
    }
    if core.bytes().all(|b| b.is_ascii_digit()) {
        // Only a year (four digits) or a day (one or two) is a header word.
        if !matches!(core.len(), 1 | 2 | 4) {
            return None;
        }
        let v = core.bytes().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
        return match core.len() {
            4 if (1900..=2100).contains(&v) => Some(W::Year(v as i32)),
            1 | 2 if (1..=31).contains(&v) => Some(W::Day(v as u8)),
            _ => None,
        };
    }
    // No header word (a month, a currency code, "year-on-year") is longer.
    if core.len() > 20 {
        return None;
    }
    let (base, thousands) = match core.len().checked_sub(4) {
        Some(cut) if core.as_bytes()[cut..].eq_ignore_ascii_case(b"'000") => (&core[..cut], true),
        _ => (core, false),
    };
    if base.is_empty() && thousands {
        return Some(W::Thousands);
    }
    // Any currency symbol or code (`RMB`, `US$`, `HK$`, `EUR`, `\u{20ac}`, ...), matched in upper
    // case; only a word starting with a symbol's first byte is re-cased.
    // No symbol or code is longer than five bytes (`U.S.$`).
    if base.len() <= 5 && super::number::starts_like_currency(base.as_bytes()[0].to_ascii_uppercase()) {
        let mut upper_buf = [0u8; 20];
        let upper = std::str::from_utf8(recased(base, &mut upper_buf, true)).unwrap_or_default();
        if let (Some(c), "") = super::number::strip_currency(upper) {
            return Some(W::Currency(c, thousands));
        }
    }
    if let Some(m) = month(core) {
        return Some(W::Month(m));
    }
    // The words below start with one of these bytes; a longer word starting otherwise is none
    // of them (and no fragment).
    if core.len() > 2
        && !matches!(
            core.as_bytes()[0] | 0x20,
            b'n' | b't' | b's' | b'm' | b'e' | b'q' | b'y' | b'f' | b'c' | b'%' | b'u' | b'(' | 0xE2
        )
    {
        return None;
    }
    let mut lower_buf = [0u8; 20];
    let lower = recased(core, &mut lower_buf, false);
    let kind = match lower {
        b"notes" | b"note" => W::Notes,
        b"three" => W::Count(3),
        b"six" => W::Count(6),
        b"nine" => W::Count(9),
        b"twelve" => W::Count(12),
        b"month" | b"months" => W::Months,
        b"ended" | b"end" => W::Ended,
        b"quarter" => W::Quarter,
        b"year" | b"years" => W::YearWord,
        b"for" | b"the" => W::Filler,
        b"change" | b"year-on-" | b"year-on-year" | b"yoy" | b"%" | b"unaudited" | b"(unaudited)" => W::Text,
        b"\xe2\x80\xa2" | b"\xc2\xb7" => W::Bullet,
        _ if (1..=2).contains(&lower.len()) && lower.iter().all(u8::is_ascii_alphabetic) => W::Fragment,
        _ => return None,
    };
    Some(kind)
}

/// Whether every word of the line is header vocabulary and one of them is a date, year,
/// currency, duration or "Notes".
#[cfg(test)]
pub(super) fn is_header(text: &str) -> bool {
    let mut kinds = Vec::new();
    is_header_into(text, &mut kinds)
}

/// [`is_header`], the header line's word kinds appended to `kinds` (in the order of the words,
/// for [`parse_classified`]); nothing is appended to it for another line.
pub(super) fn is_header_into(text: &str, kinds: &mut Vec<W>) -> bool {
    let mut strong = false;
    let before = kinds.len();
    // A tab is white space: the line's words are its cells' words.
    for w in split_words(text) {
        match classify(w) {
            Some(k) => {
                strong |= k.strong();
                kinds.push(k);
            }
            None => {
                kinds.truncate(before);
                return false;
            }
        }
    }
    if !strong {
        kinds.truncate(before);
    }
    strong
}

/// A column's period as far as its header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Pending {
    /// Fully stated.
    Known(Period),
    /// A duration whose length or end the garbled header does not fully state; completed from
    /// the filing's other headers.
    Infer(Infer),
    /// The header does not say.
    Unknown,
}

/// What a garbled duration header does say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Infer {
    pub months: Option<u8>,
    /// A month name or the first letters of one ("Ju").
    pub fragment: Option<String>,
    pub day: Option<u8>,
    pub year: i32,
    /// Where the duration phrase is, and its text.
    pub location: Location,
    pub text: String,
}

/// One column as its header names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HeaderColumn {
    pub period: Pending,
    pub currency: Option<String>,
    pub location: Option<Location>,
}

/// A problem with a header, reported as `GarbledHeader`.
#[derive(Clone, Debug)]
pub(super) struct Garbled {
    pub location: Location,
    pub text: String,
    pub message: String,
}

/// A parsed header block.
#[derive(Clone, Debug)]
pub(super) struct Header {
    pub cols: Vec<HeaderColumn>,
    /// The tab cell of the "Notes" column, if any.
    pub notes_tab: Option<usize>,
    /// The tab cell of the first value column.
    pub first_tab: usize,
    pub location: Location,
    pub lines: (u32, u32),
    /// Whether the header says amounts are in thousands (`RMB'000`).
    pub thousands: bool,
    pub garbled: Vec<Garbled>,
}

impl Header {
    /// Whether a column is money (has a currency).
    pub fn has_money(&self) -> bool {
        self.cols.iter().any(|c| c.currency.is_some())
    }

    /// Whether two columns read the same period and currency.
    pub fn has_duplicates(&self) -> bool {
        self.garbled.iter().any(|g| g.message.contains("both read"))
    }
}

#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    kind: W,
    text: &'a str,
    loc: Location,
    tab: usize,
}

#[derive(Clone, Debug)]
struct Span<'a> {
    tab: usize,
    location: Location,
    text: String,
    months: Option<u8>,
    md: Option<(u8, u8)>,
    /// A month's name or the first letters of one, as printed or named.
    fragment: Option<&'a str>,
    day: Option<u8>,
}

fn span<'a>(ws: &[Word<'a>]) -> Option<Span<'a>> {
    let first = ws.first()?;
    let kinds = || ws.iter().map(|w| w.kind);
    let months = kinds()
        .find_map(|k| if let W::Count(n) = k { Some(n) } else { None })
        .or_else(|| kinds().any(|k| k == W::Quarter).then_some(3))
        .or_else(|| (kinds().any(|k| k == W::YearWord) && kinds().any(|k| k == W::Ended)).then_some(12));
    let md = ws.windows(2).find_map(|p| match (p[0].kind, p[1].kind) {
        (W::Month(m), W::Day(d)) => Some((m, d)),
        _ => None,
    });
    let (fragment, day) = if md.is_some() {
        (None, None)
    } else {
        let fragment = ws.iter().find_map(|w| match w.kind {
            W::Month(m) => Some(month_name(m)),
            W::Fragment => Some(w.text),
            _ => None,
        });
        let day = kinds().find_map(|k| if let W::Day(d) = k { Some(d) } else { None });
        (fragment, day)
    };
    // The words joined by single spaces, in one allocation.
    let mut text = String::with_capacity(ws.iter().map(|w| w.text.len() + 1).sum());
    for w in ws {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(w.text);
    }
    Some(Span {
        tab: first.tab,
        location: first.loc,
        text,
        months,
        md,
        fragment,
        day,
    })
}

#[derive(Clone, Debug, Default)]
struct Item {
    tab: usize,
    year: Option<(i32, Location)>,
    md: Option<(u8, u8, Location)>,
    currency: Option<(&'static str, Location)>,
    thousands: bool,
    text: Option<Location>,
}

/// The words of a header line, classified (`kinds`: the words' kinds in order, when known),
/// cell after cell (a cell's words are the run of words of its tab: see [`slice::chunk_by`]),
/// written into `out` (emptied first).
fn line_words<'a>(line: &Line<'a>, kinds: Option<&[W]>, out: &mut Vec<Word<'a>>) {
    out.clear();
    for c in cell_iter(line.text) {
        for (start, w) in word_iter(c.text, c.start) {
            let kind = kinds
                .and_then(|ks| ks.get(out.len()).copied())
                .unwrap_or_else(|| classify(w).unwrap_or(W::Text));
            out.push(Word {
                kind,
                text: w,
                loc: line.loc(start),
                tab: c.tab,
            });
        }
    }
}

/// Parses a block of header lines (all of which passed [`is_header`]).
#[cfg(test)]
pub(super) fn parse(lines: &[Line<'_>]) -> Header {
    parse_classified(lines, &[])
}

/// Whether `b` starts with `a`, ASCII letters compared in either case (as the two strings
/// lower-cased would tell it).
fn starts_with_ignore_case(b: &str, a: &str) -> bool {
    b.len() >= a.len() && b.as_bytes()[..a.len()].eq_ignore_ascii_case(a.as_bytes())
}

/// Parses a block of header lines (all of which passed [`is_header`]); `kinds`: for each line,
/// its words' kinds as [`is_header_into`] gave them (or empty: the words are classified here).
pub(super) fn parse_classified(lines: &[Line<'_>], kinds: &[&[W]]) -> Header {
    // (Vectors sized for most headers: they are not grown item by item.)
    let mut spans: Vec<Span<'_>> = Vec::with_capacity(4);
    // The items of every line, one line after the other, and for each line holding some, its
    // items' range and its index.
    let mut items: Vec<Item> = Vec::with_capacity(8 * lines.len());
    let mut item_lines: Vec<(usize, usize, usize)> = Vec::with_capacity(lines.len());
    let mut notes_tab = None;
    let mut thousands = false;
    let mut garbled = Vec::new();
    let location = lines
        .first()
        .map(|l| l.loc(cell_iter(l.text).next().map_or(0, |c| c.start)))
        .unwrap_or(Location { line: 1, column: 1 });

    // Buffers used line after line.
    let mut words: Vec<Word<'_>> = Vec::with_capacity(kinds.iter().map(|k| k.len()).max().unwrap_or(16));
    let mut phrase: Vec<Word<'_>> = Vec::with_capacity(8);
    for (line_index, line) in lines.iter().enumerate() {
        line_words(line, kinds.get(line_index).copied(), &mut words);
        // Each non-empty cell has at least one word: the runs of one tab are the cells.
        let cws = || words.chunk_by(|a, b| a.tab == b.tab);
        let all = || words.iter();
        let span_line = !all()
            .any(|w| matches!(w.kind, W::Year(_) | W::Currency(..) | W::Thousands | W::Notes))
            && all().any(|w| w.kind.duration());
        if span_line {
            let first_span = spans.len();
            for cell in cws() {
                if cell.iter().any(|w| w.kind.duration()) {
                    spans.extend(span(cell));
                } else if spans.len() > first_span
                    && cell
                        .iter()
                        .all(|w| matches!(w.kind, W::Month(_) | W::Day(_) | W::Fragment))
                {
                    // "For the six ended Ju" + "ne 30,": a phrase broken across cells.
                    if let Some(last) = spans.pop() {
                        let joined: Vec<Word<'_>> = all()
                            .filter(|w| w.tab >= last.tab && w.tab <= cell[0].tab)
                            .copied()
                            .collect();
                        spans.extend(span(&joined));
                    }
                }
            }
            continue;
        }
        let line_start = items.len();
        phrase.clear();
        for cell in cws() {
            let Some(tab) = cell.first().map(|w| w.tab) else {
                continue;
            };
            // This cell's items are `items[cell_start..]`.
            let cell_start = items.len();
            let mut pending_month: Option<Word<'_>> = None;
            let mut md: Option<(u8, u8, Location)> = None;
            let mut text = None;
            for w in cell {
                match w.kind {
                    W::Month(_) => {
                        if let Some(p) = pending_month.replace(*w) {
                            phrase.push(p);
                        }
                    }
                    W::Day(d) => match pending_month.take() {
                        Some(Word {
                            kind: W::Month(m),
                            loc,
                            ..
                        }) => md = Some((m, d, loc)),
                        _ => phrase.push(*w),
                    },
                    W::Year(y) => {
                        phrase.extend(pending_month.take());
                        items.push(Item {
                            tab,
                            year: Some((y, w.loc)),
                            md: md.take(),
                            ..Item::default()
                        });
                    }
                    W::Currency(c, k) => match items[cell_start..].last_mut() {
                        Some(it) if it.currency.is_none() => {
                            it.currency = Some((c, w.loc));
                            it.thousands |= k;
                        }
                        _ => items.push(Item {
                            tab,
                            currency: Some((c, w.loc)),
                            thousands: k,
                            ..Item::default()
                        }),
                    },
                    W::Thousands => match items[cell_start..].last_mut() {
                        Some(it) => it.thousands = true,
                        None => thousands = true,
                    },
                    W::Notes => notes_tab = Some(tab),
                    W::Bullet | W::Text => {
                        text.get_or_insert(w.loc);
                    }
                    _ => phrase.push(*w),
                }
            }
            phrase.extend(pending_month.take());
            if let Some(md) = md {
                match items[cell_start..].iter_mut().rev().find(|it| it.md.is_none()) {
                    Some(it) if it.year.is_some() => it.md = Some(md),
                    _ => items.push(Item {
                        tab,
                        md: Some(md),
                        ..Item::default()
                    }),
                }
            }
            if items.len() == cell_start && notes_tab != Some(tab) {
                if let Some(loc) = text {
                    items.push(Item {
                        tab,
                        text: Some(loc),
                        ..Item::default()
                    });
                }
            }
        }
        if phrase.iter().any(|w| w.kind.duration()) {
            spans.extend(span(&phrase));
        }
        if items.len() > line_start {
            item_lines.push((line_start, items.len(), line_index));
        }
    }

    // "For the six" then "For the six months ended June 30,": keep the fuller phrase (in place:
    // `spans[..kept]` are the phrases kept so far).
    let mut kept = 0;
    for r in 0..spans.len() {
        if kept > 0 {
            let (a, b) = (&spans[kept - 1].text, &spans[r].text);
            if starts_with_ignore_case(b, a) {
                kept -= 1;
            } else if starts_with_ignore_case(a, b) {
                continue;
            }
        }
        spans.swap(kept, r);
        kept += 1;
    }
    spans.truncate(kept);

    let line_items = |l: &(usize, usize, usize)| &items[l.0..l.1];
    let n = item_lines.iter().map(|l| l.1 - l.0).max().unwrap_or(0);
    let main = item_lines.iter().rposition(|l| l.1 - l.0 == n);
    let first_tab = main
        .and_then(|m| line_items(&item_lines[m]).first())
        .map_or(1, |it| it.tab);
    let mut cols: Vec<Item> = vec![Item::default(); n];
    if let Some(main) = main {
        let main_items = line_items(&item_lines[main]);
        for (col, it) in cols.iter_mut().zip(main_items) {
            col.tab = it.tab;
        }
        let distinct = |its: &[Item]| its.windows(2).all(|p| p[0].tab < p[1].tab);
        let main_distinct = distinct(main_items);
        let target = |it: &Item| main_items.binary_search_by_key(&it.tab, |m| m.tab).ok();
        for l in &item_lines {
            let its = line_items(l);
            // Each item's column: by position in a full line, by tab where the tabs tell it,
            // else from the left (reported).
            let by_tab =
                its.len() != n && main_distinct && distinct(its) && its.iter().all(|it| target(it).is_some());
            if its.len() != n && !by_tab {
                let line = &lines[l.2];
                garbled.push(Garbled {
                    location: its[0].year.map_or(location, |y| y.1),
                    text: line.text.trim().to_string(),
                    message: format!(
                        "a header line names {} columns where another names {n}; read from the left",
                        its.len()
                    ),
                });
            }
            for (k, it) in its.iter().enumerate() {
                let c = if by_tab { target(it).unwrap_or(k) } else { k };
                let col = &mut cols[c];
                if let (Some(a), Some(b)) = (col.year, it.year) {
                    if a.0 != b.0 {
                        garbled.push(Garbled {
                            location: b.1,
                            text: b.0.to_string(),
                            message: format!(
                                "column {} reads both {} and {}; {} is kept",
                                c + 1,
                                a.0,
                                b.0,
                                a.0
                            ),
                        });
                    }
                }
                col.year = col.year.or(it.year);
                col.md = col.md.or(it.md);
                col.currency = col.currency.or(it.currency);
                col.thousands |= it.thousands;
                col.text = col.text.or(it.text);
            }
        }
    }
    thousands |= cols.iter().any(|c| c.thousands);

    // Which duration phrase each column falls under.
    let dated: Vec<usize> = (0..n)
        .filter(|&c| cols[c].year.is_some() || cols[c].md.is_some())
        .collect();
    let mut under: Vec<Option<usize>> = vec![None; n];
    if spans.len() == 1 {
        for &c in &dated {
            under[c] = Some(0);
        }
    } else if spans.len() > 1 {
        let key = |c: usize| {
            let it = &cols[c];
            (it.year.map_or(0, |y| y.0), it.md.map_or((0, 0), |m| (m.0, m.1)))
        };
        let mut runs = Vec::with_capacity(dated.len());
        let mut run = 0;
        for (i, &c) in dated.iter().enumerate() {
            if i > 0 && key(c) < key(dated[i - 1]) {
                run += 1;
            }
            runs.push(run);
        }
        if run + 1 == spans.len() {
            for (&c, &r) in dated.iter().zip(&runs) {
                under[c] = Some(r);
            }
        } else {
            // The last phrase printed at or before the column's cell.
            let mut by_tab: Vec<(usize, usize)> = spans.iter().enumerate().map(|(i, s)| (s.tab, i)).collect();
            by_tab.sort_unstable();
            for &c in &dated {
                let p = by_tab.partition_point(|&(tab, _)| tab <= cols[c].tab);
                under[c] = Some(p.checked_sub(1).map_or(by_tab[0].1, |p| by_tab[p].1));
            }
        }
    }

    // A month and day printed once in the header ("For the six | months ended | June 30, 2023")
    // holds for every column.
    let mut mds: Vec<(u8, u8)> = cols.iter().filter_map(|c| c.md.map(|m| (m.0, m.1))).collect();
    mds.extend(spans.iter().filter_map(|s| s.md));
    mds.sort_unstable();
    mds.dedup();
    let single_md = if mds.len() == 1 { Some(mds[0]) } else { None };

    let mut out = Vec::with_capacity(n);
    for (c, it) in cols.iter().enumerate() {
        let currency = it.currency.map(|c| c.0.to_string());
        let location = it
            .md
            .map(|m| m.2)
            .or(it.year.map(|y| y.1))
            .or(it.currency.map(|c| c.1))
            .or(it.text);
        let period = match (under[c].map(|s| &spans[s]), it.year) {
            (Some(s), Some((year, _))) => {
                let md = it.md.map(|m| (m.0, m.1)).or(s.md).or(single_md);
                match (s.months, md) {
                    (Some(months), Some((m, d))) => match date(year, m, d) {
                        Some(end) => Pending::Known(Period::Duration { months, end }),
                        None => {
                            garbled.push(Garbled {
                                location: location.unwrap_or(s.location),
                                text: s.text.clone(),
                                message: format!("{} {d}, {year} is not a date", month_name(m)),
                            });
                            Pending::Unknown
                        }
                    },
                    _ => Pending::Infer(Infer {
                        months: s.months,
                        fragment: s.fragment.map(str::to_string),
                        day: s.day,
                        year,
                        location: s.location,
                        text: s.text.clone(),
                    }),
                }
            }
            (None, Some((year, loc))) => match it.md {
                Some((m, d, _)) => match date(year, m, d) {
                    Some(date) => Pending::Known(Period::Instant { date }),
                    None => {
                        garbled.push(Garbled {
                            location: loc,
                            text: year.to_string(),
                            message: format!("{} {d}, {year} is not a date", month_name(m)),
                        });
                        Pending::Unknown
                    }
                },
                None => Pending::Unknown,
            },
            _ => Pending::Unknown,
        };
        out.push(HeaderColumn {
            period,
            currency,
            location,
        });
    }
    // The first column reading each period and currency: found by looking back over a few
    // columns, through a map over many.
    let mut first_of: HashMap<(Period, Option<&str>), usize> = HashMap::new();
    let few = out.len() <= 32;
    for (j, c) in out.iter().enumerate() {
        if let Pending::Known(p) = &c.period {
            let earlier = if few {
                out[..j]
                    .iter()
                    .position(|e| e.period == c.period && e.currency == c.currency)
            } else {
                first_of.get(&(*p, c.currency.as_deref())).copied()
            };
            if let Some(i) = earlier {
                garbled.push(Garbled {
                    location: c.location.unwrap_or(location),
                    text: describe(p),
                    message: format!(
                        "columns {} and {} both read {}{}",
                        i + 1,
                        j + 1,
                        describe(p),
                        c.currency
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default()
                    ),
                });
            } else if !few {
                first_of.insert((*p, c.currency.as_deref()), j);
            }
        }
    }
    Header {
        cols: out,
        notes_tab,
        first_tab,
        location,
        lines: (
            lines.first().map_or(0, |l| l.no),
            lines.last().map_or(0, |l| l.no),
        ),
        thousands,
        garbled,
    }
}

/// A header of plain words ("Function | Number of Employees | Percentage"): one column per
/// cell after the label cell, periods unknown.
pub(super) fn text_header(line: &Line<'_>) -> Header {
    let cs = cells(line.text);
    let cols: Vec<HeaderColumn> = cs
        .iter()
        .filter(|c| c.tab >= 1)
        .map(|c| HeaderColumn {
            period: Pending::Unknown,
            currency: None,
            location: Some(line.loc(c.start)),
        })
        .collect();
    Header {
        first_tab: cs.iter().find(|c| c.tab >= 1).map_or(1, |c| c.tab),
        cols,
        notes_tab: None,
        location: line.loc(cs.first().map_or(0, |c| c.start)),
        lines: (line.no, line.no),
        thousands: false,
        garbled: Vec::new(),
    }
}

/// "Jun" for 6.
pub(super) fn short_month(m: u8) -> String {
    let mut s: String = month_name(m).chars().take(3).collect();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// "June" for 6.
pub(super) fn long_month(m: u8) -> String {
    let mut s = month_name(m).to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A valid calendar date.
pub(super) fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(Date { year, month, day })
}

/// A period for people: "three months ended Jun 30, 2025", "Dec 31, 2024".
pub(super) fn describe(p: &Period) -> String {
    let date = |d: &Date| format!("{} {}, {}", short_month(d.month), d.day, d.year);
    match p {
        Period::Instant { date: d } => date(d),
        Period::Duration { months, end } => {
            let n = match months {
                3 => "three".to_string(),
                6 => "six".to_string(),
                9 => "nine".to_string(),
                12 => "twelve".to_string(),
                m => m.to_string(),
            };
            format!("{n} months ended {}", date(end))
        }
        Period::Unknown => "an unknown period".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Header {
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line::new(i as u32 + 1, l))
            .collect();
        assert!(lines.iter().all(|l| is_header(l.text)), "{text}");
        parse(&lines)
    }

    #[test]
    fn interleaved_phrase() {
        let h =
            header("\tFor the six 2022 <i>RMB</i> '000\tmonths ended 2023 RMB'000\tJune 30, 2023 US\\$'000");
        let end = |year| Date {
            year,
            month: 6,
            day: 30,
        };
        assert_eq!(
            h.cols
                .iter()
                .map(|c| (c.period.clone(), c.currency.clone()))
                .collect::<Vec<_>>(),
            [
                (
                    Pending::Known(Period::Duration {
                        months: 6,
                        end: end(2022)
                    }),
                    Some("RMB".into())
                ),
                (
                    Pending::Known(Period::Duration {
                        months: 6,
                        end: end(2023)
                    }),
                    Some("RMB".into())
                ),
                (
                    Pending::Known(Period::Duration {
                        months: 6,
                        end: end(2023)
                    }),
                    Some("US$".into())
                ),
            ]
        );
        assert!(h.thousands);
    }

    #[test]
    fn any_currency() {
        let h = header("\tDec 31, 2024\tDec 31, 2024\tDec 31, 2024\n\t\u{20ac}'000\tHK$\tSGD");
        let cur: Vec<Option<&str>> = h.cols.iter().map(|c| c.currency.as_deref()).collect();
        assert_eq!(cur, [Some("EUR"), Some("HK$"), Some("SGD")]);
    }

    #[test]
    fn words_classified_as_by_the_reference() {
        let mut texts: Vec<String> = [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025]
            .iter()
            .map(|f| f.text.to_string())
            .collect();
        let others = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/others");
        for e in std::fs::read_dir(others).unwrap() {
            if let Ok(t) = std::fs::read_to_string(e.unwrap().path()) {
                texts.push(t);
            }
        }
        let mut words: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split_whitespace().chain(t.split('\t')))
            .map(str::to_string)
            .collect();
        for w in [
            "",
            ",",
            ";;",
            "2023,",
            "31",
            "32",
            "0",
            "1899",
            "2100",
            "20233",
            "RMB'000",
            "'000",
            "'000,",
            "US$'000",
            "us$",
            "U.S.$",
            "u.s.$",
            "HK$",
            "hkd",
            "S$",
            "s$",
            "R$",
            "\u{20ac}",
            "\u{20ac}'000",
            "\u{a3}",
            "\u{a5}",
            "\u{20a9}",
            "\u{20b9}",
            "USDX",
            "RMBs",
            "Notes",
            "NOTE",
            "note,",
            "Three",
            "SIX",
            "nine",
            "Twelve",
            "Month",
            "months",
            "ENDED",
            "end",
            "Quarter",
            "year",
            "Years",
            "For",
            "THE",
            "Change",
            "Year-on-",
            "year-on-year",
            "YoY",
            "%",
            "Unaudited",
            "(Unaudited)",
            "(unaudited),",
            "\u{2022}",
            "\u{b7}",
            "Ju",
            "ju",
            "J",
            "x1",
            "Sept",
            "sept.",
            "September",
            "septembe",
            "Jun.",
            "June,",
            "mayo",
            "<i>RMB</i>",
            "**2023**",
            "US\\$",
            "RMB\u{2019}000",
            "abcdefghijklmnopqrstu",
            "year-on-year-",
            "(unaudited)x",
            "notes\u{0}",
            "\u{2003}",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(classify(w), classify_reference(w), "{w:?}");
        }
        assert!(words.len() > 10_000, "{}", words.len());
    }

    #[test]
    fn not_headers() {
        for t in [
            "Revenues:\t\t\t",
            "4.",
            "Total\t1,234",
            "As of June 30, 2023, cash was high",
            "(Stock Code: 3896)",
        ] {
            assert!(!is_header(t), "{t}");
        }
    }
}
