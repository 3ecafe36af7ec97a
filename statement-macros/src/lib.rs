//! The `#[derive(Statement)]` macro. Use it through `statement_core::Statement`.
use proc_macro::TokenStream;

/// See `statement_core::Statement`.
#[proc_macro_derive(Statement, attributes(statement, line))]
pub fn derive_statement(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
