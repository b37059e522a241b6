//! Criterion benchmark of the dropout lab: one epoch of all four variants (none, dropout, weight decay,
//! both) on `dropout-1d`, including the evaluation-mode losses on the training and validation rows.

use criterion::{criterion_group, criterion_main, Criterion};
use regscope::engine::{DropoutLab, LabSettings};

fn lab_epoch(c: &mut Criterion) {
    let mut lab = DropoutLab::new(LabSettings::curve(1));
    c.bench_function("dropout_1d_epoch_all_four_variants", |b| b.iter(|| lab.epoch()));
}

criterion_group!(benches, lab_epoch);
criterion_main!(benches);
