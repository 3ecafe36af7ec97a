//! The period a prose figure refers to: the words near it ("in the same quarter of 2024", "as of
//! June 30, 2025", "last quarter") and the filing's reporting period.

use crate::bind::BoundStatement;
use crate::read::{Date, Filing, Period};

/// What the words near a figure say about its period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    At(Period),
    /// Words naming a period that cannot be resolved with certainty.
    Unknown,
}

/// The reporting period: the first "... ended <date>" duration the prose states, when a bound
/// statement has a column for it.
pub(super) fn reporting_period(filing: &Filing, statements: &[BoundStatement]) -> Option<(u8, Date)> {
    let found = filing.paragraphs.iter().find_map(|p| {
        // An explicit duration reads " ended " (in any case): a paragraph without it states none.
        if !contains_ignore_case(p.text.as_bytes(), b" ended ") {
            return None;
        }
        let lower = p.text.to_ascii_lowercase();
        // The first explicit duration: the walk stops there.
        let mut first = None;
        each_cue(&lower, None, lower.len(), |_, _, cue, ended| {
            if let (Cue::At(Period::Duration { months, end }), true) = (cue, ended) {
                first = Some((months, end));
            }
            first.is_none()
        });
        first
    })?;
    let period = Period::Duration {
        months: found.0,
        end: found.1,
    };
    statements
        .iter()
        .any(|s| s.column.period == period)
        .then_some(found)
}

