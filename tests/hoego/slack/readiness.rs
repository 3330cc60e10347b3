//! `hoego run` on Slack is not ready from its first answer until Socket Mode is connected:
//! while the connection is held back at `apps.connections.open`, `/readyz` says 503, and 200
//! only once Slack said hello.

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fake::FakeSlack;
use super::run::hoego;
use crate::support::readyz::{answers_while, becomes_ready, free_addr, readyz};

#[tokio::test]
async fn readyz_says_503_from_the_start_until_socket_mode_is_connected() {
    let fake = FakeSlack::with_tokens("xoxb-run", "xapp-run").await;
    let (release, held) = tokio::sync::watch::channel(false);
    let reached = Arc::new(AtomicBool::new(false));
    let at_open = reached.clone();
    fake.observe(
        "apps.connections.open",
        Arc::new(move |_| {
            let (mut held, at_open) = (held.clone(), at_open.clone());
            Box::pin(async move {
                at_open.store(true, Ordering::SeqCst);
                let _ = held.wait_for(|released| *released).await;
            })
        }),
    );
    let addr = free_addr();
    let dir = tempfile::tempdir().unwrap();
    let mut child = hoego(dir.path())
        .env("HOEGO_SLACK__API_BASE_URL", fake.api_url())
        .env("HOEGO_HTTP__ENABLED", "true")
        .env("HOEGO_HTTP__BIND", addr.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let starting = answers_while(addr, || !reached.load(Ordering::SeqCst)).await;
    let mut held_back = Vec::new();
    while held_back.len() < 5 {
        held_back.extend(readyz(addr).await);
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    release.send(true).unwrap();
    let ready = becomes_ready(addr).await;
    crate::support::process::terminate(&mut child).await;

    assert!(
        !starting.contains(&200),
        "ready before connecting: {starting:?}"
    );
    assert_eq!(held_back, vec![503; 5]);
    assert!(ready, "ready once connected");
}
