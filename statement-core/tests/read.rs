//! `statement_core::read` on the two bundled Kingsoft Cloud filings, damage kind by damage kind,
//! and on hostile input.

mod common;

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use statement_core::read::{Cell, DamageKind, Filing, Number, Row, Table, read};
use statement_core::{Precision, Scale};

use common::col;

const Q2_2025_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2025-q2-press-release.txt"
);
const H1_2023_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/filings/kingsoft-cloud-2023-interim-announcement.txt"
);

static Q2_2025_TEXT: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(Q2_2025_PATH).unwrap());
static H1_2023_TEXT: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(H1_2023_PATH).unwrap());
static Q2_2025: LazyLock<Filing> = LazyLock::new(|| read("q2-2025", &Q2_2025_TEXT).unwrap());
static H1_2023: LazyLock<Filing> = LazyLock::new(|| read("h1-2023", &H1_2023_TEXT).unwrap());

// ---------------------------------------------------------------------------------------------
// Helpers

/// The table whose header starts at `line`.
fn table(f: &Filing, line: u32) -> &Table {
    f.tables
        .iter()
        .find(|t| t.lines.0 == line)
        .unwrap_or_else(|| panic!("no table at line {line}"))
}

/// The index of the table whose header starts at `line`.
fn table_index(f: &Filing, line: u32) -> usize {
    f.tables.iter().position(|t| t.lines.0 == line).unwrap()
}

/// The row labelled `label` starting on `line`.
fn row<'a>(t: &'a Table, line: u32, label: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.location.line == line && r.label == label)
        .unwrap_or_else(|| panic!("no row `{label}` at line {line}"))
}

/// Cell texts.
fn texts(r: &Row) -> Vec<&str> {
    r.cells.iter().map(|c| c.text.as_str()).collect()
}

/// Cell lines.
fn lines(r: &Row) -> Vec<u32> {
    r.cells.iter().map(|c| c.location.line).collect()
}

fn value(c: &Cell) -> (String, u32) {
    match c.number {
        Some(Number::Value { value, decimals }) => (value.to_string(), decimals),
        other => panic!("{}: {other:?}", c.text),
    }
}

fn damage_at(f: &Filing, line: u32) -> Vec<&DamageKind> {
    f.damage
        .iter()
        .filter(|d| d.location.line == line)
        .map(|d| &d.kind)
        .collect()
}

fn count(f: &Filing, name: &str) -> usize {
    f.damage.iter().filter(|d| d.kind.name() == name).count()
}

/// Every table: (title, first header line, columns, rows).
fn shape(f: &Filing) -> Vec<(&str, u32, Vec<String>, usize)> {
    f.tables
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.lines.0,
                t.columns.iter().map(col).collect(),
                t.rows.len(),
            )
        })
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Every table of both filings

#[test]
fn q2_2025_every_table() {
    let q3 = ["D3 2024-06-30", "D3 2025-03-31", "D3 2025-06-30"];
    let recon = strings(&[
        "D3 2024-06-30 RMB",
        "D3 2025-03-31 RMB",
        "D3 2025-06-30 RMB",
        "D3 2025-06-30 US$",
        "D6 2024-06-30 RMB",
        "D6 2025-06-30 RMB",
        "D6 2025-06-30 US$",
    ]);
    let margins = strings(&[
        &format!("{} -", q3[0]),
        &format!("{} -", q3[1]),
        &format!("{} -", q3[2]),
        "D6 2024-06-30 -",
        "D6 2025-06-30 -",
    ]);
    let recon_title = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS";
    assert_eq!(
        shape(&Q2_2025),
        [
            (
                "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
                106,
                strings(&["I 2024-12-31 RMB", "I 2025-06-30 RMB", "I 2025-06-30 US$"]),
                46
            ),
            (
                "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS",
                176,
                recon.clone(),
                32
            ),
            (recon_title, 217, recon.clone(), 4),
            (recon_title, 229, margins.clone(), 2),
            (recon_title, 238, recon.clone(), 13),
            (recon_title, 259, recon.clone(), 7),
            (recon_title, 274, margins, 6),
            (
                "UNAUDITED CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS",
                287,
                strings(&[
                    "D3 2024-06-30 RMB",
                    "D3 2025-03-31 RMB",
                    "D3 2025-06-30 RMB",
                    "D3 2025-06-30 US$"
                ]),
                7
            ),
        ]
    );
    for t in &Q2_2025.tables {
        assert_eq!(t.precision, Precision::THOUSANDS, "{}", t.title);
        assert!(
            t.unit_line
                .as_deref()
                .is_some_and(|u| u.starts_with("(All amounts in thousands"))
        );
    }
    let bs = table(&Q2_2025, 106);
    assert_eq!((bs.title_location.line, bs.title_location.column), (103, 1));
    assert_eq!(bs.lines, (106, 170));
    assert_eq!(bs.unit_line.as_deref(), Some("(All amounts in thousands)"));
    // The header names its columns: the date token of each.
    let at: Vec<_> = bs
        .columns
        .iter()
        .map(|c| c.location.map(|l| (l.line, l.column)))
        .collect();
    assert_eq!(at, [Some((106, 2)), Some((106, 15)), Some((106, 28))]);
}

