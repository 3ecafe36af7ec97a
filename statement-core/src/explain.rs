//! Explaining failures: the culprit cell, the value that repairs it, and the pattern of the damage.
//!
//! Localisation works over all the checks of a filing at once (in the spirit of Fellegi-Holt error
//! localisation, with models of how printed figures go wrong):
//!
//! 1. A damaged row (one whose cells could be aligned to the columns in several ways) is read in
//!    each other alignment; an alignment that makes failed checks hold without breaking one that
//!    holds explains them (`row_shifted`, `missing_column`).
//! 2. Every cell of a failed check gets the value that makes that check hold. The value is tried
//!    against every check the cell takes part in; when it breaks a total the cell is a component
//!    of, the error is followed up into that total (a subtotal computed from a wrong line) and the
//!    totals are corrected with it.
//! 3. The candidates are chosen greedily: most failures explained, fewest cells changed, and a
//!    recognised pattern (digit typo, transposition, sign flip, copy of another cell) before
//!    none. When candidates tie, all are listed and the text cannot decide.
//!
//! ```
//! use statement_core::{explain, kingsoft};
//! let text = kingsoft::H1_2023.text.replacen("(152,677)", "(125,677)", 1);
//! let filing = statement_core::read::read("h1-2023.txt", text.as_bytes()).unwrap();
//! let rules = kingsoft::rules_2023();
//! let report = statement_core::check::check_filing(&filing, &rules);
//! let why = explain::explain_filing(&filing, &rules, &report);
//! assert!(why.iter().any(|e| e.suspects.iter().any(|s| s.reported == "-125677" && s.suggested == "-152677")));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::printed;
use crate::bind::RowReading;
use crate::check::{FilingReport, FilingRules, FxMap, FxSet, Rechecker, Relation, Veto};
use crate::read::{DamageKind, Filing};
use crate::{Amount, Text};

/// A cell suspected of being wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suspect {
    /// 1-based line in the file.
    pub line: u32,
    /// The row's label.
    pub label: String,
    /// The column.
    pub column: String,
    /// The value printed (empty when the column has no value as read).
    pub reported: String,
    /// The value that makes every check hold (empty when no check implies one).
    pub suggested: String,
    /// How it went wrong: `digit_typo`, `transposition`, `sign_flip`, `copied_from line N (...)`,
    /// `row_shifted`, `missing_column`, `propagated_from line N`,
    /// `narrative_disagrees_with_table`, `wrong_value`.
    pub pattern: String,
}

/// One root cause: the cells to correct, the checks it explains, and a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// One sentence.
    pub summary: String,
    /// Further lines (the totals an error propagated into, the alternatives when ambiguous).
    pub details: Vec<String>,
    /// Indices of the failed checks (into [`FilingReport::checks`]) this explains.
    pub checks: Vec<usize>,
    /// The suspects: the root cell first, then the totals it propagated into. When the text
    /// cannot decide, one root per alternative.
    pub suspects: Vec<Suspect>,
    /// Whether several explanations fit equally well.
    pub ambiguous: bool,
    /// Whether this entry says that the [`Budget`] was reached here (the summary says where and
    /// what was left unexplored).
    pub budget_reached: bool,
}

/// How much work explanation may do on one filing, whatever its shape: re-reading damaged rows
/// and trying candidate repairs stop when the budget is spent, and the explanations say where
/// (an entry with [`Explanation::budget_reached`]). Checks and verdicts never depend on it.
///
/// ```
/// let b = statement_core::explain::Budget::default();
/// assert!(b.rechecks >= 10_000 && b.repairs >= 10_000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Checks re-evaluated while trying other alignments of damaged rows: each alignment tried
    /// re-binds and re-checks the whole filing, and costs its number of checks. The allowance
    /// is the larger of this and `rechecks_per_check` times the filing's checks.
    pub rechecks: usize,
    /// Rechecks allowed per check of the filing: a filing of any size may re-check itself this
    /// many times over, so the cost stays linear in the input.
    pub rechecks_per_check: usize,
    /// Candidate repairs tried (a cell given a value and followed through the checks it is in).
    pub repairs: usize,
}

impl Default for Budget {
    /// About a tenth of a second of work on this kind of machine; the bundled filings need well
    /// under a tenth of it.
    fn default() -> Budget {
        Budget {
            rechecks: 20_000,
            rechecks_per_check: 2,
            repairs: 50_000,
        }
    }
}

/// What is left of a [`Budget`] while explaining one filing.
struct Spend {
    rechecks: usize,
    repairs: usize,
    /// Candidate repairs tried so far.
    tried: usize,
}

impl Spend {
    /// Takes `n` rechecks when that many are left.
    fn rechecks(&mut self, n: usize) -> bool {
        let ok = n <= self.rechecks;
        if ok {
            self.rechecks -= n;
        }
        ok
    }
}

/// The entry saying that the budget was reached: where, and what was left unexplored.
fn budget_reached(summary: String) -> Explanation {
    Explanation {
        summary,
        details: Vec::new(),
        checks: Vec::new(),
        suspects: Vec::new(),
        ambiguous: false,
        budget_reached: true,
    }
}

/// A set of cell corrections: (cell index, new value), the root first.
#[derive(Clone, Debug)]
struct Repair {
    changes: Vec<(usize, Amount)>,
    fixes: BTreeSet<usize>,
    pattern: String,
    score: u8,
    /// Checks touching the changed cells that hold only within rounding after the repair.
    inexact: usize,
}

/// Localises the failures of a checked filing, within the default [`Budget`].
pub fn explain_filing(filing: &Filing, rules: &FilingRules, report: &FilingReport) -> Vec<Explanation> {
    explain_filing_with(filing, rules, report, Budget::default())
}

/// [`explain_filing`] within a given budget.
///
/// ```
/// use statement_core::{check, explain::{self, Budget}, kingsoft, read};
/// let b = kingsoft::Q2_2025;
/// let filing = read::read(b.name, b.text.as_bytes()).unwrap();
/// let rules = kingsoft::rules_for(&filing);
/// let report = check::check_filing(&filing, &rules);
/// // No re-reading at all: the shifted row is not realigned, and the report says so.
/// let none = Budget { rechecks: 0, rechecks_per_check: 0, ..Budget::default() };
/// let why = explain::explain_filing_with(&filing, &rules, &report, none);
/// assert!(why.iter().any(|e| e.budget_reached));
/// ```
pub fn explain_filing_with(
    filing: &Filing,
    rules: &FilingRules,
    report: &FilingReport,
    budget: Budget,
) -> Vec<Explanation> {
    let mut spend = Spend {
        rechecks: (budget.rechecks).max(budget.rechecks_per_check.saturating_mul(report.checks.len())),
        repairs: budget.repairs,
        tried: 0,
    };
    let recheck = Rechecker::new(filing, rules, report);
    let mut out = missing_columns(filing, rules, &recheck, report, &mut spend);
    let mut remaining: BTreeSet<usize> = failed(report);
    if remaining.is_empty() {
        return out;
    }
    out.extend(realignments(
        filing,
        rules,
        &recheck,
        report,
        &mut remaining,
        &mut spend,
    ));
    out.extend(cell_repairs(report, &mut remaining, &mut spend));
    for &c in &remaining {
        let check = &report.checks[c];
        out.push(Explanation {
            summary: format!(
                "{} [{}] fails, and no single correction consistent with the other checks explains it",
                check.id, check.column
            ),
            details: Vec::new(),
            checks: vec![c],
            suspects: Vec::new(),
            ambiguous: true,
            budget_reached: false,
        });
    }
    out
}

