//! The synthetic generator: data whose true coefficients are known, so a view can show which features a
//! model should have kept.
//!
//! Model, with one seeded ChaCha8 stream drawn in this order (z, support, magnitudes, signs, eps):
//!
//! ```text
//! AR(1) columns:   x_0 = z_0,  x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j      corr(x_i, x_j) = rho^|i-j|
//! blocks:          x_j = sqrt(rho) f_b + sqrt(1 - rho) z_j  within block b   corr = rho inside a block
//! target:          y = X beta + sigma eps,  sigma = sqrt(beta' Sigma beta / snr) (population SNR)
//! ```
//!
//! Every column has unit population variance, so `beta` is on a comparable scale for every feature.

pub mod binomial;
mod limits;

use super::{Dataset, Split};
use crate::linalg::Matrix;
pub use limits::{check_finite, Setting, MAX_CELLS, MAX_SIGMA, MIN_SNR};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// The shape of the true coefficients.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pattern {
    /// `k` nonzeros at random positions, magnitudes a shuffle of 1..=k, random signs: few strong effects.
    SparseStrong,
    /// `k` nonzeros at random positions with magnitudes uniform in [0.25, 1]: many weak effects that the
    /// lasso tends to drop.
    DenseWeak,
    /// Features in equicorrelated blocks of `group_size` (correlation `rho` inside a block, none across);
    /// the `k` nonzeros fill whole blocks with one shared value per block, so the lasso must choose.
    CorrelatedGroups { group_size: usize },
}

/// How much noise: a population signal-to-noise ratio, or the noise standard deviation itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Noise {
    Snr(f64),
    Sigma(f64),
}

/// Everything that determines a synthetic dataset; the same spec gives the same bytes on every machine.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticSpec {
    /// Rows in all (training and validation).
    pub n: usize,
    pub p: usize,
    /// Number of informative features (nonzero true coefficients).
    pub k: usize,
    pub rho: f64,
    pub noise: Noise,
    pub pattern: Pattern,
    /// Fraction of the rows held out for validation (the last rows; rows are independent draws).
    pub validation_fraction: f64,
    pub seed: u64,
}

impl SyntheticSpec {
    /// `(training rows, validation rows)`.
    pub fn split_sizes(&self) -> (usize, usize) {
        let n_val = (self.n as f64 * self.validation_fraction).round() as usize;
        (self.n - n_val.min(self.n), n_val.min(self.n))
    }

    /// `beta' Sigma beta`: the variance of the noiseless signal under the population covariance.
    fn signal_variance(&self, beta: &[f64]) -> f64 {
        let support: Vec<usize> = (0..self.p).filter(|&j| beta[j] != 0.0).collect();
        let mut total = 0.0;
        for &i in &support {
            for &j in &support {
                total += beta[i] * beta[j] * self.population_corr(i, j);
            }
        }
        total
    }

    fn population_corr(&self, i: usize, j: usize) -> f64 {
        if i == j {
            return 1.0;
        }
        match self.pattern {
            Pattern::CorrelatedGroups { group_size } => {
                if i / group_size == j / group_size {
                    self.rho
                } else {
                    0.0
                }
            }
            _ => self.rho.powi(i.abs_diff(j) as i32),
        }
    }
}

/// A generated dataset with its train/validation split and the noise level actually used.
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub dataset: Dataset,
    pub split: Split,
    pub sigma: f64,
}

