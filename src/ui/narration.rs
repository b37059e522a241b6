//! The tour's narration panel, under the screen: a bar with the step indicator ("3 / 9"), the step's
//! title and the tour keys, then the narration and the question to the room, wrapped to the width.
//! It takes only the rows the screen can spare, so the screen keeps its layout (its full one when the
//! terminal is tall enough for it); narration that does not fit ends with "… t: all", and `t` then
//! shows all of it over the bottom of the screen (a small terminal's few spare rows would otherwise
//! lose the step's point), and once more hides it.

use super::help::wrap;
use super::theme::Theme;
use super::{FULL_SIZE, MIN_SIZE};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// How much of the narration shows (`t` goes from each to the next).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shown {
    /// What fits in the rows the screen can spare.
    #[default]
    Fitted,
    /// All of it, over the bottom of the screen.
    Whole,
    /// The bar alone.
    Hidden,
}

impl Shown {
    pub fn next(self) -> Self {
        match self {
            Shown::Fitted => Shown::Whole,
            Shown::Whole => Shown::Hidden,
            Shown::Hidden => Shown::Fitted,
        }
    }
}

/// What the panel shows.
pub struct Narration<'a> {
    /// 1-based step number and the number of steps.
    pub step: usize,
    pub steps: usize,
    pub title: &'a str,
    pub text: &'a str,
    pub question: Option<&'a str>,
    /// How much of the narration shows (`t`).
    pub shown: Shown,
    /// The step is waiting for its data's paths before its last settings.
    pub waiting: bool,
    /// The tour keys, as the bar names them, and without their words for a narrow bar.
    pub keys: &'a str,
    pub short_keys: &'a str,
    /// A panel fills the screen (presenter zoom): it reads well in fewer rows, so the narration may
    /// take more.
    pub zoomed: bool,
}

/// Rows a zoomed panel keeps at least (with its one-line status).
const ZOOMED_ROWS: u16 = 14;

/// Rows the panel takes in `area`: the bar and the narration, at most what leaves the screen its
/// full layout (or, on a small terminal, its smallest); 0 when not even the bar fits.
pub fn height(narration: &Narration, area: Rect) -> u16 {
    let spare = if narration.zoomed {
        area.height.saturating_sub(ZOOMED_ROWS)
    } else if area.height >= FULL_SIZE.1 + 4 && area.width >= FULL_SIZE.0 {
        area.height - FULL_SIZE.1
    } else {
        area.height.saturating_sub(MIN_SIZE.1)
    };
    let wanted = 1 + text_lines(narration, area.width).len() as u16;
    wanted.min(spare)
}

/// The narration and the question as lines of the panel's width (empty when hidden).
fn text_lines(narration: &Narration, width: u16) -> Vec<(String, bool)> {
    if narration.shown == Shown::Hidden {
        return Vec::new();
    }
    let width = usize::from(width.saturating_sub(2)).max(10);
    let mut lines: Vec<(String, bool)> = Vec::new();
    for paragraph in narration.text.split("\n\n") {
        let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.extend(wrap(&flat, width).into_iter().map(|l| (l, false)));
    }
    if let Some(question) = narration.question {
        let flat = question.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.extend(wrap(&format!("? {flat}"), width).into_iter().map(|l| (l, true)));
    }
    lines
}

/// What a cut narration ends with: that there is more, and the key that shows it.
const MORE: &str = " … t: all";

/// At most `room` of the lines (each at most `width` wide): the question to the room is kept whole
/// where it fits, and the narration before it cut, ending with [`MORE`].
fn fitted(mut lines: Vec<(String, bool)>, room: usize, width: usize) -> Vec<(String, bool)> {
    if lines.len() <= room {
        return lines;
    }
    let question: Vec<_> = lines.iter().filter(|(_, q)| *q).cloned().collect();
    let keep_question = question.len() < room;
    let narration_room = if keep_question { room - question.len() } else { room };
    lines.retain(|(_, q)| !q);
    lines.truncate(narration_room);
    if let Some((last, _)) = lines.last_mut() {
        // The words that fit with the mark: the first line of the line wrapped narrower.
        let words = wrap(last, width.saturating_sub(MORE.chars().count())).swap_remove(0);
        *last = words + MORE;
    }
    if keep_question {
        lines.extend(question);
    }
    lines
}

/// Where the panel is drawn, for narration of `lines` lines: in `panel` (as tall as [`height`] said),
/// or, showing all of it, from the bottom of `screen` (the whole frame) up, as tall as it needs, over
/// the screen.
fn placed(narration: &Narration, lines: usize, screen: Rect, panel: Rect) -> Rect {
    if narration.shown != Shown::Whole || panel.height == 0 {
        return panel;
    }
    let rows = (1 + lines as u16).clamp(panel.height, screen.height);
    Rect {
        y: screen.bottom() - rows,
        height: rows,
        ..screen
    }
}