/// A decimal string as the filing prints it (`-117819` is `(117,819)`), or `empty` for none.
fn as_printed(value: &str, empty: &str) -> String {
    match value.parse::<Decimal>() {
        Ok(d) => printed(&d),
        Err(_) if value.is_empty() => empty.to_string(),
        Err(_) => value.to_string(),
    }
}

fn failed(report: &FilingReport) -> BTreeSet<usize> {
    report
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict.failed())
        .map(|(i, _)| i)
        .collect()
}

/// Rows printed with fewer figures than columns leave their checks unreadable. When every such row
/// of a table misses the same column, exactly one alignment may make every check hold: that names
/// the missing column (and, where a check implies it, the missing figure). No failure is involved.
fn missing_columns(
    filing: &Filing,
    rules: &FilingRules,
    recheck: &Rechecker<'_>,
    report: &FilingReport,
    spend: &mut Spend,
) -> Vec<Explanation> {
    let mut out = Vec::new();
    let base_failed: BTreeSet<(Text, Text, usize)> = report.failures().map(|c| c.key()).collect();
    // The rows missing cells, by table, in the order of the damage found.
    let mut missing: FxMap<usize, Vec<usize>> = FxMap::default();
    for d in &filing.damage {
        if let (Some(t), Some(r), DamageKind::MissingCells { .. }) = (d.table, d.row, &d.kind) {
            missing.entry(t).or_default().push(r);
        }
    }
    for (ti, table) in filing.tables.iter().enumerate() {
        let rows: Vec<usize> = missing
            .get(&ti)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&r| {
                table
                    .rows
                    .get(r)
                    .is_some_and(|row| row.cells.iter().all(|c| c.number.is_some()))
            })
            .collect();
        let Some(&first) = rows.first() else { continue };
        let n = table.rows[first].readings.len();
        if n < 2 || rows.iter().any(|&r| table.rows[r].readings.len() != n) {
            continue;
        }
        // Every alignment re-checks the filing; all of them or none (the one alignment that
        // holds is only known to be the one when all were tried).
        if !spend.rechecks(n.saturating_mul(report.checks.len().max(1))) {
            out.push(budget_reached(format!(
                "line {}: explanation budget reached: the {n} alignments of {} rows printing {} figures for {} \
                 columns were not tried ({} rechecks left)",
                table.rows[first].location.line,
                rows.len(),
                table.rows[first].cells.len(),
                table.columns.len(),
                spend.rechecks
            )));
            continue;
        }
        // Re-checks build only the checks involving the table's statements; the others keep
        // their verdicts, so the checks that hold are counted over the same scope.
        let holding = |r: &FilingReport| r.checks.iter().filter(|c| c.verdict.holds()).count();
        let rows_of: Vec<(usize, usize)> = rows.iter().map(|&r| (ti, r)).collect();
        // As read, the checks in scope are the report's: counted without building them again.
        let base_holds = match recheck.as_read(&[ti], &rows_of) {
            Some(checks) => checks
                .iter()
                .filter(|&&k| report.checks[k].verdict.holds())
                .count(),
            None => match recheck.scoped(&[], &[ti], &rows_of, None) {
                Some(base) => holding(&base),
                None => continue,
            },
        };
        // A reading that breaks a check of the tables holding as read is rejected: its re-check
        // stops at that check. The tables decide the alignment; prose restating a figure is
        // weaker evidence (it may round its own way), so a narrative check it breaks does not
        // count against it.
        let veto = Veto {
            allowed: &base_failed,
            prose: true,
        };
        // The best reading so far and how many readings hold that many checks: only the best
        // re-check is kept, so memory does not grow with the readings tried.
        let mut best: Option<(usize, usize, FilingReport)> = None;
        let mut tied = 0usize;
        for k in 0..n {
            let o: Vec<RowReading> = rows
                .iter()
                .map(|&row| RowReading {
                    table: ti,
                    row,
                    reading: k,
                })
                .collect();
            let Some(alt) = recheck.scoped(&o, &[ti], &rows_of, Some(&veto)) else {
                continue;
            };
            let holds = holding(&alt);
            match &best {
                _ if holds <= base_holds => {}
                Some((_, h, _)) if holds < *h => {}
                Some((_, h, _)) if holds == *h => tied += 1,
                _ => {
                    best = Some((k, holds, alt));
                    tied = 1;
                }
            }
        }
        // Exactly one alignment makes the most checks hold.
        let Some((k, holds, alt)) = best.as_ref().filter(|_| tied == 1) else {
            continue;
        };
        let reading = &table.rows[first].readings[*k];
        let Some(missing) = (0..table.columns.len()).find(|c| !reading.contains(c)) else {
            continue;
        };
        let col = &table.columns[missing];
        let label = crate::bind::ColumnKey {
            period: col.period,
            currency: col.currency.clone(),
        }
        .label();
        let suspects: Vec<Suspect> = rows
            .iter()
            .map(|&r| {
                let row = &table.rows[r];
                Suspect {
                    line: row.location.line,
                    label: row.label.clone(),
                    column: label.clone(),
                    reported: String::new(),
                    suggested: implied_value(alt, &rules.layouts, row, &label)
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    pattern: "missing_column".into(),
                }
            })
            .collect();
        let lines: Vec<u32> = rows.iter().map(|&r| table.rows[r].location.line).collect();
        out.push(Explanation {
            summary: format!(
                "lines {}-{}: {} rows print {} figures for {} columns; only one alignment makes every check hold: \
                 nothing in {label}, so {} more checks can be read and hold",
                lines.first().unwrap_or(&0),
                lines.last().unwrap_or(&0),
                rows.len(),
                table.rows[first].cells.len(),
                table.columns.len(),
                holds - base_holds
            ),
            details: suspects
                .iter()
                .filter(|s| !s.suggested.is_empty())
                .map(|s| {
                    format!(
                        "line {} `{}` [{}]: missing, consistent value {}",
                        s.line,
                        s.label,
                        s.column,
                        as_printed(&s.suggested, "")
                    )
                })
                .collect(),
            checks: Vec::new(),
            suspects,
            ambiguous: false,
            budget_reached: false,
        });
    }
    out
}

