//! Helpers on plain text, below everything else: dates, sanitising for the terminal, quote
//! search, ids, sentences, and the line or snippet around a span.

pub mod date;
pub mod fold;
pub mod ids;
pub mod quote;
pub mod rich;
pub mod sanitize;
pub mod sentence;
pub mod span;
pub mod wrap;
