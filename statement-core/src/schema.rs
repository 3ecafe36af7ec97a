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

use crate::amount::{Amount, QuantityKind};

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
}

impl LineItem {
    /// Whether `text` is this line's label or one of its aliases, ignoring case, white space and
    /// trailing colons.
    ///
    /// ```
    /// # use statement_core::schema::LineItem;
    /// # use statement_core::QuantityKind;
    /// let l = LineItem { name: "net_loss", label: "Net loss", aliases: &["Net Loss"], section: None,
    ///     kind: QuantityKind::Money, optional: false, formula: None };
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
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                // ASCII first: no case table to look up.
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    while out.ends_with(':') {
        out.pop();
    }
    out.truncate(out.trim_end().len());
    out
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
    fn check(&self) -> Vec<crate::check::Check> {
        crate::check::evaluate(&Self::SCHEMA, &self.amounts())
    }
}
