//! The layout metadata that `#[derive(Statement)]` emits as constants: line items with their printed
//! labels, their order, their formulas and the statement-level rules.
//!
//! ```
//! use statement_core::{Duration, Money, Rmb, Statement};
//!
//! #[derive(Statement)]
//! #[statement(title = "Gross profit")]
//! struct Gross {
//!     #[line(label = "Total revenues")]
//!     revenues: Money<Rmb, Duration>,
//!     #[line(label = "Cost of revenues")]
//!     cost: Money<Rmb, Duration>,
//!     #[line(label = "Gross profit", total = revenues + cost)]
//!     gross_profit: Money<Rmb, Duration>,
//! }
//!
//! let schema = Gross::SCHEMA;
//! assert_eq!(schema.lines[2].label, "Gross profit");
//! let f = schema.lines[2].formula.unwrap();
//! assert_eq!(f.iter().map(|t| (schema.lines[t.line].name, t.weight)).collect::<Vec<_>>(),
//!            [("revenues", 1), ("cost", 1)]);
//! ```

use serde::Serialize;

use crate::amount::{Amount, QuantityKind};
use crate::verdict::{Verdict, footing, judge, weighted_sum};

/// A statement layout: its title and its line items in printed order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    /// The Rust type's name.
    pub name: &'static str,
    /// The statement's title as printed (may be empty when none was declared).
    pub title: &'static str,
    /// The line items, in declaration order.
    pub lines: &'static [LineItem],
    /// Statement-level rules.
    pub rules: &'static [Rule],
}

/// One line item of a layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineItem {
    /// The field's name.
    pub name: &'static str,
    /// The printed label.
    pub label: &'static str,
    /// Other wordings of the label found in filings.
    pub aliases: &'static [&'static str],
    /// The heading the line is printed under, for a label printed twice in one statement
    /// (`#[line(section = "...")]`).
    pub section: Option<&'static str>,
    /// The kind of quantity the line holds.
    pub kind: QuantityKind,
    /// Whether the line may be absent (the field is an `Option`).
    pub optional: bool,
    /// For a subtotal or total: the weighted lines it is the sum of.
    pub formula: Option<&'static [Term]>,
    /// The phrases under which the filing's prose restates the line's figure
    /// (`#[line(prose = "...")]`, `#[line(prose_magnitude = "...")]`).
    pub prose: &'static [Prose],
}

/// A phrase under which a filing's prose restates a line's figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Prose {
    /// The phrase, in lower case (`cost of revenues`).
    pub phrase: &'static str,
    /// How the phrase words the figure's sign.
    pub sign: ProseSign,
}

/// How a filing's prose states a line's figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ProseSign {
    /// With the sign the table prints ("EBITDA was RMB-191.9 million").
    #[default]
    Signed,
    /// As a magnitude: a loss, expense or cost the table prints in parentheses ("Net loss was
    /// RMB456.9 million" for `(456,863)`). Compared with the figure's absolute value.
    Magnitude,
}

impl LineItem {
    /// Whether `text` is this line's label or one of its aliases, ignoring case, white space and
    /// trailing colons.
    ///
    /// ```
    /// # use statement_core::schema::LineItem;
    /// # use statement_core::{QuantityKind, schema::{Prose, ProseSign}};
    /// let l = LineItem { name: "net_loss", label: "Net loss", aliases: &["Net Loss"], section: None,
    ///     kind: QuantityKind::Money, optional: false, formula: None,
    ///     prose: &[Prose { phrase: "net loss", sign: ProseSign::Magnitude }] };
    /// assert!(l.matches("net  loss:"));
    /// ```
    pub fn matches(&self, text: &str) -> bool {
        let t = normalize_label(text);
        normalize_label(self.label) == t || self.aliases.iter().any(|a| normalize_label(a) == t)
    }
}

/// A label folded for comparison: lower case, single spaces, no trailing colon, dashes and
/// typographic quotes unified.
///
/// ```
/// assert_eq!(statement_core::schema::normalize_label(" Less:  Net LOSS: "), "less: net loss");
/// ```
pub fn normalize_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_label_into(text, &mut out);
    out
}

/// [`normalize_label`] written into `out` (cleared first), so that a caller folding many labels
/// reuses one buffer.
pub(crate) fn normalize_label_into(text: &str, out: &mut String) {
    out.clear();
    let b = text.as_bytes();
    let plain = text.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'));
    if plain {
        // ASCII words between single spaces (nearly every label): copied, lowered in place.
        out.push_str(text);
        out.make_ascii_lowercase();
    } else if text.is_ascii() {
        // Byte by byte: the white space `split_whitespace` splits ASCII text at.
        let mut space = false;
        for b in text.bytes() {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
    } else {
        normalize_words(text, out);
    }
    while out.ends_with(':') {
        out.pop();
    }
    out.truncate(out.trim_end().len());
}

/// [`normalize_label`]'s words, for text that is not all ASCII.
fn normalize_words(text: &str, out: &mut String) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            // ASCII words (nearly all): copied, then lowered in place, no case table.
            let at = out.len();
            out.push_str(word);
            out[at..].make_ascii_lowercase();
            continue;
        }
        for c in word.chars() {
            match c {
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// One weighted term of a formula: `weight * lines[line]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Index of the line in [`Schema::lines`].
    pub line: usize,
    /// The integer weight (`+ x` is 1, `- x` is -1, `2 * x` is 2).
    pub weight: i64,
}

/// A statement-level rule: the weighted sum of `left` equals the weighted sum of `right`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The rule's name, used in check ids.
    pub name: &'static str,
    /// Left-hand side terms.
    pub left: &'static [Term],
    /// Right-hand side terms.
    pub right: &'static [Term],
}

