//! The HTTP Events API on `slack.http_bind`: slash commands, interactions and events POSTed by
//! Slack to `/slack/events` (also `/slack/commands`, `/slack/interactions`). Every request must
//! carry Slack's v0 signature (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret)
//! and a timestamp within five minutes; anything else gets 401 and does nothing.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use slack_morphism::prelude::*;
use slack_morphism::signature_verifier::SlackEventSignatureVerifier;
use tokio::task::JoinHandle;

use super::handler::Handler;

/// What the routes share.
#[derive(Clone)]
struct App {
    handler: Arc<Handler>,
    verifier: Arc<SlackEventSignatureVerifier>,
}

/// Listens on `bind`; returns the bound address and the server's task.
pub async fn serve(
    bind: SocketAddr,
    handler: Arc<Handler>,
    secret: String,
) -> anyhow::Result<(SocketAddr, JoinHandle<()>)> {
    let verifier = SlackEventSignatureVerifier::new(&SlackSigningSecret::new(secret));
    let app = App {
        handler,
        verifier: Arc::new(verifier),
    };
    let router = Router::new()
        .route("/slack/events", post(receive))
        .route("/slack/commands", post(receive))
        .route("/slack/interactions", post(receive))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on slack.http_bind = {bind}: {e}"))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "Slack Events API listening");
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            tracing::error!(error = %error, "the Slack Events API server stopped");
        }
    });
    Ok((addr, task))
}

async fn receive(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(reason) = verify(&app.verifier, &headers, &body) {
        tracing::warn!(reason, "refused an unverified Slack request");
        return (StatusCode::UNAUTHORIZED, reason).into_response();
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return event(&app, &body);
    }
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(&body) else {
        return (StatusCode::BAD_REQUEST, "not a Slack request").into_response();
    };
    if let Some(payload) = form.get("payload") {
        return interaction(&app, payload).await;
    }
    match serde_urlencoded::from_bytes::<SlackCommandEvent>(&body) {
        Ok(command) => {
            app.handler.command(command);
            StatusCode::OK.into_response()
        }
        Err(_) => (StatusCode::BAD_REQUEST, "not a Slack command").into_response(),
    }
}

/// Checks the signature headers against the body.
fn verify(
    verifier: &SlackEventSignatureVerifier,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), &'static str> {
    let read = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signature = read("x-slack-signature").ok_or("missing X-Slack-Signature")?;
    let timestamp = read("x-slack-request-timestamp").ok_or("missing X-Slack-Request-Timestamp")?;
    let body = std::str::from_utf8(body).map_err(|_| "body is not UTF-8")?;
    verifier
        .verify(signature, body, timestamp)
        .map_err(|_| "wrong or expired signature")
}

fn event(app: &App, body: &[u8]) -> Response {
    match serde_json::from_slice::<SlackPushEvent>(body) {
        Ok(SlackPushEvent::UrlVerification(check)) => check.challenge.into_response(),
        Ok(SlackPushEvent::EventCallback(event)) => {
            app.handler.event(event);
            StatusCode::OK.into_response()
        }
        Ok(SlackPushEvent::AppRateLimited(_)) => StatusCode::OK.into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "not a Slack event").into_response(),
    }
}

async fn interaction(app: &App, payload: &str) -> Response {
    let Ok(event) = serde_json::from_str::<SlackInteractionEvent>(payload) else {
        return (StatusCode::BAD_REQUEST, "not a Slack interaction").into_response();
    };
    match app.handler.interaction(event).await {
        SlackInteractionResponse::Empty => StatusCode::OK.into_response(),
        other => axum::Json(other).into_response(),
    }
}
