//! The fake Discord refuses what Discord refuses, with Discord's status, code and body: each
//! rule checked by a request that breaks it (and, where it matters, one that keeps it).

use std::time::Duration;

use serde_json::{Value, json};

use super::fake::{APP_ID, FakeDiscord, TOKEN};
use super::payloads::{Person, Place, button, modal_submit};

/// A request to the fake with the bot's token (or `token`): status, body, headers.
async fn call(
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

async fn post(fake: &FakeDiscord, path: &str, body: Value) -> (u16, Value) {
    let (status, answer, _) = call(fake, "POST", path, body, Some(TOKEN)).await;
    (status, answer)
}

/// The first `_errors` entry under `path` of a 50035 body.
fn form_error<'a>(answer: &'a Value, path: &[&str]) -> &'a Value {
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

#[tokio::test]
async fn an_interaction_gets_one_initial_response_within_three_seconds() {
    let fake = FakeDiscord::start().await;
    let who = Person::member("6101");
    fake.dispatch("INTERACTION_CREATE", button(1, &who, Place::Dm, "answer:1"));
    fake.dispatch("INTERACTION_CREATE", button(2, &who, Place::Dm, "answer:2"));
    let message = json!({"type": 4, "data": {"content": "ok"}});

    let never = post(&fake, "/interactions/99/tok-99/callback", message.clone()).await;
    let first = post(&fake, "/interactions/1/tok-1/callback", message.clone()).await;
    let second = post(&fake, "/interactions/1/tok-1/callback", message.clone()).await;
    fake.set_interaction_deadline(Duration::from_millis(50));
    tokio::time::sleep(Duration::from_millis(80)).await;
    let late = post(&fake, "/interactions/2/tok-2/callback", message).await;

    let unknown = json!({"message": "Unknown interaction", "code": 10062});
    assert_eq!(never, (404, unknown.clone()));
    assert_eq!(first.0, 204);
    assert_eq!(
        second,
        (
            400,
            json!({"message": "Interaction has already been acknowledged.", "code": 40060})
        )
    );
    assert_eq!(late, (404, unknown));
}

#[tokio::test]
async fn follow_ups_and_edits_need_the_initial_response_first() {
    let fake = FakeDiscord::start().await;
    let who = Person::member("6101");
    fake.dispatch("INTERACTION_CREATE", button(1, &who, Place::Dm, "answer:1"));
    fake.dispatch("INTERACTION_CREATE", button(2, &who, Place::Dm, "answer:2"));
    let edit = |token: &str| format!("/webhooks/{APP_ID}/{token}/messages/@original");

    let early = post(
        &fake,
        &format!("/webhooks/{APP_ID}/tok-1"),
        json!({"content": "hi"}),
    )
    .await;
    let (early_edit, _, _) = call(
        &fake,
        "PATCH",
        &edit("tok-1"),
        json!({"content": "x"}),
        None,
    )
    .await;
    post(
        &fake,
        "/interactions/1/tok-1/callback",
        json!({"type": 5, "data": {"flags": 64}}),
    )
    .await;
    let (edited, _, _) = call(
        &fake,
        "PATCH",
        &edit("tok-1"),
        json!({"content": "saved"}),
        None,
    )
    .await;
    let modal = json!({"type": 9, "data": {"custom_id": "m", "title": "Form", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "q", "label": "Q", "style": 2}]}]}});
    post(&fake, "/interactions/2/tok-2/callback", modal).await;
    let (modal_edit, answer, _) = call(
        &fake,
        "PATCH",
        &edit("tok-2"),
        json!({"content": "x"}),
        None,
    )
    .await;

    assert_eq!(
        early,
        (404, json!({"message": "Unknown Webhook", "code": 10015}))
    );
    assert_eq!(early_edit, 404);
    assert_eq!(edited, 200);
    assert_eq!(
        (modal_edit, answer),
        (404, json!({"message": "Unknown Message", "code": 10008}))
    );
}

