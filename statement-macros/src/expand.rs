//! Code generation: the `Statement` impl with its `SCHEMA` constant, the serde impls, and dead code
//! that has rustc check the units of every formula at the formula's own tokens.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{DeriveInput, GenericParam, Generics, Ident, Lifetime, LifetimeParam};

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::valid::{self, Resolved, Role};

pub fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let input = Input::from_syn(node, &cx);
    let resolved = input.as_ref().map(|input| valid::validate(input, &cx));
    let units = match (&input, &resolved) {
        (Some(input), Some(resolved)) => unit_checks(input, resolved),
        _ => TokenStream::new(),
    };
    match (cx.check(), input, resolved) {
        (None, Some(input), Some(resolved)) => impl_statement(&input, &resolved, units),
        (err, _, _) => {
            let err = err.unwrap_or_else(|| {
                syn::Error::new(Span::call_site(), "#[derive(Statement)] could not read this type")
            });
            fallback::expand(node, err.to_compile_error(), units)
        }
    }
}

fn impl_statement(input: &Input, resolved: &Resolved, units: TokenStream) -> TokenStream {
    let p = private();
    let ident = input.ident;
    let name = ident.unraw().to_string();
    let title = input.title.as_ref().map(|t| t.value()).unwrap_or_default();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();

    let lines = input.lines.iter().zip(&resolved.formulas).map(|(line, formula)| {
        let name = line.ident.unraw().to_string();
        let label = line.label.as_ref().map(|l| l.value()).unwrap_or_default();
        let aliases = line.aliases.iter().map(|a| a.value());
        let section = match &line.section {
            Some(s) => {
                let s = s.value();
                quote!(#p::Option::Some(#s))
            }
            None => quote!(#p::Option::None),
        };
        let ty = line.ty;
        let optional = line.optional;
        let prose = line.prose.iter().map(|(phrase, magnitude)| {
            let phrase = phrase.value().to_lowercase();
            let sign = if *magnitude {
                quote!(#p::ProseSign::Magnitude)
            } else {
                quote!(#p::ProseSign::Signed)
            };
            quote!(#p::Prose { phrase: #phrase, sign: #sign })
        });
        let formula = match formula {
            Some(terms) => {
                let terms = terms.iter().map(|&(line, weight)| {
                    let line = Literal::usize_unsuffixed(line);
                    let weight = Literal::i64_unsuffixed(weight);
                    quote!(#p::Term { line: #line, weight: #weight })
                });
                quote!(#p::Option::Some(&[#(#terms),*]))
            }
            None => quote!(#p::Option::None),
        };
        quote! {
            #p::LineItem {
                name: #name,
                label: #label,
                aliases: &[#(#aliases),*],
                section: #section,
                kind: <<#ty as #p::LineValue>::Quantity as #p::Quantity>::KIND,
                optional: #optional,
                formula: #formula,
                prose: &[#(#prose),*],
            }
        }
    });
    let terms = |terms: &[(usize, i64)]| {
        let terms = terms.iter().map(|&(line, weight)| {
            let line = Literal::usize_unsuffixed(line);
            let weight = Literal::i64_unsuffixed(weight);
            quote!(#p::Term { line: #line, weight: #weight })
        });
        quote!(&[#(#terms),*])
    };
    let rules = resolved.rules.iter().map(|rule| {
        let name = &rule.name;
        let (left, right) = (terms(&rule.left), terms(&rule.right));
        quote!(#p::Rule { name: #name, left: #left, right: #right })
    });

    let fields = input.lines.iter().map(|l| l.ident);
    let types = input.lines.iter().map(|l| l.ty);
    let to_amounts = quote! {
        #p::Vec::from([#(<#types as #p::LineValue>::to_amount(&self.#fields)),*])
    };
    let from_amounts = input.lines.iter().enumerate().map(|(i, line)| {
        let field = line.ident;
        let ty = line.ty;
        let label = line.label.as_ref().map(|l| l.value()).unwrap_or_default();
        let i = Literal::usize_unsuffixed(i);
        quote! {
            #field: match <#ty as #p::LineValue>::from_amount(amounts.get(#i).copied().flatten()) {
                #p::Option::Some(value) => value,
                #p::Option::None => {
                    return #p::Result::Err(#p::MissingLine { statement: #name, label: #label });
                }
            },
        }
    });
    let serde = serde_impls(ident, input.generics);

    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #p::Statement for #ident #ty_generics #where_clause {
                const SCHEMA: #p::Schema = #p::Schema {
                    name: #name,
                    title: #title,
                    lines: &[#(#lines),*],
                    rules: &[#(#rules),*],
                };

                fn amounts(&self) -> #p::Vec<#p::Option<#p::Amount>> {
                    #to_amounts
                }

                fn from_amounts(
                    amounts: &[#p::Option<#p::Amount>],
                ) -> #p::Result<Self, #p::MissingLine> {
                    #p::Result::Ok(Self { #(#from_amounts)* })
                }
            }

            #serde
            #units
        };
    }
}

/// `Serialize` and `Deserialize` through `__private::serialize`/`deserialize` (a map from line
/// name to printed figure).
pub fn serde_impls(ident: &Ident, generics: &Generics) -> TokenStream {
    let p = private();
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let mut de_generics = generics.clone();
    de_generics.params.insert(
        0,
        GenericParam::Lifetime(LifetimeParam::new(Lifetime::new("'de", Span::call_site()))),
    );
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S>(&self, serializer: __S) -> #p::Result<__S::Ok, __S::Error>
            where
                __S: #p::serde::Serializer,
            {
                #p::serialize(self, serializer)
            }
        }

        #[automatically_derived]
        impl #de_impl_generics #p::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(deserializer: __D) -> #p::Result<Self, __D::Error>
            where
                __D: #p::serde::Deserializer<'de>,
            {
                #p::deserialize(deserializer)
            }
        }
    }
}

/// A function never called, whose body asks rustc whether each term of each formula can be summed
/// into its total: same kind of quantity, same currency, same period kind. Each call carries the
/// span of the term's token in the formula, so that a mismatch is underlined there.
fn unit_checks(input: &Input, resolved: &Resolved) -> TokenStream {
    if resolved.unit_checks.is_empty() && resolved.balances.is_empty() {
        return TokenStream::new();
    }
    let (impl_generics, _, where_clause) = input.generics.split_for_impl();
    let calls = resolved.unit_checks.iter().map(|check| {
        let span = check.span;
        // `<Ty as LineValue>::Quantity`: the field's type keeps its own span, so that a field that
        // is no amount is reported once, at its type; the rest is at the formula's token.
        let quantity =
            |ty: &syn::Type| quote_spanned!(span=> <#ty as ::statement_core::__private::LineValue>::Quantity);
        let total = quantity(input.lines[check.total].ty);
        let term = quantity(input.lines[check.term].ty);
        let period = match check.role {
            Role::Sum => quote_spanned!(span=> same_period),
            Role::Opening => quote_spanned!(span=> opening),
            Role::Flow => quote_spanned!(span=> flow),
        };
        quote_spanned! {span=>
            ::statement_core::__private::same_kind::<#total, #term>();
            ::statement_core::__private::same_currency::<#total, #term>();
            ::statement_core::__private::#period::<#total, #term>();
        }
    });
    let balances = resolved.balances.iter().map(|&(line, span)| {
        let ty = input.lines[line].ty;
        quote_spanned! {span=>
            ::statement_core::__private::balance::<<#ty as ::statement_core::__private::LineValue>::Quantity>();
        }
    });
    quote! {
        #[allow(dead_code)]
        fn __statement_units #impl_generics () #where_clause {
            #(#calls)*
            #(#balances)*
        }
    }
}

fn private() -> TokenStream {
    quote!(::statement_core::__private)
}
