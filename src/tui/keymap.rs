//! The keys in use: the default bindings ([`BINDINGS`]) with the user's `[keys]` over them.
//! Looks keys up, writes the help and the status line's hints with the keys in use, checks a
//! config's keys (unknown actions, a key meaning two things in one place) and writes the
//! default config file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Binding, Context, HelpLine, Key, When, BINDINGS};
use crate::shared::config::{Config, ConfigError, KeyName, KeySpec, Pos};

/// The keys of every binding, the user's where the config gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// The keys of each binding in [`BINDINGS`], by index.
    keys: Vec<Vec<Key>>,
    /// Which bindings the config changed.
    custom: Vec<bool>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self { keys: BINDINGS.iter().map(|b| b.keys.to_vec()).collect(), custom: vec![false; BINDINGS.len()] }
    }
}

/// The order of the help's sections.
const HELP_ORDER: [When; 13] = [
    When::Base,
    When::Panes,
    When::Reader,
    When::Detail,
    When::Edit,
    When::Bookmarks,
    When::Jump,
    When::TextSearch,
    When::Find,
    When::Prompt,
    When::Filter,
    When::Help,
    When::Always,
];

/// How errors and the default file name a table of `[keys]`.
fn table_name(t: Option<&str>) -> String {
    t.map_or_else(|| "[keys]".to_string(), |t| format!("[keys.{t}]"))
}

