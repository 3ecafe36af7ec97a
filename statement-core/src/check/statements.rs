//! Checks within each bound statement: footings and rules, and a statement printed twice.

use super::*;

/// Footings of every subtotal and total, and the statement rules, within each statement.
pub(super) fn footings(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    // The terms of each check, in one buffer reused.
    let mut terms: Vec<(usize, usize, Decimal)> = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        // A column of year-on-year changes does not foot; a column of shares of the total does.
        if b.vetoed {
            return;
        }
        if (s.percent_column && !rules.shares(s.key)) || !b.wanted(&[si]) {
            continue;
        }
        let schema = &rules.layouts[s.layout].schema;
        for (li, line) in schema.lines.iter().enumerate() {
            let Some(formula) = line.formula else { continue };
            if !b.present(si, li)
                || !b.may_keep(std::iter::once((si, li)).chain(formula.iter().map(|t| (si, t.line))))
            {
                continue;
            }
            terms.clear();
            terms.push((si, li, one));
            terms.extend(formula.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            let id = &["footing:", s.key, ".", line.name];
            if s.doubtful.contains(&li) {
                // The table prints a row the layout does not know among this total's terms.
                let cells = terms
                    .iter()
                    .filter_map(|&(s2, l2, _)| match b.term(s2, l2) {
                        Term::Cell(i) => Some(i),
                        _ => None,
                    })
                    .collect();
                b.push(id, CheckKind::Footing, si, Relation::Unreadable { cells });
                continue;
            }
            b.linear(id, CheckKind::Footing, si, &terms, Decimal::ZERO);
        }
        for rule in schema.rules {
            terms.clear();
            terms.extend(rule.left.iter().map(|t| (si, t.line, Decimal::from(t.weight))));
            terms.extend(rule.right.iter().map(|t| (si, t.line, -Decimal::from(t.weight))));
            // Evaluated when its first term is printed: an absent optional term counts for
            // nothing, an absent required one makes the rule unreadable (as for footings).
            if !b.present(si, terms[0].1) {
                continue;
            }
            let id = &["rule:", s.key, ".", rule.name];
            b.linear(id, CheckKind::Footing, si, &terms, Decimal::ZERO);
        }
    }
}

/// The same statement printed twice (a summary and the full statement): every line ties. Each
/// copy is compared with its neighbour (the nearest copy printed before it in another group),
/// not with every other copy: n copies give n - 1 ties a line, and checks stay linear.
pub(super) fn repeated_statements(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    // (layout, column) -> (the last copy, the last copy of an earlier group).
    let mut last: FxMap<(usize, &ColumnKey), (usize, Option<usize>)> = Default::default();
    let mut pairs = Vec::new();
    // A column whose period was not read is no copy of another: two unread periods are never
    // taken for one.
    for (j, c) in stmts
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.percent_column && known(&s.column.period))
    {
        let e = last.entry((c.layout, &c.column)).or_insert((j, None));
        let earlier = if stmts[e.0].group == c.group {
            e.1
        } else {
            Some(e.0)
        };
        *e = (j, earlier);
        pairs.extend(earlier.map(|i| (i, j)));
    }
    pairs.sort_unstable();
    pairs.retain(|&(i, j)| b.wanted(&[i, j]));
    for (i, j) in pairs {
        let a = &stmts[i];
        {
            for (li, line) in rules.layouts[a.layout].schema.lines.iter().enumerate() {
                if b.present(i, li) && b.present(j, li) {
                    let id = &["tie:", a.key, ".", line.name];
                    b.linear(
                        id,
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
