//! The fake Discord refuses what Discord refuses, with Discord's status, code and body: each
//! rule checked by a request that breaks it (and, where it matters, one that keeps it).

use serde_json::{Value, json};

use super::fake::{FakeDiscord, TOKEN};

mod interactions;

/// A request to the fake with the bot's token (or `token`): status, body, headers.
pub async fn call(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    body: Value,
    token: Option<&str>,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let url = format!("{}/api/v10{path}", fake.base_url());
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest::Client::new()
        .request(method, url)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.header("authorization", format!("Bot {token}"));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        headers,
    )
}

pub async fn post(fake: &FakeDiscord, path: &str, body: Value) -> (u16, Value) {
    let (status, answer, _) = call(fake, "POST", path, body, Some(TOKEN)).await;
    (status, answer)
}

/// The first `_errors` entry under `path` of a 50035 body.
pub fn form_error<'a>(answer: &'a Value, path: &[&str]) -> &'a Value {
    let mut at = &answer["errors"];
    for key in path {
        at = &at[*key];
    }
    &at["_errors"][0]
}

#[tokio::test]
async fn every_rest_call_needs_the_bots_token() {
    let fake = FakeDiscord::start().await;
    let body = json!({"content": "hi"});

    let missing = call(&fake, "POST", "/channels/5000/messages", body.clone(), None).await;
    let wrong = call(
        &fake,
        "POST",
        "/channels/5000/messages",
        body.clone(),
        Some("nope"),
    )
    .await;
    let right = call(&fake, "POST", "/channels/5000/messages", body, Some(TOKEN)).await;

    let unauthorized = json!({"message": "401: Unauthorized", "code": 0});
    assert_eq!((missing.0, &missing.1), (401, &unauthorized));
    assert_eq!((wrong.0, &wrong.1), (401, &unauthorized));
    assert_eq!(right.0, 200);
    assert_eq!(fake.take_violations().len(), 2);
}

#[tokio::test]
async fn messages_over_discords_limits_are_refused_with_invalid_form_body() {
    let fake = FakeDiscord::start().await;
    let row = |n: usize| json!({"type": 1, "components": (0..n).map(|i| json!({"type": 2, "style": 1, "label": "ok", "custom_id": format!("b{i}")})).collect::<Vec<_>>()});
    let cases = [
        (
            json!({"content": "x".repeat(2001)}),
            vec!["content"],
            "BASE_TYPE_MAX_LENGTH",
            "Must be 2000 or fewer in length.",
        ),
        (
            json!({"content": "ok", "components": (0..6).map(|_| row(1)).collect::<Vec<_>>()}),
            vec!["components"],
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 0 and 5 in length.",
        ),
        (
            json!({"content": "ok", "components": [row(6)]}),
            vec!["components", "0", "components"],
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 5 in length.",
        ),
        (
            json!({"content": "ok", "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x".repeat(81), "custom_id": "a"}]}]}),
            vec!["components", "0", "components", "0", "label"],
            "BASE_TYPE_MAX_LENGTH",
            "Must be 80 or fewer in length.",
        ),
        (
            json!({"content": "ok", "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "ok", "custom_id": "x".repeat(101)}]}]}),
            vec!["components", "0", "components", "0", "custom_id"],
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        ),
        (
            json!({"content": "ok", "nonce": "x".repeat(26), "enforce_nonce": true}),
            vec!["nonce"],
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ),
    ];
    fake.existing_dms((0..cases.len()).map(|i| ["a", "b", "c", "d", "e", "f"][i]));
    for (i, (body, path, code, message)) in cases.into_iter().enumerate() {
        let channel = format!("7{}", ["a", "b", "c", "d", "e", "f"][i]);
        let (status, answer) = post(&fake, &format!("/channels/{channel}/messages"), body).await;

        assert_eq!(
            (status, &answer["code"], &answer["message"]),
            (400, &json!(50035), &json!("Invalid Form Body")),
            "{answer}"
        );
        assert_eq!(
            form_error(&answer, &path),
            &json!({"code": code, "message": message}),
            "{answer}"
        );
    }
    let (status, answer) = post(&fake, "/channels/5100/messages", json!({"content": ""})).await;
    assert_eq!(
        (status, answer),
        (
            400,
            json!({"message": "Cannot send an empty message", "code": 50006})
        )
    );
}