#[test]
fn h1_2023_every_table() {
    let h1 = strings(&["D6 2022-06-30 RMB", "D6 2023-06-30 RMB", "D6 2023-06-30 US$"]);
    let bs = strings(&["I 2022-12-31 RMB", "I 2023-06-30 RMB", "I 2023-06-30 US$"]);
    let margins = strings(&["D6 2022-06-30 -", "D6 2023-06-30 -"]);
    let ngaap = "Non-GAAP Financial Measure";
    assert_eq!(
        shape(&H1_2023),
        [
            (
                "FINANCIAL HIGHLIGHTS",
                18,
                strings(&["D6 2022-06-30 RMB", "D6 2023-06-30 RMB", "? -"]),
                5
            ),
            (ngaap, 36, h1.clone(), 4),
            (ngaap, 41, margins.clone(), 2),
            (ngaap, 46, h1.clone(), 15),
            (ngaap, 57, margins, 4),
            (
                "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS",
                104,
                h1.clone(),
                32
            ),
            (
                "The following table sets forth a breakdown of our employees by function during the \
                 Reporting Period:",
                205,
                strings(&["? -", "? -"]),
                5
            ),
            (
                "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS",
                268,
                h1.clone(),
                32
            ),
            (
                "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
                311,
                bs.clone(),
                47
            ),
            (
                "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS",
                367,
                h1.clone(),
                7
            ),
            (
                "The following table presents the Group's revenues from contracts with customers \
                 disaggregated by material revenue category:",
                412,
                h1.clone(),
                8
            ),
            (
                "The following table presents the Group's other loss, net:",
                427,
                h1.clone(),
                5
            ),
            (
                "The following table presents the Group's other income, net:",
                436,
                h1.clone(),
                6
            ),
            ("ACCOUNTS RECEIVABLE, NET", 446, bs.clone(), 3),
            (
                "An ageing analysis of the trade receivables as at the end of the reporting period, based \
                 on the past due date and net of provisions, is as follows:",
                455,
                bs.clone(),
                6
            ),
            ("Loss before income taxes consists of:", 482, h1.clone(), 3),
            (
                "The current and deferred components of income tax expense appearing in the unaudited \
                 condensed consolidated statements of comprehensive loss are as follows:",
                491,
                h1.clone(),
                3
            ),
            (
                "Basic and diluted loss per share during the periods are calculated as follows:",
                502,
                strings(&["D6 2022-06-30 RMB", "D6 2023-06-30 RMB"]),
                4
            ),
            (
                "An ageing analysis of the accounts payable as at the end of the reporting period, based on \
                 the invoice date, is as follows:",
                520,
                bs,
                4
            ),
        ]
    );
    // Titles: own title lines, the company name dropped from a combined title line, the nearest
    // heading for tables printed without a title, the introducing sentence of a paragraph.
    let loc = |line| {
        let t = table(&H1_2023, line);
        (t.title_location.line, t.title_location.column)
    };
    assert_eq!(loc(18), (17, 1));
    assert_eq!(loc(36), (28, 1));
    assert_eq!(loc(57), (28, 1));
    assert_eq!(loc(104), (102, 33));
    assert_eq!(loc(205), (203, 126));
    assert_eq!(loc(427), (423, 1));
    // Tables continued over a page break, the repeated header skipped.
    assert_eq!(table(&H1_2023, 104).lines, (104, 143));
    assert_eq!(table(&H1_2023, 268).lines, (268, 305));
    assert_eq!(table(&H1_2023, 311).lines, (311, 361));
}

