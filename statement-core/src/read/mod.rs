//! Reading filing text into located tables, with every kind of extraction damage reported.
//!
//! CONTRACT (types below are shared with `bind`; the reader fills them):
//! - every line and column is 1-based; columns count `char`s;
//! - a table's `columns` are what its header promises (when rows show more value columns than the
//!   header, the table has the larger count and a `HeaderShort` damage);
//! - a row's `cells` are the numeric tokens printed on its line(s), in order; `cells[i].column` is
//!   the column index when the alignment is certain, `None` when it is ambiguous (then `readings`
//!   lists every possible alignment, each a vector of column indices, one per cell).
//!
//! # Input forms
//!
//! [`read`] tells the form apart by content and every form ends in the same located tables:
//!
//! - **HTML** (SEC 10-K, 10-Q, 8-K and 6-K exhibits): `<table>` read with html5ever's tokenizer,
//!   colspan and rowspan placed, inline XBRL tags and `&nbsp;` seen through, `<sup>` markers kept
//!   apart ([`DamageKind::FootnoteMarker`]); a cell is located at its `<td>` (line and column);
//!   the text between tables is kept as paragraphs and gives titles and unit lines.
//! - **Pipe tables**, one row per line (Markdown and similar), or rows broken over lines with
//!   their cells continued (HTML turned into text); **one cell per line**, with `$`, `)` and `%`
//!   on lines of their own.
//! - **Space-aligned text**, as `pdftotext -layout` writes PDF pages: a table's value columns
//!   are found from the gaps its figures leave (the rows printing every figure give the columns,
//!   every other token goes to the column it overlaps), a header phrase centred over several
//!   columns spans them, `$` apart from its figure joins it, a label broken over lines is one
//!   row; a page break (`\f`) closes a table, and a table going on at the top of the next page
//!   without a header of its own is joined to it, the page's footer and header kept as text.
//! - **Tab-separated text** (below).
//!
//! The structured forms share one reader: figures put together across cells (`$ | 1,234`,
//! `(40,946 | )`, `(4.2 | %)`), any currency symbol or code, headers over several rows read
//! column by column ("Quarter Ended June 30," over "2026 | 2025 | 2026 | 2025"; Three/Six/Nine
//! Months Ended, Years ended, 13/39 Weeks Ended, As of, dates day first), units with share
//! counts and per-share figures at their own scale ([`Row::scale`]); a column whose period
//! cannot be read is reported as [`DamageKind::GarbledHeader`]. A column headed by a year alone
//! ("2024") is read as the period the filing states for that year: a date of that year in the
//! table's caption ("as of September 28, 2024 and ..."), or, for a caption speaking of the
//! years themselves ("for 2024, 2023 and 2022"), the one fiscal year ending that year that the
//! filing's headers name; otherwise it stays unread. A table's title is printed next to it:
//! a heading above narrative paragraphs heads them, not the table. A line where a whole table
//! collapsed is reported as [`DamageKind::CollapsedTable`] and read neither as a table nor as
//! narrative.
//!
//! # What the reader understands in tab-separated text
//!
//! The text is what PDF or HTML extraction leaves: tab-separated cells, sometimes spaces only.
//!
//! - **Tables** start at a column header and end at narrative text, a unit line, a title followed
//!   by a header, or the end of the file. A table's title is the nearest preceding heading or
//!   introducing sentence ("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS", "The following table
//!   presents the Group's other loss, net:"); a company name printed before the title on the
//!   same line is dropped. A header repeated after a page break with the same columns continues
//!   the table.
//! - **Units**: a unit line ("(All amounts in thousands ...)", "(Amounts in thousands of Renminbi
//!   ...)") or `RMB'000` in the header make money figures thousands; a unit line stays in force
//!   for later money tables that print none; tables without currency columns (employees,
//!   margins) are in units.
//! - **Headers** over one or several lines, blank lines between them allowed: period ends
//!   (`Jun 30, 2025`), durations (`Three Months Ended`, `For the six months ended June 30`, also
//!   split across cells), year rows, currency rows (`RMB`, `US\$` read as `US$`, `RMB'000`,
//!   `<i>RMB</i>`), a `Notes` column (its figures go to [`Row::note`]). A garbled duration
//!   (`For the six ended Ju`) is completed from the filing's other headers when exactly one fits,
//!   and reported as [`DamageKind::GarbledHeader`] either way.
//! - **Rows**: a label and its figures ([`Number`]), labels broken over lines joined (a line
//!   starting in lower case, a label ending in a connecting word, a name going on in capitals,
//!   figures alone on the next line), section headings kept as rows without cells, figures
//!   printed after the label without tabs (`Total equity **5,505,320** ...`).
//! - **Damage** is located and named, never repaired silently: see [`DamageKind`]. A line of
//!   unreadable words without figures inside a table is kept as a row without cells and not
//!   reported (it cannot be told from a section heading).
//! - **Narrative**: lines of prose outside tables are kept as [`Paragraph`]s, a sentence broken
//!   over a blank line joined.
//!
//! Reading is linear in the input: tokens of more than 64 characters are never numbers, lines
//! over 64 KiB are kept as paragraphs, and readings are listed only while their number stays
//! small (4,096 per row, and in all four words of memory an input byte, 512 KiB for a short
//! input).

