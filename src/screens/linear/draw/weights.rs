//! Weight magnitudes: for every feature a signed bar per model, beside the true weight, all on one
//! scale (the largest |weight| of any model or of the truth), so bars compare across columns and rows.
//!
//! A bar grows from a centre axis `│`: to the right for a positive weight, to the left for a negative
//! one, with eighth-cell resolution in both directions. The sign is the direction (and the side of the
//! axis), never a colour: a column's colour is its model's, the truth column is the default foreground
//! in bold. An exact zero is a quiet centred `·`, so it never looks like a small weight.
//!
//! The focused row (moved with `[` `]`) is highlighted and its numbers are written under the header;
//! `o` cycles the row order (true support first, feature index, or |lasso weight|).

use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::{DataView, NextZero, View, WeightsOrder};
use crate::screens::linear::{ModelId, MODELS};
use crate::ui::bars::{bar_cells, block_cells};
use crate::ui::format::short;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use ratatui::Frame;

/// The order of the rows: positions in the table to feature indices.
pub fn row_order(data: &DataView, lasso: &[f64], order: WeightsOrder) -> Vec<usize> {
    let p = data.feature_names.len();
    let mut rows: Vec<usize> = (0..p).collect();
    let magnitude = |v: &[f64], j: usize| v.get(j).map_or(0.0, |w| w.abs());
    match (order, data.truth.as_deref()) {
        // True support first, largest |truth| first; the rest by index (stable sort).
        (WeightsOrder::Support, Some(truth)) => {
            rows.sort_by(|&a, &b| magnitude(truth, b).total_cmp(&magnitude(truth, a)));
        }
        (WeightsOrder::Lasso, _) => rows.sort_by(|&a, &b| magnitude(lasso, b).total_cmp(&magnitude(lasso, a))),
        _ => {}
    }
    rows
}

struct WeightsTable<'a> {
    state: &'a View,
    theme: &'a Theme,
    /// The big layout: bars in whole cells ([`block_cells`]).
    big: bool,
}

/// How the table's columns are laid out.
struct Columns {
    /// Width of the feature-name column (with its support marker).
    name_width: usize,
    /// Cells per bar (odd, so the axis is centred) and cells from one bar's start to the next.
    bar_width: usize,
    pitch: usize,
    /// The |value| that fills one side of a bar.
    scale: f64,
}

impl Columns {
    /// The layout for `count` value columns in `width` cells: names as wide as the longest (at most
    /// 8), bars as wide as fit, at least 3.
    fn new(data: &DataView, state: &View, count: usize, width: usize) -> Self {
        let longest = data.feature_names.iter().map(|n| n.chars().count()).max().unwrap_or(1);
        let name_width = (longest + 1).clamp(4, 8);
        let available = width.saturating_sub(name_width + 1);
        // Bars of odd width (the axis centred) with a cell between them; when even that does not
        // fit, bars of three cells side by side (their axes still tell them apart).
        let pitch = (available / count.max(1)).max(3);
        let bar_width = match pitch {
            3 => 3,
            _ if (pitch - 1) % 2 == 1 => pitch - 1,
            _ => pitch - 2,
        };
        let scale = state
            .models
            .iter()
            .flat_map(|m| m.weights.iter())
            .chain(data.truth.iter().flatten())
            .filter(|w| w.is_finite())
            .fold(0.0f64, |m, w| m.max(w.abs()));
        Self {
            name_width,
            bar_width,
            pitch,
            scale,
        }
    }

    /// The x of value column `c`.
    fn x(&self, area: Rect, c: usize) -> u16 {
        area.x + (self.name_width + 1 + c * self.pitch) as u16
    }

    /// Whether value column `c` fits in `area` (a terminal narrower than the layout allows drops the
    /// last columns rather than drawing outside the panel).
    fn fits(&self, area: Rect, c: usize) -> bool {
        self.x(area, c) as usize + self.bar_width <= area.right() as usize
    }
}

