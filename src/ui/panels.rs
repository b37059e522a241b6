//! Which panels of a screen are shown, for the presenter view: one has the focus (Tab moves it over
//! the shown ones), any may be hidden (`x`) so the room sees one idea at a time, but never the last.
//! Generic over a screen's own panel type, so both screens hide and focus the same way.

/// What the presenter keys ask of a screen's panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelCommand {
    /// Hide the focused panel (the focus moves to the next shown one).
    HideFocused,
    /// Show every panel again.
    ShowAll,
}

/// The panel `step` places after `current` in `all` (negative: before), skipping hidden ones; `current`
/// itself when every other is hidden.
pub fn step_focus<P: Copy + PartialEq>(all: &[P], hidden: &[P], current: P, step: isize) -> P {
    let n = all.len() as isize;
    let start = all.iter().position(|&p| p == current).unwrap_or(0) as isize;
    (1..=n)
        .map(|k| all[(start + step.signum() * k).rem_euclid(n) as usize])
        .find(|p| !hidden.contains(p))
        .unwrap_or(current)
}

/// Applies `command` to a screen's focus and hidden panels; returns a note for the status line. The
/// last shown panel is never hidden: a screen with nothing on it would teach nothing.
pub fn apply<P: Copy + PartialEq>(
    all: &[P],
    hidden: &mut Vec<P>,
    focus: &mut P,
    command: PanelCommand,
    name: impl Fn(P) -> &'static str,
) -> Option<String> {
    match command {
        PanelCommand::HideFocused => {
            let shown = all.iter().filter(|p| !hidden.contains(p)).count();
            if shown <= 1 {
                return Some(format!("{} is the last panel shown: it stays", name(*focus)));
            }
            hidden.push(*focus);
            let gone = *focus;
            *focus = step_focus(all, hidden, gone, 1);
            Some(format!("{} hidden", name(gone)))
        }
        PanelCommand::ShowAll if hidden.is_empty() => Some("every panel is shown".into()),
        PanelCommand::ShowAll => {
            hidden.clear();
            Some("every panel shown again".into())
        }
    }
}

/// The panels of `all` that are shown, in order.
pub fn shown<P: Copy + PartialEq>(all: &[P], hidden: &[P]) -> Vec<P> {
    all.iter().copied().filter(|p| !hidden.contains(p)).collect()
}

/// The one panel a screen draws alone, if any: the focused one (or the first shown, if the focused one
/// is hidden) when zoomed or when it is the only one shown.
pub fn alone<P: Copy + PartialEq>(shown: &[P], focus: P, zoom: bool) -> Option<P> {
    if !(zoom || shown.len() == 1) {
        return None;
    }
    Some(if shown.contains(&focus) { focus } else { shown[0] })
}

/// A panel's frame: the focused panel's in thick lines (`┏━┓`), which read without colour and in a
/// plain-text snapshot, and bold; the others in thin ones. The focus is what `z` zooms and `x` hides,
/// and at 80x24 Tab may move it to a panel already on screen, so it has to show by shape.
pub fn frame(focused: bool, theme: &super::theme::Theme) -> ratatui::widgets::Block<'static> {
    use ratatui::widgets::{Block, BorderType, Borders};
    let block = Block::default().borders(Borders::ALL);
    if focused {
        block.border_type(BorderType::Thick).border_style(theme.border_focus)
    } else {
        block.border_style(theme.border)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_skips_hidden_panels_both_ways() {
        let all = [1, 2, 3];
        assert_eq!(step_focus(&all, &[2], 1, 1), 3);
        assert_eq!(step_focus(&all, &[2], 3, -1), 1);
        assert_eq!(step_focus(&all, &[1, 3], 2, 1), 2, "alone, it keeps the focus");
    }

    #[test]
    fn hiding_moves_the_focus_and_never_hides_the_last_panel() {
        let all = ['a', 'b', 'c'];
        let (mut hidden, mut focus) = (Vec::new(), 'a');
        let name = |_| "it";
        apply(&all, &mut hidden, &mut focus, PanelCommand::HideFocused, name);
        assert_eq!((hidden.clone(), focus), (vec!['a'], 'b'));
        apply(&all, &mut hidden, &mut focus, PanelCommand::HideFocused, name);
        assert_eq!(focus, 'c');
        let note = apply(&all, &mut hidden, &mut focus, PanelCommand::HideFocused, name);
        assert_eq!(shown(&all, &hidden), vec!['c'], "{note:?}");
        apply(&all, &mut hidden, &mut focus, PanelCommand::ShowAll, name);
        assert!(hidden.is_empty());
    }
}
