//! `/readyz` follows the Discord gateway connection as well as the database: not ready before
//! READY, ready once connected and after a resume, not ready once disconnected.

use crate::on_each_backend;
use crate::support::Backend;
use std::time::Duration;

use hoego::app::http::HttpServer;

use super::DiscordApp;
use crate::http_endpoints::get;

/// Polls `/readyz` until it answers `status` (or gives up after 10 s); the last answer.
async fn readyz_until(addr: std::net::SocketAddr, status: u16) -> (u16, String) {
    let mut last = (0, String::new());
    for _ in 0..200 {
        last = get(addr, "/readyz").await;
        if last.0 == status {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    last
}

async fn readyz_reports_the_discord_connection_and_the_database(backend: Backend) {
    let Some(mut app) = DiscordApp::start(backend).await else {
        return;
    };
    let server = HttpServer::bind("127.0.0.1:0".parse().unwrap(), app.store.clone())
        .await
        .unwrap();
    let addr = server.local_addr().unwrap();
    let bot = app.bot.take().unwrap();
    server.readiness().watch("discord", bot.connection());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(async move {
        let _ = stopped.await;
    }));

    app.registered().await;
    let connected = readyz_until(addr, 200).await;
    app.fake.close_gateway(4000);
    app.fake.wait_for_sessions(1, 1).await;
    let resumed = readyz_until(addr, 200).await;
    bot.stop().await;
    let disconnected = get(addr, "/readyz").await;

    assert_eq!(connected, (200, "ready\n".into()));
    assert_eq!(resumed, (200, "ready\n".into()));
    assert_eq!(disconnected, (503, "discord not connected\n".into()));
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
    app.finish().await;
}

#[test]
fn a_watched_connection_starts_down() {
    let connection = hoego::platform::Connection::default();
    assert!(!connection.is_up());
    connection.set(true);
    assert!(connection.is_up());
}

on_each_backend!(readyz_reports_the_discord_connection_and_the_database,);

/// `hoego run` on Discord: every `/readyz` answer to a request sent before the fake gateway
/// made its first session (READY) is 503, then it becomes 200. (A probe asks every 5 ms from
/// the endpoint's first moment.)
#[tokio::test]
async fn hoego_run_is_not_ready_from_its_first_answer_until_the_gateway_is_ready() {
    use crate::support::readyz::{answers_while, becomes_ready, free_addr};
    use std::process::{Command, Stdio};

    let fake = super::fake::FakeDiscord::with_token("run-token").await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let database = format!("sqlite://{}", dir.path().join("run.db").display());
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") {
            command.env_remove(name);
        }
    }
    let mut child = command
        .arg("run")
        .current_dir(dir.path())
        .env("HOEGO_DISCORD__TOKEN", "run-token")
        .env("HOEGO_DISCORD__API_BASE_URL", fake.base_url())
        .env("HOEGO_DATABASE__URL", &database)
        .env("HOEGO_HTTP__BIND", addr.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let starting = answers_while(addr, || fake.sessions_started() == 0).await;
    let ready = becomes_ready(addr).await;
    crate::support::process::terminate(&mut child).await;

    assert!(!starting.contains(&200), "ready before READY: {starting:?}");
    assert!(ready, "ready once connected");
}
