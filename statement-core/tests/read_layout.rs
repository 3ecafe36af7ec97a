//! `statement_core::read` on space-aligned text, as `pdftotext -layout` writes PDF pages: the
//! Buckle press release, the Apple 10-Q and 10-K printed to PDF and turned into text
//! (`scripts/pdf-layout-samples.sh`; files in `tests/data/others/layout/`, never edited).

mod common;

use std::sync::LazyLock;

use common::{cells, cols, row, titled, values};

use statement_core::Scale;
use statement_core::read::{Filing, read};

fn load(name: &str) -> Filing {
    common::load("others/layout", name)
}

static APPLE_10Q: LazyLock<Filing> = LazyLock::new(|| load("apple-2024-q3-form-10-q.txt"));
static APPLE_10K: LazyLock<Filing> = LazyLock::new(|| load("apple-2024-form-10-k.txt"));
static BUCKLE: LazyLock<Filing> = LazyLock::new(|| load("buckle-2024-q3-press-release.txt"));

#[test]
fn buckle_statements_read_from_layout_text() {
    let f = &*BUCKLE;
    // The telephone and page furniture are no tables: the two statements are.
    let titles: Vec<&str> = f.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        ["CONSOLIDATED STATEMENTS OF INCOME", "CONSOLIDATED BALANCE SHEETS"]
    );
    let is = titled(f, "CONSOLIDATED STATEMENTS OF INCOME");
    // "Thirteen Weeks Ended" centred over two columns spans them.
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
    assert_eq!(is.lines, (88, 124));
    // A label broken over two lines is one row, located at its first line; its figures at
    // their own line.
    let cost = row(
        is,
        94,
        "COST OF SALES (Including buying, distribution, and occupancy costs)",
    );
    assert_eq!(
        cells(cost),
        [
            "153,547@95:63#0",
            "156,242@95:79#1",
            "445,188@95:98#2",
            "459,835@95:113#3"
        ]
    );
    let shares = row(is, 124, "Diluted weighted average shares");
    assert_eq!(values(shares), ["50297", "49937", "50230", "49891"]);
    assert_eq!(shares.scale, Some(Scale::Thousands));
    assert_eq!(row(is, 121, "Diluted").scale, Some(Scale::Units));
}

#[test]
fn buckle_balance_sheet_cells_from_layout_text() {
    let bs = titled(&BUCKLE, "CONSOLIDATED BALANCE SHEETS");
    // "2024 (1)": the footnote marker is no column and no part of the period.
    assert_eq!(cols(bs), ["I 2024-11-02 $", "I 2024-02-03 $", "I 2023-10-28 $"]);
    assert_eq!(bs.precision.scale, Scale::Thousands);
    // `$` eight spaces before its figure; the figure keeps its own column.
    assert_eq!(
        cells(row(bs, 136, "Cash and cash equivalents")),
        ["$301,958@136:99#0", "$268,213@136:120#1", "$311,657@136:140#2"]
    );
    assert_eq!(
        cells(row(bs, 144, "Less accumulated depreciation and amortization")),
        ["(365,241)@144:99#0", "(360,200)@144:119#1", "(359,367)@144:140#2"]
    );
    assert_eq!(
        values(row(bs, 144, "Less accumulated depreciation and amortization")),
        ["-365241", "-360200", "-359367"]
    );
    // A subtotal printed without a label.
    assert_eq!(values(row(bs, 145, "")), ["143032", "128837", "124068"]);
    // A figure narrower than its neighbours, right-aligned in its column.
    assert_eq!(
        cells(row(bs, 162, "Income taxes payable")),
        ["2,519@162:101#0", "4,672@162:122#1", "536@162:144#2"]
    );
    // A label over three lines, its figures on the third.
    let common = row(
        bs,
        172,
        "Common stock, authorized 100,000,000 shares of $.01 par value; issued and \
         outstanding; 50,773,796 shares at November 2, 2024, 50,445,186 shares at February 3, \
         2024, and 50,445,386 shares at October 28, 2023",
    );
    assert_eq!(values(common), ["508", "504", "504"]);
    assert_eq!(common.cells[0].location.line, 174);
    assert_eq!(
        values(row(bs, 179, "Total liabilities and stockholders\u{2019} equity")),
        ["976270", "889810", "921207"]
    );
    assert!(row(bs, 135, "CURRENT ASSETS:").cells.is_empty());
}

