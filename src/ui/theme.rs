//! Colours and emphasis, by the palette the settings name, and the shape of each kind of
//! phase. Nothing is conveyed by colour alone: every phase has its own big word and its own
//! gauge pattern, and the side is written out, so the monochrome theme (and `NO_COLOR`)
//! and colour-blind eyes lose nothing. The colours are the Okabe-Ito set, chosen to stay
//! apart for the common colour blindnesses, as 256-colour indexes every terminal has.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::plan::PhaseKind;

/// How a phase looks: its kind, or paused, which overrides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Look {
    GetReady,
    Hold,
    Activity,
    SwitchSides,
    Rest,
    Paused,
}

impl Look {
    pub(crate) fn of(kind: PhaseKind, paused: bool) -> Self {
        match kind {
            _ if paused => Self::Paused,
            PhaseKind::GetReady => Self::GetReady,
            PhaseKind::Hold => Self::Hold,
            PhaseKind::Activity => Self::Activity,
            PhaseKind::SwitchSides => Self::SwitchSides,
            PhaseKind::Rest => Self::Rest,
        }
    }

    /// The gauge's pattern: what a filled cell shows (a space is solid fill), and the
    /// track. A gauge of its own for each look, so each is told apart without colour.
    pub(crate) fn gauge(self) -> (&'static str, &'static str) {
        match self {
            Self::Hold => (" ", "·"),
            Self::GetReady => ("›", "·"),
            Self::Activity => ("▚", "·"),
            Self::SwitchSides => ("»", "·"),
            Self::Rest => ("~", "·"),
            Self::Paused => ("╱", "·"),
        }
    }
}

/// The styles the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Theme {
    colour: bool,
    /// Bright colours and bold text, no dim greys: for reading from across a room.
    high_contrast: bool,
}

impl Theme {
    /// The theme the settings name. (`NO_COLOR` is read where the settings are, at the
    /// start, and makes the name monochrome.)
    pub(crate) fn of(name: ThemeName) -> Self {
        match name {
            ThemeName::Default => Self::colour(),
            ThemeName::HighContrast => Self::high_contrast(),
            ThemeName::Monochrome => Self::monochrome(),
        }
    }

    pub(crate) fn colour() -> Self {
        Self { colour: true, high_contrast: false }
    }

    pub(crate) fn high_contrast() -> Self {
        Self { colour: true, high_contrast: true }
    }

    pub(crate) fn monochrome() -> Self {
        Self { colour: false, high_contrast: false }
    }

    /// The style for this theme: high contrast, colour, or monochrome.
    fn by_palette(self, high_contrast: Style, colour: Style, monochrome: Style) -> Style {
        match (self.high_contrast, self.colour) {
            (true, _) => high_contrast,
            (false, true) => colour,
            (false, false) => monochrome,
        }
    }

    fn fg(self, colour: Color) -> Style {
        if self.colour { Style::new().fg(colour) } else { Style::new() }
    }

    fn colour_of(self, look: Look) -> Color {
        if self.high_contrast { bright_colour_of(look) } else { colour_of(look) }
    }

    /// The accent of a phase: its name, the gauge's pattern.
    pub(crate) fn phase(self, look: Look) -> Style {
        self.fg(self.colour_of(look)).add_modifier(Modifier::BOLD)
    }

    /// Solid blocks (the countdown's pixels, a gauge's filled part), drawn as coloured
    /// spaces: one byte a cell instead of three for `█`.
    pub(crate) fn fill(self, look: Look) -> Style {
        if self.colour { Style::new().bg(self.colour_of(look)) } else { Style::new().add_modifier(Modifier::REVERSED) }
    }

    /// Solid blocks in a quiet tone: the countdown while paused, the overall progress.
    pub(crate) fn fill_dim(self) -> Style {
        self.by_palette(
            Style::new().bg(Color::Gray),
            Style::new().bg(Color::DarkGray),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM),
        )
    }

    // Every style is asked of the theme, so that one can change it without touching views.
    #[allow(clippy::unused_self)]
    pub(crate) fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: labels, hints, the plan's details.
    pub(crate) fn dim(self) -> Style {
        self.by_palette(Style::new().fg(Color::White), Style::new().fg(Color::Gray), Style::new())
    }

    /// Labels before values ("Focus", "Next").
    pub(crate) fn label(self) -> Style {
        self.by_palette(
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// The unfilled part of a gauge.
    pub(crate) fn track(self) -> Style {
        self.by_palette(Style::new().fg(Color::Gray), Style::new().fg(Color::DarkGray), Style::new())
    }

    /// The selected row of a list.
    pub(crate) fn selected(self) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED);
        if self.colour { style.add_modifier(Modifier::BOLD) } else { style }
    }

    /// A notice or warning line.
    pub(crate) fn notice(self) -> Style {
        if self.high_contrast {
            Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::Yellow)
        }
    }

    /// A pose figure's tones: the working limbs in the phase's colour, the body light,
    /// the other side and the props dim; no colour at all in monochrome.
    pub(crate) fn figure(self, look: Look) -> super::figure::Tones {
        let (body, dim) = if self.high_contrast { (Color::White, Color::Gray) } else { (Color::Gray, Color::DarkGray) };
        if self.colour {
            super::figure::Tones { working: self.colour_of(look), body, other: dim, prop: dim }
        } else {
            super::figure::Tones { working: Color::Reset, body: Color::Reset, other: Color::Reset, prop: Color::Reset }
        }
    }

    /// The border of an overlay panel.
    pub(crate) fn panel(self) -> Style {
        self.fg(Color::White)
    }
}

/// The Okabe-Ito colours, as the nearest of the 256 every terminal has.
mod okabe_ito {
    use ratatui::style::Color;

    pub(super) const ORANGE: Color = Color::Indexed(214);
    pub(super) const SKY_BLUE: Color = Color::Indexed(74);
    pub(super) const BLUISH_GREEN: Color = Color::Indexed(36);
    pub(super) const YELLOW: Color = Color::Indexed(227);
    pub(super) const VERMILLION: Color = Color::Indexed(166);
    pub(super) const REDDISH_PURPLE: Color = Color::Indexed(175);
}

fn colour_of(look: Look) -> Color {
    match look {
        Look::GetReady => okabe_ito::YELLOW,
        Look::Hold => okabe_ito::BLUISH_GREEN,
        Look::Activity => okabe_ito::ORANGE,
        Look::SwitchSides => okabe_ito::REDDISH_PURPLE,
        Look::Rest => okabe_ito::SKY_BLUE,
        Look::Paused => okabe_ito::VERMILLION,
    }
}

/// The high-contrast accents: lighter shades of the same hues, which stand out on a dark
/// terminal.
fn bright_colour_of(look: Look) -> Color {
    match look {
        Look::GetReady => Color::Indexed(228),
        Look::Hold => Color::Indexed(42),
        Look::Activity => Color::Indexed(220),
        Look::SwitchSides => Color::Indexed(212),
        Look::Rest => Color::Indexed(117),
        Look::Paused => Color::Indexed(202),
    }
}