/// Generates the data described by `spec`. Call [`SyntheticSpec::validate`] first.
pub fn generate(spec: &SyntheticSpec) -> Synthetic {
    let SyntheticSpec { n, p, rho, .. } = *spec;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
    // z, drawn row by row.
    let z: Vec<f64> = (0..n * p).map(|_| normal()).collect();
    let factors: Vec<f64> = match spec.pattern {
        Pattern::CorrelatedGroups { group_size } => (0..n * p.div_ceil(group_size)).map(|_| normal()).collect(),
        _ => Vec::new(),
    };
    let mut x = Matrix::zeros(n, p);
    match spec.pattern {
        Pattern::CorrelatedGroups { group_size } => {
            let blocks = p.div_ceil(group_size);
            let (a, b) = (rho.sqrt(), (1.0 - rho).sqrt());
            for j in 0..p {
                let block = j / group_size;
                for (i, v) in x.col_mut(j).iter_mut().enumerate() {
                    *v = a * factors[i * blocks + block] + b * z[i * p + j];
                }
            }
        }
        _ => {
            let c = (1.0 - rho * rho).sqrt();
            for i in 0..n {
                let mut previous = 0.0;
                for j in 0..p {
                    let value = if j == 0 {
                        z[i * p]
                    } else {
                        rho * previous + c * z[i * p + j]
                    };
                    x.col_mut(j)[i] = value;
                    previous = value;
                }
            }
        }
    }

    let beta = true_coefficients(spec, &mut rng);
    let sigma = match spec.noise {
        Noise::Sigma(s) => s,
        Noise::Snr(snr) => (spec.signal_variance(&beta) / snr).sqrt(),
    };
    let signal = x.mul_vec(&beta);
    let y: Vec<f64> = signal
        .iter()
        .map(|s| {
            let eps: f64 = StandardNormal.sample(&mut rng);
            s + sigma * eps
        })
        .collect();
    let (n_train, _) = spec.split_sizes();
    Synthetic {
        dataset: Dataset {
            x,
            y,
            feature_names: (0..p).map(|j| format!("x{j}")).collect(),
            target_name: "y".into(),
            truth: Some(beta),
            dropped: Vec::new(),
        },
        split: Split::holdout_tail(n, n - n_train),
        sigma,
    }
}

