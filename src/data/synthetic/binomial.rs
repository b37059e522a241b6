//! Labels from a logistic model: the classification version of a synthetic dataset, with the same
//! features and sparse truth (`generate --family binomial`).

use crate::linalg::Matrix;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Bernoulli, Distribution};

/// Keeps the label stream apart from the features' (same seed, different numbers).
const LABEL_STREAM: u64 = 0x6c61_6265_6c73;

/// 0/1 labels `y_i ~ Bernoulli(sigmoid(separation * x_i . beta))`: the larger `separation`, the
/// further the classes stand apart (0 gives coin flips; a large one nearly separable classes).
pub fn logistic_labels(x: &Matrix, beta: &[f64], separation: f64, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ LABEL_STREAM);
    x.mul_vec(beta)
        .iter()
        .map(|&signal| {
            let t = separation * signal;
            // The logistic function, without overflow on either side.
            let p = if t >= 0.0 {
                1.0 / (1.0 + (-t).exp())
            } else {
                t.exp() / (1.0 + t.exp())
            };
            let coin = Bernoulli::new(p).expect("a probability from a sigmoid");
            if coin.sample(&mut rng) {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> (Matrix, Vec<f64>) {
        let column: Vec<f64> = (0..400).map(|i| ((i * 37) % 101) as f64 / 50.0 - 1.0).collect();
        (Matrix::from_columns(400, &[column]), vec![2.0])
    }

    /// The share of labels on the side of 0 that the truth predicts.
    fn agreement(x: &Matrix, beta: &[f64], y: &[f64]) -> f64 {
        let signal = x.mul_vec(beta);
        signal
            .iter()
            .zip(y)
            .filter(|(s, t)| (**s > 0.0) == (**t == 1.0))
            .count() as f64
            / y.len() as f64
    }

    #[test]
    fn labels_are_seeded_and_separation_sets_how_predictable_they_are() {
        let (x, beta) = data();
        assert_eq!(logistic_labels(&x, &beta, 1.0, 7), logistic_labels(&x, &beta, 1.0, 7));
        assert_ne!(logistic_labels(&x, &beta, 1.0, 7), logistic_labels(&x, &beta, 1.0, 8));
        let (coins, mild, sharp) = (
            agreement(&x, &beta, &logistic_labels(&x, &beta, 0.0, 7)),
            agreement(&x, &beta, &logistic_labels(&x, &beta, 1.0, 7)),
            agreement(&x, &beta, &logistic_labels(&x, &beta, 50.0, 7)),
        );
        assert!((coins - 0.5).abs() < 0.1, "separation 0 flips coins: {coins}");
        assert!(mild > coins + 0.1 && sharp > 0.97, "{coins} {mild} {sharp}");
    }
}
