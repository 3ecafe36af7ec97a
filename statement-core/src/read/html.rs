//! The HTML front end: `<table>` elements read into grids (colspan and rowspan placed, inline
//! XBRL tags and `&nbsp;` seen through, `<sup>` footnote markers kept apart) and the text between
//! tables into blocks, each located at the line and column of its element.
//!
//! The tokenizer is html5ever's (the servo parser's, tolerant of the malformed markup EDGAR is
//! full of). No tree is built: a table is a flat sequence of rows and cells, and a cell left open
//! is closed by the next one, as browsers do.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts, states::RawKind,
};

use super::grid::{Block, GCell, GRow, GTable, Locator};

/// Most columns a cell may span, and most columns of a table.
const MAX_SPAN: usize = 64;
const MAX_COLUMNS: usize = 4096;

/// Whether the text is HTML: it starts with markup and holds a `<table`, `<html` or `<body`.
pub(super) fn is_html(text: &str) -> bool {
    let start = text.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(4096).collect::<String>().to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<table")
        || head.contains("<body")
}

struct CellB {
    text: String,
    notes: String,
    at: usize,
    col: usize,
    span: usize,
}

#[derive(Default)]
struct TableB {
    at: usize,
    rows: Vec<GRow>,
    row: Option<(usize, Vec<GCell>)>,
    cell: Option<CellB>,
    /// For each column, how many more rows a rowspan above occupies it.
    down: Vec<u32>,
    next_col: usize,
}

#[derive(Default)]
struct State {
    /// Byte offset of the chunk being fed, and of the last tag seen.
    tag_at: usize,
    chunk_at: usize,
    /// Depth inside elements whose text is not shown (head, script, style, ix:header).
    hidden: usize,
    sup: usize,
    text: String,
    text_at: Option<usize>,
    tables: Vec<TableB>,
    blocks: Vec<Block>,
}

struct Sink<'a> {
    state: RefCell<State>,
    locator: &'a Locator,
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "center"
            | "section"
            | "article"
            | "body"
            | "hr"
            | "br"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
    )
}

fn is_hidden_tag(name: &str) -> bool {
    matches!(
        name,
        "head" | "script" | "style" | "title" | "ix:header" | "noscript" | "template"
    )
}

impl State {
    fn flush_text(&mut self, locator: &Locator) {
        let text: String = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.text.clear();
        if let Some(at) = self.text_at.take() {
            if !text.is_empty() {
                self.blocks.push(Block::Text(text, locator.loc(at)));
            }
        }
    }

    fn close_cell(&mut self, locator: &Locator) {
        let Some(t) = self.tables.last_mut() else { return };
        let Some(c) = t.cell.take() else { return };
        if t.row.is_none() {
            t.row = Some((c.at, Vec::new()));
        }
        if let Some((_, cells)) = t.row.as_mut() {
            let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let notes = c.notes.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() || !notes.is_empty() {
                cells.push(GCell {
                    text,
                    notes,
                    location: locator.loc(c.at),
                    col: Some((c.col, c.span)),
                });
            }
        }
    }

    fn close_row(&mut self, locator: &Locator) {
        self.close_cell(locator);
        let Some(t) = self.tables.last_mut() else { return };
        if let Some((at, cells)) = t.row.take() {
            for d in t.down.iter_mut() {
                *d = d.saturating_sub(1);
            }
            t.next_col = 0;
            t.rows.push(GRow {
                cells,
                location: locator.loc(at),
            });
        }
    }

    fn open_cell(&mut self, at: usize, colspan: usize, rowspan: usize) {
        let Some(t) = self.tables.last_mut() else { return };
        if t.row.is_none() {
            t.row = Some((at, Vec::new()));
            t.next_col = 0;
        }
        let mut col = t.next_col;
        while t.down.get(col).is_some_and(|&d| d > 0) {
            col += 1;
        }
        let span = colspan.clamp(1, MAX_SPAN);
        let col = col.min(MAX_COLUMNS);
        if rowspan > 1 {
            let end = (col + span).min(MAX_COLUMNS);
            if t.down.len() < end {
                t.down.resize(end, 0);
            }
            for d in &mut t.down[col..end] {
                // Counted down when this row closes.
                *d = (*d).max(rowspan.min(1 << 16) as u32);
            }
        }
        t.next_col = (col + span).min(MAX_COLUMNS);
        t.cell = Some(CellB {
            text: String::new(),
            notes: String::new(),
            at,
            col,
            span,
        });
    }

    fn close_table(&mut self, locator: &Locator) {
        self.close_row(locator);
        if let Some(t) = self.tables.pop() {
            if !t.rows.is_empty() {
                self.blocks.push(Block::Table(GTable {
                    rows: t.rows,
                    location: locator.loc(t.at),
                }));
            }
        }
    }

