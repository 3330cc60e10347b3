//! `view_submission`s of a round's answer modal sent at once to `hoego run` over its 2 Socket
//! Mode connections, one from each member: the acknowledgement latency as the fake measured it
//! (goal: p99 < 60 ms for 200; every ack < 1 s for 2,000). Checked: every submit acknowledged
//! once with an empty payload (saved, the modal closes), every delivery answered in the
//! database, every member told in their DM that the answers were saved, nothing Slack would
//! refuse.

use std::time::Duration;

use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use serde_json::{Value, json};

use super::bot::{self, WORKSPACE};
use super::child::{Spread, figure, ms};
use super::fake::{FakeSlack, TEAM};
use super::payloads;
use super::platform;
use super::seed::{self, Backend};

pub async fn run(backend: Backend, members: usize) -> anyhow::Result<()> {
    let name = format!("slack_submits_{members}");
    seed::on_database(backend, &name, |dir, url| async move {
        let users = bot::users(members);
        let deliveries = seed::seed(&url, &WORKSPACE, "UADMIN", &users).await?;
        let fake = bot::fake_for(&users).await;
        let (bot, _) = bot::start(&fake, dir.path(), &url, &[]).await?;
        let opened = opened(&fake, &deliveries[0]).await?;
        let submits: Vec<Value> = deliveries
            .iter()
            .map(|(user, delivery)| submit_of(user, *delivery, &opened))
            .collect();
        let envelopes: Vec<String> = submits
            .into_iter()
            .map(|s| fake.envelope("interactive", s))
            .collect();
        let mut acks = Vec::with_capacity(members);
        let mut refused = Vec::new();
        for envelope in &envelopes {
            let (payload, latency) = fake.ack(envelope).await;
            if !payload.is_null() {
                refused.push(payload);
            }
            acks.push(latency);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let twice = envelopes.iter().filter(|e| fake.acks_of(e) != 1).count();
        let answered = answered(&url).await?;
        let confirmed = confirmed(&fake, &deliveries).await;
        let spread = Spread::of(acks);
        let what = format!(
            "slack, {members} `view_submission`s at once, {}: ack",
            backend.name()
        );
        let goal = if members > 200 {
            let met = if spread.max < Duration::from_secs(1) {
                "met"
            } else {
                "MISSED"
            };
            format!("max {:.0} ms, goal every ack < 1 s {met}", ms(spread.max))
        } else {
            "goal p99 < 60 ms".to_string()
        };
        figure(&what, format!("{spread} ({goal})"));
        bot::no_violations(&fake)?;
        let not_saved = refused.len();
        let first = refused.first();
        anyhow::ensure!(
            not_saved == 0,
            "{not_saved} submits not saved, as {first:?}"
        );
        anyhow::ensure!(twice == 0, "{twice} submits not acknowledged exactly once");
        anyhow::ensure!(
            answered == members,
            "{answered} of {members} deliveries answered in the database"
        );
        anyhow::ensure!(
            confirmed == members,
            "{confirmed} of {members} members told in their DM that their answers were saved"
        );
        bot.stop().await
    })
    .await
}

/// The answer modal hoego opens when the first member presses Answer on their prompt.
async fn opened(
    fake: &FakeSlack,
    (user, delivery): &(String, DeliveryId),
) -> anyhow::Result<Value> {
    let who = bot::person(user);
    let channel = format!("D{user}");
    let action = format!("answer:{}", delivery.0);
    let url = fake.response_url();
    let press = payloads::press(&who, &channel, &action, "bench-press", &url);
    fake.ack(&fake.envelope("interactive", press)).await;
    let opened = fake.wait_for("views.open", 1).await.remove(0).body;
    Ok(opened)
}

/// `user`'s submit of `delivery`'s form, built from the modal hoego opened for the first member.
fn submit_of(user: &str, delivery: DeliveryId, opened: &Value) -> Value {
    let typed = [
        ("went-well", "Shipped the release"),
        ("was-hard", "Flaky tests"),
        ("next-week", "Fix them"),
    ];
    let mut submission = payloads::submission(&bot::person(user), opened, &typed);
    let metadata = json!({"form": format!("answer:{}", delivery.0), "team": TEAM});
    submission["view"]["private_metadata"] = json!(metadata.to_string());
    submission
}

/// How many deliveries are answered in the database.
async fn answered(url: &str) -> anyhow::Result<usize> {
    let (store, _) = platform::store_and_service(url).await?;
    let team = store.all_teams().await?.remove(0);
    let deliveries = store.deliveries_of_team(team.id).await?;
    store.close().await;
    Ok(deliveries
        .iter()
        .filter(|d| d.status == DeliveryStatus::Answered)
        .count())
}

/// How many of the members got "Saved 3 answers" in their DM (waiting up to 60 s for the
/// confirmations, which are posted after the acknowledgements).
async fn confirmed(fake: &FakeSlack, deliveries: &[(String, DeliveryId)]) -> usize {
    let posted = || fake.count_of("chat.postMessage") >= deliveries.len();
    let _ = super::child::until(Duration::from_secs(60), posted).await;
    let posts = fake.calls_of("chat.postMessage");
    let saved: std::collections::HashSet<&str> = posts
        .iter()
        .filter(|c| c.body.to_string().contains("Saved 3 answers"))
        .filter_map(|c| c.answer["channel"].as_str())
        .collect();
    let confirmed = deliveries
        .iter()
        .filter(|(user, _)| saved.contains(format!("D{user}").as_str()))
        .count();
    if confirmed < deliveries.len() {
        println!("    not all confirmed: {}", posts_seen(fake));
    }
    confirmed
}

/// What the bot posted and called, told when a confirmation is missing: each method's count,
/// and the posts by status and first words.
fn posts_seen(fake: &FakeSlack) -> String {
    let mut tally: std::collections::BTreeMap<String, usize> = Default::default();
    for call in fake.calls() {
        let mut key = format!("{} {}", call.method, call.status);
        if call.method == "chat.postMessage" {
            let text = call.body["text"].as_str().unwrap_or_default();
            let error = call.answer["error"].as_str().unwrap_or("ok");
            key = format!(
                "{key} {error} {:?}",
                text.chars().take(24).collect::<String>()
            );
        }
        *tally.entry(key).or_default() += 1;
    }
    format!("{tally:#?}")
}
