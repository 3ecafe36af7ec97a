//! [`Text`]: an immutable string shared by reference count, for the names and labels that many
//! checks and cells of one filing repeat (a check's id, a column's label, a row's label).
//!
//! A short one (a figure as printed, a column's label: up to 23 bytes) is held in place: making,
//! cloning and dropping it allocate nothing and count no references. A longer one is shared by
//! reference count: cloning it copies a pointer, never the characters, so a filing's thousands
//! of checks and their re-checks during explanation share a few hundred strings.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// An immutable, cheaply cloned string. It reads as a `&str` (`Deref`), compares with `str`,
/// `&str` and `String`, and serialises as a plain string.
///
/// ```
/// use statement_core::Text;
/// let label = Text::from("Jun 30, 2025 RMB");
/// let copy = label.clone(); // shares the characters
/// assert_eq!(copy, "Jun 30, 2025 RMB");
/// assert!(label.starts_with("Jun"));
/// assert_eq!(label.as_str().len(), 16);
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(smol_str::SmolStr);

impl Text {
    /// The characters.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(smol_str::SmolStr::new(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(smol_str::SmolStr::new(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(smol_str::SmolStr::new(s))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.0.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.0.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.0.as_str()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}
