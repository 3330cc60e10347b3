//! The console's two ends, kept behind small seams so tests drive it in-process: where text is
//! written ([`ConsoleOutput`]: the terminal, or a buffer) and where lines are read (any
//! `AsyncBufRead`: standard input, or a script in memory).

use std::io::Write;
use std::sync::Mutex;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, Lines};

/// Where the console writes. Shared by the conversation loop and the messenger, so one write
/// is never interleaved with another.
pub trait ConsoleOutput: Send + Sync {
    /// Writes `text` as it is (no newline added).
    fn write(&self, text: &str);

    /// Writes `text` and a newline.
    fn line(&self, text: &str) {
        self.write(&format!("{text}\n"));
    }
}

/// The terminal's standard output.
#[derive(Debug, Default)]
pub struct Stdout;

impl ConsoleOutput for Stdout {
    fn write(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        // A closed stdout (e.g. `| head`) is no reason to fail the conversation.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

/// Everything written, kept in memory (for tests).
#[derive(Debug, Default)]
pub struct Captured {
    text: Mutex<String>,
}

impl Captured {
    /// Everything written so far.
    pub fn text(&self) -> String {
        self.text.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

impl ConsoleOutput for Captured {
    fn write(&self, text: &str) {
        if let Ok(mut all) = self.text.lock() {
            all.push_str(text);
        }
    }
}

/// Lines read one at a time; `None` at the end of input.
pub struct Input<R> {
    lines: Lines<R>,
}

impl<R: AsyncBufRead + Unpin> Input<R> {
    /// Reads lines from `reader`.
    pub fn new(reader: R) -> Self {
        Input {
            lines: reader.lines(),
        }
    }

    /// The next line without its line ending, or `None` at the end (a read error counts as the
    /// end, after logging it).
    pub async fn next_line(&mut self) -> Option<String> {
        match self.lines.next_line().await {
            Ok(line) => line.map(|l| l.trim_end_matches('\r').to_string()),
            Err(error) => {
                tracing::warn!(%error, "cannot read the console's input");
                None
            }
        }
    }
}
