//! Two standardized features in closed form: the lasso, ridge and the elastic net solved exactly, the
//! lambda at which a coefficient first reaches exactly zero, the constraint region that matches a
//! solution, and the one-dimensional estimators of orthonormal features (ESL table 3.4). This is the
//! mathematics of the geometry screen; the core's solvers agree with it (tests/geometry.rs).
//!
//! The objective is `regscope path`'s (glmnet's): `(1/2n) ||y - X w||^2 + lambda P(w)` with the
//! penalty `P(w) = a ||w||_1 + b/2 ||w||^2` ([`Mix`]): `a` the l1-ratio, `b = 1 - a` for the lasso and
//! ridge, and `b = (1 - a) / s` for the elastic net, `s` the target's standard deviation (glmnet's
//! scaling, which keeps the path equivariant; see [`crate::fit::fit_path_glmnet`]). With two
//! standardized columns of correlation `r`, `X^T X / n = G = [[1, r], [r, 1]]` and only `c = X^T y / n`
//! is needed of the data: the objective is `1/2 w^T G w - c^T w + lambda P(w) + const`.

use crate::linalg::Matrix;

/// A two-feature least-squares problem on standardized data: all the solutions need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoFeatures {
    /// The correlation of the two columns (`x_0^T x_1 / n`), inside (-1, 1).
    pub r: f64,
    /// `X^T y / n`.
    pub c: [f64; 2],
    /// `y^T y / n`: the data loss of `w = 0` is half of it.
    pub yy: f64,
}

impl TwoFeatures {
    /// From standardized columns (mean 0, population variance 1) and a centred target.
    pub fn from_data(x: &Matrix, y: &[f64]) -> Self {
        assert_eq!(x.ncols(), 2, "the geometry needs exactly two features");
        let n = y.len() as f64;
        let dot = crate::linalg::dot;
        Self {
            r: dot(x.col(0), x.col(1)) / n,
            c: [dot(x.col(0), y) / n, dot(x.col(1), y) / n],
            yy: dot(y, y) / n,
        }
    }

    /// The data loss `(1/2n) ||y - X w||^2`.
    pub fn loss(&self, w: [f64; 2]) -> f64 {
        let quadratic = w[0] * w[0] + 2.0 * self.r * w[0] * w[1] + w[1] * w[1];
        0.5 * self.yy - (self.c[0] * w[0] + self.c[1] * w[1]) + 0.5 * quadratic
    }

    /// The penalty's two weights at an l1-ratio.
    pub fn mix(&self, l1_ratio: f64) -> Mix {
        let ridge = 1.0 - l1_ratio;
        let scale = self.yy.sqrt();
        let elastic = l1_ratio > 0.0 && l1_ratio < 1.0 && scale > 0.0 && scale.is_finite();
        Mix {
            l1: l1_ratio,
            l2: if elastic { ridge / scale } else { ridge },
        }
    }

    /// The whole objective at `w`.
    pub fn objective(&self, w: [f64; 2], lambda: f64, l1_ratio: f64) -> f64 {
        self.loss(w) + lambda * self.mix(l1_ratio).penalty(w)
    }

    /// The least-squares solution (lambda = 0).
    pub fn ols(&self) -> [f64; 2] {
        self.solve_on(&[0, 1], [0.0, 0.0], 0.0, 0.0).unwrap_or([0.0, 0.0])
    }

    /// The smallest lambda at which the lasso or the elastic net is all zeros: `max_j |c_j| / a`.
    /// Ridge has none (its solution is 0 only in the limit).
    pub fn lambda_max(&self, l1_ratio: f64) -> Option<f64> {
        (l1_ratio > 0.0).then(|| self.c[0].abs().max(self.c[1].abs()) / l1_ratio)
    }

