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
    /// Lower-case forms to find in the text (`us$`, `us\$`).
    pub(super) forms: Vec<Vec<char>>,
    /// A translation of another currency's figures (a figure in it counts only in parentheses
    /// after a figure in another currency).
    pub(super) translated: bool,
}

/// A money figure in the prose; positions are char indices into the paragraph.
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
/// without either states no figure. A `%` is found with `memchr`; a scale word, seven or eight
/// letters long, covers one of every seventh byte, so only those are looked at: one a scale word
/// may have there (a letter of `million`, `billion` or `thousand`) is tried as each place it
/// takes in the words.
pub(super) fn names_scale_or_percent(bytes: &[u8]) -> bool {
    const WORDS: [&[u8]; 3] = [b"million", b"billion", b"thousand"];
    // For each byte, bit 8w + j is set when word w has it (in either case) at place j.
    const PLACES: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut w = 0;
        while w < WORDS.len() {
            let mut j = 0;
            while j < WORDS[w].len() {
                let c = WORDS[w][j];
                t[c as usize] |= 1 << (8 * w + j);
                t[c.to_ascii_uppercase() as usize] |= 1 << (8 * w + j);
                j += 1;
            }
            w += 1;
        }
        t
    };
    if bytes.contains(&b'%') {
        return true;
    }
    let mut k = 6;
    while let Some(&b) = bytes.get(k) {
        let mut places = PLACES[usize::from(b)];
        while places != 0 {
            let bit = places.trailing_zeros() as usize;
            places &= places - 1;
            let (word, j) = (WORDS[bit / 8], bit % 8);
            // The first letter first: it turns most places down.
            if k >= j
                && bytes[k - j] | 0x20 == word[0]
                && bytes
                    .get(k - j..k - j + word.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(word))
            {
                return true;
            }
        }
        k += 7;
    }
    false
}

/// A percentage of the prose (`24.2%`, `-5.2 %`); positions are char indices into the paragraph.
#[derive(Clone, Debug)]
pub(super) struct Percentage {
    pub(super) start: usize,
    pub(super) end: usize,
    /// As printed, with its decimals (`24.2`).
    pub(super) value: Decimal,
}

/// `<number>%` or `<number> %` starting at `i`, with an optional minus sign; never a number that
/// continues a longer token (`2.24.2%`, `a1%`).
pub(super) fn percentage_at(cs: &[char], i: usize) -> Option<Percentage> {
    if !boundary_before(cs, i) || (i > 0 && matches!(cs[i - 1], '.' | ',' | '-' | '\u{2212}')) {
        return None;
    }
    let mut k = i;
    let negative = matches!(cs.get(k), Some('-' | '\u{2212}'));
    if negative {
        k += 1;
    }
    let num_start = k;
    while cs.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
    }
    if k == num_start || k - num_start > 6 {
        return None;
    }
    if cs.get(k) == Some(&'.') && cs.get(k + 1).is_some_and(char::is_ascii_digit) {
        k += 1;
        while cs.get(k).is_some_and(char::is_ascii_digit) {
            k += 1;
        }
    }
    let num_end = k;
    if cs.get(k) == Some(&' ') {
        k += 1;
    }
    if cs.get(k) != Some(&'%') {
        return None;
    }
    let mut value = decimal_of(&cs[num_start..num_end])?;
    if negative {
        value = -value;
    }
    Some(Percentage {
        start: i,
        end: k + 1,
        value,
    })
}

