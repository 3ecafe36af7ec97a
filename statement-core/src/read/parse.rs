//! The first pass: lines classified, then read into tables (title, unit, header, rows), merged
//! and broken rows sorted out, narrative kept as paragraphs. The second pass is [`super::align`].

use super::align;
use super::header::{self, Header, Pending};
use super::open::{Group, Open, RawRow, RawTok, shorten};
use super::text::{self, Line, Tok};
use super::{Damage, DamageKind, Filing, Location, Paragraph};
use crate::amount::Scale;

/// Lines longer than this are kept as paragraphs and never read as table lines.
pub(super) const MAX_LINE_BYTES: usize = 1 << 16;

/// What a line is, decided before the pass over the lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Column header vocabulary only.
    Header,
    /// "(All amounts in thousands ...)".
    Unit,
    /// A sentence introducing a table ("The following table presents ...:").
    Intro,
    /// Narrative text.
    Prose,
    /// A short line without figures: a heading, a title, a section row.
    Text,
    /// A line with value tokens.
    Value,
}

/// A line's kind, and the line read as a row when that was needed to tell (kept, so that the
/// line is not read again).
/// A header line's word kinds are appended to `words`.
fn kind_and_row<'a>(text: &'a str, words: &mut Vec<header::W>) -> (Kind, Option<text::RowLine<'a>>) {
    if text.len() > MAX_LINE_BYTES {
        return (Kind::Prose, None);
    }
    if header::is_header_into(text, words) {
        return (Kind::Header, None);
    }
    let row = text::row_line(text);
    let kind = if row.has_values() {
        if row.cells.is_empty() && row.label.len() > 200 {
            Kind::Prose
        } else {
            Kind::Value
        }
    } else if is_unit(row.label) {
        Kind::Unit
    } else if is_intro(row.label) {
        Kind::Intro
    } else if is_prose(row.label) {
        Kind::Prose
    } else {
        Kind::Text
    };
    (kind, Some(row))
}

fn is_unit(label: &str) -> bool {
    // Only a label closing a parenthesis can be a unit: others are not lower-cased.
    if !label.ends_with(')') {
        return false;
    }
    let l = label.to_ascii_lowercase();
    let paren = l.starts_with('(') && l.ends_with(')');
    (paren
        && ["amounts in", "in thousands", "in millions", "'000"]
            .iter()
            .any(|p| l.contains(p)))
        || (l.ends_with(')') && (l.contains("(all amounts") || l.contains("(amounts in")))
}

fn is_intro(label: &str) -> bool {
    // Only a label ending with a colon can introduce a table: others are not lower-cased.
    if !label.ends_with(':') {
        return false;
    }
    let l = label.to_ascii_lowercase();
    l.ends_with(':')
        && (label.len() >= 100
            || [
                "the following",
                "as follows",
                "consists of",
                "consist of",
                "sets forth",
                "set forth",
                "table below",
            ]
            .iter()
            .any(|p| l.contains(p)))
}

fn is_prose(label: &str) -> bool {
    label.len() >= 100 || (label.ends_with(['.', '!', '?']) && text::split_words(label).nth(3).is_some())
}

fn scale_of(unit: &str) -> Scale {
    let l = unit.to_ascii_lowercase();
    if l.contains("million") {
        Scale::Millions
    } else if l.contains("thousand") || l.contains("'000") {
        Scale::Thousands
    } else {
        Scale::Units
    }
}

/// "KINGSOFT CLOUD HOLDINGS LIMITED UNAUDITED CONDENSED ..." → "UNAUDITED CONDENSED ...".
fn strip_company(title: String, loc: Location) -> (String, Location) {
    // Every suffix starts with a space and one of these capitals: only those places are tried.
    let bytes = title.as_bytes();
    let mut places = [0usize; 8];
    let mut n = 0;
    let mut many = false;
    for (p, w) in bytes.windows(2).enumerate() {
        if w[0] == b' ' && matches!(w[1], b'L' | b'I' | b'C' | b'P') {
            if n == places.len() {
                many = true;
                break;
            }
            places[n] = p;
            n += 1;
        }
    }
    if n == 0 {
        return (title, loc);
    }
    for suffix in [
        " LIMITED ",
        " LTD. ",
        " LTD ",
        " INC. ",
        " INC ",
        " CORPORATION ",
        " PLC ",
    ] {
        // The first place the suffix is printed, as `str::find` gives it.
        let found = if many {
            title.find(suffix)
        } else {
            places[..n]
                .iter()
                .copied()
                .find(|&p| bytes[p..].starts_with(suffix.as_bytes()))
        };
        if let Some(p) = found {
            let rest = &title[p + suffix.len()..];
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                let shift = title[..p + suffix.len()].chars().count() as u32;
                return (
                    rest.trim().to_string(),
                    Location {
                        line: loc.line,
                        column: loc.column.saturating_add(shift),
                    },
                );
            }
        }
    }
    (title, loc)
}

/// The byte offset of the last sentence of `text` (after ". " and a capital).
fn last_sentence(text: &str) -> usize {
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        if text[i + 2..].chars().next().is_some_and(char::is_uppercase) && i + 2 < bytes.len() {
            start = i + 2;
        }
    }
    start
}