/// Step 1: realign damaged rows.
fn realignments(
    filing: &Filing,
    rules: &FilingRules,
    recheck: &Rechecker<'_>,
    report: &FilingReport,
    remaining: &mut BTreeSet<usize>,
    spend: &mut Spend,
) -> Vec<Explanation> {
    let mut out = Vec::new();
    let failed_ids: BTreeSet<(Text, Text, usize)> =
        remaining.iter().map(|&i| report.checks[i].key()).collect();
    // A reading failing a check that does not fail as read is rejected: its re-check stops at
    // that check.
    let veto = Veto {
        allowed: &failed_ids,
        prose: false,
    };
    // The lines of the figures of failed checks: a row printed elsewhere is not involved.
    let mut failed_lines: FxSet<u32> = FxSet::default();
    // And each such figure's (line, row label): a row takes part in a failed check when one of
    // its lines holds a figure of the check with its label.
    let mut failed_rows: FxSet<(u32, &str)> = FxSet::default();
    // And the failed checks by the place of each of their figures (line, column), in check order.
    let mut failed_at: FxMap<(u32, u32), Vec<usize>> = FxMap::default();
    for &i in remaining.iter() {
        for c in report.checks[i].relation.each_cell() {
            let cell = &report.cells[c].cell;
            failed_lines.insert(cell.line);
            failed_rows.insert((cell.line, &cell.label));
            let at = failed_at.entry((cell.line, cell.col)).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    // The report's figures, made once: predictions change a few in place and put them back.
    let mut values = report.values();
    // Made at the first row involved in a failure.
    let bound = std::cell::OnceCell::new();
    let bound = || bound.get_or_init(|| BoundCells::new(report));
    for (ti, table) in filing.tables.iter().enumerate() {
        for (ri, row) in table.rows.iter().enumerate() {
            if row.readings.len() < 2 || row.cells.is_empty() {
                continue;
            }
            if !row.cells.iter().any(|c| failed_lines.contains(&c.location.line)) {
                continue;
            }
            // Only rows that take part in a failed check.
            let involved = row
                .cells
                .iter()
                .any(|c| failed_rows.contains(&(c.location.line, row.label.as_str())));
            if !involved {
                continue;
            }
            let shifted = filing.damage.iter().any(|d| {
                d.table == Some(ti) && d.row == Some(ri) && matches!(d.kind, DamageKind::ShiftedRow)
            });
            // The failed checks a reading of the row can change: those involving the table's
            // statements (re-checks build only those).
            let mut in_scope: Option<BTreeSet<(Text, Text, usize)>> = None;
            let mut best: Option<(usize, FilingReport, usize)> = None;
            let mut skipped = 0;
            let predict = Prediction::new(report, bound(), row, remaining, &failed_at);
            // The readings by the failures they are predicted to fix, most first (then in
            // order). A reading fixes at most the failures predicted (a re-check changes no
            // failure the row takes no part in): one that cannot beat the best re-checked is
            // known from the report alone, and is not worth a re-check. So is one predicted
            // to fix nothing.
            let mut order: Vec<(usize, usize)> = (0..row.readings.len())
                .filter(|&k| !(shifted && k == 0))
                .map(|k| (predict.fixed(report, &row.readings[k], &mut values), k))
                .filter(|&(p, _)| p > 0)
                .collect();
            order.sort_by_key(|&(p, k)| (std::cmp::Reverse(p), k));
            for (predicted, k) in order {
                if let Some((best_k, _, best_fixed)) = &best
                    && (predicted < *best_fixed || (predicted == *best_fixed && k > *best_k))
                {
                    continue;
                }
                if !spend.rechecks(report.checks.len().max(1)) {
                    skipped += 1;
                    continue;
                }
                let o = [RowReading {
                    table: ti,
                    row: ri,
                    reading: k,
                }];
                let Some(alt) = recheck.scoped(&o, &[ti], &[(ti, ri)], Some(&veto)) else {
                    continue;
                };
                let alt_failed: BTreeSet<(Text, Text, usize)> = alt.failures().map(|c| c.key()).collect();
                let scope = in_scope.get_or_insert_with(|| match recheck.as_read(&[ti], &[(ti, ri)]) {
                    Some(checks) => checks
                        .iter()
                        .map(|&k| &report.checks[k])
                        .filter(|c| c.verdict.failed())
                        .map(|c| c.key())
                        .collect(),
                    None => recheck
                        .scoped(&[], &[ti], &[(ti, ri)], None)
                        .map(|base| base.failures().map(|c| c.key()).collect())
                        .unwrap_or_default(),
                });
                let fixed = scope.difference(&alt_failed).count();
                if fixed == 0 {
                    continue;
                }
                // The most fixed, then the first reading.
                if best
                    .as_ref()
                    .is_none_or(|b| fixed > b.2 || (fixed == b.2 && k < b.0))
                {
                    best = Some((k, alt, fixed));
                }
            }
            if skipped > 0 {
                out.push(budget_reached(format!(
                    "line {}: explanation budget reached: {skipped} of the {} alignments of the row `{}` were not tried",
                    row.location.line,
                    row.readings.len(),
                    row.label
                )));
            }
            let Some((k, alt, _)) = best else { continue };
            let alt_failed: BTreeSet<(Text, Text, usize)> = alt.failures().map(|c| c.key()).collect();
            let scope = in_scope.unwrap_or_default();
            let fixed: Vec<usize> = remaining
                .iter()
                .copied()
                .filter(|&i| {
                    let key = report.checks[i].key();
                    scope.contains(&key) && !alt_failed.contains(&key)
                })
                .collect();
            let suspects = realigned_suspects(filing, &rules.layouts, (ti, ri, k), bound(), &alt);
            let pattern = if shifted { "row_shifted" } else { "missing_column" };
            let summary = format!(
                "line {}: the row `{}` is {} as read; realigned, it reconciles in {} failed check{}",
                row.location.line,
                row.label,
                if shifted {
                    "shifted by one column"
                } else {
                    "missing a column"
                },
                fixed.len(),
                if fixed.len() == 1 { "" } else { "s" }
            );
            let details = suspects
                .iter()
                .map(|s| {
                    format!(
                        "{}: read {}, belongs {}",
                        s.column,
                        as_printed(&s.reported, "nothing"),
                        as_printed(&s.suggested, "nothing (no check implies a value)")
                    )
                })
                .collect();
            for f in &fixed {
                remaining.remove(f);
            }
            out.push(Explanation {
                summary,
                details,
                checks: fixed,
                suspects: suspects
                    .into_iter()
                    .map(|mut s| {
                        s.pattern = pattern.to_string();
                        s
                    })
                    .collect(),
                ambiguous: false,
                budget_reached: false,
            });
        }
    }
    out
}

/// What the failed checks involving a row become under another reading of it, computed from the
/// report: a failed check involves the row through cells of it; under the reading, each such
/// cell's slot takes the row's figure the reading puts in its column, or none (the check is then
/// unreadable, so no longer failed). Checks not involving the row keep their verdicts.
struct Prediction {
    /// For each failed check involving the row: (check, [(report cell, column it is bound to)]).
    checks: Vec<(usize, Vec<(usize, usize)>)>,
    /// The row's cells.
    cells: Vec<crate::read::Cell>,
}

impl Prediction {
    fn new(
        report: &FilingReport,
        bound: &BoundCells,
        row: &crate::read::Row,
        remaining: &BTreeSet<usize>,
        failed_at: &FxMap<(u32, u32), Vec<usize>>,
    ) -> Prediction {
        let bound = bound.of_row(row);
        // report cell -> the column its row cell is bound to.
        let column_of = |x: usize| {
            let c = &report.cells[x].cell;
            let i = row
                .cells
                .iter()
                .position(|rc| rc.location.line == c.line && rc.location.column == c.col)?;
            bound.iter().find(|(_, ci)| *ci == i).map(|(col, _)| *col)
        };
        // The failed checks with a figure where the row prints one: the others have no term
        // `column_of` finds.
        let mut involved: Vec<usize> = row
            .cells
            .iter()
            .filter_map(|rc| failed_at.get(&(rc.location.line, rc.location.column)))
            .flatten()
            .copied()
            .filter(|k| remaining.contains(k))
            .collect();
        involved.sort_unstable();
        involved.dedup();
        let checks = involved
            .into_iter()
            .filter_map(|k| {
                let terms: Vec<(usize, usize)> = report.checks[k]
                    .relation
                    .cells()
                    .into_iter()
                    .filter_map(|x| Some((x, column_of(x)?)))
                    .collect();
                (!terms.is_empty()).then_some((k, terms))
            })
            .collect();
        Prediction {
            checks,
            cells: row.cells.clone(),
        }
    }

    /// How many failed checks the reading (a column per cell of the row) no longer fails.
    /// `values` are the report's figures; the ones a check's terms take are changed for it and
    /// put back.
    fn fixed(&self, report: &FilingReport, reading: &[usize], values: &mut [Amount]) -> usize {
        let mut fixed = 0;
        let mut saved: Vec<(usize, Amount)> = Vec::new();
        for (k, terms) in &self.checks {
            let mut readable = true;
            for &(x, col) in terms {
                // A figure moved into a cell keeps the cell's precision (a changed one kept it).
                let precision = values[x].precision();
                let moved = reading
                    .iter()
                    .position(|&c| c == col)
                    .and_then(|j| self.cells.get(j)?.amount(precision));
                saved.push((x, values[x]));
                match moved {
                    Some(a) => values[x] = a,
                    None => readable = false,
                }
            }
            if !readable || !report.checks[*k].relation.evaluate(values).failed() {
                fixed += 1;
            }
            for (x, v) in saved.drain(..).rev() {
                values[x] = v;
            }
        }
        fixed
    }
}

fn realigned_suspects(
    filing: &Filing,
    layouts: &[crate::bind::Layout],
    (ti, ri, k): (usize, usize, usize),
    bound: &BoundCells,
    after: &FilingReport,
) -> Vec<Suspect> {
    let table = &filing.tables[ti];
    let row = &table.rows[ri];
    let old = bound.of_row(row);
    let new = &row.readings[k];
    let mut out = Vec::new();
    for (c, col) in table.columns.iter().enumerate() {
        let label = crate::bind::ColumnKey {
            period: col.period,
            currency: col.currency.clone(),
        }
        .label();
        let reported = old
            .iter()
            .find(|(cc, _)| *cc == c)
            .map(|(_, i)| crate::bind::cell_value_text(&row.cells[*i]))
            .unwrap_or_default();
        let suggested = match new.iter().position(|&cc| cc == c) {
            Some(i) => crate::bind::cell_value_text(&row.cells[i]),
            None => implied_value(after, layouts, row, &label)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        };
        if reported != suggested {
            out.push(Suspect {
                line: row.location.line,
                label: row.label.clone(),
                column: label,
                reported,
                suggested,
                pattern: String::new(),
            });
        }
    }
    out
}

/// Where a report's statements print each cell: the statements with a slot on it (once a slot,
/// in statement and slot order), and each statement's column in its group. Made once, so that
/// finding how a row was bound costs its cells, not the filing.
struct BoundCells {
    /// ((line, column), statement) for each slot with a cell, by place (then statement).
    at: Vec<((u32, u32), usize)>,
    /// Each statement's index within its group (statements of a group are bound in column order).
    column: Vec<usize>,
}

impl BoundCells {
    fn new(report: &FilingReport) -> BoundCells {
        let mut at = Vec::new();
        let mut first: FxMap<usize, usize> = FxMap::default();
        let mut column = Vec::with_capacity(report.bound.len());
        for (si, s) in report.bound.iter().enumerate() {
            column.push(si - *first.entry(s.group).or_insert(si));
            for slot in &s.slots {
                if let Some(c) = slot.cell() {
                    at.push(((c.line, c.col), si));
                }
            }
        }
        // Stable: a place's statements stay in statement order.
        at.sort_by_key(|&(place, _)| place);
        BoundCells { at, column }
    }

    /// (column, cell index in the row) pairs as the report bound them.
    fn of_row(&self, row: &crate::read::Row) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let place = (cell.location.line, cell.location.column);
            let from = self.at.partition_point(|&(p, _)| p < place);
            for &(_, si) in self.at[from..].iter().take_while(|&&(p, _)| p == place) {
                out.push((self.column[si], i));
            }
        }
        out
    }
}

