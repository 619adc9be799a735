//! Reading documents: walking folders (`walk`), reading and parsing files (`source`), front
//! matter, titles.

pub mod frontmatter;
pub mod source;
pub mod title;
pub mod walk;
