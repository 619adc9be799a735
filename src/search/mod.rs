//! Finding items by name: the query language, the fuzzy matcher, searching every item, and
//! the jump's narrowing search.

pub mod fulltext;
pub mod itemlist;
pub mod items;
pub mod lookup;
pub mod matcher;
pub mod narrow;
pub mod query;