/// The value a footing implies for the row's line in the column, when that line has no value
/// there: the total minus the other components.
fn implied_value(
    after: &FilingReport,
    layouts: &[crate::bind::Layout],
    row: &crate::read::Row,
    column: &str,
) -> Option<Decimal> {
    let damaged_here = |sl: &crate::bind::Slot| matches!(sl, crate::bind::Slot::Damaged { location } if location.line == row.location.line);
    let stmt = after
        .bound
        .iter()
        .find(|s| s.column.label() == column && s.slots.iter().any(damaged_here))?;
    let line = stmt.slots.iter().position(damaged_here)?;
    let schema = layouts.get(stmt.layout)?.schema;
    // Six months = first + second quarter, when both quarters are printed.
    if let crate::read::Period::Duration { months: 6, end } = stmt.column.period {
        let quarter = |end: crate::read::Date| {
            after.bound.iter().find(|s| {
                s.group == stmt.group
                    && s.column.currency == stmt.column.currency
                    && s.column.period == crate::read::Period::Duration { months: 3, end }
            })
        };
        if let (Some(q1), Some(q2)) = (quarter(end.months_before(3)), quarter(end))
            && let (Some(a), Some(b)) = (q1.slots[line].amount(), q2.slots[line].amount())
        {
            return a.value().checked_add(b.value());
        }
    }
    for (ti, total) in schema.lines.iter().enumerate() {
        let Some(f) = total.formula else { continue };
        let Some(w) = f.iter().find(|t| t.line == line).map(|t| t.weight) else {
            continue;
        };
        let mut rest = stmt.slots[ti].amount()?.value();
        let mut ok = true;
        for t in f.iter().filter(|t| t.line != line) {
            match stmt.slots[t.line].amount() {
                Some(a) => match a
                    .value()
                    .checked_mul(Decimal::from(t.weight))
                    .and_then(|x| rest.checked_sub(x))
                {
                    Some(r) => rest = r,
                    None => ok = false,
                },
                None if schema.lines[t.line].optional => {}
                None => ok = false,
            }
        }
        if ok {
            return rest.checked_div(Decimal::from(w));
        }
    }
    None
}

