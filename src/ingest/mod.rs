//! Reading documents: walking folders, reading and parsing files, front matter, titles.

pub mod frontmatter;
pub mod source;
pub mod title;