#[test]
fn units() {
    let scale = |line| table(&H1_2023, line).precision.scale;
    // RMB'000 in the header.
    assert_eq!(scale(18), Scale::Thousands);
    assert_eq!(table(&H1_2023, 18).unit_line, None);
    // Margins and employees: no currency, units.
    assert_eq!(scale(41), Scale::Units);
    assert_eq!(scale(205), Scale::Units);
    // A unit line combined with the title.
    assert_eq!(
        table(&H1_2023, 104).unit_line.as_deref(),
        Some("(All amounts in thousands, except for share and per share data)")
    );
    // The notes' unit line holds for every note table.
    for line in [412, 427, 436, 446, 455, 482, 491, 502, 520] {
        let t = table(&H1_2023, line);
        assert_eq!(t.precision, Precision::THOUSANDS, "{line}");
        assert!(
            t.unit_line
                .as_deref()
                .unwrap()
                .starts_with("(Amounts in thousands of Renminbi")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Rows and cells

#[test]
fn q2_balance_sheet_cells() {
    let bs = table(&Q2_2025, 106);
    let total = row(bs, 116, "Total current assets");
    assert_eq!(texts(total), ["6,840,786", "10,386,041", "1,449,836"]);
    assert_eq!(lines(total), [116, 116, 116]);
    assert_eq!(
        total.cells.iter().map(|c| c.location.column).collect::<Vec<_>>(),
        [22, 32, 43]
    );
    assert_eq!(
        total.cells.iter().map(|c| c.column).collect::<Vec<_>>(),
        [Some(0), Some(1), Some(2)]
    );
    assert_eq!(total.readings, [vec![0, 1, 2]]);
    assert_eq!(value(&total.cells[1]), ("10386041".into(), 0));

    // Nil markers.
    let st = row(bs, 113, "Short-term investments");
    assert_eq!(st.cells[1].number, Some(Number::Nil));
    assert_eq!(st.cells[2].text, "\u{2014}");

    // Parentheses are negative.
    assert_eq!(
        value(&row(bs, 161, "Accumulated deficit").cells[0]),
        ("-14291957".into(), 0)
    );

    // Rows printed without tabs, in bold.
    let tcl = row(bs, 139, "Total current liabilities");
    assert_eq!(texts(tcl), ["**9,159,435**", "**10,816,556**", "**1,509,933**"]);
    assert_eq!(value(&tcl.cells[0]), ("9159435".into(), 0));
    assert_eq!(tcl.cells[0].column, Some(0));

    // Figures on a later line than the label.
    let tl = row(bs, 151, "Total liabilities");
    assert_eq!(texts(tl), ["12,087,334", "**17,770,121**", "**2,480,614**"]);
    assert_eq!(lines(tl), [153, 153, 153]);
    assert_eq!(tl.cells[2].column, Some(2));

    // Section headings are rows without cells.
    for (line, label) in [
        (108, "ASSETS"),
        (
            128,
            "LIABILITIES, NON-CONTROLLING INTERESTS AND SHAREHOLDERS' EQUITY",
        ),
    ] {
        let r = row(bs, line, label);
        assert!(r.cells.is_empty());
        assert_eq!(r.readings, [Vec::<usize>::new()]);
    }
    let total_equity = row(
        bs,
        170,
        "Total liabilities, non-controlling interests and shareholders' equity",
    );
    assert_eq!(
        texts(total_equity),
        ["**17,592,654**", "**24,829,707**", "**3,466,095**"]
    );
}

#[test]
fn q2_comprehensive_loss_cells() {
    let cl = table(&Q2_2025, 176);
    assert_eq!(cl.columns.len(), 7);
    // "Total revenues" has 6 cells where the table has 7 columns.
    let tr = row(cl, 183, "Total revenues");
    assert_eq!(
        texts(tr),
        [
            "1,891,780",
            "1,969,977",
            "2,349,227",
            "327,939",
            "3,667,464",
            "602,938"
        ]
    );
    assert!(
        tr.cells
            .iter()
            .all(|c| c.column.is_none() && c.location.line == 183)
    );
    assert_eq!(tr.readings.len(), 7);
    assert_eq!(tr.readings[0], [0, 1, 2, 3, 4, 5]);
    assert_eq!(tr.readings[6], [1, 2, 3, 4, 5, 6]);
    // From "Total operating expenses" on, 7 figures, certain.
    let ol = row(cl, 192, "Operating loss");
    assert_eq!(ol.cells[5].text, "(561,188)");
    assert_eq!(ol.cells[5].column, Some(5));
    // Per-share figures and share counts.
    let eps = row(cl, 204, "Basic and diluted");
    assert_eq!(value(&eps.cells[0]), ("-0.10".into(), 2));
    let shares = row(cl, 206, "Basic and diluted");
    assert_eq!(value(&shares.cells[0]), ("3649307331".into(), 0));
    assert_eq!(shares.cells[0].text, "3,649,307,331");
}

#[test]
fn q2_reconciliations() {
    // Label prefixes kept as printed.
    let recon = table(&Q2_2025, 238);
    let ii = row(recon, 247, "\u{2013} Interest income");
    assert_eq!(texts(ii)[0], "(9,945)");
    assert!(
        recon
            .rows
            .iter()
            .filter(|r| r.label == "Adjustments:")
            .all(|r| r.cells.is_empty())
    );
    // Percentages.
    let margins = table(&Q2_2025, 274);
    let nl = row(margins, 276, "Net loss margin");
    assert_eq!(
        nl.cells[0].number,
        Some(Number::Percent {
            value: "-18.7".parse().unwrap(),
            decimals: 1
        })
    );
    assert_eq!(nl.cells[0].text, "-18.7 %");
    let gm = row(table(&Q2_2025, 229), 231, "Gross margin");
    assert_eq!(
        gm.cells[0].number,
        Some(Number::Percent {
            value: "16.8".parse().unwrap(),
            decimals: 1
        })
    );
    // Cash flow header: a blank line inside it, dates before the first tab.
    let cf = table(&Q2_2025, 287);
    assert_eq!(cf.columns[0].location.map(|l| (l.line, l.column)), Some((288, 1)));
    assert_eq!(
        texts(row(
            cf,
            297,
            "Cash, cash equivalents and restricted cash at end of period"
        ))[3],
        "770,162"
    );
}

#[test]
fn h1_2023_rows() {
    // A label broken over two lines; the figures on the second.
    let fh = table(&H1_2023, 18);
    let nla = row(fh, 25, "Net loss attributable to Kingsoft Cloud Holdings Limited");
    assert_eq!(texts(nla), ["(1,356,246)", "(1,106,333)", "-18.4%"]);
    assert_eq!(lines(nla), [26, 26, 26]);
    assert_eq!(
        nla.cells[2].number,
        Some(Number::Percent {
            value: "-18.4".parse().unwrap(),
            decimals: 1
        })
    );

    // The Notes column.
    let cl = table(&H1_2023, 268);
    assert_eq!(row(cl, 270, "Public cloud services").note.as_deref(), Some("3"));
    assert_eq!(
        row(cl, 288, "Income tax benefit (expense)").note.as_deref(),
        Some("5")
    );
    let tr = row(cl, 273, "Total revenues");
    assert_eq!(tr.note, None);
    assert_eq!(texts(tr), ["4,080,307", "3,699,803", "510,226"]);
    assert_eq!(tr.cells[0].column, Some(0));

    // Nil as "_".
    let ng = table(&H1_2023, 46);
    assert_eq!(
        row(ng, 50, "Impairment of long-lived assets").cells[0].number,
        Some(Number::Nil)
    );

    // Employees (units) and percentages.
    let emp = table(&H1_2023, 205);
    let rd = row(emp, 206, "Research and development");
    assert_eq!(texts(rd), ["1,176", "12.1%"]);
    assert_eq!(
        rd.cells[1].number,
        Some(Number::Percent {
            value: "12.1".parse().unwrap(),
            decimals: 1
        })
    );

    // Subtotals printed without a label.
    let rev = table(&H1_2023, 412);
    let unlabelled: Vec<_> = rev
        .rows
        .iter()
        .filter(|r| r.label.is_empty())
        .map(|r| r.location.line)
        .collect();
    assert_eq!(unlabelled, [418, 421]);

    // Labels broken over lines, joined.
    let bs = table(&H1_2023, 311);
    assert_eq!(
        texts(row(
            bs,
            356,
            "Total Kingsoft Cloud Holdings Limited shareholders' equity"
        )),
        ["8,801,020", "7,932,983", "1,094,008"]
    );
    row(
        bs,
        330,
        "LIABILITIES, NON-CONTROLLING INTEREST, AND SHAREHOLDERS' EQUITY",
    );
    let ol = table(&H1_2023, 427);
    assert_eq!(
        lines(row(
            ol,
            429,
            "Gross unrealized loss (including impairment) on equity investments held"
        )),
        [430, 430, 430]
    );

    // A garbage label line: kept as a row without cells, not reported.
    let garbage = row(bs, 338, "carrent operating reaso mannings");
    assert!(garbage.cells.is_empty());
    assert!(damage_at(&H1_2023, 338).is_empty());
}

/// Every cell's text is printed at its location; every label's first word at the row's.
#[test]
fn every_cell_is_located() {
    for (f, text) in [(&*Q2_2025, &*Q2_2025_TEXT), (&*H1_2023, &*H1_2023_TEXT)] {
        let text = std::str::from_utf8(text).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let at = |loc: statement_core::read::Location| -> String {
            lines[loc.line as usize - 1]
                .chars()
                .skip(loc.column as usize - 1)
                .collect()
        };
        let mut cells = 0;
        for t in &f.tables {
            for r in &t.rows {
                if let Some(word) = r.label.split_whitespace().next() {
                    assert!(at(r.location).starts_with(word), "{}: {:?}", r.label, r.location);
                }
                for c in &r.cells {
                    assert!(
                        at(c.location).starts_with(c.text.as_str()),
                        "{} at {:?}",
                        c.text,
                        c.location
                    );
                    cells += 1;
                }
            }
        }
        assert!(cells > 500);
        for p in &f.paragraphs {
            let first: String = p.text.chars().take(20).collect();
            assert!(at(p.location).starts_with(&first));
        }
    }
}

#[test]
fn paragraphs() {
    let p = Q2_2025
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("Other revenues were nil"))
        .unwrap();
    assert_eq!((p.location.line, p.location.column), (23, 1));
    // A sentence broken over a blank line is joined.
    let rd = Q2_2025
        .paragraphs
        .iter()
        .find(|p| {
            p.text
                .starts_with("Research and development expenses were RMB194.3 million")
        })
        .unwrap();
    assert!(rd.text.contains("same period in 2024 and decreased by 14.1%"));
    assert!(
        H1_2023
            .paragraphs
            .iter()
            .any(|p| p.text.starts_with("Total Revenues reached RMB3,699.8 million"))
    );
}

// ---------------------------------------------------------------------------------------------
// Damage, kind by kind, on the real lines

#[test]
fn damage_counts() {
    let counts = |f: &Filing| {
        [
            "missing_cells",
            "header_short",
            "shifted_row",
            "merged_rows",
            "not_a_number",
            "repeated_label",
            "garbled_header",
        ]
        .map(|k| count(f, k))
    };
    assert_eq!(counts(&Q2_2025), [9, 1, 1, 0, 0, 0, 0]);
    assert_eq!(counts(&H1_2023), [1, 0, 3, 12, 9, 1, 5]);
    // Every damage is located in a table and, but for header damage, a row.
    for f in [&*Q2_2025, &*H1_2023] {
        for d in &f.damage {
            let t = &f.tables[d.table.unwrap()];
            match d.kind {
                DamageKind::HeaderShort { .. } | DamageKind::GarbledHeader { .. } => assert_eq!(d.row, None),
                _ => assert!(d.row.unwrap() < t.rows.len()),
            }
            assert!(d.location.line >= 1 && d.location.column >= 1 && !d.message.is_empty());
        }
    }
}

#[test]
fn missing_cells() {
    let ti = table_index(&Q2_2025, 176);
    let lines: Vec<u32> = Q2_2025
        .damage
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DamageKind::MissingCells {
                    expected: 7,
                    found: 6
                }
            )
        })
        .map(|d| {
            assert_eq!(d.table, Some(ti));
            d.location.line
        })
        .collect();
    assert_eq!(lines, [180, 181, 182, 183, 184, 185, 187, 188, 189]);
    let r = row(&Q2_2025.tables[ti], 180, "Public cloud services");
    assert_eq!(r.readings.len(), 7);
    assert!(
        r.readings
            .iter()
            .all(|reading| reading.len() == 6 && reading.windows(2).all(|w| w[0] < w[1]))
    );
}