/// Whether `bytes` hold `pat` (lower case, starting with a byte that is no letter) in any ASCII
/// case: each place of its first byte is found by `memchr`, then compared.
fn contains_ignore_case(bytes: &[u8], pat: &[u8]) -> bool {
    let Some((&first, rest)) = pat.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(k) = bytes.get(from..).and_then(|b| b.iter().position(|&c| c == first)) {
        let at = from + k + 1;
        if bytes
            .get(at..at + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
        {
            return true;
        }
        from = at;
    }
    false
}

pub(super) const MONTH_NAMES: [&str; 12] = Date::MONTH_NAMES;

pub(super) fn is_word_start(s: &str, i: usize) -> bool {
    // An ASCII byte before `i` is the character before it: nothing to decode.
    match i.checked_sub(1).map(|k| s.as_bytes()[k]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !s[..i].chars().next_back().is_some_and(char::is_alphanumeric),
    }
}

pub(super) fn is_word_end(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !s[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// `s` starts with the word `w` (followed by a non-alphanumeric character or the end).
pub(super) fn word_at(s: &str, w: &str) -> bool {
    // The first bytes first: most words of the text start otherwise.
    (w.is_empty() || s.as_bytes().first() == w.as_bytes().first())
        && s.starts_with(w)
        && is_word_end(s, w.len())
}

/// A month name (full or three-letter, optionally with a period) at the start of `s`.
pub(super) fn month_at(s: &str) -> Option<(usize, u8)> {
    // Every form starts with the name's first three letters, and no two names share them: one
    // month at most can match.
    let head = s.as_bytes().get(..3)?;
    let i = MONTH_NAMES.iter().position(|n| n.as_bytes()[..3] == *head)?;
    let name = MONTH_NAMES[i];
    let m = u8::try_from(i + 1).ok()?;
    if word_at(s, name) {
        return Some((name.len(), m));
    }
    let abbr = if name == "september" { "sept" } else { &name[..3] };
    for a in [abbr, &name[..3]] {
        if word_at(s, a) {
            let len = a.len() + usize::from(s[a.len()..].starts_with('.'));
            return Some((len, m));
        }
    }
    None
}

/// Leading ASCII digits of `s`, with their count.
pub(super) fn digits(s: &str) -> Option<(usize, u32)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 || !is_word_end(s, n) {
        return None;
    }
    Some((n, s[..n].parse().ok()?))
}

/// A four-digit year at the start of `s`.
pub(super) fn year_at(s: &str) -> Option<(usize, i32)> {
    let (n, y) = digits(s)?;
    (n == 4 && (1900..=2200).contains(&y)).then_some((n, i32::try_from(y).ok()?))
}

/// `June 30, 2025` (comma optional) at the start of `s`.
pub(super) fn date_at(s: &str) -> Option<(usize, Date)> {
    let (mut i, month) = month_at(s)?;
    i += s[i..].len() - s[i..].trim_start().len();
    let (n, day) = digits(&s[i..])?;
    i += n;
    i += usize::from(s[i..].starts_with(','));
    let sp = s[i..].len() - s[i..].trim_start().len();
    if sp == 0 {
        return None;
    }
    i += sp;
    let (n, year) = year_at(&s[i..])?;
    let date = Date {
        year,
        month,
        day: u8::try_from(day).ok()?,
    };
    (date.day >= 1 && date.day <= Date::month_end(year, month).day).then_some((i + n, date))
}

/// A year named after a period word: ` of 2024`, ` in 2024`, ` 2024`, ` last year`, ` this
/// year`, ` of the previous year`: (length, `Some(year)` when one is named, the year itself `None`
/// when it is relative to an unknown reporting period).
pub(super) fn year_spec(s: &str, current: Option<i32>) -> (usize, Option<Option<i32>>) {
    let mut best: Option<(usize, Option<i32>)> = None;
    for prefix in [" of the ", " in the ", " of ", " in ", " "] {
        let Some(rest) = s.strip_prefix(prefix) else {
            continue;
        };
        let found = if let Some((n, y)) = year_at(rest) {
            Some((n, Some(y)))
        } else {
            [
                ("last year", -1),
                ("previous year", -1),
                ("prior year", -1),
                ("this year", 0),
                ("current year", 0),
            ]
            .iter()
            .find(|(w, _)| word_at(rest, w))
            .map(|(w, d)| (w.len(), current.map(|c| c + d)))
        };
        if let Some((n, y)) = found {
            best = Some((prefix.len() + n, y));
            break;
        }
    }
    match best {
        Some((n, y)) => (n, Some(y)),
        None => (0, None),
    }
}

/// The period phrases of [`each_cue`], collected.
#[cfg(test)]
fn find_cues_before(s: &str, current: Option<(u8, Date)>, limit: usize) -> Vec<(usize, usize, Cue, bool)> {
    let mut out = Vec::new();
    each_cue(s, current, limit, |at, end, cue, ended| {
        out.push((at, end, cue, ended));
        true
    });
    out
}

/// Every period phrase of `s` (lower case) that starts before `limit` (each read in all of `s`),
/// given to `f` in text order until it returns false: (start, end, cue, whether it is an explicit
/// "... ended <date>" duration). Words naming a period that no phrase resolves are
/// [`Cue::Unknown`]. Changes ("year-over-year") are not periods.
fn each_cue(
    s: &str,
    current: Option<(u8, Date)>,
    limit: usize,
    mut f: impl FnMut(usize, usize, Cue, bool) -> bool,
) {
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() && i < limit {
        let b = bytes[i];
        // An ASCII byte is its character: nothing to decode.
        let starts_word = if b.is_ascii() {
            b.is_ascii_alphanumeric() && is_word_start(s, i)
        } else {
            is_word_start(s, i) && s[i..].starts_with(char::is_alphanumeric)
        };
        if !starts_word {
            i += if b.is_ascii() {
                1
            } else {
                s[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        }
        let rest = &s[i..];
        // The word's ASCII letters, digits and hyphens first; a character outside ASCII decoded.
        let ascii = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let word_len = if rest.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
            ascii
        } else {
            ascii
                + rest[ascii..]
                    .char_indices()
                    .find(|(_, c)| !c.is_alphanumeric() && *c != '-')
                    .map_or(rest.len() - ascii, |(k, _)| k)
        };
        let word = &rest[..word_len];
        // A word of no period phrase's or period word's first letter and length, without a
        // hyphen, is neither: passed over at once.
        if !may_name_period(word.as_bytes()) {
            i += word_len.max(1);
            continue;
        }
        if let Some((n, cue, ended)) = cue_at(rest, current) {
            if !f(i, i + n, cue, ended) {
                return;
            }
            i += n.max(1);
            continue;
        }
        let temporal = temporal(word);
        let change = [
            "year-over-year",
            "quarter-over-quarter",
            "year-on-year",
            "quarter-on-quarter",
        ]
        .contains(&word);
        if temporal && !change && !f(i, i + word_len, Cue::Unknown, false) {
            return;
        }
        i += word_len.max(1);
    }
}

/// The first words of the phrases [`cue_at`] reads, the words [`find_cues_before`] takes for
/// temporal, and the months' short names (of three letters, `sept`); their full names are
/// [`Date::MONTH_NAMES`](crate::read::Date::MONTH_NAMES).
const PERIOD_WORDS: [&str; 55] = [
    "same",
    "corresponding",
    "first",
    "second",
    "third",
    "fourth",
    "last",
    "previous",
    "prior",
    "preceding",
    "sequential",
    "this",
    "current",
    "reporting",
    "three",
    "six",
    "nine",
    "twelve",
    "quarter",
    "year",
    "as",
    "of",
    "at",
    "on",
    "quarters",
    "quarterly",
    "period",
    "periods",
    "half",
    "years",
    "annual",
    "month",
    "months",
    "ended",
    "ending",
    "fiscal",
    "ytd",
    "h1",
    "h2",
    "q1",
    "q2",
    "q3",
    "q4",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "sept",
];

/// For each byte, bit `n` (at most 63) is set when a word of [`PERIOD_WORDS`] or a month's full
/// name of `n` bytes starts with it (a year: four digits, any first digit).
const PERIOD_SHAPES: [u64; 256] = {
    const fn mark(t: &mut [u64; 256], words: &[&str]) {
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            t[w[0] as usize] |= 1 << w.len();
            i += 1;
        }
    }
    let mut t = [0u64; 256];
    mark(&mut t, &PERIOD_WORDS);
    mark(&mut t, &crate::read::Date::MONTH_NAMES);
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] |= 1 << 4;
        d += 1;
    }
    t
};

