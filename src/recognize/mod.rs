//! Finding entities in text: the curated catalog, the linker that finds their mentions, and
//! discovery of names no catalog covers.

pub mod catalog;
pub mod discover;
pub mod facts;
pub mod known;
pub mod link;
