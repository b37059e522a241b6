//! Running the binary as a user would, for the command-line tests.

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn regscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(args)
        .output()
        .expect("regscope runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub struct Scratch(pub tempfile::TempDir);

impl Scratch {
    pub fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }
    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
}

/// Runs regscope, checks it refused with exit status 2 and without a panic, and returns stderr.
pub fn refused(args: &[&str]) -> String {
    let output = regscope(args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
    assert!(!message.contains("panicked"), "{args:?}: {message}");
    message
}
