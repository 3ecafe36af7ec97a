//! `#[derive(Filing)]`: a struct whose fields are the statements a filing prints, and
//! `#[filing(...)]` relations between them, each naming `statement.line` in Rust tokens:
//!
//! ```text
//! tie(a.x == b.y)  tie(a.x == -b.y)        the same figure in two statements
//! ratio(r.x == n.y / d.z)                  a printed margin or per-share figure
//! balance(f.open .. f.close == b.x + b.y)  a flow statement's balances against the balance sheet
//! period_sum(6 == 3 + 3)                   six months = two consecutive quarters
//! translate(Rmb => Usd)                    columns in US$ translate columns in RMB
//! share_of_total(e.total)                  percentage columns are shares of this total
//! ```
//!
//! Statement names are checked here (with "did you mean"); line names and units are checked by
//! rustc in dead code whose tokens carry the user's spans (`&f.statement.line` is a field access,
//! so a misspelt line is "no field `net_los` ... a field with a similar name exists").

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Data, DeriveInput, Fields, Ident, LitFloat, LitInt, Token, Type};

use crate::attr::{parens, recover, unknown_key};
use crate::ctxt::Ctxt;
use crate::suggest::did_you_mean;

const FILING_KEYS: &[&str] = &[
    "tie",
    "ratio",
    "balance",
    "period_sum",
    "translate",
    "share_of_total",
];

/// `statement.line`, as written.
#[derive(Clone)]
struct LineTok {
    statement: Ident,
    line: Ident,
}

impl Parse for LineTok {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let statement: Ident = input.call(Ident::parse_any).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a line as `statement.line`, as in `income.net_loss`",
            )
        })?;
        if !input.peek(Token![.]) || input.peek(Token![..]) {
            return Err(syn::Error::new(
                statement.span(),
                format_args!(
                    "`{}` names a statement, not a line: write `statement.line`, as in `{}.net_loss`",
                    statement.unraw(),
                    statement.unraw()
                ),
            ));
        }
        input.parse::<Token![.]>()?;
        let line: Ident = input.call(Ident::parse_any)?;
        Ok(LineTok { statement, line })
    }
}

impl LineTok {
    fn names(&self) -> (String, String) {
        (self.statement.unraw().to_string(), self.line.unraw().to_string())
    }
}

enum Relation {
    Tie {
        a: LineTok,
        b: LineTok,
        opposite: bool,
    },
    Ratio {
        result: LineTok,
        numerator: LineTok,
        denominator: LineTok,
    },
    Balance {
        opening: LineTok,
        closing: LineTok,
        terms: Vec<(i64, LineTok)>,
    },
    PeriodSum {
        total: (u8, Span),
        parts: Vec<u8>,
    },
    Translate {
        from: Box<Type>,
        to: Box<Type>,
    },
    ShareOfTotal {
        total: LineTok,
    },
}

/// An optional sign and weight before a line: `-`, `2 *`, `- 2 *`. A weight that is not a small
/// integer is an error at its token.
fn weight(input: ParseStream, what: &str) -> syn::Result<i64> {
    let mut sign = 1;
    if input.peek(Token![-]) {
        input.parse::<Token![-]>()?;
        sign = -1;
    }
    if input.peek(LitFloat) {
        let lit: LitFloat = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format_args!("weight `{lit}` is not an integer: {what}"),
        ));
    }
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        let w = lit
            .base10_parse::<i64>()
            .ok()
            .filter(|w| (1..=1000).contains(w))
            .ok_or_else(|| {
                syn::Error::new(
                    lit.span(),
                    format_args!("weight `{lit}` is not a small integer (1 to 1000): {what}"),
                )
            })?;
        input.parse::<Token![*]>()?;
        return Ok(sign * w);
    }
    Ok(sign)
}

