//! Overlays: the fuzzy jump and the help. Each clears its area and draws over the base.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::style::Styles;
use super::{block, truncate};
use crate::model::ItemKind;
use crate::search::items;
use crate::search::query::Query;
use crate::text::sanitize::one_line;
use crate::tui::action::{Action, Context, HelpLine};
use crate::tui::app::{App, Ask, Layer, Prompt, KIND_KEYS};
use crate::tui::geometry::{centered, inner, jump_area, jump_rects};
use crate::tui::jump::{Ink, Jump};

pub fn draw(app: &App, area: Rect, f: &mut Frame, s: Styles) {
    for layer in &app.layers {
        match layer {
            Layer::Jump(j) => draw_jump(app, j, area, f, s),
            Layer::Help(scroll) => draw_help(app, *scroll, area, f, s),
            Layer::Prompt(p) => draw_prompt(app, p, area, f, s),
            Layer::TextSearch(t) => super::textsearch::draw(app, t, area, f, s),
        }
    }
}

/// A curation prompt: a box in the middle with what is asked and the line typed, or the kinds
/// to choose from.
fn draw_prompt(app: &App, p: &Prompt, area: Rect, f: &mut Frame, s: Styles) {
    let r = centered(Rect { height: area.height.saturating_sub(1), ..area }, 70, 4);
    f.render_widget(Clear, r);
    let title = format!(" {} ", one_line(&p.title(&app.corpus)));
    f.render_widget(block(truncate(&title, usize::from(r.width.saturating_sub(2))), true, s), r);
    let body = inner(r);
    let lines = match p.ask {
        Ask::Kind(_) => {
            let mut spans = Vec::new();
            for (key, kind) in KIND_KEYS {
                spans.push(Span::styled(format!("{key} "), s.heading()));
                spans.push(Span::styled(format!("{kind}  "), s.kind(kind)));
            }
            vec![Line::from(spans), Line::styled("Esc cancels", s.dim())]
        }
        Ask::Alias(_) | Ask::Rename(_) | Ask::Dates => vec![
            Line::from(vec![Span::styled("> ", s.heading()), Span::raw(one_line(&p.input)), Span::raw("▏")]),
            Line::styled(
                if p.ask == Ask::Dates {
                    "Enter filters the timeline · Esc cancels"
                } else {
                    "Enter saves to the catalog · Esc cancels"
                },
                s.dim(),
            ),
        ],
    };
    f.render_widget(Paragraph::new(lines), body);
}

