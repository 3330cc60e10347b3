//! The operator's HTTP endpoints.

use hoego::app::http::HttpServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::db::{Backend, TestDb};
use crate::support::stall::Failure;

pub async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("endpoint listens");
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_and_readiness_follows_the_database() {
    let db = TestDb::new(Backend::Sqlite)
        .await
        .expect("sqlite always runs");
    let server = HttpServer::bind("127.0.0.1:0".parse().unwrap(), db.store.clone())
        .await
        .unwrap();
    metrics::counter!("hoego_test_probe_total").increment(1);
    let addr = server.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(async move {
        let _ = stopped.await;
    }));

    assert_eq!(get(addr, "/healthz").await.0, 200);
    assert_eq!(get(addr, "/readyz").await.0, 200);
    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    assert!(metrics.contains("hoego_test_probe_total"), "{metrics}");

    db.store.close().await;
    assert_eq!(get(addr, "/readyz").await.0, 503);
    assert_eq!(get(addr, "/healthz").await.0, 200);

    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
}

/// `/readyz` while the database fails in each way it can: 503 in well under a second (probes
/// commonly give up after one), and 200 again once it recovers.
async fn readiness_answers_within_a_second_whatever_the_database_does(backend: Backend) {
    let Some((db, mut stall)) = TestDb::new_stallable(backend).await else {
        return;
    };
    let server = HttpServer::bind("127.0.0.1:0".parse().unwrap(), db.store.clone())
        .await
        .unwrap();
    let addr = server.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(async move {
        let _ = stopped.await;
    }));
    // A held SQLite write lock still lets readers read: the database is ready for them.
    let failures = Failure::all(backend)
        .into_iter()
        .filter(|f| !(backend == Backend::Sqlite && *f == Failure::Hung));

    let mut seen = Vec::new();
    for failure in failures {
        stall.fail(&db, failure).await;
        let started = std::time::Instant::now();
        let (status, body) = get(addr, "/readyz").await;
        seen.push((failure, status, body, started.elapsed()));
        stall.recover().await;
    }
    let recovered = get(addr, "/readyz").await;

    for (failure, status, body, took) in &seen {
        assert_eq!(*status, 503, "{failure:?}: {body}");
        assert_eq!(body, "database unreachable\n", "{failure:?}");
        assert!(
            *took < std::time::Duration::from_secs(1),
            "{failure:?}: answered after {took:?}"
        );
    }
    assert!(!seen.is_empty());
    assert_eq!(recovered.0, 200, "{}", recovered.1);
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
    db.finish().await;
}

crate::on_each_backend!(readiness_answers_within_a_second_whatever_the_database_does);
