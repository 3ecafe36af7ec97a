//! Checks of the declared relations between statements ([`crate::relations`]): ties, balances,
//! period sums, translations, ratios, shares of a total and year-on-year changes.

use super::*;

/// Ties between layouts: the same figure in two statements. Each statement is tied to the
/// nearest statement (by group) of the other layout with its column, so a filing printing both
/// layouts n times gives about 2n ties, not n².
pub(super) fn ties(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    // Each layout key's statements by column, made once for all the ties naming the key.
    let mut sides: FxMap<&str, FxMap<&ColumnKey, Vec<usize>>> = Default::default();
    for tie in rules.relations.ties() {
        if !b.wanted(b.of_key(tie.a.statement())) && !b.wanted(b.of_key(tie.b.statement())) {
            continue;
        }
        for key in [tie.a.statement(), tie.b.statement()] {
            sides.entry(key).or_insert_with(|| {
                let mut by: FxMap<&ColumnKey, Vec<usize>> = Default::default();
                for &i in b.of_key(key) {
                    let s = &stmts[i];
                    if !s.percent_column && known(&s.column.period) {
                        by.entry(&s.column).or_default().push(i);
                    }
                }
                by
            });
        }
        let (Some(sa), Some(sb)) = (sides.get(tie.a.statement()), sides.get(tie.b.statement())) else {
            continue;
        };
        // The statement of `list` (in group order) nearest to group `g`, the earlier on a tie.
        let nearest = |list: &[usize], g: usize| {
            let k = list.partition_point(|&x| stmts[x].group < g);
            let after = list.get(k).copied();
            let before = k.checked_sub(1).map(|k| list[k]);
            match (before, after) {
                (Some(x), Some(y)) if stmts[y].group - g < g - stmts[x].group => Some(y),
                (Some(x), _) => Some(x),
                (None, y) => y,
            }
        };
        let mut pairs = std::collections::BTreeSet::new();
        for (column, la) in sa {
            let Some(lb) = sb.get(column) else { continue };
            pairs.extend(la.iter().filter_map(|&i| Some((i, nearest(lb, stmts[i].group)?))));
            pairs.extend(lb.iter().filter_map(|&j| Some((nearest(la, stmts[j].group)?, j))));
        }
        for (i, j) in pairs {
            if !b.wanted(&[i, j]) {
                continue;
            }
            let (a, c) = (&stmts[i], &stmts[j]);
            let Some(la) = b.line_index(a, tie.a.line()) else {
                continue;
            };
            {
                let Some(lc) = b.line_index(c, tie.b.line()) else {
                    continue;
                };
                if b.present(i, la) && b.present(j, lc) {
                    let id = &[
                        "tie:",
                        tie.a.statement(),
                        ".",
                        tie.a.line(),
                        "=",
                        tie.b.statement(),
                        ".",
                        tie.b.line(),
                    ];
                    b.linear(
                        id,
                        CheckKind::CrossStatement,
                        j,
                        &[(j, lc, one), (i, la, -Decimal::from(tie.sign.factor()))],
                        Decimal::ZERO,
                    );
                }
            }
        }
    }
}

/// The cash-flow summary's opening and closing cash against the balance sheets.
pub(super) fn cash(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for ct in rules.relations.balances() {
        for &i in b.of_key(&ct.flow) {
            let f = &stmts[i];
            let Period::Duration { months, end } = f.column.period else {
                continue;
            };
            let start = end.months_before(months);
            for (line_name, date) in [(ct.closing.as_str(), end), (ct.opening.as_str(), start)] {
                let Some(lf) = b.line_index(f, line_name) else {
                    continue;
                };
                let key = ColumnKey {
                    period: Period::Instant { date },
                    currency: f.column.currency.clone(),
                };
                let Some(j) = b
                    .of_period(&ct.balance, key.period)
                    .iter()
                    .copied()
                    .find(|&s| stmts[s].column == key)
                else {
                    continue;
                };
                if !b.wanted(&[i, j]) {
                    continue;
                }
                let mut terms = vec![(i, lf, one)];
                for (w, name) in &ct.lines {
                    if let Some(l) = b.line_index(&stmts[j], name) {
                        terms.push((j, l, -Decimal::from(*w)));
                    }
                }
                if b.present(i, lf) {
                    let id = format!(
                        "tie:{}.{}={}.{}",
                        ct.flow,
                        line_name,
                        ct.balance,
                        ct.lines
                            .iter()
                            .map(|(w, l)| match w {
                                1 => l.clone(),
                                w => format!("{w}*{l}"),
                            })
                            .collect::<Vec<_>>()
                            .join("+")
                    );
                    b.linear(&[&id], CheckKind::CrossStatement, i, &terms, Decimal::ZERO);
                }
            }
        }
    }
}