#[tokio::test]
async fn a_channel_that_does_not_exist_is_unknown_until_the_dm_is_opened() {
    let fake = FakeDiscord::start().await;

    let before = post(&fake, "/channels/76101/messages", json!({"content": "hi"})).await;
    let opened = post(
        &fake,
        "/users/@me/channels",
        json!({"recipient_id": "6101"}),
    )
    .await;
    let after = post(&fake, "/channels/76101/messages", json!({"content": "hi"})).await;

    assert_eq!(
        before,
        (404, json!({"message": "Unknown Channel", "code": 10003}))
    );
    assert_eq!((opened.0, &opened.1["id"]), (200, &json!("76101")));
    assert_eq!(after.0, 200);
}

#[tokio::test]
async fn a_retried_send_with_an_enforced_nonce_returns_the_first_message() {
    let fake = FakeDiscord::start().await;
    let body = json!({"content": "prompt", "nonce": "hoego-d42", "enforce_nonce": true});

    let first = post(&fake, "/channels/5000/messages", body.clone()).await;
    let retry = post(&fake, "/channels/5000/messages", body).await;
    let unenforced = json!({"content": "prompt", "nonce": "hoego-d42"});
    let other = post(&fake, "/channels/5000/messages", unenforced).await;

    assert_eq!(first.1["id"], retry.1["id"]);
    assert_ne!(first.1["id"], other.1["id"]);
    assert_eq!(fake.messages_created_in("5000"), 2);
}

#[tokio::test]
async fn a_sixth_message_in_five_seconds_to_one_channel_is_rate_limited() {
    let fake = FakeDiscord::start().await;
    for _ in 0..5 {
        assert_eq!(
            post(&fake, "/channels/5000/messages", json!({"content": "hi"}))
                .await
                .0,
            200
        );
    }

    let (status, answer, headers) = call(
        &fake,
        "POST",
        "/channels/5000/messages",
        json!({"content": "hi"}),
        Some(TOKEN),
    )
    .await;
    let other_channel = post(&fake, "/channels/5100/messages", json!({"content": "hi"})).await;

    assert_eq!(status, 429);
    assert_eq!(
        (&answer["message"], &answer["global"]),
        (&json!("You are being rate limited."), &json!(false))
    );
    let retry_after = answer["retry_after"].as_f64().unwrap();
    assert!(retry_after > 0.0 && retry_after <= 5.0, "{answer}");
    assert_eq!(headers["x-ratelimit-limit"], "5");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert!(headers.contains_key("retry-after") && headers.contains_key("x-ratelimit-bucket"));
    assert_eq!(other_channel.0, 200, "buckets are per channel");
    assert_eq!(fake.rate_limited(), 1);
    assert!(
        fake.take_violations().is_empty(),
        "a 429 is not a violation"
    );
}

#[tokio::test]
async fn more_than_fifty_requests_in_a_second_meet_the_global_limit() {
    let fake = FakeDiscord::start().await;
    let mut statuses = Vec::new();
    for i in 0..51 {
        let channel = ["5000", "5100"][i % 2];
        let body = json!({"recipient_id": format!("9{i}")});
        let path = if i < 40 {
            "/users/@me/channels".to_string()
        } else {
            format!("/channels/{channel}/threads")
        };
        let body = if i < 40 {
            body
        } else {
            json!({"name": format!("t{i}")})
        };
        let (status, answer, headers) = call(&fake, "POST", &path, body, Some(TOKEN)).await;
        statuses.push((status, answer, headers));
    }

    let (status, answer, headers) = statuses.pop().unwrap();
    assert!(statuses.iter().all(|(s, _, _)| *s == 200));
    assert_eq!((status, &answer["global"]), (429, &json!(true)), "{answer}");
    assert_eq!(headers["x-ratelimit-global"], "true");
}
