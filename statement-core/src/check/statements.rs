//! Checks within each bound statement: footings and rules, and a statement printed twice.

use super::*;

/// Footings of every subtotal and total, and the statement rules, within each statement.
pub(super) fn footings(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (si, s) in stmts.iter().enumerate() {
        // A column of year-on-year changes does not foot; a column of shares of the total does.
        if s.percent_column && !rules.shares(s.key) {
            continue;
        }
        let schema = &rules.layouts[s.layout].schema;
        for (li, line) in schema.lines.iter().enumerate() {
            let Some(formula) = line.formula else { continue };
            if !b.present(si, li) {
                continue;
            }
            let mut terms = vec![(si, li, one)];
            terms.extend(formula.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            b.linear(
                format!("footing:{}.{}", s.key, line.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
        for rule in schema.rules {
            let mut terms: Vec<(usize, usize, Decimal)> = rule
                .left
                .iter()
                .map(|t| (si, t.line, Decimal::from(t.weight)))
                .collect();
            terms.extend(rule.right.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            // Evaluated when its first term is printed: an absent optional term counts for
            // nothing, an absent required one makes the rule unreadable (as for footings).
            if !b.present(si, terms[0].1) {
                continue;
            }
            b.linear(
                format!("rule:{}.{}", s.key, rule.name),
                CheckKind::Footing,
                si,
                &terms,
                Decimal::ZERO,
            );
        }
    }
}

/// The same statement printed twice (a summary and the full statement): every line ties.
pub(super) fn repeated_statements(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (i, a) in stmts.iter().enumerate() {
        for (j, c) in stmts.iter().enumerate().skip(i + 1) {
            if a.layout != c.layout
                || a.group == c.group
                || a.column != c.column
                || a.percent_column
                || c.percent_column
            {
                continue;
            }
            for (li, line) in rules.layouts[a.layout].schema.lines.iter().enumerate() {
                if b.present(i, li) && b.present(j, li) {
                    b.linear(
                        format!("tie:{}.{}", a.key, line.name),
                        CheckKind::CrossStatement,
                        j,
                        &[(j, li, one), (i, li, -one)],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}