/// Each declared period sum (six months = first quarter + second quarter), where all its periods
/// are printed.
pub(super) fn periods(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for sum in rules.relations.period_sums() {
        for (h, hs) in stmts.iter().enumerate() {
            let Period::Duration { months, end } = hs.column.period else {
                continue;
            };
            // Its parts are of its layout: none in a re-check's scope, no check kept.
            if months != sum.total || (b.scope.is_some() && !b.wanted(b.of_key(hs.key))) {
                continue;
            }
            // The parts, earliest first, end where the next begins; the last ends with the total.
            let mut ends = Vec::with_capacity(sum.parts.len());
            let mut e = end;
            for &m in sum.parts.iter().rev() {
                ends.push((m, e));
                e = e.months_before(m);
            }
            ends.reverse();
            let parts: Option<Vec<usize>> = ends
                .iter()
                .map(|&(m, e)| {
                    b.of_period(hs.key, Period::Duration { months: m, end: e })
                        .iter()
                        .copied()
                        .find(|&s| {
                            stmts[s].group == hs.group && stmts[s].column.currency == hs.column.currency
                        })
                })
                .collect();
            let Some(parts) = parts else { continue };
            if !b.wanted(&parts) && !b.wanted(&[h]) {
                continue;
            }
            let mut terms = Vec::with_capacity(parts.len() + 1);
            for (li, line) in rules.layouts[hs.layout].schema.lines.iter().enumerate() {
                if line.kind != crate::QuantityKind::Money || !b.present(h, li) {
                    continue;
                }
                terms.clear();
                terms.push((h, li, one));
                terms.extend(parts.iter().map(|&q| (q, li, -one)));
                let id = &["period:", hs.key, ".", line.name];
                b.linear(id, CheckKind::CrossPeriod, h, &terms, Decimal::ZERO);
            }
        }
    }
}

/// Each translated figure = its source figure at the stated rate, within the rounding
/// translation allows.
pub(super) fn currency(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (ti, tr) in rules.relations.translations().iter().enumerate() {
        let Some(rate) = rules.rate(&tr.from, &tr.to) else {
            continue;
        };
        // Slacks depend on the layouts and the rate alone: computed once a line (and kept for
        // re-checks), with a memo made at the first line not known yet.
        let mut memo: Option<SlackMemo> = None;
        for (u, us) in stmts.iter().enumerate() {
            // A column whose period was not read translates no column: two unread periods are
            // never taken for one.
            if us.column.currency.as_deref() != Some(tr.to.as_str())
                || us.percent_column
                || !known(&us.column.period)
            {
                continue;
            }
            let candidates = b.of_period(us.key, us.column.period);
            // The source is of the layout and period, as is the statement itself.
            if b.scope.is_some() && !b.wanted(candidates) {
                continue;
            }
            let source = |same_group: bool| {
                candidates.iter().copied().find(|&s| {
                    let s = &stmts[s];
                    s.layout == us.layout
                        && s.column.currency.as_deref() == Some(tr.from.as_str())
                        && (!same_group || s.group == us.group)
                })
            };
            let Some(r) = source(true).or_else(|| source(false)) else {
                continue;
            };
            if !b.wanted(&[u, r]) {
                continue;
            }
            let schema = &rules.layouts[us.layout].schema;
            for (li, line) in schema.lines.iter().enumerate() {
                if !b.present(u, li) || !b.present(r, li) {
                    continue;
                }
                let coef = match line.kind {
                    crate::QuantityKind::Money | crate::QuantityKind::PerShare => -one / rate,
                    crate::QuantityKind::Shares => -one,
                    _ => continue,
                };
                let slack = if line.kind == crate::QuantityKind::Shares {
                    Decimal::ZERO
                } else {
                    let key = (ti, us.layout, li);
                    let known = b.slacks.borrow().get(&key).copied();
                    match known {
                        Some(v) => v,
                        None => {
                            let memo = memo.get_or_insert_with(|| SlackMemo::new(rules, rate));
                            let v = translation_slack(rules, us.layout, li, memo);
                            b.slacks.borrow_mut().insert(key, v);
                            v
                        }
                    }
                };
                let id = &["currency:", us.key, ".", line.name];
                b.linear(id, CheckKind::Currency, u, &[(u, li, one), (r, li, coef)], slack);
            }
        }
    }
}

