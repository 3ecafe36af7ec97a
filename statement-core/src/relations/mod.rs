//! Relations between the statements of one filing: the same figure in two statements (ties),
//! printed ratios, the cash-flow summary's balances against the balance sheet, period sums,
//! currency translation and shares of a total.
//!
//! Relations are declared with `#[derive(Filing)]` (see [`crate::_derive`]), which checks every
//! name and unit when the user's crate compiles, or built at run time with a [`Builder`], which
//! checks every name against the layouts when the relation is added: an unknown statement or line
//! is an error that names it, never a silent skip.
//!
//! ```
//! use statement_core::relations::{Relations, Sign};
//! use statement_core::kingsoft::KingsoftCloud;
//! use statement_core::Filing;
//!
//! let mut b = Relations::builder(KingsoftCloud::LAYOUTS);
//! b.tie("comprehensive_loss.net_loss", "adjusted_ebitda.net_loss", Sign::Same).unwrap();
//! let err = b.tie("comprehensive_loss.net_los", "adjusted_ebitda.net_loss", Sign::Same).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "no line `net_los` in statement `comprehensive_loss`; did you mean `net_loss`?"
//! );
//! assert_eq!(b.build().ties().len(), 1);
//! ```

pub mod rate;
pub mod typing;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::bind::Layout;

pub use rate::{StatedRate, stated_rate, stated_rates};

/// A statement's line, named by the statement's key and the line's name (the field names of the
/// `#[derive(Filing)]` and `#[derive(Statement)]` structs). Only built validated.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LineRef {
    statement: String,
    line: String,
}

impl LineRef {
    /// The statement's key (`comprehensive_loss`).
    pub fn statement(&self) -> &str {
        &self.statement
    }

    /// The line's name (`net_loss`).
    pub fn line(&self) -> &str {
        &self.line
    }

    /// Whether this is `statement.line`.
    pub fn is(&self, statement: &str, line: &str) -> bool {
        self.statement == statement && self.line == line
    }
}

impl fmt::Display for LineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.statement, self.line)
    }
}

/// How two statements print one figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sign {
    /// With the same sign.
    Same,
    /// With opposite signs (a note of tax expense against the income statement's benefit line).
    Opposite,
}

impl Sign {
    /// 1 or -1.
    pub fn factor(self) -> i64 {
        match self {
            Sign::Same => 1,
            Sign::Opposite => -1,
        }
    }
}

/// A figure printed in two statements that must agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    /// The first figure.
    pub a: LineRef,
    /// The second figure.
    pub b: LineRef,
    /// Whether they are printed with the same sign.
    pub sign: Sign,
}

/// A printed ratio: `result = numerator / denominator` (in percent when `result` is a percent
/// line), matched by period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatioRule {
    /// The printed ratio.
    pub result: LineRef,
    /// The numerator.
    pub numerator: LineRef,
    /// The denominator.
    pub denominator: LineRef,
}

/// The balances a flow statement prints at the start and the end of its period against the
/// balance-sheet lines at those instants (closing cash = cash and cash equivalents + restricted
/// cash at the period's end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceTie {
    /// The flow statement's key.
    pub flow: String,
    /// Its opening balance line (at the period's start).
    pub opening: String,
    /// Its closing balance line (at the period's end).
    pub closing: String,
    /// The balance sheet's key.
    pub balance: String,
    /// The balance-sheet lines whose weighted sum is the flow statement's balance.
    pub lines: Vec<(i64, String)>,
}

/// A duration that is the sum of consecutive shorter ones, for every money line printed in all
/// of them: six months = first quarter + second quarter is `PeriodSum { total: 6, parts: [3, 3] }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodSum {
    /// The long period, in months.
    pub total: u8,
    /// The consecutive parts, in months, earliest first.
    pub parts: Vec<u8>,
}

/// Columns in `to` translate columns in `from` at the rate the filing states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The source currency's code as printed in column headers (`RMB`).
    pub from: String,
    /// The translated currency's code (`US$`).
    pub to: String,
}

/// Everything that relates the statements of one filing, validated against its layouts.
///
/// Shared by reference count: cloning relations (the rules of each filing) copies a pointer.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Relations {
    set: Arc<RelationSet>,
}

