//! The data every fit and view starts from.

use crate::linalg::Matrix;

/// Features, target and their names; `truth` holds the true coefficients when the data is synthetic.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// `n x p` feature matrix in the data's own units.
    pub x: Matrix,
    /// The target, length `n`.
    pub y: Vec<f64>,
    /// One name per column of `x`.
    pub feature_names: Vec<String>,
    pub target_name: String,
    /// The generating coefficients (synthetic data only), in the data's own units.
    pub truth: Option<Vec<f64>>,
    /// Constant columns removed on loading (a zero-variance column carries no information and cannot be
    /// standardized), by name.
    pub dropped: Vec<String>,
}

impl Dataset {
    pub fn n(&self) -> usize {
        self.x.nrows()
    }

    pub fn p(&self) -> usize {
        self.x.ncols()
    }

    /// The rows `rows`, as a dataset of its own (a fold or a split).
    pub fn select_rows(&self, rows: &[usize]) -> Dataset {
        Dataset {
            x: self.x.select_rows(rows),
            y: rows.iter().map(|&i| self.y[i]).collect(),
            feature_names: self.feature_names.clone(),
            target_name: self.target_name.clone(),
            truth: self.truth.clone(),
            dropped: self.dropped.clone(),
        }
    }
}