    /// The exact minimizer at `lambda`. The optimum has some support and signs, and on them it solves
    /// `(G_A + lambda (1 - a) I) w_A = c_A - lambda a s_A`; so it is the candidate of lowest objective
    /// among the nine supports and signs (the empty support, one feature with either sign, both with
    /// any signs). Smaller supports come first and win ties, so a coefficient at its zero is exactly 0.
    pub fn solve(&self, lambda: f64, l1_ratio: f64) -> [f64; 2] {
        let mix = self.mix(l1_ratio);
        let (l1, l2) = (lambda * mix.l1, lambda * mix.l2);
        let mut best = ([0.0, 0.0], self.objective([0.0, 0.0], lambda, l1_ratio));
        let singles = [(0, 1.0), (0, -1.0), (1, 1.0), (1, -1.0)].map(|(j, s)| {
            let mut signs = [0.0, 0.0];
            signs[j] = s;
            (vec![j], signs)
        });
        let pairs = [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)].map(|(a, b)| (vec![0, 1], [a, b]));
        for (support, signs) in singles.into_iter().chain(pairs) {
            if let Some(w) = self.solve_on(&support, signs, l1, l2) {
                let value = self.objective(w, lambda, l1_ratio);
                if value < best.1 {
                    best = (w, value);
                }
            }
        }
        best.0
    }

    /// The solution of the optimality conditions on `support` with `signs`, or `None` when the
    /// system is singular (perfectly correlated features without an L2 part).
    fn solve_on(&self, support: &[usize], signs: [f64; 2], l1: f64, l2: f64) -> Option<[f64; 2]> {
        let b = [self.c[0] - l1 * signs[0], self.c[1] - l1 * signs[1]];
        let d = 1.0 + l2;
        let mut w = [0.0, 0.0];
        if let [j] = support {
            w[*j] = b[*j] / d;
        } else {
            let det = d * d - self.r * self.r;
            if det <= 0.0 {
                return None;
            }
            w = [(d * b[0] - self.r * b[1]) / det, (d * b[1] - self.r * b[0]) / det];
        }
        Some(w)
    }

    /// Where the path first sets a coefficient to exactly 0 as lambda grows from 0: `(feature,
    /// lambda)`, or `None` for ridge (no finite lambda does) and when the least-squares solution
    /// already has a zero. On the path's first piece both coefficients keep the least-squares signs
    /// `s`, and coefficient `j` is 0 where `(1 + lambda b)(c_j - lambda a s_j) = r (c_k - lambda a
    /// s_k)`: a quadratic in lambda (linear for the lasso) whose smallest positive root
    /// is the answer. The lasso's coefficient then stays 0 up to `lambda_max` (its condition
    /// `|c_j - r w_k| <= lambda` has a left side growing with slope `|r| < 1`, a right side with slope
    /// 1); the elastic net's can leave 0 again, as its L2 part shrinks the other coefficient (tested).
    pub fn zero_lambda(&self, l1_ratio: f64) -> Option<(usize, f64)> {
        if l1_ratio <= 0.0 {
            return None;
        }
        let ols = self.ols();
        if ols[0] == 0.0 || ols[1] == 0.0 {
            return None;
        }
        let Mix { l1: a, l2: b } = self.mix(l1_ratio);
        let s = [ols[0].signum(), ols[1].signum()];
        let first = |j: usize| {
            let k = 1 - j;
            // q2 lambda^2 + q1 lambda + q0 = 0.
            let q2 = -a * b * s[j];
            let q1 = b * self.c[j] - a * s[j] + self.r * a * s[k];
            let q0 = self.c[j] - self.r * self.c[k];
            smallest_positive_root(q2, q1, q0)
        };
        let lambda_max = self.lambda_max(l1_ratio)?;
        [0, 1]
            .into_iter()
            .filter_map(|j| first(j).map(|lambda| (j, lambda)))
            .filter(|&(_, lambda)| lambda < lambda_max)
            .min_by(|x, y| x.1.total_cmp(&y.1))
    }
}

/// The smallest positive root of `q2 x^2 + q1 x + q0` (the linear equation when `q2` is 0), computed
/// without cancellation.
fn smallest_positive_root(q2: f64, q1: f64, q0: f64) -> Option<f64> {
    let roots: Vec<f64> = if q2 == 0.0 {
        if q1 == 0.0 {
            return None;
        }
        vec![-q0 / q1]
    } else {
        let discriminant = q1 * q1 - 4.0 * q2 * q0;
        if discriminant < 0.0 {
            return None;
        }
        let t = -0.5 * (q1 + q1.signum() * discriminant.sqrt());
        let mut roots = Vec::new();
        if t != 0.0 {
            roots.extend([t / q2, q0 / t]);
        } else {
            roots.push(0.0);
        }
        roots
    };
    roots
        .into_iter()
        .filter(|x| *x > 0.0 && x.is_finite())
        .min_by(f64::total_cmp)
}

