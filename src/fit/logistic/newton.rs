//! One lambda of the logistic path by proximal Newton: IRLS's weighted least-squares model of the
//! log-loss around the current point, minimized with the penalty by coordinate descent over the
//! strong set, then a backtracking line search on the true objective; the KKT conditions over every
//! feature decide when it is solved and which features the strong rule wrongly left out.

use super::{sigmoid, softplus, LogisticOptions};
use crate::linalg::{axpy, dot, Matrix};

/// IRLS weights are kept at least this large: where a probability is 0 or 1 to rounding, its weight
/// `p (1 - p)` would vanish and the working response `z = eta + (y - p) / w` blow up (glmnet's floor).
const MIN_WEIGHT: f64 = 1e-5;
/// Coordinate-descent sweeps per Newton step at most.
const MAX_SWEEPS: usize = 1000;
/// Halvings of the Newton step before the line search gives up.
const MAX_HALVINGS: usize = 50;

/// The current fit: intercept, coefficients and the linear predictor `eta = b + X w`.
pub(super) struct State<'a> {
    x: &'a Matrix,
    pub(super) b: f64,
    pub(super) w: Vec<f64>,
    eta: Vec<f64>,
}

/// How a lambda ended.
pub(super) struct Solved {
    /// The relative KKT residual reached.
    pub(super) kkt: f64,
    pub(super) steps: usize,
}

impl<'a> State<'a> {
    /// The null model: no coefficient, the intercept at the log-odds of the labels' mean.
    pub(super) fn null(x: &'a Matrix, y: &[f64]) -> Self {
        let mean = y.iter().sum::<f64>() / y.len().max(1) as f64;
        let b = if mean > 0.0 && mean < 1.0 {
            (mean / (1.0 - mean)).ln()
        } else {
            0.0
        };
        Self {
            x,
            b,
            w: vec![0.0; x.ncols()],
            eta: vec![b; x.nrows()],
        }
    }

    /// `2 sum_i [log(1 + e^eta_i) - y_i eta_i]`: twice the negative log-likelihood.
    pub(super) fn deviance(&self, y: &[f64]) -> f64 {
        2.0 * self.eta.iter().zip(y).map(|(&e, &t)| softplus(e) - t * e).sum::<f64>()
    }

    fn n(&self) -> f64 {
        self.eta.len() as f64
    }

    /// `F(b, w)` at linear predictor `eta` and coefficients `w`.
    fn objective(&self, eta: &[f64], w: &[f64], y: &[f64], lambda: f64, a: f64) -> f64 {
        let loss = eta.iter().zip(y).map(|(&e, &t)| softplus(e) - t * e).sum::<f64>() / self.n();
        let l1: f64 = w.iter().map(|v| v.abs()).sum();
        let l2: f64 = w.iter().map(|v| v * v).sum();
        loss + lambda * (a * l1 + (1.0 - a) / 2.0 * l2)
    }

    /// `p - y`, the gradient of the loss with respect to `eta`, times `n`.
    fn errors(&self, y: &[f64]) -> Vec<f64> {
        self.eta.iter().zip(y).map(|(&e, &t)| sigmoid(e) - t).collect()
    }

    /// The absolute KKT residual over `features` and the intercept (see the module of the path).
    fn kkt(&self, errors: &[f64], features: &[usize], lambda: f64, a: f64) -> f64 {
        let n = self.n();
        let mut worst = (errors.iter().sum::<f64>() / n).abs();
        for &j in features {
            let g = dot(self.x.col(j), errors) / n + lambda * (1.0 - a) * self.w[j];
            let residual = if self.w[j] != 0.0 {
                (g + lambda * a * self.w[j].signum()).abs()
            } else {
                (g.abs() - lambda * a).max(0.0)
            };
            worst = worst.max(residual);
        }
        worst
    }
}

/// Solves lambda (warm-started from the state, the previous lambda `previous`) to a relative KKT
/// residual of `options.tol` (relative to `scale`).
pub(super) fn solve(
    state: &mut State,
    y: &[f64],
    lambda: f64,
    previous: f64,
    a: f64,
    scale: f64,
    options: &LogisticOptions,
) -> Solved {
    let p = state.w.len();
    let all: Vec<usize> = (0..p).collect();
    let errors = state.errors(y);
    let n = state.n();
    // Sequential strong rule (glmnet's, for any L1 share): features whose gradient is far below the
    // new threshold stay out until the KKT check below calls them; ridge (no L1) visits every one.
    let cutoff = a * (2.0 * lambda - previous);
    let mut strong: Vec<bool> = (0..p)
        .map(|j| a == 0.0 || state.w[j] != 0.0 || (dot(state.x.col(j), &errors) / n).abs() >= cutoff)
        .collect();
    let mut steps = 0;
    loop {
        let working: Vec<usize> = (0..p).filter(|&j| strong[j]).collect();
        while steps < options.max_newton {
            let kkt = state.kkt(&state.errors(y), &working, lambda, a);
            if kkt <= options.tol * scale || !newton_step(state, y, &working, lambda, a, kkt) {
                break;
            }
            steps += 1;
        }
        // The KKT check over the features left out: any that violates its condition joins.
        let errors = state.errors(y);
        let mut joined = false;
        for (j, member) in strong.iter_mut().enumerate() {
            if !*member && (dot(state.x.col(j), &errors) / n).abs() > lambda * a + options.tol * scale {
                *member = true;
                joined = true;
            }
        }
        if !joined || steps >= options.max_newton {
            break;
        }
    }
    let kkt = state.kkt(&state.errors(y), &all, lambda, a) / scale;
    Solved { kkt, steps }
}

