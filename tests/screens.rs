//! Every registered screen, whatever it is: it starts, draws at both sizes, opens its help, survives
//! random keys; its help lists exactly its own keys and the global ones, each of which does
//! something; the hints drawn in its panels are keys of its table. A new screen added to the
//! registry is tested here without a line changed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use regscope::app::keymap::{self, GLOBAL};
use regscope::app::{update, Action, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::render_text;
use regscope::engine::Engine;
use regscope::screens::keys::{key_name, parse_key, Wheel};
use regscope::screens::ScreenId;
use regscope::ui::theme::COLOR;

/// A session showing `screen`, its first epochs run and one frame drawn (the weights panel records
/// its room), then scrolled two rows where it can scroll: a settled state from which every key can
/// move something.
fn settled(screen: ScreenId) -> (Engine, State) {
    let (mut engine, mut state) = session::start(&SessionArgs::default(), 20).expect("the default scenario starts");
    session::show(&mut engine, &mut state, screen);
    state.apply(engine.advance(20));
    render_text(&state, 120, 40);
    for _ in 0..2 {
        press(&mut engine, &mut state, "]");
    }
    state.message = None;
    (engine, state)
}

/// Presses one key, as the explorer does: binding tables, update, engine, reports.
fn press(engine: &mut Engine, state: &mut State, name: &str) {
    let event = parse_key(name).expect("a key name");
    if let Some(action) = keymap::action_for(state.active, &event) {
        run(engine, state, action);
    }
}

fn run(engine: &mut Engine, state: &mut State, action: Action) {
    for command in update(state, action) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
}

/// Everything a key could change: the state and the frame.
fn fingerprint(state: &State) -> String {
    format!("{state:?}\n{}", render_text(state, 120, 40))
}

/// Every key of every table, by name (the global keys and every screen's).
fn every_key_name() -> Vec<String> {
    let mut names: Vec<String> = GLOBAL.iter().flat_map(|b| b.keys.iter().map(key_name)).collect();
    for screen in ScreenId::ALL {
        for event_name in screen_key_names(*screen) {
            if !names.contains(&event_name) {
                names.push(event_name);
            }
        }
    }
    names
}

/// The names of the keys of `screen`'s own table, found by asking the table about every key name.
fn screen_key_names(screen: ScreenId) -> Vec<String> {
    let candidates = [
        "Right", "Left", "Up", "Down", "PgUp", "PgDn", "Home", "End", "Tab", "BackTab", "Space", "Esc",
    ]
    .into_iter()
    .map(String::from)
    .chain((' '..='~').map(|c| c.to_string()));
    candidates
        .filter(|name| screen.action_for(&parse_key(name).unwrap()).is_some())
        .collect()
}

#[test]
fn every_registered_screen_draws_opens_its_help_and_survives_random_keys() {
    let keys = every_key_name();
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    for &screen in ScreenId::ALL {
        let (mut engine, mut state) = settled(screen);
        for (w, h) in [(80, 24), (120, 40)] {
            let text = render_text(&state, w, h);
            assert!(!text.contains("too small"), "{screen:?} at {w}x{h}:\n{text}");
            press(&mut engine, &mut state, "?");
            let help = render_text(&state, w, h);
            assert!(help.contains(" Keys "), "{screen:?} help at {w}x{h}:\n{help}");
            assert!(help.contains(screen.name()), "the help names the screen:\n{help}");
            press(&mut engine, &mut state, "?");
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for _ in 0..150 {
            let name = &keys[rng.random_range(0..keys.len())];
            if name != "q" && name != "Esc" {
                press(&mut engine, &mut state, name);
            }
            let (w, h) = (rng.random_range(1..200u16), rng.random_range(1..70u16));
            terminal.backend_mut().resize(w, h);
            terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
            terminal.draw(|f| regscope::app::draw(&state, f)).unwrap();
            state.apply(engine.advance(1));
        }
    }
}

#[test]
fn every_key_a_screen_lists_in_its_help_changes_its_state_or_frame() {
    for &screen in ScreenId::ALL {
        let listed: Vec<String> = GLOBAL
            .iter()
            .flat_map(|b| b.keys.iter().map(key_name))
            .chain(screen_key_names(screen))
            .collect();
        for name in listed {
            let (mut engine, mut state) = settled(screen);
            let before = fingerprint(&state);
            press(&mut engine, &mut state, &name);
            assert_ne!(
                before,
                fingerprint(&state),
                "{name} does nothing on the {screen:?} screen"
            );
        }
    }
}

#[test]
fn help_lists_the_screens_own_keys_and_the_global_ones_and_no_other_screens() {
    for &screen in ScreenId::ALL {
        let (mut engine, mut state) = settled(screen);
        press(&mut engine, &mut state, "?");
        let help = render_text(&state, 120, 40);
        for (label, what) in screen
            .help_rows()
            .into_iter()
            .chain(regscope::screens::keys::help_rows(GLOBAL))
        {
            assert!(help.contains(what), "{screen:?} help lacks {label} {what}:\n{help}");
        }
        for &other in ScreenId::ALL.iter().filter(|&&o| o != screen) {
            for (label, what) in other.help_rows() {
                let own = screen.help_rows().iter().any(|(_, w)| *w == what);
                assert!(
                    own || !help.contains(what),
                    "{screen:?} help lists {other:?}'s {label} {what}"
                );
            }
        }
    }
}

#[test]
fn the_dropout_help_never_mentions_lambda_and_pgdn_there_does_what_help_says() {
    let (mut engine, mut state) = settled(ScreenId::Dropout);
    press(&mut engine, &mut state, "?");
    let help = render_text(&state, 120, 40);
    assert!(help.contains("more dropout"), "{help}");
    assert!(!help.contains('λ') && !help.contains("lambda"), "{help}");
    assert!(
        !help.contains("PgDn"),
        "PgDn is not a key of the dropout screen:\n{help}"
    );
    press(&mut engine, &mut state, "?");
    // PgDn, not listed, leaves the dropout settings alone and says whose key it is.
    let settings = state.screens.dropout.settings.clone();
    press(&mut engine, &mut state, "PgDn");
    assert_eq!(state.screens.dropout.settings, settings);
    assert!(
        state.message.as_deref().unwrap_or("").contains("linear"),
        "{:?}",
        state.message
    );
}

/// Every key-styled run of cells in a colour frame, split into words.
fn hint_words(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| regscope::app::draw(state, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut words = Vec::new();
    for y in 0..height {
        let mut run = String::new();
        for x in 0..width {
            let cell = &buffer[(x, y)];
            if Some(cell.fg) == COLOR.key.fg && cell.modifier == COLOR.key.add_modifier {
                run.push_str(cell.symbol());
            } else {
                run.push('\n');
            }
        }
        words.extend(run.split_whitespace().map(String::from));
    }
    words
}

#[test]
fn every_hint_drawn_is_a_key_of_the_active_table_or_a_global_one() {
    for &screen in ScreenId::ALL {
        let (_engine, state) = settled(screen);
        let labels: Vec<String> = screen
            .help_rows()
            .into_iter()
            .chain(regscope::screens::keys::help_rows(GLOBAL))
            .flat_map(|(label, _)| label.split_whitespace().map(String::from).collect::<Vec<_>>())
            .collect();
        for (w, h) in [(80, 24), (120, 40)] {
            let words = hint_words(&state, w, h);
            assert!(!words.is_empty(), "{screen:?} shows some key hint at {w}x{h}");
            for word in words {
                assert!(
                    labels.contains(&word),
                    "{screen:?} at {w}x{h} hints {word:?}, not one of its keys"
                );
            }
        }
    }
}

#[test]
fn the_mouse_wheel_goes_through_the_tables() {
    let (mut engine, mut state) = settled(ScreenId::Linear);
    let focus = state.screens.linear.view.weights_focus;
    let up = keymap::action_for_wheel(ScreenId::Linear, Wheel::Up).expect("the linear table binds the wheel");
    run(&mut engine, &mut state, up);
    assert_eq!(state.screens.linear.view.weights_focus, focus - 1);
    assert_eq!(keymap::action_for_wheel(ScreenId::Dropout, Wheel::Up), None);
}