impl WeightsTable<'_> {
    /// The labels and styles of the value columns: "truth" (when known), then every model.
    fn labels(&self, has_truth: bool, pitch: usize) -> Vec<(&'static str, Style)> {
        let theme = self.theme;
        let name = if pitch > "truth".len() { "truth" } else { "true" };
        let truth = has_truth.then_some((name, theme.truth));
        // Labels as wide as the columns allow (two letters in the narrowest).
        let fit = |label: &'static str| &label[..label.len().min(pitch.saturating_sub(1).max(2))];
        truth
            .into_iter()
            .chain(MODELS.iter().map(|id| (id.short(), theme.series(id.series()))))
            .map(|(label, style)| (fit(label), style))
            .collect()
    }

    /// "feature", then every column's label centred over its bar.
    fn header(&self, area: Rect, buf: &mut Buffer, labels: &[(&str, Style)], columns: &Columns) {
        buf.set_stringn(area.x, area.y, "feature", columns.name_width, self.theme.dim);
        for (c, (label, style)) in labels.iter().enumerate().filter(|(c, _)| columns.fits(area, *c)) {
            let pad = columns.bar_width.saturating_sub(label.len()) / 2;
            let width = (area.right() - columns.x(area, c)) as usize - pad;
            buf.set_stringn(columns.x(area, c) + pad as u16, area.y, label, width, *style);
        }
    }

    /// The values of feature `j` in column order: its true weight (when known), then every model's.
    fn values(&self, data: &DataView, j: usize) -> Vec<f64> {
        let truth = data.truth.as_ref().map(|t| t[j]);
        let weights = self
            .state
            .models
            .iter()
            .map(|m| m.weights.get(j).copied().unwrap_or(0.0));
        truth.into_iter().chain(weights).collect()
    }

    /// The focused feature's numbers (3 significant digits), as lines starting at the first value
    /// column: each under its column when every one fits there, else one after another in the
    /// columns' styles and order, on as many lines as they take.
    fn focus_lines(&self, data: &DataView, j: usize, columns: &Columns, width: usize) -> Vec<Line<'static>> {
        let labels = self.labels(data.truth.is_some(), columns.pitch);
        let texts: Vec<String> = self.values(data, j).iter().map(|&v| short(v)).collect();
        let fitting = texts.len().min(width / columns.pitch.max(1));
        if fitting == texts.len() && texts.iter().all(|t| t.chars().count() < columns.pitch) {
            let mut spans = Vec::new();
            for (c, (text, (_, style))) in texts.into_iter().zip(&labels).enumerate() {
                let pad = columns.bar_width.saturating_sub(text.chars().count()) / 2;
                let used = pad + text.chars().count();
                let after = if c + 1 < labels.len() { columns.pitch - used } else { 0 };
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(text, *style));
                spans.push(Span::raw(" ".repeat(after)));
            }
            return vec![Line::from(spans)];
        }
        let mut lines: Vec<Line> = vec![Line::default()];
        for (text, (_, style)) in texts.into_iter().zip(&labels) {
            let last = lines.last_mut().expect("one line at least");
            if last.width() > 0 && last.width() + 1 + text.chars().count() > width {
                lines.push(Line::default());
            }
            let last = lines.last_mut().expect("one line at least");
            if last.width() > 0 {
                last.push_span(Span::raw(" "));
            }
            last.push_span(Span::styled(text, *style));
        }
        lines
    }

    /// Feature `j` on row `y`: its name (starred in the true support), then its bars; the focused
    /// row's name in the cursor style with a `>`.
    fn row(&self, area: Rect, buf: &mut Buffer, y: u16, j: usize, focused: bool, columns: &Columns) {
        let (theme, data) = (self.theme, self.state.data.as_deref().expect("drawn with data"));
        let in_support = data.truth.as_ref().is_some_and(|t| t[j] != 0.0);
        // "Which weight dies next?": the answer's row is marked `†` (over the focus mark), the
        // question's candidates `?` (over the support mark: bold and underlined still say it).
        let next_zero = &self.state.next_zero;
        let (died, candidate) = (next_zero.died(j), next_zero.is_candidate(j));
        let marker = match (died, focused, candidate, in_support) {
            (true, ..) => "†",
            (false, true, ..) => ">",
            (false, false, true, _) => "?",
            (false, false, false, true) => "*",
            _ => " ",
        };
        let mut name_style = if in_support { theme.support } else { theme.text };
        if focused || died {
            name_style = name_style.patch(theme.cursor).add_modifier(Modifier::REVERSED);
        }
        let name = format!("{marker}{:<w$}", data.feature_names[j], w = columns.name_width - 1);
        buf.set_stringn(area.x, y, name, columns.name_width, name_style);
        for (c, (value, (_, style))) in self
            .values(data, j)
            .into_iter()
            .zip(self.labels(data.truth.is_some(), columns.pitch))
            .enumerate()
        {
            if !columns.fits(area, c) {
                break;
            }
            let x = columns.x(area, c);
            let cells = if self.big { block_cells } else { bar_cells };
            for (k, cell) in cells(value, columns.scale, columns.bar_width).into_iter().enumerate() {
                let mut cell_style = match (cell.sign, cell.glyph) {
                    (0, '·') => theme.zero,
                    (0, _) => theme.dim,
                    _ => style,
                };
                if cell.reversed {
                    cell_style = cell_style.add_modifier(Modifier::REVERSED);
                }
                buf[(x + k as u16, y)].set_char(cell.glyph).set_style(cell_style);
            }
        }
    }

    /// Which rows are shown and in what order, with the keys that move the focus and the order.
    fn note(&self, first: usize, rows: usize, p: usize) -> Line<'static> {
        let theme = self.theme;
        Line::from(vec![
            Span::styled(
                format!("features {}-{} of {p} ", first + 1, (first + rows).min(p)),
                theme.dim,
            ),
            Span::styled(hint(Action::ScrollWeights(-1)), theme.key),
            Span::styled(" ", theme.dim),
            Span::styled(hint(Action::ScrollWeights(1)), theme.key),
        ])
    }
}

