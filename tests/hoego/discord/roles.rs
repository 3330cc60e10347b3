//! `schedule add … role`: everyone with the role takes part, listed through REST
//! `GET /guilds/{id}/members`, only with the Server Members intent; without it the admin is told
//! why and nothing is added.

use crate::on_each_backend;
use crate::support::Backend;
use serde_json::{Value, json};

use super::payloads::{self, GUILD, Person};
use super::{DiscordApp, content, ephemeral};

pub(crate) const ROLE: &str = "9100";

/// `/hoego schedule add template:weekly cron:… name:retro role:<ROLE>` with the role resolved.
pub(crate) fn add_with_role(id: u64, who: &Person) -> Value {
    let options = json!([
        {"name": "template", "type": 3, "value": "weekly"},
        {"name": "cron", "type": 3, "value": "0 17 * * FRI"},
        {"name": "name", "type": 3, "value": "retro"},
        {"name": "role", "type": 8, "value": ROLE},
    ]);
    let inner = json!([{"name": "add", "type": 1, "options": options}]);
    let group = json!([{"name": "schedule", "type": 2, "options": inner}]);
    let mut payload = payloads::slash(id, who, group);
    payload["data"]["resolved"] = json!({"roles": {ROLE: {
        "id": ROLE, "guild_id": GUILD, "name": "retro-crew", "color": 0, "hoist": false,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "icon": null, "unicode_emoji": null, "position": 1, "permissions": "0",
        "managed": false, "mentionable": true, "flags": 0
    }}});
    payload
}

pub(crate) fn member(id: &str, roles: &[&str], bot: bool) -> Value {
    json!({
        "user": {"id": id, "username": format!("user{id}"), "discriminator": "0",
                 "global_name": null, "avatar": null, "bot": bot},
        "roles": roles, "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2026-01-01T00:00:00.000000+00:00",
    })
}

pub(crate) async fn participants(app: &DiscordApp) -> Vec<String> {
    let (team, _) = app
        .service
        .identify(&app.actor(&Person::admin("6000")))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for schedule in app.store.schedules(team.id).await.unwrap() {
        for m in app.store.participants_of(schedule.id).await.unwrap() {
            ids.push(m.user_id);
        }
    }
    ids.sort();
    ids
}

async fn without_the_members_intent_a_role_audience_is_refused_with_the_reason(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let admin = Person::admin("6000");

    let response = app.interact(|id| add_with_role(id, &admin)).await;

    let text = content(&response);
    assert!(ephemeral(&response), "{response}");
    assert!(text.contains("Server Members intent"), "{text}");
    assert!(text.contains("discord.members_intent = true"), "{text}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    assert!(app.store.schedules(team.id).await.unwrap().is_empty());
    assert!(app.fake.requests_to("GET", "/members").is_empty());
    app.finish().await;
}

async fn with_the_members_intent_everyone_with_the_role_takes_part(backend: Backend) {
    let Some(app) = DiscordApp::start_with(backend, |s, fake| {
        s.members_intent = true;
        fake.enable_members_intent();
    })
    .await
    else {
        return;
    };
    app.registered().await;
    app.fake.set_members(vec![
        member("6001", &[ROLE], false),
        member("6002", &[ROLE, "9200"], false),
        member("6003", &["9200"], false),
        member("1999", &[ROLE], true),
    ]);
    let admin = Person::admin("6000");

    let deferred = app.interact(|id| add_with_role(id, &admin)).await;
    let followed = app.fake.wait_for("POST", "/webhooks/", 1).await;

    assert_eq!(deferred["type"], 5, "{deferred}");
    assert!(ephemeral(&deferred), "{deferred}");
    let text = followed[0].body["content"].as_str().unwrap_or_default();
    assert!(text.contains("retro-crew (2)"), "{text}");
    let listed = app
        .fake
        .requests_to("GET", &format!("/guilds/{GUILD}/members"));
    assert_eq!(listed.len(), 1);
    let ids = participants(&app).await;
    assert!(ids.contains(&"6001".to_string()), "{ids:?}");
    assert!(ids.contains(&"6002".to_string()), "{ids:?}");
    assert!(!ids.contains(&"6003".to_string()), "{ids:?}");
    assert!(!ids.contains(&"1999".to_string()), "{ids:?}");
    app.finish().await;
}

on_each_backend!(
    without_the_members_intent_a_role_audience_is_refused_with_the_reason,
    with_the_members_intent_everyone_with_the_role_takes_part,
);
