//! The user's configuration file, `config.toml` in the config folder
//! ([`crate::shared::places::config_dir`]): key bindings (`[keys]`), colours (`[theme]`) and
//! default options (`[defaults]`). Parsed here with the line and column of every mistake; the
//! explorer turns the action names into its actions (`crate::tui::keymap`), and the command
//! line puts the defaults under its flags.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use toml_edit::{Item, Key, TableLike, Value};

use crate::recognize::catalog::line_col;
use crate::shared::settings::Format;

/// The file's name in the config folder.
pub const FILE_NAME: &str = "config.toml";

/// A mistake in the config file, with where it is (line 0 when it has no place, such as an
/// unreadable file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// Where, 1-based (0: the whole file).
    pub at: Pos,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.reason)
        } else {
            write!(f, "{}:{}:{}: {}", self.path.display(), self.at.line, self.at.col, self.reason)
        }
    }
}

impl std::error::Error for ConfigError {}

/// A 1-based line and column in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line.
    pub line: usize,
    /// Column, in characters.
    pub col: usize,
}

/// A key with no modifiers, as the config names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    /// A character (Shift is part of it: `T`, `?`).
    Char(char),
    /// Enter.
    Enter,
    /// Tab (Shift-Tab with `shift`).
    Tab,
    /// Backspace.
    Backspace,
    /// Escape.
    Esc,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// A function key, F1 to F24.
    F(u8),
}

/// The named keys and what the config calls them (the first name is the one written back).
const NAMES: &[(&str, KeyName)] = &[
    ("enter", KeyName::Enter),
    ("return", KeyName::Enter),
    ("tab", KeyName::Tab),
    ("backspace", KeyName::Backspace),
    ("esc", KeyName::Esc),
    ("escape", KeyName::Esc),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("pageup", KeyName::PageUp),
    ("pgup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("pgdn", KeyName::PageDown),
    ("delete", KeyName::Delete),
    ("del", KeyName::Delete),
    ("insert", KeyName::Insert),
    ("space", KeyName::Char(' ')),
];

/// A key and its modifiers, as written in the config: `"q"`, `"T"`, `"ctrl-p"`, `"alt-left"`,
/// `"shift-tab"`, `"F5"`, `"space"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    /// The key.
    pub key: KeyName,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held (never with a character: `T` is Shift-t).
    pub shift: bool,
}

impl KeySpec {
    /// A key with no modifiers.
    #[must_use]
    pub fn plain(key: KeyName) -> Self {
        Self { key, ctrl: false, alt: false, shift: false }
    }

    /// Reads a key as the config writes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut spec = Self::plain(KeyName::Esc);
        let mut rest = text;
        // A modifier is a prefix followed by a key (so `-` and `ctrl--` are keys too).
        loop {
            let lower = rest.to_ascii_lowercase();
            let found = ["ctrl-", "alt-", "shift-"].into_iter().find(|m| lower.starts_with(m) && rest.len() > m.len());
            let Some(m) = found else { break };
            match m {
                "ctrl-" => spec.ctrl = true,
                "alt-" => spec.alt = true,
                _ => spec.shift = true,
            }
            rest = &rest[m.len()..];
        }
        let mut chars = rest.chars();
        spec.key = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(c),
            (None, _) => return Err("an empty key name".into()),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, k)) = NAMES.iter().find(|(n, _)| *n == lower) {
                    k
                } else if let Some(n) =
                    lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=24).contains(n))
                {
                    KeyName::F(n)
                } else {
                    return Err(format!(
                        "`{text}` is not a key; write a character (`q`, `T`, `?`), a name (enter, tab, \
                         backspace, esc, up, down, left, right, home, end, pageup, pagedown, delete, \
                         insert, space, F1 to F24), with ctrl-, alt- or shift- in front"
                    ));
                }
            }
        };
        if let KeyName::Char(c) = spec.key {
            if spec.shift {
                if !c.is_alphabetic() {
                    return Err(format!("`{text}`: write the shifted character itself, not shift- and a character"));
                }
                spec.shift = false;
                spec.key = KeyName::Char(c.to_uppercase().next().unwrap_or(c));
            } else if spec.ctrl && c.is_ascii_uppercase() {
                // Terminals send Ctrl-P and Ctrl-p alike.
                spec.key = KeyName::Char(c.to_ascii_lowercase());
            }
        }
        Ok(spec)
    }
}