/// The relations themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RelationSet {
    ties: Vec<Tie>,
    ratios: Vec<RatioRule>,
    balances: Vec<BalanceTie>,
    period_sums: Vec<PeriodSum>,
    translations: Vec<Translation>,
    shares_of_total: Vec<LineRef>,
}

impl fmt::Debug for Relations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.set;
        f.debug_struct("Relations")
            .field("ties", &s.ties)
            .field("ratios", &s.ratios)
            .field("balances", &s.balances)
            .field("period_sums", &s.period_sums)
            .field("translations", &s.translations)
            .field("shares_of_total", &s.shares_of_total)
            .finish()
    }
}

impl Relations {
    /// The relations to add to (copied first if shared).
    fn set_mut(&mut self) -> &mut RelationSet {
        Arc::make_mut(&mut self.set)
    }

    /// A builder validating every name against `layouts`.
    pub fn builder(layouts: &[Layout]) -> Builder<'_> {
        Builder {
            layouts,
            relations: Relations::default(),
        }
    }

    /// Ties across statements.
    pub fn ties(&self) -> &[Tie] {
        &self.set.ties
    }

    /// Printed ratios.
    pub fn ratios(&self) -> &[RatioRule] {
        &self.set.ratios
    }

    /// Flow statements' balances against the balance sheet.
    pub fn balances(&self) -> &[BalanceTie] {
        &self.set.balances
    }

    /// Period sums.
    pub fn period_sums(&self) -> &[PeriodSum] {
        &self.set.period_sums
    }

    /// Currency translations.
    pub fn translations(&self) -> &[Translation] {
        &self.set.translations
    }

    /// Total lines of statements printed with a column of each line's share of the total.
    pub fn shares_of_total(&self) -> &[LineRef] {
        &self.set.shares_of_total
    }

    /// Whether the percentage columns of `statement` hold each line's share of the total (rather
    /// than year-on-year changes).
    pub fn shares(&self, statement: &str) -> bool {
        self.set.shares_of_total.iter().any(|t| t.statement == statement)
    }
}

/// Why a relation could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationError {
    /// A name is not `statement.line`.
    NotALine {
        /// The name as given.
        name: String,
    },
    /// No layout has this key.
    UnknownStatement {
        /// The key as given.
        statement: String,
        /// The closest key, if one is close.
        suggestion: Option<String>,
    },
    /// The statement has no such line.
    UnknownLine {
        /// The statement's key.
        statement: String,
        /// The line as given.
        line: String,
        /// The closest line, if one is close.
        suggestion: Option<String>,
    },
    /// The same relation was added twice.
    Duplicate {
        /// The relation, as `tie a = b`.
        relation: String,
    },
    /// A relation that cannot hold whatever the figures (a period sum whose parts do not add up,
    /// a translation of a currency into itself).
    Invalid {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for RelationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = |s: &Option<String>| match s {
            Some(s) => format!("; did you mean `{s}`?"),
            None => String::new(),
        };
        match self {
            RelationError::NotALine { name } => {
                write!(f, "`{name}` does not name a line: write `statement.line`")
            }
            RelationError::UnknownStatement {
                statement,
                suggestion,
            } => write!(f, "no statement `{statement}`{}", hint(suggestion)),
            RelationError::UnknownLine {
                statement,
                line,
                suggestion,
            } => write!(
                f,
                "no line `{line}` in statement `{statement}`{}",
                hint(suggestion)
            ),
            RelationError::Duplicate { relation } => write!(f, "{relation} is declared twice"),
            RelationError::Invalid { reason } => f.write_str(reason),
        }
    }
}

impl std::error::Error for RelationError {}

/// Builds [`Relations`], checking each name against the layouts as it is added.
#[derive(Debug)]
pub struct Builder<'a> {
    layouts: &'a [Layout],
    relations: Relations,
}