/// One proximal Newton step over `working`: the penalized weighted least-squares model solved by
/// coordinate descent until its changes are small against the current KKT residual `kkt`, then
/// the step to it halved until the objective does not increase. False when no step helps.
fn newton_step(state: &mut State, y: &[f64], working: &[usize], lambda: f64, a: f64, kkt: f64) -> bool {
    let n = state.n();
    let x = state.x;
    let probabilities: Vec<f64> = state.eta.iter().map(|&e| sigmoid(e)).collect();
    let weights: Vec<f64> = probabilities.iter().map(|&q| (q * (1.0 - q)).max(MIN_WEIGHT)).collect();
    // The weighted working residual v (z - eta) of the model, kept as the model moves: at the
    // current point it is y - p.
    let mut weighted: Vec<f64> = probabilities.iter().zip(y).map(|(&q, &t)| t - q).collect();
    let curvature: Vec<f64> = working
        .iter()
        .map(|&j| x.col(j).iter().zip(&weights).map(|(xi, v)| v * xi * xi).sum::<f64>() / n)
        .collect();
    let weight_sum = weights.iter().sum::<f64>() / n;
    let (mut b, mut w) = (state.b, state.w.clone());
    let tolerance = (1e-2 * kkt).powi(2).max(1e-300);
    let model = Model {
        x,
        weights: &weights,
        errors: probabilities.iter().zip(y).map(|(&q, &t)| t - q).collect(),
        eta: &state.eta,
        working,
        l1: lambda * a,
        l2: lambda * (1.0 - a),
    };
    let mut support = support_of(&w);
    // The support whose exact solution was tried and failed (signs or conditions): not again.
    let mut failed: Option<Vec<(usize, bool)>> = None;
    for sweep in 0..MAX_SWEEPS {
        let mut largest = 0.0f64;
        for (k, &j) in working.iter().enumerate() {
            let u = dot(x.col(j), &weighted) / n + curvature[k] * w[j];
            let shrunk = crate::fit::coordinate_descent::soft_threshold(u, lambda * a);
            // A column of zeros (constant in a training fold) has no curvature: its weight stays 0.
            let denominator = curvature[k] + lambda * (1.0 - a);
            let new = if denominator > 0.0 { shrunk / denominator } else { 0.0 };
            let delta = new - w[j];
            if delta != 0.0 {
                for ((r, v), xi) in weighted.iter_mut().zip(&weights).zip(x.col(j)) {
                    *r -= delta * v * xi;
                }
                w[j] = new;
                largest = largest.max(curvature[k] * delta * delta);
            }
        }
        let shift = weighted.iter().sum::<f64>() / n / weight_sum;
        weighted.iter_mut().zip(&weights).for_each(|(r, v)| *r -= shift * v);
        b += shift;
        largest = largest.max(weight_sum * shift * shift);
        if largest <= tolerance {
            break;
        }
        // Once the support has held for a while, the model's exact minimizer on it (a linear system)
        // ends the sweeps: on nearly separable classes the weights p (1 - p) span orders of
        // magnitude and coordinate descent alone crawls (37 s for a 2000 x 200 path).
        if sweep % EXACT_EVERY == EXACT_EVERY - 1 {
            let now = support_of(&w);
            if now == support && failed.as_ref() != Some(&now) {
                if let Some((exact_b, exact_w)) = model.exact_on_support(&w) {
                    (b, w) = (exact_b, exact_w);
                    break;
                }
                failed = Some(now.clone());
            }
            support = now;
        }
    }
    line_search(state, y, b, w, working, lambda, a)
}

/// Sweeps between tries of the exact solution on the support.
const EXACT_EVERY: usize = 5;
/// Largest support the exact solution is tried on (its system costs `n k^2 / 2`).
const EXACT_MAX_SUPPORT: usize = 1000;

/// The nonzero coefficients' positions and signs.
fn support_of(w: &[f64]) -> Vec<(usize, bool)> {
    w.iter()
        .enumerate()
        .filter(|(_, v)| **v != 0.0)
        .map(|(j, v)| (j, *v > 0.0))
        .collect()
}