/// A table collapsed onto one line: many figures among few words, few sentences. Returns the
/// number of figures.
fn collapsed(text: &str) -> Option<usize> {
    // (A tab is looked for by the bound below, with the other counts.)
    if text.len() < 300 || text.len() > MAX_LINE_BYTES {
        return None;
    }
    // Twelve figures need twelve digits: a line with fewer is not read word by word.
    if !twelve_digits(text.as_bytes()) {
        return None;
    }
    // White space beyond ASCII is told only by the exact count (for the bound it would be
    // neither white space nor part of a word).
    let bounded = if text.is_ascii() {
        may_be_collapsed(text.as_bytes())
    } else {
        !text.contains('\t')
    };
    if !bounded {
        return None;
    }
    collapsed_counted(text)
}

/// [`collapsed`], every word counted.
fn collapsed_counted(text: &str) -> Option<usize> {
    // One pass over the characters: words (white-space separated), the figures among them (a
    // digit and a separator, sign or currency, or three digits), and sentence stops (". ").
    let (mut words, mut figures, mut sentences) = (0usize, 0usize, 0usize);
    let (mut in_word, mut digits, mut marked, mut after_dot) = (false, 0usize, false, false);
    let mut end_word = |digits: usize, marked: bool| {
        words += 1;
        if digits >= 1 && (marked || digits >= 3) {
            figures += 1;
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // An ASCII byte is its character; another character is decoded only to tell white space
        // (it is no digit, mark, stop or plain space).
        let (space, len) = if b.is_ascii() {
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        i += len;
        sentences += usize::from(after_dot && b == b' ');
        after_dot = b == b'.';
        if space {
            if in_word {
                end_word(digits, marked);
                (in_word, digits, marked) = (false, 0, false);
            }
        } else {
            in_word = true;
            digits += usize::from(b.is_ascii_digit());
            marked |= matches!(b, b',' | b'(' | b')' | b'$');
        }
    }
    if in_word {
        end_word(digits, marked);
    }
    (figures >= 12 && figures * 5 >= words && sentences * 6 < figures).then_some(figures)
}

/// For an ASCII line, what [`collapsed`] asks of it, bounded from counts the compiler turns
/// into vector instructions, and whether it holds no tab. Each figure is a word holding a digit;
/// its first digit follows no digit, and no `,` or `.` following a digit (that digit would be an
/// earlier one of the same word): there are no more figures than digits so placed. Words start
/// after white space; sentence stops are `". "`. A line failing with those bounds fails with
/// the exact counts.
fn may_be_collapsed(bytes: &[u8]) -> bool {
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    // Whether a digit at `b` after `p1` (after `p0`) may start a figure.
    let starts = |p0: u8, p1: u8, b: u8| {
        b.is_ascii_digit() & !p1.is_ascii_digit() & !(((p1 == b',') | (p1 == b'.')) & p0.is_ascii_digit())
    };
    let [b0, b1, ..] = *bytes else {
        return false;
    };
    let mut runs = usize::from(b0.is_ascii_digit()) + usize::from(starts(b' ', b0, b1));
    let mut words = usize::from(!space(b0)) + usize::from(!space(b1) & space(b0));
    let mut stops = usize::from((b0 == b'.') & (b1 == b' '));
    let mut tabs = usize::from(b0 == b'\t') + usize::from(b1 == b'\t');
    // Each byte with the two before it, 128 at a time (counted in bytes).
    let n = bytes.len();
    let (p0s, p1s, bs) = (&bytes[..n - 2], &bytes[1..n - 1], &bytes[2..]);
    for ((c0, c1), cb) in p0s.chunks(128).zip(p1s.chunks(128)).zip(bs.chunks(128)) {
        let (mut r, mut w, mut s, mut t) = (0u8, 0u8, 0u8, 0u8);
        for ((&p0, &p), &b) in c0.iter().zip(c1).zip(cb) {
            r += u8::from(starts(p0, p, b));
            w += u8::from(!space(b) & space(p));
            s += u8::from((p == b'.') & (b == b' '));
            t += u8::from(b == b'\t');
        }
        runs += usize::from(r);
        words += usize::from(w);
        stops += usize::from(s);
        tabs += usize::from(t);
    }
    tabs == 0 && runs >= 12 && runs * 5 >= words && stops * 6 < runs
}

/// Whether the bytes hold at least twelve ASCII digits: counted 32 bytes at a time (a count
/// the compiler turns into vector instructions), stopping once there are twelve.
fn twelve_digits(bytes: &[u8]) -> bool {
    let mut n = 0usize;
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        n += usize::from(
            chunk
                .iter()
                .fold(0u8, |a, &b| a + u8::from(b.wrapping_sub(b'0') < 10)),
        );
        if n >= 12 {
            return true;
        }
    }
    n + chunks.remainder().iter().filter(|b| b.is_ascii_digit()).count() >= 12
}

fn ends_terminal(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ':', '!', '?', ';', '"', '\'', ')', '\u{201d}'])
}