impl Builder<'_> {
    /// Resolves `statement.line` against the layouts.
    ///
    /// ```
    /// # use statement_core::{relations::Relations, kingsoft::KingsoftCloud, Filing};
    /// let b = Relations::builder(KingsoftCloud::LAYOUTS);
    /// assert_eq!(b.line("balance_sheet.cash").unwrap().to_string(), "balance_sheet.cash");
    /// assert_eq!(b.line("balance_shet.cash").unwrap_err().to_string(),
    ///            "no statement `balance_shet`; did you mean `balance_sheet`?");
    /// ```
    pub fn line(&self, name: &str) -> Result<LineRef, RelationError> {
        let Some((statement, line)) = name.trim().split_once('.') else {
            return Err(RelationError::NotALine { name: name.into() });
        };
        self.resolve(statement.trim(), line.trim())
    }

    fn statement(&self, statement: &str) -> Result<(), RelationError> {
        if self.layouts.iter().any(|l| l.key == statement) {
            return Ok(());
        }
        Err(RelationError::UnknownStatement {
            statement: statement.into(),
            suggestion: did_you_mean(statement, self.layouts.iter().map(|l| l.key)).map(String::from),
        })
    }

    fn resolve(&self, statement: &str, line: &str) -> Result<LineRef, RelationError> {
        self.statement(statement)?;
        let lines = || {
            self.layouts
                .iter()
                .filter(|l| l.key == statement)
                .flat_map(|l| l.schema.lines.iter().map(|x| x.name))
        };
        if lines().any(|n| n == line) {
            return Ok(LineRef {
                statement: statement.into(),
                line: line.into(),
            });
        }
        Err(RelationError::UnknownLine {
            statement: statement.into(),
            line: line.into(),
            suggestion: did_you_mean(line, lines()).map(String::from),
        })
    }

    /// The same figure in two statements.
    pub fn tie(&mut self, a: &str, b: &str, sign: Sign) -> Result<&mut Self, RelationError> {
        let tie = Tie {
            a: self.line(a)?,
            b: self.line(b)?,
            sign,
        };
        if self
            .relations
            .ties()
            .iter()
            .any(|t| (t.a == tie.a && t.b == tie.b) || (t.a == tie.b && t.b == tie.a))
        {
            return Err(RelationError::Duplicate {
                relation: format!("the tie {} = {}", tie.a, tie.b),
            });
        }
        self.relations.set_mut().ties.push(tie);
        Ok(self)
    }

    /// `result = numerator / denominator`.
    pub fn ratio(
        &mut self,
        result: &str,
        numerator: &str,
        denominator: &str,
    ) -> Result<&mut Self, RelationError> {
        let rule = RatioRule {
            result: self.line(result)?,
            numerator: self.line(numerator)?,
            denominator: self.line(denominator)?,
        };
        if self.relations.ratios().iter().any(|r| r.result == rule.result) {
            return Err(RelationError::Duplicate {
                relation: format!("the ratio {}", rule.result),
            });
        }
        self.relations.set_mut().ratios.push(rule);
        Ok(self)
    }

    /// The flow statement's `opening` and `closing` balances (`flow.line`) = the weighted sum of
    /// balance-sheet `lines` (`balance_sheet.line`) at the period's start and end.
    pub fn balance(
        &mut self,
        opening: &str,
        closing: &str,
        lines: &[(i64, &str)],
    ) -> Result<&mut Self, RelationError> {
        let (opening, closing) = (self.line(opening)?, self.line(closing)?);
        if opening.statement != closing.statement {
            return Err(RelationError::Invalid {
                reason: format!("{opening} and {closing} are balances of different statements"),
            });
        }
        let mut resolved = Vec::with_capacity(lines.len());
        for (w, l) in lines {
            resolved.push((*w, self.line(l)?));
        }
        let Some(balance) = resolved.first().map(|(_, l)| l.statement.clone()) else {
            return Err(RelationError::Invalid {
                reason: format!("{closing} is tied to no balance-sheet line"),
            });
        };
        if let Some((_, l)) = resolved.iter().find(|(_, l)| l.statement != balance) {
            return Err(RelationError::Invalid {
                reason: format!("{l} is not in statement `{balance}`"),
            });
        }
        if self
            .relations
            .balances()
            .iter()
            .any(|b| b.flow == closing.statement)
        {
            return Err(RelationError::Duplicate {
                relation: format!("the balances of `{}`", closing.statement),
            });
        }
        self.relations.set_mut().balances.push(BalanceTie {
            flow: closing.statement,
            opening: opening.line,
            closing: closing.line,
            balance,
            lines: resolved.into_iter().map(|(w, l)| (w, l.line)).collect(),
        });
        Ok(self)
    }

    /// A `total`-month period = its consecutive `parts`, earliest first.
    pub fn period_sum(&mut self, total: u8, parts: &[u8]) -> Result<&mut Self, RelationError> {
        let sum: u32 = parts.iter().map(|&p| u32::from(p)).sum();
        if parts.len() < 2 || parts.contains(&0) || sum != u32::from(total) {
            return Err(RelationError::Invalid {
                reason: format!("{total} months are not the sum of {parts:?} months"),
            });
        }
        if self.relations.period_sums().iter().any(|p| p.total == total) {
            return Err(RelationError::Duplicate {
                relation: format!("the period sum of {total} months"),
            });
        }
        self.relations.set_mut().period_sums.push(PeriodSum {
            total,
            parts: parts.to_vec(),
        });
        Ok(self)
    }

    /// Columns in currency `to` translate columns in `from` (codes as printed: `RMB`, `US$`).
    pub fn translate(&mut self, from: &str, to: &str) -> Result<&mut Self, RelationError> {
        if from == to || from.is_empty() || to.is_empty() {
            return Err(RelationError::Invalid {
                reason: format!("`{from}` cannot be translated into `{to}`"),
            });
        }
        if self.relations.translations().iter().any(|t| t.to == to) {
            return Err(RelationError::Duplicate {
                relation: format!("the translation into `{to}`"),
            });
        }
        self.relations.set_mut().translations.push(Translation {
            from: from.into(),
            to: to.into(),
        });
        Ok(self)
    }

    /// The statement of `total` prints each line's share of that total in its percentage
    /// columns.
    pub fn share_of_total(&mut self, total: &str) -> Result<&mut Self, RelationError> {
        let total = self.line(total)?;
        if self.relations.shares(&total.statement) {
            return Err(RelationError::Duplicate {
                relation: format!("the share of total of `{}`", total.statement),
            });
        }
        self.relations.set_mut().shares_of_total.push(total);
        Ok(self)
    }

    /// The relations built.
    pub fn build(&mut self) -> Relations {
        std::mem::take(&mut self.relations)
    }
}

