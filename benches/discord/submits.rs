//! Modal submits of a round's answers dispatched at once to `hoego run`, one from each member:
//! the time from the dispatch to the interaction response, and to the "saved" confirmation when
//! the response was a deferral (goal: p99 < 40 ms to the response). Checked: every submit
//! answered within Discord's 3 s and confirmed saved, every delivery answered in the database,
//! nothing Discord would refuse.

use std::time::Duration;

use hoego::domain::state::DeliveryStatus;
use serde_json::Value;

use super::bot::{self, WORKSPACE};
use super::child::{Spread, figure};
use super::payloads::{self, Person, Place};
use super::platform;
use super::seed::{self, Backend};

/// Where a submit's "saved" confirmation came: the initial response, or the edit of a deferral.
fn confirmation(body: &Value) -> &str {
    body["data"]["content"]
        .as_str()
        .or(body["content"].as_str())
        .unwrap_or_default()
}

pub async fn run(backend: Backend, members: usize) -> anyhow::Result<()> {
    let name = format!("discord_submits_{members}");
    seed::on_database(backend, &name, |dir, url| async move {
        let users = bot::users(members);
        let deliveries = seed::seed(&url, &WORKSPACE, "1", &users).await?;
        let fake = bot::fake_for(&users).await;
        let (bot, _) = bot::start(&fake, dir.path(), &url).await?;
        let values = [
            ("went-well", "Shipped the release"),
            ("was-hard", "Flaky tests"),
            ("next-week", "Fix them"),
        ];
        let payloads = (deliveries.iter().enumerate())
            .map(|(i, (user, delivery))| {
                let id = 50_000 + i as u64;
                let form = format!("answer:{}", delivery.0);
                let who = Person::member(user);
                (
                    id,
                    payloads::modal_submit(id, &who, Place::Dm, &form, &values),
                )
            })
            .collect();
        let answered = bot::dispatch(&fake, payloads).answered(&fake).await?;
        let deferred = answered.iter().filter(|(_, r)| r.body["type"] == 5).count();
        let edits = fake
            .wait_for("PATCH", "/messages/@original", deferred)
            .await;
        let saved = (answered.iter().map(|(_, r)| r))
            .chain(&edits)
            .filter(|r| confirmation(&r.body).contains("Saved 3 answers"))
            .count();
        let times: Vec<Duration> = answered.iter().map(|(t, _)| *t).collect();
        let what = format!(
            "discord, {members} modal submits at once, {}: response",
            backend.name()
        );
        figure(&what, format!("{} (goal p99 < 40 ms)", Spread::of(times)));
        println!("    {deferred} deferred, {saved} confirmed saved");
        let done = answered_in_database(&url).await?;
        bot::no_violations(&fake)?;
        anyhow::ensure!(saved == members, "{saved} of {members} confirmed saved");
        anyhow::ensure!(
            done == members,
            "{done} of {members} answered in the database"
        );
        bot.stop().await
    })
    .await
}

/// How many deliveries are answered in the database.
async fn answered_in_database(url: &str) -> anyhow::Result<usize> {
    let (store, _) = platform::store_and_service(url).await?;
    let team = store.all_teams().await?.remove(0);
    let deliveries = store.deliveries_of_team(team.id).await?;
    store.close().await;
    Ok(deliveries
        .iter()
        .filter(|d| d.status == DeliveryStatus::Answered)
        .count())
}
