//! A small multilayer perceptron, for showing dropout and weight decay at work.
//!
//! Hidden layers with ReLU or tanh, one linear output: for regression the loss is
//! `1/(2B) sum (f(x) - y)^2`, for binary classification the logistic loss `1/B sum log(1 + e^f) - y f`
//! (`y` in {0, 1}). Training is mini-batch Adam. Two regularizers:
//!
//! - **inverted dropout** at rate `p` on every hidden layer while training: each unit is kept with
//!   probability `1 - p` and the kept ones are scaled by `1 / (1 - p)`, so the expected activation is
//!   unchanged and evaluation mode simply uses every unit, unscaled and deterministic;
//! - **weight decay**: `wd / 2 * sum ||W||^2` over the weight matrices (not the biases) added to the
//!   loss, so each weight's gradient gains `wd * W`.
//!
//! Initial weights (He for ReLU, Glorot for tanh), mini-batch order and dropout masks all come from
//! seeded ChaCha8 streams: the same seed gives the same run.

mod adam;

pub use adam::Adam;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// The hidden units' nonlinearity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Relu,
    Tanh,
}

impl Activation {
    fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Relu => z.max(0.0),
            Activation::Tanh => z.tanh(),
        }
    }

    /// The derivative, from the activation's output `a` (and its input `z`).
    fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Tanh => 1.0 - a * a,
        }
    }
}

/// What the output means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Squared error on a real target.
    Regression,
    /// Logistic loss on a 0/1 label; the output is the logit.
    Classification,
}

/// The network's weights: layer `l` maps `inputs[l]` to `outputs[l]` as `a W + b`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    pub weights: Vec<Array2<f64>>,
    pub biases: Vec<Array1<f64>>,
    pub activation: Activation,
    pub task: Task,
}

/// Gradients, shaped like the network.
#[derive(Clone, Debug)]
pub struct Gradients {
    pub weights: Vec<Array2<f64>>,
    pub biases: Vec<Array1<f64>>,
}

/// Which hidden units a forward pass dropped: `masks[l][[row, unit]]` is 0 (dropped) or
/// `1 / (1 - p)` (kept).
pub type Masks = Vec<Array2<f64>>;

impl Mlp {
    /// A network `inputs -> hidden... -> 1` with seeded initial weights.
    pub fn new(inputs: usize, hidden: &[usize], activation: Activation, task: Task, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut sizes = vec![inputs];
        sizes.extend_from_slice(hidden);
        sizes.push(1);
        let mut weights = Vec::new();
        let mut biases = Vec::new();
        for pair in sizes.windows(2) {
            let (fan_in, fan_out) = (pair[0], pair[1]);
            let std = match activation {
                Activation::Relu => (2.0 / fan_in as f64).sqrt(),
                Activation::Tanh => (2.0 / (fan_in + fan_out) as f64).sqrt(),
            };
            let normal = Normal::new(0.0, std).expect("a valid normal");
            weights.push(Array2::from_shape_fn((fan_in, fan_out), |_| normal.sample(&mut rng)));
            biases.push(Array1::zeros(fan_out));
        }
        Self {
            weights,
            biases,
            activation,
            task,
        }
    }

    fn layers(&self) -> usize {
        self.weights.len()
    }

    /// Outputs in evaluation mode (every unit, no scaling): deterministic.
    pub fn predict(&self, x: ArrayView2<f64>) -> Array1<f64> {
        let mut a = x.to_owned();
        for l in 0..self.layers() {
            let mut z = a.dot(&self.weights[l]) + &self.biases[l];
            if l + 1 < self.layers() {
                z.mapv_inplace(|v| self.activation.apply(v));
            }
            a = z;
        }
        a.column(0).to_owned()
    }

    /// The data loss of outputs `f` against targets `y` (mean over rows).
    pub fn loss(&self, f: &Array1<f64>, y: &[f64]) -> f64 {
        let b = y.len().max(1) as f64;
        match self.task {
            Task::Regression => f.iter().zip(y).map(|(f, y)| 0.5 * (f - y) * (f - y)).sum::<f64>() / b,
            Task::Classification => f.iter().zip(y).map(|(&f, &y)| softplus(f) - y * f).sum::<f64>() / b,
        }
    }

