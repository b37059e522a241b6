use regscope::data::*;
use regscope::fit;
fn main() {
    let d = load_csv(std::path::Path::new(&std::env::args().nth(1).unwrap()), None).unwrap();
    let tol: f64 = std::env::args().nth(2).map_or(1e-5, |t| t.parse().unwrap());
    let t0 = std::time::Instant::now();
    let s = Standardized::from_owned(d.x, d.y);
    let t1 = t0.elapsed().as_secs_f64();
    let lambdas = fit::default_grid(&s, 1.0, 100, 1e-3);
    let t2 = t0.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let g = regscope::linalg::gram_full(&s.x, 1.0);
    let tg = t.elapsed().as_secs_f64();
    drop(g);
    let t3 = t0.elapsed().as_secs_f64();
    let path = fit::fit_path(
        &s,
        &lambdas,
        1.0,
        &fit::CdOptions {
            tol,
            ..Default::default()
        },
    )
    .unwrap();
    let t4 = t0.elapsed().as_secs_f64();
    eprintln!(
        "standardize {t1:.4} grid {:.4} gram_full alone {tg:.4} path {:.4} nnz {}",
        t2 - t1,
        t4 - t3,
        path.nnz(99)
    );
}
