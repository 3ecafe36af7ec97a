//! Numbers as printed in value cells: thousands separators, parentheses for negatives, nil
//! markers, percentages, bold markers; currency symbols and codes printed with them.

use rust_decimal::Decimal;

use super::Number;

/// A token of more characters than this is never a number (and is not parsed further).
pub(super) const MAX_TOKEN_CHARS: usize = 64;

/// Why most tokens are not numbers.
const NOT_A_FIGURE: &str =
    "not digits grouped by commas in threes, with an optional sign, decimals or percent sign";

/// More digits than a 96-bit decimal holds in every case.
const MAX_DIGITS: usize = 28;

/// Parses one token as printed; `Err` says, for people, why it is not a number.
///
/// `(1,234)` is -1234, `-9.3%` and `16.8 %` are percentages, `**9,159,435**` is bold,
/// `-`, `—`, `–`, `_` and `nil` are nil. A decimal point followed by exactly three digits
/// (`(5.620)`) is refused: in these tables it is a misread thousands separator, not a decimal.
pub(super) fn parse(token: &str) -> Result<Number, &'static str> {
    match plain(token) {
        Some(n) => Ok(n),
        None => parse_any(token),
    }
}

/// The common figure, read in one pass over its bytes: ASCII digits grouped by commas in threes,
/// decimals (not three of them), in parentheses or not, at most 18 digits. `None` for any other
/// token, which [`parse_any`] reads. Runs of digits are read in a loop of their own.
fn plain(token: &str) -> Option<Number> {
    let (body, negative) = match token.as_bytes() {
        [b'(', inner @ .., b')'] => (inner, true),
        b => (b, false),
    };
    let n = body.len();
    let (mut i, mut mantissa, mut digits) = (0, 0i64, 0usize);
    // The digits from `i` on, added to the value: their count, `None` past 18 digits in all.
    let mut run = |i: &mut usize| {
        let start = *i;
        while let Some(&b) = body.get(*i).filter(|b| b.is_ascii_digit()) {
            if digits == 18 {
                return None;
            }
            digits += 1;
            mantissa = mantissa * 10 + i64::from(b - b'0');
            *i += 1;
        }
        Some(*i - start)
    };
    // The integer part's groups are whole: one to three digits before the first comma (checked
    // at each comma), three after each.
    let mut first = true;
    let decimals = loop {
        let group = run(&mut i)?;
        let whole = if first { group >= 1 } else { group == 3 };
        match body.get(i) {
            Some(b',') if whole && (!first || group <= 3) => {
                first = false;
                i += 1;
            }
            Some(b'.') if whole => {
                i += 1;
                let f = run(&mut i)?;
                if i != n || f == 0 || f == 3 {
                    return None;
                }
                break f as u32;
            }
            None if whole => break 0,
            _ => return None,
        }
    };
    let value = Decimal::new(if negative { -mantissa } else { mantissa }, decimals);
    Some(Number::Value { value, decimals })
}

/// [`plain`] as first written (byte by byte, one state for every byte): the reference the
/// faster one is tested against.
#[cfg(test)]
fn plain_reference(token: &str) -> Option<Number> {
    let (body, negative) = match token.as_bytes() {
        [b'(', inner @ .., b')'] => (inner, true),
        b => (b, false),
    };
    // The value's digits, their count, the digits of the current group, whether no comma was
    // read yet, and the decimals once a point is read.
    let (mut mantissa, mut digits, mut group, mut first, mut frac) = (0i64, 0u32, 0u32, true, None::<u32>);
    // The integer part's groups are whole: one to three digits before the first comma (checked
    // at each comma), three after each.
    let whole = |group: u32, first: bool| if first { group >= 1 } else { group == 3 };
    for &b in body {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return None;
                }
                mantissa = mantissa * 10 + i64::from(b - b'0');
                match frac.as_mut() {
                    Some(f) => *f += 1,
                    None => group += 1,
                }
            }
            b',' if frac.is_none() => {
                if (first && !(1..=3).contains(&group)) || (!first && group != 3) {
                    return None;
                }
                (group, first) = (0, false);
            }
            b'.' if frac.is_none() && whole(group, first) => frac = Some(0),
            _ => return None,
        }
    }
    let decimals = match frac {
        None if whole(group, first) => 0,
        Some(f) if f >= 1 && f != 3 => f,
        _ => return None,
    };
    let value = Decimal::new(if negative { -mantissa } else { mantissa }, decimals);
    Some(Number::Value { value, decimals })
}