/// Everything that relates the statements of one filing: its layouts, the relations between them
/// and the exchange rates the filing states.
///
/// The layouts are shared, not borrowed for `'static`: rules chosen at run time (a user loading
/// which statements to recognise and how they relate from configuration) own them.
///
/// ```
/// use statement_core::{bind::Layout, kingsoft::KingsoftCloud, relations::{FilingRules, Relations, Sign}, Filing};
///
/// // Which statements to recognise and which figures tie, as read from a configuration file.
/// let config = String::from("comprehensive_loss adjusted_ebitda\ncomprehensive_loss.net_loss = adjusted_ebitda.net_loss");
/// let (keys, tie) = config.split_once('\n').unwrap();
/// let layouts: Vec<Layout> = KingsoftCloud::LAYOUTS
///     .iter()
///     .filter(|l| keys.split(' ').any(|k| k == l.key))
///     .copied()
///     .collect();
/// let (a, b) = tie.split_once(" = ").unwrap();
/// let mut relations = Relations::builder(&layouts);
/// relations.tie(a, b, Sign::Same).unwrap();
/// let relations = relations.build();
/// let rules = FilingRules::new(layouts, relations);
/// assert_eq!(rules.layouts.len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct FilingRules {
    /// The layouts to recognise.
    pub layouts: Arc<[Layout]>,
    /// The relations.
    pub relations: Relations,
    /// The exchange rates the filing states.
    pub rates: Vec<StatedRate>,
}

impl FilingRules {
    /// Rules with no stated rate, over `layouts`: a derive's `&'static` slice, a `Vec` built at
    /// run time or an `Arc` shared between rules.
    pub fn new(layouts: impl Into<Arc<[Layout]>>, relations: Relations) -> FilingRules {
        FilingRules {
            layouts: layouts.into(),
            relations,
            rates: Vec::new(),
        }
    }

    /// The rules with the rates `filing` states for each declared translation.
    pub fn with_rates_of(mut self, filing: &crate::read::Filing) -> FilingRules {
        self.rates = self
            .relations
            .translations()
            .iter()
            .filter_map(|t| {
                // A paragraph states a rate only where it names both currencies: what comes
                // before a code's first `$` is printed as is (`US\$` is `US$`), so a paragraph
                // without it is passed over unread.
                fn plain(code: &str) -> &str {
                    code.split('$').next().unwrap_or_default()
                }
                let (from, to) = (plain(&t.from), plain(&t.to));
                filing
                    .paragraphs
                    .iter()
                    .filter(|p| p.text.contains(from) && p.text.contains(to))
                    .find_map(|p| stated_rate(&p.text, &t.from, &t.to))
            })
            .collect();
        self
    }

