//! The vocabulary of user intent, and the default key bindings that produce it. The keymap
//! (`keymap.rs`) puts the user's keys over [`BINDINGS`], and the help is generated from it, so
//! it lists every key.

use crossterm::event::{KeyCode, KeyModifiers};

/// Something the user wants done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row (or scroll the reader up a line).
    Up,
    /// Move the selection down one row (or scroll the reader down a line).
    Down,
    /// Up a page.
    PageUp,
    /// Down a page.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Focus the next pane (Documents → People → Organisations → Portfolio → detail).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus the next link in the reader.
    NextLink,
    /// Focus the previous link in the reader.
    PrevLink,
    /// Focus pane 1–4, or the detail view (5).
    FocusPane(u8),
    /// Focus the panes on the left.
    FocusLeft,
    /// Show the timeline in the detail view.
    Timeline,
    /// Filter the timeline by a range of dates (a prompt).
    DateRange,
    /// Show the candidates: names discovery was unsure of.
    Candidates,
    /// The relation chart.
    Chart,
    /// Show the problems with the input.
    Problems,
    /// Open the selected item, or follow the focused link.
    Open,
    /// Back in history.
    Back,
    /// Forward in history.
    Forward,
    /// Open the fuzzy jump.
    OpenJump,
    /// Full-text search of every document, through the on-disk index.
    OpenTextSearch,
    /// Find in the current document.
    OpenFind,
    /// Show the document's raw source, or render it again (Markdown, reflowed paragraphs).
    ToggleRaw,
    /// Next find match.
    FindNext,
    /// Previous find match.
    FindPrev,
    /// Mark or unmark the selected item (in the jump, then move down).
    ToggleMark,
    /// In the jump: move up, then mark or unmark (undoes a Tab).
    ToggleMarkUp,
    /// Print the marked (or selected) items and exit.
    Pick,
    /// Show the help overlay.
    Help,
    /// Close the overlay or clear the search.
    Escape,
    /// Quit printing nothing.
    Quit,
    /// Cancel (exit 130).
    Cancel,
    /// Delete the character before the cursor in an input line.
    DeleteChar,
    /// Clear the input line.
    ClearInput,
    /// Open the current document in the user's editor, at the line in view.
    OpenEditor,
    /// Open the document's source URL (else its file) with the system opener.
    OpenSource,
    /// Copy the id, path or focused quote to the clipboard (OSC 52).
    Copy,
    /// Filter the focused pane by what is typed.
    OpenFilter,
    /// Cycle the focused pane's order.
    CycleSort,
    /// Promote the candidate in focus to an entity (a kind is asked).
    Promote,
    /// Reject the entity or candidate in focus.
    Reject,
    /// Merge the entity in focus into another, chosen with the jump.
    Merge,
    /// Add an alias to the entity in focus.
    AddAlias,
    /// Rename the entity in focus.
    Rename,
    /// Change the kind of the entity in focus.
    ChangeKind,
    /// Undo the last edit.
    Undo,
    /// Bookmark what is in focus: the reader's document at the line in view, the card's
    /// entity, a row's document or entity, a pane's item.
    Bookmark,
    /// Show the bookmarks.
    OpenBookmarks,
    /// Remove the selected bookmark.
    RemoveBookmark,
}

impl Action {
    /// The action's name in the config file: the variant in snake case (`open_jump`,
    /// `focus_pane_1`).
    #[must_use]
    pub fn name(self) -> String {
        let mut out = String::new();
        for c in format!("{self:?}").chars() {
            if c.is_ascii_uppercase() {
                if !out.is_empty() {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else if c == '(' {
                out.push('_');
            } else if c != ')' {
                out.push(c);
            }
        }
        out
    }
}

/// Where keys are being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A list pane has focus.
    Panes,
    /// The document reader has focus.
    Reader,
    /// An entity card has focus.
    Card,
    /// The fuzzy jump is open.
    Jump,
    /// The find line is open.
    Find,
    /// The help overlay is open.
    Help,
    /// A curation prompt is open.
    Prompt,
    /// A pane's filter line is open.
    Filter,
    /// The bookmarks view has focus.
    Bookmarks,
    /// The full-text search is open.
    TextSearch,
}

impl Context {
    /// Every context.
    pub const ALL: [Self; 10] = [
        Self::Panes,
        Self::Reader,
        Self::Card,
        Self::Bookmarks,
        Self::Jump,
        Self::Find,
        Self::Help,
        Self::Prompt,
        Self::Filter,
        Self::TextSearch,
    ];