mod align;
mod grid;
mod header;
mod html;
mod layout;
mod lines;
mod number;
mod open;
mod parse;
mod text;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, Precision, Scale};

/// A position in the filing text: 1-based line and 1-based column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// A calendar date as printed in a column header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
}

impl Date {
    /// The English month names, lower case, January first.
    pub const MONTH_NAMES: [&'static str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];

    /// The last day of a month.
    ///
    /// ```
    /// use statement_core::read::Date;
    /// assert_eq!(Date::month_end(2024, 2), Date { year: 2024, month: 2, day: 29 });
    /// ```
    pub fn month_end(year: i32, month: u8) -> Date {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let day = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        Date { year, month, day }
    }

    /// The last day of the month `months` before this date's month: the balance date a flow of
    /// `months` months ending here starts from.
    ///
    /// ```
    /// use statement_core::read::Date;
    /// let q2 = Date { year: 2025, month: 6, day: 30 };
    /// assert_eq!(q2.months_before(3), Date { year: 2025, month: 3, day: 31 });
    /// assert_eq!(q2.months_before(6), Date { year: 2024, month: 12, day: 31 });
    /// ```
    pub fn months_before(self, months: u8) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 - i32::from(months);
        Date::month_end(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
    }
}

/// The period a column reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// A balance at a date ("Dec 31, 2024").
    Instant {
        /// The date.
        date: Date,
    },
    /// A flow over `months` months ending at `end` ("Three Months Ended Jun 30, 2025").
    Duration {
        /// Length in months (3, 6, 12).
        months: u8,
        /// End date.
        end: Date,
    },
    /// The header did not say.
    Unknown,
}

/// One value column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The period.
    pub period: Period,
    /// The currency code as printed and normalised (`RMB`, `US$`), if any.
    pub currency: Option<String>,
    /// Where the header names this column (its date or currency token), if it does.
    pub location: Option<Location>,
}

/// A number as printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Number {
    /// A figure: value in printed units, decimals printed (`(1,234)` is -1234 with 0 decimals).
    Value {
        /// The value.
        value: Decimal,
        /// Decimal places printed.
        decimals: u32,
    },
    /// A percentage (`16.8 %` is 16.8 with 1 decimal).
    Percent {
        /// The value in percent.
        value: Decimal,
        /// Decimal places printed.
        decimals: u32,
    },
    /// A nil marker ("-", "—", "_", "nil"): a printed zero.
    Nil,
}

/// One numeric token of a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The token exactly as printed.
    pub text: crate::text::Text,
    /// The parsed number, `None` when the token is not a number (then a `NotANumber` damage
    /// points at it).
    pub number: Option<Number>,
    /// Where the token starts.
    pub location: Location,
    /// The column it belongs to, when the alignment is certain.
    pub column: Option<usize>,
}

