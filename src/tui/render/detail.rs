//! The detail view: breadcrumb, then the document reader or the entity card.

use std::ops::Range;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::style::Styles;
use super::{block, truncate};
use crate::analysis::card::Tone;
use crate::model::Mention;
use crate::text::rich::Row;
use crate::text::sanitize::{one_line, placeholder};
use crate::tui::app::{App, View};
use crate::tui::geometry::{card_rects, inner, reader_rects};
use crate::tui::reader::{Mode, Reader};

pub fn draw(app: &App, area: Rect, f: &mut Frame, s: Styles) {
    let focused = app.focus.detail && app.layers.is_empty();
    let title = match app.view() {
        View::Doc(r) if r.mode == Mode::Raw => " 5 Reader · raw source (r renders) ".to_string(),
        View::Doc(_) => " 5 Reader ".to_string(),
        View::Entity(..) => " 5 Card ".to_string(),
        View::Timeline(filter, _) if filter.is_all() => " 5 Timeline ".to_string(),
        // The filters in force, which Esc clears.
        View::Timeline(filter, _) => {
            let label = one_line(&filter.label(&app.corpus));
            truncate(&format!(" 5 Timeline · {label} · Esc clears "), usize::from(area.width.saturating_sub(2)))
        }
        View::Candidates(_) => " 5 Candidates ".to_string(),
        View::Problems(_) => " 5 Problems ".to_string(),
        View::Chart(..) => " 5 Chart ".to_string(),
        View::Bookmarks(_) => " 5 Bookmarks ".to_string(),
        View::Empty => " 5 Detail ".to_string(),
    };
    f.render_widget(block(title, focused, s), area);
    let body = inner(area);
    match app.view() {
        View::Doc(r) => draw_reader(app, r, body, f, s),
        View::Empty => {
            let msg = if app.loading.is_some() { "loading…" } else { "nothing selected" };
            f.render_widget(Paragraph::new(msg).style(s.dim()), body);
        }
        view => {
            let Some((subject, c)) = view.rows() else { return };
            let (crumb, rows_area) = card_rects(body);
            draw_crumb(app, crumb, f, s);
            let Some((_, _, rows)) = app.card_rows.as_ref().filter(|(k, _, _)| *k == subject) else {
                f.render_widget(Paragraph::new("building the timeline…").style(s.dim()), rows_area);
                return;
            };
            let selected_target = rows.get(c.selected).and_then(|r| r.target.as_ref());
            let lines: Vec<Line> = rows
                .iter()
                .skip(c.scroll)
                .take(usize::from(rows_area.height))
                .map(|row| {
                    let parts = fit_parts(&row.parts, usize::from(rows_area.width));
                    let spans: Vec<Span> =
                        parts.into_iter().map(|(t, tone)| Span::styled(t, tone_style(tone, s))).collect();
                    let line = Line::from(spans);
                    if row.target.is_some() && row.target.as_ref() == selected_target {
                        line.style(s.selected(focused))
                    } else {
                        line
                    }
                })
                .collect();
            f.render_widget(Paragraph::new(lines), rows_area);
        }
    }
}

/// A row's parts fitted to `width` cells with a visible cut: the longest text part (a title, a
/// name, a quote) is shortened with `…` first, so that what follows it (a count, a source, a
/// flag) stays in view; only if that is not enough is the end cut, with `…`.
fn fit_parts(parts: &[(String, Tone)], width: usize) -> Vec<(String, Tone)> {
    use unicode_width::UnicodeWidthStr;
    let mut parts: Vec<(String, Tone)> = parts.to_vec();
    let total = |p: &[(String, Tone)]| p.iter().map(|(t, _)| t.width()).sum::<usize>();
    let over = total(&parts).saturating_sub(width);
    if over == 0 {
        return parts;
    }
    let longest = parts
        .iter()
        .enumerate()
        .filter(|(_, (t, tone))| !matches!(tone, Tone::Dim | Tone::Warn) && t.width() > 8)
        .max_by_key(|(_, (t, _))| t.width())
        .map(|(i, _)| i);
    if let Some(i) = longest {
        // Not below two fifths of the row: what the row is about stays readable.
        let keep = parts[i].0.width().saturating_sub(over).max(width * 2 / 5).min(parts[i].0.width());
        parts[i].0 = super::truncate(&parts[i].0, keep);
    }
    if total(&parts) > width {
        // Still too long: cut from the end, keeping a `…`.
        let mut room = width;
        for (t, _) in &mut parts {
            let w = t.width();
            if w <= room {
                room -= w;
            } else {
                *t = super::truncate(t, room);
                room = 0;
            }
        }
    }
    parts
}

