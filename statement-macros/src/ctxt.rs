//! Collects every error of one derive so that the user fixes all mistakes in one compile
//! (serde_derive's `Ctxt`).

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// Records an error spanned at `tokens` (all of them: a multi-token node is underlined whole).
    pub fn error_spanned_by<T: ToTokens>(&self, tokens: T, msg: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), msg));
    }

    /// Records an error at one span.
    pub fn error_at(&self, span: Span, msg: impl Display) {
        self.syn_error(syn::Error::new(span, msg));
    }

    /// Records an error produced by syn.
    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    /// How many errors were recorded so far.
    pub fn count(&self) -> usize {
        self.errors.borrow().len()
    }

    /// All errors recorded, combined into one (`None` when there were none).
    pub fn check(self) -> Option<syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let mut combined = errors.next()?;
        for err in errors {
            combined.combine(err);
        }
        Some(combined)
    }
}
