//! The `#[derive(Statement)]` macro. Use it through `statement_core::Statement`, which documents
//! the attributes; this crate is an implementation detail and its version is pinned by
//! statement-core.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod filing;
mod formula;
mod suggest;
mod valid;

use proc_macro::TokenStream;
use syn::DeriveInput;

/// See `statement_core::Statement`.
#[proc_macro_derive(Statement, attributes(statement, line))]
pub fn derive_statement(input: TokenStream) -> TokenStream {
    match syn::parse::<DeriveInput>(input) {
        Ok(input) => expand::derive(&input).into(),
        Err(err) => err.to_compile_error().into(),
    }
}

/// See `statement_core::Filing`.
#[proc_macro_derive(Filing, attributes(filing))]
pub fn derive_filing(input: TokenStream) -> TokenStream {
    match syn::parse::<DeriveInput>(input) {
        Ok(input) => filing::derive(&input).into(),
        Err(err) => err.to_compile_error().into(),
    }
}