    fn tag(
        &mut self,
        locator: &Locator,
        kind: TagKind,
        name: &str,
        attrs: &[html5ever::Attribute],
        closing: bool,
    ) {
        let at = self.tag_at;
        if is_hidden_tag(name) {
            match kind {
                TagKind::StartTag if !closing => self.hidden += 1,
                TagKind::EndTag => self.hidden = self.hidden.saturating_sub(1),
                TagKind::StartTag => {}
            }
            return;
        }
        if self.hidden > 0 {
            return;
        }
        let attr = |n: &str| {
            attrs
                .iter()
                .find(|a| &*a.name.local == n)
                .and_then(|a| a.value.trim().parse::<usize>().ok())
                .unwrap_or(1)
        };
        let in_table = !self.tables.is_empty();
        match (kind, name) {
            (TagKind::StartTag, "table") => {
                if !in_table {
                    self.flush_text(locator);
                }
                self.tables.push(TableB {
                    at,
                    ..TableB::default()
                });
            }
            (TagKind::EndTag, "table") if in_table => self.close_table(locator),
            (TagKind::StartTag, "tr") if in_table => {
                self.close_row(locator);
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some((at, Vec::new()));
                    t.next_col = 0;
                }
            }
            (TagKind::EndTag, "tr") if in_table => self.close_row(locator),
            (TagKind::StartTag, "td" | "th") if in_table => {
                self.close_cell(locator);
                self.open_cell(at, attr("colspan"), attr("rowspan"));
                if closing {
                    self.close_cell(locator);
                }
            }
            (TagKind::EndTag, "td" | "th") if in_table => self.close_cell(locator),
            (TagKind::StartTag, "sup") if !closing => self.sup += 1,
            (TagKind::EndTag, "sup") => self.sup = self.sup.saturating_sub(1),
            (_, n) if is_block_tag(n) => {
                if in_table {
                    self.push_text(" ");
                } else {
                    self.flush_text(locator);
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(t) = self.tables.last_mut() {
            if let Some(c) = t.cell.as_mut() {
                if self.sup > 0 {
                    c.notes.push(' ');
                    c.notes.push_str(s);
                } else {
                    c.text.push_str(s);
                }
            }
            return;
        }
        if self.text_at.is_none() {
            if s.trim().is_empty() {
                return;
            }
            self.text_at = Some(self.tag_at);
        }
        if self.sup > 0 {
            self.text.push(' ');
        }
        self.text.push_str(s);
    }
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                st.tag_at = st.chunk_at;
                let name = &*tag.name;
                st.tag(self.locator, tag.kind, name, &tag.attrs, tag.self_closing);
                if tag.kind == TagKind::StartTag && !tag.self_closing {
                    match name {
                        "script" | "style" | "noscript" | "template" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => {}
                    }
                }
            }
            Token::CharacterTokens(s) if st.hidden == 0 => st.push_text(&s),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Reads HTML into blocks: tables and the text between them, in document order.
pub(super) fn blocks(text: &str, locator: &Locator) -> Vec<Block> {
    let sink = Sink {
        state: RefCell::new(State::default()),
        locator,
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    // Fed a tag at a time, so that every tag is located at its `<`.
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < bytes.len() {
        let end = memchr_lt(bytes, start + 1).unwrap_or(bytes.len());
        tok.sink.state.borrow_mut().chunk_at = start;
        input.push_back(StrTendril::from_slice(&text[start..end]));
        while !input.is_empty() {
            let _ = tok.feed(&input);
        }
        start = end;
    }
    tok.end();
    let mut st = tok.sink.state.into_inner();
    while !st.tables.is_empty() {
        st.close_table(locator);
    }
    st.flush_text(locator);
    st.blocks
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::super::Location;
    use super::*;

    #[test]
    fn cells_placed_with_spans() {
        let html = "<html><body><p>BALANCE SHEETS</p>\n<table><tr><td rowspan=2>A</td><td colspan=2>x</td></tr>\n\
                    <tr><td>1&#160;</td><td><ix:nonFraction>2</ix:nonFraction><sup>(1)</sup></td></tr></table></body></html>";
        let loc = Locator::new(html);
        let b = blocks(html, &loc);
        assert_eq!(b.len(), 2);
        let Block::Text(t, at) = &b[0] else { panic!() };
        assert_eq!((t.as_str(), at.line), ("BALANCE SHEETS", 1));
        let Block::Table(t) = &b[1] else { panic!() };
        type Placed = Vec<(String, Option<(usize, usize)>)>;
        let cols: Vec<Placed> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.text.clone(), c.col)).collect())
            .collect();
        assert_eq!(
            cols,
            [
                vec![("A".to_string(), Some((0, 1))), ("x".to_string(), Some((1, 2)))],
                vec![("1".to_string(), Some((1, 1))), ("2".to_string(), Some((2, 1)))],
            ]
        );
        assert_eq!(t.rows[1].cells[1].notes, "(1)");
        assert_eq!(t.rows[1].cells[0].location, Location { line: 3, column: 5 });
    }
}
