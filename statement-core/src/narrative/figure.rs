//! Figures, sentences and subject phrases in the prose: `RMB2,349.2 million` in any currency the
//! filing's columns print, the sentences they stand in, and the phrases that govern them.

use rust_decimal::Decimal;

use crate::amount::Scale;
use crate::schema::ProseSign as Convention;

/// A subject phrase of the prose and the table lines it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    /// The phrase, in lower case.
    pub phrase: &'static str,
    /// How the prose states the figure.
    pub convention: Convention,
    /// (layout key, line name) pairs holding the same figure, in order of preference (the
    /// layouts' order).
    pub lines: Vec<(&'static str, &'static str)>,
    /// The lines are percentages (a margin line's phrase): the prose states the figure as a
    /// percentage.
    pub percent: bool,
}

/// A currency code the prose may print figures in.
#[derive(Clone, Debug)]
pub(super) struct Code {
    /// As the columns print it (`US$`).
    pub(super) name: String,
    /// Lower-case forms to find in the text (`us$`, `us\$`), as UTF-8 bytes.
    pub(super) forms: Vec<Vec<u8>>,
    /// A translation of another currency's figures (a figure in it counts only in parentheses
    /// after a figure in another currency).
    pub(super) translated: bool,
}

/// A money figure in the prose; positions are byte offsets into the paragraph's text.
#[derive(Clone, Debug)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index into the context's currency codes.
    pub(super) code: usize,
    /// The code is a translation currency.
    pub(super) translated: bool,
    pub(super) value: Decimal,
    /// The scale word printed after the number (`thousand`, `million`, `billion`).
    pub(super) scale: Scale,
}

/// The scale words a money figure of the prose ends with, and what each stands for.
pub(super) const SCALE_WORDS: [(&str, Scale); 3] = [
    ("thousand", Scale::Thousands),
    ("million", Scale::Millions),
    ("billion", Scale::Billions),
];

/// Whether `bytes` print a scale word ([`SCALE_WORDS`], in any ASCII case) or a `%`: a paragraph
/// without either states no figure.
#[cfg(test)]
pub(super) fn names_scale_or_percent(bytes: &[u8]) -> bool {
    let mut found = Vec::new();
    marks(bytes, &mut found);
    !found.is_empty()
}

/// A place worth reading in a paragraph: a `%` or the start of a scale word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Mark {
    /// Byte offset.
    pub(super) at: usize,
    /// A `%` (else a scale word).
    pub(super) percent: bool,
}

/// Every `%` and every scale word ([`SCALE_WORDS`], in any ASCII case, wherever it starts) of
/// `bytes`, in text order, into `out`.
///
/// Each has an anchor: a `%` itself, `million` and `billion` their `ll` two places in,
/// `thousand` its `us` three places in. The bytes are tested 32 at a time for an anchor (compares
/// the compiler turns into vector instructions, the last block padded with zeros), and only a
/// block holding one is looked at byte by byte, each anchor found tried as the word it anchors.
/// Anchors are found in text order, and no scale word starts between another's start and its
/// anchor (nor a `%`), so the marks are in text order.
pub(super) fn marks(bytes: &[u8], out: &mut Vec<Mark>) {
    out.clear();
    // What starts at `j`, tried as an anchor.
    let at = |j: usize| -> Option<Mark> {
        let c = bytes[j];
        if c == b'%' {
            return Some(Mark { at: j, percent: true });
        }
        let (p, word): (usize, &[&[u8]]) = match c | 0x20 {
            b'l' => (j.checked_sub(2)?, &[b"million", b"billion"]),
            b'u' => (j.checked_sub(3)?, &[b"thousand"]),
            _ => return None,
        };
        word.iter()
            .any(|w| {
                bytes
                    .get(p..p + w.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(w))
            })
            .then_some(Mark {
                at: p,
                percent: false,
            })
    };
    // Whether each of the 32 places of a block (with the byte after it) is an anchor: 1 or 0, a
    // byte each.
    let anchors = |block: &[u8; 33]| -> [u8; 32] {
        let mut found = [0u8; 32];
        for (i, f) in found.iter_mut().enumerate() {
            let (x, y) = (block[i] | 0x20, block[i + 1] | 0x20);
            *f = u8::from(block[i] == b'%')
                | (u8::from(x == b'l') & u8::from(y == b'l'))
                | (u8::from(x == b'u') & u8::from(y == b's'));
        }
        found
    };
    let mut k = 0;
    while k < bytes.len() {
        let found = match bytes.get(k..k + 33) {
            Some(block) => anchors(block.try_into().unwrap_or(&[0; 33])),
            None => {
                let mut block = [0u8; 33];
                block[..bytes.len() - k].copy_from_slice(&bytes[k..]);
                anchors(&block)
            }
        };
        // Eight places a word: a place marked sets the lowest bit of its byte.
        let words: [u64; 4] =
            std::array::from_fn(|w| u64::from_le_bytes(std::array::from_fn(|b| found[8 * w + b])));
        if words.iter().fold(0, |a, w| a | w) == 0 {
            k += 32;
            continue;
        }
        for (w, &word) in words.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let j = k + 8 * w + (bits.trailing_zeros() / 8) as usize;
                bits &= bits - 1;
                if let Some(m) = at(j) {
                    out.push(m);
                }
            }
        }
        k += 32;
    }
}