/// The penalty's weights: `P(w) = l1 ||w||_1 + l2 / 2 ||w||^2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mix {
    pub l1: f64,
    pub l2: f64,
}

impl Mix {
    pub fn penalty(self, w: [f64; 2]) -> f64 {
        let l1 = w[0].abs() + w[1].abs();
        let l2 = w[0] * w[0] + w[1] * w[1];
        self.l1 * l1 + self.l2 / 2.0 * l2
    }

    /// The budget `t` of the constrained form whose solution is `w`: the region is `|w0| + |w1| <= t`
    /// for the lasso, `w0^2 + w1^2 <= t^2` for ridge, and for the elastic net the rounded diamond
    /// `P(w) <= t` (the penalty's own level set through `w`).
    pub fn budget(self, w: [f64; 2]) -> f64 {
        if self.l1 == 0.0 {
            w[0].hypot(w[1])
        } else if self.l2 == 0.0 {
            w[0].abs() + w[1].abs()
        } else {
            self.penalty(w)
        }
    }

    /// How far the region's boundary is from the origin in direction `(cos phi, sin phi)`: the radius
    /// `rho` with `l1 rho |u|_1 + l2/2 rho^2 = t` (`t / |u|_1` for the lasso, `t` for ridge).
    pub fn region_radius(self, phi: f64, budget: f64) -> f64 {
        let u1 = phi.cos().abs() + phi.sin().abs();
        if self.l1 == 0.0 {
            budget
        } else if self.l2 == 0.0 {
            budget / u1
        } else {
            // The positive root of (l2/2) rho^2 + l1 u1 rho - t = 0, without cancellation.
            let a = self.l1 * u1;
            2.0 * budget / (a + (a * a + 2.0 * self.l2 * budget).sqrt())
        }
    }
}

/// Orthonormal features, one coordinate: the lasso's estimate from the least-squares estimate `z` is
/// soft thresholding (ESL table 3.4), in this objective's scale: the solver's own.
pub use super::coordinate_descent::soft_threshold;

/// Ridge's estimate from `z`: proportional shrinkage `z / (1 + lambda)`.
pub fn ridge_shrink(z: f64, lambda: f64) -> f64 {
    z / (1.0 + lambda)
}

/// Best subset's estimate from `z`: hard thresholding, `z` kept when `|z| > lambda` (the subset
/// penalty `lambda^2 / 2` per nonzero coefficient, which thresholds where the lasso does).
pub fn hard_threshold(z: f64, lambda: f64) -> f64 {
    if z.abs() > lambda {
        z
    } else {
        0.0
    }
}

