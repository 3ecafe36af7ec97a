//! The serde impls of a derived statement (real or fallback): a map from line name to printed
//! figure, through `statement_core::__private::serialize`/`deserialize`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{GenericParam, Generics, Ident, Lifetime, LifetimeParam};

/// `Serialize` and `Deserialize` through `__private::serialize`/`deserialize` (a map from line
/// name to printed figure).
pub fn serde_impls(ident: &Ident, generics: &Generics) -> TokenStream {
    let p = quote!(::statement_core::__private);
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
