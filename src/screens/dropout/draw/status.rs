//! The dropout screen's status: the settings with their keys, the epoch and what the networks are
//! doing, then each variant's averaged losses, packed to the width (never cut).

use super::{loss_name, percent};
use crate::screens::dropout::keys::{hint, Action};
use crate::screens::dropout::settings::{LAB_EPOCHS, SMOOTHING_EPOCHS};
use crate::screens::dropout::view::{Cause, VARIANTS};
use crate::screens::dropout::Screen;
use crate::ui::format::{pack, short};
use crate::ui::Chrome;
use ratatui::text::{Line, Span};

/// The status: the settings with their keys, the epoch and what the networks are doing, then each
/// variant's averaged losses (and accuracy in 2-D) with its best validation point, packed to `width`.
pub(super) fn status_lines(screen: &Screen, chrome: &Chrome, width: u16) -> Vec<Line<'static>> {
    let (settings, lab, theme) = (&screen.settings, &screen.view, chrome.theme);
    let mut lines = pack(settings_segments(screen, chrome), width);
    let mut variants = vec![vec![Span::styled(
        format!("avg {SMOOTHING_EPOCHS} ep, {} train/val:", loss_name(settings.shape)),
        theme.dim,
    )]];
    for (v, variant) in VARIANTS.iter().enumerate() {
        let now = lab.smoothed[v].last();
        let mut segment = vec![
            Span::styled(variant.name, theme.series(variant.series())),
            Span::raw(format!(
                " {}/{}",
                now.map_or("-".into(), |l| short(l.train_loss)),
                now.map_or("-".into(), |l| short(l.val_loss))
            )),
        ];
        if let Some(a) = lab.accuracy[v] {
            segment.push(Span::raw(format!(" acc {}/{}", percent(a.train), percent(a.val))));
        }
        if let Some(best) = lab.best[v] {
            segment.push(Span::styled(
                format!(" best {}@{}", short(best.val_loss), best.epoch),
                theme.dim,
            ));
        }
        if v + 1 < VARIANTS.len() {
            segment.push(Span::styled(" │", theme.dim));
        }
        variants.push(segment);
    }
    lines.extend(pack(variants, width));
    lines
}

/// The first status segments: a message, why the networks restarted, the rate and decay with their
/// keys, the epoch and run state, the data and its keys.
fn settings_segments(screen: &Screen, chrome: &Chrome) -> Vec<Vec<Span<'static>>> {
    let (settings, lab, theme) = (&screen.settings, &screen.view, chrome.theme);
    let keys = |a: Action, b: Action| {
        [
            Span::styled("(", theme.dim),
            Span::styled(hint(a), theme.key),
            Span::styled(" ", theme.dim),
            Span::styled(hint(b), theme.key),
            Span::styled(")", theme.dim),
        ]
    };
    let mut segments = Vec::new();
    if let Some(message) = chrome.message {
        segments.push(vec![Span::styled(format!(" {message} "), theme.warning)]);
    }
    match lab.cause {
        Cause::Restart => segments.push(vec![Span::styled("↺ restarted: same data, same init", theme.warning)]),
        Cause::NewData => segments.push(vec![Span::styled("↺ new data", theme.warning)]),
        Cause::Start => {}
    }
    let mut rate = vec![Span::styled(format!("p {:.2} ", settings.rate), theme.cursor)];
    rate.extend(keys(Action::MoveRate(-1), Action::MoveRate(1)));
    segments.push(rate);
    let decay = if settings.weight_decay == 0.0 {
        "0".to_string()
    } else {
        format!("{:.1e}", settings.weight_decay)
    };
    let mut decay = vec![Span::styled(format!("decay {decay} "), theme.cursor)];
    decay.extend(keys(Action::MoveDecay(1), Action::MoveDecay(-1)));
    segments.push(decay);
    let epoch = lab.epoch();
    let state = match (chrome.paused, epoch >= LAB_EPOCHS) {
        (true, _) => Span::styled(" paused ", theme.warning),
        (false, true) => Span::styled("done", theme.cursor),
        (false, false) => Span::styled("training", theme.cursor),
    };
    segments.push(vec![
        Span::raw(format!("epoch {epoch}/{LAB_EPOCHS} ")),
        state,
        Span::raw(" "),
        Span::styled(chrome.help_key, theme.key),
        Span::raw(" help"),
    ]);
    segments.push(vec![
        Span::raw(format!("{} seed {} ", settings.shape.name(), settings.seed)),
        Span::styled(hint(Action::Reseed), theme.key),
        Span::raw(" new seed "),
        Span::styled(hint(Action::Restart), theme.key),
        Span::raw(" restart "),
        Span::styled(hint(Action::NextDataset), theme.key),
        Span::raw(" data "),
        Span::styled(chrome.switch_key, theme.key),
        Span::raw(" screen"),
    ]);
    segments
}
