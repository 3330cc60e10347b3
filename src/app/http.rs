//! The operator's endpoints: `/healthz` (the process is alive), `/readyz` (the database
//! answers and every watched connection — the Discord gateway — is up), `/metrics` (Prometheus
//! text format).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

use crate::platform::Connection;
use crate::store::Store;

/// How long `/readyz` waits for the database: probes commonly give up after a second, so a
/// database that hangs is reported as down well within it.
const DATABASE_BUDGET: std::time::Duration = std::time::Duration::from_millis(700);

/// The process-wide metrics recorder, installed on first use.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (tests); ours still renders its own.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// What `/readyz` requires besides the database: connections and background loops, by name,
/// each with what `/readyz` says when it is down.
#[derive(Debug, Clone, Default)]
pub struct Readiness(Arc<Mutex<Vec<Watched>>>);

/// What `/readyz` says of a watched connection that is down.
const NOT_CONNECTED: &str = "not connected";

/// A watched connection or loop: its name, what is said of it when down, and its state.
type Watched = (&'static str, &'static str, Connection);

impl Readiness {
    /// Makes `/readyz` require `connection` (named `name` in its answer when down), in place of
    /// what [`Readiness::expect`] held for it.
    pub fn watch(&self, name: &'static str, connection: Connection) {
        let mut watched = self.0.lock().expect("readiness");
        watched.retain(|(held, why, _)| *held != name || *why != NOT_CONNECTED);
        watched.push((name, NOT_CONNECTED, connection));
    }

    /// Makes `/readyz` wait for the connection `name` before it is even started: not ready until
    /// [`Readiness::watch`] hands over the real connection and that one is up.
    pub fn expect(&self, name: &'static str) {
        self.watch(name, Connection::default());
    }

    /// Makes `/readyz` require that the background loop `name` has not panicked lately.
    pub fn watch_loop(&self, name: &'static str, health: Connection) {
        let watched = (
            name,
            "panicked lately and was restarted (see the log)",
            health,
        );
        self.0.lock().expect("readiness").push(watched);
    }

    /// The first watched connection or loop that is down, and what to say of it.
    fn down(&self) -> Option<(&'static str, &'static str)> {
        self.0
            .lock()
            .expect("readiness")
            .iter()
            .find(|(.., c)| !c.is_up())
            .map(|(name, why, _)| (*name, *why))
    }
}

#[derive(Clone)]
struct AppState {
    store: Store,
    metrics: PrometheusHandle,
    readiness: Readiness,
}

/// The endpoints' router (`/readyz` checks the database only).
pub fn router(store: Store) -> Router {
    router_with(store, Readiness::default())
}

/// The endpoints' router, `/readyz` also requiring the connections `readiness` watches.
pub fn router_with(store: Store, readiness: Readiness) -> Router {
    let state = AppState {
        store,
        metrics: metrics_handle(),
        readiness,
    };
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .with_state(state)
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let ping = tokio::time::timeout(DATABASE_BUDGET, state.store.ping()).await;
    let failure = match ping {
        Ok(Ok(())) => None,
        Ok(Err(error)) => Some(error.to_string()),
        Err(_) => Some(format!("no answer within {DATABASE_BUDGET:?}")),
    };
    if let Some(error) = failure {
        tracing::warn!(error = %error, "readiness check: database unreachable");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable\n".to_string(),
        );
    }
    match state.readiness.down() {
        Some((name, why)) => (StatusCode::SERVICE_UNAVAILABLE, format!("{name} {why}\n")),
        None => (StatusCode::OK, "ready\n".to_string()),
    }
}

async fn metrics_text(State(state): State<AppState>) -> impl IntoResponse {
    (
        [("content-type", "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}

/// A bound listener serving the endpoints.
pub struct HttpServer {
    listener: TcpListener,
    router: Router,
    readiness: Readiness,
}

impl HttpServer {
    /// Binds `addr` (port 0 picks a free port).
    pub async fn bind(addr: SocketAddr, store: Store) -> std::io::Result<HttpServer> {
        let listener = TcpListener::bind(addr).await?;
        let readiness = Readiness::default();
        Ok(HttpServer {
            listener,
            router: router_with(store, readiness.clone()),
            readiness,
        })
    }

    /// What `/readyz` requires besides the database; watch a connection to add it.
    pub fn readiness(&self) -> Readiness {
        self.readiness.clone()
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
