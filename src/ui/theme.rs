//! Every style the explorer uses, in one place: a colour theme and a monochrome one (NO_COLOR, tests).
//! No colour literal appears outside this file. `key` is for key labels only (help and hints).
//!
//! **One colour, one meaning, everywhere.** Each kind of model has one colour, the same on every panel
//! and screen: the unregularized model, an L2 penalty (ridge, and the network's weight decay, which is
//! the same penalty), the lasso, the elastic net, dropout, and dropout with weight decay. Nothing else
//! uses those colours: a weight's sign is its direction from the axis, the truth and the cursor are the
//! terminal's own foreground, training and validation differ by marker (see [`TRAIN_MARKER`]).
//!
//! The hues are Okabe and Ito's palette ("Color Universal Design", 2008), chosen to stay distinct under
//! the common colour-vision deficiencies and readable on dark and light backgrounds. They are given in
//! RGB where the terminal says it has true colour, as the nearest xterm-256 index where it has 256
//! colours, and as the nearest of the 16 ANSI colours otherwise.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use std::sync::OnceLock;

/// The kinds of model the screens draw, each with its own colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Series {
    /// No penalty (and no dropout).
    Unregularized,
    /// An L2 penalty: ridge on the linear screen, weight decay on the dropout screen.
    L2,
    /// The lasso (L1).
    L1,
    /// The elastic net (L1 and L2).
    ElasticNet,
    /// Dropout without weight decay.
    Dropout,
    /// Dropout with weight decay.
    DropoutDecay,
}

impl Series {
    pub const ALL: [Series; 6] = [
        Series::Unregularized,
        Series::L2,
        Series::L1,
        Series::ElasticNet,
        Series::Dropout,
        Series::DropoutDecay,
    ];
}

/// Training curves are lines of braille dots; validation curves are a string of separate dots, so the
/// two differ in monochrome, on a projector and in a text snapshot, not by brightness alone.
pub const TRAIN_MARKER: Marker = Marker::Braille;
pub const VALIDATION_MARKER: Marker = Marker::Dot;
/// How the two are named in legends (the glyphs they are drawn with).
pub const TRAIN_SYMBOL: &str = "⠤⠤";
pub const VALIDATION_SYMBOL: &str = "••";

/// The named styles.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub axis: Style,
    /// One per kind of model, in [`Series::ALL`]'s order: use [`Theme::series`].
    series: [Style; 6],
    /// Zero weights and other quiet marks.
    pub zero: Style,
    /// A feature in the true support (bold, no hue: hues are the models').
    pub support: Style,
    /// The true weights.
    pub truth: Style,
    /// The current lambda, the focused row, a highlighted value.
    pub cursor: Style,
    /// Cross-validation marks (lambda_min, lambda_1se) and the CV band.
    pub cv: Style,
    pub warning: Style,
    pub key: Style,
    pub tab_selected: Style,
}

impl Theme {
    /// The style of a kind of model: the same on every panel and screen.
    pub fn series(&self, series: Series) -> Style {
        self.series[series as usize]
    }
}

/// A colour in each of the three depths a terminal may have.
#[derive(Clone, Copy)]
struct Hue {
    rgb: (u8, u8, u8),
    indexed: u8,
    ansi: Color,
}

/// Okabe-Ito, in [`Series::ALL`]'s order: vermillion, sky blue, bluish green, reddish purple, orange,
/// yellow.
const HUES: [Hue; 6] = [
    Hue {
        rgb: (0xD5, 0x5E, 0x00),
        indexed: 166,
        ansi: Color::Red,
    },
    Hue {
        rgb: (0x56, 0xB4, 0xE9),
        indexed: 74,
        ansi: Color::LightBlue,
    },
    Hue {
        rgb: (0x00, 0x9E, 0x73),
        indexed: 36,
        ansi: Color::Green,
    },
    Hue {
        rgb: (0xCC, 0x79, 0xA7),
        indexed: 175,
        ansi: Color::Magenta,
    },
    Hue {
        rgb: (0xE6, 0x9F, 0x00),
        indexed: 214,
        ansi: Color::Yellow,
    },
    Hue {
        rgb: (0xF0, 0xE4, 0x42),
        indexed: 227,
        ansi: Color::LightYellow,
    },
];

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    TrueColor,
    Indexed256,
    Ansi16,
}

impl Depth {
    /// What the environment says: `COLORTERM=truecolor|24bit`, else a `TERM` with `256color`, else 16.
    pub fn detect() -> Depth {
        let colorterm = std::env::var("COLORTERM").unwrap_or_default();
        let term = std::env::var("TERM").unwrap_or_default();
        if colorterm == "truecolor" || colorterm == "24bit" {
            Depth::TrueColor
        } else if term.contains("256color") {
            Depth::Indexed256
        } else {
            Depth::Ansi16
        }
    }

    const fn color(self, hue: Hue) -> Color {
        match self {
            Depth::TrueColor => Color::Rgb(hue.rgb.0, hue.rgb.1, hue.rgb.2),
            Depth::Indexed256 => Color::Indexed(hue.indexed),
            Depth::Ansi16 => hue.ansi,
        }
    }
}

