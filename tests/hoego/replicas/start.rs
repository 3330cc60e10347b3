//! Starting replicas: each `hoego run` binds its endpoints to a port of its own (port 0 picks a
//! free one), so two on one host both serve; on SQLite a second one refuses to start and says
//! why, and a replica killed with SIGKILL leaves no lock behind.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::slack::fake::FakeSlack;
use crate::support::db::{Backend, TestDb};
use crate::support::readyz::becomes_ready;

/// `hoego run` on Slack (the fake at `api`) and `database`, its endpoints on a free port, its log
/// as JSON lines on standard error.
fn replica(api: &str, database: &str, dir: &std::path::Path) -> Command {
    let mut command = crate::support::binary::clean_command(&["run"], dir);
    command
        .env("HOEGO_SLACK__BOT_TOKEN", "xoxb-run")
        .env("HOEGO_SLACK__APP_TOKEN", "xapp-run")
        .env("HOEGO_SLACK__API_BASE_URL", api)
        .env("HOEGO_DATABASE__URL", database)
        .env("HOEGO_HTTP__BIND", "127.0.0.1:0")
        .env("HOEGO_LOG__FORMAT", "json")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// A started replica and the lines of its log.
pub(super) struct Running {
    pub child: Child,
    log: mpsc::Receiver<String>,
}

pub(super) fn start(mut command: Command) -> Running {
    let mut child = command.spawn().expect("hoego starts");
    let (lines, log) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    Running { child, log }
}

impl Running {
    /// The address its endpoints bound, from the log line that announces them (20 s at most).
    pub async fn endpoints(&self) -> SocketAddr {
        for _ in 0..400 {
            while let Ok(line) = self.log.try_recv() {
                if line.contains("health and metrics endpoints up") {
                    let event: serde_json::Value = serde_json::from_str(&line).unwrap();
                    return event["addr"].as_str().unwrap().parse().unwrap();
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no endpoints announced");
    }

    /// Waits (20 s at most) for it to exit: its exit code and everything it logged.
    async fn exit(mut self) -> (Option<i32>, String) {
        for _ in 0..400 {
            if let Some(status) = self.child.try_wait().unwrap() {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let log: Vec<String> = self.log.try_iter().collect();
                return (status.code(), log.join("\n"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.child.kill().unwrap();
        panic!("it did not exit");
    }
}

#[tokio::test]
async fn two_replicas_on_one_host_and_one_postgresql_both_serve_their_endpoints() {
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let fake = FakeSlack::with_tokens("xoxb-run", "xapp-run").await;
    let dir = tempfile::tempdir().unwrap();
    let url = db.settings.url.expose().to_string();

    let mut first = start(replica(&fake.api_url(), &url, dir.path()));
    let mut second = start(replica(&fake.api_url(), &url, dir.path()));
    let (a, b) = (first.endpoints().await, second.endpoints().await);
    let ready = (becomes_ready(a).await, becomes_ready(b).await);
    let healthz = crate::http_endpoints::get(b, "/healthz").await.0;
    let stopped = [
        crate::support::process::terminate(&mut first.child).await,
        crate::support::process::terminate(&mut second.child).await,
    ];

    assert_ne!(a.port(), b.port());
    assert_eq!(ready, (true, true), "both ready at {a} and {b}");
    assert_eq!(healthz, 200);
    assert!(stopped.iter().all(|(_, status)| status.code() == Some(0)));
    db.finish().await;
}

#[tokio::test]
async fn a_second_replica_on_one_sqlite_file_refuses_to_start_and_a_killed_one_leaves_no_lock() {
    let fake = FakeSlack::with_tokens("xoxb-run", "xapp-run").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoego.db");
    let url = format!("sqlite://{}", file.display());

    let mut first = start(replica(&fake.api_url(), &url, dir.path()));
    let at = first.endpoints().await;
    let first_ready = becomes_ready(at).await;
    let (code, log) = start(replica(&fake.api_url(), &url, dir.path()))
        .exit()
        .await;
    let still_ready = becomes_ready(at).await;
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    let mut third = start(replica(&fake.api_url(), &url, dir.path()));
    let third_ready = becomes_ready(third.endpoints().await).await;
    crate::support::process::terminate(&mut third.child).await;

    assert!(first_ready);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("already running"), "{log}");
    assert!(
        log.contains(&file.display().to_string()),
        "names the file: {log}"
    );
    assert!(
        log.contains(&format!("process {}", first.child.id())),
        "names the holder: {log}"
    );
    assert!(log.contains("PostgreSQL"), "says how to run several: {log}");
    assert!(still_ready, "the first one keeps running");
    assert!(
        third_ready,
        "a replica killed with SIGKILL leaves no lock behind"
    );
}