fn parse_relation(key: &str, input: ParseStream) -> syn::Result<Relation> {
    Ok(match key {
        "tie" => {
            let a: LineTok = input.parse()?;
            input.parse::<Token![==]>()?;
            let opposite = input.peek(Token![-]);
            if opposite {
                input.parse::<Token![-]>()?;
            }
            if input.peek(LitInt) || input.peek(LitFloat) {
                let tt: proc_macro2::TokenTree = input.parse()?;
                return Err(syn::Error::new(
                    tt.span(),
                    format_args!(
                        "`{tt}` is a weight, but a tie relates one figure printed twice: its sign is `-` \
                         (printed with the opposite sign) or nothing"
                    ),
                ));
            }
            let b: LineTok = input.parse()?;
            Relation::Tie { a, b, opposite }
        }
        "ratio" => {
            let result: LineTok = input.parse()?;
            input.parse::<Token![==]>()?;
            let numerator: LineTok = input.parse()?;
            input.parse::<Token![/]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `/`: a ratio is `result == numerator / denominator`",
                )
            })?;
            let denominator: LineTok = input.parse()?;
            Relation::Ratio {
                result,
                numerator,
                denominator,
            }
        }
        "balance" => {
            let opening: LineTok = input.parse()?;
            input.parse::<Token![..]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `..`: a balance is `flows.opening .. flows.closing == sheet.line + ...`",
                )
            })?;
            let closing: LineTok = input.parse()?;
            input.parse::<Token![==]>()?;
            let mut terms = Vec::new();
            loop {
                let w = weight(
                    input,
                    "a balance-sheet line is counted with a small integer weight",
                )?;
                let line: LineTok = input.parse()?;
                terms.push((w, line));
                if input.is_empty() {
                    break;
                }
                if input.peek(Token![+]) {
                    input.parse::<Token![+]>()?;
                } else if !input.peek(Token![-]) {
                    return Err(syn::Error::new(
                        input.span(),
                        "expected `+` or `-` between balance-sheet lines",
                    ));
                }
            }
            Relation::Balance {
                opening,
                closing,
                terms,
            }
        }
        "period_sum" => {
            let months = |input: ParseStream| -> syn::Result<(u8, Span)> {
                let lit: LitInt = input.parse().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "expected a number of months, as in `period_sum(6 == 3 + 3)`",
                    )
                })?;
                let m = lit.base10_parse::<u8>().ok().filter(|m| (1..=120).contains(m));
                m.map(|m| (m, lit.span())).ok_or_else(|| {
                    syn::Error::new(
                        lit.span(),
                        format_args!("`{lit}` is not a number of months (1 to 120)"),
                    )
                })
            };
            let total = months(input)?;
            input.parse::<Token![==]>()?;
            let mut parts = vec![months(input)?.0];
            while input.peek(Token![+]) {
                input.parse::<Token![+]>()?;
                parts.push(months(input)?.0);
            }
            Relation::PeriodSum { total, parts }
        }
        "translate" => {
            let from: Type = input.parse()?;
            input.parse::<Token![=>]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `=>`: a translation is `translate(From => To)`, as in `translate(Rmb => Usd)`",
                )
            })?;
            let to: Type = input.parse()?;
            Relation::Translate {
                from: Box::new(from),
                to: Box::new(to),
            }
        }
        "share_of_total" => Relation::ShareOfTotal {
            total: input.parse()?,
        },
        _ => unreachable!("keys are matched before"),
    })
}

/// One field: a statement of the filing (or another layout of one, `variant_of`).
struct Field<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    /// The statement key: the field's name, or the name given by `variant_of`.
    key: Ident,
}