/// A percentage of the prose (`24.2%`, `-5.2 %`); positions are byte offsets into the
/// paragraph's text.
#[derive(Clone, Debug)]
pub(super) struct Percentage {
    pub(super) start: usize,
    pub(super) end: usize,
    /// As printed, with its decimals (`24.2`).
    pub(super) value: Decimal,
}

/// The minus sign `−` (U+2212) as UTF-8.
const MINUS: &[u8] = "\u{2212}".as_bytes();

/// The character starting at byte `i` of `t`; none at the end or inside a character. An ASCII
/// byte is its character: nothing to decode.
pub(super) fn char_at(t: &str, i: usize) -> Option<char> {
    match t.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => t.get(i..)?.chars().next(),
        None => None,
    }
}

/// The character ending at byte `i` of `t`; none at the start or inside a character.
pub(super) fn char_before(t: &str, i: usize) -> Option<char> {
    match t.as_bytes().get(i.checked_sub(1)?) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => t.get(..i)?.chars().next_back(),
        None => None,
    }
}

/// The first byte offset at or after `i` (up to `to`) whose character is not white space.
pub(super) fn skip_whitespace(t: &str, mut i: usize, to: usize) -> usize {
    while i < to
        && let Some(c) = char_at(t, i)
        && c.is_whitespace()
    {
        i += c.len_utf8();
    }
    i
}

/// Whether `bytes` at `i` start with `pat` in ASCII lower case (`pat` is lower case).
pub(super) fn starts_at(bytes: &[u8], i: usize, pat: &[u8]) -> bool {
    bytes
        .get(i..i + pat.len())
        .is_some_and(|w| w.iter().zip(pat).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// `<number>%` or `<number> %` starting at byte `i` of `t`, with an optional minus sign; never a
/// number that continues a longer token (`2.24.2%`, `a1%`).
pub(super) fn percentage_at(t: &str, i: usize) -> Option<Percentage> {
    if !boundary_before(t, i) || char_before(t, i).is_some_and(|c| matches!(c, '.' | ',' | '-' | '\u{2212}'))
    {
        return None;
    }
    let b = t.as_bytes();
    let mut k = i;
    if b.get(k) == Some(&b'-') {
        k += 1;
    } else if b[k..].starts_with(MINUS) {
        k += MINUS.len();
    }
    let negative = k > i;
    let num_start = k;
    while b.get(k).is_some_and(u8::is_ascii_digit) {
        k += 1;
    }
    if k == num_start || k - num_start > 6 {
        return None;
    }
    if b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
        k += 1;
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
    }
    let num_end = k;
    if b.get(k) == Some(&b' ') {
        k += 1;
    }
    if b.get(k) != Some(&b'%') {
        return None;
    }
    let mut value = decimal_of(&b[num_start..num_end])?;
    if negative {
        value = -value;
    }
    Some(Percentage {
        start: i,
        end: k + 1,
        value,
    })
}

/// The number printed by `bytes` (ASCII digits, commas dropped, a decimal point), as `Decimal`'s
/// parser reads it: at most 18 digits read here without a copy, more by the parser.
pub(super) fn decimal_of(bytes: &[u8]) -> Option<Decimal> {
    plain_decimal(bytes.iter().copied()).or_else(|| {
        let number: String = std::str::from_utf8(bytes)
            .ok()?
            .chars()
            .filter(|&c| c != ',')
            .collect();
        number.parse().ok()
    })
}

/// The value of a figure of ASCII digits (the first a digit), commas and at most one decimal
/// point not at its end, with at most 18 digits: read without a copy, as `Decimal`'s parser
/// reads it with the commas dropped. None for anything else: the caller asks the parser.
pub(crate) fn plain_decimal(bytes: impl Iterator<Item = u8>) -> Option<Decimal> {
    let (mut mantissa, mut digits, mut scale, mut point) = (0i64, 0u32, 0u32, false);
    let mut last = None;
    for b in bytes {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                scale += u32::from(point);
                if digits > 18 {
                    return None;
                }
                mantissa = mantissa * 10 + i64::from(b - b'0');
            }
            b'.' if !point && last.is_some() => point = true,
            b',' if last.is_some() => {}
            _ => return None,
        }
        last = Some(b);
    }
    (last.is_some_and(|b| b != b'.')).then(|| Decimal::new(mantissa, scale))
}

pub(super) fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰')
}

/// Whether a word may start at byte `i` of `t`: the start, or after a character that is neither
/// a letter nor a digit.
pub(super) fn boundary_before(t: &str, i: usize) -> bool {
    i == 0 || !char_before(t, i).is_some_and(char::is_alphanumeric)
}

/// Whether a word may end before byte `i` of `t`: the end, or a character that is neither a
/// letter nor a digit (a footnote mark such as `⁵` ends a word).
pub(super) fn boundary_after(t: &str, i: usize) -> bool {
    char_at(t, i).is_none_or(|c| !c.is_alphanumeric() || is_superscript(c))
}