struct Raw<'a> {
    no: u32,
    text: &'a str,
}

/// The non-blank lines (a line break is `\n` or `\r\n`).
fn nonblank_lines(text: &str) -> Vec<Raw<'_>> {
    // About one line in forty bytes: the vector is not grown line by line.
    let mut raws = Vec::with_capacity(text.len() / 40 + 1);
    let bytes = text.as_bytes();
    let (mut start, mut no) = (0, 1u32);
    loop {
        let end = next_newline(bytes, start).unwrap_or(bytes.len());
        let l = &text[start..end];
        let l = l.strip_suffix('\r').unwrap_or(l);
        if !is_blank(l) {
            raws.push(Raw { no, text: l });
        }
        if end == bytes.len() {
            return raws;
        }
        start = end + 1;
        no = no.saturating_add(1);
    }
}

/// The offset of the first `\n` at or after `from`: eight bytes are looked at together (a zero
/// byte of the word xor-ed with line feeds is found by the borrow it leaves; the lowest one
/// found is exact).
fn next_newline(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const FEEDS: u64 = u64::from_le_bytes([b'\n'; 8]);
    let zeros = |word: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w) ^ FEEDS;
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    // Sixteen bytes a step (two words), then eight.
    while let Some(pair) = bytes.get(i..i + 16) {
        let (a, b) = (zeros(&pair[..8]), zeros(&pair[8..]));
        if a | b != 0 {
            let at = if a != 0 {
                a.trailing_zeros()
            } else {
                64 + b.trailing_zeros()
            };
            return Some(i + (at / 8) as usize);
        }
        i += 16;
    }
    while let Some(word) = bytes.get(i..i + 8) {
        let zero = zeros(word);
        if zero != 0 {
            return Some(i + (zero.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b == b'\n').map(|p| i + p)
}

/// Whether the line is white space only (as `str::trim` tells it): ASCII bytes are looked at
/// until one is not white space, a line holding other characters is trimmed.
fn is_blank(line: &str) -> bool {
    for &b in line.as_bytes() {
        if !b.is_ascii() {
            return line.trim().is_empty();
        }
        if !matches!(b, b'\t'..=b'\r' | b' ') {
            return false;
        }
    }
    true
}

/// A line where one or two locations are asked for: the characters before a byte are counted
/// when asked, where a [`Line`] first indexes every character of the line.
struct FewLocs<'a> {
    no: u32,
    text: &'a str,
}

impl FewLocs<'_> {
    /// The location of the character starting at `byte`.
    fn loc(&self, byte: usize) -> Location {
        Location {
            line: self.no,
            column: u32::try_from(self.text[..byte].chars().count() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// How a line continues the row before it.
enum Join {
    No,
    /// The line completes the previous row's label and carries its figures.
    Values,
    /// The previous row already has figures: both lines' figures go under one label.
    Overflow,
}

fn is_lower_start(label: &str) -> bool {
    label.chars().next().is_some_and(char::is_lowercase)
}

fn continuation(prev: &RawRow, label: &str, has_toks: bool) -> Join {
    if prev.label.is_empty() || (prev.joined && !prev.toks.is_empty()) {
        return Join::No;
    }
    let prev_heading = prev.toks.is_empty() && prev.label.ends_with(':');
    if label.is_empty() {
        return if has_toks && prev.toks.is_empty() && !prev_heading {
            Join::Values
        } else {
            Join::No
        };
    }
    if is_lower_start(label) {
        return match (prev.toks.is_empty(), has_toks) {
            (true, _) if prev_heading => Join::No,
            (true, _) => Join::Values,
            (false, true) => Join::Overflow,
            (false, false) => Join::No,
        };
    }
    let first = text::split_words(label).next().unwrap_or("");
    if prev.toks.is_empty() && !prev_heading && !text::is_row_start(first) && !text::is_bullet(first) {
        if text::ends_with_connector(&prev.label) {
            return Join::Values;
        }
        // A name going on in capitals ("... Kingsoft Cloud" + "Holdings Limited\t(1,356,246)").
        let last = prev.label.split_whitespace().next_back().unwrap_or("");
        if has_toks
            && text::is_capitalised(last)
            && text::split_words(&prev.label).nth(1).is_some()
            && text::is_capitalised(first)
        {
            return Join::Values;
        }
    }
    Join::No
}

/// The heading last read: a text line's is made a title only when a table starts under it.
enum Heading<'a> {
    /// A text line's label as printed: line `i`, the label's first byte after bold markers `at`.
    Label { label: &'a str, i: usize, at: usize },
    /// A title already read, and where.
    Read(String, Location),
}

pub(super) struct Parser<'a> {
    raws: Vec<Raw<'a>>,
    kinds: Vec<Kind>,
    /// Each line read as a row, where telling its kind did.
    rows: Vec<Option<text::RowLine<'a>>>,
    /// The header lines' word kinds, one line after the other (found when telling the kinds).
    header_words: Vec<header::W>,
    /// For each line, where its header words end in `header_words`.
    header_ends: Vec<usize>,
    tables: Vec<Open>,
    open: Option<Open>,
    paragraphs: Vec<Paragraph>,
    /// The index of the line last read as a paragraph.
    para_tail: Option<usize>,
    /// The number of characters of a paragraph (its index) that lines were joined to.
    para_chars: Option<(usize, usize)>,
    damage: Vec<Damage>,
    heading: Option<Heading<'a>>,
    unit: Option<(String, Scale)>,
    /// A unit line was read since the last table started.
    unit_fresh: bool,
    /// Words of memory the rows' readings may still take (keeps memory linear in the input).
    budget: usize,
}

impl<'a> Parser<'a> {
    /// The parser of a tab-separated text: one where more than one non-blank line in twenty
    /// holds a tab, or that has no non-blank line. The lines are split once, for telling the
    /// form and for reading.
    pub(super) fn tabbed(text: &'a str) -> Option<Self> {
        let raws = nonblank_lines(text);
        // Lines are looked at only until more than one in twenty of all hold a tab.
        let enough = raws.len() / 20 + 1;
        let tabbed = raws
            .iter()
            .filter(|r| r.text.as_bytes().contains(&b'\t'))
            .take(enough)
            .count();
        (tabbed >= enough || raws.is_empty()).then(|| Self::with_lines(text, raws))
    }

    pub(super) fn new(text: &'a str) -> Self {
        Self::with_lines(text, nonblank_lines(text))
    }

    fn with_lines(text: &'a str, raws: Vec<Raw<'a>>) -> Self {
        let mut kinds = Vec::with_capacity(raws.len());
        let mut rows = Vec::with_capacity(raws.len());
        let mut header_words = Vec::new();
        let mut header_ends = Vec::with_capacity(raws.len());
        for r in &raws {
            let (kind, row) = kind_and_row(r.text, &mut header_words);
            kinds.push(kind);
            rows.push(row);
            header_ends.push(header_words.len());
        }
        Parser {
            raws,
            kinds,
            rows,
            header_words,
            header_ends,
            tables: Vec::new(),
            open: None,
            paragraphs: Vec::new(),
            para_tail: None,
            para_chars: None,
            damage: Vec::new(),
            heading: None,
            unit: None,
            unit_fresh: false,
            // Four words an input byte, and 64 Ki words (512 KiB) for a short input: a real
            // filing's readings take a few hundred words; one row of 7 figures under 14 columns,
            // 3,432 readings, about 45,000.
            budget: (1 << 16) + text.len().saturating_mul(4),
        }
    }

    /// Line `i` read as a row, to look at.
    fn row_line(&self, i: usize) -> std::borrow::Cow<'_, text::RowLine<'a>> {
        match &self.rows[i] {
            Some(row) => std::borrow::Cow::Borrowed(row),
            None => std::borrow::Cow::Owned(text::row_line(self.raws[i].text)),
        }
    }

    /// Line `i` read as a row, taken by the one step that uses it up (read again if asked for
    /// once more).
    fn take_row(&mut self, i: usize) -> text::RowLine<'a> {
        match self.rows[i].take() {
            Some(row) => row,
            None => text::row_line(self.raws[i].text),
        }
    }

    fn line(&self, i: usize) -> Line<'a> {
        Line::new(self.raws[i].no, self.raws[i].text)
    }

    /// Line `i`, for a location or two (see [`FewLocs`]).
    fn few_locs(&self, i: usize) -> FewLocs<'a> {
        FewLocs {
            no: self.raws[i].no,
            text: self.raws[i].text,
        }
    }

    pub(super) fn run(&mut self) {
        let mut i = 0;
        while i < self.raws.len() {
            if self.open.is_some() {
                match self.kinds[i] {
                    Kind::Header => {
                        i = self.header_in_table(i);
                        continue;
                    }
                    Kind::Value => {
                        self.add_row(i);
                        i += 1;
                        continue;
                    }
                    Kind::Text if self.table_continues(i) => {
                        self.add_row(i);
                        i += 1;
                        continue;
                    }
                    _ => self.close(),
                }
            }
            match self.kinds[i] {
                Kind::Header => {
                    let (h, next) = self.header_block(i);
                    self.start(Some(h), self.raws[i].no);
                    i = next;
                    continue;
                }
                Kind::Unit => self.unit_line(i),
                Kind::Intro => {
                    self.paragraph(i);
                    self.intro(i);
                }
                Kind::Prose => match collapsed(self.raws[i].text) {
                    Some(figures) => {
                        let line = self.line(i);
                        let start = line.text.len() - line.text.trim_start().len();
                        self.damage.push(Damage {
                            kind: DamageKind::CollapsedTable { figures },
                            location: line.loc(start),
                            table: None,
                            row: None,
                            message: format!(
                                "{figures} figures with labels glued to them on one line: a table collapsed onto one \
                                 line, not read (its rows and columns cannot be told apart)"
                            ),
                        });
                    }
                    None => self.paragraph(i),
                },
                Kind::Text => self.text_line(i),
                Kind::Value => self.value_outside(i),
            }
            i += 1;
        }
        self.close();
    }

    fn header_block(&self, i: usize) -> (Header, usize) {
        let mut j = i;
        while j < self.raws.len() && self.kinds[j] == Kind::Header {
            j += 1;
        }
        let lines: Vec<Line<'_>> = (i..j).map(|k| self.line(k)).collect();
        let kinds: Vec<&[header::W]> = (i..j)
            .map(|k| {
                let start = k.checked_sub(1).map_or(0, |p| self.header_ends[p]);
                &self.header_words[start..self.header_ends[k]]
            })
            .collect();
        (header::parse_classified(&lines, &kinds), j)
    }

    /// A header after rows: the same header repeated after a page break continues the table;
    /// any other starts a new one.
    fn header_in_table(&mut self, i: usize) -> usize {
        let (h, next) = self.header_block(i);
        if let Some(t) = self.open.as_mut() {
            if let Some(old) = t.header.as_mut() {
                let same = old.cols.len() == h.cols.len()
                    && old.notes_tab.is_some() == h.notes_tab.is_some()
                    && (old.has_duplicates() || old.cols.iter().zip(&h.cols).all(|(a, b)| same_column(a, b)));
                if same && !t.rows.is_empty() {
                    if old.has_duplicates() && !h.has_duplicates() {
                        for g in old.garbled.iter_mut().filter(|g| g.message.contains("both read")) {
                            g.message.push_str(&format!(
                                "; the header repeated at line {} names distinct columns and is used",
                                h.lines.0
                            ));
                        }
                        old.cols = h.cols;
                    }
                    return next;
                }
            }
        }
        self.close();
        self.start(Some(h), self.raws[i].no);
        next
    }

    fn start(&mut self, header: Option<Header>, first_line: u32) {
        let fallback = header.as_ref().map_or(
            Location {
                line: first_line,
                column: 1,
            },
            |h| h.location,
        );
        let (title, title_location) = match &self.heading {
            Some(Heading::Label { label, i, at }) => {
                strip_company(text::clean_label(label), self.few_locs(*i).loc(*at))
            }
            Some(Heading::Read(title, location)) => (title.clone(), *location),
            None => (String::new(), fallback),
        };
        let thousands = header.as_ref().is_some_and(|h| h.thousands);
        let money = header.as_ref().is_some_and(Header::has_money);
        let (unit_line, scale) = match &self.unit {
            Some((u, s)) if self.unit_fresh => (Some(u.clone()), *s),
            _ if thousands => (None, Scale::Thousands),
            Some((u, s)) if money => (Some(u.clone()), *s),
            _ => (None, Scale::Units),
        };
        self.unit_fresh = false;
        self.open = Some(Open {
            title,
            title_location,
            unit_line,
            scale,
            header,
            rows: Vec::new(),
            groups: Vec::new(),
            lines: (first_line, first_line),
        });
    }

    fn close(&mut self) {
        if let Some(t) = self.open.take() {
            if !t.rows.is_empty() {
                self.tables.push(t);
            }
        }
    }

    /// Whether a line without figures inside a table is a row (a section heading, a label
    /// broken over lines): the table goes on after it.
    fn table_continues(&self, i: usize) -> bool {
        let mut texts = 0;
        for j in i + 1..self.raws.len().min(i + 6) {
            match self.kinds[j] {
                Kind::Value => return true,
                Kind::Text => {
                    texts += 1;
                    if texts > 3 {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        false
    }

    fn unit_line(&mut self, i: usize) {
        let line = self.few_locs(i);
        let start = line.text.len() - line.text.trim_start().len();
        let body = line.text.trim();
        let lower = body.to_ascii_lowercase();
        let split = lower
            .find("(all amounts")
            .or_else(|| lower.find("(amounts in"))
            .filter(|&p| p > 0);
        let unit = match split {
            Some(p) => {
                let title = text::clean_label(&body[..p]);
                let (title, location) = strip_company(title, line.loc(start));
                self.heading = Some(Heading::Read(title, location));
                &body[p..]
            }
            None => body,
        };
        self.unit = Some((unit.to_string(), scale_of(unit)));
        self.unit_fresh = true;
    }

    fn text_line(&mut self, i: usize) {
        let line = self.few_locs(i);
        let row = self.take_row(i);
        // (Bold markers and white space, which the title drops, are no letters.)
        if row.label.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() && !is_prose(line.text.trim()) {
            let at = row.label_start + row.label.len() - row.label.trim_start_matches('*').len();
            self.heading = Some(Heading::Label {
                label: row.label,
                i,
                at,
            });
        } else {
            self.paragraph(i);
        }
    }

    fn intro(&mut self, i: usize) {
        let line = self.few_locs(i);
        let start = line.text.len() - line.text.trim_start().len();
        let body = line.text.trim();
        let s = last_sentence(body);
        self.heading = Some(Heading::Read(body[s..].to_string(), line.loc(start + s)));
    }

    fn paragraph(&mut self, i: usize) {
        let line = self.few_locs(i);
        let start = line.text.len() - line.text.trim_start().len();
        let body = line.text.trim();
        let joins = i > 0
            && self.para_tail == Some(i - 1)
            && body
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        let last = self.paragraphs.len().wrapping_sub(1);
        match self.paragraphs.last_mut() {
            Some(p) if joins && !ends_terminal(&p.text) => {
                // The paragraph's characters are counted once, then kept up to date (not counted
                // again for every line joined to it).
                let chars = match self.para_chars {
                    Some((index, chars)) if index == last => chars,
                    _ => p.text.chars().count(),
                };
                p.text.push(' ');
                p.lines.push((chars + 1, line.loc(start)));
                p.text.push_str(body);
                self.para_chars = Some((last, chars + 1 + body.chars().count()));
            }
            _ => self.paragraphs.push(Paragraph {
                location: line.loc(start),
                text: body.to_string(),
                lines: vec![(0, line.loc(start))],
            }),
        }
        self.para_tail = Some(i);
    }

    /// A line with figures or several cells outside any table.
    fn value_outside(&mut self, i: usize) {
        let (has_numbers, has_cells) = {
            let row = self.row_line(i);
            (row.has_numbers(), !row.cells.is_empty())
        };
        let next_has_numbers =
            i + 1 < self.raws.len() && self.kinds[i + 1] == Kind::Value && self.row_line(i + 1).has_numbers();
        if !has_numbers && has_cells && next_has_numbers {
            let line = self.line(i);
            self.start(Some(header::text_header(&line)), line.no);
        } else if has_numbers && has_cells {
            self.start(None, self.raws[i].no);
            self.add_row(i);
        } else {
            self.text_line(i);
        }
    }

    fn add_row(&mut self, i: usize) {
        if self.open.as_ref().is_some_and(|t| t.rows.capacity() == 0) {
            // The table's rows are at most about as many as the lines of figures and text that
            // follow: the vector is not grown row by row.
            let lines = self.kinds[i..]
                .iter()
                .take_while(|k| matches!(k, Kind::Value | Kind::Text))
                .count();
            if let Some(t) = self.open.as_mut() {
                t.rows.reserve(lines.max(1));
            }
        }
        let line = self.line(i);
        let row = self.take_row(i);
        let ti = self.tables.len();
        let Some(t) = self.open.as_mut() else { return };
        t.lines.1 = line.no;
        let value_start = t.value_start();
        let notes_tab = t.header.as_ref().and_then(|h| h.notes_tab);

        let mut cells = row.cells;
        let mut note = None;
        if let Some(nt) = notes_tab {
            if let Some(p) = cells
                .iter()
                .position(|c| c.tab == nt && text::is_note_ref(c.text))
            {
                note = Some(cells.remove(p).text.to_string());
            }
        }
        let k_max = cells.iter().map(|c| c.toks.len()).max().unwrap_or(0);
        let has_values = k_max > 0 || !row.peeled.is_empty();
        let parts = if row.label.is_empty() {
            text::Parts::Many(Vec::new())
        } else if has_values {
            text::split_label(row.label, row.label_start, k_max >= 2)
        } else {
            text::Parts::One((row.label_start, row.label_start + row.label.len()))
        };
        let labelled = |(a, b): (usize, usize)| {
            let s = &line.text[a..b];
            (
                text::clean_label(s),
                line.loc(a + s.len() - s.trim_start_matches('*').len()),
            )
        };
        let first_tok = row
            .peeled
            .first()
            .or_else(|| cells.first().and_then(|c| c.toks.first()));
        let no_label_loc = line.loc(first_tok.map_or(0, |t| t.start));
        let damage = &mut self.damage;
        let mut convert = |tok: &Tok<'_>, ri: usize| {
            let location = line.loc(tok.start);
            if let Err(why) = tok.number {
                damage.push(Damage {
                    kind: DamageKind::NotANumber {
                        text: tok.text.to_string(),
                    },
                    location,
                    table: Some(ti),
                    row: Some(ri),
                    message: format!("`{}` is not a number: {why}", shorten(tok.text)),
                });
            }
            RawTok {
                text: tok.text.into(),
                number: tok.number.ok(),
                location,
                column: None,
            }
        };

        if parts.len() <= 1 {
            let (label, location) = parts
                .first()
                .map_or((String::new(), no_label_loc), |&p| labelled(p));
            let irregular = k_max >= 2;
            let plain = row.peeled.is_empty() && !irregular;
            let shifted = plain && cells.first().is_some_and(|c| c.tab > value_start);
            // The columns as printed are read (by the second pass) only for a shifted row.
            let printed = if shifted {
                cells
                    .iter()
                    .map(|c| c.tab.checked_sub(value_start))
                    .collect::<Option<Vec<_>>>()
            } else {
                None
            };
            let n_toks = row.peeled.len() + cells.iter().map(|c| c.toks.len()).sum::<usize>();
            let mut raw_toks = |ri: usize| {
                let mut new = Vec::with_capacity(n_toks);
                for tk in &row.peeled {
                    new.push(convert(tk, ri));
                }
                for c in &cells {
                    for tk in c.toks.iter() {
                        new.push(convert(tk, ri));
                    }
                }
                new
            };
            if !irregular {
                if let Some(pi) = t.rows.len().checked_sub(1) {
                    match continuation(&t.rows[pi], &label, n_toks > 0) {
                        Join::No => {}
                        Join::Values => {
                            let new = raw_toks(pi);
                            let prev = &mut t.rows[pi];
                            if !label.is_empty() {
                                prev.label.push(' ');
                                prev.label.push_str(&label);
                            }
                            if !new.is_empty() {
                                prev.toks = new;
                                prev.printed = printed;
                                prev.joined = true;
                                prev.shifted = shifted;
                            }
                            return;
                        }
                        Join::Overflow => {
                            let new = raw_toks(pi);
                            let prev = &mut t.rows[pi];
                            prev.label.push(' ');
                            prev.label.push_str(&label);
                            prev.toks.extend(new);
                            prev.irregular = true;
                            prev.joined = true;
                            prev.printed = None;
                            let n = prev.toks.len();
                            self.damage.push(Damage {
                                kind: DamageKind::MergedRows { labels: vec![prev.label.clone()] },
                                location,
                                table: Some(ti),
                                row: Some(pi),
                                message: format!(
                                    "the label continues on line {} with figures of its own: {n} figures under one label \
                                     broken over two lines, so the figures of more than one row are printed here",
                                    line.no
                                ),
                            });
                            t.groups.push(Group {
                                rows: vec![pi],
                                damage: self.damage.len() - 1,
                            });
                            return;
                        }
                    }
                }
            }
            let ri = t.rows.len();
            let new = raw_toks(ri);
            if irregular {
                let n = new.len();
                self.damage.push(Damage {
                    kind: DamageKind::MergedRows {
                        labels: vec![label.clone()],
                    },
                    location,
                    table: Some(ti),
                    row: Some(ri),
                    message: format!(
                        "{n} figures, several in one cell, under one label: the figures of more than one row \
                         are printed on this line and which row each belongs to is ambiguous"
                    ),
                });
                t.groups.push(Group {
                    rows: vec![ri],
                    damage: self.damage.len() - 1,
                });
            }
            t.rows.push(RawRow {
                label,
                location,
                note,
                toks: new,
                printed,
                shifted,
                irregular,
                joined: false,
                certain: None,
                scale: None,
            });
            return;
        }

        // Several labels on one line.
        let labels: Vec<(String, Location)> = parts.iter().map(|&p| labelled(p)).collect();
        let mut takers: Vec<usize> = (0..labels.len())
            .filter(|&l| !labels[l].0.ends_with(':'))
            .collect();
        if takers.is_empty() {
            takers = (0..labels.len()).collect();
        }
        let irregular = k_max >= 2 && (k_max != takers.len() || cells.iter().any(|c| c.toks.len() != k_max));
        let mut per: Vec<Vec<(usize, &Tok<'_>)>> = vec![Vec::new(); labels.len()];
        for tok in &row.peeled {
            per[takers[0]].push((0, tok));
        }
        for c in &cells {
            for (j, tok) in c.toks.iter().enumerate() {
                per[takers[j.min(takers.len() - 1)]].push((c.tab, tok));
            }
        }
        let base = t.rows.len();
        let mut group = Vec::with_capacity(labels.len());
        for (l, (label, location)) in labels.iter().enumerate() {
            let ri = base + l;
            let plain = row.peeled.is_empty() && !irregular;
            let shifted = plain && per[l].first().is_some_and(|(tab, _)| *tab > value_start);
            // The columns as printed are read (by the second pass) only for a shifted row.
            let printed = if shifted {
                per[l]
                    .iter()
                    .map(|(tab, _)| tab.checked_sub(value_start))
                    .collect::<Option<Vec<_>>>()
            } else {
                None
            };
            let toks: Vec<RawTok> = per[l].iter().map(|(_, tk)| convert(tk, ri)).collect();
            t.rows.push(RawRow {
                label: label.clone(),
                location: *location,
                note: if l == takers[0] { note.clone() } else { None },
                toks,
                printed,
                shifted,
                irregular,
                joined: false,
                certain: None,
                scale: None,
            });
            group.push(ri);
        }
        let names: Vec<String> = labels.iter().map(|l| l.0.clone()).collect();
        let message = if k_max <= 1 && row.peeled.len() + cells.len() > 0 {
            format!(
                "{} labels on one line with one figure per column: the figures are read as the first row's \
                 (`{}`) and the other labels as rows without figures",
                names.len(),
                names[takers[0]]
            )
        } else if irregular {
            format!(
                "{} labels on one line with up to {k_max} figures per cell in irregular numbers: each figure \
                 is kept, but which row and column it belongs to is ambiguous",
                names.len()
            )
        } else {
            format!(
                "{} rows printed on one line, {k_max} figures per cell, split in order",
                names.len()
            )
        };
        self.damage.push(Damage {
            kind: DamageKind::MergedRows { labels: names },
            location: labels[0].1,
            table: Some(ti),
            row: Some(base),
            message,
        });
        t.groups.push(Group {
            rows: group,
            damage: self.damage.len() - 1,
        });
    }

    /// Ends the first pass; the second completes columns and aligns rows.
    pub(super) fn finish(mut self, source: &str) -> Filing {
        self.close();
        align::align(source, self.tables, self.paragraphs, self.damage, self.budget)
    }
}

fn same_column(a: &header::HeaderColumn, b: &header::HeaderColumn) -> bool {
    a.currency == b.currency
        && match (&a.period, &b.period) {
            (Pending::Known(x), Pending::Known(y)) => x == y,
            (Pending::Infer(x), Pending::Infer(y)) => {
                (x.months, &x.fragment, x.day, x.year) == (y.months, &y.fragment, y.day, y.year)
            }
            (Pending::Unknown, Pending::Unknown) => true,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_str_split() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "\n".into(),
            "a".into(),
            "a\r\n\r\n \t\u{a0}\u{3000}\n\u{a0}x\n\x0c\nlast".into(),
            "0123456789abcdef\n0123456\n\n\n01234567\n".into(),
        ];
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.push(filing.text.to_string());
        }
        for text in &texts {
            let want: Vec<(u32, &str)> = text
                .split('\n')
                .enumerate()
                .map(|(i, l)| (i as u32 + 1, l.strip_suffix('\r').unwrap_or(l)))
                .filter(|(_, l)| !l.trim().is_empty())
                .collect();
            let got: Vec<(u32, &str)> = nonblank_lines(text).iter().map(|r| (r.no, r.text)).collect();
            assert_eq!(got, want);
        }
        assert_eq!(nonblank_lines("x\n\u{2003}\ny").len(), 2);
    }

    #[test]
    fn twelve_digits_counted_by_blocks() {
        // Eleven digits spread over more than one block of 32 bytes, then the twelfth.
        let eleven = "1 x ".repeat(6) + &format!("{}5", " ".repeat(40)).repeat(5);
        assert!(!twelve_digits(eleven.as_bytes()));
        assert!(twelve_digits(format!("{eleven}7").as_bytes()));
        assert!(twelve_digits(b"123456789012"));
        assert!(!twelve_digits(b"12345678901"));
    }

    #[test]
    fn collapsed_lines_bounded_as_counted() {
        let mut lines: Vec<String> = Vec::new();
        let row =
            "Revenues 1,234 2,345 3,456 Cost (1,000) (2,000) (3,000) Gross 234 345 456 Net 10 $20 30. End";
        lines.push(format!("{row} {}", "7,777 ".repeat(40)));
        lines.push(format!("{row}{}", " x".repeat(150)));
        lines.push("Revenue was 1,234. Cost was 2,345. ".repeat(20));
        lines.push("12 34 56 78 90 12 34 56 78 90 12 34 56 ab. cd. ".repeat(10));
        // White space and quotes beyond ASCII.
        lines.push(format!("{row} {}", "7,777\u{a0}".repeat(40)));
        lines.push(format!(
            "{row} {}",
            "\u{201c}7,777\u{201d} x\u{2003}y ".repeat(30)
        ));
        lines.push(format!("{row}{}", " \u{2003}x".repeat(150)));
        // Columns padded with no-break spaces: white space only for the exact count.
        lines.push(format!(
            "{row} {}",
            format!("7,777{}", " \u{a0}".repeat(10)).repeat(40)
        ));
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            lines.extend(filing.text.lines().map(str::to_string));
            // Long runs of lines, tabs made spaces: tables printed on one line.
            let flat = filing.text.replace(['\t', '\n'], " ");
            let mut k = 0;
            while k + 600 < flat.len() {
                if flat.is_char_boundary(k) && flat.is_char_boundary(k + 600) {
                    lines.push(flat[k..k + 600].to_string());
                }
                k += 97;
            }
        }
        assert_eq!(collapsed(&lines[7]), Some(50));
        let mut some = 0;
        for l in &lines {
            let want = if l.len() < 300 || l.contains('\t') || !twelve_digits(l.as_bytes()) {
                None
            } else {
                collapsed_counted(l)
            };
            assert_eq!(collapsed(l), want, "{l:?}");
            some += usize::from(want.is_some());
        }
        assert!(some > 50, "{some}");
    }

    #[test]
    fn collapsed_tables_counted_in_one_pass() {
        // Twelve figures among words, one sentence: a collapsed table.
        let row =
            "Revenues 1,234 2,345 3,456 Cost (1,000) (2,000) (3,000) Gross 234 345 456 Net 10 $20 30. End";
        let line = format!("{row}{}", " x".repeat(150));
        assert_eq!(collapsed(&line), None, "too many words for its figures");
        let line = format!("{row} {}", "7,777 ".repeat(40));
        assert_eq!(collapsed(&line), Some(50));
        // A no-break space (U+00A0) and an em space (U+2003) separate words as a space does.
        let spaced = line.replacen(' ', "\u{a0}", 3).replacen(' ', "\u{2003}", 3);
        assert_eq!(collapsed(&spaced), Some(50));
        // Many sentences: prose with figures, not a table.
        let prose = "Revenue was 1,234. Cost was 2,345. ".repeat(20);
        assert_eq!(collapsed(&prose), None);
    }
}
