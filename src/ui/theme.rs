//! Colours and emphasis, by the palette the settings name. Nothing is conveyed by colour alone: every phase and side is also
//! written out, so the monochrome theme (and `NO_COLOR`) loses no information.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::plan::PhaseKind;

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

    fn colour_of(self, kind: PhaseKind) -> Color {
        if self.high_contrast { bright_colour_of(kind) } else { colour_of(kind) }
    }

    /// The accent of a phase: the countdown, the gauge and the phase name.
    pub(crate) fn phase(self, kind: PhaseKind) -> Style {
        let style = self.fg(self.colour_of(kind));
        if self.high_contrast { style.add_modifier(Modifier::BOLD) } else { style }
    }

    /// Solid blocks (the countdown's pixels, a gauge's filled part), drawn as coloured
    /// spaces: one byte a cell instead of three for `█`.
    pub(crate) fn fill(self, kind: PhaseKind) -> Style {
        if self.colour { Style::new().bg(self.colour_of(kind)) } else { Style::new().add_modifier(Modifier::REVERSED) }
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

    /// The border of an overlay panel.
    pub(crate) fn panel(self) -> Style {
        self.fg(Color::White)
    }
}

/// The high-contrast accents: the bright variants, which stand out on a dark terminal.
fn bright_colour_of(kind: PhaseKind) -> Color {
    match kind {
        PhaseKind::GetReady => Color::LightYellow,
        PhaseKind::Hold | PhaseKind::Activity => Color::LightGreen,
        PhaseKind::SwitchSides => Color::LightMagenta,
        PhaseKind::Rest => Color::LightCyan,
    }
}

fn colour_of(kind: PhaseKind) -> Color {
    match kind {
        PhaseKind::GetReady => Color::Yellow,
        PhaseKind::Hold | PhaseKind::Activity => Color::Green,
        PhaseKind::SwitchSides => Color::Magenta,
        PhaseKind::Rest => Color::Cyan,
    }
}
