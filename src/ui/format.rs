//! Number formatting shared by the panels: short, readable, and stable (snapshots compare text).

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
