//! Stopping a running `hoego` the way a service manager does.

use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// Sends SIGTERM to `child` and waits (up to 20 s, without blocking the runtime) for it to exit:
/// whether the signal was sent, and how the process ended.
pub async fn terminate(child: &mut Child) -> (bool, ExitStatus) {
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (sent, status);
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("hoego run did not stop on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
