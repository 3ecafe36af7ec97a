//! Helpers shared by the reader's tests: loading a corpus file and showing tables, rows and
//! cells as short strings to compare with.

#![allow(dead_code)] // each test file uses some of them

use statement_core::read::{Column, Filing, Number, Period, Row, Table, read};

/// Reads `tests/data/{dir}/{name}`.
pub fn load(dir: &str, name: &str) -> Filing {
    let path = format!("{}/tests/data/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    read(name, &bytes).unwrap()
}

/// A column as `D3 2024-06-29 $` (duration of 3 months), `I 2024-06-29 $` (instant), `? -`.
pub fn col(c: &Column) -> String {
    let p = match c.period {
        Period::Instant { date } => format!("I {}-{:02}-{:02}", date.year, date.month, date.day),
        Period::Duration { months, end } => {
            format!("D{} {}-{:02}-{:02}", months, end.year, end.month, end.day)
        }
        Period::Unknown => "?".into(),
    };
    format!("{p} {}", c.currency.as_deref().unwrap_or("-"))
}

pub fn cols(t: &Table) -> Vec<String> {
    t.columns.iter().map(col).collect()
}

/// The only table titled `title`.
pub fn titled<'a>(f: &'a Filing, title: &str) -> &'a Table {
    let found: Vec<&Table> = f.tables.iter().filter(|t| t.title == title).collect();
    assert_eq!(found.len(), 1, "tables titled `{title}`");
    found[0]
}

/// The row labelled `label` on `line`.
pub fn row<'a>(t: &'a Table, line: u32, label: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.location.line == line && r.label == label)
        .unwrap_or_else(|| panic!("no row `{label}` at line {line}"))
}

/// Each cell as `text@line:column#column-index`.
pub fn cells(r: &Row) -> Vec<String> {
    r.cells
        .iter()
        .map(|c| {
            format!(
                "{}@{}:{}#{}",
                c.text,
                c.location.line,
                c.location.column,
                c.column.map_or("?".to_string(), |k| k.to_string())
            )
        })
        .collect()
}

pub fn values(r: &Row) -> Vec<String> {
    r.cells
        .iter()
        .map(|c| match c.number {
            Some(Number::Value { value, .. }) => value.to_string(),
            Some(Number::Percent { value, .. }) => format!("{value}%"),
            Some(Number::Nil) => "nil".to_string(),
            None => format!("!{}", c.text),
        })
        .collect()
}
