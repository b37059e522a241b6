//! Adam, the optimizer the dropout screen's networks train with: a step per parameter scaled by running
//! estimates of the gradient's first and second moments.

use super::{Gradients, Mlp};
use ndarray::{Array1, Array2};

/// The Adam optimizer (Kingma & Ba 2015) with its moment estimates.
#[derive(Clone, Debug)]
pub struct Adam {
    pub learning_rate: f64,
    m: Gradients,
    v: Gradients,
    t: i32,
}

impl Adam {
    const BETA1: f64 = 0.9;
    const BETA2: f64 = 0.999;
    const EPSILON: f64 = 1e-8;

    pub fn new(net: &Mlp, learning_rate: f64) -> Self {
        let zeros = Gradients {
            weights: net.weights.iter().map(|w| Array2::zeros(w.raw_dim())).collect(),
            biases: net.biases.iter().map(|b| Array1::zeros(b.raw_dim())).collect(),
        };
        Self {
            learning_rate,
            m: zeros.clone(),
            v: zeros,
            t: 0,
        }
    }

    /// One step against `gradients`.
    pub fn step(&mut self, net: &mut Mlp, gradients: &Gradients) {
        self.t += 1;
        let c1 = 1.0 - Self::BETA1.powi(self.t);
        let c2 = 1.0 - Self::BETA2.powi(self.t);
        let lr = self.learning_rate;
        let update = |param: &mut f64, g: f64, m: &mut f64, v: &mut f64| {
            *m = Self::BETA1 * *m + (1.0 - Self::BETA1) * g;
            *v = Self::BETA2 * *v + (1.0 - Self::BETA2) * g * g;
            *param -= lr * (*m / c1) / ((*v / c2).sqrt() + Self::EPSILON);
        };
        for l in 0..net.weights.len() {
            ndarray::Zip::from(&mut net.weights[l])
                .and(&gradients.weights[l])
                .and(&mut self.m.weights[l])
                .and(&mut self.v.weights[l])
                .for_each(|p, &g, m, v| update(p, g, m, v));
            ndarray::Zip::from(&mut net.biases[l])
                .and(&gradients.biases[l])
                .and(&mut self.m.biases[l])
                .and(&mut self.v.biases[l])
                .for_each(|p, &g, m, v| update(p, g, m, v));
        }
    }
}