#[test]
fn apple_10q_statements_from_layout_text() {
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
    // `$` printed just after the figure before it (`19,881 $`) belongs to the next figure.
    assert_eq!(
        cells(row(ops, 130, "Net income")),
        [
            "$21,448@130:80#0",
            "$19,881@130:99#1",
            "$79,000@130:117#2",
            "$74,039@130:133#3"
        ]
    );
    let shares = row(ops, 139, "Diluted");
    assert_eq!(values(shares), ["15348175", "15775021", "15463175", "15859263"]);
    assert_eq!(shares.scale, Some(Scale::Thousands));
    // Figures out of line with their column (`30` three places right of the others).
    let ci = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME");
    let adj = row(
        ci,
        170,
        "Adjustment for net (gains)/losses realized and included in net income",
    );
    assert_eq!(
        cells(adj),
        ["30@171:87#0", "58@171:106#1", "164@171:123#2", "185@171:144#3"]
    );
    let cf = titled(f, "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS");
    assert_eq!(cols(cf), ["D9 2024-06-29 $", "D9 2023-07-01 $"]);
    assert_eq!(
        values(row(cf, 323, "Proceeds from issuance of term debt, net")),
        ["nil", "5228"]
    );
}

#[test]
fn apple_10q_balance_sheet_cells_from_layout_text() {
    let bs = titled(&APPLE_10Q, "CONDENSED CONSOLIDATED BALANCE SHEETS");
    assert_eq!(cols(bs), ["I 2024-06-29 $", "I 2023-09-30 $"]);
    assert_eq!(bs.lines, (189, 232));
    assert_eq!(
        cells(row(bs, 193, "Cash and cash equivalents")),
        ["$25,565@193:112#0", "$29,965@193:132#1"]
    );
    assert_eq!(values(row(bs, 206, "Total assets")), ["331612", "352583"]);
    assert_eq!(values(row(bs, 199, "Total current assets")), ["125435", "143566"]);
    assert_eq!(
        cells(row(bs, 229, "Accumulated deficit")),
        ["(4,726)@229:112#0", "(214)@229:134#1"]
    );
    assert_eq!(
        values(row(bs, 232, "Total liabilities and shareholders\u{2019} equity")),
        ["331612", "352583"]
    );
    // Headings centred over the figures are still headings.
    assert!(row(bs, 191, "ASSETS:").cells.is_empty());
    assert!(
        row(bs, 209, "LIABILITIES AND SHAREHOLDERS\u{2019} EQUITY:")
            .cells
            .is_empty()
    );
    // A table going on over a page break under its header printed again keeps its title; the
    // footers printed on every page ("Apple Inc. | Q3 2024 Form 10-Q | 7") title no table.
    let securities: Vec<(u32, u32)> = APPLE_10Q
        .tables
        .iter()
        .filter(|t| {
            t.title
                .starts_with("The following tables show the Company\u{2019}s cash")
        })
        .map(|t| t.lines)
        .collect();
    assert_eq!(securities, [(423, 443), (449, 472)]);
    assert!(APPLE_10Q.tables.iter().all(|t| !t.title.contains("Form 10-Q |")));
    // The page footer under the table is narrative, not a row.
    assert!(
        APPLE_10Q
            .paragraphs
            .iter()
            .any(|p| p.location.line == 239 && p.text == "Apple Inc. | Q3 2024 Form 10-Q | 3")
    );
}