impl Keymap {
    /// The default keys with the config's `[keys]` over them: each action named replaces its
    /// default keys. An unknown table or action, or a key meaning two actions in one place, is
    /// an error at its line and column.
    pub fn from_config(c: &Config) -> Result<Self, ConfigError> {
        let mut km = Self::default();
        let mut written: HashMap<(usize, Key), Pos> = HashMap::new();
        for e in &c.keys {
            let table = e.table.as_deref();
            if table.is_some() && !BINDINGS.iter().any(|b| b.when.table() == table) {
                let mut tables: Vec<String> = HELP_ORDER.iter().map(|w| table_name(w.table())).collect();
                tables.dedup();
                return Err(c.error_at(
                    e.table_at,
                    format!("unknown key table {}; the tables are {}", table_name(table), tables.join(", ")),
                ));
            }
            let Some(i) = BINDINGS.iter().position(|b| b.when.table() == table && b.action.name() == e.action) else {
                let names: Vec<String> =
                    BINDINGS.iter().filter(|b| b.when.table() == table).map(|b| b.action.name()).collect();
                return Err(c.error_at(
                    e.at,
                    format!(
                        "unknown action `{}` in {}; its actions are {}",
                        e.action,
                        table_name(table),
                        names.join(", ")
                    ),
                ));
            };
            km.keys[i].clear();
            km.custom[i] = true;
            for &(spec, at) in &e.keys {
                for k in keys_of(spec) {
                    if !km.keys[i].contains(&k) {
                        km.keys[i].push(k);
                        written.insert((i, k), at);
                    }
                }
            }
        }
        for ctx in Context::ALL {
            let here: Vec<usize> = (0..BINDINGS.len()).filter(|&i| BINDINGS[i].when.applies(ctx)).collect();
            for (n, &i) in here.iter().enumerate() {
                for &j in &here[n + 1..] {
                    if BINDINGS[i].action == BINDINGS[j].action {
                        continue;
                    }
                    if let Some(k) = km.keys[i].iter().find(|k| km.keys[j].contains(k)) {
                        let at = written.get(&(j, *k)).or_else(|| written.get(&(i, *k))).copied().unwrap_or_default();
                        return Err(c.error_at(
                            at,
                            format!(
                                "`{}` means both {} and {} in {}; give one of them other keys",
                                key_label(*k),
                                BINDINGS[i].action.name(),
                                BINDINGS[j].action.name(),
                                ctx.label()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(km)
    }

    /// The action a key means in a context, if any. Earlier bindings win.
    #[must_use]
    pub fn lookup(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let mods =
            if matches!(key.code, KeyCode::Char(_)) { key.modifiers - KeyModifiers::SHIFT } else { key.modifiers };
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(b, _)| b.when.applies(context))
            .find(|(_, keys)| keys.iter().any(|&(code, m)| code == key.code && m == mods))
            .map(|(b, _)| b.action)
    }

    /// The first key that means `action` in a context.
    #[must_use]
    pub fn first_key(&self, context: Context, action: Action) -> Option<Key> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(b, _)| b.action == action && b.when.applies(context))
            .find_map(|(_, keys)| keys.first().copied())
    }

    /// The keys of a status-line hint about `actions`: `default` unless the config changed
    /// them, else the first key of each (`None` when none has a key).
    #[must_use]
    pub fn hint(&self, context: Context, actions: &[Action], default: &'static str) -> Option<Cow<'static, str>> {
        let changed = BINDINGS
            .iter()
            .zip(&self.custom)
            .any(|(b, &custom)| custom && b.when.applies(context) && actions.contains(&b.action));
        if !changed {
            return Some(default.into());
        }
        let keys: Vec<String> = actions.iter().filter_map(|&a| self.first_key(context, a)).map(key_label).collect();
        (!keys.is_empty()).then(|| keys.join("/").into())
    }

    /// How the help shows the keys of the binding at `i` and the unlabelled ones after it: the
    /// table's label unless the config changed them.
    fn label(&self, i: usize) -> String {
        let group: Vec<usize> = std::iter::once(i)
            .chain(
                (i + 1..BINDINGS.len())
                    .take_while(|&j| BINDINGS[j].label.is_empty() && BINDINGS[j].when == BINDINGS[i].when),
            )
            .collect();
        if !group.iter().any(|&j| self.custom[j]) {
            return BINDINGS[i].label.to_string();
        }
        let mut labels: Vec<String> = Vec::new();
        for k in group.iter().flat_map(|&j| &self.keys[j]) {
            let l = key_label(*k);
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        if labels.is_empty() {
            "(no key)".into()
        } else {
            labels.join(" ")
        }
    }

    /// The help's text: every binding with a label, grouped by where it applies, with the keys
    /// in use.
    #[must_use]
    pub fn help(&self) -> Vec<HelpLine> {
        let mut lines = vec![HelpLine::Title("dossier — keys"), HelpLine::Blank];
        for when in HELP_ORDER {
            let rows: Vec<(usize, &Binding)> =
                BINDINGS.iter().enumerate().filter(|(_, b)| b.when == when && !b.label.is_empty()).collect();
            if rows.is_empty() {
                continue;
            }
            lines.push(HelpLine::Heading(when.label()));
            lines.extend(rows.iter().map(|&(i, b)| HelpLine::Key(self.label(i), b.help)));
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Note("Mouse: click selects, the wheel scrolls."));
        lines.push(HelpLine::Note("Reader: underlined = link (colour by kind), italic = fuzzy match."));
        lines
    }
}

/// The terminal keys a config key stands for (Shift-Tab arrives with or without Shift).
fn keys_of(s: KeySpec) -> Vec<Key> {
    let mut m = KeyModifiers::NONE;
    if s.ctrl {
        m |= KeyModifiers::CONTROL;
    }
    if s.alt {
        m |= KeyModifiers::ALT;
    }
    let code = match s.key {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::Tab if s.shift => return vec![(KeyCode::BackTab, m), (KeyCode::BackTab, m | KeyModifiers::SHIFT)],
        KeyName::Tab => KeyCode::Tab,
        KeyName::Enter => KeyCode::Enter,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Insert => KeyCode::Insert,
        KeyName::F(n) => KeyCode::F(n),
    };
    if s.shift && !matches!(s.key, KeyName::Char(_)) {
        m |= KeyModifiers::SHIFT;
    }
    vec![(code, m)]
}

/// How the config writes a terminal key.
fn spec_of((code, m): Key) -> Option<KeySpec> {
    let key = match code {
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::BackTab | KeyCode::Tab => KeyName::Tab,
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Insert => KeyName::Insert,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    Some(KeySpec {
        key,
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        shift: code == KeyCode::BackTab || (m.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCode::Char(_))),
    })
}

/// How the help and the status line show a key: `Ctrl-P`, `Alt-←`, `Shift-Tab`, `Space`, `q`.
#[must_use]
pub fn key_label((code, m): Key) -> String {
    let mut s = String::new();
    if m.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl-");
    }
    if m.contains(KeyModifiers::ALT) {
        s.push_str("Alt-");
    }
    if m.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
        s.push_str("Shift-");
    }
    let ctrl = m.contains(KeyModifiers::CONTROL);
    match code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) if ctrl => s.extend(c.to_uppercase()),
        KeyCode::Char(c) => s.push(c),
        KeyCode::BackTab => s.push_str("Shift-Tab"),
        KeyCode::Tab => s.push_str("Tab"),
        KeyCode::Enter => s.push_str("Enter"),
        KeyCode::Backspace => s.push_str("Backspace"),
        KeyCode::Esc => s.push_str("Esc"),
        KeyCode::Up => s.push('↑'),
        KeyCode::Down => s.push('↓'),
        KeyCode::Left => s.push('←'),
        KeyCode::Right => s.push('→'),
        KeyCode::Home => s.push_str("Home"),
        KeyCode::End => s.push_str("End"),
        KeyCode::PageUp => s.push_str("PgUp"),
        KeyCode::PageDown => s.push_str("PgDn"),
        KeyCode::Delete => s.push_str("Del"),
        KeyCode::Insert => s.push_str("Ins"),
        KeyCode::F(n) => {
            let _ = write!(s, "F{n}");
        }
        _ => s.push('?'),
    }
    s
}

/// The commented default config file: every action with its default keys, every colour, the
/// default options. Read back, it is the defaults.
#[must_use]
pub fn default_file() -> String {
    let mut out = String::from(
        "# dossier's configuration. Where it is read from: `dossier config --path`;\n\
         # check it with `dossier config --check`. Every entry may be left out.\n\n\
         # Keys: each action with its default keys. A key is a character (\"q\", \"T\", \"?\") or a\n\
         # name (enter, tab, backspace, esc, up, down, left, right, home, end, pageup, pagedown,\n\
         # delete, insert, space, F1 to F24), with ctrl-, alt- or shift- in front (\"ctrl-p\",\n\
         # \"alt-left\", \"shift-tab\"). Binding an action replaces its default keys; a key may not\n\
         # mean two actions in one place. [keys] holds the keys of the panes and the detail view,\n\
         # curation and everywhere; the tables after it hold those of one place only.\n",
    );
    let mut tables: Vec<Option<&str>> = Vec::new();
    for w in HELP_ORDER {
        if !tables.contains(&w.table()) {
            tables.push(w.table());
        }
    }
    tables.sort_by_key(Option::is_some);
    for t in tables {
        let _ = write!(out, "\n{}\n", table_name(t));
        let mut help = "";
        for b in BINDINGS.iter().filter(|b| b.when.table() == t) {
            if !b.help.is_empty() {
                help = b.help;
            }
            let mut keys: Vec<String> = Vec::new();
            for k in b.keys.iter().filter_map(|&k| spec_of(k)) {
                let k = format!("\"{}\"", k.to_string().replace('\\', "\\\\").replace('"', "\\\""));
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let entry = format!("{} = [{}]", b.action.name(), keys.join(", "));
            let _ = writeln!(out, "{entry:<35} # {help}");
        }
    }
    out.push('\n');
    out.push_str(&crate::shared::config::default_theme_and_options());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
        Keymap::default().lookup(context, key)
    }

    fn keymap(text: &str) -> Result<Keymap, String> {
        let c = crate::shared::config::parse(Path::new("c.toml"), text).map_err(|e| e.to_string())?;
        Keymap::from_config(&c).map_err(|e| e.to_string())
    }

    #[test]
    fn tab_means_next_link_in_the_reader_and_next_pane_in_panes() {
        let tab = key(KeyCode::Tab, NONE);
        assert_eq!(lookup(Context::Reader, &tab), Some(Action::NextLink));
        assert_eq!(lookup(Context::Panes, &tab), Some(Action::NextPane));
        assert_eq!(lookup(Context::Jump, &tab), Some(Action::ToggleMark));
    }

    #[test]
    fn typed_letters_are_not_actions_in_the_jump() {
        assert_eq!(lookup(Context::Jump, &key(KeyCode::Char('q'), NONE)), None);
        assert_eq!(lookup(Context::Jump, &key(KeyCode::Char('p'), NONE)), None);
        assert_eq!(lookup(Context::Find, &key(KeyCode::Char('n'), NONE)), None);
    }

    #[test]
    fn shifted_characters_match() {
        assert_eq!(lookup(Context::Reader, &key(KeyCode::Char('N'), KeyModifiers::SHIFT)), Some(Action::FindPrev));
        assert_eq!(lookup(Context::Panes, &key(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::Help));
    }

    #[test]
    fn ctrl_c_cancels_everywhere() {
        for c in Context::ALL {
            assert_eq!(lookup(c, &key(KeyCode::Char('c'), CTRL)), Some(Action::Cancel));
        }
    }

    #[test]
    fn every_binding_with_keys_has_help_or_continues_the_previous_one() {
        for (i, b) in BINDINGS.iter().enumerate() {
            assert!(!b.help.is_empty() || (i > 0 && BINDINGS[i - 1].when == b.when), "{b:?}");
        }
    }

    #[test]
    fn every_action_has_one_name_per_table() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(a.when.table() != b.when.table() || a.action.name() != b.action.name(), "{a:?} {b:?}");
            }
        }
        assert_eq!(Action::OpenJump.name(), "open_jump");
        assert_eq!(Action::FocusPane(3).name(), "focus_pane_3");
    }