/// Draws the panel in `panel` (the rows [`height`] gave it under the screen) or, showing all of the
/// narration, over the bottom of `screen`; says whether the narration was cut (so that `t` knows
/// whether showing all of it would show more).
pub fn render(frame: &mut Frame, screen: Rect, panel: Rect, theme: &Theme, narration: &Narration) -> bool {
    let all = text_lines(narration, screen.width);
    let area = placed(narration, all.len(), screen, panel);
    if area.height == 0 {
        return false;
    }
    frame.render_widget(ratatui::widgets::Clear, area);
    let mut lines = vec![bar(narration, area.width, theme)];
    let room = usize::from(area.height - 1);
    let width = usize::from(area.width.saturating_sub(2)).max(10);
    let cut = all.len() > room;
    let text = fitted(all, room, width);
    lines.extend(text.into_iter().map(|(line, question)| {
        let style = if question {
            theme.warning.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        Line::from(Span::styled(format!(" {line}"), style))
    }));
    frame.render_widget(Paragraph::new(lines), area);
    cut
}

/// The bar: "Tour 3 / 9 · Title" on the left, the keys on the right, in reverse video so it reads as
/// the panel's edge in monochrome too.
fn bar(narration: &Narration, width: u16, theme: &Theme) -> Line<'static> {
    let reverse = theme.title.add_modifier(Modifier::REVERSED);
    let waiting = if narration.waiting {
        " (computing the path…)"
    } else {
        ""
    };
    let left = format!(
        " Tour {} / {} · {}{waiting} ",
        narration.step, narration.steps, narration.title
    );
    let width = usize::from(width);
    let left_width = left.chars().count();
    // The keys, or the keys alone without their words, or nothing: the step and its title first.
    let right = [format!(" {} ", narration.keys), format!(" {} ", narration.short_keys)]
        .into_iter()
        .find(|r| left_width + r.chars().count() <= width)
        .unwrap_or_default();
    if left_width + right.chars().count() > width {
        let left: String = left.chars().take(width).collect();
        return Line::from(Span::styled(left, reverse));
    }
    let gap = width - left_width - right.chars().count();
    Line::from(vec![
        Span::styled(left, reverse),
        Span::styled(" ".repeat(gap), reverse),
        Span::styled(right, reverse),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narration(shown: Shown) -> Narration<'static> {
        Narration {
            step: 3,
            steps: 9,
            title: "L1's exact zeros",
            text: "one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                   fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three \
                   twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty",
            question: Some("Which weight dies next?"),
            shown,
            waiting: false,
            keys: "→ next",
            short_keys: "→",
            zoomed: false,
        }
    }

    #[test]
    fn the_panel_leaves_the_screen_its_full_layout_when_it_can() {
        let tall = Rect::new(0, 0, 120, 40);
        assert_eq!(
            height(&narration(Shown::Fitted), tall),
            4,
            "40 rows: the screen keeps its 36"
        );
        let small = Rect::new(0, 0, 80, 24);
        assert_eq!(
            height(&narration(Shown::Fitted), small),
            4,
            "24 rows: the screen keeps 20"
        );
        assert_eq!(height(&narration(Shown::Hidden), small), 1, "hidden: the bar alone");
        assert_eq!(height(&narration(Shown::Fitted), Rect::new(0, 0, 80, 20)), 0);
        let zoomed = Narration {
            zoomed: true,
            ..narration(Shown::Fitted)
        };
        assert_eq!(
            height(&zoomed, Rect::new(0, 0, 24, 24)),
            10,
            "zoomed: the panel keeps 14 rows"
        );
    }

    #[test]
    fn a_cut_narration_keeps_the_question() {
        let lines = fitted(text_lines(&narration(Shown::Fitted), 30), 3, 28);
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].0.ends_with(" … t: all") && lines[1].0.chars().count() <= 28,
            "{lines:?}"
        );
        assert!(lines[2].1 && lines[2].0.contains("dies next?"), "{lines:?}");
    }

    #[test]
    fn all_of_the_narration_shows_over_the_screen_and_hidden_only_the_bar() {
        let hidden = narration(Shown::Hidden);
        assert!(text_lines(&hidden, 30).is_empty());
        assert_eq!(height(&hidden, Rect::new(0, 0, 30, 24)), 1, "the bar alone");
        let screen = Rect::new(0, 0, 30, 24);
        let whole = narration(Shown::Whole);
        let panel = Rect::new(0, 20, 30, height(&whole, screen));
        let lines = text_lines(&whole, 30);
        let over = placed(&whole, lines.len(), screen, panel);
        assert!(lines.len() > 3, "more than the 3 spare rows: {lines:?}");
        assert_eq!((over.height, over.bottom()), (1 + lines.len() as u16, 24));
        let fitted = narration(Shown::Fitted);
        assert_eq!(
            placed(&fitted, lines.len(), screen, panel),
            panel,
            "fitted: the panel's own rows"
        );
        assert_eq!(Shown::Fitted.next().next().next(), Shown::Fitted, "t cycles the three");
    }

    #[test]
    fn long_narration_wraps_and_the_question_follows() {
        let lines = text_lines(&narration(Shown::Fitted), 22);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|(l, _)| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.last().map(|(l, q)| (l.as_str(), *q)), Some(("next?", true)));
    }
}
