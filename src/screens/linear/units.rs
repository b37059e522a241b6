//! The explorer trains on the target divided by its standard deviation and shows everything in the
//! data's units. Without it a target in the 1e12 range made the default lambda grid (which grows with
//! `|y|`) shrink ridge and the elastic net to nothing, and one near 1e200 overflowed every loss.
//!
//! On the scaled target `y / s`, the lasso grid runs from `max |x_j^T y| / (n s)` and every model's
//! weights, losses and lambdas are those of the data in other units: weights times `s`, squared errors
//! and penalties times `s^2`, lambdas times `s` (glmnet's convention, and `regscope path`'s for the
//! elastic net), so what the screen shows does not depend on the units the target was recorded in.

use super::view::{CvView, Losses};
use crate::fit::train::EpochStats;
use crate::fit::CvResult;

/// The widest target spread whose squared errors a double can show (and the narrowest, mirrored).
const LARGEST_SPREAD: f64 = 1e150;

/// The target's standard deviation `s` on the training rows, and the conversions back to its units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetUnits {
    pub scale: f64,
}

impl TargetUnits {
    /// The units of a centred training target; refused when its squared errors would not fit in a
    /// double (a spread above 1e150 squares past 1e300, one below 1e-150 to nearly nothing).
    pub fn of(y: &[f64]) -> Result<Self, String> {
        // Centring values of both signs near 1.7e308 overflows; such a target has no scale to show.
        if !y.iter().all(|v| v.is_finite()) {
            return Err(
                "the target's values are too large to centre (they span more than a double holds); \
                        rescale the target column"
                    .into(),
            );
        }
        let scale = crate::fit::target_scale(y);
        if !(1.0 / LARGEST_SPREAD..=LARGEST_SPREAD).contains(&scale) {
            return Err(format!(
                "the target's standard deviation is {}: its squared errors cannot be shown (the explorer \
                 takes 1e-150 to 1e150); rescale the target column",
                crate::data::short_number(scale)
            ));
        }
        Ok(Self { scale })
    }

    /// A value of the target (or a weight, or a lambda) in the data's units.
    pub fn value(self, v: f64) -> f64 {
        v * self.scale
    }

    /// A squared error (or a penalty) in the data's units.
    pub fn squared(self, v: f64) -> f64 {
        v * self.scale * self.scale
    }

    pub fn values(self, v: &[f64]) -> Vec<f64> {
        v.iter().map(|&x| self.value(x)).collect()
    }

    /// An epoch's losses in the data's units.
    pub fn losses(self, s: EpochStats) -> Losses {
        Losses {
            epoch: s.epoch,
            train_loss: self.squared(s.train_loss),
            val_loss: self.squared(s.val_loss),
            penalty: self.squared(s.penalty),
        }
    }

    /// Cross-validation errors in the data's units (the chosen lambdas do not move).
    pub fn cv(self, cv: CvResult) -> CvView {
        let squared = |v: &[f64]| v.iter().map(|&x| self.squared(x)).collect();
        CvView {
            mean: squared(&cv.mean),
            se: squared(&cv.se),
            folds: cv.fold_mse.len(),
            i_min: cv.i_min,
            i_1se: cv.i_1se,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_the_population_standard_deviation() {
        let units = TargetUnits::of(&[-2.0, 2.0]).unwrap();
        assert_eq!(units.scale, 2.0);
        assert_eq!(units.squared(1.5), 6.0);
    }

    #[test]
    fn targets_whose_squares_do_not_fit_are_refused() {
        for y in [[-1e200, 1e200], [-1e-200, 1e-200]] {
            let error = TargetUnits::of(&y).unwrap_err();
            assert!(error.contains("rescale the target"), "{error}");
        }
        assert!(TargetUnits::of(&[-1e12, 1e12]).is_ok());
        // What centring [1.7e308, -1.7e308, 1.7e308] leaves: refused, not taken for "no scale".
        let error = TargetUnits::of(&[f64::INFINITY, -1e308]).unwrap_err();
        assert!(error.contains("too large to centre"), "{error}");
    }
}