/// `RMB<number> million` or `US$<number> billion` (any declared currency, thousand, million or
/// billion) starting at byte `i` of `t`.
pub(super) fn figure_at(t: &str, i: usize, codes: &[Code]) -> Option<Figure> {
    let b = t.as_bytes();
    // Most characters start no currency code: one comparison per form passes them over.
    let first = b.get(i)?.to_ascii_lowercase();
    if !codes
        .iter()
        .any(|c| c.forms.iter().any(|f| f.first() == Some(&first)))
        || !boundary_before(t, i)
    {
        return None;
    }
    // A form is whole characters: its bytes matched start and end on characters of the text.
    let (code, mut k) = codes.iter().enumerate().find_map(|(ci, c)| {
        c.forms
            .iter()
            .find(|f| starts_at(b, i, f))
            .map(|f| (ci, i + f.len()))
    })?;
    let translated = codes[code].translated;
    if b.get(k) == Some(&b' ') {
        k += 1;
    }
    let sign = k;
    if b.get(k) == Some(&b'-') {
        k += 1;
    } else if b[k..].starts_with(MINUS) {
        k += MINUS.len();
    }
    let negative = k > sign;
    let num_start = k;
    while b.get(k).is_some_and(|c| c.is_ascii_digit() || *c == b',') {
        k += 1;
    }
    if b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
        k += 1;
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
    }
    let num_end = k;
    // The integer part: digits, grouped in threes by commas after a first group of one to three.
    let int = b[num_start..num_end]
        .split(|&c| c == b'.')
        .next()
        .unwrap_or_default();
    let mut groups = int.split(|&c| c == b',');
    let first = groups.next().unwrap_or_default();
    let mut more = false;
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        more = true;
    }
    if !first.first().is_some_and(u8::is_ascii_digit) || (more && first.len() > 3) {
        return None;
    }
    while let Some(c) = char_at(t, k).filter(|&c| is_superscript(c)) {
        k += c.len_utf8();
    }
    let ws = k;
    k = skip_whitespace(t, k, t.len());
    if k == ws {
        return None;
    }
    let (word, scale) = SCALE_WORDS
        .iter()
        .copied()
        .find(|(w, _)| starts_at(b, k, w.as_bytes()) && boundary_after(t, k + w.len()))?;
    let mut value = decimal_of(&b[num_start..num_end])?;
    if negative {
        value = -value;
    }
    Some(Figure {
        start: i,
        end: k + word.len(),
        code,
        translated,
        value,
        scale,
    })
}

/// Sentence ranges (byte offsets) of a paragraph's text: a sentence ends at `.`, `!`, `?`, `;`
/// (or `。`) followed by white space or the end. The text is searched a block of bytes at a time
/// for a stop's first byte (an ASCII stop is its byte, and `。`'s first byte is no other
/// character's continuation); only the character after a stop is decoded.
pub(super) fn sentences(text: &str, out: &mut Vec<(usize, usize)>) {
    /// `。` (U+3002) as UTF-8.
    const FULL_STOP: &[u8] = "\u{3002}".as_bytes();
    out.clear();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = super::next_byte_in(bytes, i, [b'.', b'!', b'?', b';', FULL_STOP[0]]) {
        i = p + 1;
        if bytes[p] == FULL_STOP[0] {
            if !bytes[p..].starts_with(FULL_STOP) {
                continue;
            }
            i = p + FULL_STOP.len();
        }
        // A stop ends a sentence at the end or before white space (`char::is_whitespace`).
        if char_at(text, i).is_none_or(char::is_whitespace) {
            out.push((start, i));
            start = i;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
}

/// Verbs that govern a figure after a subject, and that end a subject's clause after another
/// noun ("IDC costs increased ...").
pub(super) const VERBS: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "reached",
    "amounted",
    "totaled",
    "totalled",
    "stood",
    "achieved",
    "increased",
    "decreased",
    "grew",
    "rose",
    "declined",
    "fell",
    "dropped",
    "narrowed",
    "improved",
];

/// For each ASCII lower-case letter, bit `n` is set when a word of [`VERBS`] of `n` letters
/// starts with it: most words are told from every verb by their first letter and length.
const VERB_SHAPES: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut i = 0;
    while i < VERBS.len() {
        let v = VERBS[i].as_bytes();
        t[(v[0] - b'a') as usize] |= 1 << v.len();
        i += 1;
    }
    t
};

/// Whether the word `w` (ASCII letters, in any case) is one of [`VERBS`].
pub(super) fn is_verb(w: &[u8]) -> bool {
    let shape = match w.first().map(u8::to_ascii_lowercase) {
        Some(c @ b'a'..=b'z') if w.len() < 32 => VERB_SHAPES[usize::from(c - b'a')] & (1 << w.len()),
        _ => 0,
    };
    if shape == 0 {
        return false;
    }
    // At most nine letters: compared in lower case as one slice.
    let mut low = [0u8; 9];
    let Some(low) = low.get_mut(..w.len()) else {
        return false;
    };
    // (A byte at a time: no call to copy a slice of unknown length.)
    for (l, &c) in low.iter_mut().zip(w) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &*low,
        b"was"
            | b"were"
            | b"is"
            | b"are"
            | b"reached"
            | b"amounted"
            | b"totaled"
            | b"totalled"
            | b"stood"
            | b"achieved"
            | b"increased"
            | b"decreased"
            | b"grew"
            | b"rose"
            | b"declined"
            | b"fell"
            | b"dropped"
            | b"narrowed"
            | b"improved"
    )
}

/// Words after which a verb continues the subject's clause ("..., increased by", "and decreased").
pub(super) const CONTINUATIONS: &[&str] = &["and", "which", "that", "but", "it"];