/// Step 2 and 3: cell corrections, followed up through totals, chosen greedily.
///
/// Failures that share no figure through the checks are independent: the candidates of each
/// component of the checks (linked by shared cells) are computed once and again only after a
/// repair is chosen in that component, so the work grows with the failures, not their square.
/// The choice is the same as over all candidates at once: the best key anywhere, then the
/// lowest cell.
fn cell_repairs(
    report: &FilingReport,
    remaining: &mut BTreeSet<usize>,
    spend: &mut Spend,
) -> Vec<Explanation> {
    let mut out = Vec::new();
    let mut values = report.values();
    let by_cell = ByCell::new(report);
    let copies = Copies::new(report);
    let component = components(report, &by_cell);
    let mut comps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &f in remaining.iter() {
        comps.entry(component[f]).or_default().insert(f);
    }
    // Most failures explained, fewest cells changed, every touched check exact rather than
    // merely within rounding, then a recognised damage pattern.
    let key = |r: &Repair| {
        (
            r.fixes.len(),
            std::cmp::Reverse(r.changes.len()),
            std::cmp::Reverse(r.inexact),
            r.score,
        )
    };
    // Each component's candidates, and a queue of (its best key, its lowest cell among them,
    // component): the last entry is the component the choice over all candidates falls in.
    let mut cands: FxMap<usize, Vec<Repair>> = FxMap::default();
    let mut queue = BTreeSet::new();
    let best_of = |v: &[Repair]| {
        let k = v.iter().map(key).max()?;
        let cell = v.iter().filter(|r| key(r) == k).map(|r| r.changes[0].0).min()?;
        Some((k, std::cmp::Reverse(cell)))
    };
    let mut exhausted = false;
    let mut tries_of: FxMap<usize, Tries> = FxMap::default();
    let mut todo: Vec<usize> = comps.keys().copied().collect();
    'rounds: while !remaining.is_empty() {
        for c in todo.drain(..) {
            let Some(fails) = comps.get(&c).filter(|f| !f.is_empty()) else {
                continue;
            };
            match candidates(
                report,
                &by_cell,
                &copies,
                &mut values,
                fails,
                spend,
                &mut tries_of,
            ) {
                Some(v) => {
                    if let Some((k, cell)) = best_of(&v) {
                        queue.insert((k, cell, c));
                    }
                    cands.insert(c, v);
                }
                None => {
                    exhausted = true;
                    break 'rounds;
                }
            }
        }
        let Some((best_key, _, comp)) = queue.pop_last() else {
            break;
        };
        todo.push(comp);
        let candidates = cands.remove(&comp).unwrap_or_default();
        let mut best: Vec<Repair> = candidates.into_iter().filter(|r| key(r) == best_key).collect();
        // One alternative per cell.
        best.sort_by_key(|r| r.changes[0].0);
        best.dedup_by_key(|r| r.changes[0].0);
        // Alternatives that repair the same checks are one ambiguous root cause.
        let fixes = best[0].fixes.clone();
        let mut group: Vec<Repair> = best.into_iter().filter(|r| r.fixes == fixes).collect();
        // A line's figures keep their sign across its columns: of sign flips that fit equally, the
        // one whose figure is the odd sign out in its row is the flip.
        if group.len() > 1 && group.iter().all(|r| r.pattern == "sign_flip") {
            let odd: Vec<usize> = (0..group.len())
                .filter(|&i| odd_sign_in_row(report, group[i].changes[0].0))
                .collect();
            if let [i] = odd[..] {
                group = vec![group.swap_remove(i)];
            }
        }
        let ambiguous = group.len() > 1;
        if !ambiguous {
            for &(c, v) in &group[0].changes {
                values[c] = v;
                // The failures printing the figure try other values now.
                for k in by_cell.of(c) {
                    tries_of.remove(k);
                }
            }
        }
        for f in &fixes {
            remaining.remove(f);
            if let Some(set) = comps.get_mut(&comp) {
                set.remove(f);
            }
        }
        out.push(describe(report, &group, fixes.into_iter().collect(), ambiguous));
    }
    if exhausted && let Some(&first) = remaining.iter().next() {
        let line = report.checks[first]
            .relation
            .cells()
            .first()
            .map_or(0, |&c| report.cells[c].cell.line);
        out.push(budget_reached(format!(
            "line {line}: explanation budget reached: {} candidate repairs tried; {} failed check{} left \
             unexplained from here on",
            spend.tried,
            remaining.len(),
            if remaining.len() == 1 { "" } else { "s" }
        )));
    }
    out
}

/// The candidate repairs of one component's failures; None when the budget runs out.
#[allow(clippy::too_many_arguments)]
fn candidates(
    report: &FilingReport,
    by_cell: &ByCell,
    copies: &Copies<'_>,
    values: &mut [Amount],
    fails: &BTreeSet<usize>,
    spend: &mut Spend,
    tries_of: &mut FxMap<usize, Tries>,
) -> Option<Vec<Repair>> {
    let mut out = Vec::new();
    let mut seen: FxMap<(usize, Decimal), ()> = FxMap::default();
    for &f in fails {
        let tries = tries_of
            .entry(f)
            .or_insert_with(|| values_to_try(&report.checks[f].relation, values));
        for (c, tries) in tries.iter() {
            let c = *c;
            for &v in tries {
                if v == values[c] || seen.insert((c, v.value()), ()).is_some() {
                    continue;
                }
                if spend.repairs == 0 {
                    return None;
                }
                spend.repairs -= 1;
                spend.tried += 1;
                if let Some(r) = try_repair(report, by_cell, copies, values, fails, c, v) {
                    out.push(r);
                }
            }
        }
    }
    Some(out)
}

/// A failed check's values to try, by cell: read from its own figures only, so kept until one
/// of them changes.
type Tries = Vec<(usize, Vec<Amount>)>;

/// For each cell of a failed check, the exact solution and the values the damage models derive
/// from the printed figure (sign flip, transpositions, one digit changed) that make the check
/// hold. `values` is changed while trying and restored.
fn values_to_try(relation: &Relation, values: &mut [Amount]) -> Tries {
    let mut out = Vec::new();
    for c in relation.each_cell() {
        let Some(v) = solve(relation, c, values) else {
            continue;
        };
        let mut tries = vec![v];
        let printed = values[c];
        for x in model_values(printed, window(relation, c, values)) {
            values[c] = x;
            if relation.evaluate_raw(values).holds() {
                tries.push(x);
            }
        }
        values[c] = printed;
        out.push((c, tries));
    }
    out
}

/// For each check, its component: checks sharing a cell are in one component.
fn components(report: &FilingReport, by_cell: &ByCell) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..report.checks.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for checks in by_cell.all() {
        if let Some((&first, rest)) = checks.split_first() {
            for &k in rest {
                let (a, b) = (find(&mut parent, first), find(&mut parent, k));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..parent.len()).map(|x| find(&mut parent, x)).collect()
}

/// A figure's value as a cheap key: equal for numerically equal figures (`1.0` and `1.00`).
fn figure_key(d: Decimal) -> (i128, u32) {
    let n = d.normalize();
    (n.mantissa(), n.scale())
}

/// The report's cells by figure (to name a copy without a scan), made when first asked for:
/// one sorted list of (figure's key, cell), whatever the number of distinct figures. Keys that
/// fit are packed into 64 bits (a cheaper sort); the few others are kept whole apart.
struct Copies<'r> {
    report: &'r FilingReport,
    sorted: std::cell::OnceCell<ByFigure>,
}

/// The cells by packed figure key, and by whole key for the figures that do not pack.
type ByFigure = (Vec<(u64, usize)>, Vec<((i128, u32), usize)>);

/// A figure's key ([`figure_key`]) in 64 bits, when its mantissa is below 2^57 in magnitude and
/// its scale below 32: distinct keys stay distinct.
fn packed(key: (i128, u32)) -> Option<u64> {
    let (m, s) = key;
    (m.unsigned_abs() < 1 << 57 && s < 32).then(|| ((m as i64 as u64) << 5) | u64::from(s))
}

