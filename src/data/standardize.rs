//! Standardization as glmnet (`standardize=TRUE`) and the shared reference do it: every feature centred
//! and divided by its *population* standard deviation (divide by n), the target centred, no intercept in
//! the penalized problem. The means and scales are kept so a fit can be carried back to the data's units.

use crate::linalg::Matrix;

/// Standardized features and centred target, with what is needed to go back.
#[derive(Clone, Debug)]
pub struct Standardized {
    /// Columns with mean 0 and population variance 1 (a constant column becomes all zeros).
    pub x: Matrix,
    /// The centred target.
    pub y: Vec<f64>,
    pub x_mean: Vec<f64>,
    /// Population standard deviation of each column; 0 marks a constant column, which is never divided
    /// by and whose coefficient is always 0.
    pub x_scale: Vec<f64>,
    pub y_mean: f64,
    /// `x_j^T y` and `||x_j||^2` of the standardized data, computed while each column is in cache:
    /// every solver needs them, and on large data another pass over `X` costs as much as computing them.
    pub xty: Vec<f64>,
    pub col_norm2: Vec<f64>,
}

/// The power of two at or just below the largest magnitude in `values` (1 when every value is zero or
/// any is not finite). Dividing by it is exact, and afterwards every value lies in (-2, 2), so sums of
/// squares can neither overflow (a column of 1e155) nor underflow to zero (a column of 1e-160).
pub fn power_of_two_scale(values: &[f64]) -> f64 {
    let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if largest == 0.0 || !largest.is_finite() {
        return 1.0;
    }
    let bits = largest.to_bits();
    let biased = (bits >> 52) as i32;
    let exponent = if biased > 0 {
        biased - 1023
    } else {
        // Subnormal: the exponent of its highest set bit.
        (63 - bits.leading_zeros() as i32) - 1074
    };
    power_of_two(exponent)
}

