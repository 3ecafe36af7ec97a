//! What is emitted beside the errors of a derive (thiserror's `fallback.rs`): an impl of
//! `Statement` and of the serde traits with the right signatures, so that code using the type does
//! not fail a second time with "the trait `Statement` is not implemented".

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;
use syn::ext::IdentExt;

use crate::serde_impls::serde_impls;

pub fn expand(node: &DeriveInput, error: TokenStream, units: TokenStream) -> TokenStream {
    let ident = &node.ident;
    let name = ident.unraw().to_string();
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let serde = serde_impls(ident, &node.generics);
    quote! {
        #error

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::statement_core::__private::Statement for #ident #ty_generics #where_clause {
                const SCHEMA: ::statement_core::__private::Schema = ::statement_core::__private::Schema {
                    name: #name,
                    title: "",
                    lines: &[],
                    rules: &[],
                };

                fn amounts(
                    &self,
                ) -> ::statement_core::__private::Vec<
                    ::statement_core::__private::Option<::statement_core::__private::Amount>,
                > {
                    ::core::unreachable!()
                }

                fn from_amounts(
                    _: &[::statement_core::__private::Option<::statement_core::__private::Amount>],
                ) -> ::statement_core::__private::Result<Self, ::statement_core::__private::MissingLine> {
                    ::core::unreachable!()
                }
            }

            #serde
            #units
        };
    }
}