impl<'r> Copies<'r> {
    fn new(report: &'r FilingReport) -> Copies<'r> {
        Copies {
            report,
            sorted: std::cell::OnceCell::new(),
        }
    }

    /// The cells printing `value`, in cell order.
    fn of(&self, value: Decimal) -> impl Iterator<Item = usize> + '_ {
        let (small, large) = self.sorted.get_or_init(|| {
            let mut small: Vec<(u64, usize)> = Vec::with_capacity(self.report.cells.len());
            let mut large: Vec<((i128, u32), usize)> = Vec::new();
            for (i, c) in self.report.cells.iter().enumerate() {
                let key = figure_key(c.amount.value());
                match packed(key) {
                    Some(p) => small.push((p, i)),
                    None => large.push((key, i)),
                }
            }
            small.sort_unstable();
            large.sort_unstable();
            (small, large)
        });
        let key = figure_key(value);
        let (a, b) = match packed(key) {
            Some(p) => {
                let start = small.partition_point(|&(k, _)| k < p);
                let n = small[start..].iter().take_while(|&&(k, _)| k == p).count();
                (&small[start..start + n], &[][..])
            }
            None => {
                let start = large.partition_point(|&(k, _)| k < key);
                let n = large[start..].iter().take_while(|&&(k, _)| k == key).count();
                (&[][..], &large[start..start + n])
            }
        };
        a.iter().map(|&(_, i)| i).chain(b.iter().map(|&(_, i)| i))
    }
}

/// For each cell of the report, the readable checks involving it, in check order (a check
/// twice when it involves the cell twice), in one flat list.
struct ByCell {
    /// Where each cell's checks start in `checks`; one more entry than cells.
    start: Vec<usize>,
    checks: Vec<usize>,
}

impl ByCell {
    fn new(report: &FilingReport) -> ByCell {
        let readable = report
            .checks
            .iter()
            .enumerate()
            .filter(|(_, c)| !matches!(c.relation, Relation::Unreadable { .. }));
        // The checks are read once (each relation's cells are a pointer away): the pairs are
        // then placed by cell.
        let mut start = vec![0usize; report.cells.len() + 1];
        let mut pairs = Vec::with_capacity(3 * report.checks.len());
        for (i, c) in readable {
            for cell in c.relation.each_cell() {
                start[cell + 1] += 1;
                pairs.push((cell as u32, i as u32));
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut checks = vec![0usize; start[start.len() - 1]];
        for (cell, i) in pairs {
            let cell = cell as usize;
            checks[next[cell]] = i as usize;
            next[cell] += 1;
        }
        ByCell { start, checks }
    }

    /// The checks involving `cell`.
    fn of(&self, cell: usize) -> &[usize] {
        &self.checks[self.start[cell]..self.start[cell + 1]]
    }

    /// Every cell's checks, in cell order.
    fn all(&self) -> impl Iterator<Item = &[usize]> {
        self.start.windows(2).map(|w| &self.checks[w[0]..w[1]])
    }
}

/// The value of `cell` that makes `relation` hold exactly, rounded to the cell's precision.
fn solve(relation: &Relation, cell: usize, values: &[Amount]) -> Option<Amount> {
    let a = values[cell];
    let round = |d: Decimal| {
        Amount::new(
            d.round_dp_with_strategy(
                a.precision().decimals,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            ),
            a.precision(),
        )
    };
    // Σ coef·value over the terms that are not `cell`; None on overflow.
    let sum_without = |terms: &[(Decimal, usize)]| {
        terms
            .iter()
            .filter(|t| t.1 != cell)
            .try_fold(Decimal::ZERO, |acc, (c, i)| {
                acc.checked_add(c.checked_mul(values[*i].value())?)
            })
    };
    match relation {
        Relation::Linear { terms, .. } => {
            let coef = terms
                .iter()
                .filter(|t| t.1 == cell)
                .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.0))?;
            if coef.is_zero() {
                return None;
            }
            Some(round((-sum_without(terms)?).checked_div(coef)?))
        }
        Relation::Ratio {
            result,
            numerator,
            denominator,
            scale,
        } => {
            let d = values[*denominator].value();
            if cell == *result {
                let n = sum_without(numerator)?;
                Some(round(n.checked_div(d)?.checked_mul(*scale)?))
            } else if cell == *denominator {
                let n = sum_without(numerator)?;
                Some(round(
                    n.checked_mul(*scale)?.checked_div(values[*result].value())?,
                ))
            } else {
                let (c, _) = numerator.iter().find(|t| t.1 == cell)?;
                let rest = sum_without(numerator)?;
                let target = values[*result].value().checked_mul(d)?.checked_div(*scale)?;
                Some(round(target.checked_sub(rest)?.checked_div(*c)?))
            }
        }
        Relation::Unreadable { .. } => None,
    }
}

/// Whether the cell's figure has the opposite sign of every other non-zero figure of its row.
fn odd_sign_in_row(report: &FilingReport, cell: usize) -> bool {
    let me = &report.cells[cell];
    let sign = me.amount.value().is_sign_negative();
    let mut others = report
        .cells
        .iter()
        .filter(|c| c.cell.line == me.cell.line && c.cell.label == me.cell.label && c.cell.col != me.cell.col)
        .filter(|c| !c.amount.value().is_zero())
        .peekable();
    others.peek().is_some() && others.all(|c| c.amount.value().is_sign_negative() != sign)
}

/// Tries `cell := value`; follows the error up into totals the cell is a component of. `vals`
/// is changed while trying and restored before returning.
fn try_repair(
    report: &FilingReport,
    by_cell: &ByCell,
    copies: &Copies<'_>,
    vals: &mut [Amount],
    remaining: &BTreeSet<usize>,
    cell: usize,
    value: Amount,
) -> Option<Repair> {
    let mut saved = Vec::new();
    let r = try_repair_in(report, by_cell, copies, vals, remaining, cell, value, &mut saved);
    for (c, v) in saved.into_iter().rev() {
        vals[c] = v;
    }
    r
}

#[allow(clippy::too_many_arguments)]
fn try_repair_in(
    report: &FilingReport,
    by_cell: &ByCell,
    copies: &Copies<'_>,
    vals: &mut [Amount],
    remaining: &BTreeSet<usize>,
    cell: usize,
    value: Amount,
    saved: &mut Vec<(usize, Amount)>,
) -> Option<Repair> {
    let printed = vals[cell];
    let mut changes = vec![(cell, value)];
    saved.push((cell, vals[cell]));
    vals[cell] = value;
    let mut frontier = vec![cell];
    let mut depth = 0;
    while let Some(c) = frontier.pop() {
        for &k in by_cell.of(c) {
            let v = report.checks[k].relation.evaluate_raw(vals);
            if v.holds() || remaining.contains(&k) {
                continue;
            }
            // A holding check broken by the change: follow into its reported (total) cell when the
            // changed cell is a component of it.
            let Relation::Linear { terms, .. } = &report.checks[k].relation else {
                return None;
            };
            let total = terms[0].1;
            if total == c || changes.iter().any(|(x, _)| *x == total) || depth > 6 {
                return None;
            }
            let nv = solve(&report.checks[k].relation, total, vals)?;
            saved.push((total, vals[total]));
            vals[total] = nv;
            changes.push((total, nv));
            frontier.push(total);
            depth += 1;
        }
    }
    // Every check touching a changed cell must hold now (each evaluated once).
    let mut touched: Vec<usize> = changes
        .iter()
        .flat_map(|(c, _)| by_cell.of(*c).iter().copied())
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let mut inexact = 0;
    for &k in &touched {
        match report.checks[k].relation.evaluate_raw(vals) {
            crate::check::Verdict::Exact => {}
            v if v.holds() => inexact += 1,
            _ => return None,
        }
    }
    let fixes: BTreeSet<usize> = touched
        .iter()
        .copied()
        .filter(|k| remaining.contains(k))
        .collect();
    if fixes.is_empty() {
        return None;
    }
    let (pattern, score) = pattern(report, copies, cell, printed, value);
    Some(Repair {
        changes,
        fixes,
        pattern,
        score,
        inexact,
    })
}