    #[test]
    fn the_default_keys_mean_one_thing_in_each_place() {
        assert_eq!(Keymap::from_config(&Config::default()), Ok(Keymap::default()));
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let text = default_file();
        let c = crate::shared::config::parse(Path::new("c.toml"), &text).expect("the default file parses");
        let km = Keymap::from_config(&c).expect("valid keys");
        assert_eq!(km.keys, Keymap::default().keys, "{text}");
        assert_eq!(c.palette, crate::shared::config::Palette::default());
    }

    #[test]
    fn a_rebound_action_loses_its_default_keys_and_the_help_shows_the_new_ones() {
        let km = keymap("[keys]\ntimeline = [\"T\", \"F5\"]\n").expect("valid");
        assert_eq!(km.lookup(Context::Panes, &key(KeyCode::Char('T'), KeyModifiers::SHIFT)), Some(Action::Timeline));
        assert_eq!(km.lookup(Context::Panes, &key(KeyCode::F(5), NONE)), Some(Action::Timeline));
        assert_eq!(km.lookup(Context::Panes, &key(KeyCode::Char('t'), NONE)), None);
        let i = BINDINGS.iter().position(|b| b.action == Action::Timeline).expect("bound");
        assert_eq!(km.label(i), "T F5");
        let km = keymap("[keys.jump]\nup = [\"ctrl-k\"]\ndown = [\"ctrl-j\"]\n").expect("valid");
        assert_eq!(km.hint(Context::Jump, &[Action::Up, Action::Down], "↑↓").as_deref(), Some("Ctrl-K/Ctrl-J"));
        assert_eq!(km.hint(Context::Panes, &[Action::Up, Action::Down], "↑↓").as_deref(), Some("↑↓"));
    }

    #[test]
    fn unknown_actions_tables_and_double_meanings_are_errors_where_written() {
        let e = keymap("[keys]\n\ntimelines = [\"T\"]\n").unwrap_err();
        assert!(e.starts_with("c.toml:3:1: unknown action `timelines` in [keys]"), "{e}");
        let e = keymap("[keys.jumps]\nup = [\"T\"]\n").unwrap_err();
        assert!(e.starts_with("c.toml:1:7: unknown key table [keys.jumps]"), "{e}");
        let e = keymap("[keys]\ntimeline = [\"T\", \"j\"]\n").unwrap_err();
        assert!(e.starts_with("c.toml:2:18: `j` means both"), "{e}");
        assert!(e.contains("timeline") && e.contains("down"), "{e}");
        // Moving `down` off `j` first makes `j` free.
        keymap("[keys]\ntimeline = [\"j\"]\ndown = [\"down\"]\n").expect("valid");
    }
}
