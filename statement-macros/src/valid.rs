//! Checks what the attributes say against each other: every line item has one label and no two
//! share one, every name in a formula is a line item, and no subtotal depends on itself.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::formula::Formula;
use crate::suggest::did_you_mean;

/// The formulas and rules with names resolved to line indices (declaration order).
pub struct Resolved {
    /// Per line: its formula's terms, weights of a repeated line summed, in order of first use.
    pub formulas: Vec<Option<Vec<(usize, i64)>>>,
    pub rules: Vec<ResolvedRule>,
    /// Pairs whose units rustc must check: each term against its total, or each term of a rule
    /// against the rule's first term. `span` is the term's token in the formula.
    pub unit_checks: Vec<UnitCheck>,
    /// Lines whose formula is a roll-forward, with the `roll_forward` key's span: each must be a
    /// balance (an instant).
    pub balances: Vec<(usize, Span)>,
}

/// What a term is to its total, for the unit checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A term of a sum: same kind, currency and period kind.
    Sum,
    /// The opening balance of a roll-forward: same kind and currency, an instant.
    Opening,
    /// A flow of a roll-forward: same kind and currency, a duration.
    Flow,
}

pub struct ResolvedRule {
    pub name: String,
    pub left: Vec<(usize, i64)>,
    pub right: Vec<(usize, i64)>,
}

pub struct UnitCheck {
    pub total: usize,
    pub term: usize,
    pub span: Span,
    pub role: Role,
}

pub fn validate(input: &Input, cx: &Ctxt) -> Resolved {
    check_labels(input, cx);
    let names: Vec<String> = input.lines.iter().map(|l| l.ident.unraw().to_string()).collect();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let resolve = |name: &Ident| -> Option<usize> {
        let key = name.unraw().to_string();
        if let Some(&i) = index.get(key.as_str()) {
            return Some(i);
        }
        let msg = match did_you_mean(&key, names.iter().map(String::as_str)) {
            Some(close) => format!("no line item named `{key}`; did you mean `{close}`?"),
            None => {
                format!("no line item named `{key}`: a formula names the fields of this struct")
            }
        };
        cx.error_spanned_by(name, msg);
        None
    };

    let mut unit_checks = Vec::new();
    let mut balances = Vec::new();
    let mut formulas = Vec::with_capacity(input.lines.len());
    // Per line, the resolved edges with the token naming them, for the cycle report.
    let mut edges: Vec<Vec<(usize, Span)>> = vec![Vec::new(); input.lines.len()];
    for (i, line) in input.lines.iter().enumerate() {
        let Some(formula) = &line.total else {
            formulas.push(None);
            continue;
        };
        let mut resolved = Vec::new();
        if let Some(span) = line.roll_forward {
            balances.push((i, span));
        }
        for (k, term) in formula.terms.iter().enumerate() {
            let role = match (line.roll_forward, k) {
                (None, _) => Role::Sum,
                (Some(_), 0) => Role::Opening,
                (Some(_), _) => Role::Flow,
            };
            let Some(j) = resolve(&term.name) else {
                continue;
            };
            if i == j {
                cx.error_spanned_by(
                    &term.name,
                    format_args!(
                        "total includes itself: `{}` cannot be one of its own terms",
                        names[i]
                    ),
                );
                continue;
            }
            edges[i].push((j, term.name.span()));
            unit_checks.push(UnitCheck {
                total: i,
                term: j,
                span: term.name.span(),
                role,
            });
            resolved.push((j, term.weight, term.name.clone()));
        }
        formulas.push(Some(merge(resolved, cx, &names)));
    }
    check_cycles(&edges, &names, cx);

    let mut rules = Vec::with_capacity(input.rules.len());
    let mut rule_names: HashMap<String, ()> = HashMap::new();
    for rule in &input.rules {
        let name = rule.name.unraw().to_string();
        if rule_names.insert(name.clone(), ()).is_some() {
            cx.error_spanned_by(&rule.name, format_args!("duplicate rule name `{name}`"));
        }
        let side = |f: &Formula| -> Vec<(usize, i64, Ident)> {
            f.terms
                .iter()
                .filter_map(|t| resolve(&t.name).map(|j| (j, t.weight, t.name.clone())))
                .collect()
        };
        let (left, right) = (side(&rule.left), side(&rule.right));
        // Units: every term against the left side's first term, if that one resolved.
        if let (Some(first), Some((reference, _, _))) = (rule.left.terms.first(), left.first()) {
            if index.contains_key(first.name.unraw().to_string().as_str()) {
                for (j, _, ident) in left.iter().skip(1).chain(&right) {
                    unit_checks.push(UnitCheck {
                        total: *reference,
                        term: *j,
                        span: ident.span(),
                        role: Role::Sum,
                    });
                }
            }
        }
        rules.push(ResolvedRule {
            name,
            left: merge(left, cx, &names),
            right: merge(right, cx, &names),
        });
    }

    Resolved {
        formulas,
        rules,
        unit_checks,
        balances,
    }
}

