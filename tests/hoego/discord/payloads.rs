//! Gateway payloads the fake dispatches, each with every field serenity 0.12.5 requires (a
//! missing one makes serenity drop the event silently), and a test that serenity reads them.

use serde_json::{Value, json};

use super::fake::{APP_ID, message};

/// The guild the tests' team lives in.
pub const GUILD: &str = "8000";
/// The channel commands are typed in.
pub const CHANNEL: &str = "5000";
/// Manage Server.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// Send Messages (an ordinary member).
pub const SEND_MESSAGES: u64 = 1 << 11;

/// Someone using the bot.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub permissions: u64,
    pub locale: String,
}

impl Person {
    pub fn admin(id: &str) -> Person {
        Person::new(id, MANAGE_GUILD | SEND_MESSAGES)
    }

    pub fn member(id: &str) -> Person {
        Person::new(id, SEND_MESSAGES)
    }

    fn new(id: &str, permissions: u64) -> Person {
        Person {
            id: id.into(),
            name: format!("user{id}"),
            permissions,
            locale: "en-US".into(),
        }
    }

    pub fn speaking(mut self, locale: &str) -> Person {
        self.locale = locale.into();
        self
    }

    fn user(&self) -> Value {
        json!({"id": self.id, "username": self.name, "discriminator": "0", "global_name": null, "avatar": null})
    }
}

/// Where an interaction happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The guild's channel: the interaction carries the member and their permissions.
    Guild,
    /// A DM with the bot (prompts are DMs): only the user.
    Dm,
}

fn base(id: u64, kind: u8, who: &Person, place: Place, data: Value) -> Value {
    let mut payload = json!({
        "id": id.to_string(), "application_id": APP_ID, "type": kind, "data": data,
        "token": format!("tok-{id}"), "version": 1, "locale": who.locale,
        "entitlements": [], "attachment_size_limit": 8388608,
        "app_permissions": "2248473465835073",
    });
    match place {
        Place::Guild => {
            payload["guild_id"] = json!(GUILD);
            payload["channel_id"] = json!(CHANNEL);
            payload["guild_locale"] = json!("en-US");
            payload["member"] = json!({
                "user": who.user(), "roles": [], "deaf": false, "mute": false, "flags": 0,
                "joined_at": "2026-01-01T00:00:00.000000+00:00",
                "permissions": who.permissions.to_string(),
            });
        }
        Place::Dm => {
            payload["channel_id"] = json!(format!("7{}", who.id));
            payload["user"] = who.user();
        }
    }
    payload
}

/// `/hoego <options>` typed by `who` in the guild: `options` is the subcommand (group) list.
pub fn slash(id: u64, who: &Person, options: Value) -> Value {
    let data = json!({"id": "4000", "name": "hoego", "type": 1, "options": options});
    base(id, 2, who, Place::Guild, data)
}

/// Autocomplete of `/hoego <sub> <option>` with `typed` so far (the option is focused).
pub fn autocomplete(id: u64, who: &Person, sub: &str, option: &str, typed: &str) -> Value {
    let focused = json!([{"name": option, "type": 3, "value": typed, "focused": true}]);
    let options = json!([{"name": sub, "type": 1, "options": focused}]);
    let data = json!({"id": "4000", "name": "hoego", "type": 1, "options": options});
    base(id, 4, who, Place::Guild, data)
}

/// Autocomplete of `/hoego schedule <sub> <option>` with `typed` so far.
pub fn schedule_autocomplete(id: u64, who: &Person, sub: &str, option: &str, typed: &str) -> Value {
    let mut payload = autocomplete(id, who, sub, option, typed);
    let inner = payload["data"]["options"].take();
    payload["data"]["options"] = json!([{"name": "schedule", "type": 2, "options": inner}]);
    payload
}

/// A subcommand with string/bool/int options: `sub("recap", &[("period", json!("week"))])`.
pub fn sub(name: &str, options: &[(&str, Value)]) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(name, value)| {
            let kind = match value {
                Value::Bool(_) => 5,
                Value::Number(_) => 4,
                _ => 3,
            };
            json!({"name": name, "type": kind, "value": value})
        })
        .collect();
    json!([{"name": name, "type": 1, "options": options}])
}