/// The colour theme at a depth.
pub const fn color(depth: Depth) -> Theme {
    Theme {
        text: Style::new(),
        dim: Style::new().fg(Color::DarkGray),
        title: Style::new().add_modifier(Modifier::BOLD),
        border: Style::new().fg(Color::DarkGray),
        border_focus: Style::new().add_modifier(Modifier::BOLD),
        axis: Style::new().fg(Color::Gray),
        series: [
            fg(depth, 0),
            fg(depth, 1),
            fg(depth, 2),
            fg(depth, 3),
            fg(depth, 4),
            fg(depth, 5),
        ],
        zero: Style::new().fg(Color::DarkGray),
        support: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        truth: Style::new().add_modifier(Modifier::BOLD),
        cursor: Style::new().add_modifier(Modifier::BOLD),
        cv: Style::new().fg(Color::Gray),
        warning: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        tab_selected: Style::new().add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
    }
}

/// The style of the `i`th hue at `depth`.
const fn fg(depth: Depth, i: usize) -> Style {
    Style::new().fg(depth.color(HUES[i]))
}

const TRUE_COLOR: Theme = color(Depth::TrueColor);
const INDEXED_256: Theme = color(Depth::Indexed256);
const ANSI_16: Theme = color(Depth::Ansi16);

/// The theme tests use for colour: the 16-colour one, which every terminal has.
pub const COLOR: Theme = ANSI_16;

pub const MONOCHROME: Theme = Theme {
    text: Style::new(),
    dim: Style::new().add_modifier(Modifier::DIM),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    border_focus: Style::new().add_modifier(Modifier::BOLD),
    axis: Style::new(),
    series: [Style::new(); 6],
    zero: Style::new().add_modifier(Modifier::DIM),
    support: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    truth: Style::new().add_modifier(Modifier::BOLD),
    cursor: Style::new().add_modifier(Modifier::BOLD),
    cv: Style::new(),
    warning: Style::new().add_modifier(Modifier::REVERSED),
    key: Style::new().add_modifier(Modifier::BOLD),
    tab_selected: Style::new().add_modifier(Modifier::REVERSED),
};

/// The colour of a decision-region pixel with probability `p` of class 1. The classes are data, not
/// models, so their colours are muted tints that no model uses: slate for class 0, sand for class 1,
/// paler where the network is unsure.
pub fn region_color(p: f64) -> Color {
    let confident = (p - 0.5).abs() > 0.3;
    match (p >= 0.5, confident) {
        (true, true) => Color::Rgb(150, 130, 80),
        (true, false) => Color::Rgb(95, 88, 70),
        (false, true) => Color::Rgb(80, 100, 140),
        (false, false) => Color::Rgb(70, 78, 95),
    }
}

/// Training points drawn over the decision regions.
pub const POINT_COLOR: Color = Color::White;

/// The theme for a state: monochrome, or colour at the depth the terminal reports (detected once).
pub fn for_state(monochrome: bool) -> &'static Theme {
    for_depth(monochrome, None)
}

/// [`for_state`] at a chosen depth (`None`: the terminal's). Exported pictures use
/// `Some(Depth::TrueColor)`, the palette's exact colours, whatever terminal the process runs in.
pub fn for_depth(monochrome: bool, depth: Option<Depth>) -> &'static Theme {
    static DEPTH: OnceLock<Depth> = OnceLock::new();
    if monochrome {
        return &MONOCHROME;
    }
    match depth.unwrap_or_else(|| *DEPTH.get_or_init(Depth::detect)) {
        Depth::TrueColor => &TRUE_COLOR,
        Depth::Indexed256 => &INDEXED_256,
        Depth::Ansi16 => &ANSI_16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_model_has_its_own_colour_at_every_depth() {
        for depth in [Depth::TrueColor, Depth::Indexed256, Depth::Ansi16] {
            let theme = color(depth);
            let colours: Vec<_> = Series::ALL.iter().map(|&s| theme.series(s).fg).collect();
            for (i, a) in colours.iter().enumerate() {
                assert!(a.is_some(), "{depth:?}: {:?} has no colour", Series::ALL[i]);
                for b in &colours[i + 1..] {
                    assert_ne!(a, b, "{depth:?}: two kinds of model share a colour");
                }
            }
        }
    }

    #[test]
    fn no_other_style_borrows_a_model_colour() {
        let theme = COLOR;
        let models: Vec<_> = Series::ALL.iter().map(|&s| theme.series(s).fg).collect();
        for other in [
            theme.text,
            theme.dim,
            theme.title,
            theme.border,
            theme.border_focus,
            theme.axis,
            theme.zero,
            theme.support,
            theme.truth,
            theme.cursor,
            theme.cv,
            theme.warning,
            theme.key,
            theme.tab_selected,
        ] {
            assert!(
                other.fg.is_none() || !models.contains(&other.fg),
                "{other:?} uses a model colour"
            );
        }
    }
}
