//! Drawing the explorer. Pure: reads the [`App`], writes the frame's buffer, changes nothing.

mod detail;
mod overlay;
pub mod style;
mod textsearch;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::action::{Action, Context};
use super::app::{App, Layer};
use super::geometry::{centered, inner};
use super::pane::{tab_labels, Pane, PaneKind, PaneRow, Sort, PANES};
use crate::corpus::Progress;
use crate::model::Item;
use crate::text::sanitize::one_line;
use style::Styles;

/// Draws the whole screen.
pub fn draw(app: &App, f: &mut Frame) {
    let g = app.geometry;
    let area = f.area();
    if g.too_small || g.area != area {
        let msg = if area.width >= 8 { "terminal too small" } else { "small" };
        let r = centered(area, msg.len() as u16, 1);
        f.render_widget(Paragraph::new(msg), r);
        return;
    }
    let s = Styles::new(app.theme);
    if g.narrow {
        draw_tabs(app, f, s);
        match app.focus.pane() {
            Some(p) => draw_pane(app, &app.panes[p.index()], p.index(), g.panes[p.index()], f, s),
            None => detail::draw(app, g.detail, f, s),
        }
    } else {
        for i in 0..PANES {
            draw_pane(app, &app.panes[i], i, g.panes[i], f, s);
        }
        detail::draw(app, g.detail, f, s);
    }
    draw_status(app, g.status, f, s);
    overlay::draw(app, area, f, s);
}

fn draw_tabs(app: &App, f: &mut Frame, s: Styles) {
    let g = app.geometry;
    let names = tab_labels(&app.panes);
    let current = app.focus.pane().map_or(PANES, PaneKind::index);
    let mut spans = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let st = if i == current { s.selected(true) } else { s.dim() };
        spans.push(Span::styled(format!(" {n} "), st));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), g.tabs);
}

/// The end of a text that fits `width` cells, with `…` in front when cut: a path's file name
/// is its most telling part.
fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for ch in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(ch);
    }
    std::iter::once('…').chain(out.into_iter().rev()).collect()
}

/// A bordered block, its border emphasised when focused.
fn block<'a>(title: impl Into<Line<'a>>, focused: bool, s: Styles) -> Block<'a> {
    let b = Block::bordered().title(title).border_style(s.border(focused));
    if focused {
        b.border_type(BorderType::Thick)
    } else {
        b
    }
}

fn draw_pane(app: &App, pane: &Pane, index: usize, area: Rect, f: &mut Frame, s: Styles) {
    let focused = app.focus.pane() == Some(PaneKind::ALL[index]) && app.layers.is_empty();
    let loading = if app.loading.is_some() { " …" } else { "" };
    let filter = if pane.filter.is_empty() && !(focused && app.filtering) {
        String::new()
    } else {
        let cursor = if focused && app.filtering { "▏" } else { "" };
        format!(" /{}{cursor}", one_line(&pane.filter))
    };
    let sort = if pane.sort == Sort::Natural { String::new() } else { format!(" · {}", pane.sort.label(pane.kind)) };
    let title = format!(" {} {} ({}){loading}{filter}{sort} ", index + 1, pane.kind.title(), pane.count());
    let b = block(title, focused, s);
    let body = inner(area);
    f.render_widget(b, area);
    let c = &app.corpus;
    let width = usize::from(body.width);
    let lines: Vec<Line> = pane
        .rows
        .iter()
        .enumerate()
        .skip(pane.scroll)
        .take(usize::from(body.height))
        .map(|(i, row)| match row {
            PaneRow::Heading(k) => Line::styled(format!("{}s", capitalise(k.as_str())), s.heading()),
            PaneRow::Item(item) => {
                let mark = if app.marks.contains(item) { "● " } else { "  " };
                let (text, extra) = match *item {
                    Item::Doc(d) => {
                        // The file beside the title (at most a quarter of the row), then the date.
                        let doc = &c.docs[d];
                        let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
                        let file = truncate_left(&one_line(&doc.shown_path), width / 4);
                        let both = format!("{file} {date}");
                        let extra = if width.saturating_sub(both.width() + 3) >= 16 { both } else { date };
                        (one_line(&doc.title), extra.trim().to_string())
                    }
                    Item::Entity(e) => (one_line(&c.entities[e].name), format!("×{}", c.mention_count(e))),
                    Item::Candidate(k) => (one_line(&c.candidates[k].name), format!("×{}", c.candidates[k].count)),
                };
                let room = width.saturating_sub(extra.width() + 3);
                let text = truncate(&text, room);
                let pad = width.saturating_sub(2 + text.width() + extra.width());
                let st = if i == pane.selected { s.selected(focused) } else { Style::new() };
                let name_style = match item {
                    Item::Entity(e) => s.kind(c.entities[*e].kind),
                    Item::Doc(_) | Item::Candidate(_) => Style::new(),
                };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(text, name_style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(extra, s.dim()),
                ])
                .style(st)
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), body);
}