    /// Evaluation-mode loss on `(x, y)`: the objective's data term (`½·MSE` for regression).
    pub fn evaluate(&self, x: ArrayView2<f64>, y: &[f64]) -> f64 {
        self.loss(&self.predict(x), y)
    }

    /// The evaluation-mode error the screens report on `(x, y)`: the mean squared error for
    /// regression (not the objective's `½·MSE`, so plots, status lines and files agree with the
    /// linear screen's MSE), the logistic loss for classification.
    pub fn error(&self, x: ArrayView2<f64>, y: &[f64]) -> f64 {
        match self.task {
            Task::Regression => 2.0 * self.evaluate(x, y),
            Task::Classification => self.evaluate(x, y),
        }
    }

    /// `wd / 2 * sum ||W||^2`.
    pub fn decay_penalty(&self, weight_decay: f64) -> f64 {
        0.5 * weight_decay
            * self
                .weights
                .iter()
                .map(|w| w.iter().map(|v| v * v).sum::<f64>())
                .sum::<f64>()
    }

    /// Training-mode loss (data loss plus decay penalty) and its gradients on a batch. With `dropout`
    /// `Some((p, rng))`, hidden units are dropped at rate `p` with masks drawn from `rng`; the masks
    /// used are returned.
    pub fn loss_and_gradients(
        &self,
        x: ArrayView2<f64>,
        y: &[f64],
        dropout: Option<(f64, &mut ChaCha8Rng)>,
        weight_decay: f64,
    ) -> (f64, Gradients, Masks) {
        let layers = self.layers();
        let keep_scale = dropout.as_ref().map(|(p, _)| 1.0 / (1.0 - p));
        let mut dropout = dropout;
        // Forward, keeping pre-activations, activations (after dropout) and masks.
        let mut inputs = vec![x.to_owned()];
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut masks = Vec::new();
        for l in 0..layers {
            let z = inputs[l].dot(&self.weights[l]) + &self.biases[l];
            if l + 1 < layers {
                let a = z.mapv(|v| self.activation.apply(v));
                let mask = match (&mut dropout, keep_scale) {
                    (Some((p, rng)), Some(scale)) => {
                        let p = *p;
                        Array2::from_shape_fn(a.raw_dim(), |_| if rng.random::<f64>() < p { 0.0 } else { scale })
                    }
                    _ => Array2::from_elem(a.raw_dim(), 1.0),
                };
                let dropped = &a * &mask;
                pre.push(z);
                post.push(a);
                masks.push(mask);
                inputs.push(dropped);
            } else {
                pre.push(z);
            }
        }
        let f = pre[layers - 1].column(0).to_owned();
        let b = y.len().max(1) as f64;
        let loss = self.loss(&f, y) + self.decay_penalty(weight_decay);
        // d loss / d f, per row.
        let df: Array1<f64> = match self.task {
            Task::Regression => f.iter().zip(y).map(|(f, y)| (f - y) / b).collect(),
            Task::Classification => f.iter().zip(y).map(|(&f, &y)| (sigmoid(f) - y) / b).collect(),
        };
        let mut delta = df.insert_axis(Axis(1));
        let mut grad_w = vec![Array2::zeros((0, 0)); layers];
        let mut grad_b = vec![Array1::zeros(0); layers];
        for l in (0..layers).rev() {
            grad_w[l] = inputs[l].t().dot(&delta) + &(&self.weights[l] * weight_decay);
            grad_b[l] = delta.sum_axis(Axis(0));
            if l > 0 {
                let upstream = delta.dot(&self.weights[l].t()) * &masks[l - 1];
                let activation = self.activation;
                let mut d = upstream;
                ndarray::Zip::from(&mut d)
                    .and(&pre[l - 1])
                    .and(&post[l - 1])
                    .for_each(|d, &z, &a| *d *= activation.derivative(z, a));
                delta = d;
            }
        }
        (
            loss,
            Gradients {
                weights: grad_w,
                biases: grad_b,
            },
            masks,
        )
    }
}

fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// How a network is trained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainSettings {
    /// Dropout rate on the hidden layers, 0 to 0.9.
    pub dropout: f64,
    pub weight_decay: f64,
    pub learning_rate: f64,
    pub batch_size: usize,
}

/// A network with its optimizer and its own seeded stream for batches and masks.
#[derive(Clone, Debug)]
pub struct MlpTrainer {
    pub net: Mlp,
    pub settings: TrainSettings,
    adam: Adam,
    rng: ChaCha8Rng,
    pub epoch: usize,
    /// The masks of the last mini-batch (empty before training or without dropout).
    pub last_masks: Masks,
    /// Mean training-mode loss over the last epoch's batches.
    pub last_train_mode_loss: f64,
}

impl MlpTrainer {
    pub fn new(net: Mlp, settings: TrainSettings, seed: u64) -> Self {
        let adam = Adam::new(&net, settings.learning_rate);
        Self {
            net,
            settings,
            adam,
            rng: ChaCha8Rng::seed_from_u64(seed),
            epoch: 0,
            last_masks: Vec::new(),
            last_train_mode_loss: f64::NAN,
        }
    }

    /// One pass over `(x, y)` in shuffled mini-batches.
    pub fn epoch(&mut self, x: ArrayView2<f64>, y: &[f64]) {
        let n = x.nrows();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut self.rng);
        let batch = self.settings.batch_size.clamp(1, n.max(1));
        let mut total = 0.0;
        let mut batches = 0;
        for rows in order.chunks(batch) {
            let xb = x.select(Axis(0), rows);
            let yb: Vec<f64> = rows.iter().map(|&i| y[i]).collect();
            let dropout = (self.settings.dropout > 0.0).then_some((self.settings.dropout, &mut self.rng));
            let (loss, gradients, masks) =
                self.net
                    .loss_and_gradients(xb.view(), &yb, dropout, self.settings.weight_decay);
            self.adam.step(&mut self.net, &gradients);
            self.last_masks = if self.settings.dropout > 0.0 { masks } else { Vec::new() };
            total += loss;
            batches += 1;
        }
        self.last_train_mode_loss = total / batches.max(1) as f64;
        self.epoch += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn batch() -> (Array2<f64>, Vec<f64>) {
        (
            array![[0.3, -1.2], [1.5, 0.4], [-0.7, 0.9], [0.1, 0.2]],
            vec![1.0, 0.0, 1.0, 0.0],
        )
    }