/// The word starting at byte `i` (ASCII letters): its end and its bytes, as printed.
pub(super) fn word(t: &str, i: usize) -> (usize, &[u8]) {
    let b = t.as_bytes();
    let mut k = i;
    while b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        k += 1;
    }
    (k, b.get(i..k).unwrap_or_default())
}

/// Whether `w` (ASCII, in any case) is the lower-case word `s`.
pub(super) fn spells(w: &[u8], s: &str) -> bool {
    w.eq_ignore_ascii_case(s.as_bytes())
}

/// Whether `w` is one of `words`, in any ASCII case.
pub(super) fn one_of(w: &[u8], words: &[&str]) -> bool {
    words.iter().any(|s| spells(w, s))
}

/// Whether the word `w` (ASCII letters) reads as an adverb: longer than three letters, ending in
/// `ly`.
pub(super) fn adverb(w: &[u8]) -> bool {
    w.len() > 3 && w[w.len() - 2..].eq_ignore_ascii_case(b"ly")
}

/// A subject phrase occurrence (byte offsets).
#[derive(Clone, Debug)]
pub(super) struct Occurrence {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) subject: usize,
    /// The verb that makes it govern the figures after it (its start), if any.
    pub(super) verb: Option<usize>,
}

/// The subject phrases, made ready to find: each phrase's bytes, grouped by their first two
/// (kept in three vectors, not one a phrase).
pub(super) struct Phrases {
    /// Every phrase's bytes, one after the other.
    bytes: Vec<u8>,
    /// (subject, start and end in `bytes`) of each phrase, grouped by first byte, then by second
    /// (phrases of one byte last), longest first within a group.
    entries: Vec<(usize, usize, usize)>,
    /// The groups: (second byte, or 256 for phrases of one byte; range of `entries`), by first
    /// byte.
    groups: Vec<(u16, usize, usize)>,
    /// For each byte, the range of `groups` of the phrases starting with it.
    first: [(usize, usize); 256],
    /// Every phrase starts with an ASCII letter: phrases and verbs are found in one walk over a
    /// sentence's words ([`subjects_and_verbs`]).
    letters_only: bool,
    /// For each ASCII letter, bit `n` (at most 63) is set when a phrase starting with it (in
    /// either case) starts with a run of `n` ASCII letters: a word of the text starts a phrase
    /// only if its own run of letters has the same first letter and length.
    shapes: [u64; 26],
}

impl Phrases {
    /// `order` lists indices into `subjects`, longest phrase first.
    pub(super) fn new(order: &[usize], subjects: &[Subject]) -> Phrases {
        let mut bytes = Vec::new();
        // (first byte, second byte or 256, subject, start, end)
        let mut keyed: Vec<(u8, u16, usize, usize, usize)> = Vec::with_capacity(order.len());
        for &s in order {
            let start = bytes.len();
            bytes.extend_from_slice(subjects[s].phrase.as_bytes());
            if let Some(&c) = bytes.get(start) {
                let second = bytes.get(start + 1).map_or(256, |&d| u16::from(d));
                keyed.push((c, second, s, start, bytes.len()));
            }
        }
        // A stable sort: each group keeps the phrases longest first.
        keyed.sort_by_key(|k| (k.0, k.1));
        let mut shapes = [0u64; 26];
        let mut letters_only = true;
        for &(c, _, _, a, z) in &keyed {
            let run = bytes[a..z].iter().take_while(|b| b.is_ascii_alphabetic()).count();
            if c.is_ascii_alphabetic() {
                shapes[usize::from(c.to_ascii_lowercase() - b'a')] |= 1 << run.min(63);
            } else {
                letters_only = false;
            }
        }
        let mut out = Phrases {
            bytes,
            entries: keyed.iter().map(|&(_, _, s, a, b)| (s, a, b)).collect(),
            groups: Vec::new(),
            first: [(0, 0); 256],
            letters_only,
            shapes,
        };
        let mut k = 0;
        while k < keyed.len() {
            let key = (keyed[k].0, keyed[k].1);
            let end = k + keyed[k..].iter().take_while(|e| (e.0, e.1) == key).count();
            let g = out.groups.len();
            out.groups.push((key.1, k, end));
            let first = &mut out.first[usize::from(key.0)];
            if first.0 == first.1 {
                *first = (g, g);
            }
            first.1 = g + 1;
            k = end;
        }
        out
    }

    /// Whether a phrase starts with byte `c` (lower case).
    fn any_starting(&self, c: u8) -> bool {
        let (a, b) = self.first[usize::from(c)];
        a < b
    }

    /// The longest phrase starting at byte `i` of `t` (in any ASCII case) and ending at a word's
    /// end by `to`: (subject, length). Only the phrases whose first two bytes are the text's are
    /// tried (then those of one byte).
    fn longest_at(&self, t: &str, i: usize, to: usize) -> Option<(usize, usize)> {
        let b = t.as_bytes();
        let (a, z) = self.first[usize::from(b.get(i)?.to_ascii_lowercase())];
        let groups = &self.groups[a..z];
        let second = b.get(i + 1).map(|d| u16::from(d.to_ascii_lowercase()));
        let pair = groups.iter().find(|g| Some(g.0) == second);
        let single = groups.last().filter(|g| g.0 == 256);
        for &(_, ea, ez) in pair.into_iter().chain(single) {
            for &(s, start, end) in &self.entries[ea..ez] {
                let p = &self.bytes[start..end];
                if i + p.len() <= to && starts_at(b, i, p) && boundary_after(t, i + p.len()) {
                    return Some((s, p.len()));
                }
            }
        }
        None
    }
}

