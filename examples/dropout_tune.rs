use regscope::engine::dropout::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let p: f64 = args.get(1).map_or(0.2, |v| v.parse().unwrap());
    let wd: f64 = args.get(2).map_or(1e-2, |v| v.parse().unwrap());
    let epochs: usize = args.get(3).map_or(1000, |v| v.parse().unwrap());
    let seed: u64 = args.get(4).map_or(1, |v| v.parse().unwrap());
    let mut s = LabSettings::curve(seed);
    s.dropout = p; s.weight_decay = wd; if std::env::var("TANH").is_ok() { s.activation = regscope::fit::mlp::Activation::Tanh; } if let Ok(v) = std::env::var("H") { s.hidden = vec![v.parse().unwrap(); 2]; } if let Ok(v) = std::env::var("LR") { s.learning_rate = v.parse().unwrap(); } if let Ok(v) = std::env::var("NOISE") { s.noise = v.parse().unwrap(); } if let Ok(v) = std::env::var("NT") { s.n_train = v.parse().unwrap(); }
    let mut lab = DropoutLab::new(s);
    let t = std::time::Instant::now();
    for e in 1..=epochs {
        let r = lab.epoch();
        if e % (epochs / 5) == 0 { eprintln!("epoch {e}: {}", r.iter().zip(VARIANTS).map(|(r, v)| format!("{} {:.3}/{:.3}", v.0, r.train_loss, r.val_loss)).collect::<Vec<_>>().join(" | ")); }
    }
    eprintln!("{:.3} ms/epoch", t.elapsed().as_secs_f64() * 1000.0 / epochs as f64);
}