/// [`parse`] for any token.
fn parse_any(token: &str) -> Result<Number, &'static str> {
    // Characters are counted only where the bytes could hold more than the limit.
    if token.len() > MAX_TOKEN_CHARS && token.chars().nth(MAX_TOKEN_CHARS).is_some() {
        return Err("longer than 64 characters");
    }
    // A word starting with a letter (most words of a label) is nil or no figure.
    if token.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return if is_nil(token.trim_end()) {
            Ok(Number::Nil)
        } else {
            Err(NOT_A_FIGURE)
        };
    }
    parse_general(token)
}

/// [`parse_any`] for a token of at most [`MAX_TOKEN_CHARS`] characters.
fn parse_general(token: &str) -> Result<Number, &'static str> {
    let mut t = token.trim();
    if let Some(inner) = t.strip_prefix("**").and_then(|s| s.strip_suffix("**")) {
        t = inner.trim();
    }
    if is_nil(t) {
        return Ok(Number::Nil);
    }
    let (t, percent) = match t.strip_suffix('%') {
        Some(s) => (s.trim_end(), true),
        None => (t, false),
    };
    let (body, negative) = if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        (inner, true)
    } else if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        (rest, true)
    } else {
        (t, false)
    };
    let (int, frac) = match body.bytes().position(|b| b == b'.') {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let Some(int_digits) = integer_digits(int) else {
        return Err(NOT_A_FIGURE);
    };
    let frac = match frac {
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(NOT_A_FIGURE);
        }
        Some(f) => f,
        None => "",
    };
    if !percent && frac.len() == 3 {
        return Err("a decimal point where a thousands separator is expected");
    }
    let digits = int_digits + frac.len();
    if digits > MAX_DIGITS {
        return Err("too many digits");
    }
    let mut mantissa: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        if b != b',' {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
    }
    if negative {
        mantissa = -mantissa;
    }
    let decimals = frac.len() as u32;
    let value = Decimal::try_from_i128_with_scale(mantissa, decimals).map_err(|_| "too large")?;
    Ok(if percent {
        Number::Percent { value, decimals }
    } else {
        Number::Value { value, decimals }
    })
}

/// A nil marker: a printed zero.
pub(super) fn is_nil(t: &str) -> bool {
    matches!(t, "-" | "\u{2014}" | "\u{2013}" | "_" | "\u{2212}") || t.eq_ignore_ascii_case("nil")
}

/// Digits, optionally grouped by commas in threes (`1,234,567`): the number of digits, in one
/// pass over the bytes.
fn integer_digits(int: &str) -> Option<usize> {
    let (mut digits, mut group, mut first) = (0usize, 0usize, true);
    for &b in int.as_bytes() {
        if b.is_ascii_digit() {
            digits += 1;
            group += 1;
        } else if b == b',' {
            // The first group has one to three digits, every later one three.
            if (first && !(1..=3).contains(&group)) || (!first && group != 3) {
                return None;
            }
            (group, first) = (0, false);
        } else {
            return None;
        }
    }
    let last_ok = if first { group >= 1 } else { group == 3 };
    last_ok.then_some(digits)
}

/// Whether the token shows it is a printed figure (separator, sign, decimals, percent or bold)
/// rather than a bare number that could be part of a label ("Within 3 months").
pub(super) fn is_figure(token: &str) -> bool {
    token.contains([',', '(', '.', '%', '*'])
}