impl Cell {
    /// The cell as an [`Amount`] at the given scale (nil is zero at the table's precision).
    pub fn amount(&self, precision: Precision) -> Option<Amount> {
        match self.number? {
            Number::Value { value, decimals } | Number::Percent { value, decimals } => {
                Some(Amount::new(value, Precision::new(precision.scale, decimals)))
            }
            Number::Nil => Some(Amount::new(Decimal::ZERO, precision)),
        }
    }
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The label as printed (continuation lines joined with a space, bold markers removed).
    pub label: String,
    /// Where the label starts (its first line).
    pub location: Location,
    /// A note reference printed in a "Notes" column, if any.
    pub note: Option<String>,
    /// The numeric tokens, in order.
    pub cells: Vec<Cell>,
    /// Every possible alignment of `cells` to columns; one entry when certain (`[[]]` for a row
    /// without cells). Ambiguous rows list every order-preserving placement, in lexicographic
    /// order, except that a [`DamageKind::ShiftedRow`] lists the reading as printed first. Empty
    /// when no placement exists (more cells than columns, merged rows) or when there are too
    /// many to list (the row's damage says so).
    pub readings: Vec<Vec<usize>>,
    /// When this row shares its line with another row (merged rows), the labels it was split
    /// from, in order: every label read from that line, this row's own included; empty
    /// otherwise. A line whose figures belong to more than one row under a single label gives
    /// that one label.
    pub merged_with: Vec<String>,
    /// The scale of this row's figures when it is not the table's money scale: share counts at
    /// the scale the unit line gives them ("shares in thousands"), per-share figures in units.
    /// `None` for money rows (then [`Table::precision`] holds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
}

/// A statement or note table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    /// The title as printed ("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS").
    pub title: String,
    /// Where the title is.
    pub title_location: Location,
    /// The unit line as printed, if any ("(All amounts in thousands)").
    pub unit_line: Option<String>,
    /// The precision of money figures in this table.
    pub precision: Precision,
    /// The value columns.
    pub columns: Vec<Column>,
    /// The rows, in printed order (section headings without values included, with no cells).
    pub rows: Vec<Row>,
    /// The first and last line of the table.
    pub lines: (u32, u32),
}

/// A paragraph of narrative text, kept for later checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Where it starts.
    pub location: Location,
    /// The text (lines of one sentence broken over several lines are joined with a space).
    pub text: String,
    /// Where each joined line starts: (character offset in `text`, location in the file).
    pub lines: Vec<(usize, Location)>,
}

impl Paragraph {
    /// The file location of the character at `offset` (counted in characters) of the text.
    ///
    /// ```
    /// use statement_core::read::read;
    /// let f = read("p.txt", b"Revenue was RMB2.0 million and\ngrew by RMB1.5 million.\n").unwrap();
    /// let p = &f.paragraphs[0];
    /// let at = p.text.chars().position(|c| c == '1').unwrap();
    /// let loc = p.location_at(at);
    /// assert_eq!((loc.line, loc.column), (2, 12));
    /// ```
    pub fn location_at(&self, offset: usize) -> Location {
        let (start, at) = self
            .lines
            .iter()
            .rev()
            .find(|(o, _)| *o <= offset)
            .copied()
            .unwrap_or((0, self.location));
        Location {
            line: at.line,
            column: at
                .column
                .saturating_add(u32::try_from(offset - start).unwrap_or(u32::MAX)),
        }
    }
}