/// Whether `word` (lower case, a run of letters, digits and hyphens) may start a period phrase
/// ([`cue_at`]) or be a temporal word: one with a hyphen, or of a period word's first byte and
/// length.
fn may_name_period(word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return true;
    };
    PERIOD_SHAPES[usize::from(first)] & (1 << word.len().min(63)) != 0 || word.contains(&b'-')
}

/// Whether a word (lower case, a run of letters, digits and hyphens) is temporal: one of its
/// hyphenated parts is a period word, a year or a month's name.
fn temporal(word: &str) -> bool {
    // Every temporal word below is two to nine bytes long.
    word.split('-').any(|w| {
        (2..=9).contains(&w.len())
            && (matches!(
                w,
                "quarter"
                    | "quarters"
                    | "quarterly"
                    | "period"
                    | "periods"
                    | "half"
                    | "year"
                    | "years"
                    | "annual"
                    | "month"
                    | "months"
                    | "ended"
                    | "ending"
                    | "fiscal"
                    | "ytd"
                    | "h1"
                    | "h2"
                    | "q1"
                    | "q2"
                    | "q3"
                    | "q4"
            ) || year_at(w).is_some()
                || month_at(w).is_some_and(|(n, _)| n == w.len()))
    })
}

/// The period phrase starting `s`, if any: (length, cue, explicit "ended <date>").
pub(super) fn cue_at(s: &str, current: Option<(u8, Date)>) -> Option<(usize, Cue, bool)> {
    // Every phrase below starts with one of these letters: other words are passed over at once.
    if !s.as_bytes().first().is_some_and(|b| {
        matches!(
            b,
            b'a' | b'c' | b'f' | b'l' | b'n' | b'o' | b'p' | b'q' | b'r' | b's' | b't' | b'y'
        )
    }) {
        return None;
    }
    let cur = current;
    let cur_year = cur.map(|(_, e)| e.year);
    let quarterly = cur.filter(|(m, _)| *m == 3);
    // "... ended June 30, 2025"
    let ended = |rest: &str| -> Option<(usize, Date)> {
        let r = rest.strip_prefix(" ended ")?;
        let (n, d) = date_at(r)?;
        Some((" ended ".len() + n, d))
    };
    // Same quarter / period of another year.
    for (head, quarter) in [
        ("same quarter", true),
        ("same period", false),
        ("corresponding quarter", true),
        ("corresponding period", false),
    ] {
        if !word_at(s, head) {
            continue;
        }
        let (n, year) = year_spec(&s[head.len()..], cur_year);
        let len = head.len() + n;
        let cue = match (year, cur) {
            (Some(Some(y)), Some((months, end))) if !quarter || months == 3 => Cue::At(Period::Duration {
                months,
                end: Date::month_end(y, end.month),
            }),
            _ => Cue::Unknown,
        };
        return Some((len, cue, false));
    }
    // The first .. fourth quarter, the first or second half.
    const ORDINALS: [(&str, u8, u8); 6] = [
        ("first quarter", 1, 3),
        ("second quarter", 2, 3),
        ("third quarter", 3, 3),
        ("fourth quarter", 4, 3),
        ("first half", 1, 6),
        ("second half", 2, 6),
    ];
    for (head, k, months) in ORDINALS {
        if !word_at(s, head) {
            continue;
        }
        let month = k * months;
        if let Some((n, d)) = ended(&s[head.len()..]) {
            let cue = if d.month == month {
                Cue::At(Period::Duration { months, end: d })
            } else {
                Cue::Unknown
            };
            return Some((head.len() + n, cue, true));
        }
        let (n, year) = year_spec(&s[head.len()..], cur_year);
        let year = match year {
            Some(y) => y,
            None => cur_year,
        };
        let cue = match year {
            Some(y) => Cue::At(Period::Duration {
                months,
                end: Date::month_end(y, month),
            }),
            None => Cue::Unknown,
        };
        return Some((head.len() + n, cue, false));
    }
    // The previous quarter.
    for head in [
        "last quarter",
        "previous quarter",
        "prior quarter",
        "preceding quarter",
        "sequential quarter",
    ] {
        if word_at(s, head) {
            let rest = &s[head.len()..];
            // "the last quarter of 2024" is the fourth quarter, not the previous one.
            let names_year = year_spec(rest, cur_year).0 > 0;
            let cue = match quarterly {
                Some((_, end)) if !names_year => Cue::At(Period::Duration {
                    months: 3,
                    end: end.months_before(3),
                }),
                _ => Cue::Unknown,
            };
            return Some((head.len(), cue, false));
        }
    }
    // This quarter, the reporting period.
    for head in ["this quarter", "current quarter"] {
        if word_at(s, head) {
            let cue = match quarterly {
                Some((months, end)) => Cue::At(Period::Duration { months, end }),
                None => Cue::Unknown,
            };
            return Some((head.len(), cue, false));
        }
    }
    if word_at(s, "reporting period") {
        let cue = match cur {
            Some((months, end)) => Cue::At(Period::Duration { months, end }),
            None => Cue::Unknown,
        };
        return Some(("reporting period".len(), cue, false));
    }
    // Three / six / nine / twelve months, a quarter or a year ended <date>.
    for (head, months) in [
        ("three months", 3u8),
        ("six months", 6),
        ("nine months", 9),
        ("twelve months", 12),
        ("quarter", 3),
        ("year", 12),
    ] {
        if word_at(s, head)
            && let Some((n, end)) = ended(&s[head.len()..])
        {
            return Some((head.len() + n, Cue::At(Period::Duration { months, end }), true));
        }
    }
    // A balance at a date.
    for head in ["as of ", "as at ", "of ", "at ", "on "] {
        if let Some(rest) = s.strip_prefix(head)
            && let Some((n, date)) = date_at(rest)
        {
            return Some((head.len() + n, Cue::At(Period::Instant { date }), false));
        }
    }
    None
}

