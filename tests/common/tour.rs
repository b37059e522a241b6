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

/// A one-step tour file up to its step's settings (which start on its 5th line).
pub const ONE_STEP: &str = "title = \"x\"\n[[step]]\ntitle = \"t\"\nnarration = \"n\"\n";

/// `snapshot --tour-file` refuses a [`ONE_STEP`] tour whose step has `settings`, naming `line` and
/// `key` in its message.
pub fn assert_step_refused(settings: &str, line: &str, key: &str) {
    let scratch = super::cli::Scratch::new();
    let path = scratch.file("tour.toml", &format!("{ONE_STEP}{settings}"));
    let message = super::cli::refused(&["snapshot", "--tour-file", path.to_str().unwrap()]);
    assert!(
        message.contains(line) && message.contains(key),
        "{settings:?}: {message}"
    );
}
