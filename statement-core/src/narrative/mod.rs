//! Narrative claims: the figures a filing's prose restates from its tables.
//!
//! Press releases and results announcements repeat table figures in thousands, millions or
//! billions with one decimal:
//! "Total Revenues reached RMB2,349.2 million (US\$327.9 million), increased by 24.2%
//! year-over-year from RMB1,891.8 million in the same quarter of 2024". Each such figure is a claim
//! about one bound table cell; [`claims`] finds them and [`crate::check`] checks each against its
//! cell within the rounding of both (`narrative:<layout>.<line>`).
//!
//! # How a figure is read
//!
//! - **Figures**: `RMB<number> million`, `US$<number> billion`, `RMB<number> thousand` (also
//!   `US\$`), in any currency the tables' columns print, a sign after the
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
//! paragraph's first line, at its offset in the joined text. A paragraph left open (ending
//! without a stop) continues into one starting on the next line with a lower-case letter ("Total
//! costs of" / "revenues were RMB46.9 billion ..."); each figure keeps its own line.
//!
//! - **Scales and percentages**: figures in thousands, millions and billions, each within the
//!   rounding of its printed decimals; a percentage after a phrase a percentage line declares is
//!   that line's figure ([`Margin`]); a percentage worded as a change of a money line ([`Change`])
//!   is checked against the line's two periods (see [`read_prose`]).

use rust_decimal::Decimal;

use crate::amount::{Amount, Precision, QuantityKind, Scale};
use crate::bind::{BoundStatement, ColumnKey, Layout, Slot};
use crate::read::{Date, Filing, Location, Paragraph, Period};

mod figure;
mod period;

pub use figure::Subject;
pub(crate) use figure::plain_decimal;
use figure::*;
use period::*;

/// How the prose states a line's figure: declared on the line with `#[line(prose = "...")]`
/// (signed) or `#[line(prose_magnitude = "...")]`.
pub use crate::schema::ProseSign as Convention;
use Convention::{Magnitude, Signed};

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
    // Each phrase's place in `out`: looked up, not searched for.
    let mut at: std::collections::HashMap<&str, usize, std::hash::BuildHasherDefault<Mix>> =
        Default::default();
    for layout in layouts {
        for line in layout.schema.lines {
            for prose in line.prose {
                let target = (layout.key, line.name);
                let percent = line.kind == QuantityKind::Percent;
                let next = out.len();
                match *at.entry(prose.phrase).or_insert(next) {
                    // A phrase names figures or percentages, as first declared.
                    k if k < next && (out[k].lines.contains(&target) || out[k].percent != percent) => {}
                    k if k < next => out[k].lines.push(target),
                    _ => out.push(Subject {
                        phrase: prose.phrase,
                        convention: prose.sign,
                        lines: vec![target],
                        percent,
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
    /// The figure in its scale ([`Claim::scale`]), with the decimals printed (`2349.2`, `-191.9`).
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
    /// The scale word printed (`million`: [`Scale::Millions`]).
    pub scale: Scale,
}

impl Claim {
    /// The figure as printed: in its scale (thousands, millions or billions), to the decimals
    /// printed.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(self.scale, self.value.scale()))
    }

    /// The statement (index into `statements`) and line (index into its layout's lines) the
    /// claim is checked against: the first statement of the claim's layout and column printing
    /// the line's figure, else the first printing it damaged.
    pub fn target(&self, statements: &[BoundStatement], layouts: &[Layout]) -> Option<(usize, usize)> {
        target(
            statements,
            layouts,
            0..statements.len(),
            self.layout,
            self.line,
            Col {
                period: self.column.period,
                currency: self.column.currency.as_deref(),
            },
        )
        .map(|(s, l, _)| (s, l))
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
    prose(filing, statements, layouts).0
}

/// A figure of the prose and its translation printed right after it in parentheses ("RMB2,349.2
/// million (US\$327.9 million)"): checked against each other at the rate the filing states.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation {
    /// The source figure: an index into the claims [`prose`] returns.
    pub source: usize,
    /// Where the translated figure's token starts.
    pub location: Location,
    /// The translated token as printed (`US\$327.9 million`).
    pub token: String,
    /// The translated figure in its scale ([`Translation::scale`]), with the decimals printed.
    pub value: Decimal,
    /// The source figure's currency code (`RMB`).
    pub from: String,
    /// The translated figure's currency code (`US$`).
    pub to: String,
    /// The translated figure's scale word (`RMB1.6 billion (US$229 million)`: millions).
    pub scale: Scale,
}

impl Translation {
    /// The translated figure as printed: in its scale, to the decimals printed.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(self.scale, self.value.scale()))
    }
}

/// A percentage of the prose that restates a percentage line of the tables ("Gross margin was
/// 14.4%" for a margin line declaring `prose = "gross margin"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Margin {
    /// Where the percentage starts, counted in the paragraph's text.
    pub location: Location,
    /// The token as printed (`14.4%`).
    pub token: String,
    /// The subject phrase as printed (`Gross margin`).
    pub subject: String,
    /// The percentage, with the decimals printed.
    pub value: Decimal,
    /// The statement (index into the bound statements) and line (index into its layout's lines)
    /// printing the percentage, if one prints it for the period; else the margin is checked
    /// against the ratio the relations declare for its line, from the period's figures.
    pub target: Option<(usize, usize)>,
    /// The layout key of the table line.
    pub layout: &'static str,
    /// The line's name in that layout.
    pub line: &'static str,
    /// The period the prose states it for.
    pub period: Period,
}

impl Margin {
    /// The percentage as printed, to its decimals.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(Scale::Units, self.value.scale()))
    }
}

/// A change the prose states between two figures of one line ("increased by 24.2% year-over-year
/// from RMB1,891.8 million in the same quarter of 2024"): checked against the two periods' cells
/// of the line the sentence names, `(current - prior) / prior` in percent.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Where the percentage starts, counted in the paragraph's text.
    pub location: Location,
    /// The percentage as printed (`24.2%`).
    pub token: String,
    /// The change in percent with its direction (`-9.3` for "a decrease of 9.3%"), to the
    /// decimals printed.
    pub value: Decimal,
    /// The claim (index into [`Prose::claims`]) of the figure in the later period.
    pub current: usize,
    /// The claim of the figure it changed from.
    pub prior: usize,
}

