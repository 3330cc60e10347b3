//! "Then vs now" on Slack (real slack-morphism against the fake): last year's answer is a
//! context block above its author's input in the modal only they see, and under its question
//! in a prompt sent by DM — not in the prompt replied in the channel's thread, not in another
//! member's modal, not in the round's digest.

use chrono::NaiveDate;
use hoego::domain::ids::DeliveryId;
use hoego::domain::visibility::Visibility;
use hoego::service::Interaction;
use hoego::service::ids::FormId;
use serde_json::Value;

use super::SlackApp;
use super::payloads::{self, ALICE, BOB, Person};
use super::rounds::actor;
use crate::on_each_backend;
use crate::recall::earlier_round;
use crate::support::Backend;
use crate::support::chat::YEAR_END;

const THEN: &str = "Ship small";

/// The `views.open` body after `who` pressed `action`.
async fn opened_by(app: &SlackApp, who: &Person, action: &str) -> Value {
    let before = app.fake.calls_of("views.open").len();
    let url = app.fake.response_url();
    let press = payloads::press(who, "C0RETRO", action, &app.trigger(), &url);
    app.fake.ack(&app.fake.envelope("interactive", press)).await;
    let mut opened = app.fake.wait_for("views.open", before + 1).await;
    opened.remove(before).body
}

/// The context blocks' texts of a modal, each with the block after it.
fn contexts(opened: &Value) -> Vec<(String, String)> {
    let blocks = opened["view"]["blocks"].as_array().unwrap();
    blocks
        .windows(2)
        .filter(|pair| pair[0]["type"] == "context")
        .map(|pair| {
            let text = pair[0]["elements"][0]["text"].as_str().unwrap_or_default();
            let next = pair[1]["block_id"].as_str().unwrap_or_default();
            (text.to_string(), next.to_string())
        })
        .collect()
}

/// A year-end schedule in `#retro` that alice (in its thread) and bob (by DM) joined, a round
/// opened now; the deliveries of alice and bob.
async fn a_year_end(app: &SlackApp) -> (DeliveryId, DeliveryId) {
    let admin = actor(
        &Person {
            id: "UADMIN",
            name: "admin",
        },
        true,
    );
    let (alice, bob) = (actor(&ALICE, false), actor(&BOB, false));
    for (who, text) in [
        (
            &admin,
            "schedule add year-end \"0 17 * * FRI\" channel <#C0RETRO|retro>",
        ),
        (&admin, "leave"),
        (&alice, "settings delivery thread"),
        (&alice, "join"),
        (&bob, "join"),
        (&admin, "schedule run-now year-end"),
    ] {
        app.service
            .interact(who, Interaction::Text(text.into()))
            .await;
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let mut of = (None, None);
    for delivery in app.store.deliveries_of_team(team.id).await.unwrap() {
        let member = app.store.member(delivery.member_id).await.unwrap();
        match member.user_id.as_str() {
            "UALICE" => of.0 = Some((delivery.id, member.id, team.id)),
            _ => of.1 = Some((delivery.id, member.id)),
        }
    }
    let (hers, member, team) = of.0.expect("alice's delivery");
    let (his, bob) = of.1.expect("bob's delivery");
    let then = NaiveDate::from_ymd_opt(2025, 12, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let answers = [
        (member, "learned", THEN, Visibility::Team),
        (bob, "learned", "Ask for help", Visibility::Team),
    ];
    earlier_round(&app.store, team, ("year-end", YEAR_END), then, &answers).await;
    (hers, his)
}

async fn last_years_answer_shows_only_in_its_authors_modal(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let (hers, his) = a_year_end(&app).await;

    let sent = app.sender().step().await.unwrap();
    let her_modal = opened_by(&app, &ALICE, &format!("answer:{hers}")).await;
    let his_modal = opened_by(&app, &BOB, &format!("answer:{his}")).await;
    let values: Vec<(String, String)> = [
        ("periods", "All"),
        ("highlights", "A trip"),
        ("learned", "Write it down"),
        ("energy", "4"),
        ("resolutions", "Run"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let submit = Interaction::Submit(FormId::Answer(hers), values);
    app.service.interact(&actor(&ALICE, false), submit).await;
    let round = app.store.delivery_round(hers).await.unwrap().unwrap();
    let messenger = app.bot.as_ref().unwrap().messenger();
    app.service
        .post_digest(round.round_id, messenger.as_ref())
        .await
        .unwrap();

    assert_eq!(sent.sent, 2);
    assert_eq!(
        contexts(&her_modal),
        [(
            "*A year ago you wrote:*\n> Ship small".to_string(),
            "learned".to_string()
        )]
    );
    assert_eq!(
        contexts(&his_modal),
        [(
            "*A year ago you wrote:*\n> Ask for help".to_string(),
            "learned".to_string()
        )]
    );
    // Bob's prompt is a DM: it quotes his own answer under the question.
    let to_bob = app.fake.calls_of("chat.postMessage");
    let to_bob: Vec<String> = to_bob
        .iter()
        .filter(|c| c.body["channel"] != "C0RETRO")
        .map(|c| c.body.to_string())
        .collect();
    assert_eq!(to_bob.len(), 1, "{to_bob:?}");
    assert!(
        to_bob[0].contains("A year ago you wrote: Ask for help"),
        "{to_bob:?}"
    );
    let posts = app.fake.calls_of("chat.postMessage");
    assert!(
        posts
            .iter()
            .any(|p| p.body.to_string().contains("Write it down"))
    );
    let shown: Vec<String> = app
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.body.to_string().contains(THEN))
        .map(|c| c.method)
        .collect();
    assert_eq!(shown, ["views.open"], "only Alice's modal");
    app.finish().await;
}

on_each_backend!(last_years_answer_shows_only_in_its_authors_modal);
