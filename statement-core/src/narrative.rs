//! Narrative claims: the figures a filing's prose restates from its tables.
//!
//! Press releases and results announcements repeat table figures in millions with one decimal:
//! "Total Revenues reached RMB2,349.2 million (US\$327.9 million), increased by 24.2%
//! year-over-year from RMB1,891.8 million in the same quarter of 2024". Each such figure is a claim
//! about one bound table cell; [`claims`] finds them and [`crate::check`] checks each against its
//! cell within the rounding of both (`narrative:<layout>.<line>`).
//!
//! # How a figure is read
//!
//! - **Figures**: `RMB<number> million`, `US$<number> million` (also `US\$`), a sign after the
//!   currency (`RMB-191.9 million`), footnote marks before `million` (`US\$327.9¹ million`). A US$
//!   figure counts only in parentheses right after an RMB figure: it is that figure's period in
//!   US$.
//! - **Sentences** end at `.`, `!`, `?` or `;` followed by white space. Nothing carries over
//!   from one sentence to the next.
//! - **Subjects**: a phrase a layout declares on a line (`#[line(prose = "...")]`, see
//!   [`subjects`]) followed by a verb (`was`, `were`, `reached`,
//!   `amounted`, `increased`, ...; footnote marks and bold markers in between are skipped) governs
//!   the figures after it. A subject phrase used otherwise ("compared with operating loss of" in a
//!   sentence about Non-GAAP operating loss, "Depreciation and amortization costs") that names
//!   another measure makes the figures after it uncertain; a verb with another subject ("IDC costs
//!   increased") ends the subject's clause. A figure without a certain subject is skipped.
//! - **Periods**: the words right after a figure ("in the same quarter of 2024", "last quarter",
//!   "in the first half of 2022", "as of June 30, 2025", "of December 31, 2022"), before the first
//!   connecting word (`compared`, `from`, `and`, ...). The first figure of a subject may also take
//!   its period from the words before it ("As of June 30, 2023, our cash and cash equivalents
//!   amounted to ..."), and without any cue it is the filing's reporting period, the first
//!   "quarter ended ..." or "six months ended ..." its prose states (unless it follows `from`). A
//!   figure whose words name a period that cannot be resolved, or two periods, is skipped.
//! - **Targets**: each subject lists the table lines it may be checked against, in order (lines
//!   tied across statements, as gross profit in the income statement and in the non-GAAP
//!   reconciliation); the claim takes the first whose statement prints the figure in the claim's
//!   period and currency, else the first that prints it damaged (the check is then unreadable). A
//!   figure no bound statement has a column for ("as of March 31, 2025" without a balance sheet at
//!   that date) is skipped.
//! - **Signs**: losses, expenses and costs are stated as magnitudes ("Net loss was RMB456.9
//!   million" for a printed `(456,863)`): such a claim is compared with the absolute value of its
//!   cell. Other figures keep their printed sign ("RMB-191.9 million").
//!
//! Locations are counted in the paragraph's text from its start. A paragraph joined across a
//! blank line (a sentence broken by a page) is one text: a figure after the join is located on the
//! paragraph's first line, at its offset in the joined text.

use rust_decimal::Decimal;

use crate::amount::{Amount, Precision, QuantityKind, Scale};
use crate::bind::{BoundStatement, ColumnKey, Layout, Slot};
use crate::read::{Date, Filing, Location, Paragraph, Period};

/// How the prose states a line's figure: declared on the line with `#[line(prose = "...")]`
/// (signed) or `#[line(prose_magnitude = "...")]`.
pub use crate::schema::ProseSign as Convention;
use Convention::{Magnitude, Signed};

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
}

/// The subject phrases the layouts declare on their lines (`#[line(prose = "...")]`), each with
/// every line that declares it, in the layouts' order. A phrase declared with two sign wordings
/// keeps the first.
///
/// ```
/// use statement_core::{kingsoft, narrative::{subjects, Convention}};
/// let all = subjects(kingsoft::LAYOUTS);
/// let net_loss = all.iter().find(|s| s.phrase == "net loss").unwrap();
/// assert_eq!(net_loss.convention, Convention::Magnitude);
/// assert_eq!(net_loss.lines[0], ("comprehensive_loss", "net_loss"));
/// ```
pub fn subjects(layouts: &[Layout]) -> Vec<Subject> {
    let mut out: Vec<Subject> = Vec::new();
    for layout in layouts {
        for line in layout.schema.lines {
            for prose in line.prose {
                let target = (layout.key, line.name);
                match out.iter_mut().find(|s| s.phrase == prose.phrase) {
                    Some(s) if s.lines.contains(&target) => {}
                    Some(s) => s.lines.push(target),
                    None => out.push(Subject {
                        phrase: prose.phrase,
                        convention: prose.sign,
                        lines: vec![target],
                    }),
                }
            }
        }
    }
    out
}