/// A kind of extraction damage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DamageKind {
    /// A row with fewer cells than the header has columns; which column is missing is ambiguous.
    MissingCells {
        /// Columns the header promises.
        expected: usize,
        /// Cells found.
        found: usize,
    },
    /// A header with fewer columns than its rows have cells.
    HeaderShort {
        /// Columns named by the header.
        header: usize,
        /// Cells in the fullest rows.
        rows: usize,
    },
    /// A row whose cells start one column late: an empty leading cell.
    ShiftedRow,
    /// Two or more rows printed on one line.
    MergedRows {
        /// The labels found on the line.
        labels: Vec<String>,
    },
    /// A token in a value position that is not a number.
    NotANumber {
        /// The token.
        text: String,
    },
    /// A label printed twice in one table with different values.
    RepeatedLabel {
        /// The label.
        label: String,
    },
    /// A column header that cannot be read as printed: a duration or date cut short
    /// ("For the six ended Ju"), two columns naming the same period and currency, header lines
    /// disagreeing on the number of columns. The message says how the columns were read (a
    /// garbled duration is completed from the filing's other headers when exactly one fits,
    /// else its period is [`Period::Unknown`]).
    GarbledHeader {
        /// The header text in question.
        text: String,
    },
    /// A footnote marker printed with a figure (`<sup>(1)</sup>` after `1,234`): the figure is
    /// read without it.
    FootnoteMarker {
        /// The marker.
        text: String,
    },
    /// A table collapsed onto one line of text (labels glued to the figures before them): its
    /// figures cannot be placed in rows and columns, so no table is read from it.
    CollapsedTable {
        /// Figures found on the line.
        figures: usize,
    },
}

impl DamageKind {
    /// The kind's short name, as used in `parse:<name>` check ids.
    ///
    /// ```
    /// use statement_core::read::DamageKind;
    /// assert_eq!(DamageKind::ShiftedRow.name(), "shifted_row");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            DamageKind::MissingCells { .. } => "missing_cells",
            DamageKind::HeaderShort { .. } => "header_short",
            DamageKind::ShiftedRow => "shifted_row",
            DamageKind::MergedRows { .. } => "merged_rows",
            DamageKind::NotANumber { .. } => "not_a_number",
            DamageKind::RepeatedLabel { .. } => "repeated_label",
            DamageKind::GarbledHeader { .. } => "garbled_header",
            DamageKind::FootnoteMarker { .. } => "footnote_marker",
            DamageKind::CollapsedTable { .. } => "collapsed_table",
        }
    }
}

/// Damage found while reading, located in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Damage {
    /// What is wrong.
    pub kind: DamageKind,
    /// Where.
    pub location: Location,
    /// The table it is in (index into [`Filing::tables`]), if any.
    pub table: Option<usize>,
    /// The row it is in (index into that table's rows), if any.
    pub row: Option<usize>,
    /// A sentence for people.
    pub message: String,
}

/// A filing read into tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Filing {
    /// Where the text came from (a path or a bundled name).
    pub source: String,
    /// The tables, in printed order.
    pub tables: Vec<Table>,
    /// Narrative paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Every damage found.
    pub damage: Vec<Damage>,
}

/// Why a filing could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Where the text came from.
    pub source: String,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl core::fmt::Display for ReadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.source, self.location.line, self.location.column, self.message
        )
    }
}

impl std::error::Error for ReadError {}

/// Reads filing text (bytes, which must be UTF-8) into tables.
///
/// `source` names the text in the result and in errors (a path or a bundled name).
///
/// # Errors
///
/// A [`ReadError`] locating the first byte that is not UTF-8, the first control character
/// other than tab, line feed, carriage return and form feed (binary data), or saying that the
/// text is empty. Everything else reads, damage reported in [`Filing::damage`].
///
/// # Examples
///
/// ```
/// use statement_core::read::{read, DamageKind, Number, Period};
///
/// let text = "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS\n\
///             (All amounts in thousands)\n\
///             \n\
///             \tDec 31, 2024\tJun 30, 2025\tJun 30, 2025\n\
///             \tRMB\tRMB\tUS\\$\n\
///             Short-term investments\t90,422\t\u{2014}\t\u{2014}\n\
///             Treasury shares\t(105,478)\t(79,316)\n";
/// let filing = read("example.txt", text.as_bytes()).unwrap();
/// let table = &filing.tables[0];
/// assert_eq!(table.title, "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS");
/// assert_eq!(table.columns.len(), 3);
/// assert_eq!(table.columns[2].currency.as_deref(), Some("US$"));
/// assert!(matches!(table.columns[0].period, Period::Instant { date } if date.year == 2024));
///
/// let investments = &table.rows[0];
/// assert_eq!(investments.cells[1].number, Some(Number::Nil));
/// assert_eq!(investments.cells[0].location.line, 6);
///
/// // Two figures for three columns: which one is missing is ambiguous.
/// let treasury = &table.rows[1];
/// assert_eq!(treasury.cells[0].column, None);
/// assert_eq!(treasury.readings, [vec![0, 1], vec![0, 2], vec![1, 2]]);
/// assert!(matches!(filing.damage[0].kind, DamageKind::MissingCells { expected: 3, found: 2 }));
///
/// // Not UTF-8: the error says where.
/// let err = read("bad.txt", b"ok\n\tx\xff").unwrap_err();
/// assert_eq!((err.location.line, err.location.column), (2, 3));
/// ```
pub fn read(source: &str, bytes: &[u8]) -> Result<Filing, ReadError> {
    let text = decode(source, bytes)?;
    if html::is_html(text) {
        let locator = grid::Locator::new(text);
        let blocks = html::blocks(text, &locator);
        return Ok(grid::read_blocks(source, blocks, budget(text)));
    }
    // Tab-separated text is told from the lines the parser reads.
    let mut parser = match parse::Parser::tabbed(text) {
        Some(parser) => parser,
        None => {
            let form = lines::detect(text);
            if form != lines::Form::Tabbed {
                let blocks = lines::blocks(text, form);
                return Ok(grid::read_blocks(source, blocks, budget(text)));
            }
            parse::Parser::new(text)
        }
    };
    parser.run();
    Ok(parser.finish(source))
}