pub fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let ident = &node.ident;
    if !node.generics.params.is_empty() {
        cx.error_spanned_by(
            &node.generics,
            "#[derive(Filing)] on a generic struct: a filing's statements have concrete currencies, \
             as in `income: Income<Rmb>`",
        );
    }
    let fields = match &node.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(f) if !f.named.is_empty() => Some(f),
            _ => None,
        },
        _ => None,
    };
    let Some(named) = fields else {
        cx.error_spanned_by(
            ident,
            "#[derive(Filing)] needs a struct with named fields: one field per statement the filing prints",
        );
        return fallback(node, cx, TokenStream::new());
    };

    // Relations on the struct.
    let mut relations: Vec<(Relation, Span)> = Vec::new();
    for attr in &node.attrs {
        if !attr.path().is_ident("filing") {
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta.path.to_token_stream().to_string();
            if !FILING_KEYS.contains(&key.as_str()) {
                unknown_key(&cx, &meta, "#[filing(...)]", FILING_KEYS);
                return Ok(());
            }
            let span = meta.path.segments[0].ident.span();
            match parens(meta.input) {
                Ok(content) => match parse_relation(&key, &content).and_then(|r| {
                    if content.is_empty() {
                        Ok(r)
                    } else {
                        Err(syn::Error::new(
                            content.span(),
                            "unexpected tokens after the relation",
                        ))
                    }
                }) {
                    Ok(r) => relations.push((r, span)),
                    Err(err) => {
                        cx.syn_error(err);
                        let _ = content.parse::<TokenStream>();
                    }
                },
                Err(err) => recover(&cx, meta.input, Err(err)),
            }
            Ok(())
        });
        if let Err(err) = parsed {
            cx.syn_error(err);
        }
    }

    // Fields and their keys.
    let primary: Vec<String> = named
        .named
        .iter()
        .filter(|f| !f.attrs.iter().any(|a| a.path().is_ident("filing")))
        .filter_map(|f| f.ident.as_ref().map(|i| i.unraw().to_string()))
        .collect();
    let mut list: Vec<Field> = Vec::new();
    for f in &named.named {
        let Some(fi) = f.ident.as_ref() else { continue };
        let mut key = fi.clone();
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("filing")) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("variant_of") {
                    let target: Ident = meta.value()?.call(Ident::parse_any)?;
                    let name = target.unraw().to_string();
                    if primary.contains(&name) {
                        key = target;
                    } else {
                        let msg = match did_you_mean(&name, primary.iter().map(String::as_str)) {
                            Some(s) => format!("no statement `{name}` to be a variant of; did you mean `{s}`?"),
                            None => format!(
                                "no statement `{name}` to be a variant of: name a field of this struct without `variant_of`"
                            ),
                        };
                        cx.error_spanned_by(&target, msg);
                    }
                } else {
                    unknown_key(&cx, &meta, "#[filing(...)] on a field", &["variant_of"]);
                }
                Ok(())
            });
            if let Err(err) = parsed {
                cx.syn_error(err);
            }
        }
        list.push(Field {
            ident: fi,
            ty: &f.ty,
            key,
        });
    }

    // Statement names.
    let keys: Vec<String> = primary.clone();
    let known = |s: &Ident| -> bool {
        let name = s.unraw().to_string();
        if keys.contains(&name) {
            return true;
        }
        let msg = match did_you_mean(&name, keys.iter().map(String::as_str)) {
            Some(k) => format!("no statement `{name}` in this filing; did you mean `{k}`?"),
            None => {
                format!("no statement `{name}` in this filing: a relation names the fields of this struct")
            }
        };
        cx.error_spanned_by(s, msg);
        false
    };
    let mut checks = Vec::new();
    let mut build = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut duplicate = |id: String, span: Span, what: &str| -> bool {
        if seen.insert(id, ()).is_some() {
            cx.error_at(span, format_args!("{what} is declared twice"));
            true
        } else {
            false
        }
    };
    let p = quote!(::statement_core::__private);
    let lit = |t: &LineTok| {
        let (s, l) = t.names();
        quote!((#s, #l))
    };
    for (relation, span) in &relations {
        match relation {
            Relation::Tie { a, b, opposite } => {
                let ok = known(&a.statement) & known(&b.statement);
                if a.names() == b.names() {
                    cx.error_spanned_by(
                        &b.line,
                        "a line tied to itself: a tie relates two statements' lines",
                    );
                    continue;
                }
                let (x, y) = (a.names(), b.names());
                let id = if x < y {
                    format!("tie {x:?} {y:?}")
                } else {
                    format!("tie {y:?} {x:?}")
                };
                let what = format!("the tie {}.{} == {}.{}", x.0, x.1, y.0, y.1);
                if duplicate(id, b.line.span(), &what) || !ok {
                    continue;
                }
                let (la, lb) = (access(a), access(b));
                let sp = b.line.span();
                let p = private(sp);
                checks.push(quote_spanned! {sp=>
                    #p::tie_kind(#la, #lb);
                    #p::tie_currency(#la, #lb);
                    #p::tie_period(#la, #lb);
                });
                let (ta, tb) = (lit(a), lit(b));
                build.push(quote!(#p::relations::tie(&mut r, #ta, #tb, #opposite);));
            }
            Relation::Ratio {
                result,
                numerator,
                denominator,
            } => {
                let ok =
                    known(&result.statement) & known(&numerator.statement) & known(&denominator.statement);
                let (s, l) = result.names();
                if duplicate(
                    format!("ratio {s}.{l}"),
                    result.line.span(),
                    &format!("the ratio {s}.{l}"),
                ) || !ok
                {
                    continue;
                }
                let (r, n, d) = (access(result), access(numerator), access(denominator));
                let rs = result.line.span();
                let ds = denominator.line.span();
                let (pr, pd) = (private(rs), private(ds));
                // The lines are bound first, so that rustc knows their types when it checks the
                // quotient (and names the kinds in its message).
                checks.push(quote_spanned! {rs=>
                    {
                        let (__r, __n, __d) = (#r, #n, #d);
                        let __k = #pr::kinds((__r, __n, __d));
                        #pr::quotient(__k);
                        #pr::quotient_currency(__r, __n);
                    }
                });
                checks.push(quote_spanned! {ds=> #pd::tie_currency(#n, #d); });
                let (tr, tn, td) = (lit(result), lit(numerator), lit(denominator));
                build.push(quote!(#p::relations::ratio(&mut r, #tr, #tn, #td);));
            }
            Relation::Balance {
                opening,
                closing,
                terms,
            } => {
                let mut ok = known(&opening.statement) & known(&closing.statement);
                for (_, t) in terms {
                    ok &= known(&t.statement);
                }
                if opening.statement.unraw() != closing.statement.unraw() {
                    cx.error_spanned_by(
                        &closing.statement,
                        format_args!(
                            "the opening and closing balances are lines of one flow statement: `{}` is not `{}`",
                            closing.statement.unraw(),
                            opening.statement.unraw()
                        ),
                    );
                    continue;
                }
                if let Some((_, t)) = terms
                    .iter()
                    .find(|(_, t)| t.statement.unraw() != terms[0].1.statement.unraw())
                {
                    cx.error_spanned_by(
                        &t.statement,
                        format_args!(
                            "the balance is the sum of lines of one balance sheet: `{}` is not `{}`",
                            t.statement.unraw(),
                            terms[0].1.statement.unraw()
                        ),
                    );
                    continue;
                }
                let flow = closing.statement.unraw().to_string();
                if duplicate(
                    format!("balance {flow}"),
                    closing.line.span(),
                    &format!("the balance of `{flow}`"),
                ) || !ok
                {
                    continue;
                }
                let (o, c) = (access(opening), access(closing));
                let (os, cs) = (opening.line.span(), closing.line.span());
                let (po, pc) = (private(os), private(cs));
                checks.push(quote_spanned!(os=> #po::is_balance(#o);));
                checks.push(quote_spanned!(cs=> #pc::is_balance(#c);));
                for (_, t) in terms {
                    let ts = t.line.span();
                    let a = access(t);
                    let p = private(ts);
                    checks.push(quote_spanned! {ts=>
                        #p::tie_kind(#c, #a);
                        #p::tie_currency(#c, #a);
                        #p::tie_period(#c, #a);
                    });
                }
                let (_, open) = opening.names();
                let (_, close) = closing.names();
                let sheet = terms[0].1.names().0;
                let lines = terms.iter().map(|(w, t)| {
                    let l = t.names().1;
                    quote!((#w, #l))
                });
                build.push(
                    quote!(#p::relations::balance(&mut r, #flow, #open, #close, #sheet, &[#(#lines),*]);),
                );
            }
            Relation::PeriodSum { total, parts } => {
                let sum: u32 = parts.iter().map(|&m| u32::from(m)).sum();
                if parts.len() < 2 {
                    cx.error_at(
                        total.1,
                        "a period sum needs at least two parts, as in `6 == 3 + 3`",
                    );
                    continue;
                }
                if sum != u32::from(total.0) {
                    cx.error_at(
                        total.1,
                        format_args!(
                            "{} months are not {}: the parts of a period sum add up to it",
                            total.0,
                            parts.iter().map(u8::to_string).collect::<Vec<_>>().join(" + ")
                        ),
                    );
                    continue;
                }
                if duplicate(
                    format!("period {}", total.0),
                    total.1,
                    &format!("the period sum of {} months", total.0),
                ) {
                    continue;
                }
                let t = total.0;
                build.push(quote!(#p::relations::period_sum(&mut r, #t, &[#(#parts),*]);));
            }
            Relation::Translate { from, to } => {
                let (fs, ts) = (
                    from.to_token_stream().to_string(),
                    to.to_token_stream().to_string(),
                );
                if fs == ts {
                    cx.error_spanned_by(to, format_args!("a translation from `{fs}` into itself"));
                    continue;
                }
                if duplicate(
                    format!("translate {ts}"),
                    *span,
                    &format!("the translation into `{ts}`"),
                ) {
                    continue;
                }
                // A type that is no currency is reported once, at the user's type.
                let code = |t: &Type| {
                    let sp = syn::spanned::Spanned::span(t);
                    let p = private(sp);
                    quote_spanned!(sp=> <#t as #p::Currency>::CODE)
                };
                let (cf, ct) = (code(from), code(to));
                build.push(quote!(#p::relations::translate(&mut r, #cf, #ct);));
            }
            Relation::ShareOfTotal { total } => {
                if !known(&total.statement) {
                    continue;
                }
                let s = total.statement.unraw().to_string();
                if duplicate(
                    format!("share {s}"),
                    total.statement.span(),
                    &format!("the share of total of `{s}`"),
                ) {
                    continue;
                }
                let a = access(total);
                let ts = total.line.span();
                checks.push(quote_spanned!(ts=> let _ = #a;));
                let t = lit(total);
                build.push(quote!(#p::relations::share_of_total(&mut r, #t);));
            }
        }
    }
    // A line named in a relation must exist in every variant of its statement.
    for (relation, _) in &relations {
        for t in lines_of(relation) {
            for f in list
                .iter()
                .filter(|f| f.key.unraw() == t.statement.unraw() && f.ident != &f.key)
            {
                let (v, l) = (f.ident, &t.line);
                let ls = l.span();
                checks.push(quote_spanned!(ls=> let _ = &__f.#v.#l;));
            }
        }
    }
    // Every statement is read, so that a statement no relation names is no dead field.
    let all = list.iter().map(|f| f.ident);
    let checks = quote! {
        #[allow(dead_code, unused_variables, clippy::all)]
        fn __filing_relations(__f: &#ident) {
            let _ = (#(&__f.#all,)*);
            #(#checks)*
        }
    };
    if cx.count() > 0 {
        return fallback(node, cx, checks);
    }
    let layouts = list.iter().map(|f| {
        let key = f.key.unraw().to_string();
        let ty = f.ty;
        let sp = syn::spanned::Spanned::span(ty);
        quote_spanned!(sp=> #p::Layout::of::<#ty>(#key))
    });
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::Filing for #ident {
                const LAYOUTS: &'static [#p::Layout] = &[#(#layouts),*];

                fn relations() -> #p::Relations {
                    #[allow(unused_mut)]
                    let mut r = #p::relations::new();
                    #(#build)*
                    r
                }
            }

            #checks
        };
    }
}

/// `::statement_core::__private` at a span.
fn private(span: Span) -> TokenStream {
    quote_spanned!(span=> ::statement_core::__private)
}

/// `&__f.statement.line`, with the user's tokens.
fn access(t: &LineTok) -> TokenStream {
    let (s, l) = (&t.statement, &t.line);
    let sp = l.span();
    quote_spanned!(sp=> &__f.#s.#l)
}

fn lines_of(r: &Relation) -> Vec<&LineTok> {
    match r {
        Relation::Tie { a, b, .. } => vec![a, b],
        Relation::Ratio {
            result,
            numerator,
            denominator,
        } => vec![result, numerator, denominator],
        Relation::Balance {
            opening,
            closing,
            terms,
        } => {
            let mut v = vec![opening, closing];
            v.extend(terms.iter().map(|(_, t)| t));
            v
        }
        Relation::ShareOfTotal { total } => vec![total],
        Relation::PeriodSum { .. } | Relation::Translate { .. } => Vec::new(),
    }
}

/// The errors, an impl with no layouts and no relations (so that code using the type does not
/// fail a second time), and the type checks of the relations that could be read.
fn fallback(node: &DeriveInput, cx: Ctxt, checks: TokenStream) -> TokenStream {
    let ident = &node.ident;
    let error = cx
        .check()
        .unwrap_or_else(|| syn::Error::new(Span::call_site(), "#[derive(Filing)] could not read this type"))
        .to_compile_error();
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let checks = if node.generics.params.is_empty() {
        checks
    } else {
        TokenStream::new()
    };
    quote! {
        #error

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::statement_core::__private::Filing for #ident #ty_generics #where_clause {
                const LAYOUTS: &'static [::statement_core::__private::Layout] = &[];

                fn relations() -> ::statement_core::__private::Relations {
                    ::statement_core::__private::relations::new()
                }
            }

            #checks
        };
    }
}
