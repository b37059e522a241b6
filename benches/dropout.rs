//! Criterion benchmark of the dropout lab: one epoch of all four variants (none, dropout, weight decay,
//! both) on `dropout-1d`, including the evaluation-mode losses on the training and validation rows.

use criterion::{criterion_group, criterion_main, Criterion};
use regscope::data::nonlinear::Shape;
use regscope::screens::dropout::{Lab, Settings};

fn lab_epoch(c: &mut Criterion) {
    let mut lab = Lab::new(&Settings::new(Shape::Curve, 1));
    c.bench_function("dropout_1d_epoch_all_four_variants", |b| b.iter(|| lab.epoch_all()));
}

criterion_group!(benches, lab_epoch);
criterion_main!(benches);
