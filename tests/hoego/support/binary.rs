//! The `hoego` binary run as an operator runs it, with only the given HOEGO_ variables, off the
//! test's runtime (so fakes on that runtime keep answering).

use std::path::Path;
use std::process::{Command, Output};

/// `hoego args` to run in `dir`, with none of this process's HOEGO_ variables or RUST_LOG.
pub fn clean_command(args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    command.args(args).current_dir(dir);
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command
}

/// Runs `hoego args` in a scratch directory with only `vars` among the HOEGO_ variables.
pub async fn hoego(args: &[&str], vars: &[(&str, String)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = clean_command(args, dir.path());
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("hoego runs");
    drop(dir);
    output
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
