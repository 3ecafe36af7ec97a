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

mod figure;
mod period;

use figure::*;
use period::*;

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
    /// The translated figure in millions, with the decimals printed.
    pub value: Decimal,
    /// The source figure's currency code (`RMB`).
    pub from: String,
    /// The translated figure's currency code (`US$`).
    pub to: String,
}

impl Translation {
    /// The translated figure as printed: millions, to the decimals printed.
    pub fn amount(&self) -> Amount {
        Amount::new(self.value, Precision::new(Scale::Millions, self.value.scale()))
    }
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
    let subjects = subjects(layouts);
    let mut order: Vec<usize> = (0..subjects.len()).collect();
    order.sort_by_key(|&s| std::cmp::Reverse(subjects[s].phrase.chars().count()));
    let ctx = Ctx {
        current: reporting_period(filing, statements),
        order,
        subjects,
        codes: currency_codes(statements),
    };
    let mut out = Vec::new();
    let mut translations = Vec::new();
    for p in &filing.paragraphs {
        paragraph_claims(p, &ctx, statements, layouts, &mut out, &mut translations);
    }
    (out, translations)
}

/// A currency code the prose may print figures in.
#[derive(Clone, Debug)]
struct Code {
    /// As the columns print it (`US$`).
    name: String,
    /// Lower-case forms to find in the text (`us$`, `us\$`).
    forms: Vec<Vec<char>>,
    /// A translation of another currency's figures (a figure in it counts only in parentheses
    /// after a figure in another currency).
    translated: bool,
}

/// The currency codes of the bound statements' columns, in order of first appearance.
fn currency_codes(statements: &[BoundStatement]) -> Vec<Code> {
    let mut out: Vec<Code> = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        let Some(c) = s.column.currency.as_deref() else {
            continue;
        };
        let translated = statements[..i].iter().any(|t| {
            t.group == s.group
                && t.column.period == s.column.period
                && t.column.currency.as_deref().is_some_and(|tc| tc != c)
        });
        match out.iter_mut().find(|k| k.name == c) {
            Some(k) => k.translated |= translated,
            None => {
                let lower = c.to_lowercase();
                let mut forms = vec![lower.chars().collect::<Vec<char>>()];
                if lower.contains('$') {
                    forms.push(lower.replace('$', "\\$").chars().collect());
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

/// What every paragraph of one filing is read with.
struct Ctx {
    /// The filing's reporting period ("the second quarter ended June 30, 2025").
    current: Option<(u8, Date)>,
    /// Indices into `subjects`, longest phrase first.
    order: Vec<usize>,
    /// The subject phrases the layouts declare.
    subjects: Vec<Subject>,
    /// The currencies of the bound statements.
    codes: Vec<Code>,
}

fn paragraph_claims(
    p: &Paragraph,
    ctx: &Ctx,
    statements: &[BoundStatement],
    layouts: &[Layout],
    out: &mut Vec<Claim>,
    translations: &mut Vec<Translation>,
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
            match figure_at(&cs, &lc, i, &ctx.codes) {
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
            if !f.translated && cs.get(k) == Some(&'(') && figures.get(fi + 1).is_some_and(|g| g.translated) {
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
            let is_first = first && !f.translated;
            if !f.translated {
                first = false;
            }
            let subject = current.filter(|_| !uncertain && !f.translated);
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
                    let source = out.len();
                    let mut source_claimed = false;
                    for g in std::iter::once(&f).chain(paired.as_ref()) {
                        let column = ColumnKey {
                            period,
                            currency: Some(ctx.codes[g.code].name.clone()),
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
                            source_claimed |= g.start == f.start;
                        }
                    }
                    if let (true, Some(g)) = (source_claimed, &paired) {
                        translations.push(Translation {
                            source,
                            location: loc(g.start),
                            token: text(g.start, g.end),
                            value: g.value,
                            from: ctx.codes[f.code].name.clone(),
                            to: ctx.codes[g.code].name.clone(),
                        });
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