impl Widget for WeightsTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(data) = self.state.data.as_ref() else {
            buf.set_string(area.x, area.y, "making the data…", self.theme.dim);
            return;
        };
        if area.height < 3 {
            return;
        }
        let count = MODELS.len() + usize::from(data.truth.is_some());
        let columns = Columns::new(data, self.state, count, area.width as usize);
        let labels = self.labels(data.truth.is_some(), columns.pitch);
        self.header(area, buf, &labels, &columns);
        let p = data.feature_names.len();
        let lasso = MODELS
            .iter()
            .position(|&id| id == ModelId::Lasso)
            .map_or(&[][..], |m| &self.state.models[m].weights[..]);
        let order = row_order(data, lasso, self.state.weights_order);
        let focus = self.state.weights_focus.min(p.saturating_sub(1));
        // The header, then the focused row's name and numbers.
        let values_x = columns.x(area, 0);
        let values = order.get(focus).map_or(Vec::new(), |&j| {
            let width = area.right().saturating_sub(values_x) as usize;
            self.focus_lines(data, j, &columns, width)
        });
        if let Some(&j) = order.get(focus) {
            let name = &data.feature_names[j];
            buf.set_stringn(area.x + 1, area.y + 1, name, columns.name_width - 1, self.theme.cursor);
        }
        let top = 1 + values.len() as u16;
        for (k, line) in values.iter().enumerate().take(area.height.saturating_sub(2) as usize) {
            buf.set_line(
                values_x,
                area.y + 1 + k as u16,
                line,
                area.right().saturating_sub(values_x),
            );
        }
        // When the features do not fit, the last row says which are shown.
        let all_rows = area.height.saturating_sub(top) as usize;
        let rows = if p > all_rows {
            all_rows.saturating_sub(1)
        } else {
            all_rows
        };
        // Recorded for `update`, which keeps the focused row in view with this frame's room.
        self.state.weights_rows.set(rows);
        // The offset shown: the recorded one, moved (for this frame only) so the focused row shows.
        let mut first = self.state.weights_scroll.min(p.saturating_sub(rows.max(1)));
        if rows > 0 {
            first = first.clamp((focus + 1).saturating_sub(rows), focus);
        }
        for (row, position) in (first..p).take(rows).enumerate() {
            let y = area.y + top + row as u16;
            self.row(area, buf, y, order[position], position == focus, &columns);
        }
        if p > rows && rows > 0 {
            buf.set_line(
                area.x,
                area.y + top + rows as u16,
                &self.note(first, rows, p),
                area.width,
            );
        }
    }
}

/// The panel's title: what the glyphs mean (when there is room, and not in the big layout, whose
/// titles carry the key numbers instead) and the row order, with its key.
pub(super) fn title(state: &View, theme: &Theme, width: u16, big: bool) -> Line<'static> {
    let mut spans = vec![Span::styled(" Weights ", theme.title)];
    let order = format!(" {} ", state.weights_order.label());
    let legend = "│▌+ ▐│− ·0 *support ";
    if !big && width as usize >= 12 + legend.chars().count() + order.len() + 4 {
        spans.push(Span::styled(legend, theme.dim));
    }
    spans.push(Span::styled(hint(Action::OrderWeights), theme.key));
    spans.push(Span::styled(order, theme.dim));
    Line::from(spans)
}

/// The "which weight dies next?" banner on the bottom border: the question, or the answer.
fn next_zero_banner(state: &View, theme: &Theme) -> Option<Line<'static>> {
    let text = match &state.next_zero {
        NextZero::Idle => return None,
        NextZero::Asked { .. } => " ? which L1 weight dies next? ".to_string(),
        NextZero::Revealed { lambda, features, .. } => {
            format!(" † {} died at λ {} ", state.feature_list(features), short(*lambda))
        }
    };
    Some(Line::from(Span::styled(
        text,
        theme.cursor.add_modifier(Modifier::REVERSED),
    )))
}

pub fn render(frame: &mut Frame, area: Rect, state: &View, theme: &Theme, block: Block, big: bool) {
    let mut block = block.title(title(state, theme, area.width, big));
    if let Some(banner) = next_zero_banner(state, theme) {
        block = block.title_bottom(banner);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(WeightsTable { state, theme, big }, inner);
}
