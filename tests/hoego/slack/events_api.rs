//! The HTTP Events API: a request with Slack's v0 signature is handled; a missing, wrong or
//! stale signature gets 401 and changes nothing.

use crate::on_each_backend;
use crate::support::Backend;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::SecretString;
use sha2::Sha256;

use super::SlackApp;
use super::payloads::{ALICE, CHANNEL};

const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";

/// Slack's `v0=<hex HMAC-SHA256 of "v0:<ts>:<body>">`.
fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("v0:{timestamp}:{body}").as_bytes());
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

fn form(app: &SlackApp, response_url: &str) -> String {
    let fields = [
        ("team_id", super::fake::TEAM),
        ("team_domain", "fake"),
        ("channel_id", CHANNEL),
        ("user_id", ALICE.id),
        ("user_name", ALICE.name),
        ("command", "/hoego"),
        ("text", "help"),
        ("response_url", response_url),
        ("trigger_id", &app.trigger()),
    ];
    serde_urlencoded::to_string(fields).unwrap()
}

async fn post(app: &SlackApp, body: String, signature: Option<(String, i64)>) -> u16 {
    let addr = app.bot.as_ref().unwrap().http_addr().unwrap();
    let mut request = reqwest::Client::new()
        .post(format!("http://{addr}/slack/commands"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some((signature, timestamp)) = signature {
        request = request
            .header("x-slack-signature", signature)
            .header("x-slack-request-timestamp", timestamp.to_string());
    }
    request.send().await.unwrap().status().as_u16()
}

/// The bot on the HTTP Events API alone (no app token: no Socket Mode).
async fn events_api_only(backend: Backend) -> Option<SlackApp> {
    SlackApp::start_with(backend, |settings, _| {
        settings.app_token = None;
        settings.signing_secret = Some(SecretString::from(SECRET));
        settings.http_bind = Some("127.0.0.1:0".parse().unwrap());
    })
    .await
}

async fn only_requests_signed_with_the_signing_secret_within_five_minutes_are_handled(
    backend: Backend,
) {
    let Some(app) = events_api_only(backend).await else {
        return;
    };
    let now = chrono::Utc::now().timestamp();

    let (wrong_url, stale_url, missing_url, good_url) = (
        app.fake.response_url(),
        app.fake.response_url(),
        app.fake.response_url(),
        app.fake.response_url(),
    );
    let wrong = form(&app, &wrong_url);
    let wrong_status = post(
        &app,
        wrong.clone(),
        Some((sign("not-the-secret", now, &wrong), now)),
    )
    .await;
    let stale = form(&app, &stale_url);
    let old = now - 6 * 60;
    let stale_status = post(&app, stale.clone(), Some((sign(SECRET, old, &stale), old))).await;
    let missing_status = post(&app, form(&app, &missing_url), None).await;
    let good = form(&app, &good_url);
    let good_status = post(&app, good.clone(), Some((sign(SECRET, now, &good), now))).await;
    let answered = app.answer_at(&good_url).await;

    assert_eq!(
        (wrong_status, stale_status, missing_status, good_status),
        (401, 401, 401, 200)
    );
    assert!(super::text_of(&answered.body).contains("recap"));
    let answered_urls: Vec<String> = app
        .fake
        .calls_of("response_url")
        .iter()
        .map(|c| c.body["response_url_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        answered_urls.len(),
        1,
        "only the signed request was handled: {answered_urls:?}"
    );
    assert!(
        app.fake.calls_of("apps.connections.open").is_empty(),
        "no Socket Mode without an app token"
    );
    app.finish().await;
}

async fn slack_checking_the_request_url_gets_its_challenge_back(backend: Backend) {
    let Some(app) = events_api_only(backend).await else {
        return;
    };
    let addr = app.bot.as_ref().unwrap().http_addr().unwrap();
    let body = r#"{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let now = chrono::Utc::now().timestamp();

    let response = reqwest::Client::new()
        .post(format!("http://{addr}/slack/events"))
        .header("content-type", "application/json")
        .header("x-slack-signature", sign(SECRET, now, body))
        .header("x-slack-request-timestamp", now.to_string())
        .body(body)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.unwrap();
    assert_eq!(text, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    app.finish().await;
}

on_each_backend!(
    only_requests_signed_with_the_signing_secret_within_five_minutes_are_handled,
    slack_checking_the_request_url_gets_its_challenge_back,
);
