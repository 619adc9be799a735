//! Overlays: the fuzzy jump and the help. Each clears its area and draws over the base.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::style::Styles;
use super::{block, truncate};
use crate::model::ItemKind;
use crate::search::items;
use crate::search::query::Query;
use crate::text::sanitize::one_line;
use crate::tui::action::HelpLine;
use crate::tui::app::{App, Ask, Layer, Prompt, KIND_KEYS};
use crate::tui::geometry::{centered, inner, jump_area};
use crate::tui::jump::Jump;

pub fn draw(app: &App, area: Rect, f: &mut Frame, s: Styles) {
    for layer in &app.layers {
        match layer {
            Layer::Jump(j) => draw_jump(app, j, jump_area(area), f, s),
            Layer::Help(scroll) => draw_help(app, *scroll, area, f, s),
            Layer::Prompt(p) => draw_prompt(app, p, area, f, s),
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
        Ask::Alias(_) | Ask::Rename(_) => vec![
            Line::from(vec![Span::styled("> ", s.heading()), Span::raw(one_line(&p.input)), Span::raw("▏")]),
            Line::styled("Enter saves to the catalog · Esc cancels", s.dim()),
        ],
    };
    f.render_widget(Paragraph::new(lines), body);
}

fn draw_jump(app: &App, j: &Jump, area: Rect, f: &mut Frame, s: Styles) {
    f.render_widget(Clear, area);
    let count =
        if j.pending() { format!("{}…", j.hits.len()) } else { format!("{}/{}", j.hits.len(), app.entries.len()) };
    let title = match j.merge_from.and_then(|e| app.corpus.entities.get(e)) {
        Some(e) => format!(" Merge {} into… · {count} ", one_line(&e.name)),
        None => format!(" Jump · {count} "),
    };
    f.render_widget(block(truncate(&title, usize::from(area.width.saturating_sub(2))), true, s), area);
    let body = inner(area);
    if body.height < 2 {
        return;
    }
    let prompt = Line::from(vec![Span::styled("> ", s.heading()), Span::raw(one_line(&j.input)), Span::raw("▏")]);
    let hint = Line::styled("'exact ^prefix suffix$ !not a|b  @person @org @chip @model @service @doc", s.dim());
    f.render_widget(Paragraph::new(vec![prompt, hint]), Rect { height: 2, ..body });
    let list = Rect { y: body.y + 2, height: body.height - 2, ..body };
    let q = Query::parse(&j.input);
    let c = &app.corpus;
    let width = usize::from(list.width);
    let mut lines = Vec::new();
    for (i, hit) in j.hits.iter().enumerate().skip(j.scroll).take(usize::from(list.height)) {
        let Some(entry) = app.entries.get(hit.entry) else { continue };
        // Positions are computed only for the rows on screen.
        let positions = items::positions(&app.matcher, &q, entry);
        let kind = entry.kind;
        let name = one_line(entry.item.name(c));
        let name = truncate(&name, width.saturating_sub(14));
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
        if let crate::model::Item::Doc(d) = entry.item {
            spans.push(Span::styled(format!("  {}", one_line(&c.docs[d].shown_path)), s.dim()));
        }
        let line = Line::from(spans);
        lines.push(if i == j.selected { line.style(s.selected(true)) } else { line });
    }
    if j.hits.is_empty() && !j.pending() {
        lines.push(Line::styled("no matches", s.dim()));
    }
    f.render_widget(Paragraph::new(lines), list);
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
        format!(" Help {}/{} · j k ↑ ↓ PgUp PgDn scroll · Esc closes ", scroll.min(max_scroll) + 1, max_scroll + 1)
    } else {
        " Help · Esc closes ".to_string()
    };
    f.render_widget(block(title, true, s), r);
    f.render_widget(Paragraph::new(lines).scroll((scroll.min(max_scroll) as u16, 0)), body);
}