impl fmt::Display for KeySpec {
    /// The key as the config writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, m) in [(self.ctrl, "ctrl-"), (self.alt, "alt-"), (self.shift, "shift-")] {
            if on {
                f.write_str(m)?;
            }
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            k => f.write_str(NAMES.iter().find(|(_, n)| *n == k).map_or("?", |(s, _)| s)),
        }
    }
}

/// A colour of the theme: one of the terminal's sixteen, its default, or `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own foreground or background.
    Default,
    /// A named colour, by its index in [`COLOUR_NAMES`].
    Named(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// The sixteen terminal colours, in ANSI order.
pub const COLOUR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

impl Colour {
    /// A named colour (`"light-blue"`).
    #[must_use]
    pub fn named(name: &str) -> Self {
        Self::parse(name).unwrap_or(Self::Default)
    }

    /// Reads a colour: a name (`red`, `light-blue`, `dark-gray`; `_` or `grey` also do),
    /// `default`, or `#rrggbb`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-").replace("grey", "gray");
        if t == "default" || t == "reset" {
            return Ok(Self::Default);
        }
        if let Some(i) = COLOUR_NAMES.iter().position(|n| *n == t) {
            return Ok(Self::Named(i as u8));
        }
        if let Some(hex) = t.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit())) {
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(Self::Rgb(byte(0), byte(2), byte(4)));
        }
        Err(format!("`{text}` is not a colour; use a name ({}), default, or #rrggbb", COLOUR_NAMES.join(", ")))
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Default => f.write_str("default"),
            Self::Named(i) => f.write_str(COLOUR_NAMES.get(usize::from(i)).copied().unwrap_or("default")),
            Self::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// The theme's colours. Without colour (`NO_COLOR`, `--color never`) none is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// People's names.
    pub person: Colour,
    /// Organisations' names.
    pub org: Colour,
    /// Chips' names.
    pub chip: Colour,
    /// AI models' names.
    pub model: Colour,
    /// Services' names.
    pub service: Colour,
    /// The background of the selected row.
    pub selection: Colour,
    /// The background of the focused link in the reader.
    pub link: Colour,
    /// Web links in rendered Markdown.
    pub url: Colour,
    /// Headings.
    pub heading: Colour,
    /// The focused pane's border.
    pub border: Colour,
    /// Secondary text.
    pub dim: Colour,
    /// Warnings.
    pub warn: Colour,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            person: Colour::named("cyan"),
            org: Colour::named("yellow"),
            chip: Colour::named("magenta"),
            model: Colour::named("green"),
            service: Colour::named("light-blue"),
            selection: Colour::named("blue"),
            link: Colour::named("cyan"),
            url: Colour::named("blue"),
            heading: Colour::named("yellow"),
            border: Colour::named("cyan"),
            dim: Colour::named("dark-gray"),
            warn: Colour::named("light-red"),
        }
    }
}

/// The theme's entries: name, what it colours.
pub const PALETTE_ENTRIES: [(&str, &str); 12] = [
    ("person", "people's names"),
    ("org", "organisations' names"),
    ("chip", "chips' names"),
    ("model", "AI models' names"),
    ("service", "services' names"),
    ("selection", "the selected row's background"),
    ("link", "the focused link's background in the reader"),
    ("url", "web links in rendered Markdown"),
    ("heading", "headings"),
    ("border", "the focused pane's border"),
    ("dim", "secondary text"),
    ("warn", "warnings"),
];

impl Palette {
    /// The colour of an entry of [`PALETTE_ENTRIES`].
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Colour> {
        let mut p = *self;
        p.entry(name).map(|c| *c)
    }

    fn entry(&mut self, name: &str) -> Option<&mut Colour> {
        Some(match name {
            "person" => &mut self.person,
            "org" => &mut self.org,
            "chip" => &mut self.chip,
            "model" => &mut self.model,
            "service" => &mut self.service,
            "selection" => &mut self.selection,
            "link" => &mut self.link,
            "url" => &mut self.url,
            "heading" => &mut self.heading,
            "border" => &mut self.border,
            "dim" => &mut self.dim,
            "warn" => &mut self.warn,
            _ => return None,
        })
    }
}

