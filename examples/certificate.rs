//! Developer tool: how far the duality-gap certificate overstates the true suboptimality on a CSV's
//! default path (not part of the product).
//!
//!     cargo run --release --example certificate -- DATA.csv [TOL] [L1_RATIO]
//!
//! The true optimum of each lambda is the best of: a solve at tol 1e-14 and its polished version
//! ([`regscope::fit::kkt::polish`], exact on its support). Prints the path's time, its largest relative
//! gap and true suboptimality (both in scikit-learn's `tol` units, `(P - P*) n / ||y||^2`), and the
//! overshoot gap / suboptimality over the lambdas where the suboptimality is measurable.
use regscope::data::{load_csv, Standardized};
use regscope::fit::kkt::{self, objective};
use regscope::fit::{self, CdOptions};
use regscope::linalg::dot;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d = load_csv(std::path::Path::new(&args[1]), None).unwrap();
    let tol: f64 = args.get(2).map_or(CdOptions::default().tol, |t| t.parse().unwrap());
    let l1_ratio: f64 = args.get(3).map_or(1.0, |t| t.parse().unwrap());
    let s = Standardized::new(&d.x, &d.y);
    let lambdas = fit::default_grid(&s, l1_ratio, 100, 1e-3);
    let options = CdOptions {
        tol,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let path = fit::fit_path(&s, &lambdas, l1_ratio, &options).unwrap();
    let elapsed = t.elapsed().as_secs_f64();
    let tight = CdOptions {
        tol: 1e-14,
        max_sweeps: 20_000,
        ..Default::default()
    };
    let reference = fit::fit_path(&s, &lambdas, l1_ratio, &tight).unwrap();
    let scale = s.x.nrows() as f64 / dot(&s.y, &s.y);
    let (mut worst_sub, mut worst_gap, mut ratios) = (0.0f64, 0.0f64, Vec::new());
    for (i, &lambda) in lambdas.iter().enumerate() {
        let mut best = objective(&s.x, &s.y, &reference.coefs[i], lambda, l1_ratio);
        if let Some(p) = kkt::polish(&s.x, &s.y, &reference.coefs[i], lambda, l1_ratio) {
            best = best.min(objective(&s.x, &s.y, &p, lambda, l1_ratio));
        }
        let mine = objective(&s.x, &s.y, &path.coefs[i], lambda, l1_ratio);
        best = best.min(mine);
        let sub = (mine - best) * scale;
        let gap = path.convergence[i].rel_gap;
        worst_sub = worst_sub.max(sub);
        worst_gap = worst_gap.max(gap);
        if sub > 1e-14 {
            ratios.push(gap / sub);
        }
        if std::env::var("V").is_ok() {
            eprintln!(
                "{i:3} nnz {:4} sweeps {:6} gap {gap:.2e} subopt {sub:.2e}",
                path.nnz(i),
                path.convergence[i].sweeps
            );
        }
    }
    ratios.sort_by(f64::total_cmp);
    let q = |f: f64| {
        ratios
            .get(((ratios.len() as f64 - 1.0) * f) as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "time {elapsed:.4} s  max gap {worst_gap:.2e}  max subopt {worst_sub:.2e}  overshoot (gap/subopt over {} lambdas) min {:.1} median {:.1} max {:.1}",
        ratios.len(), q(0.0), q(0.5), q(1.0)
    );
}
