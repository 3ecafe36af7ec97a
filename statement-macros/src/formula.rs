//! The formula grammar, parsed from Rust tokens so that an error underlines the one wrong token:
//!
//! ```text
//! formula := ["-"] term (("+" | "-") term)*
//! term    := IDENT | INT "*" IDENT
//! rule    := IDENT ":" formula "==" formula
//! ```
//!
//! A formula ends at the end of its attribute, at a `,` or at `==`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitFloat, LitInt, Token};

/// A weighted sum of line items, as written.
pub struct Formula {
    pub terms: Vec<Term>,
}

/// One term as written: `x`, `- x`, `2 * x`. Repeated names are summed later, in `valid`.
pub struct Term {
    pub weight: i64,
    pub name: Ident,
}

/// `name: left == right`.
pub struct Rule {
    pub name: Ident,
    pub left: Formula,
    pub right: Formula,
}

/// Where a formula stops: the end of the attribute, the next key, or the other side of a rule.
pub fn at_end(input: ParseStream) -> bool {
    input.is_empty() || input.peek(Token![,]) || input.peek(Token![==])
}

impl Parse for Formula {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if at_end(input) {
            return Err(syn::Error::new(
                input.span(),
                "empty formula: expected the line items it sums, as in `a + b - c`",
            ));
        }
        let mut terms = Vec::new();
        let mut sign = 1;
        // The operator before the term to parse, for "expected a line item after `+`".
        let mut op: Option<(Span, char)> = None;
        if input.peek(Token![-]) {
            let minus: Token![-] = input.parse()?;
            sign = -1;
            op = Some((minus.span, '-'));
        }
        loop {
            terms.push(parse_term(input, sign, op)?);
            if at_end(input) {
                return Ok(Formula { terms });
            }
            if input.peek(Token![+]) {
                let plus: Token![+] = input.parse()?;
                sign = 1;
                op = Some((plus.span, '+'));
            } else if input.peek(Token![-]) {
                let minus: Token![-] = input.parse()?;
                sign = -1;
                op = Some((minus.span, '-'));
            } else if input.peek(Token![*]) {
                let star: Token![*] = input.parse()?;
                return Err(syn::Error::new(
                    star.span,
                    "unsupported operator `*` between line items: a formula is a weighted sum; \
                     a weight is an integer written before the line item, as in `2 * x`",
                ));
            } else if input.peek(Token![/]) {
                let slash: Token![/] = input.parse()?;
                return Err(syn::Error::new(
                    slash.span,
                    "unsupported operator `/`: a formula is a weighted sum of line items, \
                     joined by `+` and `-`",
                ));
            } else {
                return Err(input.error("expected `+` or `-` between line items"));
            }
        }
    }
}

fn parse_term(input: ParseStream, sign: i64, op: Option<(Span, char)>) -> syn::Result<Term> {
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        if lit.base10_digits().starts_with('-') {
            return Err(syn::Error::new(
                lit.span(),
                "a weight is written without a sign: write `a - 2 * b`, not `a + -2 * b`",
            ));
        }
        if !lit.suffix().is_empty() {
            return Err(syn::Error::new(
                lit.span(),
                "a weight is a plain integer, without a type suffix",
            ));
        }
        let weight: i64 = lit
            .base10_parse()
            .map_err(|_| syn::Error::new(lit.span(), "this weight does not fit in an `i64`"))?;
        if weight == 0 {
            return Err(syn::Error::new(
                lit.span(),
                "a weight of zero: leave the line item out of the formula instead",
            ));
        }
        if !input.peek(Token![*]) {
            return Err(syn::Error::new(
                lit.span(),
                format_args!("expected `*` after the weight, as in `{weight} * x`"),
            ));
        }
        let star: Token![*] = input.parse()?;
        if !input.peek(Ident) {
            return Err(syn::Error::new(
                star.span,
                format_args!("expected a line item after `{weight} *`"),
            ));
        }
        let name: Ident = input.parse()?;
        return Ok(Term {
            weight: sign * weight,
            name,
        });
    }
    if input.peek(LitFloat) {
        let lit: LitFloat = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format_args!("a weight must be an integer, not `{}`", lit.token()),
        ));
    }
    if input.peek(Ident) {
        let name: Ident = input.parse()?;
        return Ok(Term { weight: sign, name });
    }
    match op {
        Some((span, op)) if at_end(input) => Err(syn::Error::new(
            span,
            format_args!("expected a line item after `{op}`"),
        )),
        _ => Err(syn::Error::new(input.span(), "expected the name of a line item")),
    }
}

