//! Every style the explorer uses, in one place: a colour theme and a monochrome one (NO_COLOR, tests).
//! No colour literal appears outside this file. `key` is for key labels only (help and hints).

use ratatui::style::{Color, Modifier, Style};

/// The named styles.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub axis: Style,
    /// One per curve of a screen (its models or variants), in the screen's order.
    pub model: [Style; 4],
    /// The validation error along the lasso path.
    pub validation: Style,
    pub positive: Style,
    pub negative: Style,
    pub zero: Style,
    /// A feature in the true support.
    pub support: Style,
    pub truth: Style,
    pub cursor: Style,
    pub cv_min: Style,
    pub cv_1se: Style,
    pub warning: Style,
    pub key: Style,
    pub tab_selected: Style,
}

pub const COLOR: Theme = Theme {
    text: Style::new(),
    dim: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focus: Style::new().fg(Color::Cyan),
    axis: Style::new().fg(Color::Gray),
    model: [
        Style::new().fg(Color::Red),
        Style::new().fg(Color::Blue),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::Magenta),
    ],
    validation: Style::new().fg(Color::Blue),
    positive: Style::new().fg(Color::Green),
    negative: Style::new().fg(Color::Red),
    zero: Style::new().fg(Color::DarkGray),
    support: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    truth: Style::new().fg(Color::Yellow),
    cursor: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    cv_min: Style::new().fg(Color::Cyan),
    cv_1se: Style::new().fg(Color::Yellow),
    warning: Style::new().fg(Color::Black).bg(Color::Yellow),
    key: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
    tab_selected: Style::new()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
};

pub const MONOCHROME: Theme = Theme {
    text: Style::new(),
    dim: Style::new().add_modifier(Modifier::DIM),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    border_focus: Style::new().add_modifier(Modifier::BOLD),
    axis: Style::new(),
    model: [Style::new(), Style::new(), Style::new(), Style::new()],
    validation: Style::new(),
    positive: Style::new(),
    negative: Style::new(),
    zero: Style::new().add_modifier(Modifier::DIM),
    support: Style::new().add_modifier(Modifier::BOLD),
    truth: Style::new(),
    cursor: Style::new().add_modifier(Modifier::BOLD),
    cv_min: Style::new(),
    cv_1se: Style::new(),
    warning: Style::new().add_modifier(Modifier::REVERSED),
    key: Style::new().add_modifier(Modifier::BOLD),
    tab_selected: Style::new().add_modifier(Modifier::REVERSED),
};

/// The colour of a decision-region pixel with probability `p` of class 1: blue for class 0, orange for
/// class 1, paler where the network is unsure.
pub fn region_color(p: f64) -> Color {
    let confident = (p - 0.5).abs() > 0.3;
    match (p >= 0.5, confident) {
        (true, true) => Color::Rgb(214, 110, 30),
        (true, false) => Color::Rgb(120, 80, 50),
        (false, true) => Color::Rgb(40, 90, 200),
        (false, false) => Color::Rgb(50, 65, 110),
    }
}

/// Training points drawn over the decision regions.
pub const POINT_COLOR: Color = Color::White;

/// The theme for a state.
pub fn for_state(monochrome: bool) -> &'static Theme {
    if monochrome {
        &MONOCHROME
    } else {
        &COLOR
    }
}
