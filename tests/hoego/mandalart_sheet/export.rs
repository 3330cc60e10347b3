//! The member's export carries their Mandalarts as data (year, centre, sub-goals, actions with
//! their statuses, ratings by quarter), as Markdown tables and as pictures, and their letters to
//! the future (sealed ones marked sealed, text included); a team's export has no letters.
//! Imported into an empty database, the export gives back the same grids, checks and ratings,
//! and the letters: a sealed one stays sealed and opens once on its day, an opened one is not
//! sent again.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::lang::Lang;
use hoego::domain::recap::chart::mandalart::{DONE, HEAT_SIZE, PARTIAL, SIZE};
use hoego::service::reply::Reply;
use serde_json::{Value, json};

use super::{fill_of, planned, png_named, rgb, utc};
use crate::capsule::write;
use crate::import::{import, request};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::NowUtc;
use crate::support::db::TestDb;
use crate::support::messenger::RecordingMessenger;
use crate::support::world::unpaced_sender;

const SEALED: &str = "Dear me in 2028: did you keep blogging?";
const OPENED: &str = "Dear me: the new year starts tomorrow.";

fn attached(reply: &Reply, name: &str) -> String {
    let file = reply.attachments.iter().find(|a| a.filename == name);
    String::from_utf8(file.expect(name).bytes.clone()).unwrap()
}

fn document(reply: &Reply) -> Value {
    serde_json::from_str(&attached(reply, "hoego-export.json")).unwrap()
}