fn tone_style(t: Tone, s: Styles) -> Style {
    match t {
        Tone::Title => s.title(),
        Tone::Heading => s.heading(),
        Tone::Text | Tone::Prose => Style::new(),
        Tone::Dim => s.dim(),
        Tone::Kind(k) => s.kind(k),
        Tone::Quote => s.quote(),
        Tone::Warn => s.warn(),
    }
}

/// Where you are: the history trail, newest last, cut from the left to fit; blank until there
/// is somewhere to go back to.
fn draw_crumb(app: &App, area: Rect, f: &mut Frame, s: Styles) {
    if !app.history.can_go_back() {
        return;
    }
    let c = &app.corpus;
    let names: Vec<String> = app
        .history
        .trail()
        .iter()
        .filter_map(|p| p.view.item())
        .map(|i| match i {
            crate::model::Item::Doc(d) => truncate(&one_line(&c.docs[d].title), 24),
            crate::model::Item::Entity(e) => one_line(&c.entities[e].name),
            crate::model::Item::Candidate(k) => one_line(&c.candidates[k].name),
        })
        .collect();
    let mut dedup: Vec<String> = Vec::new();
    for n in names {
        if dedup.last() != Some(&n) {
            dedup.push(n);
        }
    }
    let mut text = dedup.join(" › ");
    let width = usize::from(area.width);
    if unicode_width::UnicodeWidthStr::width(text.as_str()) > width {
        let chars: Vec<char> = text.chars().collect();
        let keep = width.saturating_sub(1);
        text = format!("…{}", chars[chars.len().saturating_sub(keep)..].iter().collect::<String>());
    }
    f.render_widget(Paragraph::new(text).style(s.dim()), area);
}

fn draw_reader(app: &App, r: &Reader, area: Rect, f: &mut Frame, s: Styles) {
    let c = &app.corpus;
    let doc = &c.docs[r.doc];
    let find_open = app.find_line().is_some();
    let rects = reader_rects(area, find_open);
    draw_crumb(app, rects.crumb, f, s);
    let meta = crate::analysis::card::DocCard::meta(c, r.doc);
    let header = vec![Line::styled(one_line(&doc.title), s.heading()), Line::styled(meta, s.dim())];
    f.render_widget(Paragraph::new(header), rects.header);

    if app.loading.is_some() && doc.body.is_empty() {
        f.render_widget(Paragraph::new("loading the text…").style(s.dim()), rects.body);
        return;
    }
    let Some(layout) = app.layout.as_ref().filter(|l| l.doc == r.doc && l.mode == r.mode) else { return };
    let mentions = c.doc_mentions(r.doc);
    let finds: &[Range<usize>] = r.find.as_ref().map_or(&[], |f| &f.matches);
    let current_find = r.find.as_ref().and_then(|f| f.matches.get(f.current)).cloned();
    let mut lines = Vec::new();
    for line in layout.lines.iter().skip(r.scroll).take(usize::from(rects.body.height)) {
        lines.push(styled_line(&doc.body, line, mentions, r, finds, current_find.as_ref(), app, s));
    }
    f.render_widget(Paragraph::new(lines), rects.body);

    if find_open || r.find.is_some() {
        let q = r.find.as_ref().map(|f| f.query.clone()).unwrap_or_default();
        let count = match &r.find {
            Some(f) if f.matches.is_empty() => "no matches".to_string(),
            Some(f) => format!("{}/{}", f.current + 1, f.matches.len()),
            None => String::new(),
        };
        let cursor = if find_open { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled("/", s.heading()),
            Span::raw(one_line(&q)),
            Span::raw(cursor),
            Span::raw("  "),
            Span::styled(count, s.dim()),
        ]);
        let at = if find_open { rects.find } else { Rect { height: 1, ..rects.strip } };
        f.render_widget(Paragraph::new(line), at);
        if !find_open {
            draw_strip(app, r, Rect { y: rects.strip.y + 1, height: 1, ..rects.strip }, f, s);
            return;
        }
    }
    draw_strip(app, r, rects.strip, f, s);
}