/// The elastic net's estimate from `z`: soft thresholding by `lambda l1`, then shrinkage by
/// `1 + lambda l2`.
pub fn elastic_net_shrink(z: f64, lambda: f64, mix: Mix) -> f64 {
    soft_threshold(z, lambda * mix.l1) / (1.0 + lambda * mix.l2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem whose target has standard deviation 2 (the elastic net's L2 weight is `(1 - a)/2`).
    fn problem(r: f64, c: [f64; 2]) -> TwoFeatures {
        TwoFeatures { r, c, yy: 4.0 }
    }

    /// The subgradient conditions: `c_j - (G w)_j - lambda (1 - a) w_j` is `lambda a sign(w_j)` for a
    /// nonzero coefficient and at most `lambda a` in size for a zero one.
    fn assert_optimal(p: &TwoFeatures, w: [f64; 2], lambda: f64, a: f64) {
        let mix = p.mix(a);
        for j in 0..2 {
            let k = 1 - j;
            let g = p.c[j] - w[j] - p.r * w[k] - lambda * mix.l2 * w[j];
            if w[j] != 0.0 {
                assert!((g - lambda * a * w[j].signum()).abs() < 1e-12, "feature {j}: {g}");
            } else {
                assert!(g.abs() <= lambda * a + 1e-12, "zero feature {j}: {g}");
            }
        }
    }

    #[test]
    fn the_elastic_nets_l2_part_is_scaled_by_the_targets_deviation_as_glmnet_does() {
        let p = problem(0.3, [0.5, 0.2]);
        assert_eq!(p.mix(0.5), Mix { l1: 0.5, l2: 0.25 });
        assert_eq!(p.mix(1.0), Mix { l1: 1.0, l2: 0.0 });
        assert_eq!(p.mix(0.0), Mix { l1: 0.0, l2: 1.0 });
    }

    #[test]
    fn the_closed_form_meets_the_optimality_conditions() {
        for (r, c) in [
            (0.5, [0.8, 0.3]),
            (-0.7, [0.2, -0.9]),
            (0.95, [0.6, 0.59]),
            (0.0, [-0.4, 0.1]),
            (-0.9, [0.5, 0.5]),
            (0.9, [-0.3, 0.8]),
        ] {
            let p = problem(r, c);
            for a in [1.0, 0.5, 0.1, 0.0] {
                for lambda in [0.0, 0.01, 0.1, 0.3, 0.7, 2.0] {
                    assert_optimal(&p, p.solve(lambda, a), lambda, a);
                }
            }
        }
    }

    #[test]
    fn the_solution_has_the_least_loss_in_its_region_where_the_contour_touches_it() {
        // The constrained form: over the region {P(w) <= t}, whose boundary region_radius traces, no
        // point has a lower data loss than the solution, and the boundary comes within a hair of the
        // solution's loss (the touching contour).
        for (r, c) in [(0.5, [0.8, 0.3]), (-0.9, [0.5, 0.5]), (0.9, [-0.3, 0.8])] {
            let p = problem(r, c);
            for a in [1.0, 0.5, 0.0] {
                for lambda in [0.05, 0.2, 0.5] {
                    let (w, mix) = (p.solve(lambda, a), p.mix(a));
                    let (t, best) = (mix.budget(w), p.loss(w));
                    let mut closest = f64::INFINITY;
                    for i in 0..7200 {
                        let phi = 2.0 * std::f64::consts::PI * i as f64 / 7200.0;
                        let rho = mix.region_radius(phi, t);
                        for shrink in [1.0, 0.9, 0.5] {
                            let q = [shrink * rho * phi.cos(), shrink * rho * phi.sin()];
                            let loss = p.loss(q);
                            assert!(loss >= best - 1e-12, "r {r} a {a} λ {lambda}: {q:?} beats {w:?}");
                            closest = closest.min(loss);
                        }
                    }
                    assert!(
                        closest - best < 1e-5,
                        "r {r} a {a} λ {lambda}: nothing on the boundary near"
                    );
                }
            }
        }
    }

    #[test]
    fn least_squares_is_the_solution_at_lambda_zero() {
        let p = problem(0.5, [0.8, 0.3]);
        let ols = p.ols();
        // G ols = c.
        assert!((ols[0] + 0.5 * ols[1] - 0.8).abs() < 1e-15);
        assert!((0.5 * ols[0] + ols[1] - 0.3).abs() < 1e-15);
        assert_eq!(p.solve(0.0, 1.0), ols);
    }

    #[test]
    fn the_lasso_zeroes_a_coefficient_exactly_from_its_zero_lambda_on() {
        let p = problem(0.5, [0.8, 0.3]);
        let (j, lambda0) = p.zero_lambda(1.0).expect("the lasso zeroes one");
        let lambda_max = p.lambda_max(1.0).unwrap();
        assert!(p.solve(lambda0 * 0.99, 1.0)[j] != 0.0);
        for f in [1.0001, 1.1, 1.5, 2.0] {
            let lambda = (lambda0 * f).min(lambda_max);
            let w = p.solve(lambda, 1.0);
            assert_eq!(w[j], 0.0, "at {lambda}");
            assert!(w[1 - j] != 0.0 || lambda >= lambda_max);
        }
        assert_eq!(p.solve(lambda_max, 1.0), [0.0, 0.0]);
    }

    #[test]
    fn the_zero_lambda_is_where_the_path_first_touches_an_axis() {
        // Nonzero just below, zero just above; the lasso's stays zero up to lambda_max.
        for (r, c) in [
            (0.5, [0.8, 0.3]),
            (-0.6, [0.5, 0.45]),
            (0.9, [0.7, 0.2]),
            (0.2, [-0.3, 0.6]),
        ] {
            let p = problem(r, c);
            for a in [1.0, 0.7, 0.3, 0.05] {
                let Some((j, lambda0)) = p.zero_lambda(a) else {
                    panic!("no zero for r {r} c {c:?} a {a}");
                };
                let before = p.solve(lambda0 * (1.0 - 1e-6), a);
                assert!(before[0] != 0.0 && before[1] != 0.0, "{before:?}");
                assert_eq!(p.solve(lambda0 * (1.0 + 1e-6), a)[j], 0.0, "r {r} a {a}");
                if a == 1.0 {
                    let lambda_max = p.lambda_max(a).unwrap();
                    for t in 1..=50 {
                        let lambda = lambda0 + (lambda_max - lambda0) * t as f64 / 50.0;
                        assert_eq!(p.solve(lambda, a)[j], 0.0, "r {r} lambda {lambda}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_elastic_nets_zero_can_end_where_the_lassos_cannot() {
        // Mostly ridge: w1 crosses 0 (OLS negative, pulled positive by its correlation with w0) and
        // is exactly 0 only on an interval, because shrinking w0 weakens the pull.
        let p = TwoFeatures {
            r: 0.5,
            c: [0.8, 0.3],
            yy: 1.0,
        };
        let (j, lambda0) = p.zero_lambda(0.05).unwrap();
        assert_eq!((j, p.solve(0.4, 0.05)[1]), (1, 0.0));
        assert!(p.solve(1.0, 0.05)[1] > 0.0 && lambda0 < 0.4);
    }

    #[test]
    fn ridge_never_reaches_an_axis() {
        let p = problem(0.5, [0.8, 0.3]);
        assert_eq!(p.zero_lambda(0.0), None);
        for lambda in [0.1, 10.0, 1e3, 1e6] {
            let w = p.solve(lambda, 0.0);
            assert!(w[0] != 0.0 && w[1] != 0.0);
        }
    }

    #[test]
    fn the_solution_lies_on_the_boundary_of_its_region() {
        let p = problem(-0.4, [0.5, 0.7]);
        for a in [1.0, 0.5, 0.0] {
            let (w, mix) = (p.solve(0.2, a), p.mix(a));
            let t = mix.budget(w);
            let phi = w[1].atan2(w[0]);
            assert!((mix.region_radius(phi, t) - w[0].hypot(w[1])).abs() < 1e-12, "a {a}");
        }
        let w = p.solve(0.2, 1.0);
        assert!((w[0].abs() + w[1].abs() - p.mix(1.0).budget(w)).abs() < 1e-15);
    }

    #[test]
    fn the_one_dimensional_estimators_follow_their_formulas() {
        assert_eq!(soft_threshold(2.0, 0.5), 1.5);
        assert_eq!(soft_threshold(-2.0, 0.5), -1.5);
        assert_eq!(soft_threshold(0.3, 0.5), 0.0);
        assert_eq!(ridge_shrink(2.0, 1.0), 1.0);
        assert_eq!(hard_threshold(0.6, 0.5), 0.6);
        assert_eq!(hard_threshold(-0.4, 0.5), 0.0);
        assert_eq!(elastic_net_shrink(2.0, 1.0, Mix { l1: 0.5, l2: 0.5 }), 1.5 / 1.5);
        // Each is the one-coordinate minimizer of 1/2 (w - z)^2 + its penalty.
        for z in [-2.0, -0.7, 0.1, 0.9, 3.0] {
            let p = TwoFeatures {
                r: 0.0,
                c: [z, 0.0],
                yy: 2.0,
            };
            assert!((p.solve(0.5, 1.0)[0] - soft_threshold(z, 0.5)).abs() < 1e-15);
            assert!((p.solve(0.5, 0.0)[0] - ridge_shrink(z, 0.5)).abs() < 1e-15);
            assert!((p.solve(0.5, 0.3)[0] - elastic_net_shrink(z, 0.5, p.mix(0.3))).abs() < 1e-15);
        }
    }
}