/// `2^k` for `-1074 <= k <= 1023`, built from its bits (exact, also where `powi` would round to 0).
fn power_of_two(k: i32) -> f64 {
    let k = k.clamp(-1074, 1023);
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// Mean and population standard deviation, computed in two passes for accuracy, on the values divided
/// by [`power_of_two_scale`]: the division is exact, so for ordinary data the result is the plain
/// formula's up to the order of the additions, and for extreme magnitudes (1e-320 to 1e308) it neither overflows nor underflows.
pub fn mean_and_std(values: &[f64]) -> (f64, f64) {
    let scale = power_of_two_scale(values);
    let (mean, std) = scaled_mean_and_std(values, scale);
    (mean * scale, std * scale)
}

/// Mean and population standard deviation of `values / scale`.
fn scaled_mean_and_std(values: &[f64], scale: f64) -> (f64, f64) {
    let n = values.len() as f64;
    let unscale = Unscale::new(scale);
    let mean = lane_sum(values, |v| unscale.apply(v)) / n;
    let var = lane_sum(values, |v| {
        let d = unscale.apply(v) - mean;
        d * d
    }) / n;
    (mean, var.sqrt())
}

/// Division by a power of two as a multiplication by its reciprocal, which gives the same bits (both
/// round the same exact value) and costs a fraction of a division; the reciprocal of a subnormal power
/// of two is beyond f64, so that one case divides.
#[derive(Clone, Copy)]
struct Unscale {
    scale: f64,
    inverse: f64,
}

impl Unscale {
    fn new(scale: f64) -> Self {
        Self {
            scale,
            inverse: 1.0 / scale,
        }
    }

    #[inline(always)]
    fn apply(self, v: f64) -> f64 {
        if self.inverse.is_finite() {
            v * self.inverse
        } else {
            v / self.scale
        }
    }
}

/// The sum of `f(v)` over `values` with eight independent partial sums: one running sum waits for each
/// addition to finish (about 4 cycles a value), which made standardizing a 10000 x 1000 matrix cost a
/// sixth of its whole lasso path on one core. The partial sums also round less than one long sum.
#[inline(always)]
fn lane_sum(values: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    const LANES: usize = 8;
    let mut acc = [0.0f64; LANES];
    let chunks = values.chunks_exact(LANES);
    let tail: f64 = chunks.remainder().iter().map(|&v| f(v)).sum();
    for chunk in chunks {
        for k in 0..LANES {
            acc[k] += f(chunk[k]);
        }
    }
    acc.iter().sum::<f64>() + tail
}

/// `(value - mean) / scale` without overflowing when `value` and `mean` are huge and of opposite sign.
fn standardize_value(value: f64, mean: f64, scale: f64) -> f64 {
    let difference = value - mean;
    if difference.is_finite() {
        difference / scale
    } else {
        value / scale - mean / scale
    }
}

/// Centres and scales one column in place; returns `(mean, scale, x^T y, ||x||^2)` of the result.
/// Works on the column divided by a power of two (exact), so a column multiplied by `10^k` standardizes
/// to the same values whatever `k` (up to the rounding of the multiplication itself).
fn standardize_column(column: &mut [f64], y: &[f64]) -> (f64, f64, f64, f64) {
    let unit = power_of_two_scale(column);
    let (mean, std) = scaled_mean_and_std(column, unit);
    // A column whose spread is rounding noise relative to its size is constant for our purposes.
    let constant = std.is_nan() || std <= 1e-13 * mean.abs().max(f64::MIN_POSITIVE);
    let unscale = Unscale::new(unit);
    for v in column.iter_mut() {
        *v = if constant {
            0.0
        } else {
            (unscale.apply(*v) - mean) / std
        };
    }
    let scale = if constant { 0.0 } else { std * unit };
    (
        mean * unit,
        scale,
        crate::linalg::dot(column, y),
        crate::linalg::dot(column, column),
    )
}

impl Standardized {
    /// Standardizes `x` and centres `y` with their own statistics.
    pub fn new(x: &Matrix, y: &[f64]) -> Self {
        Self::from_owned(x.clone(), y.to_vec())
    }

    /// As [`Standardized::new`], reusing the buffers (no copy of a large matrix). Large matrices are
    /// standardized on all cores, a block of columns each; the result does not depend on how many.
    pub fn from_owned(mut x: Matrix, mut y: Vec<f64>) -> Self {
        let (n, p) = (x.nrows(), x.ncols());
        let (y_mean, _) = mean_and_std(&y);
        y.iter_mut().for_each(|v| *v = standardize_value(*v, y_mean, 1.0));
        // (mean, scale, x_j^T y, ||x_j||^2) per column.
        let mut stats = vec![(0.0, 0.0, 0.0, 0.0); p];
        let threads = if n * p >= 1 << 20 {
            std::thread::available_parallelism().map_or(1, |c| c.get())
        } else {
            1
        };
        let per_thread = p.div_ceil(threads.max(1)).max(1);
        std::thread::scope(|scope| {
            for (columns, stats) in x
                .as_mut_slice()
                .chunks_mut(per_thread * n.max(1))
                .zip(stats.chunks_mut(per_thread))
            {
                let y = &y;
                scope.spawn(move || {
                    for (column, stat) in columns.chunks_mut(n.max(1)).zip(stats.iter_mut()) {
                        *stat = standardize_column(column, y);
                    }
                });
            }
        });
        Self {
            x,
            y,
            x_mean: stats.iter().map(|s| s.0).collect(),
            x_scale: stats.iter().map(|s| s.1).collect(),
            y_mean,
            xty: stats.iter().map(|s| s.2).collect(),
            col_norm2: stats.iter().map(|s| s.3).collect(),
        }
    }

    /// Coefficients on the standardized scale carried back to the data's units: `(intercept, beta)` with
    /// `y ≈ intercept + x · beta`.
    pub fn to_original(&self, w: &[f64]) -> (f64, Vec<f64>) {
        let beta: Vec<f64> = w
            .iter()
            .zip(&self.x_scale)
            .map(|(&wj, &s)| if s > 0.0 { wj / s } else { 0.0 })
            .collect();
        let intercept = self.y_mean - beta.iter().zip(&self.x_mean).map(|(b, m)| b * m).sum::<f64>();
        (intercept, beta)
    }

    /// Other rows (validation, test) in the data's units put on this standardized scale, with this
    /// data's means and scales: `(x, y - y_mean)`.
    pub fn transform(&self, x: &Matrix, y: &[f64]) -> (Matrix, Vec<f64>) {
        let mut out = x.clone();
        for j in 0..out.ncols() {
            let (mean, scale) = (self.x_mean[j], self.x_scale[j]);
            for v in out.col_mut(j) {
                *v = if scale > 0.0 {
                    standardize_value(*v, mean, scale)
                } else {
                    0.0
                };
            }
        }
        (out, y.iter().map(|&v| standardize_value(v, self.y_mean, 1.0)).collect())
    }

    /// Predictions in the data's units for the rows of `x` (original units), from standardized `w`.
    /// Computed on the standardized scale, `transform(x) w + y_mean`: through the data's units a column
    /// of subnormal values (1e-320) would have a coefficient beyond f64 and predict inf.
    pub fn predict(&self, x: &Matrix, w: &[f64]) -> Vec<f64> {
        let (standardized, _) = self.transform(x, &[]);
        let mut out = standardized.mul_vec(w);
        out.iter_mut().for_each(|v| *v += self.y_mean);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_get_mean_zero_and_population_variance_one() {
        let x = Matrix::from_columns(4, &[vec![1.0, 2.0, 3.0, 4.0], vec![5.0, 5.0, 5.0, 5.0]]);
        let s = Standardized::new(&x, &[1.0, 0.0, 0.0, 3.0]);
        let (m, sd) = mean_and_std(s.x.col(0));
        assert!(m.abs() < 1e-15 && (sd - 1.0).abs() < 1e-15);
        assert_eq!(s.x_scale[1], 0.0, "a constant column is marked, not divided by");
        assert!(s.x.col(1).iter().all(|&v| v == 0.0));
        assert_eq!(s.y_mean, 1.0);
    }

    #[test]
    fn other_rows_are_transformed_with_this_datas_statistics() {
        let x = Matrix::from_columns(3, &[vec![1.0, 2.0, 3.0]]);
        let s = Standardized::new(&x, &[0.0, 1.0, 2.0]);
        let (t, y) = s.transform(&Matrix::from_columns(1, &[vec![2.0]]), &[4.0]);
        assert_eq!(t.get(0, 0), 0.0, "the training mean maps to 0");
        assert_eq!(y, vec![3.0]);
        let (t, _) = s.transform(&Matrix::from_columns(1, &[vec![3.0]]), &[0.0]);
        assert!((t.get(0, 0) - 1.0 / (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn back_transform_reproduces_standardized_predictions() {
        let x = Matrix::from_columns(3, &[vec![1.0, 4.0, 2.0], vec![10.0, -2.0, 7.0]]);
        let s = Standardized::new(&x, &[3.0, 1.0, 2.0]);
        let w = [0.7, -0.2];
        // The fit carried back to the data's units predicts what the standardized fit predicts.
        let (intercept, beta) = s.to_original(&w);
        let through_original: Vec<f64> = x.mul_vec(&beta).iter().map(|v| v + intercept).collect();
        let predicted = s.predict(&x, &w);
        for i in 0..3 {
            assert!((through_original[i] - predicted[i]).abs() < 1e-12);
            assert!((predicted[i] - (s.x.mul_vec(&w)[i] + s.y_mean)).abs() < 1e-12);
        }
    }
}
