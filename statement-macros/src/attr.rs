//! `#[statement(...)]` on the struct and `#[line(...)]` on its fields, read with
//! `parse_nested_meta`. A mistake in one key is recorded and parsing goes on with the next key, so
//! that every mistake of an attribute is reported at once.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseBuffer, ParseStream};
use syn::{Attribute, LitStr, Path, Token, parenthesized};

use crate::ctxt::Ctxt;
use crate::formula::{self, Formula, Rule};
use crate::suggest::did_you_mean;

const STATEMENT_KEYS: &[&str] = &["title", "rule"];
const LINE_KEYS: &[&str] = &[
    "label",
    "alias",
    "section",
    "total",
    "roll_forward",
    "prose",
    "prose_magnitude",
];

/// `#[statement(title = "...", rule(name: a == b + c))]`, possibly split over several attributes.
pub fn statement_attrs(attrs: &[Attribute], cx: &Ctxt) -> (Option<LitStr>, Vec<Rule>) {
    let mut title: Option<LitStr> = None;
    let mut rules = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("line") {
            cx.error_spanned_by(
                attr.path(),
                "#[line(...)] goes on a field; the struct takes #[statement(...)]",
            );
            continue;
        }
        if !attr.path().is_ident("statement") {
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("title") {
                let result = (|| {
                    let lit = string(
                        meta.value()?,
                        "title",
                        "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
                    )?;
                    if title.is_some() {
                        cx.error_spanned_by(&meta.path, "duplicate key `title`: a statement has one title");
                    } else {
                        title = Some(lit);
                    }
                    Ok(())
                })();
                recover(cx, meta.input, result);
            } else if meta.path.is_ident("rule") {
                match parens(meta.input) {
                    Ok(content) => match content.parse::<Rule>() {
                        Ok(rule) => rules.push(rule),
                        Err(err) => {
                            cx.syn_error(err);
                            // Consume the rest so that the group does not report it again.
                            let _ = content.parse::<TokenStream>();
                        }
                    },
                    Err(err) => recover(cx, meta.input, Err(err)),
                }
            } else {
                unknown_key(cx, &meta, "#[statement(...)]", STATEMENT_KEYS);
            }
            Ok(())
        });
        if let Err(err) = parsed {
            cx.syn_error(err);
        }
    }
    (title, rules)
}

/// What the `#[line(...)]` attributes of one field say.
#[derive(Default)]
pub struct LineAttrs {
    pub attr_span: Option<Span>,
    /// A mistake was reported in these attributes (a missing label is then not reported again).
    pub failed: bool,
    pub label: Option<LitStr>,
    pub aliases: Vec<LitStr>,
    pub section: Option<LitStr>,
    pub total: Option<Formula>,
    /// `roll_forward = opening + flow`: `total` holds the formula, this the key's span.
    pub roll_forward: Option<Span>,
    /// Prose phrases, with whether each states the figure as a magnitude.
    pub prose: Vec<(LitStr, bool)>,
}

