//! Checks of the figures the prose restates ([`crate::narrative`]).

use super::*;

/// Each figure the prose restates (see [`crate::narrative`]) against the table cell it names:
/// `narrative:<layout>.<line>`, the narrative figure (in millions, located in the paragraph) the
/// reported term, the cell the expected one, within the rounding of both. A claim whose cell is
/// printed but unreadable gives an unreadable check.
///
/// A figure printed with its translation in parentheses is also checked against it at the rate
/// the filing states (`narrative:<layout>.<line>.translation`, in the translation's column),
/// whatever the scales of the two.
///
/// A margin the prose restates is checked against the printed percentage of its period
/// (`narrative:<layout>.<line>`), a change the prose states against the line's cells of the two
/// periods, `(current - prior) / prior` in percent (`narrative:<layout>.<line>.change`), made only
/// between two figures of one sign (a signed line's only when positive).
// (Kept out of line: called once a build, and measured on its own.)
#[inline(never)]
pub(super) fn narrative_checks(b: &mut Builder<'_>, rules: &FilingRules, prose: &crate::narrative::Prose) {
    let crate::narrative::Prose {
        claims,
        translations,
        margins,
        changes,
    } = prose;
    // A claim's target depends only on its layout, line and column: looked up once for all the
    // claims restating it (a filing printing many copies of its prose asks the same many times).
    let mut targets = Targets {
        found: FxMap::with_capacity_and_hasher(claims.len().min(1024), Default::default()),
    };
    let filled = filled_lines(b);
    // Re-checking the lines some rows fill: a claim about another line is not kept whatever its
    // target (its check is kept only with a term on one of them).
    let may_restate = |layout: &str, line: &str| {
        filled
            .as_ref()
            .is_none_or(|f| f.iter().any(|&(k, l)| k == layout && l == line))
    };
    for claim in claims {
        // Re-checking part of the filing: a claim about statements out of scope is passed over
        // before its target is looked for.
        if !may_restate(claim.layout, claim.line)
            || (b.scope.is_some() && !b.wanted(b.of_period(claim.layout, claim.column.period)))
        {
            continue;
        }
        let Some((s, line)) = targets.of(b, claim) else {
            continue;
        };
        if !b.wanted(&[s]) || !b.may_keep(std::iter::once((s, line))) {
            continue;
        }
        let narrative = intern_prose(b, &claim.location, &claim.subject, &claim.value, claim.amount());
        let relation = match b.term(s, line) {
            Term::Cell(t) => {
                // The cell in the claim's scale, with the claim's sign convention.
                let scale = b.cells[t].amount.precision().scale.factor() / claim.scale.factor();
                Relation::Linear {
                    terms: [(Decimal::ONE, narrative), (-Decimal::from(claim.sign) * scale, t)].into(),
                    slack: Decimal::ZERO,
                }
            }
            Term::Skip | Term::Damaged => Relation::Unreadable {
                cells: [narrative].into(),
            },
        };
        let id = &["narrative:", claim.layout, ".", claim.line];
        b.push(id, CheckKind::CrossStatement, s, relation);
    }
    for t in translations {
        let Some(source) = claims.get(t.source) else {
            continue;
        };
        let Some(rate) = rules.rate(&t.from, &t.to) else {
            continue;
        };
        let Some((s, _)) = targets.of(b, source) else {
            continue;
        };
        if !b.wanted(&[s]) {
            continue;
        }
        b.touch(s);
        let from = intern_prose(
            b,
            &source.location,
            &source.subject,
            &source.value,
            source.amount(),
        );
        let to = intern_prose(b, &t.location, &source.subject, &t.value, t.amount());
        // Checked in the column of the translated figure when one is bound, else the source's.
        let at = b
            .of_period(b.stmts[s].key, b.stmts[s].column.period)
            .iter()
            .copied()
            .find(|&x| {
                b.stmts[x].layout == b.stmts[s].layout
                    && b.stmts[x].column.currency.as_deref() == Some(t.to.as_str())
            })
            .unwrap_or(s);
        // Both figures in the translation's scale ("RMB1.6 billion (US$229 million)"); a rate
        // too small for the coefficient gives no check, never a panic.
        let Some(coef) = (source.scale.factor() / t.scale.factor()).checked_div(rate) else {
            b.abandon();
            continue;
        };
        let id = &["narrative:", source.layout, ".", source.line, ".translation"];
        b.push(
            id,
            CheckKind::Currency,
            at,
            Relation::Linear {
                terms: [(Decimal::ONE, to), (-coef, from)].into(),
                slack: Decimal::ZERO,
            },
        );
    }
    for m in margins {
        let Some((s, line)) = m.target else {
            margin_by_ratio(b, rules, m);
            continue;
        };
        if !b.wanted(&[s]) || !b.may_keep(std::iter::once((s, line))) {
            continue;
        }
        let narrative = intern_prose(b, &m.location, &m.subject, &m.value, m.amount());
        let relation = match b.term(s, line) {
            Term::Cell(t) => Relation::Linear {
                terms: [(Decimal::ONE, narrative), (-Decimal::ONE, t)].into(),
                slack: Decimal::ZERO,
            },
            Term::Skip | Term::Damaged => Relation::Unreadable {
                cells: [narrative].into(),
            },
        };
        let id = &["narrative:", m.layout, ".", m.line];
        b.push(id, CheckKind::CrossStatement, s, relation);
    }
    for c in changes {
        let (Some(current), Some(prior)) = (claims.get(c.current), claims.get(c.prior)) else {
            continue;
        };
        if !may_restate(current.layout, current.line) && !may_restate(prior.layout, prior.line) {
            continue;
        }
        let (Some((s, line)), Some((ps, pline))) = (targets.of(b, current), targets.of(b, prior)) else {
            continue;
        };
        if !b.wanted(&[s, ps]) || !b.may_keep([(s, line), (ps, pline)].into_iter()) {
            continue;
        }
        let narrative = intern_prose(b, &c.location, &current.subject, &c.value, c.amount());
        let relation = match (b.term(s, line), b.term(ps, pline)) {
            (Term::Cell(now), Term::Cell(then)) => {
                let (a, p) = (b.cells[now].amount.value(), b.cells[then].amount.value());
                // A change is read between two figures of one sign: a magnitude's change is its
                // figures' ratio whatever their sign; a signed figure's only when positive.
                let comparable = !p.is_zero()
                    && a.is_sign_negative() == p.is_sign_negative()
                    && (current.sign == -1 || !p.is_sign_negative());
                if !comparable {
                    b.abandon();
                    continue;
                }
                Relation::Ratio {
                    result: narrative,
                    numerator: [(Decimal::ONE, now), (-Decimal::ONE, then)].into(),
                    denominator: then,
                    scale: Decimal::ONE_HUNDRED,
                }
            }
            _ => Relation::Unreadable {
                cells: [narrative].into(),
            },
        };
        let id = &["narrative:", current.layout, ".", current.line, ".change"];
        b.push(id, CheckKind::Ratio, s, relation);
    }
}