impl Change {
    /// The change as printed, to its decimals.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(Scale::Units, self.value.scale()))
    }
}

/// Everything the prose of a filing restates from its tables.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prose {
    /// Figures and the cells they restate ([`claims`]).
    pub claims: Vec<Claim>,
    /// Figures printed with their translation.
    pub translations: Vec<Translation>,
    /// Percentages restating a percentage line.
    pub margins: Vec<Margin>,
    /// Changes between two claimed figures of one line.
    pub changes: Vec<Change>,
}

/// The claims of [`claims`] and, for each claim printed with its translation, that translation.
///
/// The currencies are the codes the bound statements' columns print; a code is a translation
/// when a table prints it after a column of another currency for the same period (a convenience
/// translation column).
///
/// ```
/// use statement_core::{bind::bind, kingsoft, narrative::prose, read};
///
/// let filing = read::read("q2-2025.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
/// let binding = bind(&filing, kingsoft::LAYOUTS);
/// let (claims, translations) = prose(&filing, &binding.statements, kingsoft::LAYOUTS);
/// let t = translations.iter().find(|t| claims[t.source].token == "RMB456.9 million").unwrap();
/// assert_eq!((t.token.as_str(), t.from.as_str(), t.to.as_str()), ("US\\$63.8 million", "RMB", "US$"));
/// ```
pub fn prose(
    filing: &Filing,
    statements: &[BoundStatement],
    layouts: &[Layout],
) -> (Vec<Claim>, Vec<Translation>) {
    let all = read_prose(filing, statements, layouts);
    (all.claims, all.translations)
}

/// The claims and translations of [`prose`], with the percentages the prose restates: margins
/// (a percentage after a phrase a percentage line declares) and changes ("increased by 24.2%
/// year-over-year from RMB1,891.8 million in the same quarter of 2024": between the sentence's
/// figure of the line and the figure it changed from, both claimed).
///
/// A percentage is read only where it is certain: a margin takes its period as a figure does;
/// a change needs the words `increase`/`decrease` (or `grew`, `rose`, `declined`, `fell`) right
/// before its `by`/`of`, the line's figure earlier in the sentence and the figure it changed
/// `from` right after it ("and 86.6% from ...", with no direction of its own, is not read).
///
/// ```
/// use statement_core::{bind::bind, kingsoft, narrative::read_prose, read};
///
/// let filing = read::read("q2-2025.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
/// let binding = bind(&filing, kingsoft::LAYOUTS);
/// let p = read_prose(&filing, &binding.statements, kingsoft::LAYOUTS);
/// let m = p.margins.iter().find(|m| m.token == "14.4%").unwrap();
/// assert_eq!((m.layout, m.line), ("margins", "gross_margin"));
/// let c = p.changes.iter().find(|c| c.token == "24.2%" && c.location.line == 17).unwrap();
/// assert_eq!(c.value.to_string(), "24.2");
/// assert_eq!(p.claims[c.prior].token, "RMB1,891.8 million");
/// ```
pub fn read_prose(filing: &Filing, statements: &[BoundStatement], layouts: &[Layout]) -> Prose {
    let codes = currency_codes(statements);
    let code_starts = {
        let mut starts = [false; 256];
        for f in codes.iter().flat_map(|c| &c.forms) {
            if let Some(&b) = f.first() {
                starts[usize::from(b)] = true;
                starts[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        starts
    };
    let ctx = Ctx {
        current: reporting_period(filing, statements),
        words: Words::of(layouts),
        code_starts,
        codes,
        targets: Default::default(),
        statements: {
            let mut by: ByPeriod = ByPeriod::with_capacity_and_hasher(statements.len(), Default::default());
            for (i, st) in statements.iter().enumerate() {
                by.entry(PeriodKey(st.key, st.column.period)).or_default().push(i);
            }
            by
        },
    };
    // The buffers of the last filing read on this thread, grown already.
    thread_local! {
        static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
    }
    let mut out = Prose::default();
    let mut scratch = SCRATCH.take().unwrap_or_default();
    for p in joined(&filing.paragraphs) {
        paragraph_claims(&p, &ctx, statements, layouts, &mut out, &mut scratch);
    }
    SCRATCH.set(Some(scratch));
    out
}

/// The paragraphs, each joined with those that continue its sentence: a paragraph ending without
/// a stop (`.`, `!`, `?`, `;`, `:`) continues into one that starts on the next line with a
/// lower-case letter ("Total costs of" / "revenues were RMB46.9 billion ...", a sentence whose
/// first words the text printed on a line of their own).
fn joined(paragraphs: &[Paragraph]) -> Vec<std::borrow::Cow<'_, Paragraph>> {
    use std::borrow::Cow;
    let mut out: Vec<Cow<'_, Paragraph>> = Vec::with_capacity(paragraphs.len());
    // The last paragraph's length in characters, once counted (only a paragraph joined to is),
    // kept so that a long chain of joins stays linear.
    let mut chars: Option<usize> = None;
    for p in paragraphs {
        if let Some(last) = out.last_mut()
            && continues_into(last, p)
        {
            let offset = chars.unwrap_or_else(|| last.text.chars().count()) + 1;
            chars = Some(offset + p.text.chars().count());
            let prev = last.to_mut();
            prev.text.push(' ');
            prev.text.push_str(&p.text);
            if p.lines.is_empty() {
                prev.lines.push((offset, p.location));
            }
            prev.lines.extend(p.lines.iter().map(|&(o, l)| (o + offset, l)));
            continue;
        }
        chars = None;
        out.push(Cow::Borrowed(p));
    }
    out
}

/// Whether `next` continues the sentence `prev` leaves open on the line before it.
fn continues_into(prev: &Paragraph, next: &Paragraph) -> bool {
    let last_line = prev.lines.last().map_or(prev.location.line, |l| l.1.line);
    let open = prev
        .text
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    open && next.location.line == last_line + 1 && next.text.starts_with(|c: char| c.is_ascii_lowercase())
}

/// The currency codes of the bound statements' columns, in order of first appearance.
fn currency_codes(statements: &[BoundStatement]) -> Vec<Code> {
    let mut out: Vec<Code> = Vec::new();
    // The currencies seen so far for each (group, period): one pass over the statements.
    let mut seen: std::collections::HashMap<(usize, Period), Vec<&str>, std::hash::BuildHasherDefault<Mix>> =
        std::collections::HashMap::with_capacity_and_hasher(statements.len(), Default::default());
    for s in statements {
        let Some(c) = s.column.currency.as_deref() else {
            continue;
        };
        let before = seen.entry((s.group, s.column.period)).or_default();
        let translated = before.iter().any(|&tc| tc != c);
        if !before.contains(&c) {
            before.push(c);
        }
        match out.iter_mut().find(|k| k.name == c) {
            Some(k) => k.translated |= translated,
            None => {
                let lower = c.to_lowercase();
                let mut forms = vec![lower.as_bytes().to_vec()];
                if lower.contains('$') {
                    forms.push(lower.replace('$', "\\$").into_bytes());
                }
                forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
                out.push(Code {
                    name: c.to_string(),
                    forms,
                    translated,
                });
            }
        }
    }
    out
}

/// A column (period and currency) as a figure of the prose names it: its currency borrowed.
#[derive(Clone, Copy)]
struct Col<'a> {
    period: Period,
    currency: Option<&'a str>,
}

impl Col<'_> {
    /// Whether `key` is this column.
    fn is(self, key: &ColumnKey) -> bool {
        key.period == self.period && key.currency.as_deref() == self.currency
    }
}