/// The single period named by the phrases of `lower` before `limit` ([`each_cue`]), `Unknown`
/// when they name none with certainty or several: the walk stops at the first phrase that makes
/// it `Unknown`.
fn combined(lower: &str, current: Option<(u8, Date)>, limit: usize) -> Option<Cue> {
    let mut found: Option<Cue> = None;
    let mut unknown = false;
    each_cue(lower, current, limit, |_, _, cue, _| {
        match (found, cue) {
            (_, Cue::Unknown) => unknown = true,
            (None, c) => found = Some(c),
            (Some(a), b) if a != b => unknown = true,
            _ => {}
        }
        !unknown
    });
    if unknown { Some(Cue::Unknown) } else { found }
}

/// The single period named by `cues`, `Unknown` when they name none with certainty or several
/// (what [`combined`] reads, from every phrase).
#[cfg(test)]
pub(super) fn combine(cues: &[(usize, usize, Cue, bool)]) -> Option<Cue> {
    let mut found: Option<Cue> = None;
    for (_, _, cue, _) in cues {
        match (found, cue) {
            (_, Cue::Unknown) => return Some(Cue::Unknown),
            (None, c) => found = Some(*c),
            (Some(a), b) if a != *b => return Some(Cue::Unknown),
            _ => {}
        }
    }
    found
}

