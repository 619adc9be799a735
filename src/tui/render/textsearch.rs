//! The full-text search overlay: the query line, then the documents found, best first, each
//! with its hit count and its first lines with hits, the hits highlighted.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::style::Styles;
use super::{block, truncate};
use crate::search::fulltext::LineHit;
use crate::text::sanitize::one_line;
use crate::tui::app::App;
use crate::tui::geometry::{inner, jump_area};
use crate::tui::textsearch::{Status, TextSearch};

/// Lines with hits shown under each document.
const SNIPPETS: usize = 2;

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn draw(app: &App, t: &TextSearch, screen: Rect, f: &mut Frame, s: Styles) {
    let area = jump_area(screen);
    f.render_widget(Clear, area);
    let state = match &app.text_status {
        Status::Closed => "opening the index…".to_string(),
        Status::Indexing(done, total) => format!("indexing {} / {}", thousands(*done), thousands(*total)),
        Status::Failed(_) => "no index".to_string(),
        Status::Ready(n) if t.input.trim().is_empty() => format!("{} documents indexed", thousands(*n)),
        Status::Ready(_) if t.pending() => format!("{}…", thousands(t.total)),
        Status::Ready(_) => {
            let docs = if t.total == 1 { "document" } else { "documents" };
            if t.total > t.hits.len() {
                format!("{} {docs}, best {} shown", thousands(t.total), t.hits.len())
            } else {
                format!("{} {docs}", thousands(t.total))
            }
        }
    };
    let title = format!(" Search the text · {state} ");
    f.render_widget(block(truncate(&title, usize::from(area.width.saturating_sub(2))), true, s), area);
    let body = inner(area);
    if body.height < 3 {
        return;
    }
    let width = usize::from(body.width);
    let prompt = Line::from(vec![Span::styled("> ", s.heading()), Span::raw(one_line(&t.input)), Span::raw("▏")]);
    let hint = match (&app.text_status, &t.error) {
        (Status::Failed(e), _) | (_, Some(e)) => Line::styled(truncate(&one_line(e), width), s.warn()),
        _ => Line::styled(truncate("words  \"a phrase\"  a OR b  -not  pre*  @person:id", width), s.dim()),
    };
    f.render_widget(Paragraph::new(vec![prompt, hint]), Rect { height: 2, ..body });
    let list = Rect { y: body.y + 2, height: body.height - 2, ..body };
    let height = usize::from(list.height);
    let rows = |i: usize| 1 + t.hits[i].lines.len().min(SNIPPETS);
    // The first document shown: as late as keeps the selected one whole on screen.
    let mut first = t.selected.min(t.hits.len().saturating_sub(1));
    let mut used = if t.hits.is_empty() { 0 } else { rows(first) };
    while first > 0 && used + rows(first - 1) <= height {
        first -= 1;
        used += rows(first);
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, hit) in t.hits.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        let selected = i == t.selected;
        let count = format!("  ×{}", hit.hits);
        let path = format!("  {}", one_line(&hit.path));
        let room = width.saturating_sub(count.width() + 2);
        let title = truncate(&one_line(&hit.title), room);
        let mut spans = vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled(title.clone(), s.title()),
            Span::styled(count.clone(), s.heading()),
        ];
        if 2 + title.width() + count.width() + path.width() <= width {
            spans.push(Span::styled(path, s.dim()));
        }
        let line = Line::from(spans);
        lines.push(if selected { line.style(s.selected(true)) } else { line });
        for l in hit.lines.iter().take(SNIPPETS) {
            lines.push(snippet(l, width, s));
        }
    }
    if t.hits.is_empty() && !t.pending() && !t.input.trim().is_empty() && t.error.is_none() {
        if let Status::Ready(_) = app.text_status {
            lines.push(Line::styled("  no document matches", s.dim()));
        }
    }
    lines.truncate(height);
    f.render_widget(Paragraph::new(lines), list);
}

/// A line with hits: its number in the file, then the text from a little before the first
/// hit, the hits highlighted, cut to `width`.
fn snippet(l: &LineHit, width: usize, s: Styles) -> Line<'static> {
    let number = format!("    {:>5}  ", l.line + 1);
    let mut room = width.saturating_sub(number.width());
    let mut spans = vec![Span::styled(number, s.dim())];
    let first = l.spans.first().map_or(0, |r| r.start);
    let lead = room / 4;
    let mut start = 0;
    // Start a few words before the first hit: back from it, character by character, until
    // `lead` cells are taken (each character measured once: the line may be long).
    let (mut at, mut taken) = (first, 0);
    for (i, c) in l.text[..first].char_indices().rev() {
        if taken >= lead {
            break;
        }
        taken += one_line(&l.text[i..i + c.len_utf8()]).width();
        at = i;
    }
    if at > 0 {
        start = at;
        spans.push(Span::styled("…", s.dim()));
        room = room.saturating_sub(1);
    }
    let mut at = start;
    let mut pieces: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for r in l.spans.iter().filter(|r| r.start >= start && r.end <= l.text.len()) {
        if r.start > at {
            pieces.push((at..r.start, false));
        }
        pieces.push((r.clone(), true));
        at = r.end;
    }
    if at < l.text.len() {
        pieces.push((at..l.text.len(), false));
    }
    for (r, hit) in pieces {
        if room == 0 {
            break;
        }
        let text = one_line(&l.text[r]);
        let text = if text.width() > room { truncate(&text, room) } else { text };
        room = room.saturating_sub(text.width());
        spans.push(Span::styled(text, if hit { s.matched() } else { Style::new() }));
    }
    Line::from(spans)
}