/// Names how `reported` may have come from `suggested`.
fn pattern(
    report: &FilingReport,
    copies: &Copies<'_>,
    cell: usize,
    reported: Amount,
    suggested: Amount,
) -> (String, u8) {
    let (r, s) = (reported.value(), suggested.value());
    if report.cells[cell].cell.column == "narrative" {
        return ("narrative_disagrees_with_table".into(), 1);
    }
    if r == -s && !r.is_zero() {
        return ("sign_flip".into(), 3);
    }
    let (rd, sd) = (digits(r), digits(s));
    if r.is_sign_negative() == s.is_sign_negative() && rd.len() == sd.len() {
        let diff: Vec<usize> = (0..rd.len()).filter(|&i| rd[i] != sd[i]).collect();
        if diff.len() == 1 {
            return ("digit_typo".into(), 2);
        }
        if diff.len() == 2
            && diff[1] == diff[0] + 1
            && rd[diff[0]] == sd[diff[1]]
            && rd[diff[1]] == sd[diff[0]]
        {
            return ("transposition".into(), 2);
        }
    }
    let me = &report.cells[cell].cell;
    let copied = copies
        .of(r)
        .map(|i| (i, &report.cells[i]))
        .filter(|(i, c)| {
            // Zeros and figures of another scale are no evidence of a copy.
            *i != cell
                && !r.is_zero()
                && c.amount.value() == r
                && c.amount.precision() == reported.precision()
                && !(c.cell.line == me.line && c.cell.col == me.col)
        })
        // Another row's figure first: equal figures across the periods of one row are common
        // (goodwill), so a copy within the row is weaker evidence.
        .min_by_key(|(_, c)| {
            (
                c.cell.label == me.label,
                c.cell.line.abs_diff(me.line),
                c.cell.col.abs_diff(me.col),
            )
        });
    if let Some((_, c)) = copied {
        let score = if c.cell.label == me.label { 1 } else { 3 };
        return (
            format!(
                "copied_from line {} ({}, {})",
                c.cell.line, c.cell.label, c.cell.column
            ),
            score,
        );
    }
    ("wrong_value".into(), 0)
}

/// The values of `cell` that could make a linear relation hold, as an interval of mantissas at
/// the scale of its printed figure: a value outside it leaves the relation's sum further from
/// zero than the rounding of all its terms allows, so it cannot hold (see
/// [`crate::check::Relation::evaluate`]). Generous by the interval's own width; None when the
/// relation is not linear or the arithmetic overflows (every value is then tried).
fn window(relation: &Relation, cell: usize, values: &[Amount]) -> Option<(i128, i128)> {
    let Relation::Linear { terms, slack } = relation else {
        return None;
    };
    let mut coef = Decimal::ZERO;
    let mut rest = Decimal::ZERO;
    let mut room = *slack;
    for &(c, i) in terms {
        room = room.checked_add(c.abs().checked_mul(values[i].precision().half_width())?)?;
        if i == cell {
            coef = coef.checked_add(c)?;
        } else {
            rest = rest.checked_add(c.checked_mul(values[i].value())?)?;
        }
    }
    if coef.is_zero() {
        return None;
    }
    let centre = (-rest).checked_div(coef)?;
    // Twice the room, and one unit of the printed figure, cover the division's rounding.
    let width = room.checked_div(coef.abs())?.checked_mul(Decimal::TWO)?;
    let scale = values[cell].value().scale();
    let unit = Decimal::new(1, scale);
    let to_mantissa = |d: Decimal| -> Option<i128> {
        let m = d.checked_mul(Decimal::from_i128_with_scale(10i128.checked_pow(scale)?, 0))?;
        let mut whole = m.trunc();
        whole.rescale(0);
        Some(whole.mantissa())
    };
    let lo = to_mantissa(centre.checked_sub(width)?.checked_sub(unit)?)?;
    let hi = to_mantissa(centre.checked_add(width)?.checked_add(unit)?)?;
    Some((lo.checked_sub(1)?, hi.checked_add(1)?))
}

/// The values a printed figure may have had before the damage models changed it: its opposite,
/// each adjacent transposition of its digits, each single-digit change, in that order (as its
/// digits are printed, left to right), and only those within `window` (mantissas at the figure's
/// scale) when one is given. Computed on the figure's mantissa, digit by digit as printed: a
/// figure of scale `s` prints at least `s + 1` digits (`0.05`), and no transposition crosses its
/// point.
fn model_values(printed: Amount, window: Option<(i128, i128)>) -> Vec<Amount> {
    let v = printed.value();
    let mut out = vec![Amount::new(-v, printed.precision())];
    let scale = v.scale();
    let magnitude = v.mantissa().unsigned_abs();
    // The printed digits, most significant first.
    let mut digits: Vec<u8> = Vec::with_capacity(30);
    let mut rest = magnitude;
    while rest > 0 || digits.len() <= scale as usize {
        digits.push((rest % 10) as u8);
        rest /= 10;
    }
    digits.reverse();
    let printed_len = digits.len() + usize::from(scale > 0);
    if printed_len > 24 {
        return out;
    }
    let n = digits.len();
    // The power of ten of digit `i`.
    let power = |i: usize| -> Option<u128> { 10u128.checked_pow(u32::try_from(n - 1 - i).ok()?) };
    let negative = v.is_sign_negative();
    let mut push = |m: u128| {
        let Ok(signed) = i128::try_from(m) else { return };
        if let Some((lo, hi)) = window {
            let s = if negative { -signed } else { signed };
            if s < lo || s > hi {
                return;
            }
        }
        let x = Decimal::from_i128_with_scale(signed, scale);
        let x = if negative { -x } else { x };
        if x != v {
            out.push(Amount::new(x, printed.precision()));
        }
    };
    // Adjacent digits on one side of the point.
    for i in 0..n.saturating_sub(1) {
        let crosses_point = scale > 0 && n - 1 - i == scale as usize;
        let (a, b) = (digits[i], digits[i + 1]);
        if crosses_point || a == b {
            continue;
        }
        let Some(p) = power(i + 1) else { continue };
        // Swapped: `b` at the higher digit, `a` at the lower.
        let m = magnitude + u128::from(b) * 10 * p + u128::from(a) * p;
        push(m - u128::from(a) * 10 * p - u128::from(b) * p);
    }
    for (i, &digit) in digits.iter().enumerate() {
        let Some(p) = power(i) else { continue };
        for d in 0..=9u8 {
            if d != digit && !(i == 0 && d == 0 && printed_len > 1) {
                push(magnitude + u128::from(d) * p - u128::from(digit) * p);
            }
        }
    }
    out
}

