//! A database that fails on demand, in each way a real one does during an outage: on PostgreSQL
//! the store talks through a loopback proxy that can refuse new connections and close the open
//! ones (the server is down), reset every connection (a network fault), or stop forwarding bytes
//! while keeping connections open (a hung server); on SQLite another connection holds the write
//! lock (a stuck writer). On both, the pool can be exhausted: each pooled connection waits behind
//! a blocked write, so a new request cannot get one.

use std::net::SocketAddr;
use std::time::Duration;

use hoego::config::DatabaseUrl;
use hoego::domain::lang::Lang;
use hoego::domain::state::Platform;
use hoego::domain::team::NewTeam;
use hoego::domain::zone::ZoneName;
use hoego::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::Backend;
use super::db::TestDb;
use super::locks::WriteLock;

/// Connections in the failing store's pool: few, so a test can occupy them all.
const POOL: u32 = 2;
/// How long the failing store waits for a connection (sqlx's acquire timeout): short, so an
/// exhausted pool or a refusing server fails well inside the platforms' deadlines.
const ACQUIRE: Duration = Duration::from_secs(1);

/// How the database fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server is down: new connections refused, open ones closed (PostgreSQL only).
    Refused,
    /// Every open connection reset, and new ones reset as they arrive (PostgreSQL only).
    Reset,
    /// Nothing answers: bytes held (PostgreSQL), the write lock held (SQLite).
    Hung,
    /// Every pooled connection busy behind a blocked write; no connection for anyone else.
    PoolExhausted,
}

impl Failure {
    /// The failures `backend` can show.
    pub fn all(backend: Backend) -> Vec<Failure> {
        match backend {
            Backend::Postgres => vec![
                Failure::Refused,
                Failure::Reset,
                Failure::Hung,
                Failure::PoolExhausted,
            ],
            Backend::Sqlite => vec![Failure::Hung, Failure::PoolExhausted],
        }
    }
}

/// What the proxy does with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Forward,
    Frozen,
    Refusing,
    Resetting,
}

impl Mode {
    /// Whether open connections are cut.
    fn cuts(self) -> bool {
        matches!(self, Mode::Refusing | Mode::Resetting)
    }
}

/// Forwards TCP to a target, or fails as told.
pub struct StallingProxy {
    pub addr: SocketAddr,
    mode: watch::Sender<Mode>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for StallingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl StallingProxy {
    /// A proxy on a free loopback port forwarding to `target`.
    pub async fn start(target: SocketAddr) -> StallingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (mode, watching) = watch::channel(Mode::Forward);
        let task = tokio::spawn(serve(listener, addr, target, watching));
        StallingProxy { addr, mode, task }
    }
}

/// Accepts and forwards; while refusing, the port is closed (connections are refused by the
/// system) and opened again after.
async fn serve(
    mut listener: TcpListener,
    addr: SocketAddr,
    target: SocketAddr,
    mut mode: watch::Receiver<Mode>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => Some(accepted),
            _ = mode.wait_for(|m| *m == Mode::Refusing) => None,
        };
        let Some(accepted) = accepted else {
            drop(listener);
            if mode.wait_for(|m| *m != Mode::Refusing).await.is_err() {
                return;
            }
            listener = TcpListener::bind(addr)
                .await
                .expect("the proxy's port again");
            continue;
        };
        let Ok((client, _)) = accepted else { return };
        if *mode.borrow() == Mode::Resetting {
            reset(&client);
            continue;
        }
        let Ok(server) = TcpStream::connect(target).await else {
            continue;
        };
        let (client_read, client_write) = client.into_split();
        let (server_read, server_write) = server.into_split();
        tokio::spawn(pump(client_read, server_write, mode.clone()));
        tokio::spawn(pump(server_read, client_write, mode.clone()));
    }
}

/// Copies `from` to `to`, holding every chunk while frozen, and cutting the connection (closed,
/// or reset) when told.
async fn pump(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, mut mode: watch::Receiver<Mode>) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = tokio::select! {
            read = from.read(&mut buffer) => Some(read),
            _ = mode.wait_for(|m| m.cuts()) => None,
        };
        let n = match read {
            Some(Ok(n)) if n > 0 => n,
            Some(_) => return,
            None => return cut(&from, &to, *mode.borrow()),
        };
        let Ok(now) = mode.wait_for(|m| *m != Mode::Frozen).await.map(|m| *m) else {
            return;
        };
        if now.cuts() {
            return cut(&from, &to, now);
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}

