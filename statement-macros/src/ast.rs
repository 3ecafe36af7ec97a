//! The statement as parsed from the derive input. Every node keeps its syn tokens, so that an error
//! can underline the token the user wrote.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Generics, Ident, LitStr, Type};

use crate::attr;
use crate::ctxt::Ctxt;
use crate::formula::{Formula, Rule};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub title: Option<LitStr>,
    pub rules: Vec<Rule>,
    pub lines: Vec<Line<'a>>,
}

pub struct Line<'a> {
    /// The field's name; also the line's name in the schema.
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// The `line` of the first `#[line(...)]`, if there is one (a missing label is reported there).
    pub attr_span: Option<Span>,
    /// Its `#[line(...)]` had a mistake, already reported.
    pub attr_failed: bool,
    pub label: Option<LitStr>,
    pub aliases: Vec<LitStr>,
    /// The heading the line is printed under, for a label printed twice.
    pub section: Option<LitStr>,
    pub total: Option<Formula>,
    /// The formula is a roll-forward (`roll_forward = opening + flows`), at this key.
    pub roll_forward: Option<Span>,
    /// Phrases of the prose that restate the line, with whether each states a magnitude.
    pub prose: Vec<(LitStr, bool)>,
    /// The field's type is `Option<..>`.
    pub optional: bool,
}

impl<'a> Input<'a> {
    /// Parses a struct with named fields; anything else is reported and gives `None`.
    pub fn from_syn(node: &'a DeriveInput, cx: &Ctxt) -> Option<Self> {
        let (title, rules) = attr::statement_attrs(&node.attrs, cx);
        let fields = match &node.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(fields) if fields.named.is_empty() => {
                    cx.error_spanned_by(
                        &node.ident,
                        "#[derive(Statement)] on a struct without fields: a statement needs line items, \
                         one named field each",
                    );
                    return None;
                }
                Fields::Named(fields) => fields,
                Fields::Unnamed(fields) => {
                    cx.error_at(
                        fields.paren_token.span.join(),
                        "#[derive(Statement)] needs named fields: each field is a line item, \
                         and formulas refer to line items by name",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &node.ident,
                        "#[derive(Statement)] on a unit struct: a statement needs line items, \
                         one named field each",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "#[derive(Statement)] works on a struct, not an enum: a statement is a \
                     struct with one named field per line item",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(Statement)] works on a struct, not a union",
                );
                return None;
            }
        };
        let mut lines = Vec::with_capacity(fields.named.len());
        for field in &fields.named {
            let Some(ident) = field.ident.as_ref() else {
                continue;
            };
            let a = attr::line_attrs(&field.attrs, cx);
            lines.push(Line {
                ident,
                ty: &field.ty,
                attr_span: a.attr_span,
                attr_failed: a.failed,
                label: a.label,
                aliases: a.aliases,
                section: a.section,
                total: a.total,
                roll_forward: a.roll_forward,
                prose: a.prose,
                optional: is_option(&field.ty),
            });
        }
        Some(Input {
            ident: &node.ident,
            generics: &node.generics,
            title,
            rules,
            lines,
        })
    }
}

/// Whether the type's last path segment is `Option` (`Option<T>`, `core::option::Option<T>`).
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        Type::Group(g) => is_option(&g.elem),
        Type::Paren(p) => is_option(&p.elem),
        _ => false,
    }
}