/// The entities this document mentions, most mentioned first.
fn draw_strip(app: &App, r: &Reader, area: Rect, f: &mut Frame, s: Styles) {
    use unicode_width::UnicodeWidthStr;
    let c = &app.corpus;
    let Some(layout) = app.layout.as_ref().filter(|l| l.doc == r.doc) else { return };
    // Entities are packed whole into the strip's lines; those that do not fit are counted at
    // the end ("… 12 more") instead of being cut off.
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let total = layout.entities.len();
    let mut lines: Vec<Vec<Span>> = vec![vec![Span::styled("In this document: ", s.dim())]];
    let mut used = "In this document: ".width();
    let mut on_line = 0;
    for (i, &(e, n)) in layout.entities.iter().enumerate() {
        let name = one_line(&c.entities[e].name);
        let count = format!(" ×{n}");
        let sep = if on_line > 0 { " · " } else { "" };
        let item = sep.width() + name.width() + count.width();
        let more = format!(" … {} more", total - i);
        let reserve = if lines.len() == height && i + 1 < total { more.width() } else { 0 };
        if used + item + reserve > width && on_line > 0 {
            if lines.len() == height {
                if let Some(l) = lines.last_mut() {
                    l.push(Span::styled(more, s.dim()));
                }
                break;
            }
            lines.push(Vec::new());
            used = 0;
            on_line = 0;
        }
        let l = lines.last_mut().expect("a line");
        if on_line > 0 {
            l.push(Span::styled(" · ", s.dim()));
            used += 3;
        }
        used += name.width() + count.width();
        on_line += 1;
        l.push(Span::styled(name, s.kind(c.entities[e].kind)));
        l.push(Span::styled(count, s.dim()));
    }
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// One screen line: each segment in its look, with mentions, find matches and a highlighted
/// quote laid over it by the body bytes it shows.
#[allow(clippy::too_many_arguments)]
fn styled_line<'a>(
    body: &str,
    line: &Row,
    mentions: &[Mention],
    r: &Reader,
    finds: &[Range<usize>],
    current_find: Option<&Range<usize>>,
    app: &App,
    s: Styles,
) -> Line<'a> {
    let c = &app.corpus;
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::new();
    for seg in &line.segments {
        let base = s.look(seg.look);
        let (mut mi, mut fi) = (mentions.len(), finds.len());
        if !seg.src.is_empty() {
            mi = mentions.partition_point(|m| m.span().end <= seg.src.start);
            fi = finds.partition_point(|m| m.end <= seg.src.start);
        }
        // A link's target is not where an entity is named, even when its words match one.
        let mentions = if seg.look.target { &[][..] } else { mentions };
        for (off, ch) in seg.text(body).char_indices() {
            let mut st = base;
            if let Some(b) = seg.byte_at(off) {
                while mi < mentions.len() && mentions[mi].span().end <= b {
                    mi += 1;
                }
                while fi < finds.len() && finds[fi].end <= b {
                    fi += 1;
                }
                if let Some(m) = mentions.get(mi).filter(|m| m.span().start <= b) {
                    st = st.patch(if r.link == Some(mi) {
                        s.focused_link()
                    } else {
                        s.mention(c.entities[m.entity()].kind, m.how)
                    });
                }
                if r.highlight.as_ref().is_some_and(|h| h.contains(&b)) {
                    st = st.patch(s.quote_highlight());
                }
                if let Some(fm) = finds.get(fi).filter(|m| m.start <= b) {
                    st = st.patch(s.found(current_find == Some(fm)));
                }
            }
            let shown = match ch {
                '\t' | '\r' => ' ',
                c => placeholder(c).unwrap_or(c),
            };
            if st != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = st;
            run.push(shown);
        }
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}
