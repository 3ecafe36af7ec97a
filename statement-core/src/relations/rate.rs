//! The exchange rate a filing states for its convenience translation, whatever the sentence's
//! form and whichever two currencies: "RMB7.1636 to US$1.00", "US$1.00 = HK$7.80", "at a rate of
//! RMB0.9 per HK$1.00". Currencies are named by the codes their columns print.
//!
//! ```
//! use statement_core::relations::stated_rate;
//! let r = stated_rate("translated at RMB7.1636 to US$1.00, the noon buying rate", "RMB", "US$").unwrap();
//! assert_eq!(r.rate.to_string(), "7.1636");
//! let r = stated_rate("at US$1.00 = HK$7.80", "HK$", "US$").unwrap();
//! assert_eq!(r.rate.to_string(), "7.80");
//! let r = stated_rate("at a rate of RMB0.9 per HK$1.00", "RMB", "HK$").unwrap();
//! assert_eq!(r.rate.to_string(), "0.9");
//! // Asked the other way round: the inverse.
//! let r = stated_rate("at a rate of RMB0.9 per HK$1.00", "HK$", "RMB").unwrap();
//! assert_eq!(r.rate.round_dp(4).to_string(), "1.1111");
//! assert_eq!(stated_rate("RMB0.0000001 to US$1.00", "RMB", "US$"), None);
//! ```

use rust_decimal::Decimal;

/// A rate a filing states: one unit of `to` is `rate` units of `from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedRate {
    /// The currency a translated figure comes from (`RMB`).
    pub from: String,
    /// The currency it is translated into (`US$`).
    pub to: String,
    /// Units of `from` per unit of `to`.
    pub rate: Decimal,
}

/// Words that may join the two sides of a stated rate.
const JOINS: &[&str] = &["to", "per", "=", "for", ":", "equals", "to each", "for each"];

/// A currency code followed by a figure, in the text.
#[derive(Clone, Debug)]
struct Mention<'a> {
    start: usize,
    end: usize,
    code: &'a str,
    value: Decimal,
}

