//! `/hoego import` with an attached file, through serenity and poise against the fake Discord,
//! which serves the attachment as Discord's CDN does: a deferred ephemeral dry run with a
//! Confirm button, Confirm importing once, and files over the limit refused (unfetched when
//! Discord's size says so, cut off when it does not).

use serde_json::Value;

use super::payloads::{self, Person, Place};
use super::{DiscordApp, content, ephemeral};
use crate::on_each_backend;
use crate::support::Backend;

const CSV: &str = "date,question,answer\n2026-03-06,went-well,\"Shipped it, finally\"\n";

/// `who` runs `/hoego import` with `file`; the deferral and the follow-up message it became.
async fn import(app: &DiscordApp, who: &Person, file: &Value) -> (Value, Value) {
    let sent = app.fake.requests_to("POST", "/webhooks/").len();
    let deferred = app
        .interact(|id| payloads::slash_with_file(id, who, file))
        .await;
    let followed = app.fake.wait_for("POST", "/webhooks/", sent + 1).await;
    (deferred, followed[sent].body.clone())
}

fn buttons(message: &Value) -> Vec<(String, String)> {
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            let id = b["custom_id"].as_str().unwrap_or_default().to_string();
            (id, b["label"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

async fn an_attached_file_is_dry_run_then_imported_once_on_confirm(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let mina = Person::member("6101");
    let file = app.fake.attach("check-ins.csv", CSV.as_bytes(), None);

    let (deferred, dry) = import(&app, &mina, &file).await;
    let offered = buttons(&dry);
    let confirm = offered[0].0.clone();
    let confirmed = app.press(&mina, Place::Guild, &confirm).await;
    let again = app.press(&mina, Place::Guild, &confirm).await;

    assert_eq!(deferred["type"], 5, "{deferred}");
    assert!(ephemeral(&deferred), "{deferred}");
    let text = dry["content"].as_str().unwrap_or_default();
    assert!(text.starts_with("Dry run, nothing was written."), "{text}");
    assert!(text.contains("- answers: 1"), "{text}");
    assert!(text.ends_with("Press Confirm within 30 minutes to import it, or Cancel."));
    assert_eq!(dry["flags"], 64, "only the member sees it");
    assert!(confirm.starts_with("import:confirm:"), "{offered:?}");
    assert_eq!(offered[1].1, "Cancel");
    assert!(
        content(&confirmed).starts_with("Imported into"),
        "{confirmed}"
    );
    assert!(content(&confirmed).contains("- answers: 1"), "{confirmed}");
    assert!(
        content(&again).starts_with("This import is no longer waiting"),
        "{again}"
    );
    let id = file["id"].as_str().unwrap();
    assert_eq!(app.fake.attachment_fetches(id), 1);
    app.finish().await;
}

async fn a_file_over_the_limit_is_refused_unread_or_cut_off(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let mina = Person::member("6101").speaking("ko");
    let big = vec![b'x'; 2 * 1024 * 1024];
    let said_big = app.fake.attach("year.csv", &big, None);
    let said_small = app.fake.attach("year.csv", &big, Some(100));

    let (_, unread) = import(&app, &mina, &said_big).await;
    let (_, cut_off) = import(&app, &mina, &said_small).await;

    assert_eq!(
        unread["content"],
        "year.csv: 파일 크기가 2048 KiB예요. 한 번에 1024 KiB까지 가져올 수 있어요. 한 해씩 \
         나눠서 가져와 주세요. 아무것도 가져오지 않았어요."
    );
    assert!(buttons(&unread).is_empty());
    let id = said_big["id"].as_str().unwrap();
    assert_eq!(app.fake.attachment_fetches(id), 0, "not fetched at all");
    let text = cut_off["content"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("year.csv: 파일 크기가 1025 KiB예요."),
        "{text}"
    );
    app.finish().await;
}

on_each_backend!(
    an_attached_file_is_dry_run_then_imported_once_on_confirm,
    a_file_over_the_limit_is_refused_unread_or_cut_off,
);
