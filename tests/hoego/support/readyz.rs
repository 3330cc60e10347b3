//! Watching `/readyz` of a `hoego run` from its first moment: a free port to bind it to, and
//! answers gathered while a condition holds (a refused connection, before the endpoint
//! listens, is no answer).

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An address on 127.0.0.1 nothing listens on (just now).
pub fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// The status `/readyz` answers, or `None` when nothing listens yet.
pub async fn readyz(addr: SocketAddr) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await.ok()?;
    response.split_whitespace().nth(1)?.parse().ok()
}

/// Every answer of `/readyz`, asked every 5 ms, that came back while `before()` was still true
/// (checked after each answer arrived: an answer that crossed the moment `before()` turned
/// false proves nothing either way and is left out); stops once it is false, or after 20 s.
pub async fn answers_while(addr: SocketAddr, before: impl Fn() -> bool) -> Vec<u16> {
    let mut answers = Vec::new();
    for _ in 0..4000 {
        if !before() {
            break;
        }
        let status = readyz(addr).await;
        if !before() {
            break;
        }
        if let Some(status) = status {
            answers.push(status);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    answers
}

/// Asks `/readyz` until it answers 200 (or 20 s pass): whether it did.
pub async fn becomes_ready(addr: SocketAddr) -> bool {
    for _ in 0..400 {
        if readyz(addr).await == Some(200) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