/// Reading elements that may still be listed (keeps memory linear in the input).
pub(crate) fn budget(text: &str) -> usize {
    (1 << 20) + text.len().saturating_mul(8)
}

/// The location just after `prefix`.
fn end_of(prefix: &str) -> Location {
    let line = prefix.bytes().filter(|&b| b == b'\n').count() + 1;
    let last = prefix.rfind('\n').map_or(prefix, |i| &prefix[i + 1..]);
    Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(last.chars().count() + 1).unwrap_or(u32::MAX),
    }
}

/// A control byte that is not white space (tab, line feed, form feed, carriage return).
fn is_control(b: u8) -> bool {
    b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The offset of the first [`is_control`] byte: blocks of 64 bytes are tested with a count the
/// compiler turns into vector instructions, and only a block holding one is searched.
fn first_control(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(64);
    let mut base = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(0u8, |a, &b| a | u8::from(is_control(b))) != 0 {
            return chunk.iter().position(|&b| is_control(b)).map(|p| base + p);
        }
        base += 64;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| is_control(b))
        .map(|p| base + p)
}

/// Checks the bytes are text: UTF-8, no control characters but tab, line feed, carriage return
/// and form feed, not empty. A leading byte order mark is skipped.
fn decode<'a>(source: &str, bytes: &'a [u8]) -> Result<&'a str, ReadError> {
    let error = |location, message| ReadError {
        source: source.to_string(),
        location,
        message,
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            return Err(error(
                end_of(good),
                format!("not UTF-8: byte 0x{byte:02X} does not start a valid character"),
            ));
        }
    };
    // A control character is one ASCII byte, never part of another character: bytes are looked
    // at, not characters.
    if let Some(i) = first_control(text.as_bytes()) {
        return Err(error(
            end_of(&text[..i]),
            format!("binary data: control character U+{:04X}", text.as_bytes()[i]),
        ));
    }
    if text.trim().is_empty() {
        return Err(error(
            Location { line: 1, column: 1 },
            "the filing is empty".to_string(),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_found_as_by_position() {
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"\x01".to_vec(), b"a\tb\r\n\x0c".to_vec()];
        for at in [0, 1, 63, 64, 65, 127, 128, 200] {
            for bad in [0u8, 0x0b, 0x1b, 0x1f] {
                let mut t = vec![b'x'; 201];
                t[at] = bad;
                t[at.saturating_sub(1)] = b'\t';
                texts.push(t);
            }
        }
        texts.push(crate::kingsoft::H1_2023.text.as_bytes().to_vec());
        for t in &texts {
            assert_eq!(first_control(t), t.iter().position(|&b| is_control(b)), "{t:?}");
        }
        assert_eq!(first_control(&texts[texts.len() - 2]), Some(200));
    }
}