    /// Units of `from` per unit of `to`, as stated.
    pub fn rate(&self, from: &str, to: &str) -> Option<Decimal> {
        self.rates
            .iter()
            .find(|r| r.from == from && r.to == to)
            .map(|r| r.rate)
            .filter(|r| *r > Decimal::ZERO)
    }

    /// Whether the percentage columns of `layout` hold each line's share of the total.
    pub fn shares(&self, layout: &str) -> bool {
        self.relations.shares(layout)
    }

    /// Whether `currency` is a translation of another (a convenience column).
    pub fn translated(&self, currency: &str) -> bool {
        self.relations.translations().iter().any(|t| t.to == currency)
    }
}

/// A filing's statements and the relations between them, declared with `#[derive(Filing)]`.
pub trait Filing {
    /// The statements' layouts, keyed by the struct's field names.
    const LAYOUTS: &'static [Layout];

    /// The relations declared on the struct.
    fn relations() -> Relations;

    /// The rules for one read filing: the layouts, the relations and the rates the filing states.
    fn rules(filing: &crate::read::Filing) -> FilingRules {
        FilingRules::new(Self::LAYOUTS, Self::relations()).with_rates_of(filing)
    }
}

/// The candidate closest to `name`, if one is close enough to be a typo: at most a third of the
/// name's length in edits (at least one), counting a swap of two neighbours as one edit. The same
/// rule as the derive's suggestions (`statement-macros`' `suggest`, which a proc-macro crate
/// cannot share), so a name misspelt at compile time and at run time gets the same answer.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit && c != name)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein plus transposition of neighbours).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Constructors for code generated by `#[derive(Filing)]`, whose names the compiler has checked.
#[doc(hidden)]
pub mod generated {
    use super::*;

    fn line(statement: &str, line: &str) -> LineRef {
        LineRef {
            statement: statement.into(),
            line: line.into(),
        }
    }

    /// A relation set to fill.
    pub fn new() -> Relations {
        Relations::default()
    }

    /// See [`Builder::tie`].
    pub fn tie(r: &mut Relations, a: (&str, &str), b: (&str, &str), opposite: bool) {
        r.set_mut().ties.push(Tie {
            a: line(a.0, a.1),
            b: line(b.0, b.1),
            sign: if opposite { Sign::Opposite } else { Sign::Same },
        });
    }

    /// See [`Builder::ratio`].
    pub fn ratio(
        r: &mut Relations,
        result: (&str, &str),
        numerator: (&str, &str),
        denominator: (&str, &str),
    ) {
        r.set_mut().ratios.push(RatioRule {
            result: line(result.0, result.1),
            numerator: line(numerator.0, numerator.1),
            denominator: line(denominator.0, denominator.1),
        });
    }

    /// See [`Builder::balance`].
    pub fn balance(
        r: &mut Relations,
        flow: &str,
        opening: &str,
        closing: &str,
        balance: &str,
        lines: &[(i64, &str)],
    ) {
        r.set_mut().balances.push(BalanceTie {
            flow: flow.into(),
            opening: opening.into(),
            closing: closing.into(),
            balance: balance.into(),
            lines: lines.iter().map(|(w, l)| (*w, (*l).to_string())).collect(),
        });
    }

    /// See [`Builder::period_sum`].
    pub fn period_sum(r: &mut Relations, total: u8, parts: &[u8]) {
        r.set_mut().period_sums.push(PeriodSum {
            total,
            parts: parts.to_vec(),
        });
    }

    /// See [`Builder::translate`].
    pub fn translate(r: &mut Relations, from: &str, to: &str) {
        r.set_mut().translations.push(Translation {
            from: from.into(),
            to: to.into(),
        });
    }

    /// See [`Builder::share_of_total`].
    pub fn share_of_total(r: &mut Relations, total: (&str, &str)) {
        r.set_mut().shares_of_total.push(line(total.0, total.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("net_los", ["net_loss", "gross_profit"]),
            Some("net_loss")
        );
        assert_eq!(did_you_mean("revenue", ["net_loss", "gross_profit"]), None);
    }
}