/// A subcommand of the `schedule` group.
pub fn schedule_sub(name: &str, options: &[(&str, Value)]) -> Value {
    let inner = sub(name, options);
    json!([{"name": "schedule", "type": 2, "options": inner}])
}

/// `/hoego import` typed by `who` with `attachment` (an Attachment object, as
/// [`FakeDiscord::attach`](super::fake::FakeDiscord::attach) serves it) in its `file` option.
pub fn slash_with_file(id: u64, who: &Person, attachment: &Value) -> Value {
    let file_id = attachment["id"].clone();
    let option = json!({"name": "file", "type": 11, "value": file_id});
    let options = json!([{"name": "import", "type": 1, "options": [option]}]);
    let mut payload = slash(id, who, options);
    let key = file_id.as_str().unwrap_or_default().to_string();
    payload["data"]["resolved"] = json!({"attachments": {key: attachment}});
    payload
}

/// A button press on a message.
pub fn button(id: u64, who: &Person, place: Place, custom_id: &str) -> Value {
    let mut payload = base(
        id,
        3,
        who,
        place,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    let channel = payload["channel_id"].as_str().unwrap().to_string();
    payload["message"] = message("990", &channel, &json!({"content": "prompt"}));
    payload
}

/// A submitted modal with `values` as (input id, text).
pub fn modal_submit(
    id: u64,
    who: &Person,
    place: Place,
    custom_id: &str,
    values: &[(&str, &str)],
) -> Value {
    let rows: Vec<Value> = values
        .iter()
        .map(|(input, text)| {
            json!({"type": 1, "components": [{"type": 4, "custom_id": input, "value": text}]})
        })
        .collect();
    base(
        id,
        5,
        who,
        place,
        json!({"custom_id": custom_id, "components": rows}),
    )
}

#[test]
fn serenity_reads_every_payload_the_fake_sends() {
    use super::fake::gateway::ready;
    use serenity::all::{Interaction, Message, Ready};

    let ready: Ready =
        serde_json::from_value(ready("ws://127.0.0.1:1/gateway", "session-1")).unwrap();
    let created: serenity::all::GuildCreateEvent =
        serde_json::from_value(super::fake::gateway::guild_create(GUILD, "Core")).unwrap();
    assert_eq!(created.guild.name, "Core");
    let updated: serenity::all::PartialGuild =
        serde_json::from_value(super::fake::gateway::guild_update(GUILD, "코어")).unwrap();
    assert_eq!(updated.name, "코어");
    assert_eq!(ready.application.id.get().to_string(), APP_ID);
    let admin = Person::admin("6000");
    let command: Interaction = serde_json::from_value(slash(1, &admin, sub("recap", &[]))).unwrap();
    let Interaction::Command(command) = command else {
        panic!("a command")
    };
    assert!(command.member.unwrap().permissions.unwrap().manage_guild());
    let press: Interaction =
        serde_json::from_value(button(2, &admin, Place::Dm, "answer:1")).unwrap();
    assert!(matches!(press, Interaction::Component(_)));
    let press: Interaction =
        serde_json::from_value(button(3, &admin, Place::Guild, "skip:1")).unwrap();
    assert!(matches!(press, Interaction::Component(_)));
    let submit = modal_submit(4, &admin, Place::Dm, "answer:1", &[("q", "text")]);
    let submit: Interaction = serde_json::from_value(submit).unwrap();
    assert!(matches!(submit, Interaction::Modal(_)));
    let _: Message = serde_json::from_value(message("1", "2", &json!({"content": "hi"}))).unwrap();
    let file = super::fake::attachment("7", "notes.csv", "http://127.0.0.1:1/attachments/7", 12);
    let command: Interaction = serde_json::from_value(slash_with_file(5, &admin, &file)).unwrap();
    let Interaction::Command(command) = command else {
        panic!("a command")
    };
    let resolved = &command.data.resolved.attachments;
    assert_eq!(resolved.values().next().unwrap().filename, "notes.csv");
}
