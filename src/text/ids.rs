//! Ids: slugs made from names, and made unique.

use std::collections::HashSet;

/// A slug id for a name: lowercase letters and digits joined by dashes.
#[must_use]
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "entity".into()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`, … : the first not yet in `ids`, which it is added to.
#[must_use]
pub fn unique_id<S: std::hash::BuildHasher>(base: &str, ids: &mut HashSet<String, S>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_dashed() {
        assert_eq!(slug("Peter DeSantis"), "peter-desantis");
        assert_eq!(slug("Kölner Stadt-Anzeiger!"), "kolner-stadt-anzeiger");
        assert_eq!(slug("¡!"), "entity");
    }

    #[test]
    fn ids_are_made_unique_in_order() {
        let mut ids = HashSet::new();
        assert_eq!(unique_id("a", &mut ids), "a");
        assert_eq!(unique_id("a", &mut ids), "a-2");
        assert_eq!(unique_id("a-2", &mut ids), "a-2-2");
        assert_eq!(unique_id("a", &mut ids), "a-3");
    }
}