#[test]
fn header_short() {
    let d = Q2_2025
        .damage
        .iter()
        .find(|d| matches!(d.kind, DamageKind::HeaderShort { .. }))
        .unwrap();
    assert_eq!(d.kind, DamageKind::HeaderShort { header: 6, rows: 7 });
    assert_eq!((d.location.line, d.location.column), (176, 2));
    assert!(
        d.message.contains("six months ended Jun 30, 2025, RMB"),
        "{}",
        d.message
    );
    let cl = table(&Q2_2025, 176);
    // The inferred column, sixth, has no location; the others point at their dates.
    assert_eq!(col(&cl.columns[5]), "D6 2025-06-30 RMB");
    assert_eq!(cl.columns[5].location, None);
    assert_eq!(cl.columns[6].location.map(|l| l.line), Some(177));
}

#[test]
fn shifted_row() {
    let recon = table(&Q2_2025, 217);
    let sbc = row(
        recon,
        222,
        "\u{2013} Share-based compensation expenses (allocated in cost of revenues)",
    );
    assert_eq!(
        texts(sbc),
        ["5,076", "9,365", "11,712", "1,635", "10,890", "21,077"]
    );
    assert!(sbc.cells.iter().all(|c| c.column.is_none()));
    assert_eq!(sbc.readings.len(), 7);
    assert_eq!(
        sbc.readings[0],
        [1, 2, 3, 4, 5, 6],
        "the reading as printed comes first"
    );
    assert_eq!(damage_at(&Q2_2025, 222), [&DamageKind::ShiftedRow]);

    // 2023: "- Depreciation and amortization\t\t310,319\t70,404" and the Notes table's
    // "Amounts due from related parties\t\t\t295,134\t40,701".
    let ng = table(&H1_2023, 46);
    assert_eq!(
        row(ng, 55, "- Loss on disposal of property and equipment").readings[0],
        [1, 2]
    );
    let bs = table(&H1_2023, 311);
    let due = row(bs, 319, "Amounts due from related parties");
    assert_eq!(due.readings, [vec![1, 2], vec![0, 1], vec![0, 2]]);
    assert_eq!(damage_at(&H1_2023, 319), [&DamageKind::ShiftedRow]);
}

