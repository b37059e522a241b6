//! Criterion benchmarks of the explorer's responsiveness, drawing into a TestBackend:
//! - `startup`: from arguments to the first drawn frame (data, exact path, CV, first draw);
//! - `arrow_key_p1000`: an arrow key through `update` to its redrawn frame, with p = 1000 features;
//! - `draw_200x60`: drawing a 200x60 frame of the default scenario.

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use regscope::app::{update, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::data::scenario::{Scenario, Source};
use regscope::engine::Engine;
use regscope::screens::linear::{Action as L, DataSource};
use regscope::screens::{self, ScreenId, Start};

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
            terminal.draw(|f| regscope::app::draw(&state, f)).expect("draws");
        })
    });

    let (mut engine, mut state) = session::start(&SessionArgs::default(), 300).expect("starts");
    state.apply(engine.advance(300));
    let mut big = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    c.bench_function("draw_200x60", |b| {
        b.iter(|| {
            big.draw(|f| regscope::app::draw(&state, f)).expect("draws");
        })
    });

    let start = Start {
        source: wide_source(1000),
        scenario: None,
        seed: None,
        epochs: 50,
    };
    let (screens, labs) = screens::start(&start).expect("p = 1000 data");
    let mut engine = Engine::new(labs, ScreenId::Linear);
    let mut state = State::new(screens, ScreenId::Linear);
    for report in engine.finish_jobs() {
        state.apply(report);
    }
    state.apply(engine.advance(50));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    let mut step = 1;
    c.bench_function("arrow_key_to_frame_p1000", |b| {
        b.iter(|| {
            step = -step;
            let commands = update(&mut state, L::MoveLambda(step));
            // The worker takes the command; the frame is drawn without waiting for it.
            std::hint::black_box(commands);
            terminal.draw(|f| regscope::app::draw(&state, f)).expect("draws");
        })
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
