//! Number formatting shared by the panels: short, readable, and stable (snapshots compare text), and
//! status lines packed to a width.

use ratatui::text::{Line, Span};

/// A compact number: 3 significant digits, scientific outside [1e-3, 1e5).
pub fn short(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        return format!("{v:.2e}");
    }
    let digits = (2 - a.log10().floor() as i32).clamp(0, 4) as usize;
    format!("{v:.digits$}")
}

/// A tick label for a log10 axis value: `10^k` written out when short.
pub fn pow10_label(exponent: f64) -> String {
    let v = 10f64.powf(exponent);
    short(v)
}

/// Lines of at most `width` columns made of `segments`, each kept whole and moved to the next line
/// when it does not fit; a segment wider than the line gets a line of its own (and wraps there).
pub fn pack(segments: Vec<Vec<Span<'static>>>, width: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span>> = Vec::new();
    let mut used = 0usize;
    for segment in segments {
        let wide: usize = segment.iter().map(Span::width).sum();
        match lines.last_mut() {
            Some(line) if used + 1 + wide <= width as usize => {
                line.push(Span::raw(" "));
                line.extend(segment);
                used += 1 + wide;
            }
            _ => {
                lines.push(segment);
                used = wide;
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// The first of `candidates` (longest first) that fits on the border of a box `width` wide, else the
/// last: titles shorten on small terminals rather than lose their ends.
pub fn fitting(width: u16, candidates: Vec<Line<'static>>) -> Line<'static> {
    first_fitting((width as usize).saturating_sub(2), candidates)
}

/// The first of `candidates` (longest first) at most `room` cells wide, else the last.
pub fn first_fitting<'a>(room: usize, candidates: impl IntoIterator<Item = Line<'a>>) -> Line<'a> {
    let mut last = Line::default();
    for line in candidates {
        if line.width() <= room {
            return line;
        }
        last = line;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_readable() {
        assert_eq!(short(0.0), "0");
        assert_eq!(short(3.45678), "3.46");
        assert_eq!(short(271.8), "272");
        assert_eq!(short(0.012345), "0.0123");
        assert_eq!(short(-48.806), "-48.8");
        assert_eq!(short(1.5e-6), "1.50e-6");
    }
}