#[test]
fn merged_rows() {
    let bs = table(&H1_2023, 311);
    // Two rows on line 336, split figure by figure.
    let itp = row(bs, 336, "Income tax payable");
    let adr = row(bs, 336, "Amounts due to related parties");
    assert_eq!(texts(itp), ["51,892", "59,675", "8,230"]);
    assert_eq!(texts(adr), ["427,727", "427,640", "58,974"]);
    assert_eq!(adr.cells[1].column, Some(1));
    assert_eq!(
        (adr.cells[0].location.line, adr.cells[0].location.column),
        (336, 59)
    );
    assert_eq!(
        itp.merged_with,
        ["Income tax payable", "Amounts due to related parties"]
    );
    assert_eq!(adr.merged_with, itp.merged_with);
    assert_eq!(
        damage_at(&H1_2023, 336),
        [&DamageKind::MergedRows {
            labels: strings(&["Income tax payable", "Amounts due to related parties"])
        }]
    );

    // Four rows and a heading on line 52.
    let ng = table(&H1_2023, 46);
    let labels: Vec<_> = ng
        .rows
        .iter()
        .filter(|r| r.location.line == 52)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Adjustments:",
            "- Interest income",
            "- Interest expense",
            "- Income tax (benefit) expense",
            "- Depreciation and amortization"
        ]
    );
    assert_eq!(
        texts(row(ng, 52, "- Interest expense")),
        ["68,273", "58,234", "8,031"]
    );

    // "Intangible assets, net Goodwill": irregular, every figure kept, no column certain.
    let ia = row(bs, 323, "Intangible assets, net");
    let gw = row(bs, 323, "Goodwill");
    assert_eq!(texts(ia), ["1,008,020", "926,081", "635,158"]);
    assert_eq!(texts(gw), ["4,605,724", "4,605,724"]);
    assert!(ia.cells.iter().chain(&gw.cells).all(|c| c.column.is_none()));

    // The label splits, the figures do not: they are the first row's, the rest are headings.
    for (line, first, second) in [
        (38, "Gross profit", "Adjustments:"),
        (47, "Net Loss", "Adjustments:"),
        (
            138,
            "Basic and diluted",
            "Other comprehensive income, net of tax of nil:",
        ),
        (
            431,
            "Share of losses from equity method investment",
            "Net realized loss on equity investments sold",
        ),
    ] {
        let t = H1_2023
            .tables
            .iter()
            .find(|t| t.lines.0 <= line && line <= t.lines.1)
            .unwrap();
        assert_eq!(row(t, line, first).cells.len(), t.columns.len(), "{line}");
        assert!(row(t, line, second).cells.is_empty(), "{line}");
        assert!(
            matches!(damage_at(&H1_2023, line)[..], [DamageKind::MergedRows { .. }]),
            "{line}"
        );
    }

    // "Net loss Less: net loss attributable to non-controlling" + "interests" on the next line.
    let cl = table(&H1_2023, 268);
    let less = row(
        cl,
        289,
        "Less: net loss attributable to non-controlling interests",
    );
    assert_eq!(texts(less), ["(9,038)", "(760)", "(105)"]);
    assert_eq!(lines(less), [290, 290, 290]);
    assert_eq!(
        row(cl, 289, "Net loss").merged_with,
        ["Net loss", less.label.as_str()]
    );

    // Figures whose count per cell is irregular: every token kept, no reading possible.
    let pre = row(bs, 318, "Prepayments and other assets");
    assert_eq!(
        texts(pre),
        ["1,612,022", "246,505", "1,695,582", "233,832", "40,701"]
    );
    assert!(pre.readings.is_empty());
    assert_eq!(
        damage_at(&H1_2023, 318),
        [&DamageKind::MergedRows {
            labels: strings(&["Prepayments and other assets"])
        }]
    );
    for line in [322, 335, 433] {
        assert!(
            matches!(damage_at(&H1_2023, line)[..], [DamageKind::MergedRows { .. }]),
            "{line}"
        );
    }
}

