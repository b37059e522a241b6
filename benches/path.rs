//! Criterion benchmarks of the lasso path at its DEFAULT settings (tol 1e-8, which the tight certificate
//! delivers as a bound on the relative suboptimality) on the standard benchmark shapes: small (200 x 50),
//! medium (1000 x 500), wide (100 x 1000), large (10000 x 1000) and w2000 (250 x 2000, where the path ends
//! near interpolation), 100 lambdas down to 1e-3 lambda_max; and `lasso_cv`, the path plus 5-fold
//! cross-validation on w2000 (what the explorer computes when it opens such a CSV).
//!
//! With `REGSCOPE_BENCH_DATA=DIR` the cases are read from `DIR/<case>.csv` as written by
//! `../shared/bench/gen.py DIR` and `regscope generate --n 250 --p 2000 --k 20 --seed 3` (the same bytes
//! the peers are timed on); otherwise data of the same shape, correlation and SNR comes from regscope's
//! own generator. `REGSCOPE_BENCH_TOL` overrides the tolerance.
//! Timed: the path on standardized data, as scikit-learn's `enet_path` is timed by peer.py.
//!
//! `csv_parse` times reading a CSV held in memory (`parse_csv`: cells to a dataset) on a medium-like
//! 2000 x 300 file written by regscope's own generator, so that reading is measured apart from solving.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use regscope::data::{
    assign_folds, generate, load_csv, parse_csv, write_csv, FoldAssignment, Noise, Pattern, Standardized, SyntheticSpec,
};
use regscope::fit::{self, CdOptions};
use std::time::Duration;

/// `(name, n, p, k, rho, seed)`.
const CASES: [(&str, usize, usize, usize, f64, u64); 5] = [
    ("small", 200, 50, 5, 0.5, 2),
    ("medium", 1000, 500, 20, 0.5, 3),
    ("wide", 100, 1000, 10, 0.3, 4),
    ("large", 10000, 1000, 50, 0.5, 5),
    ("w2000", 250, 2000, 20, 0.5, 3),
];

fn options() -> CdOptions {
    let tol = std::env::var("REGSCOPE_BENCH_TOL").map_or(CdOptions::default().tol, |t| t.parse().expect("a number"));
    CdOptions {
        tol,
        ..CdOptions::default()
    }
}

fn case_data(name: &str, n: usize, p: usize, k: usize, rho: f64, seed: u64) -> Standardized {
    if let Ok(dir) = std::env::var("REGSCOPE_BENCH_DATA") {
        let path = std::path::Path::new(&dir).join(format!("{name}.csv"));
        let data = load_csv(&path, None).unwrap_or_else(|e| panic!("{e}"));
        return Standardized::from_owned(data.x, data.y);
    }
    let spec = SyntheticSpec {
        n,
        p,
        k,
        rho,
        noise: Noise::Snr(3.0),
        pattern: Pattern::SparseStrong,
        validation_fraction: 0.0,
        seed,
    };
    let data = generate(&spec).dataset;
    Standardized::from_owned(data.x, data.y)
}

fn lasso_path(c: &mut Criterion) {
    let mut group = c.benchmark_group("lasso_path");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    let options = options();
    for (name, n, p, k, rho, seed) in CASES {
        let data = case_data(name, n, p, k, rho, seed);
        let lambdas = fit::default_grid(&data, 1.0, 100, 1e-3);
        group.bench_with_input(
            BenchmarkId::new(name, format!("{n}x{p} tol {:e}", options.tol)),
            &data,
            |b, data| b.iter(|| fit::fit_path(data, &lambdas, 1.0, &options).expect("path")),
        );
    }
    group.finish();
}

fn lasso_cv(c: &mut Criterion) {
    let mut group = c.benchmark_group("lasso_cv");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    let (name, n, p, k, rho, seed) = CASES[4];
    let data = case_data(name, n, p, k, rho, seed);
    let options = options();
    let lambdas = fit::default_grid(&data, 1.0, 100, 1e-3);
    // The folds standardize their own rows, so standardized input times the same work as raw input.
    let folds = assign_folds(n, 5, FoldAssignment::Shuffled { seed: 1 });
    group.bench_function(BenchmarkId::new(name, "path + 5 folds"), |b| {
        b.iter(|| {
            let path = fit::fit_path(&data, &lambdas, 1.0, &options).expect("path");
            let cv = fit::cross_validate(&data.x, &data.y, &lambdas, 1.0, &folds, 5, &options).expect("cv");
            (path, cv)
        })
    });
    group.finish();
}

fn csv_parse(c: &mut Criterion) {
    let spec = SyntheticSpec {
        n: 2000,
        p: 300,
        k: 20,
        rho: 0.5,
        noise: Noise::Snr(3.0),
        pattern: Pattern::SparseStrong,
        validation_fraction: 0.0,
        seed: 3,
    };
    let mut bytes = Vec::new();
    write_csv(&generate(&spec).dataset, &mut bytes).expect("writing to memory");
    let path = std::path::Path::new("medium-like.csv");
    let mut group = c.benchmark_group("csv_parse");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    group.bench_function(BenchmarkId::new("2000x300", format!("{} bytes", bytes.len())), |b| {
        b.iter(|| parse_csv(path, &bytes, None).expect("a valid CSV"))
    });
    group.finish();
}

criterion_group!(benches, lasso_path, lasso_cv, csv_parse);
criterion_main!(benches);