async fn the_export_carries_the_grid_its_statuses_and_ratings_and_a_picture(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;

    let reply = chat.say("export").await;

    let doc = document(&reply);
    let plans = doc["mandalarts"].as_array().expect("mandalarts");
    let years: Vec<i64> = plans.iter().map(|p| p["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2027, 2028]);
    let plan = &plans[0];
    assert_eq!(plan["member"], "mina");
    assert_eq!(plan["centre"], "A calm year");
    assert_eq!(plan["goals"].as_array().unwrap().len(), 8);
    assert_eq!(plan["goals"][0]["title"], "Health");
    assert_eq!(plan["goals"][1]["title"], "Money");
    assert_eq!(plan["goals"][2]["title"], "");
    let actions = plan["goals"][0]["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 8);
    let cells: Vec<(&str, &str)> = actions
        .iter()
        .take(4)
        .map(|a| (a["text"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cells,
        [
            ("Walk daily", "done"),
            ("Sleep by 11", "partial"),
            ("Swim", "none"),
            ("", "none")
        ]
    );
    let rating = &plan["goals"][0]["ratings"][0];
    assert_eq!(
        (&rating["quarter"], &rating["rating"]),
        (&json!("2027-Q1"), &json!(4))
    );
    assert!(plan["goals"][1]["ratings"].as_array().unwrap().is_empty());
    let markdown = attached(&reply, "hoego-export.md");
    assert!(
        markdown.contains(
            "## Mandalart for 2027\n\n![Mandalart for 2027](hoego-export-mandalart-2027.png)\n\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("| ✅ Walk daily | 🔸 Sleep by 11 | Swim |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Health**: 2027-Q1 4/5\n"),
        "{markdown}"
    );
    let (w, h, pixels) = png_named(&reply, "hoego-export-mandalart-2027.png");
    assert_eq!((w, h), HEAT_SIZE);
    assert_eq!(fill_of(&pixels, w, 1, 1), rgb(DONE));
    assert_eq!(fill_of(&pixels, w, 1, 2), rgb(PARTIAL));
    assert_eq!(
        png_named(&reply, "hoego-export-mandalart-2028.png").1,
        SIZE.1
    );
    db.finish().await;
}

async fn an_imported_export_gives_back_the_grids_checks_and_ratings(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;
    let first = chat.say("export").await;
    let shown = chat.say("mandalart 2027").await;

    let fresh = TestDb::new(backend).await.unwrap();
    let json = attached(&first, "hoego-export.json").into_bytes();
    let summary = import(&fresh.store, &request("hoego-export.json", json.clone())).await;
    let twice = import(&fresh.store, &request("hoego-export.json", json)).await;
    let there = crate::console::mina(&fresh);
    there.clock.set(chat.clock.now_utc());
    let again = there.say("export").await;
    let restored = there.say("mandalart 2027").await;

    assert_eq!(summary.report.mandalarts, 2, "{}", summary.text);
    assert!(summary.text.contains("Mandalarts: 2"), "{}", summary.text);
    assert!(!twice.report.added_anything(), "{}", twice.text);
    assert_eq!(
        document(&again)["mandalarts"],
        document(&first)["mandalarts"]
    );
    assert_eq!(restored.plain_text(), shown.plain_text());
    let (w, _, pixels) = png_named(&restored, "mandalart-2027.png");
    assert_eq!(fill_of(&pixels, w, 1, 1), rgb(DONE));
    let recap = there.say("recap 2027").await;
    png_named(&recap, "hoego-recap-2027-mandalart-2027.png");
    fresh.finish().await;
    db.finish().await;
}

async fn letters_go_into_the_own_export_and_come_back_sealed_or_opened(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;
    chat.clock.set(utc(2027, 12, 28));
    write(&chat, "capsule write until 2027-12-31", OPENED).await;
    write(&chat, "capsule write until 2028-12-27", SEALED).await;
    chat.clock.set(utc(2027, 12, 31));
    let messenger = RecordingMessenger::new();
    let sender = unpaced_sender(&db.store, &chat.clock, Arc::new(messenger.clone()));
    assert_eq!(sender.step().await.unwrap().letters, 1, "the first opens");
    let (team, _) = chat.me().await;

    let own = chat.say("export").await;
    let team_export = chat.service.team_export(team, Lang::En).await.unwrap();

    let letters = document(&own)["letters"].clone();
    let listed: Vec<(&str, bool, &str)> = (letters.as_array().expect("letters").iter())
        .map(|l| {
            let text = l["text"].as_str().unwrap();
            (
                l["open_on"].as_str().unwrap(),
                l["sealed"].as_bool().unwrap(),
                text,
            )
        })
        .collect();
    assert_eq!(
        listed,
        [("2027-12-31", false, OPENED), ("2028-12-27", true, SEALED)]
    );
    assert!(letters[0]["opened_at"].is_string() && letters[1]["opened_at"].is_null());
    assert!(
        !team_export.json.contains("\"letters\""),
        "{}",
        team_export.json
    );
    assert!(!team_export.json.contains(SEALED) && !team_export.json.contains(OPENED));

    let fresh = TestDb::new(backend).await.unwrap();
    let json = attached(&own, "hoego-export.json").into_bytes();
    let summary = import(&fresh.store, &request("hoego-export.json", json)).await;
    assert_eq!(summary.report.letters, 2, "{}", summary.text);
    let there = crate::console::mina(&fresh);
    there.clock.set(utc(2027, 12, 31));
    let messenger = RecordingMessenger::new();
    let sender = unpaced_sender(&fresh.store, &there.clock, Arc::new(messenger.clone()));
    let after_import = sender.step().await.unwrap().letters;
    there.clock.set(utc(2028, 12, 26) - Duration::hours(1));
    let before_its_day = sender.step().await.unwrap().letters;
    let recap_before = there.say("recap 2028").await;
    there.clock.set(utc(2028, 12, 27));
    let on_its_day = sender.step().await.unwrap().letters;
    let again = sender.step().await.unwrap().letters;

    assert_eq!(
        (after_import, before_its_day),
        (0, 0),
        "the opened one is not sent again"
    );
    assert!(!super::everything(&recap_before).contains(SEALED));
    assert_eq!((on_its_day, again), (1, 0));
    let sent = messenger.sent();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].reply.plain_text().contains(SEALED), "{sent:?}");
    fresh.finish().await;
    db.finish().await;
}

on_each_backend!(
    the_export_carries_the_grid_its_statuses_and_ratings_and_a_picture,
    an_imported_export_gives_back_the_grids_checks_and_ratings,
    letters_go_into_the_own_export_and_come_back_sealed_or_opened,
);