/// One figure of the prose and the table cell it restates.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Where the figure's token starts (its currency), counted in the paragraph's text.
    pub location: Location,
    /// The token as printed: `RMB2,349.2 million`, `US\$327.9¹ million`.
    pub token: String,
    /// The subject phrase as printed: `Total Revenues`, `Non-GAAP EBITDA`.
    pub subject: String,
    /// The figure in millions, with the decimals printed (`2349.2`, `-191.9`).
    pub value: Decimal,
    /// The layout key of the table line.
    pub layout: &'static str,
    /// The line's name in that layout.
    pub line: &'static str,
    /// The column (period and currency) the figure refers to.
    pub column: ColumnKey,
    /// `value = sign × cell`: -1 for a magnitude stated for a figure the table prints negative,
    /// else 1.
    pub sign: i64,
}

impl Claim {
    /// The figure as printed: millions, to the decimals printed.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(Scale::Millions, self.value.scale()))
    }

    /// The statement (index into `statements`) and line (index into its layout's lines) the
    /// claim is checked against: the first statement of the claim's layout and column printing
    /// the line's figure, else the first printing it damaged.
    pub fn target(&self, statements: &[BoundStatement], layouts: &[Layout]) -> Option<(usize, usize)> {
        target(statements, layouts, self.layout, self.line, &self.column).map(|(s, l, _)| (s, l))
    }
}

/// Finds the figures the prose of `filing` restates from the statements bound from it.
///
/// Only figures whose subject, period and table line are certain are returned; see the module
/// documentation for how they are read.
///
/// ```
/// use statement_core::{bind::bind, kingsoft, narrative::claims, read};
///
/// let filing = read::read("q2-2025.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
/// let binding = bind(&filing, kingsoft::LAYOUTS);
/// let found = claims(&filing, &binding.statements, kingsoft::LAYOUTS);
/// let net_loss = found.iter().find(|c| c.token == "RMB456.9 million").unwrap();
/// assert_eq!((net_loss.layout, net_loss.line), ("comprehensive_loss", "net_loss"));
/// assert_eq!(net_loss.column.label(), "3M to Jun 30, 2025 RMB");
/// assert_eq!((net_loss.location.line, net_loss.sign), (41, -1));
/// ```
pub fn claims(filing: &Filing, statements: &[BoundStatement], layouts: &[Layout]) -> Vec<Claim> {
    let subjects = subjects(layouts);
    let mut order: Vec<usize> = (0..subjects.len()).collect();
    order.sort_by_key(|&s| std::cmp::Reverse(subjects[s].phrase.chars().count()));
    let ctx = Ctx {
        current: reporting_period(filing, statements),
        order,
        subjects,
    };
    let mut out = Vec::new();
    for p in &filing.paragraphs {
        paragraph_claims(p, &ctx, statements, layouts, &mut out);
    }
    out
}

/// The (statement, line, whether the figure is readable) a (layout, line) takes in a column.
fn target(
    statements: &[BoundStatement],
    layouts: &[Layout],
    key: &str,
    name: &str,
    column: &ColumnKey,
) -> Option<(usize, usize, bool)> {
    let mut damaged = None;
    for (si, s) in statements.iter().enumerate() {
        if s.key != key || s.percent_column || &s.column != column {
            continue;
        }
        let Some(layout) = layouts.get(s.layout) else {
            continue;
        };
        let Some(li) = layout.schema.lines.iter().position(|l| l.name == name) else {
            continue;
        };
        if layout.schema.lines[li].kind != QuantityKind::Money {
            continue;
        }
        match s.slots.get(li) {
            Some(Slot::Value { .. }) => return Some((si, li, true)),
            Some(Slot::Damaged { .. }) if damaged.is_none() => damaged = Some((si, li, false)),
            _ => {}
        }
    }
    damaged
}

// ---------------------------------------------------------------------------------------------
// Periods.
// ---------------------------------------------------------------------------------------------

