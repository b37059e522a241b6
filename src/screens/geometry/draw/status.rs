//! The geometry screen's status: the settings with their keys, then both solutions with their losses,
//! the budget and where the path first reaches an axis, packed to the width (never cut).

use crate::screens::geometry::keys::{hint, Action};
use crate::screens::geometry::view::Picture;
use crate::screens::geometry::{Penalty, Screen, GRID_STEPS};
use crate::ui::format::{pack, short};
use crate::ui::theme::{Series, Theme};
use crate::ui::Chrome;
use ratatui::text::{Line, Span};

/// The status lines for `width` columns.
pub(super) fn status_lines(screen: &Screen, chrome: &Chrome, width: u16) -> Vec<Line<'static>> {
    let mut lines = pack(numbers(&screen.view.picture, chrome.theme), width);
    lines.extend(pack(settings(screen, chrome), width));
    lines
}

/// `(a b)` with the keys of two actions.
fn keys(theme: &Theme, a: Action, b: Action) -> [Span<'static>; 5] {
    [
        Span::styled("(", theme.dim),
        Span::styled(hint(a), theme.key),
        Span::styled(" ", theme.dim),
        Span::styled(hint(b), theme.key),
        Span::styled(")", theme.dim),
    ]
}

/// `(w0, w1)`.
fn pair(w: [f64; 2]) -> String {
    format!("({}, {})", short(w[0]), short(w[1]))
}

/// Both solutions and their losses, the budget, and the first zero.
fn numbers(picture: &Picture, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let own = theme.series(picture.penalty.series());
    let budget = match picture.penalty {
        Penalty::L1 => format!("t = |w0|+|w1| = {}", short(picture.budget)),
        Penalty::L2 => format!("t = |w| = {}", short(picture.budget)),
        Penalty::ElasticNet => format!("t = penalty = {}", short(picture.budget)),
    };
    vec![
        vec![
            Span::styled("○ least squares ", theme.series(Series::Unregularized)),
            Span::raw(format!("{} loss {}", pair(picture.ols), short(picture.loss_ols))),
        ],
        vec![
            Span::styled(format!("● {} ", picture.penalty.name()), own),
            Span::raw(format!(
                "at λ {} {} loss {}",
                short(picture.lambda),
                pair(picture.solution),
                short(picture.loss_solution)
            )),
        ],
        vec![Span::raw(budget)],
        zero(picture, theme),
    ]
}

/// Where the path first sets a coefficient to exactly 0, and whether the current lambda is past it.
fn zero(picture: &Picture, theme: &Theme) -> Vec<Span<'static>> {
    let Some(zero) = picture.zero else {
        let text = if picture.penalty == Penalty::L2 {
            "ridge: no weight is 0 at any finite λ".to_string()
        } else {
            "both weights reach 0 together, at λ_max".to_string()
        };
        return vec![Span::styled(text, theme.dim)];
    };
    let name = format!("w{}", zero.feature);
    let here = picture.solution[zero.feature] == 0.0;
    let text = match (picture.penalty, here) {
        (Penalty::L1, true) => format!("† {name} = 0 exactly from λ = {}", short(zero.lambda)),
        (_, true) => format!("† {name} = 0 exactly here (first at λ = {})", short(zero.lambda)),
        (_, false) if picture.lambda < zero.lambda => format!("† {name} reaches 0 at λ = {}", short(zero.lambda)),
        (_, false) => format!(
            "† {name} was 0 from λ = {}; the L2 part moved it off",
            short(zero.lambda)
        ),
    };
    vec![Span::styled(text, if here { theme.cursor } else { theme.dim })]
}

/// The settings with their keys, the data, help and the screen key.
fn settings(screen: &Screen, chrome: &Chrome) -> Vec<Vec<Span<'static>>> {
    let (settings, picture, theme) = (&screen.settings, &screen.view.picture, chrome.theme);
    let mut segments = Vec::new();
    if let Some(message) = chrome.message {
        segments.push(vec![Span::styled(format!(" {message} "), theme.warning)]);
    }
    let mut lambda = vec![Span::styled(
        format!("λ {} step {}/{GRID_STEPS} ", short(picture.lambda), picture.position),
        theme.cursor,
    )];
    lambda.extend(keys(theme, Action::MoveLambda(-1), Action::MoveLambda(1)));
    segments.push(lambda);
    segments.push(vec![
        Span::styled(picture.penalty.name(), theme.series(picture.penalty.series())),
        Span::raw(" "),
        Span::styled(hint(Action::CyclePenalty), theme.key),
    ]);
    let mut ratio = vec![Span::raw(format!("elastic net's l1-ratio {:.1} ", settings.l1_ratio))];
    ratio.extend(keys(theme, Action::MoveL1Ratio(1), Action::MoveL1Ratio(-1)));
    segments.push(ratio);
    let mut rho = vec![Span::raw(format!(
        "ρ {:.1} (sample {:.2}) ",
        settings.correlation, picture.problem.r
    ))];
    rho.extend(keys(theme, Action::MoveCorrelation(-1), Action::MoveCorrelation(1)));
    segments.push(rho);
    let mut angle = vec![Span::raw(format!("truth at {:.0}° ", settings.angle_degrees))];
    angle.extend(keys(theme, Action::MoveAngle(-1), Action::MoveAngle(1)));
    segments.push(angle);
    segments.push(vec![
        Span::raw(format!("seed {} ", settings.seed)),
        Span::styled(hint(Action::Reseed), theme.key),
        Span::raw(" new data "),
        Span::styled(chrome.help_key, theme.key),
        Span::raw(" help "),
        Span::styled(chrome.switch_key, theme.key),
        Span::raw(" screen"),
    ]);
    segments
}
