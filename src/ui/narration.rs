//! The tour's narration panel, under the screen: a bar with the step indicator ("3 / 9"), the step's
//! title and the tour keys, then the narration and the question to the room, wrapped to the width.
//! It takes only the rows the screen can spare, so the screen keeps its layout (its full one when the
//! terminal is tall enough for it); narration that does not fit ends with "…".

use super::help::wrap;
use super::theme::Theme;
use super::{FULL_SIZE, MIN_SIZE};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// What the panel shows.
pub struct Narration<'a> {
    /// 1-based step number and the number of steps.
    pub step: usize,
    pub steps: usize,
    pub title: &'a str,
    pub text: &'a str,
    pub question: Option<&'a str>,
    /// Whether the narration is shown (`t`), or only the bar.
    pub shown: bool,
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
    if !narration.shown {
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

/// At most `room` of the lines: the question to the room is kept whole where it fits, and the
/// narration before it cut, ending with "…".
fn fitted(mut lines: Vec<(String, bool)>, room: usize) -> Vec<(String, bool)> {
    if lines.len() <= room {
        return lines;
    }
    let question: Vec<_> = lines.iter().filter(|(_, q)| *q).cloned().collect();
    let keep_question = question.len() < room;
    let narration_room = if keep_question { room - question.len() } else { room };
    lines.retain(|(_, q)| !q);
    lines.truncate(narration_room);
    if let Some((last, _)) = lines.last_mut() {
        last.push_str(" …");
    }
    if keep_question {
        lines.extend(question);
    }
    lines
}

/// Draws the panel into `area` (as tall as [`height`] said).
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, narration: &Narration) {
    if area.height == 0 {
        return;
    }
    let mut lines = vec![bar(narration, area.width, theme)];
    let room = usize::from(area.height - 1);
    let text = fitted(text_lines(narration, area.width), room);
    lines.extend(text.into_iter().map(|(line, question)| {
        let style = if question {
            theme.warning.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        Line::from(Span::styled(format!(" {line}"), style))
    }));
    frame.render_widget(Paragraph::new(lines), area);
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

    fn narration(shown: bool) -> Narration<'static> {
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
        assert_eq!(height(&narration(true), tall), 4, "40 rows: the screen keeps its 36");
        let small = Rect::new(0, 0, 80, 24);
        assert_eq!(height(&narration(true), small), 4, "24 rows: the screen keeps 20");
        assert_eq!(height(&narration(false), small), 1, "hidden: the bar alone");
        assert_eq!(height(&narration(true), Rect::new(0, 0, 80, 20)), 0);
        let zoomed = Narration {
            zoomed: true,
            ..narration(true)
        };
        assert_eq!(
            height(&zoomed, Rect::new(0, 0, 24, 24)),
            10,
            "zoomed: the panel keeps 14 rows"
        );
    }

    #[test]
    fn a_cut_narration_keeps_the_question() {
        let lines = fitted(text_lines(&narration(true), 30), 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].0.ends_with(" …"), "{lines:?}");
        assert!(lines[2].1 && lines[2].0.contains("dies next?"), "{lines:?}");
    }

    #[test]
    fn long_narration_wraps_and_the_question_follows() {
        let lines = text_lines(&narration(true), 22);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|(l, _)| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.last().map(|(l, q)| (l.as_str(), *q)), Some(("next?", true)));
    }
}