/// The (statement, line, whether the figure is readable) a (layout, line) takes in a column.
fn target(
    statements: &[BoundStatement],
    layouts: &[Layout],
    candidates: impl Iterator<Item = usize>,
    key: &str,
    name: &str,
    column: Col<'_>,
) -> Option<(usize, usize, bool)> {
    let mut damaged = None;
    for si in candidates {
        let s = &statements[si];
        if s.key != key || s.percent_column || !column.is(&s.column) {
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

/// The first position at or after `from` of a byte of `set` (a byte repeated fills the set): the
/// bytes are tested 32 at a time as a whole (compares the compiler turns into vector
/// instructions), and only the block holding one is searched byte by byte.
pub(crate) fn next_byte_in<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> Option<usize> {
    let is = |b: u8| set.iter().fold(false, |a, &s| a | (b == s));
    let mut at = from;
    let mut blocks = bytes.get(from..)?.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(0u8, |a, &b| a | u8::from(is(b))) != 0 {
            return block.iter().position(|&b| is(b)).map(|p| at + p);
        }
        at += 32;
    }
    blocks.remainder().iter().position(|&b| is(b)).map(|p| at + p)
}

/// The subject phrases of a layout set, made ready to find: built once per layout set (on each
/// thread) and shared by every filing read with it.
struct Words {
    /// The subject phrases the layouts declare.
    subjects: Vec<Subject>,
    /// The subject phrases, longest first, by their first character.
    phrases: Phrases,
}

/// A layout set as [`subjects`] reads it: each layout's key and lines, by address. Both are
/// `'static` and never freed, so one address always holds the same layout.
type LayoutsKey = Vec<(usize, usize, usize, usize)>;

impl Words {
    fn new(layouts: &[Layout]) -> Words {
        let subjects = subjects(layouts);
        let mut order: Vec<usize> = (0..subjects.len()).collect();
        order.sort_by_cached_key(|&s| std::cmp::Reverse(subjects[s].phrase.chars().count()));
        Words {
            phrases: Phrases::new(&order, &subjects),
            subjects,
        }
    }

    /// The words of `layouts`: those of the layout set read last on this thread when it is the
    /// same (most often), else built anew. Each thread keeps its own: nothing is shared between
    /// threads checking filings in parallel.
    fn of(layouts: &[Layout]) -> std::rc::Rc<Words> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<(LayoutsKey, std::rc::Rc<Words>)>> =
                const { std::cell::RefCell::new(None) };
        }
        let same = |key: &LayoutsKey| {
            key.len() == layouts.len()
                && key.iter().zip(layouts).all(|(k, l)| {
                    *k == (
                        l.key.as_ptr() as usize,
                        l.key.len(),
                        l.schema.lines.as_ptr() as usize,
                        l.schema.lines.len(),
                    )
                })
        };
        LAST.with(|last| {
            if let Some((key, words)) = &*last.borrow()
                && same(key)
            {
                return words.clone();
            }
            let words = std::rc::Rc::new(Words::new(layouts));
            let key = layouts
                .iter()
                .map(|l| {
                    (
                        l.key.as_ptr() as usize,
                        l.key.len(),
                        l.schema.lines.as_ptr() as usize,
                        l.schema.lines.len(),
                    )
                })
                .collect();
            *last.borrow_mut() = Some((key, words.clone()));
            words
        })
    }
}