    /// How the config's errors name it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Panes => "the panes",
            Self::Reader => "the reader",
            Self::Card => "a card",
            Self::Jump => "the jump",
            Self::Find => "the find line",
            Self::Help => "the help",
            Self::Prompt => "a prompt",
            Self::Filter => "a pane's filter line",
            Self::Bookmarks => "the bookmarks",
            Self::TextSearch => "the full-text search",
        }
    }
}

/// Which contexts a binding applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Panes, reader and card (not overlays).
    Base,
    /// Only in a list pane.
    Panes,
    /// Only in the reader.
    Reader,
    /// In the reader or a card.
    Detail,
    /// In the fuzzy jump.
    Jump,
    /// On the find line.
    Find,
    /// In a curation prompt.
    Prompt,
    /// On a pane's filter line.
    Filter,
    /// Editing the catalog, in panes and detail.
    Edit,
    /// In the bookmarks view.
    Bookmarks,
    /// In the help overlay.
    Help,
    /// In the full-text search.
    TextSearch,
    /// In every context, overlays included.
    Always,
}

impl When {
    /// Whether bindings for here apply in a context.
    #[must_use]
    pub fn applies(self, c: Context) -> bool {
        match self {
            Self::Always => true,
            Self::Base => matches!(c, Context::Panes | Context::Reader | Context::Card | Context::Bookmarks),
            Self::Panes => c == Context::Panes,
            Self::Reader => c == Context::Reader,
            Self::Detail => matches!(c, Context::Reader | Context::Card | Context::Bookmarks),
            Self::Jump => c == Context::Jump,
            Self::Find => c == Context::Find,
            Self::Prompt => c == Context::Prompt,
            Self::Filter => c == Context::Filter,
            Self::Edit => matches!(c, Context::Panes | Context::Reader | Context::Card),
            Self::Bookmarks => c == Context::Bookmarks,
            Self::Help => c == Context::Help,
            Self::TextSearch => c == Context::TextSearch,
        }
    }

    /// The config's table for these bindings: `[keys]` (None) for the keys of panes and
    /// detail, curation and everywhere; `[keys.NAME]` for the rest.
    #[must_use]
    pub fn table(self) -> Option<&'static str> {
        match self {
            Self::Base | Self::Edit | Self::Always => None,
            Self::Panes => Some("panes"),
            Self::Reader => Some("reader"),
            Self::Detail => Some("detail"),
            Self::Jump => Some("jump"),
            Self::Find => Some("find"),
            Self::Prompt => Some("prompt"),
            Self::Filter => Some("filter"),
            Self::Bookmarks => Some("bookmarks"),
            Self::Help => Some("help_overlay"),
            Self::TextSearch => Some("text_search"),
        }
    }

    /// Heading in the help overlay.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Always => "Everywhere",
            Self::Base => "Panes and detail",
            Self::Panes => "Panes",
            Self::Reader => "Reader",
            Self::Detail => "Reader and card",
            Self::Jump => "Fuzzy jump (Ctrl-P)",
            Self::Find => "Find (/)",
            Self::Prompt => "Prompt (alias, rename, kind)",
            Self::Filter => "Pane filter (/ in a pane)",
            Self::Edit => "Curate (on the entity or candidate in focus; kept in the catalog)",
            Self::Bookmarks => "Bookmarks (B; kept in the data folder, never in the corpus)",
            Self::Help => "This help (any other key closes it)",
            Self::TextSearch => "Full-text search (F; the index is kept in the cache, never in the corpus)",
        }
    }
}

/// A key with modifiers. For characters, Shift is part of the character.
pub type Key = (KeyCode, KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

/// One binding: keys, what they are called in the help, where they apply, what they do.
#[derive(Debug)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// How the help shows the keys.
    pub label: &'static str,
    /// Where.
    pub when: When,
    /// What.
    pub action: Action,
    /// One line of help.
    pub help: &'static str,
}

