//! The fake Slack refuses what Slack refuses, with Slack's status and error words: each rule
//! checked by a call that breaks it (and, where it matters, one that keeps it).

use std::time::Duration;

use serde_json::{Value, json};

use super::fake::{APP_TOKEN, BOT_TOKEN, FakeSlack};

/// A Web API call with `token`: status, body, `Retry-After`.
async fn call(
    fake: &FakeSlack,
    method: &str,
    body: Value,
    token: Option<&str>,
) -> (u16, Value, Option<String>) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/{method}", fake.api_url()))
        .header("content-type", "application/json; charset=utf-8")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    (status, json_of(response).await, retry)
}

async fn json_of(response: reqwest::Response) -> Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap_or(Value::Null)
}

async fn bot(fake: &FakeSlack, method: &str, body: Value) -> Value {
    call(fake, method, body, Some(BOT_TOKEN)).await.1
}

fn refused(error: &str) -> Value {
    json!({"ok": false, "error": error})
}

#[tokio::test]
async fn each_method_takes_its_own_kind_of_token() {
    let fake = FakeSlack::start().await;
    let post = json!({"channel": "C0RETRO", "text": "hi"});

    let missing = call(&fake, "chat.postMessage", post.clone(), None).await.1;
    let wrong = call(&fake, "chat.postMessage", post.clone(), Some("xoxb-other"))
        .await
        .1;
    let app_token = call(&fake, "chat.postMessage", post, Some(APP_TOKEN))
        .await
        .1;
    let bot_for_socket = call(&fake, "apps.connections.open", json!({}), Some(BOT_TOKEN))
        .await
        .1;
    let app_for_socket = call(&fake, "apps.connections.open", json!({}), Some(APP_TOKEN))
        .await
        .1;

    assert_eq!(missing, refused("not_authed"));
    assert_eq!(wrong, refused("invalid_auth"));
    assert_eq!(app_token, refused("not_allowed_token_type"));
    assert_eq!(bot_for_socket, refused("not_allowed_token_type"));
    assert_eq!(app_for_socket["ok"], true);
    assert_eq!(fake.take_violations().len(), 4);
}

#[tokio::test]
async fn messages_over_block_kit_limits_are_refused_with_slacks_messages() {
    let fake = FakeSlack::start().await;
    let section =
        |text: String| json!({"type": "section", "text": {"type": "mrkdwn", "text": text}});
    let button = |text: String, action: String| {
        json!({"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": action}]})
    };
    let cases = [
        (
            vec![section("x".repeat(3001))],
            "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
        ),
        (
            (0..51).map(|_| section("ok".into())).collect(),
            "[ERROR] no more than 50 items allowed [json-pointer:/blocks]",
        ),
        (
            vec![button("x".repeat(76), "a".into())],
            "[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
        ),
        (
            vec![button("ok".into(), "a".repeat(256))],
            "[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
        ),
    ];
    for (i, (blocks, message)) in cases.into_iter().enumerate() {
        let channel = format!("C{i}");
        let answer = bot(
            &fake,
            "chat.postMessage",
            json!({"channel": channel, "text": "t", "blocks": blocks}),
        )
        .await;

        assert_eq!(answer["error"], "invalid_blocks", "{answer}");
        assert_eq!(
            answer["response_metadata"]["messages"][0], message,
            "{answer}"
        );
    }
    let long = bot(
        &fake,
        "chat.postMessage",
        json!({"channel": "C9", "text": "x".repeat(40_001)}),
    )
    .await;
    let empty = bot(
        &fake,
        "chat.postMessage",
        json!({"channel": "C8", "text": ""}),
    )
    .await;
    let unopened = bot(
        &fake,
        "chat.postMessage",
        json!({"channel": "DUALICE", "text": "hi"}),
    )
    .await;
    bot(&fake, "conversations.open", json!({"users": "UALICE"})).await;
    let opened = bot(
        &fake,
        "chat.postMessage",
        json!({"channel": "DUALICE", "text": "hi"}),
    )
    .await;
    assert_eq!(long, refused("msg_too_long"));
    assert_eq!(empty, refused("no_text"));
    assert_eq!(unopened, refused("channel_not_found"));
    assert_eq!(opened["ok"], true, "{opened}");
}

#[tokio::test]
async fn posting_faster_than_about_one_message_a_second_in_a_channel_is_rate_limited() {
    let fake = FakeSlack::start().await;
    let post = json!({"channel": "C0RETRO", "text": "hi"});
    for _ in 0..3 {
        assert_eq!(
            bot(&fake, "chat.postMessage", post.clone()).await["ok"],
            true
        );
    }

    let (status, answer, retry) = call(&fake, "chat.postMessage", post, Some(BOT_TOKEN)).await;
    let other = bot(
        &fake,
        "chat.postMessage",
        json!({"channel": "C0OTHER", "text": "hi"}),
    )
    .await;

    assert_eq!((status, answer), (429, refused("ratelimited")));
    let seconds: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!((1..=3).contains(&seconds), "{seconds}");
    assert_eq!(other["ok"], true, "the pace is per channel");
    assert!(
        fake.take_violations().is_empty(),
        "a 429 is not a violation"
    );
}

#[tokio::test]
async fn a_trigger_id_opens_one_valid_view_within_three_seconds() {
    let fake = FakeSlack::start().await;
    let view = |title: &str| {
        json!({"type": "modal", "title": {"type": "plain_text", "text": title},
        "blocks": [{"type": "input", "block_id": "q", "label": {"type": "plain_text", "text": "Q"},
                    "element": {"type": "plain_text_input", "action_id": "text", "max_length": 3000}}]})
    };
    let issue = |trigger: &str| fake.issue_trigger(trigger);
    issue("t1");
    issue("t2");

    let too_long = bot(
        &fake,
        "views.open",
        json!({"trigger_id": "t1", "view": view(&"x".repeat(25))}),
    )
    .await;
    let first = bot(
        &fake,
        "views.open",
        json!({"trigger_id": "t1", "view": view("Weekly")}),
    )
    .await;
    let second = bot(
        &fake,
        "views.open",
        json!({"trigger_id": "t1", "view": view("Weekly")}),
    )
    .await;
    let never = bot(
        &fake,
        "views.open",
        json!({"trigger_id": "t9", "view": view("Weekly")}),
    )
    .await;
    fake.set_trigger_lifetime(Duration::from_millis(20));
    tokio::time::sleep(Duration::from_millis(40)).await;
    let late = bot(
        &fake,
        "views.open",
        json!({"trigger_id": "t2", "view": view("Weekly")}),
    )
    .await;

    assert_eq!(too_long["error"], "invalid_arguments");
    assert_eq!(
        too_long["response_metadata"]["messages"][0],
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    );
    assert_eq!(
        (first["ok"].clone(), first["view"]["id"].is_string()),
        (json!(true), true)
    );
    assert_eq!(second, refused("exchanged_trigger_id"));
    assert_eq!(never, refused("invalid_trigger_id"));
    assert_eq!(late, refused("expired_trigger_id"));
}

#[tokio::test]
async fn a_response_url_takes_five_messages() {
    let fake = FakeSlack::start().await;
    let url = fake.response_url();
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response = client
            .post(&url)
            .header("content-type", "application/json")
            .body(json!({"text": "hi"}).to_string())
            .send()
            .await
            .unwrap();
        statuses.push((response.status().as_u16(), json_of(response).await));
    }

    assert!(statuses[..5].iter().all(|(s, _)| *s == 200));
    assert_eq!(statuses[5], (404, refused("used_url")));
}