/// Sums the weights of a line named more than once (`a + a` is `2 * a`), keeping the order of first
/// use; a line whose weights cancel out is reported.
fn merge(terms: Vec<(usize, i64, Ident)>, cx: &Ctxt, names: &[String]) -> Vec<(usize, i64)> {
    let mut out: Vec<(usize, i64, Ident)> = Vec::with_capacity(terms.len());
    for (j, w, ident) in terms {
        match out.iter_mut().find(|(k, _, _)| *k == j) {
            Some((_, acc, last)) => {
                match acc.checked_add(w) {
                    Some(sum) => *acc = sum,
                    None => cx.error_spanned_by(&ident, "the weights of this line item overflow an `i64`"),
                }
                *last = ident;
            }
            None => out.push((j, w, ident)),
        }
    }
    out.into_iter()
        .filter(|(j, w, ident)| {
            if *w == 0 {
                cx.error_spanned_by(
                    ident,
                    format_args!(
                        "`{}` cancels out: its weights in this formula sum to zero",
                        names[*j]
                    ),
                );
            }
            *w != 0
        })
        .map(|(j, w, _)| (j, w))
        .collect()
}

/// Reports every cycle among formulas once, at the token that closes it.
fn check_cycles(edges: &[Vec<(usize, Span)>], names: &[String], cx: &Ctxt) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for root in 0..edges.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (line, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::OnStack;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&(to, span)) = edges[node].get(*next) else {
                mark[node] = Mark::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match mark[to] {
                Mark::New => {
                    mark[to] = Mark::OnStack;
                    stack.push((to, 0));
                }
                Mark::OnStack => {
                    // The cycle is `to -> ... -> node -> to`; name it from `node`, whose formula
                    // holds the underlined token.
                    let start = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    let mut path: Vec<&str> = Vec::new();
                    path.push(&names[node]);
                    path.extend(stack[start..].iter().map(|&(n, _)| names[n].as_str()));
                    let path = path.join(" -> ");
                    cx.error_at(
                        span,
                        format_args!("formula cycle: {path}; a total cannot depend on itself"),
                    );
                }
                Mark::Done => {}
            }
        }
    }
}

/// Every line item has exactly one non-empty label, and no label or alias belongs to two lines of
/// one section. Labels are compared as the reader matches them: ignoring case, spacing and a
/// trailing colon.
fn check_labels(input: &Input, cx: &Ctxt) {
    struct Seen<'a> {
        owner: usize,
        alias: bool,
        lit: &'a LitStr,
    }
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for (i, line) in input.lines.iter().enumerate() {
        let name = line.ident.unraw();
        match (&line.label, line.attr_span) {
            (Some(_), _) => {}
            (None, Some(_)) if line.attr_failed => {}
            (None, Some(span)) => cx.error_at(
                span,
                format_args!(
                    "line item `{name}` has no label: add `label = \"...\"` with the label as the filing prints it"
                ),
            ),
            (None, None) => cx.error_spanned_by(
                line.ident,
                format_args!(
                    "field `{name}` is not declared as a line item: add #[line(label = \"...\")] with the label as the filing prints it"
                ),
            ),
        }
        // Lines without a section share one; a label may repeat under different sections.
        let section = match &line.section {
            Some(s) => format!("in {}", normalize_label(&s.value())),
            None => String::from("none"),
        };
        let texts = line
            .label
            .iter()
            .map(|l| (l, false))
            .chain(line.aliases.iter().map(|a| (a, true)));
        for (lit, alias) in texts {
            let key = format!("{section}\n{}", normalize_label(&lit.value()));
            if let Some(prev) = seen.get(&key) {
                let what = if alias { "alias" } else { "label" };
                let text = lit.value();
                let owner = input.lines[prev.owner].ident.unraw();
                let spelled = if prev.lit.value() == text {
                    String::new()
                } else {
                    format!(
                        " (as {:?}: labels are compared ignoring case and spacing)",
                        prev.lit.value()
                    )
                };
                let where_ = match &line.section {
                    Some(s) => format!(" in section {:?}", s.value()),
                    None => String::new(),
                };
                let msg = match (prev.owner == i, prev.alias, alias) {
                    (true, false, _) => {
                        format!("alias {text:?} repeats this line item's label{spelled}")
                    }
                    (true, true, _) => format!("alias {text:?} is given twice{spelled}"),
                    (false, false, false) if line.section.is_none() => format!(
                        "duplicate label {text:?}: it is already the label of `{owner}`{spelled}; \
                         if the filing prints it under two headings, give each line its `section = \"...\"`"
                    ),
                    (false, false, false) => format!(
                        "duplicate label {text:?}: it is already the label of `{owner}`{where_}{spelled}; \
                         a printed row must name one line item"
                    ),
                    (false, prev_alias, _) => format!(
                        "{what} {text:?} is already {role} of `{owner}`{where_}{spelled}; a printed row must name one line item",
                        role = if prev_alias { "an alias" } else { "the label" },
                    ),
                };
                cx.error_spanned_by(lit, msg);
            } else {
                seen.insert(key, Seen { owner: i, alias, lit });
            }
        }
    }
}

/// The label folded as `statement_core::schema::normalize_label` folds it.
fn normalize_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    while out.ends_with(':') {
        out.pop();
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_like_the_reader() {
        assert_eq!(normalize_label(" Less:  Net LOSS: "), "less: net loss");
        assert_eq!(
            normalize_label("Shareholders\u{2019} equity"),
            "shareholders' equity"
        );
    }
}