/// Ends a forwarded connection: reset (RST) when resetting, else closed once both halves drop.
fn cut(from: &OwnedReadHalf, to: &OwnedWriteHalf, mode: Mode) {
    if mode == Mode::Resetting {
        reset(from.as_ref());
        reset(to.as_ref());
    }
}

/// Makes the socket's close a reset.
fn reset(stream: &TcpStream) {
    let _ = stream.set_zero_linger();
}

/// A database that can fail (see [`Failure`]) and recover.
pub struct Stall {
    proxy: Option<StallingProxy>,
    lock: Option<WriteLock>,
    fillers: Vec<tokio::task::JoinHandle<()>>,
}

impl TestDb {
    /// A migrated database whose store can be made to fail (see [`Stall::fail`]), or `None`
    /// when PostgreSQL was skipped explicitly. Its store has a pool of [`POOL`] connections and
    /// waits at most [`ACQUIRE`] for one.
    pub async fn new_stallable(backend: Backend) -> Option<(TestDb, Stall)> {
        let mut db = TestDb::new(backend).await?;
        let mut settings = db.settings.clone();
        settings.max_connections = POOL;
        settings.connect_timeout = ACQUIRE;
        let proxy = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let mut url = url::Url::parse(db.settings.url.expose()).unwrap();
                let target = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
                let proxy = StallingProxy::start(target.parse().unwrap()).await;
                url.set_port(Some(proxy.addr.port())).unwrap();
                settings.url = DatabaseUrl::parse(url.as_str()).unwrap();
                Some(proxy)
            }
        };
        db.store.close().await;
        db.store = Store::connect(&settings).await.expect("the failable store");
        let stall = Stall {
            proxy,
            lock: None,
            fillers: Vec::new(),
        };
        Some((db, stall))
    }
}

impl Stall {
    /// From now on the database does not answer (PostgreSQL) or does not let hoego write
    /// (SQLite).
    pub async fn hang(&mut self, db: &TestDb) {
        self.fail(db, Failure::Hung).await;
    }

    /// From now on the database fails as `failure` says.
    pub async fn fail(&mut self, db: &TestDb, failure: Failure) {
        match failure {
            Failure::Refused => self.proxy_mode(Mode::Refusing),
            Failure::Reset => self.proxy_mode(Mode::Resetting),
            Failure::Hung if self.proxy.is_some() => self.proxy_mode(Mode::Frozen),
            Failure::Hung => self.lock = Some(db.hold_writes("answers").await),
            Failure::PoolExhausted => self.exhaust(db).await,
        }
    }

    fn proxy_mode(&self, mode: Mode) {
        let proxy = self
            .proxy
            .as_ref()
            .expect("a PostgreSQL failure needs the proxy");
        proxy.mode.send_replace(mode);
    }

    /// Blocks writes to `teams`, then starts one write per pooled connection, each holding its
    /// connection while it waits.
    async fn exhaust(&mut self, db: &TestDb) {
        self.lock = Some(db.hold_writes("teams").await);
        for n in 0..POOL {
            let store = db.store.clone();
            let team = NewTeam {
                platform: Platform::Console,
                external_id: format!("pool-filler-{n}"),
                name: "pool filler".into(),
                time_zone: ZoneName::parse("UTC").unwrap(),
                language: Lang::En,
            };
            self.fillers.push(tokio::spawn(async move {
                let _ = store.ensure_team(&team, chrono::Utc::now()).await;
            }));
        }
        // Each filler has taken its connection and waits behind the lock.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// The database answers again; what waited goes on.
    pub async fn recover(&mut self) {
        if let Some(proxy) = &self.proxy {
            proxy.mode.send_replace(Mode::Forward);
        }
        if let Some(lock) = self.lock.take() {
            lock.release().await;
        }
        for filler in self.fillers.drain(..) {
            let _ = filler.await;
        }
    }
}