/// Options used when the command line does not give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// The folders or files to read (`~` expanded); empty: the bundled corpus.
    pub corpus: Vec<PathBuf>,
    /// How to print items.
    pub output: Option<Format>,
    /// Whether the explorer's `y` copies to the clipboard with OSC 52 (some terminals show the
    /// sequence instead of using it).
    pub clipboard: bool,
}

impl Default for Defaults {
    fn default() -> Self {
        Self { corpus: Vec::new(), output: None, clipboard: true }
    }
}

/// One entry of `[keys]`: an action and its keys, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    /// The sub-table (`jump` for `[keys.jump]`), or `None` for `[keys]` itself.
    pub table: Option<String>,
    /// Where the table's name is written.
    pub table_at: Pos,
    /// The action's name.
    pub action: String,
    /// Where the action's name is written.
    pub at: Pos,
    /// The keys, each with where it is written.
    pub keys: Vec<(KeySpec, Pos)>,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The file it was read from (none: the defaults).
    pub path: Option<PathBuf>,
    /// Key bindings, in the order written; each replaces its action's default keys.
    pub keys: Vec<KeyEntry>,
    /// Colours.
    pub palette: Palette,
    /// Default options.
    pub defaults: Defaults,
}

impl Config {
    /// An error at a place in this config's file.
    #[must_use]
    pub fn error_at(&self, at: Pos, reason: impl Into<String>) -> ConfigError {
        ConfigError { path: self.path.clone().unwrap_or_default(), at, reason: reason.into() }
    }
}

/// Where the config file is read from (it may not exist).
#[must_use]
pub fn path() -> Option<PathBuf> {
    crate::shared::places::config_dir().map(|d| d.join(FILE_NAME))
}

/// Reads the config file; the defaults when there is none.
pub fn load() -> Result<Config, ConfigError> {
    let Some(p) = path() else { return Ok(Config::default()) };
    match std::fs::read_to_string(&p) {
        Ok(text) => parse(&p, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError { path: p, at: Pos::default(), reason: format!("cannot read it: {e}") }),
    }
}

/// Parses config text: the first mistake is the error.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let pos = |span: Option<std::ops::Range<usize>>| {
        let (line, col) = line_col(text, span.map_or(0, |s| s.start));
        Pos { line, col }
    };
    let err = |at: Pos, reason: String| ConfigError { path: path.to_path_buf(), at, reason };
    let doc = toml_edit::Document::parse(text).map_err(|e| err(pos(e.span()), e.message().trim().to_string()))?;
    let mut config = Config { path: Some(path.to_path_buf()), ..Config::default() };
    for (key, item) in pairs(doc.as_table()) {
        let table = |what: &str| {
            item.as_table_like().ok_or_else(|| err(pos(key.span()), format!("`{what}` must be a table: [{what}]")))
        };
        match key.get() {
            "keys" => {
                for (k, v) in pairs(table("keys")?) {
                    if let Some(sub) = v.as_table_like() {
                        for (action, keys) in pairs(sub) {
                            config.keys.push(key_entry(Some((k, pos(k.span()))), action, keys, &pos, &err)?);
                        }
                    } else {
                        config.keys.push(key_entry(None, k, v, &pos, &err)?);
                    }
                }
            }
            "theme" => {
                for (k, v) in pairs(table("theme")?) {
                    let at = pos(k.span());
                    let Some(slot) = config.palette.entry(k.get()) else {
                        let names: Vec<&str> = PALETTE_ENTRIES.iter().map(|(n, _)| *n).collect();
                        return Err(err(
                            at,
                            format!("unknown colour `{}`; the theme has {}", k.get(), names.join(", ")),
                        ));
                    };
                    let s = v.as_str().ok_or_else(|| err(at, format!("`{}` must be a string", k.get())))?;
                    *slot = Colour::parse(s).map_err(|r| err(pos(v.span()), r))?;
                }
            }
            "defaults" => {
                for (k, v) in pairs(table("defaults")?) {
                    let at = pos(k.span());
                    match k.get() {
                        "corpus" => {
                            for (s, span) in
                                strings(v).ok_or_else(|| err(at, "`corpus` must be a list of paths".into()))?
                            {
                                if s.is_empty() {
                                    return Err(err(pos(span), "an empty path".into()));
                                }
                                config.defaults.corpus.push(expand_home(&s));
                            }
                        }
                        "output" => {
                            let s = v.as_str().ok_or_else(|| err(at, "`output` must be a string".into()))?;
                            let f = Format::from_str(s, true).map_err(|_| {
                                err(
                                    pos(v.span()),
                                    format!("`{s}` is not an output format; use id, name, path, json or tsv"),
                                )
                            })?;
                            config.defaults.output = Some(f);
                        }
                        "clipboard" => {
                            config.defaults.clipboard =
                                v.as_bool().ok_or_else(|| err(at, "`clipboard` must be true or false".into()))?;
                        }
                        other => {
                            return Err(err(
                                at,
                                format!("unknown option `{other}`; [defaults] has corpus, output and clipboard"),
                            ));
                        }
                    }
                }
            }
            other => {
                return Err(err(
                    pos(key.span()),
                    format!("unknown table `{other}`; the config has [keys], [theme] and [defaults]"),
                ))
            }
        }
    }
    Ok(config)
}