impl Parse for Rule {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if !input.peek(Ident) || !input.peek2(Token![:]) {
            return Err(syn::Error::new(
                input.span(),
                "expected a named rule, as in `rule(balance: total_assets == total_liabilities + total_equity)`",
            ));
        }
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        if input.peek(Token![==]) {
            let eq: Token![==] = input.parse()?;
            return Err(syn::Error::new(
                eq.spans[0],
                "empty formula: the left side of the rule has no line item",
            ));
        }
        let left: Formula = input.parse()?;
        if !input.peek(Token![==]) {
            return Err(syn::Error::new(
                name.span(),
                format_args!(
                    "rule `{name}` has no `==`: a rule states that two formulas are equal, as in `{name}: a == b + c`"
                ),
            ));
        }
        let eq: Token![==] = input.parse()?;
        let eq_span = eq.spans[0].join(eq.spans[1]).unwrap_or(eq.spans[0]);
        if at_end(input) {
            return Err(syn::Error::new(
                eq_span,
                "empty formula: the right side of the rule has no line item",
            ));
        }
        let right: Formula = input.parse()?;
        if !input.is_empty() {
            return Err(syn::Error::new(
                input.span(),
                "expected the end of the rule: a rule has one `==`",
            ));
        }
        Ok(Rule { name, left, right })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(src: &str) -> Vec<(i64, String)> {
        let f: Formula = syn::parse_str(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        f.terms.iter().map(|t| (t.weight, t.name.to_string())).collect()
    }

    fn error(src: &str) -> String {
        match syn::parse_str::<Formula>(src) {
            Ok(_) => panic!("{src} parsed"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn sums_and_differences() {
        assert_eq!(terms("a"), [(1, "a".into())]);
        assert_eq!(
            terms("a + b - c"),
            [(1, "a".into()), (1, "b".into()), (-1, "c".into())]
        );
        assert_eq!(terms("-a + b"), [(-1, "a".into()), (1, "b".into())]);
    }

    #[test]
    fn integer_weights() {
        assert_eq!(terms("2 * a - 3 * b"), [(2, "a".into()), (-3, "b".into())]);
        assert_eq!(terms("- 2 * a"), [(-2, "a".into())]);
        assert_eq!(terms("a + a"), [(1, "a".into()), (1, "a".into())]);
    }

    #[test]
    fn stops_at_comma_and_double_equals() {
        let (a, rest) = syn::parse::Parser::parse_str(
            |input: ParseStream| {
                let f: Formula = input.parse()?;
                let rest: proc_macro2::TokenStream = input.parse()?;
                Ok((f.terms.len(), rest.to_string()))
            },
            "a + b, alias = \"x\"",
        )
        .unwrap();
        assert_eq!((a, rest.as_str()), (2, ", alias = \"x\""));
    }

    #[test]
    fn rejects_what_is_not_a_weighted_sum() {
        assert!(error("").starts_with("empty formula"));
        assert!(error("a * b").starts_with("unsupported operator `*`"));
        assert!(error("a / b").starts_with("unsupported operator `/`"));
        assert_eq!(error("0.5 * a"), "a weight must be an integer, not `0.5`");
        assert_eq!(error("2 a"), "expected `*` after the weight, as in `2 * x`");
        assert_eq!(
            error("2u8 * a"),
            "a weight is a plain integer, without a type suffix"
        );
        assert!(error("0 * a").starts_with("a weight of zero"));
        assert!(error("a + -2 * b").starts_with("a weight is written without a sign"));
        assert_eq!(error("a +"), "expected a line item after `+`");
        assert_eq!(error("-"), "expected a line item after `-`");
        assert_eq!(error("a b"), "expected `+` or `-` between line items");
        assert_eq!(error("\"a\""), "expected the name of a line item");
        assert_eq!(
            error("99999999999999999999 * a"),
            "this weight does not fit in an `i64`"
        );
    }

    #[test]
    fn rules() {
        let r: Rule = syn::parse_str("balance: assets == liabilities + equity").unwrap();
        assert_eq!(r.name, "balance");
        assert_eq!((r.left.terms.len(), r.right.terms.len()), (1, 2));
        let err = |s: &str| {
            syn::parse_str::<Rule>(s)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err("assets == equity").starts_with("expected a named rule"));
        assert!(err("balance: assets").starts_with("rule `balance` has no `==`"));
        assert!(err("balance: == equity").starts_with("empty formula: the left side"));
        assert!(err("balance: assets ==").starts_with("empty formula: the right side"));
        assert!(err("balance: a == b == c").starts_with("expected the end of the rule"));
    }
}