/// What every paragraph of one filing is read with.
struct Ctx {
    /// The filing's reporting period ("the second quarter ended June 30, 2025").
    current: Option<(u8, Date)>,
    /// The subject phrases of the layouts.
    words: std::rc::Rc<Words>,
    /// The currencies of the bound statements.
    codes: Vec<Code>,
    /// The bytes a currency code's form starts with (in either ASCII case): a figure starts
    /// with one.
    code_starts: [bool; 256],
    /// The statements of each (layout key, period), in order: a figure's statement is looked up,
    /// not searched for.
    statements: ByPeriod,
    /// The targets found, by (layout key, line, period), then currency, where many statements
    /// print the layout for the period: a file printing its statements many times scans them once
    /// per line and column, not once per figure.
    targets: std::cell::RefCell<Targets>,
}

/// [`target`]'s answers, by (layout key, line name, period), then currency.
type Targets = std::collections::HashMap<
    (&'static str, &'static str, Period),
    Vec<(Option<String>, Option<(usize, usize, bool)>)>,
    std::hash::BuildHasherDefault<Mix>,
>;

impl Ctx {
    /// The statements printing layout `key` for `period`, in order.
    fn of(&self, key: &'static str, period: Period) -> impl Iterator<Item = usize> + '_ {
        self.statements
            .get(&PeriodKey(key, period))
            .into_iter()
            .flatten()
            .copied()
    }

    /// [`target`] of line `name` of layout `key` in `column`: remembered where many statements
    /// print the layout for the period, scanned where few do (one copy of each).
    fn target(
        &self,
        statements: &[BoundStatement],
        layouts: &[Layout],
        key: &'static str,
        name: &'static str,
        column: Col<'_>,
    ) -> Option<(usize, usize, bool)> {
        let of = self.statements.get(&PeriodKey(key, column.period));
        let scan = || {
            target(
                statements,
                layouts,
                of.into_iter().flatten().copied(),
                key,
                name,
                column,
            )
        };
        if of.is_none_or(|v| v.len() <= 8) {
            return scan();
        }
        let at = (key, name, column.period);
        let known = self
            .targets
            .borrow()
            .get(&at)
            .and_then(|v| v.iter().find(|(c, _)| c.as_deref() == column.currency))
            .map(|&(_, t)| t);
        known.unwrap_or_else(|| {
            let t = scan();
            self.targets
                .borrow_mut()
                .entry(at)
                .or_default()
                .push((column.currency.map(str::to_string), t));
            t
        })
    }
}

/// The statements of each (layout key, period), in order.
type ByPeriod = std::collections::HashMap<PeriodKey, Vec<usize>, std::hash::BuildHasherDefault<Mix>>;

/// A layout key and a period, hashed by the key's length and first eight bytes (layout keys are
/// few and differ there) and the period; compared whole.
#[derive(Clone, Copy, PartialEq, Eq)]
struct PeriodKey(&'static str, Period);

impl std::hash::Hash for PeriodKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut head = [0u8; 8];
        let n = self.0.len().min(8);
        head[..n].copy_from_slice(&self.0.as_bytes()[..n]);
        state.write_u64(u64::from_le_bytes(head) ^ (self.0.len() as u64).rotate_left(56));
        self.1.hash(state);
    }
}

/// A hasher for the few short keys of [`ByPeriod`], looked up for every figure: each word written
/// is mixed in by a multiplication (the keys come from the filing's own tables, not from an
/// adversary, and a map of them holds one entry a statement).
#[derive(Default)]
struct Mix(u64);

impl std::hash::Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(u32::from_ne_bytes(n.to_ne_bytes())));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Buffers one filing's paragraphs are read with, kept from sentence to sentence so that reading
/// one allocates nothing once they have grown.
#[derive(Default)]
struct Scratch {
    sentences: Vec<(usize, usize)>,
    figures: Vec<Figure>,
    percentages: Vec<Percentage>,
    placed: Vec<(usize, usize, Option<usize>)>,
    occs: Vec<Occurrence>,
    verbs: Vec<usize>,
    governing: Vec<usize>,
    /// A window of text in ASCII lower case, for the period words.
    lower: String,
    /// The paragraph's `%` and scale words.
    marks: Vec<Mark>,
}

/// `t[a..b]` (byte offsets) in ASCII lower case, written into `buf`.
fn lower_into<'b>(buf: &'b mut String, t: &str, a: usize, b: usize) -> &'b str {
    buf.clear();
    buf.push_str(&t[a..b]);
    buf.make_ascii_lowercase();
    buf
}

/// Character offsets of byte offsets into a paragraph's text (locations count characters): the
/// same for an ASCII text; else counted from the last one asked for, so that offsets asked in
/// text order cost their distance.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    /// The last (byte, character) offset pair found.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// The character offset of byte offset `b` (a character's start or the end).
    fn of(&self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        let (lb, lc) = self.last.get();
        let c = if b >= lb {
            lc + self.text[lb..b].chars().count()
        } else {
            lc - self.text[b..lb].chars().count()
        };
        self.last.set((b, c));
        c
    }
}