/// Printed ratios: margins over revenues, loss per share over weighted shares.
pub(super) fn ratios(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for rr in rules.relations.ratios() {
        for &i in b.of_key(rr.result.statement()) {
            let rs = &stmts[i];
            if rs.percent_column {
                continue;
            }
            // The numerator and the denominator are of the result's period: none of them in a
            // re-check's scope, no check kept.
            if b.scope.is_some()
                && !b.wanted(&[i])
                && !b.wanted(b.of_period(rr.numerator.statement(), rs.column.period))
                && !b.wanted(b.of_period(rr.denominator.statement(), rs.column.period))
            {
                continue;
            }
            let Some(lr) = b.line_index(rs, rr.result.line()) else {
                continue;
            };
            if !b.present(i, lr) {
                continue;
            }
            // Of a column whose period was not read, only its own figures (two unread periods
            // are never taken for one).
            let find = |layout: &str| {
                b.of_period(layout, rs.column.period).iter().copied().find(|&k| {
                    let s = &stmts[k];
                    !s.percent_column
                        && (known(&rs.column.period) || k == i)
                        && match &rs.column.currency {
                            Some(c) => s.column.currency.as_ref() == Some(c),
                            // A ratio printed without a currency is of the figures as reported,
                            // not of a convenience translation.
                            None => !s.column.currency.as_deref().is_some_and(|c| rules.translated(c)),
                        }
                })
            };
            let (Some(n), Some(d)) = (find(rr.numerator.statement()), find(rr.denominator.statement()))
            else {
                continue;
            };
            if !b.wanted(&[i, n, d]) {
                continue;
            }
            let (Some(ln), Some(ld)) = (
                b.line_index(&stmts[n], rr.numerator.line()),
                b.line_index(&stmts[d], rr.denominator.line()),
            ) else {
                continue;
            };
            if !b.may_keep([(i, lr), (n, ln), (d, ld)].into_iter()) {
                continue;
            }
            let id = &["ratio:", rr.result.statement(), ".", rr.result.line()];
            ratio_check(b, id, i, lr, &[(n, ln, one)], d, ld);
        }
    }
}

/// Each line's printed share of the total = its figure / the total, in percent.
pub(super) fn shares_of_total(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for t in rules.relations.shares_of_total() {
        let (layout, total) = (t.statement(), t.line());
        for &p in b.of_key(layout) {
            let ps = &stmts[p];
            if !ps.percent_column {
                continue;
            }
            // The figures are the nearest column before the percentages in the same table
            // ("Number of Employees", "Percentage").
            let Some(figures) = (0..p)
                .rev()
                .find(|&s| stmts[s].group == ps.group && stmts[s].key == layout && !stmts[s].percent_column)
            else {
                continue;
            };
            let Some(lt) = b.line_index(ps, total) else {
                continue;
            };
            for (li, line) in rules.layouts[ps.layout].schema.lines.iter().enumerate() {
                if b.present(p, li) {
                    let id = &["ratio:", layout, ".", line.name, ".share"];
                    ratio_check(b, id, p, li, &[(figures, li, one)], figures, lt);
                }
            }
        }
    }
}

