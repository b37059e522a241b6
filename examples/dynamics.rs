use regscope::data::Scenario;
use regscope::engine::*;
fn main() {
    let name = std::env::args().nth(1).unwrap_or("sparse".into());
    let idx: usize = std::env::args().nth(2).map_or(40, |v| v.parse().unwrap());
    let scenario = Scenario::named(&name).unwrap();
    let source = DataSource::Scenario(scenario);
    let knobs = source.default_knobs(None);
    let (mut engine, p) = Engine::new(source, knobs, idx, 0.5, 3000).unwrap();
    if let Progress::Reset(v) = &p {
        eprintln!(
            "lambda {} n_train {} n_val {} cv i_min {:?}",
            v.lambdas[idx],
            v.n_train,
            v.n_val,
            v.cv.as_ref().map(|c| (c.i_min, c.i_1se))
        );
    }
    let mut epoch = 0;
    for chunk in [1, 9, 40, 50, 100, 300, 500, 1000, 2000, 4000] {
        let Progress::Epochs(r) = engine.run_epochs(chunk) else {
            panic!()
        };
        epoch += chunk;
        let line: Vec<String> = (0..4)
            .map(|m| {
                let s = r.stats[m].last().unwrap();
                format!(
                    "{}: tr {:.3} va {:.3} nnz {}",
                    MODELS[m].short(),
                    2.0 * s.train_loss,
                    2.0 * s.val_loss,
                    r.weights[m].iter().filter(|w| **w != 0.0).count()
                )
            })
            .collect();
        eprintln!("epoch {epoch}: {}", line.join(" | "));
    }
}