/// Reads the claims, translations, margins and changes of one paragraph into `all`. Positions
/// are byte offsets into the text (every word and mark read is ASCII, compared in any case in
/// place); locations are counted in characters.
fn paragraph_claims(
    p: &Paragraph,
    ctx: &Ctx,
    statements: &[BoundStatement],
    layouts: &[Layout],
    all: &mut Prose,
    scratch: &mut Scratch,
) {
    let t = p.text.as_str();
    let b = t.as_bytes();
    // Every `%` and scale word of the paragraph: one without either states no figure.
    marks(b, &mut scratch.marks);
    if scratch.marks.is_empty() {
        return;
    }
    let Prose {
        claims: out,
        translations,
        margins,
        changes,
    } = all;
    let Scratch {
        sentences: sentence_ranges,
        figures,
        percentages,
        placed,
        occs,
        verbs,
        governing: governing_verbs,
        lower: buf,
        marks,
    } = scratch;
    // The first mark not before the sentence read.
    let mut mi = 0;
    let chars = CharOffsets::new(t);
    let loc = |i: usize| p.location_at(chars.of(i));
    sentences(t, sentence_ranges);
    for &(s0, s1) in sentence_ranges.iter() {
        // A figure ends with a scale word and a percentage with `%`, both within the sentence:
        // a sentence printing neither is passed over. (A scale word holds no stop: one starting
        // in the sentence ends in it.)
        while marks.get(mi).is_some_and(|m| m.at < s0) {
            mi += 1;
        }
        let in_sentence = marks[mi..].iter().take_while(|m| m.at < s1);
        let (mut last_percent, mut last_scale) = (None, None);
        for m in in_sentence {
            if m.percent {
                last_percent = Some(m.at);
            } else {
                last_scale = Some(m.at);
            }
        }
        if last_percent.is_none() && last_scale.is_none() {
            continue;
        }
        figures.clear();
        // A figure ends with a scale word: none starts at or after the sentence's last one.
        let mut i = s0;
        let figures_end = last_scale.unwrap_or(s0);
        while i < figures_end {
            // A figure starts with a currency code's first byte (in either case), at a word's
            // start (a form's first byte never continues a character).
            if !ctx.code_starts[usize::from(b[i])] || !boundary_before(t, i) {
                i += 1;
                continue;
            }
            match figure_at(t, i, &ctx.codes) {
                Some(f) if f.end <= s1 => {
                    i = f.end;
                    figures.push(f);
                }
                _ => i += 1,
            }
        }
        if let Some(last_percent) = last_percent {
            sentence_percentages(t, (s0, last_percent, s1), percentages);
        } else {
            percentages.clear();
        }
        if figures.is_empty() && percentages.is_empty() {
            continue;
        }
        // Each money figure read (not a translation in parentheses): (start, end with its
        // translation, claim made of it).
        placed.clear();
        // Subjects and verbs are walked only up to a figure or percentage: none starting after
        // the last one is looked at.
        let last = figures
            .iter()
            .map(|f| f.start)
            .chain(percentages.iter().map(|pc| pc.start))
            .max()
            .unwrap_or(s0);
        subjects_and_verbs(t, (s0, last, s1), &ctx.words.phrases, occs, verbs);
        governing_verbs.clear();
        governing_verbs.extend(occs.iter().filter_map(|o| o.verb));
        governing_verbs.sort_unstable();
        verbs.retain(|v| governing_verbs.binary_search(v).is_err());
        let mut walk = Governing::default();
        let mut fi = 0;
        while fi < figures.len() {
            let f = figures[fi].clone();
            // A US$ figure in parentheses right after this one is the same period in US$.
            let k = skip_whitespace(t, f.end, s1);
            let mut paired: Option<Figure> = None;
            let mut after = f.end;
            if !f.translated && b.get(k) == Some(&b'(') && figures.get(fi + 1).is_some_and(|g| g.translated) {
                let g = figures[fi + 1].clone();
                let c = skip_whitespace(t, g.end, s1);
                if t[k + 1..g.start].trim().is_empty() && b.get(c) == Some(&b')') {
                    after = c + 1;
                    paired = Some(g);
                }
            }
            // What happens before this figure.
            walk.to(f.start, occs, verbs, &ctx.words.subjects);
            let next = figures
                .get(fi + if paired.is_some() { 2 } else { 1 })
                .map_or(s1, |g| g.start);
            let is_first = walk.first && !f.translated;
            if !f.translated {
                walk.first = false;
            }
            let subject = walk.governing().filter(|_| !f.translated);
            let mut made = None;
            if let Some(oi) = subject {
                let occ = &occs[oi];
                let after_cue = after_cue(lower_into(buf, t, after, next), ctx.current);
                let before_cue = if is_first {
                    let from = if fi == 0 { s0 } else { occ.start };
                    window_cue(lower_into(buf, t, from, f.start), ctx.current)
                } else {
                    None
                };
                let period = match (after_cue, before_cue) {
                    (Some(Cue::Unknown), _) | (_, Some(Cue::Unknown)) => None,
                    (Some(Cue::At(a)), Some(Cue::At(b))) if a != b => None,
                    (Some(Cue::At(a)), _) | (None, Some(Cue::At(a))) => Some(a),
                    (None, None) => {
                        let comparison = one_of(word_before(t, s0, f.start), COMPARISONS);
                        match ctx.current {
                            Some((months, end)) if is_first && !comparison => {
                                Some(Period::Duration { months, end })
                            }
                            _ => None,
                        }
                    }
                };
                if let Some(period) = period {
                    let subj = &ctx.words.subjects[occ.subject];
                    let printed = &t[occ.start..occ.end];
                    let source = out.len();
                    let mut source_claimed = false;
                    for g in std::iter::once(&f).chain(paired.as_ref()) {
                        // The currency's name is copied only into a claim made.
                        let col = Col {
                            period,
                            currency: Some(ctx.codes[g.code].name.as_str()),
                        };
                        if let Some((layout, line, sign)) =
                            resolve(subj, col, g.value, ctx, statements, layouts)
                        {
                            let column = ColumnKey {
                                period,
                                currency: Some(ctx.codes[g.code].name.clone()),
                            };
                            out.push(Claim {
                                location: loc(g.start),
                                token: t[g.start..g.end].to_string(),
                                subject: printed.to_string(),
                                value: g.value,
                                layout,
                                line,
                                column,
                                sign,
                                scale: g.scale,
                            });
                            source_claimed |= g.start == f.start;
                        }
                    }
                    if let (true, Some(g)) = (source_claimed, &paired) {
                        translations.push(Translation {
                            source,
                            location: loc(g.start),
                            token: t[g.start..g.end].to_string(),
                            value: g.value,
                            from: ctx.codes[f.code].name.clone(),
                            to: ctx.codes[g.code].name.clone(),
                            scale: g.scale,
                        });
                    }
                    made = source_claimed.then_some(source);
                }
            }
            placed.push((f.start, after, made));
            fi += if paired.is_some() { 2 } else { 1 };
        }
        if !percentages.is_empty() {
            let sentence = Sentence {
                p,
                t,
                chars: &chars,
                s0,
                s1,
                occs,
                verbs,
                placed,
            };
            sentence.percentages(percentages, ctx, statements, layouts, out, margins, changes, buf);
        }
    }
}