/// Words that end the phrase right after a figure: what follows them is about another figure.
pub(super) const CONNECTORS: &[&str] = &[
    "and",
    "or",
    "but",
    "compared",
    "comparing",
    "increased",
    "decreased",
    "increase",
    "decrease",
    "representing",
    "which",
    "while",
    "whereas",
    "narrowed",
    "improved",
    "from",
    "to",
    "versus",
    "vs",
    "against",
    "with",
];

/// The period named right after a figure, before the first connecting word; `lower` is the
/// window's text in ASCII lower case.
pub(super) fn after_cue(lower: &str, current: Option<(u8, Date)>) -> Option<Cue> {
    let cut = connector_at(lower);
    // Phrases are read in order: none starting after the cut is read.
    combined(lower, current, cut)
}

/// Where the first connecting word ([`CONNECTORS`]) of `lower` starts, else its length.
fn connector_at(lower: &str) -> usize {
    if !lower.is_ascii() {
        return connector_at_chars(lower);
    }
    // An ASCII text: a byte a character. A connector (letters only) is a whole word exactly
    // when it is the word's run of letters and digits.
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // A word starts here (what is before it is no letter or digit); it runs to the next
        // byte that is neither.
        let run = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if bytes[i].is_ascii_alphabetic()
            && (2..=12).contains(&run)
            && CONNECTORS.iter().any(|w| w.as_bytes() == &bytes[i..i + run])
        {
            return i;
        }
        i += run;
    }
    bytes.len()
}

/// [`connector_at`] character by character.
fn connector_at_chars(lower: &str) -> usize {
    lower
        .char_indices()
        .filter(|&(i, c)| c.is_alphabetic() && is_word_start(lower, i))
        .find(|&(i, _)| CONNECTORS.iter().any(|w| word_at(&lower[i..], w)))
        .map_or(lower.len(), |(i, _)| i)
}