/// A bare run of ASCII digits.
pub(super) fn bare_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Currency symbols and codes, longest first, with the name a column keeps.
const CURRENCIES: &[(&str, &str)] = &[
    ("U.S.$", "US$"),
    ("US$", "US$"),
    ("USD", "US$"),
    ("HK$", "HK$"),
    ("HKD", "HK$"),
    ("NT$", "NT$"),
    ("RMB", "RMB"),
    ("CNY", "CNY"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("SGD", "SGD"),
    ("CHF", "CHF"),
    ("S$", "S$"),
    ("A$", "A$"),
    ("C$", "C$"),
    ("R$", "R$"),
    ("$", "$"),
    ("\u{20ac}", "EUR"),
    ("\u{a3}", "GBP"),
    ("\u{a5}", "\u{a5}"),
    ("\u{20a9}", "KRW"),
    ("\u{20b9}", "INR"),
];

/// For each byte, the symbols and codes of [`CURRENCIES`] starting with it (bit `i` for the
/// `i`-th).
const CURRENCY_BY_FIRST: [u32; 256] = {
    assert!(CURRENCIES.len() <= 32);
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < CURRENCIES.len() {
        table[CURRENCIES[i].0.as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// The bytes a symbol or code of [`CURRENCIES`] starts with.
const CURRENCY_FIRSTS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < CURRENCIES.len() {
        table[CURRENCIES[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// Whether `b` is the first byte of a currency symbol or code.
pub(super) fn starts_like_currency(b: u8) -> bool {
    CURRENCY_FIRSTS[usize::from(b)]
}

/// A currency symbol or code at the start of `s`, and the rest.
pub(super) fn strip_currency(s: &str) -> (Option<&'static str>, &str) {
    // Most words start with no symbol's first byte: passed over at once.
    let Some(&first) = s.as_bytes().first().filter(|&&b| CURRENCY_FIRSTS[usize::from(b)]) else {
        return (None, s);
    };
    // Only the symbols and codes starting with that byte are tried, in their order.
    let mut tried = CURRENCY_BY_FIRST[usize::from(first)];
    while tried != 0 {
        let (sym, name) = CURRENCIES[tried.trailing_zeros() as usize];
        tried &= tried - 1;
        if let Some(rest) = s.strip_prefix(sym) {
            // A code must not run into a word ("RMBX", "USDollar").
            if sym.chars().all(|c| c.is_ascii_alphabetic())
                && rest.chars().next().is_some_and(char::is_alphabetic)
            {
                continue;
            }
            return (Some(name), rest.trim_start());
        }
    }
    (None, s)
}

/// The currency whose symbol or code is exactly `s` with its ASCII letters upper-cased (as
/// [`strip_currency`] reads an upper-cased word it leaves nothing of: no symbol or code is a
/// prefix of another starting with the same byte).
pub(super) fn currency_upper(s: &[u8]) -> Option<&'static str> {
    let mut tried = CURRENCY_BY_FIRST[usize::from(s.first()?.to_ascii_uppercase())];
    while tried != 0 {
        let (sym, name) = CURRENCIES[tried.trailing_zeros() as usize];
        tried &= tried - 1;
        // (Every symbol and code is upper case.)
        if sym.len() == s.len() && sym.bytes().zip(s).all(|(a, &b)| a == b.to_ascii_uppercase()) {
            return Some(name);
        }
    }
    None
}

/// A currency named anywhere in a header or unit text.
pub(super) fn currency_in(text: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for w in text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '\u{201c}' | '\u{201d}' | '"'))
    {
        let w = w.trim_end_matches("'000");
        if let (Some(c), rest) = strip_currency(w) {
            if rest.is_empty() {
                match found {
                    Some(f) if f != c => return None,
                    _ => found = Some(c),
                }
            }
        }
    }
    let l = text.to_ascii_lowercase();
    let worded = [
        ("u.s. dollar", "US$"),
        ("us dollar", "US$"),
        ("renminbi", "RMB"),
        ("hong kong dollar", "HK$"),
        ("euro", "EUR"),
    ];
    for (word, c) in worded {
        if l.contains(word) {
            match found {
                Some(f) if f != c => return None,
                _ => found = Some(c),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`strip_currency`] as it tried every symbol and code in order.
    fn strip_currency_in_order(s: &str) -> (Option<&'static str>, &str) {
        for (sym, name) in CURRENCIES {
            if let Some(rest) = s.strip_prefix(sym) {
                if sym.chars().all(|c| c.is_ascii_alphabetic())
                    && rest.chars().next().is_some_and(char::is_alphabetic)
                {
                    continue;
                }
                return (Some(name), rest.trim_start());
            }
        }
        (None, s)
    }

    #[test]
    fn plain_figures_read_as_by_the_reference() {
        let mut tokens: Vec<String> = Vec::new();
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            tokens.extend(f.text.split_whitespace().map(str::to_string));
            tokens.extend(f.text.split('\t').map(|t| t.trim().to_string()));
        }
        // Every string of up to five bytes over digits, separators and parentheses.
        let alphabet = b"019,.()";
        let mut layer: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for t in &layer {
                for &c in alphabet {
                    let mut u = t.clone();
                    u.push(c);
                    next.push(u);
                }
            }
            tokens.extend(next.iter().map(|t| String::from_utf8(t.clone()).unwrap()));
            layer = next;
        }
        for t in [
            "999,999,999,999,999,999",
            "9,999,999,999,999,999,999",
            "123456789012345678",
            "1234567890123456789",
            "(1,234.5)",
            "1,234.567",
            "0.1234567890123456789",
            "12345678901234567.8",
            "1,23",
            "1234,567",
            "(",
            "()",
            ")(",
            "1.",
            ".5",
            "1,,234",
            "1,234,",
            "-1",
            "1e5",
            "\u{2212}1",
        ] {
            tokens.push(t.to_string());
        }
        for t in &tokens {
            assert_eq!(plain(t), plain_reference(t), "{t:?}");
        }
        assert!(tokens.len() > 20_000);
    }

    #[test]
    fn words_of_letters_read_as_in_general() {
        let mut words: Vec<&str> = vec!["nil", "NIL", "Nil ", "nil%", "n", "a1,234", "x(1)", "e5", "Z"];
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            words.extend(f.text.split_whitespace());
            words.extend(f.text.split('\t'));
        }
        let mut letters = 0;
        for w in words {
            if w.chars().count() <= MAX_TOKEN_CHARS {
                assert_eq!(parse(w), parse_general(w), "{w:?}");
                letters += usize::from(w.starts_with(|c: char| c.is_ascii_alphabetic()));
            }
        }
        assert_eq!(parse("Nil "), Ok(Number::Nil));
        assert!(letters > 1000, "{letters}");
    }

    #[test]
    fn currencies_tried_by_first_byte_as_in_order() {
        let mut words: Vec<String> = CURRENCIES
            .iter()
            .flat_map(|(sym, _)| {
                [
                    sym.to_string(),
                    format!("{sym}1,234"),
                    format!("{sym} (5.6)"),
                    format!("{sym}X"),
                    format!("{sym}$"),
                ]
            })
            .collect();
        words.extend(
            [
                "U.S.", "US", "S", "HK", "RMBX", "USDollar", "", "C", "$$", "Cost", "Net",
            ]
            .map(String::from),
        );
        for f in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            words.extend(f.text.split_whitespace().map(String::from));
        }
        let mut found = 0;
        for w in &words {
            assert_eq!(strip_currency(w), strip_currency_in_order(w), "{w:?}");
            found += usize::from(strip_currency(w).0.is_some());
        }
        assert_eq!(strip_currency("US$1,234"), (Some("US$"), "1,234"));
        assert_eq!(strip_currency("RMBX"), (None, "RMBX"));
        assert!(found > 100, "{found}");
    }

    fn value(t: &str) -> (String, u32) {
        match parse(t) {
            Ok(Number::Value { value, decimals }) => (value.to_string(), decimals),
            other => panic!("{t}: {other:?}"),
        }
    }

    #[test]
    fn plain_figures_read_as_any_token() {
        let mut tokens: Vec<String> = [
            "0",
            "(0)",
            "()",
            "(",
            ")",
            "1",
            "12",
            "123",
            "1234",
            "1,234",
            "12,345",
            "123,456",
            "1234,567",
            ",123",
            "1,23",
            "1,2345",
            "1,234,",
            "1.5",
            "1.50",
            "1.500",
            "1.5000",
            "(1.5)",
            "1.",
            ".5",
            "1..5",
            "1.2.3",
            "1,234.5",
            "1,234.567",
            "1.2,3",
            "(1,234)",
            "((1))",
            "(1,234",
            "1,234)",
            "-1",
            "1%",
            "12.5%",
            "999999999999999999",
            "1,000,000,000,000,000,000",
            "9999999999999999999",
            "0.000000000000000001",
            "00",
            "007",
            "0,000",
            " 1",
            "1 ",
            "**1**",
            "nil",
            "-",
            "1e5",
            "\u{2212}1",
            "1\u{a0}",
            "\u{663}",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for filing in [crate::kingsoft::H1_2023, crate::kingsoft::Q2_2025] {
            tokens.extend(filing.text.split(['\t', '\n', ' ']).map(str::to_string));
        }
        let mut plain_ones = 0;
        for t in &tokens {
            let got = format!("{:?}", parse(t));
            assert_eq!(got, format!("{:?}", parse_any(t)), "{t:?}");
            if let Some(n) = plain(t) {
                assert_eq!(format!("{:?}", Ok::<_, &str>(n)), got, "{t:?}");
                plain_ones += 1;
            }
        }
        assert!(plain_ones > 1000, "{plain_ones}");
    }

    #[test]
    fn figures() {
        assert_eq!(value("2,648,764"), ("2648764".into(), 0));
        assert_eq!(value("(1,573,433)"), ("-1573433".into(), 0));
        assert_eq!(value("(0.10)"), ("-0.10".into(), 2));
        assert_eq!(value("**9,159,435**"), ("9159435".into(), 0));
        assert_eq!(value("3,649,307,331"), ("3649307331".into(), 0));
        assert_eq!(value("152"), ("152".into(), 0));
        assert_eq!(value("(0)"), ("0".into(), 0));
    }

    #[test]
    fn percentages() {
        for (t, v, d) in [
            ("16.8 %", "16.8", 1),
            ("-18.7 %", "-18.7", 1),
            ("12.1%", "12.1", 1),
            ("176.1%", "176.1", 1),
        ] {
            match parse(t) {
                Ok(Number::Percent { value, decimals }) => {
                    assert_eq!((value.to_string(), decimals), (v.into(), d))
                }
                other => panic!("{t}: {other:?}"),
            }
        }
    }

    #[test]
    fn nil() {
        for t in ["-", "\u{2014}", "\u{2013}", "_", "nil", "NIL"] {
            assert_eq!(parse(t), Ok(Number::Nil), "{t}");
        }
    }

    #[test]
    fn not_numbers() {
        for t in [
            "(5.620)", "(1.050)", "2(1", "(01", "12,34", "1,2345", "1.", ".5", "", "(-5)", "--", "RMB",
            "1,000,", "(1,234",
        ] {
            assert!(parse(t).is_err(), "{t}");
        }
        assert!(parse(&"1".repeat(29)).is_err());
        assert!(parse(&"(".repeat(10_000)).is_err());
        assert!(parse(&"9".repeat(28)).is_ok());
    }
}
