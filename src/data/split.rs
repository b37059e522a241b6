//! Train/validation splits and cross-validation folds, as row indices.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Which rows train a model and which judge it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
}

impl Split {
    /// The last `n_validation` of `n` rows held out (for data whose rows are independent draws).
    pub fn holdout_tail(n: usize, n_validation: usize) -> Self {
        let cut = n - n_validation.min(n);
        Self {
            train: (0..cut).collect(),
            validation: (cut..n).collect(),
        }
    }

    /// A seeded random holdout of `round(n * fraction)` rows (for loaded data, whose row order may mean
    /// something).
    pub fn random(n: usize, fraction: f64, seed: u64) -> Self {
        let mut rows: Vec<usize> = (0..n).collect();
        rand::seq::SliceRandom::shuffle(rows.as_mut_slice(), &mut ChaCha8Rng::seed_from_u64(seed));
        let n_validation = ((n as f64 * fraction).round() as usize).min(n);
        let mut validation = rows.split_off(n - n_validation);
        rows.sort_unstable();
        validation.sort_unstable();
        Self {
            train: rows,
            validation,
        }
    }
}

/// How rows are dealt into cross-validation folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldAssignment {
    /// Row `i` goes to fold `i mod K`: fixed, so results can be compared with other tools.
    Modulo,
    /// A seeded shuffle, then dealt round-robin (fold sizes differ by at most one).
    Shuffled { seed: u64 },
}

/// The fold of every row, for `n` rows and `k` folds.
pub fn assign_folds(n: usize, k: usize, how: FoldAssignment) -> Vec<usize> {
    match how {
        FoldAssignment::Modulo => (0..n).map(|i| i % k).collect(),
        FoldAssignment::Shuffled { seed } => {
            let mut order: Vec<usize> = (0..n).collect();
            rand::seq::SliceRandom::shuffle(order.as_mut_slice(), &mut ChaCha8Rng::seed_from_u64(seed));
            let mut fold = vec![0; n];
            for (position, &row) in order.iter().enumerate() {
                fold[row] = position % k;
            }
            fold
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffled_folds_are_balanced_and_reproducible() {
        let a = assign_folds(103, 5, FoldAssignment::Shuffled { seed: 3 });
        assert_eq!(a, assign_folds(103, 5, FoldAssignment::Shuffled { seed: 3 }));
        let sizes: Vec<usize> = (0..5).map(|f| a.iter().filter(|&&x| x == f).count()).collect();
        assert!(sizes.iter().all(|&s| s == 20 || s == 21), "{sizes:?}");
        assert_ne!(a, assign_folds(103, 5, FoldAssignment::Modulo));
    }

    #[test]
    fn a_random_split_partitions_the_rows() {
        let s = Split::random(10, 0.3, 1);
        assert_eq!(s.validation.len(), 3);
        let mut all = [s.train.clone(), s.validation.clone()].concat();
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
    }
}