/// A margin the prose states for a period no table prints it for ("Gross margin was 14.4%"
/// without a margin table): checked against the ratio the relations declare for its line
/// (`margins.gross_margin == income.gross_profit / income.total_revenues`), from the period's
/// figures in a currency that is not a translation (`narrative:<layout>.<line>`). Without such a
/// ratio, or without both figures, no check is made.
fn margin_by_ratio(b: &mut Builder<'_>, rules: &FilingRules, m: &crate::narrative::Margin) {
    let Some(rule) = rules
        .relations
        .ratios()
        .iter()
        .find(|r| r.result.is(m.layout, m.line))
    else {
        return;
    };
    // The statement printing `line` of `key` in the margin's period, in the first currency that
    // is not a translation.
    let find = |b: &Builder<'_>, key: &str, name: &str| -> Option<(usize, usize)> {
        b.of_period(key, m.period).iter().find_map(|&si| {
            let s = &b.stmts[si];
            let currency = s.column.currency.as_deref()?;
            if s.percent_column || rules.translated(currency) {
                return None;
            }
            let li = b.line_index(s, name)?;
            b.present(si, li).then_some((si, li))
        })
    };
    let (Some((ns, nl)), Some((ds, dl))) = (
        find(b, rule.numerator.statement(), rule.numerator.line()),
        find(b, rule.denominator.statement(), rule.denominator.line()),
    ) else {
        return;
    };
    if b.stmts[ns].column.currency != b.stmts[ds].column.currency
        || !b.wanted(&[ns, ds])
        || !b.may_keep([(ns, nl), (ds, dl)].into_iter())
    {
        return;
    }
    let narrative = intern_prose(b, &m.location, &m.subject, &m.value, m.amount());
    let relation = match (b.term(ns, nl), b.term(ds, dl)) {
        (Term::Cell(n), Term::Cell(d)) => Relation::Ratio {
            result: narrative,
            numerator: [(Decimal::ONE, n)].into(),
            denominator: d,
            scale: Decimal::ONE_HUNDRED,
        },
        _ => Relation::Unreadable {
            cells: [narrative].into(),
        },
    };
    let id = &["narrative:", m.layout, ".", m.line];
    b.push(id, CheckKind::Ratio, ns, relation);
}