macro_rules! bind {
    ($when:ident, $label:literal, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { keys: &[$($k),+], label: $label, when: When::$when, action: $action, help: $help }
    };
}

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// The help's title.
    Title(&'static str),
    /// A section: where the keys below apply.
    Heading(&'static str),
    /// Keys and what they do.
    Key(String, &'static str),
    /// An empty line.
    Blank,
    /// A remark.
    Note(&'static str),
}

/// Every key binding. Earlier bindings win, so context-specific ones come first.
pub const BINDINGS: &[Binding] = &[
    bind!(Always, "Ctrl-C", [(KeyCode::Char('c'), CTRL)], Action::Cancel, "cancel: exit 130, print nothing"),
    bind!(Help, "j k ↓ ↑", [ch('j'), (KeyCode::Down, NONE)], Action::Down, "scroll down / up"),
    bind!(Help, "", [ch('k'), (KeyCode::Up, NONE)], Action::Up, ""),
    bind!(Help, "PgDn Space PgUp", [(KeyCode::PageDown, NONE), ch(' ')], Action::PageDown, "page down / up"),
    bind!(Help, "", [(KeyCode::PageUp, NONE)], Action::PageUp, ""),
    bind!(Help, "g G Home End", [ch('g'), (KeyCode::Home, NONE)], Action::Top, "top / bottom"),
    bind!(Help, "", [ch('G'), (KeyCode::End, NONE)], Action::Bottom, ""),
    bind!(
        Jump,
        "Enter",
        [(KeyCode::Enter, NONE)],
        Action::Open,
        "open the selected result; with marked items, print them and exit (like p)"
    ),
    bind!(
        Jump,
        "↑ Ctrl-K Ctrl-P",
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), CTRL), (KeyCode::Char('p'), CTRL)],
        Action::Up,
        "previous result"
    ),
    bind!(
        Jump,
        "↓ Ctrl-J Ctrl-N",
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), CTRL), (KeyCode::Char('n'), CTRL)],
        Action::Down,
        "next result"
    ),
    bind!(Jump, "PgUp PgDn", [(KeyCode::PageUp, NONE)], Action::PageUp, "page through results"),
    bind!(Jump, "", [(KeyCode::PageDown, NONE)], Action::PageDown, ""),
    bind!(
        Jump,
        "Tab Shift-Tab",
        [(KeyCode::Tab, NONE)],
        Action::ToggleMark,
        "mark / unmark and move down; Shift-Tab undoes it (up, unmark); with marks Enter prints them"
    ),
    bind!(Jump, "", [(KeyCode::BackTab, NONE), (KeyCode::BackTab, KeyModifiers::SHIFT)], Action::ToggleMarkUp, ""),
    bind!(Jump, "Backspace Ctrl-U", [(KeyCode::Backspace, NONE)], Action::DeleteChar, "delete a character / the line"),
    bind!(Jump, "", [(KeyCode::Char('u'), CTRL)], Action::ClearInput, ""),
    bind!(Jump, "Esc", [(KeyCode::Esc, NONE)], Action::Escape, "close the jump"),
    bind!(
        TextSearch,
        "Enter",
        [(KeyCode::Enter, NONE)],
        Action::Open,
        "open the document at its first hit; n / N in the reader go from hit to hit"
    ),
    bind!(
        TextSearch,
        "↑ Ctrl-K Ctrl-P",
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), CTRL), (KeyCode::Char('p'), CTRL)],
        Action::Up,
        "previous document"
    ),
    bind!(
        TextSearch,
        "↓ Ctrl-J Ctrl-N",
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), CTRL), (KeyCode::Char('n'), CTRL)],
        Action::Down,
        "next document"
    ),
    bind!(TextSearch, "PgUp PgDn", [(KeyCode::PageUp, NONE)], Action::PageUp, "page through documents"),
    bind!(TextSearch, "", [(KeyCode::PageDown, NONE)], Action::PageDown, ""),
    bind!(
        TextSearch,
        "Backspace Ctrl-U",
        [(KeyCode::Backspace, NONE)],
        Action::DeleteChar,
        "delete a character / the line"
    ),
    bind!(TextSearch, "", [(KeyCode::Char('u'), CTRL)], Action::ClearInput, ""),
    bind!(TextSearch, "Esc", [(KeyCode::Esc, NONE)], Action::Escape, "close the search"),
    bind!(Find, "Enter", [(KeyCode::Enter, NONE)], Action::FindNext, "keep the search, back to the reader"),
    bind!(Find, "Backspace Ctrl-U", [(KeyCode::Backspace, NONE)], Action::DeleteChar, "delete a character / the line"),
    bind!(Find, "", [(KeyCode::Char('u'), CTRL)], Action::ClearInput, ""),
    bind!(Find, "Esc", [(KeyCode::Esc, NONE)], Action::Escape, "clear the search"),
    bind!(Filter, "Enter", [(KeyCode::Enter, NONE)], Action::Open, "keep the filter, back to the pane"),
    bind!(
        Filter,
        "Backspace Ctrl-U",
        [(KeyCode::Backspace, NONE)],
        Action::DeleteChar,
        "delete a character / the line"
    ),
    bind!(Filter, "", [(KeyCode::Char('u'), CTRL)], Action::ClearInput, ""),
    bind!(Filter, "Esc", [(KeyCode::Esc, NONE)], Action::Escape, "clear the filter"),
    bind!(Filter, "↑ ↓", [(KeyCode::Up, NONE)], Action::Up, "move in the filtered pane"),
    bind!(Filter, "", [(KeyCode::Down, NONE)], Action::Down, ""),
    bind!(Prompt, "Enter", [(KeyCode::Enter, NONE)], Action::Open, "save (a kind: press p o c m s)"),
    bind!(
        Prompt,
        "Backspace Ctrl-U",
        [(KeyCode::Backspace, NONE)],
        Action::DeleteChar,
        "delete a character / the line"
    ),
    bind!(Prompt, "", [(KeyCode::Char('u'), CTRL)], Action::ClearInput, ""),
    bind!(Prompt, "Esc", [(KeyCode::Esc, NONE)], Action::Escape, "cancel"),
    bind!(Base, "Ctrl-P", [(KeyCode::Char('p'), CTRL)], Action::OpenJump, "fuzzy jump to any document or entity"),
    bind!(
        Base,
        "F",
        [ch('F')],
        Action::OpenTextSearch,
        "full-text search: words, \"phrases\", a OR b, -not, pre*, @person:id; ranked, hits highlighted"
    ),
    bind!(Base, "e", [ch('e')], Action::OpenEditor, "open the document in $VISUAL / $EDITOR at the line in view"),
    bind!(
        Base,
        "o",
        [ch('o')],
        Action::OpenSource,
        "open the document's source URL (else its file) with the system opener"
    ),
    bind!(
        Base,
        "y",
        [ch('y')],
        Action::Copy,
        "copy the id, the document's path or the fact's quote (OSC 52; clipboard = false in the config turns it off)"
    ),
    bind!(
        Edit,
        "+",
        [ch('+')],
        Action::Promote,
        "promote a candidate (person, org, chip, model, service); keep a fact read from the text"
    ),
    bind!(
        Edit,
        "x",
        [ch('x')],
        Action::Reject,
        "reject: never an entity or candidate again; on a card, the fact read from the text"
    ),
    bind!(Edit, "m", [ch('m')], Action::Merge, "merge into another entity, chosen with the jump"),
    bind!(Edit, "a", [ch('a')], Action::AddAlias, "add an alias"),
    bind!(Edit, "R", [ch('R')], Action::Rename, "rename (the old name stays an alias)"),
    bind!(Edit, "K", [ch('K')], Action::ChangeKind, "change the kind"),
    bind!(Edit, "u", [ch('u')], Action::Undo, "undo the last edit (repeatable)"),
    bind!(
        Bookmarks,
        "x Delete",
        [ch('x'), (KeyCode::Delete, NONE)],
        Action::RemoveBookmark,
        "remove the selected bookmark"
    ),
    bind!(
        Bookmarks,
        "Enter",
        [(KeyCode::Enter, NONE)],
        Action::Open,
        "open the bookmark: the document at its line, the card"
    ),
    bind!(Base, "b", [ch('b')], Action::Bookmark, "bookmark the reader's line, the card's entity or the selected item"),
    bind!(Base, "B", [ch('B')], Action::OpenBookmarks, "bookmarks: every one kept for this corpus, newest first"),
    bind!(Base, "?  F1", [ch('?'), (KeyCode::F(1), NONE)], Action::Help, "this help"),
    bind!(Base, "q", [ch('q')], Action::Quit, "quit: exit 0, print nothing"),
    bind!(Base, "p", [ch('p')], Action::Pick, "pick: print the marked (or current) items and exit"),
    bind!(Base, "Space", [ch(' ')], Action::ToggleMark, "mark / unmark the current item"),
    bind!(Base, "Backspace Alt-←", [(KeyCode::Backspace, NONE), (KeyCode::Left, ALT)], Action::Back, "back in history"),
    bind!(
        Base,
        "Alt-→ Ctrl-F ]",
        [(KeyCode::Right, ALT), (KeyCode::Char('f'), CTRL), ch(']')],
        Action::Forward,
        "forward in history"
    ),
    bind!(
        Base,
        "1 2 3 4 5",
        [ch('1')],
        Action::FocusPane(1),
        "focus Documents, People, Organisations, Portfolio, detail"
    ),
    bind!(Base, "", [ch('2')], Action::FocusPane(2), ""),
    bind!(Base, "", [ch('3')], Action::FocusPane(3), ""),
    bind!(Base, "", [ch('4')], Action::FocusPane(4), ""),
    bind!(Base, "", [ch('5')], Action::FocusPane(5), ""),
    bind!(
        Base,
        "t",
        [ch('t')],
        Action::Timeline,
        "timeline: dated events in order, contradictions flagged; on a card, that entity's events"
    ),
    bind!(
        Detail,
        "d",
        [ch('d')],
        Action::DateRange,
        "in the timeline: only these dates (2024, 2024-03..2025-01, ..2025)"
    ),
    bind!(Base, "c", [ch('c')], Action::Candidates, "candidates: names discovery was unsure of, with counts"),
    bind!(Base, "C", [ch('C')], Action::Chart, "chart: who leads or reports to whom, what is part of what"),
    bind!(Base, "!", [ch('!')], Action::Problems, "problems: files skipped, bad front matter, catalog errors"),
    bind!(Reader, "Tab Shift-Tab", [(KeyCode::Tab, NONE)], Action::NextLink, "next / previous link"),
    bind!(Reader, "", [(KeyCode::BackTab, NONE), (KeyCode::BackTab, KeyModifiers::SHIFT)], Action::PrevLink, ""),
    bind!(Reader, "n N", [ch('n')], Action::FindNext, "next / previous find match (else next / previous link)"),
    bind!(Reader, "", [ch('N')], Action::FindPrev, ""),
    bind!(Reader, "/", [ch('/')], Action::OpenFind, "find in this document"),
    bind!(Reader, "r", [ch('r')], Action::ToggleRaw, "raw source / rendered (Markdown, reflowed paragraphs)"),
    bind!(Reader, "Enter", [(KeyCode::Enter, NONE)], Action::Open, "follow the focused link"),
    bind!(
        Base,
        "Esc",
        [(KeyCode::Esc, NONE)],
        Action::Escape,
        "clear the find, the timeline's dates or entity / back to the panes"
    ),
    bind!(Detail, "h ←", [ch('h'), (KeyCode::Left, NONE)], Action::FocusLeft, "focus the panes"),
    bind!(
        Detail,
        "Enter",
        [(KeyCode::Enter, NONE)],
        Action::Open,
        "open the selected fact's source, document or entity"
    ),
    bind!(Panes, "/", [ch('/')], Action::OpenFilter, "filter this pane by name (Esc clears)"),
    bind!(Panes, "s", [ch('s')], Action::CycleSort, "sort: mentions or path, name, newest first, kind"),
    bind!(Panes, "Tab Shift-Tab", [(KeyCode::Tab, NONE)], Action::NextPane, "next / previous pane"),
    bind!(Panes, "", [(KeyCode::BackTab, NONE), (KeyCode::BackTab, KeyModifiers::SHIFT)], Action::PrevPane, ""),
    bind!(
        Panes,
        "Enter l →",
        [(KeyCode::Enter, NONE), ch('l'), (KeyCode::Right, NONE)],
        Action::Open,
        "open the selected item in the detail view"
    ),
    bind!(Base, "j k ↓ ↑", [ch('j'), (KeyCode::Down, NONE)], Action::Down, "move down / up (scroll in the reader)"),
    bind!(Base, "", [ch('k'), (KeyCode::Up, NONE)], Action::Up, ""),
    bind!(
        Base,
        "PgDn PgUp Ctrl-D Ctrl-U",
        [(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)],
        Action::PageDown,
        "page down / up"
    ),
    bind!(Base, "", [(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], Action::PageUp, ""),
    bind!(Base, "g G Home End", [ch('g'), (KeyCode::Home, NONE)], Action::Top, "first / last row"),
    bind!(Base, "", [ch('G'), (KeyCode::End, NONE)], Action::Bottom, ""),
];
