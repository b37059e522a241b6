//! Two-class data with a known truth, for the classification screen: the synthetic generator's features
//! and sparse truth, labels drawn from a logistic model of them (`generate --family binomial`), the
//! last rows held out for validation.

use super::synthetic::binomial::logistic_labels;
use super::{generate, Matrix, Noise, Pattern, SyntheticSpec};

/// The classification presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassPreset {
    /// 50 features, 5 informative, few training rows: the classes separate on the training rows, so
    /// the unregularized model reaches 100% training accuracy with weights that never stop growing.
    Sparse,
    /// Two features, so every model's decision boundary can be drawn over the points.
    Plane,
}

impl ClassPreset {
    pub const ALL: [ClassPreset; 2] = [ClassPreset::Sparse, ClassPreset::Plane];

    /// The scenario name.
    pub fn name(self) -> &'static str {
        match self {
            ClassPreset::Sparse => "classify-sparse",
            ClassPreset::Plane => "classify-2d",
        }
    }

    /// What the preset shows, in a line.
    pub fn description(self) -> &'static str {
        match self {
            ClassPreset::Sparse => {
                "50 features, 5 informative, 80 training rows: unregularized reaches 100% train accuracy, not val"
            }
            ClassPreset::Plane => "two correlated features: each model's boundary over the points",
        }
    }

    /// The generator's settings for `seed`, and the labels' separation.
    fn spec(self, seed: u64) -> (SyntheticSpec, f64) {
        let (n_train, n_val, p, k, rho, separation) = match self {
            ClassPreset::Sparse => (80, 400, 50, 5, 0.3, 1.0),
            ClassPreset::Plane => (20, 400, 2, 2, 0.6, 3.0),
        };
        let n = n_train + n_val;
        let spec = SyntheticSpec {
            n,
            p,
            k,
            rho,
            // Unused: the labels come from the signal alone.
            noise: Noise::Sigma(0.0),
            pattern: Pattern::SparseStrong,
            validation_fraction: n_val as f64 / n as f64,
            seed,
        };
        (spec, separation)
    }
}

/// A two-class dataset split into training and validation rows, in the data's units.
#[derive(Clone, Debug)]
pub struct ClassData {
    pub preset: ClassPreset,
    pub seed: u64,
    pub feature_names: Vec<String>,
    pub x_train: Matrix,
    pub y_train: Vec<f64>,
    pub x_val: Matrix,
    pub y_val: Vec<f64>,
    /// The true coefficients of the labels' log-odds (separation included), in the data's units.
    pub truth: Vec<f64>,
    /// Population correlation of neighbouring features.
    pub rho: f64,
}

/// The preset's data for `seed`. Labels are drawn until both classes are in the training rows (a
/// classifier needs both), at most a few times; the seed fixes every draw. Should every draw give one
/// class (no seed of the presets does), the training row the truth finds least likely in it takes
/// the other label, so the data always has both.
pub fn class_data(preset: ClassPreset, seed: u64) -> ClassData {
    let (spec, separation) = preset.spec(seed);
    let synthetic = generate(&spec);
    let dataset = synthetic.dataset;
    let beta = dataset.truth.clone().unwrap_or_else(|| vec![0.0; spec.p]);
    let truth: Vec<f64> = beta.iter().map(|b| b * separation).collect();
    let (n_train, _) = spec.split_sizes();
    let train: Vec<usize> = (0..n_train).collect();
    let val: Vec<usize> = (n_train..spec.n).collect();
    let mut y = logistic_labels(&dataset.x, &beta, separation, seed);
    for retry in 1..=8u64 {
        let ones = y[..n_train].iter().filter(|&&v| v == 1.0).count();
        if ones > 0 && ones < n_train {
            break;
        }
        y = logistic_labels(&dataset.x, &beta, separation, seed.wrapping_add(retry << 32));
    }
    let signal = dataset.x.select_rows(&train).mul_vec(&beta);
    both_classes(&mut y[..n_train], &signal);
    ClassData {
        preset,
        seed,
        feature_names: dataset.feature_names,
        x_train: dataset.x.select_rows(&train),
        y_train: y[..n_train].to_vec(),
        x_val: dataset.x.select_rows(&val),
        y_val: y[n_train..].to_vec(),
        truth,
        rho: spec.rho,
    }
}

/// When every label is one class, gives the row whose `signal` (log-odds) makes that class least
/// likely the other label.
fn both_classes(y: &mut [f64], signal: &[f64]) {
    let Some(&first) = y.first() else { return };
    if y.iter().any(|&v| v != first) {
        return;
    }
    // Class 1 everywhere: the row with the lowest signal becomes class 0; and the other way.
    let sign = if first == 1.0 { 1.0 } else { -1.0 };
    let row = (0..y.len()).min_by(|&a, &b| (sign * signal[a]).total_cmp(&(sign * signal[b])));
    y[row.unwrap_or(0)] = 1.0 - first;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_class_gets_the_other_label_on_its_least_likely_row() {
        let signal = [2.0, -1.0, 0.5];
        let mut ones = [1.0, 1.0, 1.0];
        both_classes(&mut ones, &signal);
        assert_eq!(ones, [1.0, 0.0, 1.0]);
        let mut zeros = [0.0, 0.0, 0.0];
        both_classes(&mut zeros, &signal);
        assert_eq!(zeros, [1.0, 0.0, 0.0]);
        let mut mixed = [0.0, 1.0, 0.0];
        both_classes(&mut mixed, &signal);
        assert_eq!(mixed, [0.0, 1.0, 0.0], "both classes already: unchanged");
    }

    #[test]
    fn presets_are_seeded_and_have_both_classes_in_training() {
        for preset in ClassPreset::ALL {
            let a = class_data(preset, 3);
            assert_eq!(a.y_train, class_data(preset, 3).y_train);
            assert_ne!(a.y_val, class_data(preset, 4).y_val);
            assert!(a.y_train.contains(&0.0) && a.y_train.contains(&1.0));
            assert_eq!(a.x_train.ncols(), a.truth.len());
            assert_eq!(a.x_train.nrows(), a.y_train.len());
        }
        let sparse = class_data(ClassPreset::Sparse, 1);
        assert_eq!((sparse.x_train.nrows(), sparse.x_train.ncols()), (80, 50));
        assert_eq!(sparse.truth.iter().filter(|&&b| b != 0.0).count(), 5);
    }
}
