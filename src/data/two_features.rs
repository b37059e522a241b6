//! The geometry screen's data (scenario `geometry`): two features with a chosen correlation, a target
//! from true weights of length 1 at a chosen angle plus noise, standardized as every regscope fit is.

use super::{Matrix, Standardized};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// How the two-feature data is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoFeatureKnobs {
    pub rows: usize,
    /// The population correlation of the two features, inside (-1, 1).
    pub correlation: f64,
    /// The true weights are `(cos angle, sin angle)`, in degrees.
    pub angle_degrees: f64,
    /// The noise's standard deviation.
    pub noise: f64,
    pub seed: u64,
}

/// Standardized two-column data, centred target, and the weights it was drawn from.
#[derive(Clone, Debug)]
pub struct TwoFeatureData {
    /// Columns with mean 0 and population variance 1.
    pub x: Matrix,
    /// The centred target.
    pub y: Vec<f64>,
    /// The true weights on the standardized scale: the drawn weights times each column's standard
    /// deviation (near 1, but 10% off with 40 rows), so they sit where the estimates aim.
    pub truth: [f64; 2],
}

/// Draws the data: `x0 = z0`, `x1 = rho z0 + sqrt(1 - rho^2) z1`, `y = x . truth + noise e`, with
/// `z0, z1, e` independent standard normals from one seeded stream; then standardized.
pub fn two_features(knobs: &TwoFeatureKnobs) -> TwoFeatureData {
    let mut rng = ChaCha8Rng::seed_from_u64(knobs.seed);
    let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
    let rho = knobs.correlation;
    let angle = knobs.angle_degrees.to_radians();
    let truth = [angle.cos(), angle.sin()];
    let (mut x0, mut x1, mut y) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..knobs.rows {
        let (z0, z1, e) = (normal(), normal(), normal());
        let (a, b) = (z0, rho * z0 + (1.0 - rho * rho).sqrt() * z1);
        x0.push(a);
        x1.push(b);
        y.push(truth[0] * a + truth[1] * b + knobs.noise * e);
    }
    let standardized = Standardized::new(&Matrix::from_columns(knobs.rows, &[x0, x1]), &y);
    TwoFeatureData {
        truth: [truth[0] * standardized.x_scale[0], truth[1] * standardized.x_scale[1]],
        x: standardized.x,
        y: standardized.y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knobs(correlation: f64, seed: u64) -> TwoFeatureKnobs {
        TwoFeatureKnobs {
            rows: 400,
            correlation,
            angle_degrees: 30.0,
            noise: 0.5,
            seed,
        }
    }

    #[test]
    fn the_columns_are_standardized_and_correlated_as_asked() {
        let data = two_features(&knobs(0.7, 3));
        let n = 400.0;
        for j in 0..2 {
            let (mean, sd) = crate::data::mean_and_std(data.x.col(j));
            assert!(mean.abs() < 1e-12 && (sd - 1.0).abs() < 1e-12);
        }
        let r = crate::linalg::dot(data.x.col(0), data.x.col(1)) / n;
        assert!((r - 0.7).abs() < 0.08, "sample correlation {r}");
        assert!(data.y.iter().sum::<f64>().abs() < 1e-9);
    }

    #[test]
    fn the_same_seed_draws_the_same_data() {
        let (a, b) = (two_features(&knobs(0.5, 9)), two_features(&knobs(0.5, 9)));
        assert_eq!(a.y, b.y);
        assert_ne!(a.y, two_features(&knobs(0.5, 10)).y);
    }
}