fn draw_jump(app: &App, j: &Jump, screen: Rect, f: &mut Frame, s: Styles) {
    let area = jump_area(screen);
    f.render_widget(Clear, area);
    let count = if j.pending() { format!("{}…", j.total) } else { format!("{}/{}", j.total, app.entries.len()) };
    let title = match j.merge_from.and_then(|e| app.corpus.entities.get(e)) {
        Some(e) => format!(" Merge {} into… · {count} ", one_line(&e.name)),
        None => format!(" Jump · {count} "),
    };
    f.render_widget(block(truncate(&title, usize::from(area.width.saturating_sub(2))), true, s), area);
    let rects = jump_rects(screen);
    if rects.input.height < 2 {
        return;
    }
    let prompt = Line::from(vec![Span::styled("> ", s.heading()), Span::raw(one_line(&j.input)), Span::raw("▏")]);
    // With marks, Enter prints them: the hint says so.
    let hint = if app.marks.is_empty() || j.merge_from.is_some() {
        Line::styled("'exact ^prefix suffix$ !not a|b  @person @org @chip @model @service @doc", s.dim())
    } else {
        Line::from(vec![
            Span::styled(format!("● {} marked", app.marks.len()), s.heading()),
            Span::styled(" · Enter prints them and exits (like p) · Tab / Shift-Tab mark or unmark", s.dim()),
        ])
    };
    f.render_widget(Paragraph::new(vec![prompt, hint]), rects.input);
    let list = rects.list;
    let q = Query::parse(&j.input);
    let c = &app.corpus;
    let width = usize::from(list.width);
    let mut lines = Vec::new();
    for (i, hit) in j.hits.iter().enumerate().skip(j.scroll).take(usize::from(list.height)) {
        let Some(entry) = app.entries.get(hit.entry) else { continue };
        // Positions are computed only for the rows on screen.
        let positions = items::positions(&app.matcher, &q, entry);
        let kind = entry.kind;
        // Found by an alias or id rather than the name: which one (room kept for it).
        let other = entry.matched_other(c, hit).map(|(what, text)| format!(" — matched {what}: {}", one_line(text)));
        let room = width.saturating_sub(12);
        let name = one_line(entry.item.name(c));
        let name = match &other {
            Some(o) => truncate(&name, room.saturating_sub(o.width()).max(room.min(12))),
            None => truncate(&name, room),
        };
        let mark = if app.marks.contains(&entry.item) { "●" } else { " " };
        let kind_style = match kind {
            ItemKind::Entity(k) => s.kind(k),
            ItemKind::Doc | ItemKind::Candidate => s.dim(),
        };
        let mut spans = vec![
            Span::raw(format!("{mark} ")),
            Span::styled(format!("{:<8}", kind.as_str()), kind_style),
            Span::raw(" "),
        ];
        for (ci, ch) in name.chars().enumerate() {
            let st = if positions.contains(&ci) { s.matched() } else { Style::new() };
            spans.push(Span::styled(ch.to_string(), st));
        }
        if let Some(o) = other {
            spans.push(Span::styled(o, s.dim()));
        } else if let crate::model::Item::Doc(d) = entry.item {
            // The file, when it fits whole.
            let path = format!("  {}", one_line(&c.docs[d].shown_path));
            if 11 + name.width() + path.width() <= width {
                spans.push(Span::styled(path, s.dim()));
            }
        }
        let line = Line::from(spans);
        lines.push(if i == j.selected { line.style(s.selected(true)) } else { line });
    }
    if j.hits.is_empty() && !j.pending() {
        lines.push(Line::styled("no matches", s.dim()));
    }
    f.render_widget(Paragraph::new(lines), list);
    if let (Some(rule), Some(area)) = (rects.rule, rects.preview) {
        let bar: Vec<Line> = (0..rule.height).map(|_| Line::styled("│", s.border(false))).collect();
        f.render_widget(Paragraph::new(bar), rule);
        let Some(p) = &j.preview else { return };
        let width = usize::from(area.width);
        let lines: Vec<Line> = p
            .lines
            .iter()
            .map(|parts| {
                let text: String = parts.iter().map(|(t, _)| t.as_str()).collect();
                if text.width() > width {
                    return Line::styled(truncate(&text, width), ink(parts.first().map_or(Ink::Text, |p| p.1), s));
                }
                Line::from(parts.iter().map(|(t, k)| Span::styled(t.clone(), ink(*k, s))).collect::<Vec<_>>())
            })
            .collect();
        f.render_widget(Paragraph::new(lines), area);
    }
}

fn ink(k: Ink, s: Styles) -> Style {
    match k {
        Ink::Title => s.title(),
        Ink::Kind(kind) => s.kind(kind).patch(s.title()),
        Ink::Text => Style::new(),
        Ink::Dim => s.dim(),
        Ink::Matched => s.matched(),
    }
}

/// The help's lines, styled: the text is [`crate::tui::keymap::Keymap::help`]'s.
fn help_lines(app: &App, s: Styles) -> Vec<Line<'static>> {
    app.keymap
        .help()
        .into_iter()
        .map(|l| match l {
            HelpLine::Title(t) | HelpLine::Heading(t) => Line::styled(t, s.heading()),
            HelpLine::Key(label, help) => Line::from(vec![Span::raw(format!("  {label:<24}")), Span::raw(help)]),
            HelpLine::Blank => Line::raw(""),
            HelpLine::Note(t) => Line::styled(t, s.dim()),
        })
        .collect()
}

fn draw_help(app: &App, scroll: usize, area: Rect, f: &mut Frame, s: Styles) {
    let lines = help_lines(app, s);
    // Above the status line, which stays visible; the way to scroll is in the border.
    let above = Rect { height: area.height.saturating_sub(1), ..area };
    let r = centered(above, 90, lines.len() as u16 + 2);
    f.render_widget(Clear, r);
    let body = inner(r);
    let max_scroll = lines.len().saturating_sub(usize::from(body.height));
    let title = if max_scroll > 0 {
        let keys = app.keymap.hint(
            Context::Help,
            &[Action::Down, Action::Up, Action::PageDown, Action::PageUp],
            "j k ↑ ↓ PgUp PgDn",
        );
        format!(
            " Help {}/{} · {} scroll · Esc closes ",
            scroll.min(max_scroll) + 1,
            max_scroll + 1,
            keys.unwrap_or_default()
        )
    } else {
        " Help · Esc closes ".to_string()
    };
    f.render_widget(block(title, true, s), r);
    f.render_widget(Paragraph::new(lines).scroll((scroll.min(max_scroll) as u16, 0)), body);
}
