//! What the first pass of every front end leaves for the second ([`super::align`]): tables
//! as read ([`Open`]), their rows and figures before alignment. The tab-text reader
//! ([`super::parse`]) and the structured reader ([`super::grid`]) both fill these; the modules
//! below this one (numbers, text tokens, headers) know nothing of them, the ones above never
//! import each other.

use super::header::Header;
use super::{Cell, Location};
use crate::amount::Scale;

/// A figure as read: a [`Cell`] whose column the second pass fills in (so that the cells are
/// not copied into a new vector).
pub(super) type RawTok = Cell;

pub(super) struct RawRow {
    pub(super) label: String,
    pub(super) location: Location,
    pub(super) note: Option<String>,
    pub(super) toks: Vec<RawTok>,
    /// The column of each token as the tabs print it, when that is a reading.
    pub(super) printed: Option<Vec<usize>>,
    /// An empty cell before the first figure.
    pub(super) shifted: bool,
    /// Figures of several rows under fewer labels: no alignment is certain.
    pub(super) irregular: bool,
    /// A line with figures was joined to this row's label (it takes no more lines).
    pub(super) joined: bool,
    /// The column of each token, when the source places them (HTML): the alignment is certain.
    pub(super) certain: Option<Vec<usize>>,
    /// The row's own scale (share counts, per-share figures), when it has one.
    pub(super) scale: Option<crate::amount::Scale>,
}

/// Rows read from one merged line, and the `MergedRows` damage that reports them.
pub(super) struct Group {
    pub(super) rows: Vec<usize>,
    pub(super) damage: usize,
}

pub(super) struct Open {
    pub(super) title: String,
    pub(super) title_location: Location,
    pub(super) unit_line: Option<String>,
    pub(super) scale: Scale,
    pub(super) header: Option<Header>,
    pub(super) rows: Vec<RawRow>,
    pub(super) groups: Vec<Group>,
    pub(super) lines: (u32, u32),
}

impl Open {
    /// The tab cell where a row's first figure is printed.
    pub(super) fn value_start(&self) -> usize {
        match &self.header {
            None => 1,
            Some(h) => {
                let s = h.first_tab.max(1);
                h.notes_tab.map_or(s, |n| s.max(n + 1))
            }
        }
    }
}

/// "1 figure", "3 figures".
pub(super) fn figures(k: usize) -> String {
    if k == 1 {
        "1 figure".to_string()
    } else {
        format!("{k} figures")
    }
}

/// The text cut to 64 characters, an ellipsis marking the cut.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((b, _)) => format!("{}…", &text[..b]),
        None => text.to_string(),
    }
}
