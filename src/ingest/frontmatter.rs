//! YAML front matter between leading `---` lines, and the keys dossier uses from it.

use serde_yaml::Value;

use crate::model::EntityKind;
use crate::text::date::PartialDate;

/// The keys dossier reads from front matter.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date` or `publish_date`.
    pub date: Option<PartialDate>,
    /// `author`.
    pub author: Option<String>,
    /// `url`, `youtube_url` or `source`.
    pub url: Option<String>,
    /// `keywords` or `tags`.
    pub keywords: Vec<String>,
    /// `duration` (transcripts).
    pub duration: Option<String>,
    /// `entities.{companies,people,products,models}`.
    pub hints: Vec<(EntityKind, String)>,
}

impl FrontMatter {
    /// Whether the keys suggest a transcript (a video URL or a duration).
    #[must_use]
    pub fn looks_like_transcript(&self) -> bool {
        self.duration.is_some()
            || self.url.as_deref().is_some_and(|u| u.contains("youtube.com") || u.contains("youtu.be"))
    }
}

/// What splitting a text into front matter and body found.
#[derive(Debug)]
pub struct Split<'a> {
    /// The parsed front matter (default when absent or broken).
    pub front: FrontMatter,
    /// The body after the front matter (the whole text when absent or unterminated).
    pub body: &'a str,
    /// A problem with a 1-based line and column in the file, when the front matter is broken.
    pub error: Option<(usize, usize, String)>,
}

/// Splits `text` into front matter and body. Never fails: broken front matter is reported in
/// [`Split::error`] and the text still loads.
#[must_use]
pub fn split(text: &str) -> Split<'_> {
    let none = |body, error| Split { front: FrontMatter::default(), body, error };
    let Some(rest) = text.strip_prefix("---\n") else {
        return none(text, None);
    };
    // The closing line is `---` or `...` on its own.
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']).trim_end();
        if bare == "---" || bare == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        return none(text, Some((1, 1, "front matter starts with `---` but has no closing `---` line".into())));
    };
    let yaml = &rest[..yaml_end];
    let body = &rest[body_start..];
    if yaml.trim().is_empty() {
        return none(body, None);
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Split { front: read_keys(&map), body, error: None },
        Ok(Value::Null) => none(body, None),
        Ok(_) => none(body, Some((2, 1, "front matter is not a mapping of keys to values".into()))),
        Err(e) => {
            let (line, col) = e.location().map_or((2, 1), |l| (l.line() + 1, l.column()));
            none(body, Some((line, col, format!("bad front matter: {e}"))))
        }
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(items) => items.iter().filter_map(text).collect(),
        Value::String(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        _ => Vec::new(),
    }
}

fn read_keys(map: &serde_yaml::Mapping) -> FrontMatter {
    let get = |keys: &[&str]| keys.iter().find_map(|k| map.get(*k).and_then(text));
    let mut hints = Vec::new();
    if let Some(Value::Mapping(ents)) = map.get("entities") {
        for (key, kind) in [
            ("people", EntityKind::Person),
            ("companies", EntityKind::Org),
            ("organizations", EntityKind::Org),
            ("products", EntityKind::Service),
            ("models", EntityKind::Model),
        ] {
            if let Some(v) = ents.get(key) {
                hints.extend(list(v).into_iter().map(|n| (kind, n)));
            }
        }
    }
    FrontMatter {
        title: get(&["title"]),
        date: get(&["date", "publish_date", "published"]).and_then(|d| PartialDate::parse(&d)),
        author: get(&["author", "authors"]),
        url: get(&["url", "youtube_url", "source"]),
        keywords: ["keywords", "tags"].iter().find_map(|k| map.get(*k)).map(list).unwrap_or_default(),
        duration: get(&["duration"]),
        hints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_keys_dossier_uses() {
        let s = split(
            "---\ntitle: \"Hello\"\npublish_date: \"2024-12-04\"\nyoutube_url: https://youtube.com/x\n\
             duration: \"5:52\"\nkeywords:\n  - ai\n  - aws\nentities:\n  people: [Ann Lee]\n  companies:\n    - Amazon\n---\n# Body\n",
        );
        assert_eq!(s.body, "# Body\n");
        assert!(s.error.is_none());
        assert_eq!(s.front.title.as_deref(), Some("Hello"));
        assert_eq!(s.front.date, Some(PartialDate::day(2024, 12, 4)));
        assert_eq!(s.front.keywords, ["ai", "aws"]);
        assert!(s.front.looks_like_transcript());
        assert_eq!(
            s.front.hints,
            [(EntityKind::Person, "Ann Lee".to_string()), (EntityKind::Org, "Amazon".to_string())]
        );
    }

    #[test]
    fn no_front_matter_keeps_the_whole_text() {
        let s = split("Title\n---\nmore");
        assert_eq!(s.body, "Title\n---\nmore");
        assert!(s.error.is_none());
    }

    #[test]
    fn unterminated_front_matter_is_reported_and_the_text_kept() {
        let s = split("---\ntitle: x\nbody text");
        assert_eq!(s.body, "---\ntitle: x\nbody text");
        assert_eq!(s.error.as_ref().map(|e| (e.0, e.1)), Some((1, 1)));
    }

    #[test]
    fn malformed_yaml_gives_line_and_column_in_the_file() {
        let s = split("---\ntitle: ok\nbad: [unclosed\n---\nbody");
        let (line, _, msg) = s.error.expect("an error");
        assert!(line >= 3, "line {line}: {msg}");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let mut y = String::from("---\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            let refs = vec![format!("*{prev}"); 10].join(",");
            y.extend(["b", &i.to_string(), ": &b", &i.to_string(), " [", &refs, "]\n"]);
        }
        y.push_str("---\nbody");
        let s = split(&y);
        let (_, _, msg) = s.error.expect("the bomb is refused, not expanded");
        assert!(msg.contains("repetition limit"), "{msg}");
    }
}