/// The number printed by `cs` (ASCII digits, commas dropped, a decimal point), as `Decimal`'s
/// parser reads it: at most 18 digits read here without a copy, more by the parser.
pub(super) fn decimal_of(cs: &[char]) -> Option<Decimal> {
    // A character outside ASCII maps to a byte no figure holds.
    plain_decimal(cs.iter().map(|&c| u8::try_from(c).unwrap_or(0xFF))).or_else(|| {
        let number: String = cs.iter().filter(|&&c| c != ',').collect();
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

pub(super) fn starts_at(lc: &[char], i: usize, pat: &str) -> bool {
    (i..).zip(pat.chars()).all(|(k, p)| lc.get(k) == Some(&p))
}

pub(super) fn boundary_before(cs: &[char], i: usize) -> bool {
    i == 0 || !cs[i - 1].is_alphanumeric()
}

/// Whether a word may end before `i`: the end, or a character that is neither a letter nor a
/// digit (a footnote mark such as `⁵` ends a word).
pub(super) fn boundary_after(cs: &[char], i: usize) -> bool {
    cs.get(i)
        .is_none_or(|c| !c.is_alphanumeric() || is_superscript(*c))
}

/// `RMB<number> million` or `US$<number> billion` (any declared currency, thousand, million or
/// billion) starting at `i`.
pub(super) fn figure_at(cs: &[char], lc: &[char], i: usize, codes: &[Code]) -> Option<Figure> {
    // Most characters start no currency code: one comparison per form passes them over.
    let first = lc.get(i)?;
    if !codes
        .iter()
        .any(|c| c.forms.iter().any(|f| f.first() == Some(first)))
        || !boundary_before(cs, i)
    {
        return None;
    }
    let (code, mut k) = codes.iter().enumerate().find_map(|(ci, c)| {
        c.forms
            .iter()
            .find(|f| (i..).zip(f.iter()).all(|(k, p)| lc.get(k) == Some(p)))
            .map(|f| (ci, i + f.len()))
    })?;
    let translated = codes[code].translated;
    if cs.get(k) == Some(&' ') {
        k += 1;
    }
    let negative = matches!(cs.get(k), Some('-' | '\u{2212}'));
    if negative {
        k += 1;
    }
    let num_start = k;
    while cs.get(k).is_some_and(|c| c.is_ascii_digit() || *c == ',') {
        k += 1;
    }
    if cs.get(k) == Some(&'.') && cs.get(k + 1).is_some_and(char::is_ascii_digit) {
        k += 1;
        while cs.get(k).is_some_and(char::is_ascii_digit) {
            k += 1;
        }
    }
    let num_end = k;
    // The integer part: digits, grouped in threes by commas after a first group of one to three.
    let int = cs[num_start..num_end]
        .split(|&c| c == '.')
        .next()
        .unwrap_or_default();
    let mut groups = int.split(|&c| c == ',');
    let first = groups.next().unwrap_or_default();
    let mut more = false;
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        more = true;
    }
    if !first.first().is_some_and(char::is_ascii_digit) || (more && first.len() > 3) {
        return None;
    }
    while cs.get(k).is_some_and(|c| is_superscript(*c)) {
        k += 1;
    }
    let ws = k;
    while cs.get(k).is_some_and(|c| c.is_whitespace()) {
        k += 1;
    }
    if k == ws {
        return None;
    }
    let (word, scale) = SCALE_WORDS
        .iter()
        .copied()
        .find(|(w, _)| starts_at(lc, k, w) && boundary_after(cs, k + w.len()))?;
    let mut value = decimal_of(&cs[num_start..num_end])?;
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

/// Sentence ranges (char indices) of a paragraph `text`, whose characters are `cs`: an ASCII
/// text (a byte a character) is searched byte by byte, as [`sentences`] reads characters.
pub(super) fn sentences_of(text: &str, cs: &[char]) -> Vec<(usize, usize)> {
    if !text.is_ascii() {
        return sentences(cs);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(p) = super::next_byte_in(bytes, i, [b'.', b'!', b'?', b';']) {
        i = p + 1;
        // A stop ends a sentence at the end or before white space (`char::is_whitespace`).
        if bytes.get(i).is_none_or(|b| matches!(b, b'\t'..=b'\r' | b' ')) {
            out.push((start, i));
            start = i;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// Sentence ranges (char indices) of a paragraph.
pub(super) fn sentences(cs: &[char]) -> Vec<(usize, usize)> {
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

/// Whether the word `w` (lower case) is one of [`VERBS`].
pub(super) fn is_verb(w: &[char]) -> bool {
    let shape = match w.first() {
        Some(&c @ 'a'..='z') if w.len() < 32 => VERB_SHAPES[c as usize - 'a' as usize] & (1 << w.len()),
        _ => 0,
    };
    shape != 0 && one_of(w, VERBS)
}

/// Words after which a verb continues the subject's clause ("..., increased by", "and decreased").
pub(super) const CONTINUATIONS: &[&str] = &["and", "which", "that", "but", "it"];

/// The word starting at `i` (ASCII letters): its end and its characters.
pub(super) fn word(lc: &[char], i: usize) -> (usize, &[char]) {
    let mut k = i;
    while lc.get(k).is_some_and(char::is_ascii_alphabetic) {
        k += 1;
    }
    (k, &lc[i..k])
}

/// Whether the characters `w` spell `s`.
pub(super) fn spells(w: &[char], s: &str) -> bool {
    w.len() == s.len() && w.iter().zip(s.bytes()).all(|(&c, b)| c == char::from(b))
}

/// Whether `w` is one of `words`.
pub(super) fn one_of(w: &[char], words: &[&str]) -> bool {
    words.iter().any(|s| spells(w, s))
}

/// Whether the word `w` (ASCII letters) reads as an adverb: longer than three letters, ending in
/// `ly`.
pub(super) fn adverb(w: &[char]) -> bool {
    w.len() > 3 && w.ends_with(&['l', 'y'])
}

/// A subject phrase occurrence.
#[derive(Clone, Debug)]
pub(super) struct Occurrence {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) subject: usize,
    /// The verb that makes it govern the figures after it (its start), if any.
    pub(super) verb: Option<usize>,
}

/// The subject phrases, made ready to find: each phrase's characters, grouped by the first
/// (kept in two vectors, not one a phrase).
pub(super) struct Phrases {
    /// Every phrase's characters, one after the other.
    chars: Vec<char>,
    /// (subject, start and end in `chars`) of each phrase, grouped by first character (ASCII ones
    /// in their order, then the others), longest first within a group.
    entries: Vec<(usize, usize, usize)>,
    /// For each ASCII character, the range of `entries` starting with it.
    ascii: [(usize, usize); 128],
    /// The range of `entries` starting with another character.
    other: (usize, usize),
}

impl Phrases {
    /// `order` lists indices into `subjects`, longest phrase first.
    pub(super) fn new(order: &[usize], subjects: &[Subject]) -> Phrases {
        let mut chars = Vec::new();
        // (group: the first character if ASCII, else 128; subject, start, end)
        let mut keyed: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(order.len());
        for &s in order {
            let start = chars.len();
            chars.extend(subjects[s].phrase.chars());
            if let Some(&c) = chars.get(start) {
                let group = if c.is_ascii() { c as usize } else { 128 };
                keyed.push((group, s, start, chars.len()));
            }
        }
        // A stable sort: each group keeps the phrases longest first.
        keyed.sort_by_key(|k| k.0);
        let mut out = Phrases {
            chars,
            entries: keyed.iter().map(|&(_, s, a, b)| (s, a, b)).collect(),
            ascii: [(0, 0); 128],
            other: (0, 0),
        };
        let mut k = 0;
        while k < keyed.len() {
            let group = keyed[k].0;
            let end = k + keyed[k..].iter().take_while(|e| e.0 == group).count();
            match out.ascii.get_mut(group) {
                Some(range) => *range = (k, end),
                None => out.other = (k, end),
            }
            k = end;
        }
        out
    }

    /// The (subject, phrase) pairs that may start with `c`, longest first.
    fn starting(&self, c: char) -> impl Iterator<Item = (usize, &[char])> {
        let (a, b) = if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
        };
        self.entries[a..b]
            .iter()
            .map(|&(s, start, end)| (s, &self.chars[start..end]))
    }
}

/// The subject phrases of `lc[from..to]` starting before `until`, in text order; the longest
/// phrase is tried first.
pub(super) fn occurrences(
    lc: &[char],
    from: usize,
    until: usize,
    to: usize,
    phrases: &Phrases,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut i = from;
    while i < until.min(to) {
        if !boundary_before(lc, i) {
            // Inside a word: on past its end, where the next may start.
            i += 1;
            while i < to && lc[i - 1].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // The second character first: most phrases sharing a first letter differ there.
        let hit = phrases.starting(lc[i]).find(|(_, p)| {
            i + p.len() <= to
                && p.get(1).is_none_or(|c| lc[i + 1] == *c)
                && lc[i..i + p.len()] == p[..]
                && boundary_after(lc, i + p.len())
        });
        let Some((s, phrase)) = hit else {
            i += 1;
            continue;
        };
        let end = i + phrase.len();
        // Skip bold markers, footnote marks and spaces, and an adverb, to the verb.
        let mut k = end;
        while k < to && (lc[k] == '*' || is_superscript(lc[k]) || lc[k].is_whitespace()) {
            k += 1;
        }
        let (mut e, mut w) = word(lc, k);
        let mut vk = k;
        if adverb(w) {
            vk = e;
            while vk < to && lc[vk].is_whitespace() {
                vk += 1;
            }
            (e, w) = word(lc, vk);
        }
        let verb = (e <= to && is_verb(w)).then_some(vk);
        out.push(Occurrence {
            start: i,
            end,
            subject: s,
            verb,
        });
        i = end;
    }
    out
}

/// Positions of verbs in `lc[from..to]`, starting before `until`, that start a clause with a
/// subject of their own (not a continuation after a comma, `and`, `which`, ...).
pub(super) fn clause_verbs(lc: &[char], from: usize, until: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = from;
    while i < until.min(to) {
        if !lc[i].is_ascii_alphabetic() || !boundary_before(lc, i) {
            i += 1;
            continue;
        }
        let (e, w) = word(lc, i);
        if e <= to && is_verb(w) && !continues(lc, from, i) {
            out.push(i);
        }
        i = e.max(i + 1);
    }
    out
}

/// Whether the verb at `i` continues the clause before it.
pub(super) fn continues(lc: &[char], from: usize, i: usize) -> bool {
    let mut k = i;
    let mut after_adverb = false;
    loop {
        while k > from && lc[k - 1].is_whitespace() {
            k -= 1;
        }
        if k == from {
            return false;
        }
        if lc[k - 1] == ',' {
            return true;
        }
        let mut s = k;
        while s > from && lc[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let w = &lc[s..k];
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

/// The last word before `i` (within `from..`).
pub(super) fn word_before(lc: &[char], from: usize, i: usize) -> String {
    let mut k = i;
    while k > from && !lc[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let mut s = k;
    while s > from && lc[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    lc[s..k].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> (Vec<char>, Vec<char>) {
        let cs: Vec<char> = s.chars().collect();
        let lc = cs.iter().map(char::to_ascii_lowercase).collect();
        (cs, lc)
    }

    fn codes() -> Vec<Code> {
        ["RMB", "US$"]
            .iter()
            .map(|c| Code {
                name: (*c).to_string(),
                forms: vec![c.to_lowercase().chars().collect()],
                translated: *c == "US$",
            })
            .collect()
    }

    #[test]
    fn figures_in_thousands_millions_and_billions() {
        let read = |s: &str| {
            let (cs, lc) = chars(s);
            figure_at(&cs, &lc, 0, &codes()).map(|f| (f.value.to_string(), f.scale, f.end))
        };
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

    #[test]
    fn sentences_of_ascii_text_as_of_its_characters() {
        let mut texts: Vec<String> = [
            "",
            ".",
            "a.",
            "Revenue was RMB1.2 million. Cost rose; margin fell! Why? End",
            "3.5% and 1.2.3 . x.\ty!\u{b}z?\u{c}w;\rv",
            "no stop at all",
            "trailing stop. ",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.extend(filing.text.lines().map(str::to_string));
        }
        for t in &texts {
            let cs: Vec<char> = t.chars().collect();
            assert_eq!(sentences_of(t, &cs), sentences(&cs), "{t:?}");
        }
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
            let cs: Vec<char> = w.chars().collect();
            assert_eq!(is_verb(&cs), one_of(&cs, VERBS), "{w}");
        }
        for v in VERBS {
            let cs: Vec<char> = v.chars().collect();
            assert!(is_verb(&cs), "{v}");
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
            let cs: Vec<char> = num.chars().collect();
            let parsed = num.replace(',', "").parse::<Decimal>().ok();
            let got = decimal_of(&cs);
            assert_eq!(got.map(|d| d.to_string()), parsed.map(|d| d.to_string()), "{num}");
        }
    }

    #[test]
    fn percentages() {
        let read = |s: &str, i: usize| {
            let (cs, _) = chars(s);
            percentage_at(&cs, i).map(|p| (p.value.to_string(), p.end))
        };
        assert_eq!(read("24.2% year-over-year", 0), Some(("24.2".into(), 5)));
        assert_eq!(read("was -5.2 %", 4), Some(("-5.2".into(), 10)));
        assert_eq!(read("by 11%", 3), Some(("11".into(), 6)));
        // Inside another token, or a number without its sign.
        assert_eq!(read("a1%", 1), None);
        assert_eq!(read("2.24.2%", 2), None);
        assert_eq!(read("24.2 percent", 0), None);
        assert_eq!(read("1234567%", 0), None);
    }
}
