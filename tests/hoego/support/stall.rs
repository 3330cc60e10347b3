//! A database that hangs on demand: on PostgreSQL the store talks through a loopback proxy that
//! can stop forwarding bytes while keeping every connection open (a hung server or network); on
//! SQLite another connection holds the write lock (a stuck writer). Either way hoego's queries
//! wait instead of failing, which is what a closed pool never shows.

use std::net::SocketAddr;

use hoego::config::DatabaseUrl;
use hoego::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::Backend;
use super::db::TestDb;
use super::locks::WriteLock;

/// Forwards TCP to a target until frozen.
pub struct StallingProxy {
    pub addr: SocketAddr,
    frozen: watch::Sender<bool>,
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
        let (frozen, watching) = watch::channel(false);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(target).await else {
                    continue;
                };
                let (client_read, client_write) = client.into_split();
                let (server_read, server_write) = server.into_split();
                tokio::spawn(pump(client_read, server_write, watching.clone()));
                tokio::spawn(pump(server_read, client_write, watching.clone()));
            }
        });
        StallingProxy { addr, frozen, task }
    }
}

/// Copies `from` to `to`, holding every chunk while the proxy is frozen.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut frozen: watch::Receiver<bool>,
) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let Ok(n) = from.read(&mut buffer).await else {
            return;
        };
        if n == 0 || frozen.wait_for(|f| !*f).await.is_err() {
            return;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}

/// How a test makes its database hang and come back.
pub enum Stall {
    Proxy(StallingProxy),
    Lock(Option<WriteLock>),
}

impl TestDb {
    /// A migrated database whose store can be made to hang (see [`Stall`]), or `None` when
    /// PostgreSQL was skipped explicitly.
    pub async fn new_stallable(backend: Backend) -> Option<(TestDb, Stall)> {
        let mut db = TestDb::new(backend).await?;
        let stall = match backend {
            Backend::Sqlite => Stall::Lock(None),
            Backend::Postgres => {
                let mut url = url::Url::parse(db.settings.url.expose()).unwrap();
                let target = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
                let proxy = StallingProxy::start(target.parse().unwrap()).await;
                url.set_port(Some(proxy.addr.port())).unwrap();
                let mut settings = db.settings.clone();
                settings.url = DatabaseUrl::parse(url.as_str()).unwrap();
                db.store.close().await;
                db.store = Store::connect(&settings).await.expect("through the proxy");
                Stall::Proxy(proxy)
            }
        };
        Some((db, stall))
    }
}

impl Stall {
    /// From now on the database does not answer (PostgreSQL) or does not let hoego write
    /// (SQLite).
    pub async fn hang(&mut self, db: &TestDb) {
        match self {
            Stall::Proxy(proxy) => {
                proxy.frozen.send_replace(true);
            }
            Stall::Lock(lock) => *lock = Some(db.hold_writes("answers").await),
        }
    }

    /// The database answers again; what waited goes on.
    pub async fn recover(&mut self) {
        match self {
            Stall::Proxy(proxy) => {
                proxy.frozen.send_replace(false);
            }
            Stall::Lock(lock) => {
                if let Some(lock) = lock.take() {
                    lock.release().await;
                }
            }
        }
    }
}
