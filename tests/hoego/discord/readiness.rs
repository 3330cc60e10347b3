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
