//! The 2-D decision regions of the four variants, drawn in half-block cells with the training points.

use super::percent;
use crate::screens::dropout::view::{View, PLOT_EXTENT, PLOT_GRID, VARIANTS};
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use ratatui::Frame;

/// Decision regions of the four variants in a 2x2 grid of half-block maps, with the training points;
/// each map is headed by its variant's name and validation accuracy.
pub(super) fn render_regions(frame: &mut Frame, area: Rect, lab: &View, monochrome: bool, theme: &Theme, block: Block) {
    let wide = area.width >= 50;
    let title = Line::from(vec![
        Span::styled(
            format!(" {}{} ", if wide { "Decision regions: " } else { "" }, lab.shape.name()),
            theme.title,
        ),
        Span::styled("(val accuracy) ", theme.dim),
    ]);
    let bottom = legend(wide, monochrome, theme);
    let inner = block.inner(area);
    frame.render_widget(block.title(title).title_bottom(bottom), area);
    let rows = Layout::vertical([Constraint::Ratio(1, 2); 2]).split(inner);
    for (r, row) in rows.iter().enumerate() {
        let cells = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(*row);
        for (c, cell) in cells.iter().enumerate() {
            let v = 2 * r + c;
            frame.render_widget(
                RegionMap {
                    lab,
                    variant: v,
                    monochrome,
                    theme,
                },
                *cell,
            );
        }
    }
}

/// The map's legend: the points' glyphs and, where there is room, what the shading means: in
/// monochrome darker for a likelier class 1, in colour each class's tint (sand 1, slate 0) as a
/// swatch, since the tints are not lighter and darker shades of one colour.
fn legend(wide: bool, monochrome: bool, theme: &Theme) -> Line<'static> {
    let points = Span::styled(" ● class 1  ○ class 0 ", theme.dim);
    match (wide, monochrome) {
        (false, _) => Line::from(points),
        (true, true) => Line::from(vec![points, Span::styled(" P(class 1): light ↔ dark ", theme.dim)]),
        (true, false) => {
            let swatch = |p: f64| Span::styled("██", Style::new().fg(crate::ui::theme::region_color(p)));
            Line::from(vec![
                points,
                Span::styled(" regions ", theme.dim),
                swatch(0.9),
                Span::styled(" 1 ", theme.dim),
                swatch(0.1),
                Span::styled(" 0 ", theme.dim),
            ])
        }
    }
}

struct RegionMap<'a> {
    lab: &'a View,
    variant: usize,
    monochrome: bool,
    theme: &'a Theme,
}

impl RegionMap<'_> {
    /// The map's heading: the variant's name and, once known, its validation accuracy.
    fn heading(&self) -> String {
        let name = VARIANTS[self.variant].name;
        match self.lab.accuracy[self.variant] {
            Some(a) => format!("{name} {}", percent(a.val)),
            None => name.to_string(),
        }
    }
}

impl Widget for RegionMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height < 3 {
            return;
        }
        let probabilities = &self.lab.probabilities[self.variant];
        let map = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        buf.set_stringn(
            area.x,
            area.y,
            self.heading(),
            area.width as usize,
            self.theme.series(VARIANTS[self.variant].series()),
        );
        // The probability at a pixel (px in 0..width, py in 0..2*height), nearest grid point.
        let at = |px: u16, py: u16| -> f64 {
            let col = (px as usize * PLOT_GRID) / map.width as usize;
            let row = (py as usize * PLOT_GRID) / (2 * map.height as usize);
            probabilities
                .get(row.min(PLOT_GRID - 1) * PLOT_GRID + col.min(PLOT_GRID - 1))
                .copied()
                .unwrap_or(0.5)
        };
        for y in 0..map.height {
            for x in 0..map.width {
                let (top, bottom) = (at(x, 2 * y), at(x, 2 * y + 1));
                let cell = &mut buf[(map.x + x, map.y + y)];
                if self.monochrome {
                    let shade = match (top + bottom) / 2.0 {
                        p if p < 0.2 => ' ',
                        p if p < 0.4 => '░',
                        p if p < 0.6 => '▒',
                        p if p < 0.8 => '▓',
                        _ => '█',
                    };
                    cell.set_char(shade);
                } else {
                    cell.set_char('▀')
                        .set_fg(crate::ui::theme::region_color(top))
                        .set_bg(crate::ui::theme::region_color(bottom));
                }
            }
        }
        // Training points on top.
        for (&(x0, x1), &label) in self.lab.points.iter().zip(&self.lab.labels) {
            let fx = (x0 + PLOT_EXTENT) / (2.0 * PLOT_EXTENT);
            let fy = (PLOT_EXTENT - x1) / (2.0 * PLOT_EXTENT);
            if !(0.0..1.0).contains(&fx) || !(0.0..1.0).contains(&fy) {
                continue;
            }
            let cx = map.x + (fx * map.width as f64) as u16;
            let cy = map.y + (fy * map.height as f64) as u16;
            let glyph = if label == 1.0 { '●' } else { '○' };
            let cell = &mut buf[(cx, cy)];
            cell.set_char(glyph);
            if !self.monochrome {
                cell.set_fg(crate::ui::theme::POINT_COLOR);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::{for_depth, region_color, Depth};

    #[test]
    fn the_legend_keys_the_shading_in_monochrome_and_the_tints_in_colour() {
        let mono = legend(true, true, for_depth(true, None)).to_string();
        assert!(mono.contains("light ↔ dark"), "{mono}");
        let colour = legend(true, false, for_depth(false, Some(Depth::TrueColor)));
        let swatch = |p: f64| {
            colour
                .spans
                .iter()
                .any(|s| s.content == "██" && s.style.fg == Some(region_color(p)))
        };
        assert!(swatch(0.9) && swatch(0.1), "{colour:?}");
        assert!(!colour.to_string().contains("light ↔ dark"));
    }
}
