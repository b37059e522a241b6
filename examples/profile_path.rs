//! Developer tool: time a lasso path on a CSV and print per-lambda sweeps (not part of the product).
use regscope::data::*;
use regscope::fit::{self, CdOptions, UpdateRule};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d = load_csv(std::path::Path::new(&args[1]), None).unwrap();
    let tol: f64 = args.get(2).map_or(1e-8, |t| t.parse().unwrap());
    let rule = match args.get(3).map(String::as_str) {
        Some("naive") => UpdateRule::Naive,
        Some("cov") => UpdateRule::Covariance,
        _ => UpdateRule::Auto,
    };
    let s = Standardized::new(&d.x, &d.y);
    let lambdas = fit::default_grid(&s, 1.0, 100, 1e-3);
    let t = std::time::Instant::now();
    let path = fit::fit_path(
        &s,
        &lambdas,
        1.0,
        &CdOptions {
            tol,
            rule,
            ..Default::default()
        },
    )
    .unwrap();
    let el = t.elapsed().as_secs_f64();
    let total: usize = path.convergence.iter().map(|c| c.sweeps).sum();
    if std::env::var("V").is_ok() {
        for i in 0..lambdas.len() {
            eprint!("{}:{}/{} ", i, path.nnz(i), path.convergence[i].sweeps);
        }
        eprintln!();
    }
    eprintln!("time {el:.4} total sweeps {total} max gap {:.2e}", path.max_rel_gap());
}