/// The penalized weighted least-squares model of one Newton step:
/// `(1/2n) sum v_i (z_i - b - x_i . w)^2 + l1 |w|_1 + l2/2 |w|^2`, `z = eta + (y - p) / v`.
struct Model<'a> {
    x: &'a Matrix,
    weights: &'a [f64],
    /// `y - p` at the step's point.
    errors: Vec<f64>,
    eta: &'a [f64],
    working: &'a [usize],
    l1: f64,
    l2: f64,
}

impl Model<'_> {
    /// The model's minimizer with the support and signs of `w`, if its system is positive definite,
    /// the solution keeps those signs and no other working feature violates its condition (then it is
    /// the model's exact minimizer): `(b, w)`.
    fn exact_on_support(&self, w: &[f64]) -> Option<(f64, Vec<f64>)> {
        let support: Vec<usize> = (0..w.len()).filter(|&j| w[j] != 0.0).collect();
        if support.len() > EXACT_MAX_SUPPORT {
            return None;
        }
        let n = self.eta.len() as f64;
        // v z = v eta + (y - p).
        let vz: Vec<f64> = self
            .eta
            .iter()
            .zip(self.weights)
            .zip(&self.errors)
            .map(|((e, v), r)| v * e + r)
            .collect();
        // The intercept's column of ones and the support's columns, each times sqrt(v): their Gram
        // matrix over n is the system's, in one blocked product.
        let roots: Vec<f64> = self.weights.iter().map(|v| v.sqrt()).collect();
        let mut scaled = vec![roots.clone()];
        scaled.extend(
            support
                .iter()
                .map(|&j| self.x.col(j).iter().zip(&roots).map(|(x, r)| x * r).collect()),
        );
        let k = support.len() + 1;
        let mut matrix = crate::linalg::gram_full(&Matrix::from_columns(self.eta.len(), &scaled), 1.0 / n);
        let mut rhs = vec![vz.iter().sum::<f64>() / n];
        for (r, &j) in support.iter().enumerate() {
            rhs.push(dot(self.x.col(j), &vz) / n - self.l1 * w[j].signum());
            matrix[(r + 1) * k + r + 1] += self.l2;
        }
        let solution = crate::linalg::cholesky_solve(&mut matrix, k, rhs)?;
        let mut exact = vec![0.0; w.len()];
        for (r, &j) in support.iter().enumerate() {
            if solution[r + 1].signum() != w[j].signum() || !solution[r + 1].is_finite() {
                return None;
            }
            exact[j] = solution[r + 1];
        }
        self.meets_conditions(solution[0], &exact, &support)
            .then_some((solution[0], exact))
    }

    /// Whether the working features outside `support` meet the model's condition at `(b, w)`:
    /// `|x_j . v (z - b - X w)| / n <= l1`.
    fn meets_conditions(&self, b: f64, w: &[f64], support: &[usize]) -> bool {
        let mut fitted = vec![b; self.eta.len()];
        for &j in support {
            axpy(w[j], self.x.col(j), &mut fitted);
        }
        // v (z - fitted) = (y - p) + v (eta - fitted).
        let residual: Vec<f64> = (0..self.eta.len())
            .map(|i| self.errors[i] + self.weights[i] * (self.eta[i] - fitted[i]))
            .collect();
        let n = self.eta.len() as f64;
        self.working
            .iter()
            .filter(|j| support.binary_search(j).is_err())
            .all(|&j| (dot(self.x.col(j), &residual) / n).abs() <= self.l1 * (1.0 + 1e-9))
    }
}

/// Moves from the state toward `(b, w)` by the largest step of 1, 1/2, 1/4, ... that does not
/// increase the objective; false (the state unchanged) when none does.
fn line_search(state: &mut State, y: &[f64], b: f64, w: Vec<f64>, working: &[usize], lambda: f64, a: f64) -> bool {
    let x = state.x;
    let db = b - state.b;
    let mut direction = vec![db; state.eta.len()];
    for &j in working {
        let dw = w[j] - state.w[j];
        if dw != 0.0 {
            axpy(dw, x.col(j), &mut direction);
        }
    }
    let before = state.objective(&state.eta, &state.w, y, lambda, a);
    let mut t = 1.0;
    for _ in 0..MAX_HALVINGS {
        let eta: Vec<f64> = state.eta.iter().zip(&direction).map(|(e, d)| e + t * d).collect();
        let coefs: Vec<f64> = state.w.iter().zip(&w).map(|(old, new)| old + t * (new - old)).collect();
        // Where the full step lands, a coefficient soft-thresholded to 0 is exactly 0.
        let coefs = if t == 1.0 { w.clone() } else { coefs };
        let after = state.objective(&eta, &coefs, y, lambda, a);
        // Near the optimum the objective's change is below its rounding (a strong ridge penalty
        // leaves weights of 1e-4 and an objective of 0.69): a step within that noise is taken, as
        // the KKT residual, not the objective, decides when the lambda is solved.
        if after <= before + 8.0 * f64::EPSILON * before.abs() {
            let moved = after < before || eta != state.eta;
            state.b += t * db;
            state.w = coefs;
            state.eta = eta;
            return moved;
        }
        t *= 0.5;
    }
    false
}