/// A table's entries with their keys (which carry the spans).
fn pairs(t: &dyn TableLike) -> Vec<(&Key, &Item)> {
    t.iter().filter_map(|(name, _)| t.get_key_value(name)).collect()
}

/// A string or a list of strings, each with its span.
fn strings(item: &Item) -> Option<Vec<(String, Option<std::ops::Range<usize>>)>> {
    match item.as_value()? {
        Value::String(s) => Some(vec![(s.value().clone(), s.span())]),
        Value::Array(a) => a.iter().map(|v| v.as_str().map(|s| (s.to_string(), v.span()))).collect(),
        _ => None,
    }
}

fn key_entry(
    table: Option<(&Key, Pos)>,
    action: &Key,
    keys: &Item,
    pos: &dyn Fn(Option<std::ops::Range<usize>>) -> Pos,
    err: &dyn Fn(Pos, String) -> ConfigError,
) -> Result<KeyEntry, ConfigError> {
    let at = pos(action.span());
    let list = strings(keys).ok_or_else(|| {
        err(at, format!("`{}` must be a key or a list of keys, such as [\"q\", \"ctrl-q\"]", action.get()))
    })?;
    let mut out = Vec::new();
    for (s, span) in list {
        let p = pos(span);
        out.push((KeySpec::parse(&s).map_err(|r| err(p, r))?, p));
    }
    Ok(KeyEntry {
        table: table.map(|(k, _)| k.get().to_string()),
        table_at: table.map_or(at, |(_, p)| p),
        action: action.get().to_string(),
        at,
        keys: out,
    })
}

/// `~` or `~/…` under `$HOME`.
fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix('~'), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(s),
    }
}

