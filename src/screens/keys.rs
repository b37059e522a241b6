//! The vocabulary of binding tables: a key, a wheel turn, and a row binding them to an action. The
//! global table (in `app`) and every screen's own table are written with it, and the same rows make
//! the keys work, write the help and the hints in panel titles, and route the mouse wheel, so none of
//! those can disagree with another.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as written in a table, the help and `snapshot --keys`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// A key without modifiers.
pub const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// A character key (shifted letters arrive as upper-case characters).
pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// A turn of the mouse wheel (with `--mouse`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wheel {
    Up,
    Down,
}

/// One row of a table: the keys, the wheel turn if any, the action, and what the help says.
#[derive(Debug)]
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    pub wheel: Option<Wheel>,
    /// How the keys are shown in help and in panel hints.
    pub label: &'static str,
    pub action: A,
    pub help: &'static str,
}

impl<A> Binding<A> {
    /// A row of keys only (a wheel turn is bound with [`Binding::with_wheel`]).
    pub const fn new(keys: &'static [Key], label: &'static str, action: A, help: &'static str) -> Self {
        Self {
            keys,
            wheel: None,
            label,
            action,
            help,
        }
    }

    /// A row of keys also bound to a wheel turn.
    pub const fn with_wheel(
        keys: &'static [Key],
        wheel: Wheel,
        label: &'static str,
        action: A,
        help: &'static str,
    ) -> Self {
        Self {
            keys,
            wheel: Some(wheel),
            label,
            action,
            help,
        }
    }
}

impl Key {
    /// Whether a key press is this key (Ctrl must match; Shift is in the character itself).
    pub fn matches(&self, event: &KeyEvent) -> bool {
        self.code == event.code && self.ctrl == event.modifiers.contains(KeyModifiers::CONTROL)
    }
}

/// The action a table binds to a key press.
pub fn action_for<A: Copy>(table: &[Binding<A>], event: &KeyEvent) -> Option<A> {
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// The action a table binds to a wheel turn.
pub fn action_for_wheel<A: Copy>(table: &[Binding<A>], wheel: Wheel) -> Option<A> {
    table.iter().find(|b| b.wheel == Some(wheel)).map(|b| b.action)
}

/// How a table shows the keys of `action`, for a hint in a panel title; `None` when it has no such
/// row (a hint is then left out rather than made up).
pub fn label_of<A: PartialEq>(table: &[Binding<A>], action: A) -> Option<&'static str> {
    table.iter().find(|b| b.action == action).map(|b| b.label)
}

/// `(label, help)` of every row, in the table's order: what the help overlay lists.
pub fn help_rows<A>(table: &[Binding<A>]) -> Vec<(&'static str, &'static str)> {
    table.iter().map(|b| (b.label, b.help)).collect()
}

/// Parses a key name as used by `snapshot --keys` ("Right", "PgDn", "Tab", "BackTab", "Space", "Esc",
/// "Home", "End", "C-c", or a single character).
pub fn parse_key(name: &str) -> Result<KeyEvent, String> {
    let code = match name {
        "Right" => KeyCode::Right,
        "Left" => KeyCode::Left,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "PgUp" | "PageUp" => KeyCode::PageUp,
        "PgDn" | "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Space" => KeyCode::Char(' '),
        "Esc" => KeyCode::Esc,
        "C-c" => return Ok(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        single if single.chars().count() == 1 => KeyCode::Char(single.chars().next().expect("one char")),
        other => return Err(format!("unknown key {other:?}")),
    };
    Ok(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The name `parse_key` reads for a table key, so tests can press every key a table lists.
pub fn key_name(key: &Key) -> String {
    match key.code {
        _ if key.ctrl => "C-c".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "BackTab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_key_has_a_name_that_parses_back_to_it() {
        for k in [key(KeyCode::PageDown), ch(' '), ch('L'), key(KeyCode::BackTab)] {
            let event = parse_key(&key_name(&k)).unwrap();
            assert!(k.matches(&event), "{k:?}");
        }
        let ctrl_c = Key {
            code: KeyCode::Char('c'),
            ctrl: true,
        };
        assert!(ctrl_c.matches(&parse_key(&key_name(&ctrl_c)).unwrap()));
        assert!(!ch('c').matches(&parse_key("C-c").unwrap()), "Ctrl must match");
    }
}