    /// Central finite differences of the loss against the analytic gradient, for every parameter.
    fn check_gradients(activation: Activation, task: Task, weight_decay: f64) {
        let (x, y) = batch();
        let net = Mlp::new(2, &[5, 4], activation, task, 11);
        let (_, analytic, _) = net.loss_and_gradients(x.view(), &y, None, weight_decay);
        let h = 1e-6;
        let loss_at = |net: &Mlp| net.loss_and_gradients(x.view(), &y, None, weight_decay).0;
        for l in 0..net.weights.len() {
            for idx in 0..net.weights[l].len() {
                let (r, c) = (idx / net.weights[l].ncols(), idx % net.weights[l].ncols());
                let (mut plus, mut minus) = (net.clone(), net.clone());
                plus.weights[l][[r, c]] += h;
                minus.weights[l][[r, c]] -= h;
                let numeric = (loss_at(&plus) - loss_at(&minus)) / (2.0 * h);
                let exact = analytic.weights[l][[r, c]];
                assert!(
                    (numeric - exact).abs() < 1e-6 * (1.0 + exact.abs()),
                    "W{l}[{r},{c}]: {numeric} vs {exact}"
                );
            }
            for k in 0..net.biases[l].len() {
                let (mut plus, mut minus) = (net.clone(), net.clone());
                plus.biases[l][k] += h;
                minus.biases[l][k] -= h;
                let numeric = (loss_at(&plus) - loss_at(&minus)) / (2.0 * h);
                let exact = analytic.biases[l][k];
                assert!(
                    (numeric - exact).abs() < 1e-6 * (1.0 + exact.abs()),
                    "b{l}[{k}]: {numeric} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        check_gradients(Activation::Tanh, Task::Regression, 0.0);
        check_gradients(Activation::Tanh, Task::Classification, 0.0);
        check_gradients(Activation::Relu, Task::Regression, 0.0);
        check_gradients(Activation::Tanh, Task::Regression, 0.3);
    }

    #[test]
    fn dropout_gradients_match_finite_differences_for_a_fixed_mask() {
        // With the mask fixed (same seed), the dropped network is an ordinary function of the weights.
        let (x, y) = batch();
        let net = Mlp::new(2, &[6], Activation::Tanh, Task::Regression, 5);
        let loss =
            |net: &Mlp| net.loss_and_gradients(x.view(), &y, Some((0.5, &mut ChaCha8Rng::seed_from_u64(9))), 0.0);
        let (_, analytic, masks) = loss(&net);
        assert!(masks[0].iter().any(|&m| m == 0.0) && masks[0].iter().any(|&m| m == 2.0));
        let h = 1e-6;
        for r in 0..2 {
            for c in 0..6 {
                let (mut plus, mut minus) = (net.clone(), net.clone());
                plus.weights[0][[r, c]] += h;
                minus.weights[0][[r, c]] -= h;
                let numeric = (loss(&plus).0 - loss(&minus).0) / (2.0 * h);
                assert!((numeric - analytic.weights[0][[r, c]]).abs() < 1e-7);
            }
        }
    }

    #[test]
    fn inverted_dropout_keeps_the_expected_activation() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let net = Mlp::new(1, &[200], Activation::Relu, Task::Regression, 3);
        let x = Array2::from_elem((500, 1), 0.7);
        let y = vec![0.0; 500];
        for p in [0.2, 0.5, 0.8] {
            let (_, _, masks) = net.loss_and_gradients(x.view(), &y, Some((p, &mut rng)), 0.0);
            let mean: f64 = masks[0].mean().unwrap();
            let kept = masks[0].iter().filter(|&&m| m > 0.0).count() as f64 / masks[0].len() as f64;
            // 100,000 Bernoulli draws: the sampling error of the mean mask is about 0.005 / (1 - p).
            assert!(
                (mean - 1.0).abs() < 4.0 * (p / (1.0 - p) / 100_000.0).sqrt(),
                "p {p}: mean scale {mean}"
            );
            assert!((kept - (1.0 - p)).abs() < 0.01, "p {p}: kept {kept}");
        }
    }

    #[test]
    fn the_reported_regression_error_is_the_mean_squared_error() {
        let net = Mlp::new(2, &[4], Activation::Tanh, Task::Regression, 8);
        let (x, y) = batch();
        let f = net.predict(x.view());
        let mse = f.iter().zip(&y).map(|(f, y)| (f - y).powi(2)).sum::<f64>() / y.len() as f64;
        assert!((net.error(x.view(), &y) - mse).abs() < 1e-12);
        let classifier = Mlp {
            task: Task::Classification,
            ..net
        };
        assert_eq!(classifier.error(x.view(), &y), classifier.evaluate(x.view(), &y));
    }

    #[test]
    fn evaluation_mode_is_deterministic_and_uses_every_unit() {
        let net = Mlp::new(2, &[8, 8], Activation::Relu, Task::Classification, 4);
        let (x, _) = batch();
        assert_eq!(net.predict(x.view()), net.predict(x.view()));
        let (_, _, masks) = net.loss_and_gradients(x.view(), &[0.0; 4], None, 0.0);
        assert!(masks.iter().all(|m| m.iter().all(|&v| v == 1.0)));
    }

    #[test]
    fn the_same_seed_trains_the_same_network() {
        let (x, y) = batch();
        let settings = TrainSettings {
            dropout: 0.5,
            weight_decay: 1e-3,
            learning_rate: 0.01,
            batch_size: 2,
        };
        let run = || {
            let mut t = MlpTrainer::new(
                Mlp::new(2, &[8], Activation::Relu, Task::Classification, 2),
                settings,
                7,
            );
            for _ in 0..20 {
                t.epoch(x.view(), &y);
            }
            t.net
        };
        assert_eq!(run(), run());
    }
}