/// Year-on-year change columns: (new - old) / old, in percent.
pub(super) fn changes(b: &mut Builder<'_>, rules: &FilingRules) {
    let stmts = b.stmts;
    let one = Decimal::ONE;
    for (c, cs) in stmts
        .iter()
        .enumerate()
        .filter(|(_, s)| s.percent_column && !rules.shares(s.key))
    {
        // The change is between the two periods of the table's first currency (a US$ convenience
        // column of the later period is not a third period).
        let figures: Vec<usize> = (0..stmts.len())
            .filter(|&s| stmts[s].group == cs.group && !stmts[s].percent_column)
            .collect();
        let currency = figures.first().and_then(|&s| stmts[s].column.currency.clone());
        let mut same: Vec<usize> = figures
            .into_iter()
            .filter(|&s| stmts[s].column.currency == currency)
            .collect();
        if same.iter().any(|&s| !known(&stmts[s].column.period)) {
            // Which period is the earlier cannot be told: the changes are unreadable.
            same.clear();
        }
        same.sort_by_key(|&s| period_end(&stmts[s].column.period));
        for (li, line) in rules.layouts[cs.layout].schema.lines.iter().enumerate() {
            if !b.present(c, li) {
                continue;
            }
            let id = &["ratio:", cs.key, ".", line.name, ".change"];
            let [old, new] = same[..] else {
                // Not two periods to compare: said, not dropped.
                b.push(
                    id,
                    CheckKind::Ratio,
                    c,
                    Relation::Unreadable { cells: Cells::new() },
                );
                continue;
            };
            ratio_check(b, id, c, li, &[(new, li, one), (old, li, -one)], old, li);
        }
    }
}

/// [`translation_slack`]'s partial results, by (layout, line, depth), for one rate.
/// The lines each (layout, line) is tied to are found once.
pub(super) struct SlackMemo {
    /// By (layout, line, depth): see [`SlackMemo::at`].
    memo: Vec<Option<Decimal>>,
    /// Where each layout's lines start in `memo`, in lines.
    offsets: Vec<usize>,
    tied: FxMap<(usize, usize), Vec<(usize, usize)>>,
    /// The rounding one translated line carries: half a unit of its own and half a unit of its
    /// source at the rate.
    leaf: Decimal,
}

/// How deep the slack follows formulas and ties.
const SLACK_DEPTH: usize = 8;

impl SlackMemo {
    pub(super) fn new(rules: &FilingRules, rate: Decimal) -> SlackMemo {
        let mut offsets = Vec::with_capacity(rules.layouts.len());
        let mut n = 0;
        for l in rules.layouts.iter() {
            offsets.push(n);
            n += l.schema.lines.len();
        }
        let mut tied: FxMap<(usize, usize), Vec<(usize, usize)>> = Default::default();
        let lines = |r: &crate::relations::LineRef| -> Vec<(usize, usize)> {
            rules
                .layouts
                .iter()
                .enumerate()
                .filter(|(_, l)| l.key == r.statement())
                .filter_map(|(i, l)| {
                    l.schema
                        .lines
                        .iter()
                        .position(|x| x.name == r.line())
                        .map(|p| (i, p))
                })
                .collect()
        };
        for t in rules.relations.ties() {
            let (a, b) = (lines(&t.a), lines(&t.b));
            for x in &a {
                tied.entry(*x).or_default().extend(&b);
            }
            // A line is tied to `b`'s lines when it is `a`, else to `a`'s when it is `b`.
            for x in b.iter().filter(|x| !a.contains(x)) {
                tied.entry(*x).or_default().extend(&a);
            }
        }
        SlackMemo {
            memo: vec![None; n * (SLACK_DEPTH + 1)],
            offsets,
            tied,
            // Saturating: a rate at the edge of a decimal's range gives a vast slack (and so no
            // failure), never a panic.
            leaf: Decimal::new(5, 1)
                .saturating_add(Decimal::new(5, 1).checked_div(rate).unwrap_or(Decimal::MAX)),
        }
    }

    fn at(&self, layout: usize, line: usize, depth: u8) -> usize {
        (self.offsets[layout] + line) * (SLACK_DEPTH + 1) + usize::from(depth)
    }

    fn tied(&self, layout: usize, line: usize) -> &[(usize, usize)] {
        self.tied.get(&(layout, line)).map_or(&[], Vec::as_slice)
    }
}