fn mentions<'a>(text: &str, codes: &[&'a str]) -> Vec<Mention<'a>> {
    let mut out = Vec::new();
    // The bytes a code may start with: other positions are passed over at once.
    let mut firsts = [false; 256];
    // Up to four different first bytes are searched for together (see `next_byte_in`).
    let mut set: Vec<u8> = Vec::with_capacity(codes.len());
    for c in codes {
        if let Some(&b) = c.as_bytes().first() {
            firsts[usize::from(b)] = true;
            if !set.contains(&b) {
                set.push(b);
            }
        }
    }
    let set4 = match *set.as_slice() {
        [a] => Some([a; 4]),
        [a, b] => Some([a, b, b, b]),
        [a, b, c] => Some([a, b, c, c]),
        [a, b, c, d] => Some([a, b, c, d]),
        _ => None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // A code's first byte is ASCII or starts a character, never continues one: whatever
        // byte it is found at starts a character. Other bytes are passed over at once.
        let next = match set4 {
            Some(set) => crate::narrative::next_byte_in(bytes, i, set),
            None => bytes[i..]
                .iter()
                .position(|&b| firsts[usize::from(b)])
                .map(|p| i + p),
        };
        let Some(next) = next else {
            break;
        };
        i = next;
        let rest = &text[i..];
        let start_ok = i == 0 || !text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let found = codes
            .iter()
            .filter(|c| !c.is_empty() && start_ok && rest.starts_with(**c))
            .max_by_key(|c| c.len());
        if let Some(code) = found {
            let after = &rest[code.len()..];
            let trimmed = after.strip_prefix(' ').unwrap_or(after);
            let skipped = after.len() - trimmed.len();
            // The figure's bytes are ASCII: a slice of the text, not a copy.
            let run = trimmed
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
                .count();
            let num = trimmed[..run].trim_end_matches(['.', ',']);
            if let Some(value) = figure(num) {
                let end = i + code.len() + skipped + num.len();
                out.push(Mention {
                    start: i,
                    end,
                    code,
                    value,
                });
                i = end;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The figure of `num` (digits, commas and points) with its commas dropped, as `Decimal`'s
/// parser reads it; the common case without a copy ([`crate::narrative::plain_decimal`]).
fn figure(num: &str) -> Option<Decimal> {
    crate::narrative::plain_decimal(num.bytes()).or_else(|| num.replace(',', "").parse::<Decimal>().ok())
}

/// Every rate among `codes` that `text` states, as written (the side printed as 1 is `to`).
pub fn stated_rates(text: &str, codes: &[&str]) -> Vec<StatedRate> {
    // `US\$` in Markdown extractions is `US$` (copied only where a backslash is printed).
    let text: std::borrow::Cow<'_, str> = if text.as_bytes().contains(&b'\\') {
        text.replace("\\$", "$").into()
    } else {
        text.into()
    };
    let found = mentions(&text, codes);
    let mut out = Vec::new();
    for pair in found.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.code == b.code {
            continue;
        }
        let between = text[a.end..b.start].trim();
        // No join is longer than 8 bytes, and lower-casing shrinks a character to no less than a
        // quarter of its bytes: longer text between the two is no join, and is not lower-cased.
        // An ASCII text is compared without a lower-case copy.
        let join = between.len() <= 32
            && if between.is_ascii() {
                JOINS.iter().any(|j| j.eq_ignore_ascii_case(between))
            } else {
                JOINS.contains(&between.to_lowercase().as_str())
            };
        if !join {
            continue;
        }
        let (from, to, rate) = if b.value == Decimal::ONE {
            (a.code, b.code, a.value)
        } else if a.value == Decimal::ONE {
            (b.code, a.code, b.value)
        } else {
            continue;
        };
        // A rate outside (0.001, 1000) is no exchange rate.
        if rate > Decimal::new(1, 3) && rate < Decimal::from(1000) {
            out.push(StatedRate {
                from: from.into(),
                to: to.into(),
                rate,
            });
        }
    }
    out
}

/// The rate `text` states between `from` and `to`: units of `from` per unit of `to` (inverted
/// when the text states it the other way round).
pub fn stated_rate(text: &str, from: &str, to: &str) -> Option<StatedRate> {
    stated_rates(text, &[from, to]).into_iter().find_map(|r| {
        if r.from == from && r.to == to {
            Some(r)
        } else {
            Some(StatedRate {
                from: from.into(),
                to: to.into(),
                rate: Decimal::ONE.checked_div(r.rate)?,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let r = |t: &str, f: &str, to: &str| stated_rate(t, f, to).map(|r| r.rate.to_string());
        assert_eq!(
            r("RMB7.2513 per US\\$1.00", "RMB", "US$").as_deref(),
            Some("7.2513")
        );
        assert_eq!(r("US$1.00 = HK$7.80", "HK$", "US$").as_deref(), Some("7.80"));
        assert_eq!(r("US$1.00 to HK$ 7.80", "HK$", "US$").as_deref(), Some("7.80"));
        assert_eq!(r("RMB100 million and US$1.00", "RMB", "US$"), None);
        assert_eq!(r("RMB7.1 to US$2.00", "RMB", "US$"), None);
        // A code starting with a multi-byte character, after other text.
        assert_eq!(
            r("été: rate of €0.9214 per US\\$1.00", "€", "US$").as_deref(),
            Some("0.9214")
        );
        // Words between the two figures that are no join.
        assert_eq!(r("RMB7.1636, the noon rate, to US$1.00", "RMB", "US$"), None);
    }

    #[test]
    fn figures_read_without_a_copy_as_the_parser_reads_them() {
        for num in [
            "7.1636",
            "1.00",
            "1",
            "0",
            "007.50",
            "1,000",
            "7.1,636",
            "1,2,3",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567890123456789012",
            "1.2.3",
            ".5",
            "",
            ",",
            "1..2",
            "5.",
            "99999999999999999.9",
            "0.000000000000000001",
        ] {
            let parsed = num.replace(',', "").parse::<Decimal>().ok();
            let got = figure(num);
            assert_eq!(got, parsed, "{num}");
            assert_eq!(got.map(|d| d.to_string()), parsed.map(|d| d.to_string()), "{num}");
        }
    }
}
