//! Small nonlinear datasets for the dropout screen: a 1-D regression with few training points (so an
//! unregularized network can fit the noise) and 2-D binary classification sets (circles, xor, spiral).
//! Each is drawn from one seeded ChaCha8 stream.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// Which nonlinear set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `y = sin(2.5 x) + noise` on `x` in [-2, 2].
    Curve,
    /// Two concentric rings.
    Circles,
    /// Label = sign(x1) xor sign(x2).
    Xor,
    /// Two interleaved spiral arms.
    Spiral,
}

impl Shape {
    pub fn inputs(self) -> usize {
        if self == Shape::Curve {
            1
        } else {
            2
        }
    }

    pub fn is_classification(self) -> bool {
        self != Shape::Curve
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Curve => "curve",
            Shape::Circles => "circles",
            Shape::Xor => "xor",
            Shape::Spiral => "spiral",
        }
    }

    /// The noiseless target of the 1-D curve.
    pub fn curve(x: f64) -> f64 {
        (2.5 * x).sin()
    }
}

/// Rows as `inputs`-wide vectors, with targets (labels 0/1 for classification).
#[derive(Clone, Debug, PartialEq)]
pub struct NonlinearData {
    pub shape: Shape,
    pub x_train: Vec<Vec<f64>>,
    pub y_train: Vec<f64>,
    pub x_val: Vec<Vec<f64>>,
    pub y_val: Vec<f64>,
}

/// Draws `n_train` training and `n_val` validation rows with noise level `noise`.
pub fn nonlinear(shape: Shape, n_train: usize, n_val: usize, noise: f64, seed: u64) -> NonlinearData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (x_train, y_train) = draw(shape, n_train, noise, &mut rng);
    let (x_val, y_val) = draw(shape, n_val, noise, &mut rng);
    NonlinearData {
        shape,
        x_train,
        y_train,
        x_val,
        y_val,
    }
}

fn draw(shape: Shape, n: usize, noise: f64, rng: &mut ChaCha8Rng) -> (Vec<Vec<f64>>, Vec<f64>) {
    let normal = Normal::new(0.0, 1.0).expect("a valid normal");
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    for i in 0..n {
        match shape {
            Shape::Curve => {
                let x = rng.random_range(-2.0..2.0);
                let eps: f64 = normal.sample(rng);
                xs.push(vec![x]);
                ys.push(Shape::curve(x) + noise * eps);
            }
            Shape::Circles => {
                let label = (i % 2) as f64;
                let radius = if label == 1.0 { 0.5 } else { 1.0 };
                let angle = rng.random_range(0.0..std::f64::consts::TAU);
                let (e1, e2): (f64, f64) = (normal.sample(rng), normal.sample(rng));
                xs.push(vec![
                    radius * angle.cos() + noise * e1,
                    radius * angle.sin() + noise * e2,
                ]);
                ys.push(label);
            }
            Shape::Xor => {
                let (a, b): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
                let (e1, e2): (f64, f64) = (normal.sample(rng), normal.sample(rng));
                xs.push(vec![a + noise * e1, b + noise * e2]);
                ys.push(if (a > 0.0) != (b > 0.0) { 1.0 } else { 0.0 });
            }
            Shape::Spiral => {
                let label = (i % 2) as f64;
                let t: f64 = rng.random_range(0.0..1.0);
                let angle = 3.0 * std::f64::consts::PI * t + label * std::f64::consts::PI;
                let radius = 0.1 + 0.9 * t;
                let (e1, e2): (f64, f64) = (normal.sample(rng), normal.sample(rng));
                xs.push(vec![
                    radius * angle.cos() + noise * e1,
                    radius * angle.sin() + noise * e2,
                ]);
                ys.push(label);
            }
        }
    }
    (xs, ys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_data() {
        assert_eq!(
            nonlinear(Shape::Spiral, 20, 10, 0.1, 3),
            nonlinear(Shape::Spiral, 20, 10, 0.1, 3)
        );
        assert_ne!(
            nonlinear(Shape::Curve, 20, 10, 0.1, 3),
            nonlinear(Shape::Curve, 20, 10, 0.1, 4)
        );
    }

    #[test]
    fn classes_are_balanced_and_labels_binary() {
        for shape in [Shape::Circles, Shape::Xor, Shape::Spiral] {
            let d = nonlinear(shape, 400, 10, 0.1, 1);
            assert!(d.y_train.iter().all(|&y| y == 0.0 || y == 1.0));
            let ones = d.y_train.iter().filter(|&&y| y == 1.0).count();
            assert!((150..=250).contains(&ones), "{shape:?}: {ones} of 400");
        }
    }
}
