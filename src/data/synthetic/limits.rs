//! What the generator refuses before it allocates (sizes beyond [`MAX_CELLS`], noise that would
//! overflow) and after it generates (any value that is not finite), with messages that name each
//! setting the way its reader wrote it: a scenario file's key or a command-line flag.

use super::{Noise, Pattern, SyntheticSpec};
use crate::data::{DataError, Dataset};

/// The most cells (`n x p`) the generator makes: 2^28, 2 GiB per copy of the matrix (the generator
/// holds two, and the CSV is some 5 GiB). More is refused before anything is allocated, instead of an
/// allocation failure or a capacity-overflow panic.
pub const MAX_CELLS: usize = 1 << 28;
/// The largest noise standard deviation: with at most 1e100, every `y` and every sum of squares of a
/// dataset within [`MAX_CELLS`] stays finite, so a fit of the written data cannot overflow.
pub const MAX_SIGMA: f64 = 1e100;
/// The smallest signal-to-noise ratio, for the same reason (`sigma = sqrt(signal variance / snr)`).
pub const MIN_SNR: f64 = 1e-100;

/// A setting of a [`SyntheticSpec`], so that a message can name it the way its reader wrote it: by its
/// key in a scenario file, or by its command-line flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    N,
    P,
    K,
    Rho,
    Snr,
    Sigma,
    GroupSize,
    ValidationFraction,
}

impl Setting {
    /// The key in a scenario file.
    pub fn key(self) -> &'static str {
        match self {
            Setting::N => "n",
            Setting::P => "p",
            Setting::K => "k",
            Setting::Rho => "rho",
            Setting::Snr => "snr",
            Setting::Sigma => "sigma",
            Setting::GroupSize => "group_size",
            Setting::ValidationFraction => "validation_fraction",
        }
    }

    /// The flag of `regscope generate`.
    pub fn flag(self) -> &'static str {
        match self {
            Setting::N => "--n",
            Setting::P => "--p",
            Setting::K => "--k",
            Setting::Rho => "--rho",
            Setting::Snr => "--snr",
            Setting::Sigma => "--sigma",
            Setting::GroupSize => "--group-size",
            Setting::ValidationFraction => "--val-frac",
        }
    }

    /// The setting that sets the noise of `noise`.
    pub fn of_noise(noise: Noise) -> Setting {
        match noise {
            Noise::Snr(_) => Setting::Snr,
            Noise::Sigma(_) => Setting::Sigma,
        }
    }
}

impl SyntheticSpec {
    /// Checks the spec and says, in one line, what is wrong, naming settings by their scenario-file keys.
    pub fn validate(&self) -> Result<(), DataError> {
        self.check(&Setting::key)
    }

    /// Checks the spec, naming settings with `name` (their keys, or their flags). Sizes are checked
    /// before anything is allocated; the noise bounds keep the generated data finite.
    pub fn check(&self, name: &dyn Fn(Setting) -> &'static str) -> Result<(), DataError> {
        self.check_values(name).map_err(DataError::BadSetting)
    }

    /// [`SyntheticSpec::check`]'s checks, each a message naming its setting.
    fn check_values(&self, name: &dyn Fn(Setting) -> &'static str) -> Result<(), String> {
        use crate::data::short_number as num;
        use Setting::*;
        self.check_size(name)?;
        if !(self.rho > -1.0 && self.rho < 1.0) {
            return Err(format!(
                "{} {} must lie strictly between -1 and 1",
                name(Rho),
                num(self.rho)
            ));
        }
        if let Pattern::CorrelatedGroups { group_size } = self.pattern {
            if group_size == 0 || group_size > self.p {
                return Err(format!(
                    "{} {group_size} must be from 1 to {} {}",
                    name(GroupSize),
                    name(P),
                    self.p
                ));
            }
            if self.rho < 0.0 {
                return Err(format!(
                    "correlated groups need {} >= 0, not {}",
                    name(Rho),
                    num(self.rho)
                ));
            }
        }
        match self.noise {
            Noise::Snr(s) if !(s >= MIN_SNR && s.is_finite()) => {
                return Err(format!(
                    "{} {} must be finite and at least {} (a smaller one makes the noise overflow)",
                    name(Snr),
                    num(s),
                    num(MIN_SNR)
                ))
            }
            Noise::Sigma(s) if !(0.0..=MAX_SIGMA).contains(&s) => {
                return Err(format!(
                    "{} {} must lie in [0, {}] (a larger one makes y overflow)",
                    name(Sigma),
                    num(s),
                    num(MAX_SIGMA)
                ))
            }
            _ => {}
        }
        if !(0.0..1.0).contains(&self.validation_fraction) {
            return Err(format!(
                "{} {} must be in [0, 1)",
                name(ValidationFraction),
                num(self.validation_fraction)
            ));
        }
        let (n_train, _) = self.split_sizes();
        if n_train < 3 {
            return Err(format!(
                "{} {} leaves {n_train} training rows; at least 3 are needed",
                name(N),
                self.n
            ));
        }
        Ok(())
    }

    /// `p >= 1`, `k <= p` and `n x p <= MAX_CELLS` (computed without overflow).
    fn check_size(&self, name: &dyn Fn(Setting) -> &'static str) -> Result<(), String> {
        use Setting::*;
        if self.p == 0 {
            return Err(format!("{} must be at least 1", name(P)));
        }
        if self.k > self.p {
            return Err(format!("{} {} exceeds {} {}", name(K), self.k, name(P), self.p));
        }
        if self.n.checked_mul(self.p).is_none_or(|cells| cells > MAX_CELLS) {
            return Err(format!(
                "{} {} x {} {} is more than {MAX_CELLS} cells (2^28, 2 GiB a copy): too large to generate",
                name(N),
                self.n,
                name(P),
                self.p
            ));
        }
        Ok(())
    }
}

/// Checks that generated data is finite, naming the noise setting when `y` is not. The bounds of
/// [`SyntheticSpec::check`] are meant to make this unreachable; it is the last guard against writing
/// an infinite value with exit status 0.
pub fn check_finite(
    d: &Dataset,
    sigma: f64,
    noise: Noise,
    name: &dyn Fn(Setting) -> &'static str,
) -> Result<(), DataError> {
    let bad_x = (0..d.p()).any(|j| d.x.col(j).iter().any(|v| !v.is_finite()));
    let bad_beta = d.truth.as_ref().is_some_and(|b| b.iter().any(|v| !v.is_finite()));
    if bad_x || bad_beta {
        return Err(DataError::BadSetting(format!(
            "the generated features are not finite; lower {}, {} or {}",
            name(Setting::N),
            name(Setting::P),
            name(Setting::K)
        )));
    }
    if !sigma.is_finite() || d.y.iter().any(|v| !v.is_finite()) {
        return Err(DataError::BadSetting(format!(
            "the generated y is not finite (noise sd {}); change {}",
            crate::data::short_number(sigma),
            name(Setting::of_noise(noise))
        )));
    }
    Ok(())
}