/// The subject phrases of `t[from..to]` (byte offsets) starting before `until`, in text order,
/// into `out`; the longest phrase is tried first. Phrases match in any ASCII case.
pub(super) fn occurrences(
    t: &str,
    from: usize,
    until: usize,
    to: usize,
    phrases: &Phrases,
    out: &mut Vec<Occurrence>,
) {
    out.clear();
    let b = t.as_bytes();
    let lim = until.min(to);
    let mut i = from;
    // Whether the character before `i` is a letter or a digit: kept as the text is walked a
    // character at a time, an ASCII one without decoding.
    let mut in_word = !boundary_before(t, i);
    while i < lim {
        let c = b[i];
        if in_word || !phrases.any_starting(c.to_ascii_lowercase()) {
            // No phrase starts here: on to the next character.
            if c.is_ascii() {
                in_word = c.is_ascii_alphanumeric();
                i += 1;
            } else {
                let ch = char_at(t, i);
                in_word = ch.is_some_and(char::is_alphanumeric);
                i += ch.map_or(1, char::len_utf8);
            }
            continue;
        }
        // A phrase is whole characters, so bytes that match end on a character of the text.
        let Some((s, len)) = phrases.longest_at(t, i, to) else {
            let ch = char_at(t, i);
            in_word = ch.is_some_and(char::is_alphanumeric);
            i += ch.map_or(1, char::len_utf8);
            continue;
        };
        let end = i + len;
        out.push(occurrence(t, i, end, to, s));
        i = end;
        in_word = !boundary_before(t, i);
    }
}

/// The occurrence of subject `s` at `t[start..end]`, with the verb after it (bold markers,
/// footnote marks, spaces and an adverb skipped) that makes it govern, if any.
fn occurrence(t: &str, start: usize, end: usize, to: usize, s: usize) -> Occurrence {
    let mut k = end;
    while k < to
        && let Some(c) = char_at(t, k)
        && (c == '*' || is_superscript(c) || c.is_whitespace())
    {
        k += c.len_utf8();
    }
    let (mut e, mut w) = word(t, k);
    let mut vk = k;
    if adverb(w) {
        vk = skip_whitespace(t, e, to);
        (e, w) = word(t, vk);
    }
    let verb = (e <= to && is_verb(w)).then_some(vk);
    Occurrence {
        start,
        end,
        subject: s,
        verb,
    }
}

/// [`occurrences`] and [`clause_verbs`] of `t[from..to]` up to `until`, found in one walk over
/// the words: a word is tried as a verb, and as the start of a phrase (only when its first
/// letter and length are those of a phrase's first word) unless a phrase found before it covers
/// it.
pub(super) fn subjects_and_verbs(
    t: &str,
    (from, until, to): (usize, usize, usize),
    phrases: &Phrases,
    occs: &mut Vec<Occurrence>,
    verbs: &mut Vec<usize>,
) {
    if !phrases.letters_only {
        occurrences(t, from, until, to, phrases, occs);
        clause_verbs(t, from, until, to, verbs);
        return;
    }
    occs.clear();
    verbs.clear();
    // Phrases are looked for from here on: not inside one found.
    let mut phrase_from = from;
    ascii_words(t, from, until.min(to), |i, e, w| {
        if e <= to && is_verb(w) && !continues(t, from, i) {
            verbs.push(i);
        }
        if i >= phrase_from
            && phrases.shapes[usize::from((w[0] | 0x20) - b'a')] & (1 << (e - i).min(63)) != 0
            && let Some((s, len)) = phrases.longest_at(t, i, to)
        {
            occs.push(occurrence(t, i, i + len, to, s));
            phrase_from = i + len;
        }
    });
}

/// Positions (byte offsets) of verbs in `t[from..to]`, starting before `until`, that start a
/// clause with a subject of their own (not a continuation after a comma, `and`, `which`, ...),
/// into `out`.
pub(super) fn clause_verbs(t: &str, from: usize, until: usize, to: usize, out: &mut Vec<usize>) {
    out.clear();
    ascii_words(t, from, until.min(to), |i, e, w| {
        if e <= to && is_verb(w) && !continues(t, from, i) {
            out.push(i);
        }
    });
}

/// Calls `f` with the start, end and bytes ([`word`]) of each word of ASCII letters starting in
/// `t[from..lim]` at a word boundary (not after a letter or a digit), in order.
#[inline(always)]
fn ascii_words(t: &str, from: usize, lim: usize, mut f: impl FnMut(usize, usize, &[u8])) {
    let b = t.as_bytes();
    let mut i = from;
    // Whether the character before `i` is a letter or a digit, kept as the text is walked.
    let mut in_word = !boundary_before(t, i);
    while i < lim {
        let c = b[i];
        if !c.is_ascii() {
            let ch = char_at(t, i);
            in_word = ch.is_some_and(char::is_alphanumeric);
            i += ch.map_or(1, char::len_utf8);
            continue;
        }
        if in_word || !c.is_ascii_alphabetic() {
            in_word = c.is_ascii_alphanumeric();
            i += 1;
            continue;
        }
        let (e, w) = word(t, i);
        f(i, e, w);
        i = e;
        in_word = true;
    }
}