fn true_coefficients(spec: &SyntheticSpec, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let (p, k) = (spec.p, spec.k);
    let mut beta = vec![0.0; p];
    match spec.pattern {
        Pattern::SparseStrong | Pattern::DenseWeak => {
            let mut support = rand::seq::index::sample(rng, p, k).into_vec();
            support.sort_unstable();
            let magnitudes: Vec<f64> = if spec.pattern == Pattern::SparseStrong {
                let mut m: Vec<f64> = (1..=k).map(|v| v as f64).collect();
                rand::seq::SliceRandom::shuffle(m.as_mut_slice(), rng);
                m
            } else {
                (0..k).map(|_| rng.random_range(0.25..=1.0)).collect()
            };
            for (&j, m) in support.iter().zip(magnitudes) {
                let sign = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
                beta[j] = sign * m;
            }
        }
        Pattern::CorrelatedGroups { group_size } => {
            // Whole blocks, chosen at random, until k features are informative.
            let blocks = p.div_ceil(group_size);
            let mut order: Vec<usize> = (0..blocks).collect();
            rand::seq::SliceRandom::shuffle(order.as_mut_slice(), rng);
            let mut left = k;
            for block in order {
                if left == 0 {
                    break;
                }
                let sign = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
                let magnitude = rng.random_range(1.0..=3.0);
                for b in beta
                    .iter_mut()
                    .take(((block + 1) * group_size).min(p))
                    .skip(block * group_size)
                {
                    if left == 0 {
                        break;
                    }
                    *b = sign * magnitude;
                    left -= 1;
                }
            }
        }
    }
    beta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataError;

    fn spec(pattern: Pattern) -> SyntheticSpec {
        SyntheticSpec {
            n: 4000,
            p: 6,
            k: 3,
            rho: 0.6,
            noise: Noise::Snr(2.0),
            pattern,
            validation_fraction: 0.25,
            seed: 7,
        }
    }

    fn corr(a: &[f64], b: &[f64]) -> f64 {
        let (ma, sa) = crate::data::mean_and_std(a);
        let (mb, sb) = crate::data::mean_and_std(b);
        a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum::<f64>() / (a.len() as f64 * sa * sb)
    }

    #[test]
    fn ar1_columns_have_the_requested_neighbour_correlation() {
        let d = generate(&spec(Pattern::SparseStrong)).dataset;
        let r = corr(d.x.col(2), d.x.col(3));
        assert!((r - 0.6).abs() < 0.05, "neighbour correlation {r}");
        let r2 = corr(d.x.col(1), d.x.col(3));
        assert!((r2 - 0.36).abs() < 0.05, "lag-2 correlation {r2}");
    }

    #[test]
    fn groups_are_correlated_inside_and_independent_across() {
        let d = generate(&spec(Pattern::CorrelatedGroups { group_size: 3 })).dataset;
        assert!((corr(d.x.col(0), d.x.col(2)) - 0.6).abs() < 0.05);
        assert!(corr(d.x.col(2), d.x.col(3)).abs() < 0.05);
        let beta = d.truth.unwrap();
        assert_eq!(beta.iter().filter(|b| **b != 0.0).count(), 3);
        let block: Vec<usize> = (0..6).filter(|&j| beta[j] != 0.0).map(|j| j / 3).collect();
        assert!(
            block.iter().all(|&b| b == block[0]),
            "the support fills one block: {beta:?}"
        );
    }

    #[test]
    fn the_noise_level_gives_the_requested_snr() {
        let s = generate(&spec(Pattern::SparseStrong));
        let beta = s.dataset.truth.as_ref().unwrap();
        let signal = s.dataset.x.mul_vec(beta);
        let (_, sd_signal) = crate::data::mean_and_std(&signal);
        let snr = sd_signal * sd_signal / (s.sigma * s.sigma);
        assert!((snr - 2.0).abs() < 0.2, "snr {snr}");
    }

    #[test]
    fn sizes_beyond_the_limit_are_refused_before_allocating() {
        let huge = SyntheticSpec {
            n: 1_000_000_000_000_000_000,
            ..spec(Pattern::SparseStrong)
        };
        let err = huge.check(&Setting::flag).unwrap_err().to_string();
        assert!(
            err.contains("--n 1000000000000000000 x --p 6") && err.contains("268435456"),
            "{err}"
        );
        let wide = SyntheticSpec {
            n: 1 << 14,
            p: (1 << 14) + 1,
            ..spec(Pattern::SparseStrong)
        };
        assert!(wide.validate().unwrap_err().to_string().contains("n 16384 x p 16385"));
    }

    #[test]
    fn noise_that_would_overflow_is_refused_by_name() {
        let loud = SyntheticSpec {
            noise: Noise::Sigma(1e308),
            ..spec(Pattern::DenseWeak)
        };
        assert_eq!(
            loud.check(&Setting::flag).unwrap_err().to_string(),
            "--sigma 1e308 must lie in [0, 1e100] (a larger one makes y overflow)"
        );
        let faint = SyntheticSpec {
            noise: Noise::Snr(1e-320),
            ..spec(Pattern::DenseWeak)
        };
        assert!(faint
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("snr 1e-320 must be finite"));
    }

    #[test]
    fn non_finite_generated_data_names_the_noise_setting() {
        let mut data = generate(&spec(Pattern::SparseStrong));
        let check = |d: &Synthetic| check_finite(&d.dataset, d.sigma, Noise::Snr(2.0), &Setting::flag);
        assert!(check(&data).is_ok());
        data.dataset.y[3] = f64::INFINITY;
        let err = check(&data).unwrap_err();
        assert!(matches!(err, DataError::BadSetting(_)), "a setting to change: {err:?}");
        let err = err.to_string();
        assert!(
            err.contains("y is not finite") && err.ends_with("change --snr"),
            "{err}"
        );
    }

    #[test]
    fn the_split_holds_out_the_requested_fraction() {
        let s = generate(&spec(Pattern::DenseWeak));
        assert_eq!(s.split.validation.len(), 1000);
        assert_eq!(s.split.train.len(), 3000);
    }
}