/// The period named anywhere in a window of text, `lower` in ASCII lower case.
pub(super) fn window_cue(lower: &str, current: Option<(u8, Date)>) -> Option<Cue> {
    combined(lower, current, lower.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk that stops at the first phrase making the period unknown reads what every
    /// phrase read and combined reads, on every line of the filings (and windows of them).
    #[test]
    fn combined_as_every_phrase_combined() {
        let june = |year| Date {
            year,
            month: 6,
            day: 30,
        };
        let mut texts: Vec<String> = vec![
            "in the same quarter of 2024 and the second quarter of 2025".into(),
            "as of june 30, 2025 and as of june 30, 2025, last quarter".into(),
        ];
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.extend(filing.text.to_ascii_lowercase().lines().map(str::to_string));
        }
        let mut named = 0;
        for t in &texts {
            for limit in [t.len(), t.len() / 2, t.len() / 5] {
                for current in [None, Some((3, june(2025))), Some((6, june(2023)))] {
                    let want = combine(&find_cues_before(t, current, limit));
                    assert_eq!(combined(t, current, limit), want, "{t:?} {limit}");
                    named += usize::from(want.is_some());
                }
            }
        }
        assert!(named > 300, "{named}");
    }

    /// A word [`may_name_period`] passes over starts no period phrase and is not temporal, at
    /// every word of the filings and of the other companies' press releases, whatever the
    /// reporting period.
    #[test]
    fn words_passed_over_name_no_period() {
        let mut texts: Vec<String> = [
            "in the same quarter of 2024, as of june 30, 2025 and the six months ended june 30, 2023",
            "year-over-year sept. 2024 h1 q3 ytd fiscal-year été 2024-2025 on december 31, 2022",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            texts.extend(filing.text.to_ascii_lowercase().lines().map(str::to_string));
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/others");
        for name in [
            "buckle-2024-q3-press-release.html",
            "deluxe-2026-q2-press-release.md",
            "pdd-holdings-2026-q1-press-release.txt",
        ] {
            let text = std::fs::read_to_string(dir.join(name))
                .unwrap()
                .to_ascii_lowercase();
            texts.extend(text.lines().map(str::to_string));
        }
        let june = |year| Date {
            year,
            month: 6,
            day: 30,
        };
        let (mut passed, mut read) = (0, 0);
        for t in &texts {
            for (i, c) in t.char_indices() {
                if !c.is_alphanumeric() || !is_word_start(t, i) {
                    continue;
                }
                let rest = &t[i..];
                let len = rest
                    .char_indices()
                    .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
                    .map_or(rest.len(), |(k, _)| k);
                let word = &rest[..len];
                if may_name_period(word.as_bytes()) {
                    read += 1;
                    continue;
                }
                passed += 1;
                assert!(!temporal(word), "{word:?}");
                for current in [None, Some((3, june(2025))), Some((6, june(2023)))] {
                    assert_eq!(cue_at(rest, current), None, "{rest:?}");
                }
            }
        }
        assert!(passed > 10_000 && read > 1000, "{passed} {read}");
    }

    #[test]
    fn connectors_found_by_bytes_as_by_characters() {
        let mut texts: Vec<String> = [
            "",
            "and",
            " 2024and to",
            "in the same quarter of 2024, compared with",
            "vs.",
            "to-date",
            "x1to from",
            "andrew fromage versus",
            "été and",
            "representing12 with",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            let lower = filing.text.to_ascii_lowercase();
            texts.extend(lower.lines().map(str::to_string));
            // Windows starting inside words, as a figure's end may.
            let lines: Vec<&str> = lower.lines().collect();
            for l in lines {
                for k in (0..l.len()).step_by(7).filter(|&k| l.is_char_boundary(k)) {
                    texts.push(l[k..].to_string());
                }
            }
        }
        let mut found = 0;
        for t in &texts {
            let want = connector_at_chars(t);
            assert_eq!(connector_at(t), want, "{t:?}");
            found += usize::from(want < t.len());
        }
        assert!(found > 1000, "{found}");
    }
}