/// The word before a figure that makes it the other side of a comparison ("from RMB1,891.8
/// million"): such a figure never takes the reporting period by default.
const COMPARISONS: &[&str] = &["from", "with", "versus", "vs", "against", "than"];

/// The percentages of `t[s0..s1]` (byte offsets), into `out`; `last` is the sentence's last
/// `%`.
fn sentence_percentages(t: &str, (s0, last, s1): (usize, usize, usize), out: &mut Vec<Percentage>) {
    out.clear();
    let b = t.as_bytes();
    // (A minus sign `−` starts with a byte no ASCII character is.)
    let minus = |i: usize| b[i] == 0xE2 && b[i..].starts_with("\u{2212}".as_bytes());
    let mut i = s0;
    // A percentage ends with a `%`: none starts after the last one.
    while i < last {
        if b[i].is_ascii_digit() || b[i] == b'-' || minus(i) {
            if let Some(pc) = percentage_at(t, i).filter(|pc| pc.end <= s1) {
                i = pc.end;
                out.push(pc);
                continue;
            }
            // Skip the rest of a number that is not a percentage.
            while i < s1 {
                if b[i].is_ascii_digit() || matches!(b[i], b'.' | b',' | b'-') {
                    i += 1;
                } else if minus(i) {
                    i += "\u{2212}".len();
                } else {
                    break;
                }
            }
            continue;
        }
        // A byte of another character is passed alone: none starts a number.
        i += 1;
    }
}

/// The subject governing each figure of a sentence, found by walking its subjects and its clause
/// verbs in text order up to the figure (both lists are sorted, so each is walked once per
/// sentence).
#[derive(Default)]
struct Governing {
    next_occ: usize,
    next_verb: usize,
    /// The last subject a verb made govern (an index into the occurrences); none after a verb of
    /// its own.
    current: Option<usize>,
    /// Another measure was named without a verb since: what follows is uncertain.
    uncertain: bool,
    /// No figure has been read since the governing subject.
    first: bool,
}

impl Governing {
    /// Walks the subjects and verbs before `at`.
    fn to(&mut self, at: usize, occs: &[Occurrence], verbs: &[usize], subjects: &[Subject]) {
        loop {
            let o = occs.get(self.next_occ).filter(|o| o.start < at);
            let v = verbs.get(self.next_verb).copied().filter(|&v| v < at);
            let subject_first = match (o, v) {
                (Some(o), Some(v)) => o.start < v,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            match o {
                Some(o) if subject_first => {
                    self.next_occ += 1;
                    if o.verb.is_some_and(|v| v < at) {
                        self.current = Some(self.next_occ - 1);
                        self.uncertain = false;
                        self.first = true;
                    } else if let Some(c) = self.current
                        && subjects[occs[c].subject].lines.first() != subjects[o.subject].lines.first()
                    {
                        self.uncertain = true;
                    }
                }
                _ => {
                    self.next_verb += 1;
                    self.current = None;
                }
            }
        }
    }

    /// The subject governing the figure walked to, unless uncertain.
    fn governing(&self) -> Option<usize> {
        self.current.filter(|_| !self.uncertain)
    }
}

/// One sentence of a paragraph, as read for its money figures.
struct Sentence<'a> {
    p: &'a Paragraph,
    /// The paragraph's text; positions are byte offsets into it.
    t: &'a str,
    /// Character offsets of its byte offsets, for locations.
    chars: &'a CharOffsets<'a>,
    s0: usize,
    s1: usize,
    occs: &'a [Occurrence],
    /// Clause verbs that no subject governs.
    verbs: &'a [usize],
    /// The money figures read: (start, end with the translation, claim made of it).
    placed: &'a [(usize, usize, Option<usize>)],
}