#[tokio::test]
async fn a_modal_over_discords_limits_is_refused_field_by_field() {
    let fake = FakeDiscord::start().await;
    let who = Person::member("6101");
    let input = |label: String, extra: Value| {
        let mut input = json!({"type": 4, "custom_id": "q", "label": label, "style": 2});
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        json!({"type": 1, "components": [input]})
    };
    let modal = |title: String, rows: Vec<Value>| json!({"type": 9, "data": {"custom_id": "answer:1", "title": title, "components": rows}});
    let cases = [
        (
            modal("x".repeat(46), vec![input("ok".into(), json!({}))]),
            vec!["data", "title"],
            "Must be between 1 and 45 in length.",
        ),
        (
            modal(
                "ok".into(),
                (0..6).map(|_| input("ok".into(), json!({}))).collect(),
            ),
            vec!["data", "components"],
            "Must be between 1 and 5 in length.",
        ),
        (
            modal("ok".into(), vec![input("x".repeat(46), json!({}))]),
            vec!["data", "components", "0", "components", "0", "label"],
            "Must be between 1 and 45 in length.",
        ),
        (
            modal(
                "ok".into(),
                vec![input("ok".into(), json!({"placeholder": "x".repeat(101)}))],
            ),
            vec!["data", "components", "0", "components", "0", "placeholder"],
            "Must be 100 or fewer in length.",
        ),
        (
            modal(
                "ok".into(),
                vec![input("ok".into(), json!({"value": "x".repeat(4001)}))],
            ),
            vec!["data", "components", "0", "components", "0", "value"],
            "Must be 4000 or fewer in length.",
        ),
    ];
    for (i, (body, path, message)) in cases.into_iter().enumerate() {
        let id = 10 + i as u64;
        fake.dispatch(
            "INTERACTION_CREATE",
            button(id, &who, Place::Dm, "answer:1"),
        );

        let (status, answer) = post(
            &fake,
            &format!("/interactions/{id}/tok-{id}/callback"),
            body,
        )
        .await;

        assert_eq!((status, &answer["code"]), (400, &json!(50035)), "{answer}");
        assert_eq!(form_error(&answer, &path)["message"], message, "{answer}");
    }
    fake.dispatch(
        "INTERACTION_CREATE",
        modal_submit(30, &who, Place::Dm, "answer:1", &[("q", "a")]),
    );
    let again = modal("ok".into(), vec![input("ok".into(), json!({}))]);
    let (status, _) = post(&fake, "/interactions/30/tok-30/callback", again).await;
    assert_eq!(
        status, 400,
        "a modal submit cannot be answered with another modal"
    );
}

#[tokio::test]
async fn a_command_list_breaking_discords_schema_is_not_registered() {
    let fake = FakeDiscord::start().await;
    let route = format!("/applications/{APP_ID}/commands");
    let command = |extra: Value| {
        let mut command = json!({"name": "hoego", "description": "Reflect", "type": 1});
        for (k, v) in extra.as_object().unwrap() {
            command[k] = v.clone();
        }
        json!([command])
    };
    let option = |name: &str, required: bool| json!({"type": 3, "name": name, "description": "d", "required": required});
    let cases = [
        (
            command(json!({"name": "Hoego"})),
            vec!["0", "name"],
            "APPLICATION_COMMAND_INVALID_NAME",
        ),
        (
            command(json!({"description": "x".repeat(101)})),
            vec!["0", "description"],
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            command(
                json!({"options": (0..26).map(|i| option(&format!("o{i}"), false)).collect::<Vec<_>>()}),
            ),
            vec!["0", "options"],
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            command(json!({"options": [option("a", false), option("b", true)]})),
            vec!["0", "options", "1", "required"],
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        ),
        (
            command(
                json!({"options": (0..25).map(|i| json!({"type": 3, "name": format!("o{i}"), "description": "x".repeat(100), "choices": (0..2).map(|c| json!({"name": "y".repeat(60), "value": format!("v{c}")})).collect::<Vec<_>>()})).collect::<Vec<_>>()}),
            ),
            vec!["0"],
            "APPLICATION_COMMAND_TOO_LARGE",
        ),
    ];
    for (body, path, code) in cases {
        let (status, answer, _) = call(&fake, "PUT", &route, body, Some(TOKEN)).await;

        assert_eq!((status, &answer["code"]), (400, &json!(50035)), "{answer}");
        assert_eq!(form_error(&answer, &path)["code"], code, "{answer}");
    }
    let (status, _, _) = call(&fake, "PUT", &route, command(json!({})), Some(TOKEN)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn listing_members_needs_the_privileged_intent() {
    let fake = FakeDiscord::start().await;

    let (refused, answer, _) = call(
        &fake,
        "GET",
        "/guilds/8000/members?limit=1000",
        Value::Null,
        Some(TOKEN),
    )
    .await;
    fake.enable_members_intent();
    let (allowed, _, _) = call(
        &fake,
        "GET",
        "/guilds/8000/members?limit=1000",
        Value::Null,
        Some(TOKEN),
    )
    .await;

    assert_eq!(
        (refused, answer),
        (403, json!({"message": "Missing Access", "code": 50001}))
    );
    assert_eq!(allowed, 200);
}