/// How far a US$ figure may stray from the direct translation of its RMB figure through rounding
/// alone, beyond its own rounding and the RMB figure's:
///
/// - a subtotal summed from translated lines carries each line's rounding (recursively);
/// - a line that is a component of a footing may carry the rounding residual of that footing (a
///   plug that makes the US$ column foot): half a unit per term of the footing.
///
/// Both apply through ties: the gross profit of a reconciliation is the income statement's subtotal.
pub(super) fn translation_slack(
    rules: &FilingRules,
    layout: usize,
    line: usize,
    memo: &mut SlackMemo,
) -> Decimal {
    type Memo = SlackMemo;
    // Memoised by (layout, line, depth): without it the walk through formulas and ties is
    // exponential in the depth.
    fn formula_slack(rules: &FilingRules, layout: usize, line: usize, depth: u8, memo: &mut Memo) -> Decimal {
        let at = memo.at(layout, line, depth);
        if let Some(v) = memo.memo[at] {
            return v;
        }
        let schema = &rules.layouts[layout].schema;
        let leaf = memo.leaf;
        let own = schema.lines[line].formula.map(|f| {
            f.iter().fold(Decimal::ZERO, |acc, t| {
                let sub = if depth < 8 {
                    formula_slack(rules, layout, t.line, depth + 1, memo)
                } else {
                    Decimal::ZERO
                };
                acc.saturating_add(
                    Decimal::from(t.weight.unsigned_abs()).saturating_mul(leaf.saturating_add(sub)),
                )
            })
        });
        // The largest slack of a tied line with a formula (the last of equals, as `max` keeps).
        let mut tied: Option<Decimal> = None;
        if depth < 8 {
            for k in 0..memo.tied(layout, line).len() {
                let (l2, n2) = memo.tied(layout, line)[k];
                if rules.layouts[l2].schema.lines[n2].formula.is_some() {
                    let v = formula_slack(rules, l2, n2, depth + 1, memo);
                    tied = Some(tied.map_or(v, |t| t.max(v)));
                }
            }
        }
        let v = own.into_iter().chain(tied).max().unwrap_or(Decimal::ZERO);
        memo.memo[at] = Some(v);
        v
    }
    let plug = std::iter::once((layout, line))
        .chain(memo.tied(layout, line).iter().copied())
        .flat_map(|(l, n)| {
            rules.layouts[l]
                .schema
                .lines
                .iter()
                .filter_map(move |x| x.formula.filter(|f| f.iter().any(|t| t.line == n)))
                .map(|f| Decimal::new(5, 1) * Decimal::from(f.len() as u64))
        })
        .max()
        .unwrap_or(Decimal::ZERO);
    formula_slack(rules, layout, line, 0, memo).max(plug)
}

pub(super) fn ratio_check(
    b: &mut Builder<'_>,
    id: Id<'_>,
    at: usize,
    line: usize,
    numerator: &[(usize, usize, Decimal)],
    d: usize,
    ld: usize,
) {
    let mut readable = Cells::new();
    let mut damaged = false;
    let mut cell = |b: &mut Builder<'_>, s: usize, l: usize| match b.term(s, l) {
        Term::Cell(i) => {
            readable.push(i);
            Some(i)
        }
        _ => {
            damaged = true;
            None
        }
    };
    let result = cell(b, at, line);
    let num: InlineVec<(Decimal, Option<usize>), 2> =
        numerator.iter().map(|&(s, l, c)| (c, cell(b, s, l))).collect();
    let den = cell(b, d, ld);
    let relation = match (result, den, damaged) {
        (Some(result), Some(denominator), false) => {
            let numerator: Terms = num.iter().filter_map(|(c, i)| i.map(|i| (*c, i))).collect();
            let res_kind = b.layouts[b.stmts[at].layout].schema.lines[line].kind;
            let factor = |i: usize| b.cells[i].amount.precision().scale.factor();
            let mut scale = factor(numerator[0].1) / factor(denominator);
            if res_kind == crate::QuantityKind::Percent || b.stmts[at].percent_column {
                scale *= Decimal::ONE_HUNDRED;
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
                scale,
            }
        }
        _ => Relation::Unreadable { cells: readable },
    };
    b.push(id, CheckKind::Ratio, at, relation);
}

pub(super) fn period_end(p: &Period) -> Option<crate::read::Date> {
    match p {
        Period::Instant { date } => Some(*date),
        Period::Duration { end, .. } => Some(*end),
        Period::Unknown => None,
    }
}
