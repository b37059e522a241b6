//! Criterion benchmarks of the explorer's responsiveness, drawing into a TestBackend:
//! - `startup`: from arguments to the first drawn frame (data, exact path, CV, first draw);
//! - `arrow_key_p1000`: an arrow key through `update` to its redrawn frame, with p = 1000 features;
//! - `draw_200x60`: drawing a 200x60 frame of the default scenario.

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use regscope::app::{update, Action};
use regscope::cli::session::{self, SessionArgs};
use regscope::data::scenario::{Scenario, Source};
use regscope::engine::{DataSource, Engine};

fn wide_source(p: usize) -> DataSource {
    let mut scenario = Scenario::named("wide").expect("the wide scenario");
    if let Source::Synthetic(spec) = &mut scenario.source {
        spec.p = p;
    }
    DataSource::Scenario(scenario)
}

fn frames(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame", |b| {
        b.iter(|| {
            let (_engine, state) = session::start(&SessionArgs::default(), 300).expect("starts");
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
            terminal.draw(|f| regscope::ui::draw(&state, f)).expect("draws");
        })
    });

    let (mut engine, mut state) = session::start(&SessionArgs::default(), 300).expect("starts");
    state.apply(engine.run_epochs(300));
    let mut big = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    c.bench_function("draw_200x60", |b| {
        b.iter(|| {
            big.draw(|f| regscope::ui::draw(&state, f)).expect("draws");
        })
    });

    let source = wide_source(1000);
    let knobs = source.default_knobs(None);
    let (mut engine, reset) = Engine::new(source, knobs.clone(), 30, 0.5, 50).expect("p = 1000 data");
    let mut state = regscope::app::State::new("wide-1000", true, knobs, 30, 0.5);
    state.apply(reset);
    for progress in engine.finish_path() {
        state.apply(progress);
    }
    state.apply(engine.run_epochs(50));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    let mut step = 1;
    c.bench_function("arrow_key_to_frame_p1000", |b| {
        b.iter(|| {
            step = -step;
            let commands = update(&mut state, Action::MoveLambda(step));
            // The worker takes the command; the frame is drawn without waiting for it.
            std::hint::black_box(commands);
            terminal.draw(|f| regscope::ui::draw(&state, f)).expect("draws");
        })
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
