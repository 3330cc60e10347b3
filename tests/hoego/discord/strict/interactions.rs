//! The fake Discord's interactions, modals and command registration refuse what Discord
//! refuses: the 3-second deadline, a second response, follow-ups before the response, modal and
//! command schema limits.

use std::time::Duration;

use serde_json::{Value, json};

use super::super::fake::{APP_ID, FakeDiscord, TOKEN};
use super::super::payloads::{Person, Place, button, modal_submit};
use super::{call, form_error, post};

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
