//! Checks of the figures the prose restates ([`crate::narrative`]).

use super::*;

/// Each figure the prose restates (see [`crate::narrative`]) against the table cell it names:
/// `narrative:<layout>.<line>`, the narrative figure (in millions, located in the paragraph) the
/// reported term, the cell the expected one, within the rounding of both. A claim whose cell is
/// printed but unreadable gives an unreadable check.
///
/// A figure printed with its translation in parentheses is also checked against it at the rate
/// the filing states (`narrative:<layout>.<line>.translation`, in the translation's column).
pub(super) fn narrative_checks(
    b: &mut Builder<'_>,
    rules: &FilingRules,
    claims: &[crate::narrative::Claim],
    translations: &[crate::narrative::Translation],
) {
    for claim in claims {
        // Re-checking part of the filing: a claim about statements out of scope is passed over
        // before its target is looked for.
        if !b.wanted(b.of_period(claim.layout, claim.column.period)) {
            continue;
        }
        let Some((s, line)) = target(b, claim) else {
            continue;
        };
        if !b.wanted(&[s]) {
            continue;
        }
        let cell = CellRef {
            line: claim.location.line,
            col: claim.location.column,
            label: claim.subject.clone(),
            column: "narrative".to_string(),
            value: claim.value.to_string(),
        };
        let narrative = b.intern(&cell, claim.amount());
        let relation = match b.term(s, line) {
            Term::Cell(t) => {
                // The cell in millions, with the claim's sign convention.
                let scale = b.cells[t].amount.precision().scale.factor() / crate::Scale::Millions.factor();
                Relation::Linear {
                    terms: vec![(Decimal::ONE, narrative), (-Decimal::from(claim.sign) * scale, t)],
                    slack: Decimal::ZERO,
                }
            }
            Term::Skip | Term::Damaged => Relation::Unreadable {
                cells: vec![narrative],
            },
        };
        b.push(
            format!("narrative:{}.{}", claim.layout, claim.line),
            CheckKind::CrossStatement,
            s,
            relation,
        );
    }
    for t in translations {
        let Some(source) = claims.get(t.source) else {
            continue;
        };
        let Some(rate) = rules.rate(&t.from, &t.to) else {
            continue;
        };
        let Some((s, _)) = target(b, source) else {
            continue;
        };
        if !b.wanted(&[s]) {
            continue;
        }
        let cell = |c: &crate::read::Location, value: &Decimal| CellRef {
            line: c.line,
            col: c.column,
            label: source.subject.clone(),
            column: "narrative".to_string(),
            value: value.to_string(),
        };
        b.touch(s);
        let from = b.intern(&cell(&source.location, &source.value), source.amount());
        let to = b.intern(&cell(&t.location, &t.value), t.amount());
        // Checked in the column of the translated figure when one is bound, else the source's.
        let at = b
            .stmts
            .iter()
            .position(|x| {
                x.layout == b.stmts[s].layout
                    && x.column.period == b.stmts[s].column.period
                    && x.column.currency.as_deref() == Some(t.to.as_str())
            })
            .unwrap_or(s);
        b.push(
            format!("narrative:{}.{}.translation", source.layout, source.line),
            CheckKind::Currency,
            at,
            Relation::Linear {
                terms: vec![(Decimal::ONE, to), (-Decimal::ONE / rate, from)],
                slack: Decimal::ZERO,
            },
        );
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
        let Some(li) = layout.schema.lines.iter().position(|l| l.name == claim.line) else {
            continue;
        };
        if layout.schema.lines[li].kind != crate::QuantityKind::Money {
            continue;
        }
        match s.slots.get(li) {
            Some(Slot::Value { .. }) => return Some((si, li)),
            Some(Slot::Damaged { .. }) if damaged.is_none() => damaged = Some((si, li)),
            _ => {}
        }
    }
    damaged
}