/// A table going on over a page break: the footer and the next page's header are left out of
/// it, the rows on the next page join it.
#[test]
fn table_continued_after_a_page_break_is_joined() {
    let mut text = String::from("ACME CORP.\nCONSOLIDATED BALANCE SHEETS\n(In thousands)\n\n");
    text.push_str("                                  December 31,     December 31,\n");
    text.push_str("                                      2025             2024\n");
    let rows = [
        ("Cash", "1,000", "900"),
        ("Receivables", "2,000", "1,800"),
        ("Inventory", "3,000", "2,700"),
        ("  Total current assets", "6,000", "5,400"),
        ("Property, net", "4,000", "3,600"),
        ("  Total assets", "10,000", "9,000"),
    ];
    for (l, a, b) in rows {
        text.push_str(&format!("{l:<34}{a:>10}{b:>17}\n"));
    }
    text.push_str("\n                         Page 1\n\u{c}                       ACME CORP.\n\n");
    let more = [
        ("Payables", "2,500", "2,000"),
        ("Debt", "(1,500)", "\u{2014}"),
        ("  Total liabilities", "1,000", "2,000"),
        ("Equity", "9,000", "7,000"),
        ("  Total liabilities and equity", "10,000", "9,000"),
    ];
    for (l, a, b) in more {
        text.push_str(&format!("{l:<34}{a:>10}{b:>17}\n"));
    }
    text.push_str("\n                         Page 2\n");
    let f = read("acme.txt", text.as_bytes()).unwrap();
    assert_eq!(f.tables.len(), 1, "{:#?}", f.tables);
    let t = &f.tables[0];
    assert_eq!(t.title, "CONSOLIDATED BALANCE SHEETS");
    assert_eq!(cols(t), ["I 2025-12-31 -", "I 2024-12-31 -"]);
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Cash",
            "Receivables",
            "Inventory",
            "Total current assets",
            "Property, net",
            "Total assets",
            "Payables",
            "Debt",
            "Total liabilities",
            "Equity",
            "Total liabilities and equity"
        ]
    );
    let debt = row(t, 18, "Debt");
    assert_eq!(cells(debt), ["(1,500)@18:38#0", "\u{2014}@18:61#1"]);
    assert_eq!(values(debt), ["-1500", "nil"]);
    assert!(f.paragraphs.iter().any(|p| p.text == "Page 1"));
}

/// Hostile layout text reads without a panic: two hundred page breaks, rows of 100 figures,
/// currency signs without figures. (Reading is linear: every search is bounded; timings are
/// in `benches/read.rs`.)
#[test]
fn hostile_layout_text_reads() {
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!("\u{c}\n\n   Page {i}\n"));
    }
    for r in 0..40 {
        text.push_str(&format!("Row {r}"));
        for c in 0..100 {
            text.push_str(&format!("   {},{:03}", r + 1, c));
        }
        text.push('\n');
    }
    text.push_str(&format!("Signs   1{}\n", "   $".repeat(200)));
    let f = read("hostile.txt", text.as_bytes()).unwrap();
    assert_eq!(f.tables.len(), 1);
    let t = &f.tables[0];
    assert_eq!(t.columns.len(), 100);
    assert_eq!(t.rows[39].cells.len(), 100);
    assert_eq!(t.rows[39].cells[99].text, "40,099");
    assert_eq!(t.rows[39].cells[99].column, Some(99));
}

#[test]
fn apple_10k_income_statement_from_layout_text() {
    let ops = titled(&APPLE_10K, "CONSOLIDATED STATEMENTS OF OPERATIONS");
    // "Years ended" over "September 28, | September 30, | September 24," over the years.
    assert_eq!(
        cols(ops),
        ["D12 2024-09-28 $", "D12 2023-09-30 $", "D12 2022-09-24 $"]
    );
    assert_eq!(
        values(row(ops, 1634, "Total net sales")),
        ["391035", "383285", "394328"]
    );
    assert_eq!(
        cells(row(ops, 1652, "Net income")),
        ["$93,736@1652:96#0", "$96,995@1652:116#1", "$99,803@1652:136#2"]
    );
}