/// When re-checking the lines some rows fill, those lines as (layout key, line name): a check
/// with no term on one of them is not kept.
fn filled_lines(b: &Builder<'_>) -> Option<Vec<(&'static str, &'static str)>> {
    let lines = b.lines.as_ref()?;
    b.scope.as_ref()?;
    let mut out = Vec::new();
    for (s, li) in lines.each() {
        let st = &b.stmts[s];
        if let Some(line) = b.layouts[st.layout].schema.lines.get(li) {
            out.push((st.key, line.name));
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// The targets looked up while building one filing's checks of its prose, by (layout, line,
/// period, currency): [`target`] reads nothing else of a claim.
#[derive(Default)]
struct Targets<'p> {
    found: FxMap<TargetKey<'p>, Option<(usize, usize)>>,
}

/// A claim's layout and line (by address: the claims of one line name it with the same
/// `'static` strings, and two addresses of one name only look its target up twice), period and
/// currency.
type TargetKey<'p> = (
    (usize, usize),
    (usize, usize),
    crate::read::Period,
    Option<&'p str>,
);

impl<'p> Targets<'p> {
    fn of(&mut self, b: &Builder<'_>, claim: &'p crate::narrative::Claim) -> Option<(usize, usize)> {
        let at = |s: &str| (s.as_ptr() as usize, s.len());
        let key = (
            at(claim.layout),
            at(claim.line),
            claim.column.period,
            claim.column.currency.as_deref(),
        );
        *self.found.entry(key).or_insert_with(|| target(b, claim))
    }
}

/// The statement and line a claim restates ([`crate::narrative::Claim::target`]), looked up
/// among the statements of its layout and period only: the first printing the line's figure,
/// else the first printing it damaged.
fn target(b: &Builder<'_>, claim: &crate::narrative::Claim) -> Option<(usize, usize)> {
    let mut damaged = None;
    for &si in b.of_period(claim.layout, claim.column.period) {
        let s = &b.stmts[si];
        if s.percent_column || s.column != claim.column {
            continue;
        }
        let Some(layout) = b.layouts.get(s.layout) else {
            continue;
        };
        // (A claim names its line with the layout's own string, most often: told by its address
        // before its bytes.)
        let Some(li) = layout
            .schema
            .lines
            .iter()
            .position(|l| std::ptr::eq(l.name, claim.line) || l.name == claim.line)
        else {
            continue;
        };
        if layout.schema.lines[li].kind != crate::QuantityKind::Money {
            continue;
        }
        match (li < s.slots.len()).then(|| b.slot(si, li)) {
            Some(Slot::Value { .. }) => return Some((si, li)),
            Some(Slot::Damaged { .. }) if damaged.is_none() => damaged = Some((si, li)),
            _ => {}
        }
    }
    damaged
}

/// The index in the checks' cells of a figure of the prose, made into a cell ([`prose_cell`])
/// only the first time it is seen.
fn intern_prose(
    b: &mut Builder<'_>,
    at: &crate::read::Location,
    subject: &str,
    value: &Decimal,
    amount: Amount,
) -> usize {
    match b.index.get(&(at.line, at.column)) {
        Some(&i) => i,
        None => {
            let cell = prose_cell(at, subject, value, &mut b.scratch);
            b.intern(&cell, amount)
        }
    }
}

/// A figure of the prose as a cell: where it is printed, the subject it restates, its value
/// (written as `Decimal`'s `Display` writes it, through `buf`).
fn prose_cell(at: &crate::read::Location, subject: &str, value: &Decimal, buf: &mut String) -> CellRef {
    // Every figure of the prose is in the column `narrative`: one text shared by all.
    static NARRATIVE: std::sync::OnceLock<Text> = std::sync::OnceLock::new();
    buf.clear();
    crate::bind::push_decimal(*value, buf);
    CellRef {
        line: at.line,
        col: at.column,
        label: Text::from(subject),
        column: NARRATIVE.get_or_init(|| Text::from("narrative")).clone(),
        value: Text::from(buf.as_str()),
    }
}