/// Whether the verb at byte `i` continues the clause before it.
pub(super) fn continues(t: &str, from: usize, i: usize) -> bool {
    let b = t.as_bytes();
    let mut k = i;
    let mut after_adverb = false;
    loop {
        while k > from
            && let Some(c) = char_before(t, k)
            && c.is_whitespace()
        {
            k -= c.len_utf8();
        }
        if k == from {
            return false;
        }
        if b[k - 1] == b',' {
            return true;
        }
        let mut s = k;
        while s > from && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let w = &b[s..k];
        if one_of(w, CONTINUATIONS) {
            return true;
        }
        if !after_adverb && adverb(w) {
            after_adverb = true;
            k = s;
            continue;
        }
        return false;
    }
}

/// The last word (ASCII letters, as printed) before byte `i` (within `from..`).
pub(super) fn word_before(t: &str, from: usize, i: usize) -> &[u8] {
    let b = t.as_bytes();
    let mut k = i;
    while k > from && !b[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let mut s = k;
    while s > from && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    &b[s..k]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Vec<Code> {
        ["RMB", "US$"]
            .iter()
            .map(|c| Code {
                name: (*c).to_string(),
                forms: vec![c.to_lowercase().into_bytes()],
                translated: *c == "US$",
            })
            .collect()
    }

    #[test]
    fn figures_in_thousands_millions_and_billions() {
        let read = |s: &str| figure_at(s, 0, &codes()).map(|f| (f.value.to_string(), f.scale, f.end));
        assert_eq!(
            read("RMB 106.2 billion"),
            Some(("106.2".into(), Scale::Billions, 17))
        );
        assert_eq!(read("US$229 million,"), Some(("229".into(), Scale::Millions, 14)));
        assert_eq!(
            read("RMB338,857 thousand"),
            Some(("338857".into(), Scale::Thousands, 19))
        );
        assert_eq!(
            read("RMB-1.6\nbillion"),
            Some(("-1.6".into(), Scale::Billions, 15))
        );
        // No scale word, a word that only starts like one, a broken number: not a figure.
        assert_eq!(read("RMB8.94 (US$1.30)"), None);
        assert_eq!(read("RMB1.6 billions"), None);
        assert_eq!(read("US$ 1 15.4 billion"), None);
        // Outside ASCII, in bytes: a footnote mark, white space, a minus sign, any case.
        assert_eq!(
            read("us$327.9\u{b9}\u{a0}MILLION)"),
            Some(("327.9".into(), Scale::Millions, 19))
        );
        assert_eq!(
            read("RMB\u{2212}191.9 million"),
            Some(("-191.9".into(), Scale::Millions, 19))
        );
        assert_eq!(read("RMB1.6 millioné"), None);
    }

    #[test]
    fn scale_words_and_percent_signs_in_any_case() {
        for yes in [
            "RMB2.3 MILLION",
            "billion",
            "US$5 Thousand.",
            "up 5%",
            "ThOuSaNd",
            "a mIlLiOn",
            // Longer than a word of eight bytes: across a word's edge, and in the tail.
            "the full year, all told: twelve\nMILLION",
            "the full year, all told: twelve thousand",
            "the full year, all told: billion",
        ] {
            assert!(names_scale_or_percent(yes.as_bytes()), "{yes}");
        }
        for no in [
            "",
            "lu",
            "millio",
            "illion",
            "housand",
            "the full year",
            "bill ion",
            "the full year, all told, unless housands of illions or bill ions; lulu",
        ] {
            assert!(!names_scale_or_percent(no.as_bytes()), "{no}");
        }
    }

    /// A byte at a time, each place tried: what the skipping scan must agree with.
    fn names_scale_or_percent_slowly(bytes: &[u8]) -> bool {
        (0..bytes.len()).any(|i| {
            bytes[i] == b'%'
                || SCALE_WORDS.iter().any(|(w, _)| {
                    bytes
                        .get(i..i + w.len())
                        .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
                })
        })
    }

    /// Every `%` and scale word, a byte at a time, each place tried: what [`marks`] must find.
    fn marks_slowly(bytes: &[u8]) -> Vec<Mark> {
        (0..bytes.len())
            .filter_map(|i| {
                if bytes[i] == b'%' {
                    return Some(Mark { at: i, percent: true });
                }
                SCALE_WORDS
                    .iter()
                    .any(|(w, _)| {
                        bytes
                            .get(i..i + w.len())
                            .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
                    })
                    .then_some(Mark {
                        at: i,
                        percent: false,
                    })
            })
            .collect()
    }

    #[test]
    fn marks_found_by_blocks_as_by_every_place_tried() {
        let mut texts: Vec<&[u8]> = vec![
            b"",
            b"%",
            b"a millionbillion",
            b"xx thousand",
            b"MILLION%BILLION%THOUSAND",
            b"illion llion ous thous thousan millio",
            // Across a block's edge (32 bytes), and at the very end.
            b"0123456789012345678901234567890million and 30% up, two thousand",
            b"012345678901234567890123456789thousand",
            b"0123456789012345678901234567890123456789012345678901234567890billion",
            "Revenue of RMB1.2\u{a0}mIlLiOn, up 5%, é thousand".as_bytes(),
            "収入は1.2 billion増加した 3%".as_bytes(),
        ];
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            let bytes = filing.text.as_bytes();
            texts.push(bytes);
            texts.extend(filing.text.lines().map(str::as_bytes));
            // Every start near a block's edge.
            texts.extend(
                (0..bytes.len())
                    .step_by(29)
                    .map(|i| &bytes[i..(i + 100).min(bytes.len())]),
            );
        }
        let mut found = Vec::new();
        let mut count = 0;
        for t in texts {
            let want = marks_slowly(t);
            marks(t, &mut found);
            assert_eq!(found, want, "{:?}", String::from_utf8_lossy(t));
            count += want.len();
        }
        marks(b"a millionbillion 7%", &mut found);
        assert_eq!(
            found,
            [
                Mark {
                    at: 2,
                    percent: false
                },
                Mark {
                    at: 9,
                    percent: false
                },
                Mark {
                    at: 18,
                    percent: true
                }
            ]
        );
        assert!(count > 1000, "{count}");
    }

    #[test]
    fn skipping_scan_agrees_with_every_place_tried() {
        let mut yes = 0;
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            let bytes = filing.text.as_bytes();
            let lines = filing.text.lines().map(str::as_bytes);
            let windows = (0..bytes.len())
                .step_by(5)
                .flat_map(|i| [7, 8, 9, 15, 40].map(|n| &bytes[i..(i + n).min(bytes.len())]));
            for s in lines.chain(windows) {
                let want = names_scale_or_percent_slowly(s);
                assert_eq!(
                    names_scale_or_percent(s),
                    want,
                    "{:?}",
                    String::from_utf8_lossy(s)
                );
                yes += usize::from(want);
            }
        }
        assert!(yes > 1000, "{yes}");
    }

    /// Sentence ranges in characters, a character at a time: what [`sentences`] must agree
    /// with, in byte offsets.
    fn sentences_by_characters(cs: &[char]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..cs.len() {
            let stop = matches!(cs[i], '.' | '!' | '?' | ';' | '\u{3002}');
            if stop && cs.get(i + 1).is_none_or(|c| c.is_whitespace()) {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < cs.len() {
            out.push((start, cs.len()));
        }
        out
    }

    #[test]
    fn sentences_by_bytes_as_by_characters() {
        let mut texts: Vec<String> = [
            "",
            ".",
            "a.",
            "Revenue was RMB1.2 million. Cost rose; margin fell! Why? End",
            "3.5% and 1.2.3 . x.\ty!\u{b}z?\u{c}w;\rv",
            "no stop at all",
            "trailing stop. ",
            // Stops and white space outside ASCII: a full stop `。`, no-break and ideographic
            // spaces, a stop before a letter with an accent.
            "Revenue was RMB1.2\u{a0}million.\u{a0}Café rose\u{3002}Then; é.é. ¹",
            "収入は増加した\u{3002}\u{3000}次に.",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.extend(filing.text.lines().map(str::to_string));
        }
        let mut found = Vec::new();
        for t in &texts {
            let cs: Vec<char> = t.chars().collect();
            // Character offsets to byte offsets.
            let mut at: Vec<usize> = t.char_indices().map(|(b, _)| b).collect();
            at.push(t.len());
            let want: Vec<(usize, usize)> = sentences_by_characters(&cs)
                .into_iter()
                .map(|(a, b)| (at[a], at[b]))
                .collect();
            sentences(t, &mut found);
            assert_eq!(found, want, "{t:?}");
        }
        let t = "Revenue was RMB1.2\u{a0}million.\u{a0}Café rose\u{3002}Then";
        sentences(t, &mut found);
        let parts: Vec<&str> = found.iter().map(|&(a, b)| &t[a..b]).collect();
        // `。` before a letter ends no sentence, as `.` before one does not.
        assert_eq!(
            parts,
            ["Revenue was RMB1.2\u{a0}million.", "\u{a0}Café rose\u{3002}Then"]
        );
    }

    /// The texts the walks are compared on: the bundled filings' lines and the other companies'
    /// press releases (newswire prose, some of it outside ASCII), with a few made-up sentences.
    fn corpus() -> Vec<String> {
        let mut texts: Vec<String> = [
            "Net loss¹ was RMB1.2 million, and total revenues increased by 5%.",
            "Café revenues were RMB3.0 million; the gross profit¹ ² reached é RMB1.0 million",
            "**Gross profit** was RMB1.0 million, which increased, and non-GAAP EBITDA rose.",
            "Total revenues5 were RMB2.0 million; 2total revenues were; Total Revenues¹were up.",
            "Adjusted net loss significantly narrowed to RMB9.9 million. Revenue from public cloud services was",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.extend(filing.text.lines().map(str::to_string));
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/others");
        for name in [
            "buckle-2024-q3-press-release.html",
            "deluxe-2026-q2-press-release.md",
            "forian-2024-q3-press-release.md",
            "paltalk-2024-q3-press-release.md",
            "pdd-holdings-2026-q1-press-release.txt",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            texts.extend(text.lines().map(str::to_string));
        }
        texts
    }

    /// One walk over a sentence's words finds the subjects and verbs that the two walks of
    /// [`occurrences`] and [`clause_verbs`] find, on every sentence of the corpus, up to every
    /// figure's place.
    #[test]
    fn one_walk_finds_what_two_walks_find() {
        let subjects = crate::narrative::subjects(crate::kingsoft::LAYOUTS);
        let mut order: Vec<usize> = (0..subjects.len()).collect();
        order.sort_by_cached_key(|&s| std::cmp::Reverse(subjects[s].phrase.chars().count()));
        let phrases = Phrases::new(&order, &subjects);
        assert!(phrases.letters_only);
        let (mut occs, mut verbs, mut occs2, mut verbs2, mut ranges) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let key = |o: &Occurrence| (o.start, o.end, o.subject, o.verb);
        let (mut found_occs, mut found_verbs) = (0, 0);
        for t in corpus() {
            sentences(&t, &mut ranges);
            for &(s0, s1) in &ranges {
                // Up to the sentence's end, and up to places inside it (a figure's start).
                let untils = [s1, s0 + (s1 - s0) / 2, s0 + (s1 - s0) / 3];
                for until in untils.into_iter().filter(|&u| t.is_char_boundary(u)) {
                    occurrences(&t, s0, until, s1, &phrases, &mut occs);
                    clause_verbs(&t, s0, until, s1, &mut verbs);
                    subjects_and_verbs(&t, (s0, until, s1), &phrases, &mut occs2, &mut verbs2);
                    assert_eq!(
                        occs2.iter().map(key).collect::<Vec<_>>(),
                        occs.iter().map(key).collect::<Vec<_>>(),
                        "{:?}",
                        &t[s0..s1]
                    );
                    assert_eq!(verbs2, verbs, "{:?}", &t[s0..s1]);
                    found_occs += occs.len();
                    found_verbs += verbs.len();
                }
            }
        }
        assert!(
            found_occs > 500 && found_verbs > 500,
            "{found_occs} {found_verbs}"
        );
    }

    #[test]
    fn verbs_told_by_shape_as_by_every_comparison() {
        let words = [
            "was",
            "were",
            "is",
            "are",
            "reached",
            "stood",
            "improved",
            "narrowed",
            "fell",
            "wash",
            "wa",
            "revenue",
            "increase",
            "increased",
            "",
            "i",
            "x",
            "amounted",
            "totalled",
            "a",
            "z",
        ];
        for w in words {
            assert_eq!(is_verb(w.as_bytes()), one_of(w.as_bytes(), VERBS), "{w}");
        }
        for v in VERBS {
            assert!(is_verb(v.as_bytes()), "{v}");
            assert!(is_verb(v.to_ascii_uppercase().as_bytes()), "{v}");
        }
    }

    #[test]
    fn bytes_found_by_blocks_as_one_by_one() {
        let text = crate::kingsoft::Q2_2025.text.as_bytes();
        for set in [
            [b'.', b'!', b'?', b';'],
            [b'R', b'U', b'U', b'U'],
            [0xE2; 4],
            [b'\t'; 4],
        ] {
            let mut found = 0;
            // Every start near a block's edge, and every place of the text once in a while.
            for from in (0..text.len() + 2).filter(|f| f % 97 < 3 || f % 32 < 2 || *f >= text.len()) {
                let want = text
                    .get(from..)
                    .and_then(|r| r.iter().position(|b| set.contains(b)))
                    .map(|p| from + p);
                assert_eq!(
                    crate::narrative::next_byte_in(text, from, set),
                    want,
                    "{set:?} {from}"
                );
                found += usize::from(want.is_some());
            }
            assert!(found > 100, "{set:?}");
        }
    }

    #[test]
    fn decimals_read_as_the_parser_reads_them() {
        for num in [
            "7.1636",
            "1.00",
            "1",
            "0",
            "007.50",
            "1,000",
            "2,349.2",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567890123456789012",
            "1.2.3",
            ".5",
            "",
            ",",
            "1..2",
            "5.",
            "99999999999999999.9",
            "0.000000000000000001",
            "1,2,3",
        ] {
            let parsed = num.replace(',', "").parse::<Decimal>().ok();
            let got = decimal_of(num.as_bytes());
            assert_eq!(got.map(|d| d.to_string()), parsed.map(|d| d.to_string()), "{num}");
        }
    }

    #[test]
    fn percentages() {
        let read = |s: &str, i: usize| percentage_at(s, i).map(|p| (p.value.to_string(), p.end));
        assert_eq!(read("24.2% year-over-year", 0), Some(("24.2".into(), 5)));
        assert_eq!(read("was -5.2 %", 4), Some(("-5.2".into(), 10)));
        assert_eq!(read("by 11%", 3), Some(("11".into(), 6)));
        // Inside another token, or a number without its sign.
        assert_eq!(read("a1%", 1), None);
        assert_eq!(read("2.24.2%", 2), None);
        assert_eq!(read("24.2 percent", 0), None);
        assert_eq!(read("1234567%", 0), None);
        // Positions are bytes: a minus sign `−` is three, and ends the number only as its sign.
        assert_eq!(read("\u{2212}3.1%", 0), Some(("-3.1".into(), 7)));
        assert_eq!(read("é 4.5%", 3), Some(("4.5".into(), 7)));
        assert_eq!(read("é4.5%", 2), None);
        assert_eq!(read("1\u{2212}4.5%", 4), None);
    }
}
