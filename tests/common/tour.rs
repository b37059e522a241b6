//! Steps of the built-in tour, as the tests of each screen's steps need them.

use regscope::app::State;
use regscope::cli::snapshot::{self, SnapshotArgs};
use regscope::tour::Tour;

/// Step `step` (from 1) of the built-in `regularization` tour with `keys` pressed, settled as
/// `snapshot --tour` settles it.
pub fn step_state(step: usize, keys: &str) -> State {
    let tour = Tour::named("regularization").expect("the built-in tour parses");
    snapshot::settle(&SnapshotArgs {
        tour: Some((tour, step)),
        settle_first: true,
        keys: keys.into(),
        ..SnapshotArgs::default()
    })
    .unwrap_or_else(|e| panic!("step {step}: {}", e.message))
}

/// [`step_state`] as `snapshot --format json` gives it.
pub fn step_json(step: usize, keys: &str) -> serde_json::Value {
    snapshot::json(&step_state(step, keys))
}