/// The direction a change is worded with right before its `by` or `of` ("increased by",
/// "representing a decrease of", "decreased significantly by"): 1, -1, or none.
fn direction(t: &str, from: usize, at: usize) -> Option<i64> {
    let b = t.as_bytes();
    let mut w = word_before(t, from, at);
    if !spells(w, "by") && !spells(w, "of") {
        return None;
    }
    let mut k = at;
    for _ in 0..2 {
        // Back over the word just read.
        while k > from && !b[k - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        while k > from && b[k - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        w = word_before(t, from, k);
        if one_of(w, &["increase", "increased", "grew", "rose"]) {
            return Some(1);
        }
        if one_of(w, &["decrease", "decreased", "declined", "fell"]) {
            return Some(-1);
        }
        // One adverb between the verb and its `by` ("decreased significantly by").
        if !adverb(w) {
            return None;
        }
    }
    None
}

/// Words that may stand between a change's percentage and the figure it changed `from`.
const CHANGE_WORDS: &[&str] = &[
    "year-over-year",
    "year-on-year",
    "quarter-over-quarter",
    "quarter-on-quarter",
    "from",
];

impl Sentence<'_> {
    fn text(&self, a: usize, b: usize) -> String {
        self.t[a..b].to_string()
    }

    /// The file location of byte `i` of the text.
    fn location_at(&self, i: usize) -> Location {
        self.p.location_at(self.chars.of(i))
    }

    #[allow(clippy::too_many_arguments)]
    fn percentages(
        &self,
        percentages: &[Percentage],
        ctx: &Ctx,
        statements: &[BoundStatement],
        layouts: &[Layout],
        claims: &[Claim],
        margins: &mut Vec<Margin>,
        changes: &mut Vec<Change>,
        buf: &mut String,
    ) {
        let mut walk = Governing::default();
        for (pi, pc) in percentages.iter().enumerate() {
            // The subject governing the percentage, as for a money figure.
            walk.to(pc.start, self.occs, self.verbs, &ctx.words.subjects);
            let is_first = std::mem::replace(&mut walk.first, false);
            let Some(oi) = walk.governing() else {
                continue;
            };
            let occ = &self.occs[oi];
            let subject = &ctx.words.subjects[occ.subject];
            if subject.percent {
                // The percentage's period: the words after it, up to the next figure or
                // percentage, else (the first after its subject) those before it or the
                // reporting period.
                // (`placed` is in text order: each look-up is a binary search, so a sentence of
                // many figures stays linear.)
                let after = self.placed.partition_point(|f| f.0 <= pc.start);
                let next = percentages
                    .get(pi + 1)
                    .map(|q| q.start)
                    .into_iter()
                    .chain(self.placed.get(after).map(|f| f.0))
                    .min()
                    .unwrap_or(self.s1);
                let after_cue = after_cue(lower_into(buf, self.t, pc.end, next), ctx.current);
                let before_cue = if is_first {
                    window_cue(lower_into(buf, self.t, occ.start, pc.start), ctx.current)
                } else {
                    None
                };
                let period = match (after_cue, before_cue) {
                    (Some(Cue::Unknown), _) | (_, Some(Cue::Unknown)) => None,
                    (Some(Cue::At(a)), Some(Cue::At(b))) if a != b => None,
                    (Some(Cue::At(a)), _) | (None, Some(Cue::At(a))) => Some(a),
                    (None, None) => {
                        let comparison = one_of(word_before(self.t, self.s0, pc.start), COMPARISONS);
                        match ctx.current {
                            Some((months, end)) if is_first && !comparison => {
                                Some(Period::Duration { months, end })
                            }
                            _ => None,
                        }
                    }
                };
                let Some(period) = period else {
                    continue;
                };
                let (target, (layout, line)) =
                    match percent_target(subject, &period, ctx, statements, layouts) {
                        Some((s, l, layout, line)) => (Some((s, l)), (layout, line)),
                        None => match subject.lines.first() {
                            Some(&first) => (None, first),
                            None => continue,
                        },
                    };
                margins.push(Margin {
                    location: self.location_at(pc.start),
                    token: self.text(pc.start, pc.end),
                    subject: self.text(occ.start, occ.end),
                    value: pc.value,
                    target,
                    layout,
                    line,
                    period,
                });
                continue;
            }
            let Some(sign) = direction(self.t, self.s0, pc.start) else {
                continue;
            };
            if pc.value.is_sign_negative() {
                continue;
            }
            // The line's figure: the first claimed after the subject's verb, before the
            // percentage; the figure it changed from: the next one, right after the percentage.
            let Some(verb) = occ.verb else {
                continue;
            };
            let Some(&(cur_start, cur_end, Some(cur))) =
                self.placed.get(self.placed.partition_point(|f| f.0 <= verb))
            else {
                continue;
            };
            if cur_start >= pc.start || cur_end > pc.start {
                continue;
            }
            let Some(&(prior_start, _, Some(prior))) =
                self.placed.get(self.placed.partition_point(|f| f.0 < pc.end))
            else {
                continue;
            };
            // A few words at most ("year-over-year from"): never a scan of the sentence. (64
            // characters: at most 256 bytes, counted only when more than 64.)
            let gap = prior_start - pc.end;
            if gap > 64 && (gap > 256 || self.t[pc.end..prior_start].chars().count() > 64) {
                continue;
            }
            let between = self.text(pc.end, prior_start).to_ascii_lowercase();
            let words: Vec<&str> = between.split_whitespace().collect();
            if words.last() != Some(&"from") || !words.iter().all(|w| CHANGE_WORDS.contains(w)) {
                continue;
            }
            let (c, q) = (&claims[cur], &claims[prior]);
            if (c.layout, c.line) != (q.layout, q.line)
                || c.column.currency != q.column.currency
                || c.column.period == q.column.period
            {
                continue;
            }
            changes.push(Change {
                location: self.location_at(pc.start),
                token: self.text(pc.start, pc.end),
                value: pc.value * Decimal::from(sign),
                current: cur,
                prior,
            });
        }
    }
}

/// The (statement, line, layout key, line name) a percentage of `subject` in `period` restates:
/// the first of the subject's percentage lines a bound statement prints in a column of that
/// period.
fn percent_target(
    subject: &Subject,
    period: &Period,
    ctx: &Ctx,
    statements: &[BoundStatement],
    layouts: &[Layout],
) -> Option<(usize, usize, &'static str, &'static str)> {
    for &(key, name) in &subject.lines {
        for si in ctx.of(key, *period) {
            let s = &statements[si];
            if s.key != key || s.percent_column || &s.column.period != period {
                continue;
            }
            let Some(layout) = layouts.get(s.layout) else {
                continue;
            };
            let Some(li) = layout.schema.lines.iter().position(|l| l.name == name) else {
                continue;
            };
            if layout.schema.lines[li].kind == QuantityKind::Percent
                && matches!(s.slots.get(li), Some(Slot::Value { .. } | Slot::Damaged { .. }))
            {
                return Some((si, li, key, name));
            }
        }
    }
    None
}

/// The (layout key, line name, sign) a figure of `subject` in `column` is checked against, when a
/// bound statement prints the line.
fn resolve(
    subject: &Subject,
    column: Col<'_>,
    value: Decimal,
    ctx: &Ctx,
    statements: &[BoundStatement],
    layouts: &[Layout],
) -> Option<(&'static str, &'static str, i64)> {
    if subject.convention == Magnitude && value.is_sign_negative() && !value.is_zero() {
        // "Net loss was RMB-x million": a negative magnitude says nothing certain.
        return None;
    }
    let mut found = None;
    for &(key, name) in &subject.lines {
        match ctx.target(statements, layouts, key, name, column) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{bind::bind, kingsoft, read};

    /// (token, line, column) of every claim, margin and change of line 17 of the Q2 2025 release.
    fn line_17(filing: &Filing) -> Vec<(String, u32, u32)> {
        let binding = bind(filing, kingsoft::LAYOUTS);
        let p = read_prose(filing, &binding.statements, kingsoft::LAYOUTS);
        let mut out: Vec<(String, u32, u32)> = p
            .claims
            .iter()
            .map(|c| (c.token.clone(), c.location))
            .chain(p.changes.iter().map(|c| (c.token.clone(), c.location)))
            .chain(p.translations.iter().map(|t| (t.token.clone(), t.location)))
            .filter(|(_, l)| l.line == 17)
            .map(|(t, l)| (t, l.line, l.column))
            .collect();
        out.sort_by_key(|e| e.2);
        out
    }

    /// Percentages read up to a sentence's last `%` are those read through the whole sentence,
    /// on every sentence of the filings (and a few made up, with minus signs).
    #[test]
    fn percentages_read_to_the_last_percent_sign() {
        let mut texts: Vec<String> = vec![
            "down \u{2212}3.1% and -2 % then 1.2.3% and 45%, 7 % 8".into(),
            "a1% 2.24.2% (5.0%) \u{2212}\u{2212}4% é 4.5%é".into(),
        ];
        for filing in [kingsoft::H1_2023, kingsoft::Q2_2025] {
            texts.extend(filing.text.lines().map(str::to_string));
        }
        let (mut ranges, mut all, mut cut) = (Vec::new(), Vec::new(), Vec::new());
        let key = |p: &Percentage| (p.start, p.end, p.value);
        let mut found = 0;
        for t in &texts {
            sentences(t, &mut ranges);
            for &(s0, s1) in &ranges {
                let Some(last) = t[s0..s1].rfind('%').map(|k| s0 + k) else {
                    continue;
                };
                sentence_percentages(t, (s0, s1, s1), &mut all);
                sentence_percentages(t, (s0, last, s1), &mut cut);
                assert_eq!(
                    cut.iter().map(key).collect::<Vec<_>>(),
                    all.iter().map(key).collect::<Vec<_>>(),
                    "{:?}",
                    &t[s0..s1]
                );
                found += all.len();
            }
        }
        assert!(found > 100, "{found}");
    }

    /// Positions are read in bytes and reported in characters: the footnote mark `¹` (two bytes)
    /// before "RMB1,891.8 million" counts one column, and a prefix of ten characters outside
    /// ASCII (sixteen bytes) moves every figure after it ten columns.
    #[test]
    fn locations_count_characters_not_bytes() {
        let filing = read::read("q2.txt", kingsoft::Q2_2025.text.as_bytes()).unwrap();
        let want = [
            ("RMB2,349.2 million", 24),
            // A claim of its own, and the translation of the figure before it.
            ("US\\$327.9¹ million", 44),
            ("US\\$327.9¹ million", 44),
            ("24.2%", 78),
            ("RMB1,891.8 million", 104),
            ("19.3%", 168),
            ("RMB1,970.0 million", 200),
        ];
        let found = line_17(&filing);
        let as_found: Vec<(&str, u32)> = found.iter().map(|(t, _, c)| (t.as_str(), *c)).collect();
        assert_eq!(as_found, want);

        let mut moved = filing.clone();
        let prefix = "Ünïcödé — ";
        assert_eq!((prefix.chars().count(), prefix.len()), (10, 16));
        let p = moved
            .paragraphs
            .iter_mut()
            .find(|p| p.text.starts_with("Total Revenues reached RMB2,349.2"))
            .unwrap();
        assert!(p.location.line == 17 && p.lines.iter().all(|l| l.0 == 0 || l.1.line != 17));
        p.text.insert_str(0, prefix);
        let found = line_17(&moved);
        let as_found: Vec<(&str, u32)> = found.iter().map(|(t, _, c)| (t.as_str(), *c)).collect();
        let shifted: Vec<(&str, u32)> = want.iter().map(|&(t, c)| (t, c + 10)).collect();
        assert_eq!(as_found, shifted);
    }
}