/// Why a statement could not be built from a column of figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingLine {
    /// The statement's type name.
    pub statement: &'static str,
    /// The missing line's label.
    pub label: &'static str,
}

impl core::fmt::Display for MissingLine {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: required line `{}` is missing", self.statement, self.label)
    }
}

impl std::error::Error for MissingLine {}

/// A statement layout declared with `#[derive(Statement)]`.
///
/// The derive writes [`Statement::SCHEMA`], [`Statement::amounts`] and
/// [`Statement::from_amounts`]; [`Statement::check`] evaluates every formula and rule.
pub trait Statement: Sized {
    /// The layout's metadata.
    const SCHEMA: Schema;

    /// The printed figure of every line, in [`Schema::lines`] order (`None` for an absent
    /// optional line).
    fn amounts(&self) -> Vec<Option<Amount>>;

    /// Builds the statement from figures in [`Schema::lines`] order; fails when a required line
    /// is absent.
    fn from_amounts(amounts: &[Option<Amount>]) -> Result<Self, MissingLine>;

    /// Evaluates every subtotal, total and rule from the reported components against the reported
    /// total, with rounding-aware verdicts.
    fn check(&self) -> Vec<Check> {
        evaluate(&Self::SCHEMA, &self.amounts())
    }
}

/// What a check of a layout relates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// A subtotal or total against its formula; `line` indexes [`Schema::lines`].
    Footing {
        /// The total's line.
        line: usize,
    },
    /// A statement-level rule; `rule` indexes [`Schema::rules`].
    Rule {
        /// The rule's index.
        rule: usize,
    },
}

/// One evaluated relation of a layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable id: `footing:<line name>` or `rule:<rule name>`.
    pub id: String,
    /// What was checked.
    pub subject: Subject,
    /// Every line the check involves, the total (or left side) first.
    pub lines: Vec<usize>,
    /// The outcome.
    pub verdict: Verdict,
}

/// Evaluates every formula and rule of `schema` over figures in line order.
///
/// A missing optional line counts as absent (contributes nothing); a missing required line makes
/// the check [`Verdict::Unreadable`]. Nothing is guessed.
pub fn evaluate(schema: &Schema, amounts: &[Option<Amount>]) -> Vec<Check> {
    let mut out = Vec::new();
    let get = |i: usize| amounts.get(i).copied().flatten();
    for (i, line) in schema.lines.iter().enumerate() {
        let Some(formula) = line.formula else { continue };
        let mut lines = vec![i];
        lines.extend(formula.iter().map(|t| t.line));
        let verdict = match (get(i), collect_terms(schema, formula, amounts)) {
            (Some(total), Some(terms)) => footing(&terms, total),
            _ => Verdict::Unreadable,
        };
        out.push(Check {
            id: format!("footing:{}", line.name),
            subject: Subject::Footing { line: i },
            lines,
            verdict,
        });
    }
    for (r, rule) in schema.rules.iter().enumerate() {
        let lines: Vec<usize> = rule.left.iter().chain(rule.right).map(|t| t.line).collect();
        let verdict = match (
            collect_terms(schema, rule.left, amounts),
            collect_terms(schema, rule.right, amounts),
        ) {
            (Some(l), Some(rt)) => rule_verdict(&l, &rt),
            _ => Verdict::Unreadable,
        };
        out.push(Check {
            id: format!("rule:{}", rule.name),
            subject: Subject::Rule { rule: r },
            lines,
            verdict,
        });
    }
    out
}

fn collect_terms(schema: &Schema, terms: &[Term], amounts: &[Option<Amount>]) -> Option<Vec<(i64, Amount)>> {
    let mut out = Vec::with_capacity(terms.len());
    for t in terms {
        match amounts.get(t.line).copied().flatten() {
            Some(a) => out.push((t.weight, a)),
            None if schema.lines.get(t.line).is_some_and(|l| l.optional) => {}
            None => return None,
        }
    }
    Some(out)
}

fn rule_verdict(left: &[(i64, Amount)], right: &[(i64, Amount)]) -> Verdict {
    // A single unweighted left term is the reported figure; otherwise compare the two sums.
    if let [(1, reported)] = left {
        return footing(right, *reported);
    }
    match (weighted_sum(left), weighted_sum(right)) {
        (Ok((l, lt)), Ok((r, rt))) => match lt.checked_add(rt) {
            Some(tolerance) => judge(r, l, tolerance),
            None => Verdict::Unreadable,
        },
        _ => Verdict::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_label;

    #[test]
    fn labels_fold_alike_whatever_their_spacing() {
        for (label, folded) in [
            ("Total Revenues", "total revenues"),
            ("Total\tRevenues:", "total revenues"),
            ("  Total  Revenues  ", "total revenues"),
            ("Total\u{0b}Revenues", "total revenues"),
            ("Total\u{a0}Revenues", "total revenues"),
            (
                "Investors\u{2019} Equity \u{2013} Net::",
                "investors' equity - net",
            ),
            ("Net loss :", "net loss"),
            ("", ""),
        ] {
            assert_eq!(normalize_label(label), folded, "{label:?}");
        }
    }
}