struct Ctx {
    /// The filing's reporting period ("the second quarter ended June 30, 2025").
    current: Option<(u8, Date)>,
    /// Indices into `subjects`, longest phrase first.
    order: Vec<usize>,
    /// The subject phrases the layouts declare.
    subjects: Vec<Subject>,
}

/// What the words near a figure say about its period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    At(Period),
    /// Words naming a period that cannot be resolved with certainty.
    Unknown,
}

/// The reporting period: the first "... ended <date>" duration the prose states, when a bound
/// statement has a column for it.
fn reporting_period(filing: &Filing, statements: &[BoundStatement]) -> Option<(u8, Date)> {
    let ctx = Ctx {
        current: None,
        order: Vec::new(),
        subjects: Vec::new(),
    };
    let found = filing.paragraphs.iter().find_map(|p| {
        let lower: String = p.text.chars().map(|c| c.to_ascii_lowercase()).collect();
        find_cues(&lower, &ctx)
            .into_iter()
            .find_map(|(_, _, cue, ended)| match cue {
                Cue::At(Period::Duration { months, end }) if ended => Some((months, end)),
                _ => None,
            })
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

const MONTH_NAMES: [&str; 12] = Date::MONTH_NAMES;

fn is_word_start(s: &str, i: usize) -> bool {
    i == 0 || !s[..i].chars().next_back().is_some_and(char::is_alphanumeric)
}

fn is_word_end(s: &str, i: usize) -> bool {
    !s[i..].chars().next().is_some_and(char::is_alphanumeric)
}

/// `s` starts with the word `w` (followed by a non-alphanumeric character or the end).
fn word_at(s: &str, w: &str) -> bool {
    s.starts_with(w) && is_word_end(s, w.len())
}

/// A month name (full or three-letter, optionally with a period) at the start of `s`.
fn month_at(s: &str) -> Option<(usize, u8)> {
    for (i, name) in MONTH_NAMES.iter().enumerate() {
        let m = u8::try_from(i + 1).ok()?;
        if word_at(s, name) {
            return Some((name.len(), m));
        }
        let abbr = if *name == "september" { "sept" } else { &name[..3] };
        for a in [abbr, &name[..3]] {
            if word_at(s, a) {
                let len = a.len() + usize::from(s[a.len()..].starts_with('.'));
                return Some((len, m));
            }
        }
    }
    None
}

/// Leading ASCII digits of `s`, with their count.
fn digits(s: &str) -> Option<(usize, u32)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 || !is_word_end(s, n) {
        return None;
    }
    Some((n, s[..n].parse().ok()?))
}

/// A four-digit year at the start of `s`.
fn year_at(s: &str) -> Option<(usize, i32)> {
    let (n, y) = digits(s)?;
    (n == 4 && (1900..=2200).contains(&y)).then_some((n, i32::try_from(y).ok()?))
}

/// `June 30, 2025` (comma optional) at the start of `s`.
fn date_at(s: &str) -> Option<(usize, Date)> {
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
fn year_spec(s: &str, current: Option<i32>) -> (usize, Option<Option<i32>>) {
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

/// Every period phrase of `s` (lower case): (start, end, cue, whether it is an explicit
/// "... ended <date>" duration). Words naming a period that no phrase resolves are
/// [`Cue::Unknown`]. Changes ("year-over-year") are not periods.
fn find_cues(s: &str, ctx: &Ctx) -> Vec<(usize, usize, Cue, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !is_word_start(s, i) || !s[i..].starts_with(char::is_alphanumeric) {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let rest = &s[i..];
        if let Some((n, cue, ended)) = cue_at(rest, ctx) {
            out.push((i, i + n, cue, ended));
            i += n.max(1);
            continue;
        }
        let word_len = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric() && *c != '-')
            .map_or(rest.len(), |(k, _)| k);
        let word = &rest[..word_len];
        let temporal = word.split('-').any(|w| {
            matches!(
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
                || month_at(w).is_some_and(|(n, _)| n == w.len())
        });
        let change = [
            "year-over-year",
            "quarter-over-quarter",
            "year-on-year",
            "quarter-on-quarter",
        ]
        .contains(&word);
        if temporal && !change {
            out.push((i, i + word_len, Cue::Unknown, false));
        }
        i += word_len.max(1);
    }
    out
}

/// The period phrase starting `s`, if any: (length, cue, explicit "ended <date>").
fn cue_at(s: &str, ctx: &Ctx) -> Option<(usize, Cue, bool)> {
    let cur = ctx.current;
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

/// The single period named by `cues`, `Unknown` when they name none with certainty or several.
fn combine(cues: &[(usize, usize, Cue, bool)]) -> Option<Cue> {
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
const CONNECTORS: &[&str] = &[
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

/// The period named right after a figure, before the first connecting word.
fn after_cue(window: &str, ctx: &Ctx) -> Option<Cue> {
    let lower: String = window.chars().map(|c| c.to_ascii_lowercase()).collect();
    let cut = lower
        .char_indices()
        .filter(|&(i, c)| c.is_alphabetic() && is_word_start(&lower, i))
        .find(|&(i, _)| CONNECTORS.iter().any(|w| word_at(&lower[i..], w)))
        .map_or(lower.len(), |(i, _)| i);
    let cues: Vec<_> = find_cues(&lower, ctx).into_iter().filter(|c| c.0 < cut).collect();
    combine(&cues)
}

/// The period named anywhere in `window`.
fn window_cue(window: &str, ctx: &Ctx) -> Option<Cue> {
    let lower: String = window.chars().map(|c| c.to_ascii_lowercase()).collect();
    combine(&find_cues(&lower, ctx))
}

// ---------------------------------------------------------------------------------------------
// Figures, sentences and subjects.
// ---------------------------------------------------------------------------------------------

/// A money figure in the prose; positions are char indices into the paragraph.
#[derive(Clone, Debug)]
struct Figure {
    start: usize,
    end: usize,
    usd: bool,
    value: Decimal,
}

fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰')
}

fn starts_at(lc: &[char], i: usize, pat: &str) -> bool {
    (i..).zip(pat.chars()).all(|(k, p)| lc.get(k) == Some(&p))
}

fn boundary_before(cs: &[char], i: usize) -> bool {
    i == 0 || !cs[i - 1].is_alphanumeric()
}

/// Whether a word may end before `i`: the end, or a character that is neither a letter nor a
/// digit (a footnote mark such as `⁵` ends a word).
fn boundary_after(cs: &[char], i: usize) -> bool {
    cs.get(i)
        .is_none_or(|c| !c.is_alphanumeric() || is_superscript(*c))
}

/// `RMB<number> million` or `US$<number> million` starting at `i`.
fn figure_at(cs: &[char], lc: &[char], i: usize) -> Option<Figure> {
    if !boundary_before(cs, i) {
        return None;
    }
    let (usd, mut k) = if starts_at(lc, i, "rmb") {
        (false, i + 3)
    } else if starts_at(lc, i, "us\\$") {
        (true, i + 4)
    } else if starts_at(lc, i, "us$") {
        (true, i + 3)
    } else {
        return None;
    };
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
    let number: String = cs[num_start..k].iter().collect();
    let int = number.split('.').next().unwrap_or_default();
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups[0].len() <= 3 || groups.len() == 1;
    if int.is_empty()
        || !int.starts_with(|c: char| c.is_ascii_digit())
        || groups.iter().any(|g| g.is_empty())
        || !grouped
        || groups[1..].iter().any(|g| g.len() != 3)
    {
        return None;
    }
    while cs.get(k).is_some_and(|c| is_superscript(*c)) {
        k += 1;
    }
    let ws = k;
    while cs.get(k).is_some_and(|c| c.is_whitespace()) {
        k += 1;
    }
    if k == ws || !starts_at(lc, k, "million") || !boundary_after(cs, k + 7) {
        return None;
    }
    let mut value: Decimal = number.replace(',', "").parse().ok()?;
    if negative {
        value = -value;
    }
    Some(Figure {
        start: i,
        end: k + 7,
        usd,
        value,
    })
}

/// Sentence ranges (char indices) of a paragraph.
fn sentences(cs: &[char]) -> Vec<(usize, usize)> {
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
const VERBS: &[&str] = &[
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

/// Words after which a verb continues the subject's clause ("..., increased by", "and decreased").
const CONTINUATIONS: &[&str] = &["and", "which", "that", "but", "it"];

/// The word starting at `i` (ASCII letters), as a lower-case string.
fn word(lc: &[char], i: usize) -> (usize, String) {
    let mut k = i;
    while lc.get(k).is_some_and(char::is_ascii_alphabetic) {
        k += 1;
    }
    (k, lc[i..k].iter().collect())
}

/// A subject phrase occurrence.
#[derive(Clone, Debug)]
struct Occurrence {
    start: usize,
    end: usize,
    subject: usize,
    /// The verb that makes it govern the figures after it (its start), if any.
    verb: Option<usize>,
}

/// The subject phrases of `lc[from..to]`, in text order; `order` tries the longest phrase first.
fn occurrences(
    lc: &[char],
    from: usize,
    to: usize,
    order: &[usize],
    subjects: &[Subject],
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !boundary_before(lc, i) {
            i += 1;
            continue;
        }
        let hit = order.iter().copied().find(|&s| {
            let n = subjects[s].phrase.chars().count();
            i + n <= to && starts_at(lc, i, subjects[s].phrase) && boundary_after(lc, i + n)
        });
        let Some(s) = hit else {
            i += 1;
            continue;
        };
        let end = i + subjects[s].phrase.chars().count();
        // Skip bold markers, footnote marks and spaces, and an adverb, to the verb.
        let mut k = end;
        while k < to && (lc[k] == '*' || is_superscript(lc[k]) || lc[k].is_whitespace()) {
            k += 1;
        }
        let (mut e, mut w) = word(lc, k);
        let mut vk = k;
        if w.ends_with("ly") && w.len() > 3 {
            vk = e;
            while vk < to && lc[vk].is_whitespace() {
                vk += 1;
            }
            (e, w) = word(lc, vk);
        }
        let verb = (e <= to && VERBS.contains(&w.as_str())).then_some(vk);
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

/// Positions of verbs in `lc[from..to]` that start a clause with a subject of their own (not a
/// continuation after a comma, `and`, `which`, ...).
fn clause_verbs(lc: &[char], from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !lc[i].is_ascii_alphabetic() || !boundary_before(lc, i) {
            i += 1;
            continue;
        }
        let (e, w) = word(lc, i);
        if e <= to && VERBS.contains(&w.as_str()) && !continues(lc, from, i) {
            out.push(i);
        }
        i = e.max(i + 1);
    }
    out
}

/// Whether the verb at `i` continues the clause before it.
fn continues(lc: &[char], from: usize, i: usize) -> bool {
    let mut k = i;
    let mut adverb = false;
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
        let w: String = lc[s..k].iter().collect();
        if CONTINUATIONS.contains(&w.as_str()) {
            return true;
        }
        if !adverb && w.ends_with("ly") && w.len() > 3 {
            adverb = true;
            k = s;
            continue;
        }
        return false;
    }
}

/// The last word before `i` (within `from..`).
fn word_before(lc: &[char], from: usize, i: usize) -> String {
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

fn paragraph_claims(
    p: &Paragraph,
    ctx: &Ctx,
    statements: &[BoundStatement],
    layouts: &[Layout],
    out: &mut Vec<Claim>,
) {
    if !p
        .text
        .as_bytes()
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"million"))
    {
        return;
    }
    let cs: Vec<char> = p.text.chars().collect();
    let lc: Vec<char> = cs.iter().map(char::to_ascii_lowercase).collect();
    let text = |a: usize, b: usize| -> String { cs[a..b].iter().collect() };
    for (s0, s1) in sentences(&cs) {
        let mut figures: Vec<Figure> = Vec::new();
        let mut i = s0;
        while i < s1 {
            match figure_at(&cs, &lc, i) {
                Some(f) if f.end <= s1 => {
                    i = f.end;
                    figures.push(f);
                }
                _ => i += 1,
            }
        }
        if figures.is_empty() {
            continue;
        }
        let occs = occurrences(&lc, s0, s1, &ctx.order, &ctx.subjects);
        let governing_verbs: std::collections::HashSet<usize> = occs.iter().filter_map(|o| o.verb).collect();
        let verbs: Vec<usize> = clause_verbs(&lc, s0, s1)
            .into_iter()
            .filter(|v| !governing_verbs.contains(v))
            .collect();
        let (mut next_occ, mut next_verb) = (0, 0);
        let mut current: Option<usize> = None; // index into occs
        let mut uncertain = false;
        let mut first = false;
        let mut fi = 0;
        while fi < figures.len() {
            let f = figures[fi].clone();
            // A US$ figure in parentheses right after this one is the same period in US$.
            let mut k = f.end;
            while k < s1 && cs[k].is_whitespace() {
                k += 1;
            }
            let mut paired: Option<Figure> = None;
            let mut after = f.end;
            if !f.usd && cs.get(k) == Some(&'(') && figures.get(fi + 1).is_some_and(|g| g.usd) {
                let g = figures[fi + 1].clone();
                let between = text(k + 1, g.start);
                let mut c = g.end;
                while c < s1 && cs[c].is_whitespace() {
                    c += 1;
                }
                if between.trim().is_empty() && cs.get(c) == Some(&')') {
                    after = c + 1;
                    paired = Some(g);
                }
            }
            // What happens before this figure (subjects and verbs in text order; both lists are
            // sorted, so each is walked once per sentence).
            loop {
                let o = occs.get(next_occ).filter(|o| o.start < f.start);
                let v = verbs.get(next_verb).copied().filter(|&v| v < f.start);
                let subject_first = match (o, v) {
                    (Some(o), Some(v)) => o.start < v,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                match o {
                    Some(o) if subject_first => {
                        next_occ += 1;
                        if o.verb.is_some_and(|v| v < f.start) {
                            current = Some(next_occ - 1);
                            uncertain = false;
                            first = true;
                        } else if let Some(c) = current
                            && ctx.subjects[occs[c].subject].lines.first()
                                != ctx.subjects[o.subject].lines.first()
                        {
                            // Another measure named without a verb: what follows is uncertain.
                            uncertain = true;
                        }
                    }
                    _ => {
                        next_verb += 1;
                        current = None;
                    }
                }
            }
            let next = figures
                .get(fi + if paired.is_some() { 2 } else { 1 })
                .map_or(s1, |g| g.start);
            let is_first = first && !f.usd;
            if !f.usd {
                first = false;
            }
            let subject = current.filter(|_| !uncertain && !f.usd);
            if let Some(oi) = subject {
                let occ = &occs[oi];
                let after_cue = after_cue(&text(after, next), ctx);
                let before_cue = if is_first {
                    let from = if figures[..fi].is_empty() { s0 } else { occ.start };
                    window_cue(&text(from, f.start), ctx)
                } else {
                    None
                };
                let period = match (after_cue, before_cue) {
                    (Some(Cue::Unknown), _) | (_, Some(Cue::Unknown)) => None,
                    (Some(Cue::At(a)), Some(Cue::At(b))) if a != b => None,
                    (Some(Cue::At(a)), _) | (None, Some(Cue::At(a))) => Some(a),
                    (None, None) => {
                        let comparison = ["from", "with", "versus", "vs", "against", "than"]
                            .contains(&word_before(&lc, s0, f.start).as_str());
                        match ctx.current {
                            Some((months, end)) if is_first && !comparison => {
                                Some(Period::Duration { months, end })
                            }
                            _ => None,
                        }
                    }
                };
                if let Some(period) = period {
                    let subj = &ctx.subjects[occ.subject];
                    let printed = text(occ.start, occ.end);
                    let loc = |i: usize| p.location_at(i);
                    for (g, currency) in
                        std::iter::once((&f, "RMB")).chain(paired.as_ref().map(|g| (g, "US$")))
                    {
                        let column = ColumnKey {
                            period,
                            currency: Some(currency.to_string()),
                        };
                        if let Some((layout, line, sign)) =
                            resolve(subj, &column, g.value, statements, layouts)
                        {
                            out.push(Claim {
                                location: loc(g.start),
                                token: text(g.start, g.end),
                                subject: printed.clone(),
                                value: g.value,
                                layout,
                                line,
                                column,
                                sign,
                            });
                        }
                    }
                }
            }
            fi += if paired.is_some() { 2 } else { 1 };
        }
    }
}

/// The (layout key, line name, sign) a figure of `subject` in `column` is checked against, when a
/// bound statement prints the line.
fn resolve(
    subject: &Subject,
    column: &ColumnKey,
    value: Decimal,
    statements: &[BoundStatement],
    layouts: &[Layout],
) -> Option<(&'static str, &'static str, i64)> {
    if subject.convention == Magnitude && value.is_sign_negative() && !value.is_zero() {
        // "Net loss was RMB-x million": a negative magnitude says nothing certain.
        return None;
    }
    let mut found = None;
    for &(key, name) in &subject.lines {
        match target(statements, layouts, key, name, column) {
            Some((s, l, true)) => {
                found = Some((key, name, s, l));
                break;
            }
            Some((s, l, false)) if found.is_none() => found = Some((key, name, s, l)),
            _ => {}
        }
    }
    let (layout, line, s, l) = found?;
    let sign = match (subject.convention, statements[s].slots[l].amount()) {
        (Signed, _) => 1,
        (Magnitude, Some(a)) if !a.value().is_sign_negative() || a.value().is_zero() => 1,
        (Magnitude, _) => -1,
    };
    Some((layout, line, sign))
}
