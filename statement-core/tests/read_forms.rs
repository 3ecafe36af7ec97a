//! `statement_core::read` on filings in the forms people receive them: SEC HTML (Apple's 10-Q and
//! 10-K, Buckle's 8-K exhibit), pipe tables (PDD, Deluxe), one cell per line (Paltalk) and a
//! release whose tables collapsed onto single lines (Forian). Files in `tests/data/others/`,
//! copied unchanged from the development corpus.

mod common;

use std::sync::LazyLock;

use common::{cells, cols, row, titled, values};

use statement_core::Scale;
use statement_core::read::{DamageKind, Filing, Period, Table, read};

fn load(name: &str) -> Filing {
    common::load("others", name)
}

static APPLE_10Q: LazyLock<Filing> = LazyLock::new(|| load("apple-2024-q3-form-10-q.html"));
static APPLE_10K: LazyLock<Filing> = LazyLock::new(|| load("apple-2024-form-10-k.html"));
static BUCKLE: LazyLock<Filing> = LazyLock::new(|| load("buckle-2024-q3-press-release.html"));

// ---------------------------------------------------------------------------------------------
// Every file of the corpus.

#[test]
fn every_corpus_file_reads() {
    let dir = format!("{}/tests/data/others", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    for name in names {
        let f = load(&name);
        assert!(!f.paragraphs.is_empty(), "{name}: no narrative");
        for t in &f.tables {
            for r in &t.rows {
                for c in &r.cells {
                    assert!(c.location.line >= 1 && c.location.column >= 1, "{name}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTML: Apple 10-Q and 10-K (inline XBRL), Buckle (8-K exhibit).

#[test]
fn apple_10q_statements_located() {
    let f = &*APPLE_10Q;
    let ops = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS");
    assert_eq!(
        cols(ops),
        [
            "D3 2024-06-29 $",
            "D3 2023-07-01 $",
            "D9 2024-06-29 $",
            "D9 2023-07-01 $"
        ]
    );
    assert_eq!(ops.precision.scale, Scale::Millions);
    let bs = titled(f, "CONDENSED CONSOLIDATED BALANCE SHEETS");
    assert_eq!(cols(bs), ["I 2024-06-29 $", "I 2023-09-30 $"]);
    assert_eq!(
        bs.unit_line.as_deref(),
        Some("(In millions, except number of shares, which are reflected in thousands, and par value)")
    );
    let cf = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS");
    assert_eq!(cols(cf), ["D9 2024-06-29 $", "D9 2023-07-01 $"]);
    let ci = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME");
    assert_eq!(ci.columns.len(), 4);
    let eq = titled(
        f,
        "CONDENSED CONSOLIDATED STATEMENTS OF SHAREHOLDERS\u{2019} EQUITY",
    );
    assert_eq!(eq.columns.len(), 4);
}

#[test]
fn apple_10q_balance_sheet_cells() {
    let bs = titled(&APPLE_10Q, "CONDENSED CONSOLIDATED BALANCE SHEETS");
    // `$` in a cell of its own, `&#160;` after the figure, inside `<ix:nonFraction>`.
    let cash = row(bs, 4604, "Cash and cash equivalents");
    assert_eq!(cells(cash), ["$25,565@4611:13#0", "$29,965@4620:13#1"]);
    assert_eq!(values(cash), ["25565", "29965"]);
    let total = row(bs, 4831, "Total assets");
    assert_eq!(values(total), ["331612", "352583"]);
    assert_eq!(
        values(row(bs, 4722, "Total current assets")),
        ["125435", "143566"]
    );
    assert_eq!(
        values(row(bs, 5224, "Total liabilities and shareholders\u{2019} equity")),
        ["331612", "352583"]
    );
    // A section heading is a row without cells; money rows have the table's scale.
    assert!(row(bs, 4596, "Current assets:").cells.is_empty());
    assert_eq!(total.scale, None);
}

#[test]
fn apple_10k_income_statement_cells() {
    let f = &*APPLE_10K;
    let ops = titled(f, "CONSOLIDATED STATEMENTS OF OPERATIONS");
    assert_eq!(
        cols(ops),
        ["D12 2024-09-28 $", "D12 2023-09-30 $", "D12 2022-09-24 $"]
    );
    assert_eq!(ops.precision.scale, Scale::Millions);
    assert_eq!(
        cells(row(ops, 7418, "Products")),
        ["$294,866@7424:13#0", "$298,085@7434:13#1", "$316,199@7444:13#2"]
    );
    assert_eq!(
        values(row(ops, 7480, "Total net sales")),
        ["391035", "383285", "394328"]
    );
    // Negatives in parentheses around an inline XBRL tag.
    assert_eq!(
        values(row(ops, 7760, "Other income/(expense), net")),
        ["269", "-565", "-334"]
    );
    assert_eq!(values(row(ops, 7841, "Net income")), ["93736", "96995", "99803"]);
    // Per-share figures in units, share counts in thousands ("number of shares, which are
    // reflected in thousands"), each under its section heading.
    let eps = row(ops, 7924, "Diluted");
    assert_eq!(values(eps), ["6.08", "6.13", "6.11"]);
    assert_eq!(eps.scale, Some(Scale::Units));
    let shares = row(ops, 8004, "Diluted");
    assert_eq!(values(shares), ["15408095", "15812547", "16325819"]);
    assert_eq!(shares.scale, Some(Scale::Thousands));
    for title in [
        "CONSOLIDATED BALANCE SHEETS",
        "CONSOLIDATED STATEMENTS OF CASH FLOWS",
        "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME",
    ] {
        let t = titled(f, title);
        assert!(t.columns.iter().all(|c| c.period != Period::Unknown), "{title}");
    }
    assert_eq!(
        cols(titled(f, "CONSOLIDATED BALANCE SHEETS")),
        ["I 2024-09-28 $", "I 2023-09-30 $"]
    );
}

#[test]
fn buckle_statements_and_balance_sheet_cells() {
    let f = &*BUCKLE;
    // Title glued to its unit line and "(Unaudited)" in the source: the title is the statement's.
    let is = titled(f, "CONSOLIDATED STATEMENTS OF INCOME");
    // "Thirteen Weeks Ended" and "Thirty-Nine Weeks Ended" over dates.
    assert_eq!(
        cols(is),
        [
            "D3 2024-11-02 $",
            "D3 2023-10-28 $",
            "D9 2024-11-02 $",
            "D9 2023-10-28 $"
        ]
    );
    assert_eq!(is.precision.scale, Scale::Thousands);
    assert_eq!(
        is.unit_line.as_deref(),
        Some("(Amounts in Thousands Except Per Share Amounts)")
    );
    let bs = titled(f, "CONSOLIDATED BALANCE SHEETS");
    // "February 3, 2024 (1)": the footnote marker is not part of the period.
    assert_eq!(cols(bs), ["I 2024-11-02 $", "I 2024-02-03 $", "I 2023-10-28 $"]);
    assert_eq!(bs.precision.scale, Scale::Thousands);
    // The whole release is on a few lines: cells are told apart by their columns.
    let cash = row(bs, 10, "Cash and cash equivalents");
    assert_eq!(
        cells(cash),
        [
            "$301,958@10:66405#0",
            "$268,213@10:67033#1",
            "$311,657@10:67661#2"
        ]
    );
    let dep = row(bs, 10, "Less accumulated depreciation and amortization");
    assert_eq!(values(dep), ["-365241", "-360200", "-359367"]);
    assert_eq!(
        values(row(bs, 10, "Total liabilities and stockholders\u{2019} equity")),
        ["976270", "889810", "921207"]
    );
    // "Except Per Share Amounts": per-share figures in units, share counts in thousands like
    // the money (50,297 thousand shares; the balance sheet prints 50,773,796 shares).
    let shares = row(is, 10, "Diluted weighted average shares");
    assert_eq!(values(shares), ["50297", "49937", "50230", "49891"]);
    assert_eq!(shares.scale, Some(Scale::Thousands));
    assert_eq!(row(is, 10, "Diluted").scale, Some(Scale::Units));
}

#[test]
fn html_narrative_kept() {
    let p = APPLE_10Q
        .paragraphs
        .iter()
        .find(|p| {
            p.text
                .starts_with("The following table shows the computation of basic and diluted")
        })
        .unwrap();
    assert!(
        p.text
            .ends_with("(net income in millions and shares in thousands):")
    );
    assert!(p.location.line > 7000);
}

// ---------------------------------------------------------------------------------------------
// Figures and headers, form by form.

#[test]
fn html_figure_forms() {
    let html = "<html><body><p>STATEMENTS OF INCOME</p><p>(in thousands of U.S. dollars)</p>\n\
        <table>\
        <tr><td></td><td colspan=3>Quarter Ended June 30,</td><td colspan=3>Six Months Ended June 30,</td></tr>\n\
        <tr><td></td><td colspan=2>2026</td><td></td><td colspan=2>2025</td><td></td></tr>\n\
        <tr><td>Revenue</td><td>$</td><td>1,234</td><td></td><td>$</td><td>1,000</td><td></td></tr>\n\
        <tr><td>Costs</td><td>(</td><td>234</td><td>)</td><td></td><td>&#x2014;</td><td></td></tr>\n\
        <tr><td>Margin</td><td></td><td>12.5</td><td>%</td><td></td><td>\u{ff11}\u{ff10}\u{ff0e}\u{ff10}%</td><td></td></tr>\n\
        <tr><td>Other</td><td></td><td>5<sup>(1)</sup></td><td></td><td></td><td>1 16.6</td><td></td></tr>\n\
        </table></body></html>";
    let f = read("forms.html", html.as_bytes()).unwrap();
    let t = &f.tables[0];
    assert_eq!(t.title, "STATEMENTS OF INCOME");
    assert_eq!(t.precision.scale, Scale::Thousands);
    // "Quarter Ended" spans 2026 only here: one column each.
    assert_eq!(cols(t), ["D3 2026-06-30 US$", "D6 2025-06-30 US$"]);
    assert_eq!(values(&t.rows[0]), ["1234", "1000"]);
    assert_eq!(values(&t.rows[1]), ["-234", "nil"]);
    assert_eq!(values(&t.rows[2]), ["12.5%", "10.0%"]);
    assert_eq!(values(&t.rows[3]), ["5", "!1 16.6"]);
    let kinds: Vec<&str> = f.damage.iter().map(|d| d.kind.name()).collect();
    assert_eq!(kinds, ["footnote_marker", "not_a_number"]);
    assert!(matches!(&f.damage[0].kind, DamageKind::FootnoteMarker { text } if text == "(1)"));
}

#[test]
fn html_unread_period_reported() {
    let html = "<table><tr><td></td><td>Fiscal 2024</td><td>Fiscal 2023</td></tr>\
                <tr><td>Sales</td><td>10</td><td>9</td></tr></table>";
    let f = read("fy.html", html.as_bytes()).unwrap();
    let t = &f.tables[0];
    assert_eq!(cols(t), ["? -", "? -"]);
    let garbled: Vec<&str> = f
        .damage
        .iter()
        .filter(|d| matches!(d.kind, DamageKind::GarbledHeader { .. }))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        garbled,
        [
            "the period of column 1 (`Fiscal 2024`) cannot be read",
            "the period of column 2 (`Fiscal 2023`) cannot be read"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Text: pipes with rows continued over lines (PDD), pipes one row per line (Deluxe), one cell
// per line (Paltalk), tables collapsed onto one line (Forian).

static PDD: LazyLock<Filing> = LazyLock::new(|| load("pdd-holdings-2026-q1-press-release.txt"));
static DELUXE: LazyLock<Filing> = LazyLock::new(|| load("deluxe-2026-q2-press-release.md"));
static PALTALK: LazyLock<Filing> = LazyLock::new(|| load("paltalk-2024-q3-press-release.md"));
static FORIAN: LazyLock<Filing> = LazyLock::new(|| load("forian-2024-q3-press-release.md"));

/// The `n`th table (0-based) titled `title`.
fn nth_titled<'a>(f: &'a Filing, title: &str, n: usize) -> &'a Table {
    f.tables
        .iter()
        .filter(|t| t.title == title)
        .nth(n)
        .unwrap_or_else(|| panic!("no table `{title}` number {n}"))
}

#[test]
fn pdd_balance_sheet_cells() {
    let f = &*PDD;
    // "As of" over "December 31, 2025 | March 31, 2026" over "RMB | RMB (Unaudited) | US$
    // (Unaudited)", one cell per line: the US$ column is the March translation.
    // The balance sheet is printed in two tables (assets; liabilities and equity).
    let assets = nth_titled(f, "CONSOLIDATED BALANCE SHEETS", 0);
    assert_eq!(
        cols(assets),
        ["I 2025-12-31 RMB", "I 2026-03-31 RMB", "I 2026-03-31 US$"]
    );
    assert_eq!(assets.precision.scale, Scale::Millions);
    let cash = row(assets, 188, "Cash and cash equivalents");
    assert_eq!(
        cells(cash),
        ["108,901@189:4#0", "123,041@190:4#1", "17,837@191:4#2"]
    );
    let liabilities = nth_titled(f, "CONSOLIDATED BALANCE SHEETS", 1);
    assert_eq!(cols(liabilities), cols(assets));
    assert_eq!(
        values(row(
            liabilities,
            370,
            "Total Liabilities and Shareholders\u{2019} Equity"
        )),
        ["630045", "637704", "92448"]
    );
}

#[test]
fn pdd_income_statement_cells() {
    let f = &*PDD;
    let is = nth_titled(f, "CONSOLIDATED STATEMENTS OF INCOME", 0);
    assert_eq!(
        cols(is),
        ["D3 2025-03-31 RMB", "D3 2026-03-31 RMB", "D3 2026-03-31 US$"]
    );
    // "(40,946 | )": a negative split across cells.
    let costs = row(is, 400, "Costs of revenues");
    assert_eq!(
        cells(costs),
        ["(40,946)@401:4#0", "(46,893)@402:4#1", "(6,798)@403:4#2"]
    );
    assert_eq!(values(costs), ["-40946", "-46893", "-6798"]);
    assert_eq!(values(row(is, 464, "Net income")), ["14742", "12547", "1819"]);
    // Share counts "(in millions)" and per-ADS figures in units, in the table's continuation.
    let eps = nth_titled(f, "CONSOLIDATED STATEMENTS OF INCOME", 1);
    let ads = row(eps, 524, "-Diluted");
    assert_eq!(values(ads), ["9.94", "8.48", "1.23"]);
    assert_eq!(ads.scale, Some(Scale::Units));
    let shares = row(eps, 540, "-Diluted");
    assert_eq!(values(shares), ["5932", "5920", "5920"]);
    assert_eq!(shares.scale, Some(Scale::Millions));
    // The convenience rate is in the narrative.
    assert!(
        f.paragraphs
            .iter()
            .any(|p| p.text.contains("RMB6.8980 to US$1.00"))
    );
}

#[test]
fn deluxe_statements_and_cash_flows() {
    let f = &*DELUXE;
    // "Quarter Ended June 30, | Six Months Ended June 30," over "2026 | 2025 | 2026 | 2025".
    // The note quoting the release drops the statement's title. The headings above it head
    // the narrative between them and the table ("Earnings Call Information", "About Deluxe
    // Corporation"): neither is taken for the table's title, which stays empty.
    let is = f
        .tables
        .iter()
        .find(|t| t.lines.0 == 73)
        .expect("the statement of income under its header at line 73");
    assert_eq!(is.title, "");
    assert!(f.tables.iter().all(|t| !t.title.contains("Earnings Call")));
    assert_eq!(
        cols(is),
        [
            "D3 2026-06-30 $",
            "D3 2025-06-30 $",
            "D6 2026-06-30 $",
            "D6 2025-06-30 $"
        ]
    );
    // `$499.3` is a number; `(4.2 | %)` keeps its parenthesis.
    let highlights = titled(f, "Second Quarter 2026 Financial Highlights");
    assert_eq!(
        values(row(highlights, 32, "Revenue")),
        ["499.3", "521.3", "-4.2%"]
    );
    let bs = titled(f, "CONSOLIDATED CONDENSED BALANCE SHEETS");
    assert_eq!(cols(bs), ["I 2026-06-30 $", "I 2025-12-31 $"]);
    // "(dollars and shares in millions)": shares at the money scale.
    assert_eq!(row(bs, 123, "Shares outstanding").scale, Some(Scale::Millions));
    let cf = titled(f, "CONSOLIDATED CONDENSED STATEMENTS OF CASH FLOWS");
    assert_eq!(cols(cf), ["D6 2026-06-30 $", "D6 2025-06-30 $"]);
    assert_eq!(cf.precision.scale, Scale::Millions);
    assert_eq!(
        cells(row(cf, 137, "Net income")),
        ["$55.0@137:14#0", "$36.5@137:22#1"]
    );
    // An em dash is nil.
    assert_eq!(
        values(row(cf, 139, "Gain on sale of businesses and long-lived assets")),
        ["-5.1", "nil"]
    );
    assert_eq!(
        values(row(cf, 141, "Total operating activities")),
        ["133.9", "101.4"]
    );
    assert_eq!(
        values(row(cf, 153, "Total financing activities")),
        ["-390.2", "-326.3"]
    );
    // Section headings without `|` stay in the table.
    assert!(row(cf, 142, "Investing activities:").cells.is_empty());
}

#[test]
fn paltalk_balance_sheet_cells() {
    let f = &*PALTALK;
    let bs = titled(f, "CONSOLIDATED CONDENSED BALANCE SHEETS");
    assert_eq!(cols(bs), ["I 2024-09-30 $", "I 2023-12-31 $"]);
    // Dollars, not thousands: no unit line.
    assert_eq!(bs.precision.scale, Scale::Units);
    // `$` on a line of its own before its figure.
    let cash = row(bs, 625, "Cash and cash equivalents");
    assert_eq!(cells(cash), ["$12,056,085@629:1#0", "$13,568,049@633:1#1"]);
    // `)` on a line of its own after its figure.
    assert_eq!(
        values(row(bs, 777, "Accumulated deficit")),
        ["-17820276", "-14884568"]
    );
    assert_eq!(
        values(row(bs, 793, "Total liabilities and stockholders\u{2019} equity")),
        ["21676801", "23887268"]
    );
    let ops = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS");
    // "Three Months EndedSeptember 30,": words glued by the converter.
    assert_eq!(
        cols(ops),
        [
            "D3 2024-09-30 $",
            "D3 2023-09-30 $",
            "D9 2024-09-30 $",
            "D9 2023-09-30 $"
        ]
    );
    let cf = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS");
    assert_eq!(cols(cf), ["D9 2024-09-30 $", "D9 2023-09-30 $"]);
}

#[test]
fn forian_collapsed_tables_reported() {
    let f = &*FORIAN;
    // No table is read from lines where a whole statement collapsed: nothing to check.
    assert!(f.tables.is_empty());
    let collapsed: Vec<(u32, usize)> = f
        .damage
        .iter()
        .filter_map(|d| match d.kind {
            DamageKind::CollapsedTable { figures } => Some((d.location.line, figures)),
            _ => None,
        })
        .collect();
    assert_eq!(collapsed, [(139, 72), (143, 115), (147, 81), (229, 58)]);
    // Nor are they narrative.
    assert!(
        f.paragraphs
            .iter()
            .all(|p| !p.text.contains("CONDENSED CONSOLIDATED BALANCE SHEETS"))
    );
}

/// Note tables headed only by years: read as the periods the filing states for them, else
/// left unread and reported.
#[test]
fn apple_10k_year_only_headers_read_where_the_filing_states_them() {
    let f = &*APPLE_10K;
    // "The following table shows net sales by category for 2024, 2023 and 2022": the years
    // are the fiscal years the statements' headers state ("Years ended September 28, 2024,
    // September 30, 2023 and September 24, 2022"); the change columns stay unread.
    let products = titled(f, "Products and Services Performance");
    assert_eq!(
        cols(products),
        [
            "D12 2024-09-28 $",
            "? -",
            "D12 2023-09-30 $",
            "? -",
            "D12 2022-09-24 $"
        ]
    );
    // "As of September 28, 2024 and September 30, 2023, the significant components ...": the
    // caption's dates, balances.
    let deferred = titled(f, "Deferred Tax Assets and Liabilities");
    assert_eq!(cols(deferred), ["I 2024-09-28 $", "I 2023-09-30 $"]);
    // No caption: the years stay unread, and are reported.
    let other = titled(f, "Other Current Liabilities");
    assert_eq!(cols(other), ["? $", "? $"]);
    let unread: Vec<&str> = f
        .damage
        .iter()
        .filter(|d| d.table.is_some_and(|t| std::ptr::eq(&f.tables[t], other)))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        unread,
        [
            "the period of column 1 (`2024`) cannot be read",
            "the period of column 2 (`2023`) cannot be read"
        ]
    );
}