/// `#[line(label = "...", alias = "...", total = a + b)]`, possibly split over several attributes.
pub fn line_attrs(attrs: &[Attribute], cx: &Ctxt) -> LineAttrs {
    let mut out = LineAttrs::default();
    let mut total_seen = false;
    let errors_before = cx.count();
    for attr in attrs {
        if attr.path().is_ident("statement") {
            cx.error_spanned_by(
                attr.path(),
                "#[statement(...)] goes on the struct; a field takes #[line(...)]",
            );
            continue;
        }
        if !attr.path().is_ident("line") {
            continue;
        }
        out.attr_span.get_or_insert_with(|| span_of(attr.path()));
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("label") {
                let result = (|| {
                    let lit = string(meta.value()?, "label", "Total revenues")?;
                    if out.label.is_some() {
                        cx.error_spanned_by(
                            &meta.path,
                            "duplicate key `label`: a line item has one label; \
                             write other wordings as `alias = \"...\"`",
                        );
                    } else if is_blank(&lit) {
                        cx.error_spanned_by(&lit, "empty label: write the label as the filing prints it");
                    } else {
                        out.label = Some(lit);
                    }
                    Ok(())
                })();
                recover(cx, meta.input, result);
            } else if meta.path.is_ident("alias") {
                let result = (|| {
                    let lit = string(meta.value()?, "alias", "Cash")?;
                    if is_blank(&lit) {
                        cx.error_spanned_by(&lit, "empty alias: write the label as the filing prints it");
                    } else {
                        out.aliases.push(lit);
                    }
                    Ok(())
                })();
                recover(cx, meta.input, result);
            } else if meta.path.is_ident("section") {
                let result = (|| {
                    let lit = string(meta.value()?, "section", "Current assets")?;
                    if out.section.is_some() {
                        cx.error_spanned_by(
                            &meta.path,
                            "duplicate key `section`: a line item is printed under one heading",
                        );
                    } else if is_blank(&lit) {
                        cx.error_spanned_by(&lit, "empty section: write the heading as the filing prints it");
                    } else {
                        out.section = Some(lit);
                    }
                    Ok(())
                })();
                recover(cx, meta.input, result);
            } else if meta.path.is_ident("prose") || meta.path.is_ident("prose_magnitude") {
                let magnitude = meta.path.is_ident("prose_magnitude");
                let result = (|| {
                    let lit = string(meta.value()?, "prose", "cost of revenues")?;
                    if is_blank(&lit) {
                        cx.error_spanned_by(&lit, "empty prose phrase: write the words the filing's text names the line by");
                    } else if out.prose.iter().any(|(p, _)| p.value().to_lowercase() == lit.value().to_lowercase()) {
                        cx.error_spanned_by(&lit, format_args!("prose phrase {:?} is given twice", lit.value()));
                    } else {
                        out.prose.push((lit, magnitude));
                    }
                    Ok(())
                })();
                recover(cx, meta.input, result);
            } else if meta.path.is_ident("total") || meta.path.is_ident("roll_forward") {
                let key = if meta.path.is_ident("total") { "total" } else { "roll_forward" };
                let result = (|| {
                    let input = meta.value()?;
                    if formula::at_end(input) {
                        cx.error_spanned_by(
                            &meta.path,
                            format_args!("empty formula: `{key}` needs the line items it sums, as in `{key} = a + b`"),
                        );
                        return Ok(());
                    }
                    let f: Formula = input.parse()?;
                    if total_seen {
                        cx.error_spanned_by(
                            &meta.path,
                            format_args!("duplicate key `{key}`: a line item has one formula (a `total` or a `roll_forward`)"),
                        );
                    } else {
                        out.total = Some(f);
                        if key == "roll_forward" {
                            out.roll_forward = Some(span_of(&meta.path));
                        }
                    }
                    Ok(())
                })();
                total_seen = true;
                recover(cx, meta.input, result);
            } else {
                unknown_key(cx, &meta, "#[line(...)]", LINE_KEYS);
            }
            Ok(())
        });
        if let Err(err) = parsed {
            cx.syn_error(err);
        }
    }
    out.failed = cx.count() > errors_before;
    out
}

pub fn parens<'a>(input: ParseStream<'a>) -> syn::Result<ParseBuffer<'a>> {
    let content;
    parenthesized!(content in input);
    Ok(content)
}

/// A string literal, or an error that shows the expected form.
fn string(input: ParseStream, key: &str, example: &str) -> syn::Result<LitStr> {
    if input.peek(LitStr) {
        return input.parse();
    }
    Err(syn::Error::new(
        input.span(),
        format_args!("expected a string literal, as in `{key} = \"{example}\"`"),
    ))
}

fn is_blank(lit: &LitStr) -> bool {
    lit.value().trim().is_empty()
}

fn span_of(path: &Path) -> Span {
    path.segments
        .first()
        .map_or_else(Span::call_site, |s| s.ident.span())
}

pub fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, attr: &str, keys: &[&str]) {
    let name = meta.path.to_token_stream().to_string().replace(' ', "");
    let msg = match did_you_mean(&name, keys.iter().copied()) {
        Some(k) => format!("unknown key `{name}` in {attr}; did you mean `{k}`?"),
        None => {
            let expected = match keys {
                [a, b] => format!("`{a}` or `{b}`"),
                _ => {
                    let (last, rest) = keys.split_last().unwrap_or((&"", &[]));
                    let rest: Vec<String> = rest.iter().map(|k| format!("`{k}`")).collect();
                    format!("{} or `{last}`", rest.join(", "))
                }
            };
            format!("unknown key `{name}` in {attr}; expected {expected}")
        }
    };
    cx.error_spanned_by(&meta.path, msg);
    skip_to_comma(meta.input);
}

/// Records the error of one key and skips to the next key.
pub fn recover(cx: &Ctxt, input: ParseStream, result: syn::Result<()>) {
    if let Err(err) = result {
        cx.syn_error(err);
        skip_to_comma(input);
    }
}

pub fn skip_to_comma(input: ParseStream) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<TokenTree>().is_err() {
            break;
        }
    }
}
