//! What can go wrong in a fit, as values: arguments the mathematics cannot take (bad input, which the
//! command line reports with exit status 2) and decompositions that fail (a failure, status 1).

/// An error of a fit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// Lambda number `index` (from 1) is zero, negative or not finite.
    #[error("lambda number {index} is {value}; every lambda must be positive and finite")]
    BadLambda { index: usize, value: f64 },
    /// The L1 share of the penalty lies outside [0, 1].
    #[error("l1 ratio {0} must lie in [0, 1]")]
    BadL1Ratio(f64),
    /// Fewer than 2 folds.
    #[error("cross-validation needs at least 2 folds, got {0}")]
    TooFewFolds(usize),
    /// A fold holds out no row, or leaves fewer than 3 to train on; `advice` says which K work.
    #[error(
        "{k} folds of {rows} rows leave a fold with {held} held-out rows and {train} training rows (at least 3 \
         are needed); {advice}"
    )]
    SmallFold {
        k: usize,
        rows: usize,
        held: usize,
        train: usize,
        advice: String,
    },
    /// A cross-validation fold leaves a single class to train a classifier on.
    #[error(
        "fold {fold} of {k} leaves only class {class} to train on ({rows} rows); a classifier needs both: use fewer folds"
    )]
    OneClassFold {
        fold: usize,
        k: usize,
        class: f64,
        rows: usize,
    },
    /// A decomposition (`what`: "SVD", "eigendecomposition") did not converge.
    #[error("{what} did not converge: {detail}")]
    NotConverged { what: &'static str, detail: String },
    /// An observer stopped the computation (`what`: "the path", "cross-validation") where a result was
    /// required.
    #[error("{what} was stopped")]
    Stopped { what: &'static str },
}

impl FitError {
    /// Whether the error lies in what was asked (the data, the lambdas, the folds) rather than in the
    /// computation: the command line exits 2 for these and 1 for the rest.
    pub fn is_bad_input(&self) -> bool {
        match self {
            FitError::BadLambda { .. }
            | FitError::BadL1Ratio(_)
            | FitError::TooFewFolds(_)
            | FitError::SmallFold { .. }
            | FitError::OneClassFold { .. } => true,
            FitError::NotConverged { .. } | FitError::Stopped { .. } => false,
        }
    }
}

/// For callers whose own errors are still messages (`?` from a function returning `Result<_, String>`).
impl From<FitError> for String {
    fn from(error: FitError) -> Self {
        error.to_string()
    }
}