/// A status-line hint: the actions, their keys by default, and what they do (no actions: the
/// text alone).
type Hint = (&'static [Action], &'static str, &'static str);

const HELP: Hint = (&[Action::Help], "?", "help");
const PICK: Hint = (&[Action::Pick], "p", "pick");
const MOVE: &[Action] = &[Action::Up, Action::Down];

/// The hints of each place, with the keys in use.
fn hints(app: &App, ctx: Context) -> &'static [Hint] {
    match ctx {
        Context::Panes => &[
            HELP,
            (&[Action::Quit], "q", "quit"),
            (MOVE, "↑↓", "move"),
            (&[Action::Open], "Enter", "open"),
            (&[Action::NextPane], "Tab", "pane"),
            (&[Action::OpenJump], "Ctrl-P", "jump"),
            (&[Action::ToggleMark], "Space", "mark"),
            PICK,
        ],
        Context::Reader => &[
            HELP,
            (&[Action::NextLink, Action::PrevLink], "Tab/S-Tab", "link"),
            (&[Action::Open], "Enter", "follow"),
            (&[Action::OpenFind], "/", "find"),
            (&[Action::FindNext, Action::FindPrev], "n/N", "next"),
            (&[Action::ToggleRaw], "r", "raw"),
            (&[Action::Back], "⌫", "back"),
            (&[Action::Forward], "]", "fwd"),
            (&[Action::Escape], "Esc", "panes"),
            PICK,
        ],
        Context::Card => &[
            HELP,
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "open"),
            (&[Action::Back], "⌫", "back"),
            (&[Action::Forward], "]", "forward"),
            (&[Action::Escape], "Esc", "panes"),
            (&[Action::OpenJump], "Ctrl-P", "jump"),
            PICK,
        ],
        Context::Bookmarks => &[
            HELP,
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "open"),
            (&[Action::RemoveBookmark], "x", "remove"),
            (&[Action::Back], "⌫", "back"),
            (&[Action::Escape], "Esc", "panes"),
            (&[Action::OpenJump], "Ctrl-P", "jump"),
        ],
        Context::Jump if matches!(app.layers.last(), Some(Layer::Jump(j)) if j.merge_from.is_some()) => &[
            (&[], "", "type to find the entity to merge into"),
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "merge"),
            (&[Action::Escape], "Esc", "cancel"),
        ],
        Context::Jump if !app.marks.is_empty() => &[
            (&[], "", "type to filter"),
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "print the marked and exit"),
            (&[Action::ToggleMark, Action::ToggleMarkUp], "Tab/S-Tab", "mark"),
            (&[Action::Escape], "Esc", "close"),
        ],
        Context::Jump => &[
            (&[], "", "type to filter"),
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "open"),
            (&[Action::ToggleMark], "Tab", "mark (Enter then prints the marked)"),
            (&[Action::Escape], "Esc", "close"),
        ],
        Context::TextSearch => &[
            (&[], "", "type to search the text"),
            (MOVE, "↑↓", "select"),
            (&[Action::Open], "Enter", "open at the hit (then n/N)"),
            (&[Action::Escape], "Esc", "close"),
        ],
        Context::Find => {
            &[(&[], "", "type to find"), (&[Action::FindNext], "Enter", "keep"), (&[Action::Escape], "Esc", "clear")]
        }
        Context::Help => &[
            (&[Action::Down, Action::Up, Action::PageDown, Action::PageUp], "j k ↑↓ PgUp PgDn", "scroll"),
            (&[], "", "any other key closes the help"),
        ],
        Context::Prompt => {
            &[(&[], "", "type"), (&[Action::Open], "Enter", "save"), (&[Action::Escape], "Esc", "cancel")]
        }
        Context::Filter => &[
            (&[], "", "type to filter the pane"),
            (&[Action::Open], "Enter", "keep"),
            (&[Action::Escape], "Esc", "clear"),
        ],
    }
}

/// Hints as the status line shows them: `keys what`, two spaces apart; a hint whose actions
/// have no key is left out.
fn hint_text(app: &App, ctx: Context, hints: &[Hint]) -> String {
    let mut parts = Vec::new();
    for &(actions, keys, what) in hints {
        if actions.is_empty() {
            parts.push(what.to_string());
        } else if let Some(k) = app.keymap.hint(ctx, actions, keys) {
            parts.push(format!("{k} {what}"));
        }
    }
    parts.join("  ")
}

fn draw_status(app: &App, area: Rect, f: &mut Frame, s: Styles) {
    let ctx = app.context();
    let keys = hint_text(app, ctx, hints(app, ctx));
    let keys = keys.as_str();
    let c = &app.corpus;
    let mut right = match app.loading {
        Some(Progress::Reading(n, total)) => format!("loading {n}/{total}…"),
        Some(Progress::Scanning) => "scanning…".to_string(),
        Some(Progress::Linking | Progress::Timed(..)) => "linking…".to_string(),
        None => {
            // Problems are counted where they can be seen: `!` lists them.
            let problems = app.problems + usize::from(app.config_problem.is_some());
            let shown = if problems > 0 {
                format!(" · {} (!)", crate::analysis::card::count(problems, "problem", "problems"))
            } else {
                String::new()
            };
            format!("{} loaded · {} skipped{shown}", c.stats.loaded, c.stats.skipped)
        }
    };
    if !app.marks.is_empty() {
        right = format!("{} marked · {right}", app.marks.len());
    }
    // A message (what an edit did, why a key did nothing) takes the place of the key hints,
    // after the way to the help.
    let said;
    let keys = match &app.message {
        Some(m) => {
            let leave: Hint = if matches!(ctx, Context::Panes | Context::Reader | Context::Card | Context::Bookmarks) {
                (&[Action::Quit], "q", "quit")
            } else {
                (&[Action::Escape], "Esc", "cancel")
            };
            said = format!("{}  {}", hint_text(app, ctx, &[HELP, leave]), one_line(m));
            said.as_str()
        }
        None => keys,
    };
    let width = usize::from(area.width);
    let right = truncate(&right, width / 2);
    let right_len = right.width();
    let keys = truncate(keys, width.saturating_sub(right_len + 1));
    let pad = width.saturating_sub(keys.width() + right_len);
    let line =
        Line::from(vec![Span::styled(keys, s.status()), Span::raw(" ".repeat(pad)), Span::styled(right, s.dim())]);
    f.render_widget(Paragraph::new(line), area);
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Cuts a string to `width` terminal cells, ending with `…` when cut.
#[must_use]
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}