fn digits(d: Decimal) -> Vec<u8> {
    d.abs()
        .normalize()
        .to_string()
        .bytes()
        .filter(u8::is_ascii_digit)
        .collect()
}

fn describe(report: &FilingReport, group: &[Repair], checks: Vec<usize>, ambiguous: bool) -> Explanation {
    let suspect = |c: usize, v: Amount, pattern: &str| {
        let cell = &report.cells[c];
        Suspect {
            line: cell.cell.line,
            label: cell.cell.label.to_string(),
            column: cell.cell.column.to_string(),
            reported: cell.amount.value().to_string(),
            suggested: v.value().normalize().to_string(),
            pattern: pattern.to_string(),
        }
    };
    let mut suspects = Vec::new();
    let mut details = Vec::new();
    for r in group {
        let (root, rv) = r.changes[0];
        suspects.push(suspect(root, rv, &r.pattern));
        let rc = &report.cells[root].cell;
        for &(c, v) in &r.changes[1..] {
            let from = format!("propagated_from line {}", rc.line);
            suspects.push(suspect(c, v, &from));
            let cell = &report.cells[c];
            details.push(format!(
                "carried into line {} `{}` [{}]: printed {}, consistent value {}",
                cell.cell.line,
                cell.cell.label,
                cell.cell.column,
                printed(&cell.amount.value()),
                printed(&v.value())
            ));
        }
    }
    let n = checks.len();
    let summary = if ambiguous {
        let alts: Vec<String> = group
            .iter()
            .map(|r| {
                let c = &report.cells[r.changes[0].0];
                format!("line {} `{}` [{}]", c.cell.line, c.cell.label, c.cell.column)
            })
            .collect();
        format!(
            "{n} failed check{} can be repaired by correcting any one of {}: the text cannot decide",
            if n == 1 { "" } else { "s" },
            alts.join(", ")
        )
    } else {
        let (root, rv) = group[0].changes[0];
        let c = &report.cells[root];
        format!(
            "line {} `{}` [{}] is printed {} where the other figures give {} ({}); this explains {n} failed check{}",
            c.cell.line,
            c.cell.label,
            c.cell.column,
            printed(&c.amount.value()),
            printed(&rv.value()),
            group[0].pattern.replace('_', " "),
            if n == 1 { "" } else { "s" }
        )
    };
    Explanation {
        summary,
        details,
        checks,
        suspects,
        ambiguous,
        budget_reached: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::{Precision, Scale};

    /// The damage models on the printed text, as they were first written: the reference the
    /// digit arithmetic of [`model_values`] must agree with.
    fn model_values_by_text(printed: Amount) -> Vec<Amount> {
        let v = printed.value();
        let mut out = vec![Amount::new(-v, printed.precision())];
        let text = v.abs().to_string();
        if text.len() > 24 {
            return out;
        }
        let bytes = text.as_bytes();
        let mut push = |b: &[u8]| {
            if let Ok(t) = std::str::from_utf8(b)
                && let Ok(x) = t.parse::<Decimal>()
            {
                let x = if v.is_sign_negative() { -x } else { x };
                if x != v {
                    out.push(Amount::new(x, printed.precision()));
                }
            }
        };
        for i in 0..bytes.len().saturating_sub(1) {
            if bytes[i].is_ascii_digit() && bytes[i + 1].is_ascii_digit() && bytes[i] != bytes[i + 1] {
                let mut b = bytes.to_vec();
                b.swap(i, i + 1);
                push(&b);
            }
        }
        for i in 0..bytes.len() {
            if !bytes[i].is_ascii_digit() {
                continue;
            }
            for d in b'0'..=b'9' {
                if d != bytes[i] && !(i == 0 && d == b'0' && bytes.len() > 1) {
                    let mut b = bytes.to_vec();
                    b[i] = d;
                    push(&b);
                }
            }
        }
        out
    }

    /// Each value with its scale and sign, as printed.
    fn shown(values: &[Amount]) -> Vec<String> {
        values.iter().map(|a| format!("{:?}", a.value())).collect()
    }

    #[test]
    fn damage_models_of_a_printed_figure() {
        let p = Precision::new(Scale::Thousands, 0);
        let got = shown(&model_values(Amount::new(Decimal::new(-120, 0), p), None));
        // Opposite; transpositions 210, 102; then each digit changed, left to right.
        assert_eq!(got[..4], ["120", "-210", "-102", "-220"]);
        assert_eq!(got.len(), 1 + 2 + 8 + 9 + 9);
        // Only the values within a window (of mantissas) are given, the opposite always first.
        let near = shown(&model_values(
            Amount::new(Decimal::new(-120, 0), p),
            Some((-130, -100)),
        ));
        assert_eq!(
            near,
            [
                "120", "-102", "-100", "-110", "-130", "-121", "-122", "-123", "-124", "-125", "-126",
                "-127", "-128", "-129"
            ]
        );
    }

    proptest::proptest! {
        /// The digit arithmetic gives the values the text edits give, in the same order.
        #[test]
        fn damage_models_agree_with_editing_the_text(m in -100_000_000_000i64..100_000_000_000, scale in 0u32..4) {
            let printed = Amount::new(Decimal::new(m, scale), Precision::new(Scale::Thousands, scale));
            proptest::prop_assert_eq!(shown(&model_values(printed, None)), shown(&model_values_by_text(printed)));
        }

        /// A damage model outside a relation's window never makes it hold: the window drops
        /// only values the full evaluation would reject.
        #[test]
        fn the_window_drops_no_value_that_holds(
            figures in proptest::collection::vec((proptest::bool::ANY, -1_000_000i64..1_000_000), 2..6),
            cell in 0usize..6,
            decimals in 0u32..2,
            slack in 0i64..3,
            typo in 0usize..64,
        ) {
            let p = Precision::new(Scale::Thousands, decimals);
            let mut terms = Vec::new();
            let mut values = Vec::new();
            let mut sum = 0i64;
            for (i, &(negative, m)) in figures.iter().enumerate() {
                let c = if negative { Decimal::NEGATIVE_ONE } else { Decimal::ONE };
                terms.push((c, i + 1));
                values.push(Amount::new(Decimal::new(m, decimals), p));
                sum += if negative { -m } else { m };
            }
            // A total that foots, then damaged by one of its damage models.
            values.insert(0, Amount::new(Decimal::new(sum, decimals), p));
            terms.insert(0, (Decimal::NEGATIVE_ONE, 0));
            let all = model_values(values[0], None);
            values[0] = all[typo % all.len()];
            let relation = Relation::Linear { terms: terms.into(), slack: Decimal::new(slack, 1) };
            let cell = cell % values.len();
            let holding = |xs: Vec<Amount>| {
                let mut vals = values.clone();
                xs.into_iter()
                    .filter(|&x| {
                        vals[cell] = x;
                        relation.evaluate_raw(&vals).holds()
                    })
                    .map(|x| format!("{:?}", x.value()))
                    .collect::<Vec<_>>()
            };
            let windowed = model_values(values[cell], window(&relation, cell, &values));
            proptest::prop_assert_eq!(holding(windowed), holding(model_values(values[cell], None)));
        }
    }
}
