//! Styles, with and without colour. Without colour, selection is reversed video and links are
//! underlined, so both stay visible. With colour, the theme's palette (the user's `[theme]`)
//! gives the colours of entity kinds, selection, links, headings, borders, dim text and warnings.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{EntityKind, MatchHow};
use crate::shared::config::{Colour, Palette};
use crate::text::rich::Look;
use crate::tui::app::Theme;

/// The styles of one theme.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    color: bool,
    p: Palette,
}

/// A theme colour as the terminal knows it.
#[must_use]
pub fn color(c: Colour) -> Color {
    const ANSI: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Colour::Default => Color::Reset,
        Colour::Named(i) => ANSI.get(usize::from(i)).copied().unwrap_or(Color::Reset),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Styles {
    /// Styles for a theme.
    #[must_use]
    pub fn new(t: Theme) -> Self {
        Self { color: t.color, p: t.palette }
    }

    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color {
            colored
        } else {
            plain
        }
    }

    /// A selected row; dimmer when its pane is not focused.
    #[must_use]
    pub fn selected(self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().bg(color(self.p.selection)).fg(Color::White).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().bg(Color::DarkGray),
            (false, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A pane or overlay border.
    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().fg(color(self.p.border)),
            (_, true) => Style::new().add_modifier(Modifier::BOLD),
            _ => Style::new(),
        }
    }

    /// Secondary text.
    #[must_use]
    pub fn dim(self) -> Style {
        self.pick(Style::new().fg(color(self.p.dim)), Style::new().add_modifier(Modifier::DIM))
    }

    /// A heading.
    #[must_use]
    pub fn heading(self) -> Style {
        self.pick(
            Style::new().fg(color(self.p.heading)).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A card's title.
    #[must_use]
    pub fn title(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The status line's key hints.
    #[must_use]
    pub fn status(self) -> Style {
        self.pick(Style::new().fg(Color::Cyan), Style::new())
    }

    /// An entity name, by kind.
    #[must_use]
    pub fn kind(self, k: EntityKind) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(color(match k {
            EntityKind::Person => self.p.person,
            EntityKind::Org => self.p.org,
            EntityKind::Chip => self.p.chip,
            EntityKind::Model => self.p.model,
            EntityKind::Service => self.p.service,
        }))
    }

    /// A mention in the reader: underlined in the kind's colour; fuzzy ones italic and dotted
    /// apart by not being bold.
    #[must_use]
    pub fn mention(self, k: EntityKind, how: MatchHow) -> Style {
        let base = self.kind(k).add_modifier(Modifier::UNDERLINED);
        if how == MatchHow::Fuzzy {
            base.add_modifier(Modifier::ITALIC)
        } else if self.color {
            base
        } else {
            base.add_modifier(Modifier::BOLD)
        }
    }

    /// The focused link.
    #[must_use]
    pub fn focused_link(self) -> Style {
        self.pick(
            Style::new().bg(color(self.p.link)).fg(Color::Black).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// A find match; the current one stands out more.
    #[must_use]
    pub fn found(self, current: bool) -> Style {
        match (self.color, current) {
            (true, true) => Style::new().bg(Color::LightRed).fg(Color::Black),
            (true, false) => Style::new().bg(Color::Yellow).fg(Color::Black),
            (false, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A highlighted quote (a fact's source).
    #[must_use]
    pub fn quote_highlight(self) -> Style {
        self.pick(
            Style::new().bg(Color::Rgb(60, 60, 0)).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
        )
    }

    /// Matched characters in the jump.
    #[must_use]
    pub fn matched(self) -> Style {
        self.pick(
            Style::new().fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// A warning.
    #[must_use]
    pub fn warn(self) -> Style {
        self.pick(Style::new().fg(color(self.p.warn)), Style::new().add_modifier(Modifier::BOLD))
    }

    /// A quote or snippet.
    #[must_use]
    pub fn quote(self) -> Style {
        self.pick(
            Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// Rendered Markdown: headings, emphasis, code, links and their targets, alt text and
    /// decoration.
    #[must_use]
    pub fn look(self, l: Look) -> Style {
        let mut st = Style::new();
        if l.heading == 1 {
            st = st.patch(self.heading()).add_modifier(Modifier::UNDERLINED);
        } else if l.heading > 1 {
            st = st.patch(self.heading());
        }
        if l.emphasis {
            st = st.add_modifier(Modifier::ITALIC);
        }
        if l.strong {
            st = st.add_modifier(Modifier::BOLD);
        }
        if l.strike {
            st = st.add_modifier(Modifier::CROSSED_OUT);
        }
        if l.code {
            st = st.patch(self.pick(Style::new().fg(Color::LightYellow), Style::new()));
        }
        if l.link {
            st = st.patch(self.pick(Style::new().fg(color(self.p.url)), Style::new()));
        }
        if l.image {
            st = st.patch(self.dim()).add_modifier(Modifier::ITALIC);
        }
        if l.target || l.mark {
            st = st.patch(self.dim());
        }
        st
    }
}