/// The commented `[theme]` and `[defaults]` tables of the default file.
#[must_use]
pub fn default_theme_and_options() -> String {
    let mut out = String::from(
        "# Colours: a name (black, red, green, yellow, blue, magenta, cyan, gray, dark-gray,\n\
         # light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white),\n\
         # default, or \"#rrggbb\". NO_COLOR and --color never turn every colour off.\n[theme]\n",
    );
    let p = Palette::default();
    for (name, what) in PALETTE_ENTRIES {
        let c = p.get(name).unwrap_or(Colour::Default);
        let _ = writeln!(out, "{:<23} # {what}", format!("{name} = \"{c}\""));
    }
    out.push_str(
        "\n# Options the command line uses when its flags do not say otherwise (a flag always wins).\n\
         [defaults]\n\
         # The folders or files to read (~ is your home); none: the bundled corpus.\n\
         corpus = []\n\
         # How items are printed: id, name, path, json or tsv.\n\
         output = \"id\"\n\
         # Whether y in the explorer copies to the clipboard (OSC 52); DOSSIER_NO_OSC52=1 also turns it off.\n\
         clipboard = true\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, String> {
        parse(Path::new("c.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn keys_read_with_modifiers_and_names() {
        let k = |s: &str| KeySpec::parse(s).expect(s);
        assert_eq!(k("q"), KeySpec::plain(KeyName::Char('q')));
        assert_eq!(k("ctrl-P"), KeySpec { ctrl: true, ..KeySpec::plain(KeyName::Char('p')) });
        assert_eq!(k("shift-t"), KeySpec::plain(KeyName::Char('T')));
        assert_eq!(k("alt-left"), KeySpec { alt: true, ..KeySpec::plain(KeyName::Left) });
        assert_eq!(k("F5"), KeySpec::plain(KeyName::F(5)));
        assert_eq!(k("-"), KeySpec::plain(KeyName::Char('-')));
        assert_eq!(k("ctrl--"), KeySpec { ctrl: true, ..KeySpec::plain(KeyName::Char('-')) });
        for s in ["q", "T", "ctrl-p", "alt-left", "shift-tab", "F12", "space", "pageup", "enter"] {
            assert_eq!(k(s).to_string(), s);
        }
        assert!(KeySpec::parse("hyper-x").is_err());
        assert!(KeySpec::parse("F25").is_err());
        assert!(KeySpec::parse("shift-?").is_err());
    }

    #[test]
    fn colours_read_by_name_and_hex_and_write_back() {
        assert_eq!(Colour::parse("light_blue"), Ok(Colour::named("light-blue")));
        assert_eq!(Colour::parse("grey"), Ok(Colour::named("gray")));
        assert_eq!(Colour::parse("#FF8000"), Ok(Colour::Rgb(255, 128, 0)));
        assert_eq!(Colour::Rgb(255, 128, 0).to_string(), "#ff8000");
        assert!(Colour::parse("#ff80").is_err());
        assert!(Colour::parse("mauve").is_err());
    }

    #[test]
    fn a_config_reads_keys_theme_and_defaults() {
        let c = parsed(
            "[keys]\ntimeline = [\"T\"]\nquit = \"ctrl-q\"\n[keys.jump]\nup = [\"up\", \"ctrl-k\"]\n\
             [theme]\nperson = \"#102030\"\n[defaults]\noutput = \"name\"\ncorpus = [\"/tmp/x\"]\n",
        )
        .expect("valid");
        assert_eq!(c.keys.len(), 3);
        assert_eq!((c.keys[0].action.as_str(), c.keys[0].keys[0].0), ("timeline", KeySpec::plain(KeyName::Char('T'))));
        assert_eq!(c.keys[0].keys[0].1, Pos { line: 2, col: 13 });
        assert_eq!(c.keys[2].table.as_deref(), Some("jump"));
        assert_eq!(c.palette.person, Colour::Rgb(16, 32, 48));
        assert_eq!(c.defaults.output, Some(Format::Name));
        assert_eq!(c.defaults.corpus, vec![PathBuf::from("/tmp/x")]);
    }

    #[test]
    fn mistakes_have_line_and_column() {
        assert_eq!(
            parsed("[keys]\nquit = [\"q\", \"ctrl-qq\"]\n").unwrap_err().split(": ").next(),
            Some("c.toml:2:14")
        );
        assert!(parsed("[theme]\nperson = \"mauve\"\n")
            .unwrap_err()
            .starts_with("c.toml:2:10: `mauve` is not a colour"));
        assert!(parsed("[theme]\nhat = \"red\"\n").unwrap_err().starts_with("c.toml:2:1: unknown colour `hat`"));
        assert!(parsed("[defaults]\noutput = \"xml\"\n").unwrap_err().starts_with("c.toml:2:10:"));
        assert!(parsed("[colours]\n").unwrap_err().starts_with("c.toml:1:2: unknown table"));
        assert!(parsed("[keys]\nquit = \n").unwrap_err().starts_with("c.toml:2:"));
    }

    #[test]
    fn the_default_theme_and_options_read_back_as_the_defaults() {
        let c = parsed(&default_theme_and_options()).expect("valid");
        assert_eq!(c.palette, Palette::default());
        assert_eq!(c.defaults, Defaults { corpus: Vec::new(), output: Some(Format::Id), clipboard: true });
    }
}