#[test]
fn not_a_number() {
    let nan = |line| -> Vec<&str> {
        H1_2023
            .damage
            .iter()
            .filter(|d| d.location.line == line)
            .filter_map(|d| match &d.kind {
                DamageKind::NotANumber { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(nan(137), ["2 (51 472 415", "2 545 111 170", "2 5 4 5 111 170"]);
    assert_eq!(nan(321), ["2 122 004", "1 (01 2(1", "221 050"]);
    assert_eq!(nan(442), ["(5.620)", "(1.050)"]);
    assert_eq!(nan(508), ["2022 RMB (1,356,246) 3,651,473,415"]);
    let oi = table(&H1_2023, 436);
    let gain = row(oi, 442, "Gain on disposal of property and equipment");
    assert_eq!(gain.cells[1].number, None);
    assert_eq!(gain.cells[1].text, "(5.620)");
    assert_eq!(value(&gain.cells[0]), ("3276".into(), 0));
    let d = H1_2023.damage.iter().find(|d| d.location.line == 442).unwrap();
    assert_eq!((d.location.column, d.row), (50, Some(3)));
}

#[test]
fn repeated_label() {
    let d: Vec<_> = H1_2023
        .damage
        .iter()
        .filter(|d| matches!(d.kind, DamageKind::RepeatedLabel { .. }))
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].kind,
        DamageKind::RepeatedLabel {
            label: "- Depreciation and amortization".into()
        }
    );
    assert_eq!(d[0].location.line, 53);
    let ng = table(&H1_2023, 46);
    assert_eq!(
        texts(row(ng, 53, "- Depreciation and amortization")),
        ["310,319", "70,404"]
    );
    // Labels repeated under different headings are not damage.
    assert_eq!(count(&Q2_2025, "repeated_label"), 0);
}

#[test]
fn garbled_header() {
    let g: Vec<(u32, &str)> = H1_2023
        .damage
        .iter()
        .filter_map(|d| match &d.kind {
            DamageKind::GarbledHeader { text } => Some((d.location.line, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        g,
        [
            (18, "For the six ended Ju"),
            (41, "For the six ended Ju"),
            (57, "For the six ended Ju ne 30,"),
            (105, "six months ended Jun 30, 2022"),
            (436, "months ended J"),
        ]
    );
    // Completed from the fully printed "For the six months ended June 30".
    assert_eq!(col(&table(&H1_2023, 18).columns[0]), "D6 2022-06-30 RMB");
    assert_eq!(col(&table(&H1_2023, 436).columns[2]), "D6 2023-06-30 US$");
    // Line 105 prints "2022 | 2022 2023": the header repeated at line 128 is used instead.
    let cl = table(&H1_2023, 104);
    assert_eq!(col(&cl.columns[1]), "D6 2023-06-30 RMB");
}

// ---------------------------------------------------------------------------------------------
// Hostile input

#[test]
fn empty_input() {
    for bytes in [&b""[..], b"   \n\t\n\r\n"] {
        let e = read("empty", bytes).unwrap_err();
        assert_eq!((e.location.line, e.location.column), (1, 1));
        assert_eq!(e.source, "empty");
    }
}

#[test]
fn non_utf8() {
    let e = read("latin1.txt", b"Revenues\t1,234\nCaf\xe9\t5").unwrap_err();
    assert_eq!((e.location.line, e.location.column), (2, 4));
    assert!(e.to_string().starts_with("latin1.txt:2:4: not UTF-8"), "{e}");
    // Column counts characters, not bytes.
    let e = read(
        "x",
        "\u{2014}\u{2014}\n\u{2013}x\u{2013}"
            .bytes()
            .chain([0xff])
            .collect::<Vec<_>>()
            .as_slice(),
    )
    .unwrap_err();
    assert_eq!((e.location.line, e.location.column), (2, 4));
}

#[test]
fn binary() {
    let e = read("bin", b"Revenues\t1,234\nab\0cd").unwrap_err();
    assert_eq!((e.location.line, e.location.column), (2, 3));
    let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
    assert!(read("png", &png).is_err());
    let all: Vec<u8> = (0..=255).collect();
    assert!(read("all", &all).is_err());
}

#[test]
fn ten_megabyte_line() {
    let mut line = "Revenue\t1,234\t".repeat(10 << 20 >> 4);
    line.push('\n');
    let start = Instant::now();
    let f = read("long", line.as_bytes()).unwrap();
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(f.tables.is_empty());
    assert_eq!(f.paragraphs.len(), 1);
    assert_eq!(
        (f.paragraphs[0].location.line, f.paragraphs[0].location.column),
        (1, 1)
    );

    // Ten megabytes of figures in one cell: one token, not a number, located.
    let cell = format!("Revenues\t{}\n", "1".repeat(10 << 20));
    let f = read("long-cell", format!("\t2023\n{}", &cell[..60_000]).as_bytes()).unwrap();
    assert!(matches!(&f.damage[0].kind, DamageKind::NotANumber { .. }));
    assert_eq!((f.damage[0].location.line, f.damage[0].location.column), (2, 10));
}

#[test]
fn ten_thousand_parentheses() {
    for text in [
        "(".repeat(10_000),
        format!("\tRMB\tRMB\nTotal\t{}\t1", "(".repeat(10_000)),
        format!("\tRMB\nTotal\t{}", "( ".repeat(10_000)),
    ] {
        let start = Instant::now();
        let f = read("parens", text.as_bytes()).unwrap();
        assert!(start.elapsed() < Duration::from_secs(5));
        for d in &f.damage {
            assert!(d.location.line >= 1);
        }
    }
    let f = read(
        "parens",
        format!("\tRMB\tRMB\nTotal\t{}\t1", "(".repeat(10_000)).as_bytes(),
    )
    .unwrap();
    assert!(matches!(&f.damage[0].kind, DamageKind::NotANumber { text } if text.len() == 10_000));
}

#[test]
fn wide_rows_list_readings_only_while_few() {
    // 60 columns, 30 figures: C(60, 30) readings are not listed, and that is said.
    let header: String = (0..60).map(|_| "\tRMB").collect();
    let row: String = (0..30).map(|i| format!("\t{i},000")).collect();
    let f = read("wide", format!("{header}\nTotal{row}\n").as_bytes()).unwrap();
    let r = &f.tables[0].rows[0];
    assert!(r.readings.is_empty());
    assert!(f.damage[0].message.contains("too many readings"));
}

/// Inputs aimed at the places where work could grow faster than the input: wide headers,
/// duplicate columns, many garbled or short headers, long merged lines, labels continued line
/// after line, many ambiguous rows.
#[test]
fn adversarial_inputs_stay_fast() {
    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.push((
        "wide header",
        format!("{}\nTotal\t1,000\t2,000\n", "\t2022".repeat(12_000)),
    ));
    cases.push((
        "duplicate columns",
        format!("{}\nTotal\t1,000\n", "\tDec 31, 2022 RMB".repeat(3_000)),
    ));
    let mut garbled = String::from("\tFor the six months ended June 30\n\t2022\nA\t1,000\n");
    let mut short = String::new();
    for i in 0..2_000 {
        garbled +=
            "Other items\n\tFor the six ended Ju\tFor the six ended Ju\n\t2022\t2023\nA\t1,000\t2,000\n";
        short += &format!(
            "Other items\n\tDec 31, {}\n\tRMB\nX\t1,000\t2,000\n",
            1900 + i % 200
        );
    }
    cases.push(("garbled headers", garbled));
    cases.push(("short headers", short));
    cases.push((
        "long merged line",
        format!(
            "\tRMB\tRMB\n{}\t1,000 2,000\t3,000 4,000\n",
            "Income tax payable Amounts due ".repeat(2_000)
        ),
    ));
    cases.push((
        "continued labels",
        format!(
            "\tRMB\nTotal X and\n{}A\t1\n",
            "continued words here\n".repeat(20_000)
        ),
    ));
    cases.push((
        "ambiguous rows",
        format!(
            "{}\n{}",
            "\tRMB".repeat(64),
            format!("X{}\n", "\t1,000".repeat(63)).repeat(1_000)
        ),
    ));
    cases.push(("lower-case rows", "a\t1\n".repeat(20_000)));
    for (name, text) in cases {
        let start = Instant::now();
        let f = read(name, text.as_bytes()).unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name}: {:?}",
            start.elapsed()
        );
        check_invariants(text.as_bytes(), &f);
    }
}

/// What every reading must satisfy, whatever the input.
fn check_invariants(text: &[u8], f: &Filing) {
    let lines = text.split(|&b| b == b'\n').count() as u32;
    for (ti, t) in f.tables.iter().enumerate() {
        let n = t.columns.len();
        assert!(t.lines.0 <= t.lines.1 && t.lines.1 <= lines);
        for r in &t.rows {
            for c in &r.cells {
                assert!(c.location.line >= 1 && c.location.line <= lines && c.location.column >= 1);
                assert!(c.column.is_none_or(|i| i < n));
            }
            for reading in &r.readings {
                assert_eq!(reading.len(), r.cells.len());
                assert!(reading.windows(2).all(|w| w[0] < w[1]) && reading.iter().all(|&i| i < n));
            }
        }
        let _ = ti;
    }
    for d in &f.damage {
        let t = d.table.map(|t| &f.tables[t]);
        if let (Some(t), Some(r)) = (t, d.row) {
            assert!(r < t.rows.len());
        }
        assert!(d.location.line >= 1 && d.location.line <= lines);
    }
}

static FILING_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    [&*Q2_2025_TEXT, &*H1_2023_TEXT]
        .iter()
        .flat_map(|t| {
            std::str::from_utf8(t)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
});

proptest! {
    // 256 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let start = Instant::now();
        if let Ok(f) = read("bytes", &bytes) {
            check_invariants(&bytes, &f);
        }
        prop_assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn never_panics_on_the_filing_alphabet(
        text in "[0-9,.()%\\-_*\t\n aAbBdeEinlmMoRsStTuUJ:$\\\\'\u{2014}\u{2013}]{0,3000}"
    ) {
        let start = Instant::now();
        if let Ok(f) = read("alphabet", text.as_bytes()) {
            check_invariants(text.as_bytes(), &f);
        }
        prop_assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn never_panics_on_printable_unicode(text in "[\\PC\t\n]{0,2000}") {
        let start = Instant::now();
        if let Ok(f) = read("unicode", text.as_bytes()) {
            check_invariants(text.as_bytes(), &f);
        }
        prop_assert!(start.elapsed() < Duration::from_secs(2));
    }

    /// Real lines of both filings, shuffled and cut: headers, merged rows and continuations
    /// meet in every order.
    #[test]
    fn never_panics_on_shuffled_filing_lines(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..400), 0..120)
    ) {
        let mut text = String::new();
        for (i, cut) in picks {
            let line = i.get(&FILING_LINES);
            let cut = line.char_indices().nth(cut).map_or(line.len(), |(b, _)| b);
            text.push_str(&line[..cut]);
            text.push('\n');
        }
        let start = Instant::now();
        if let Ok(f) = read("shuffled", text.as_bytes()) {
            check_invariants(text.as_bytes(), &f);
        }
        prop_assert!(start.elapsed() < Duration::from_secs(2));
    }
}
