//! Acknowledgement latency of modal submits dispatched at once, and the conditions that make the
//! figure mean something: every submit answered within Discord's 3 seconds (the strict fake
//! refuses a later one), every submit confirmed saved, and every delivery answered in the
//! database. A deferral (type 5) acknowledges without saying "saved", so the time to the
//! confirmation is measured too.

use std::time::{Duration, Instant};

use serde_json::Value;
use sqlx::{Connection, PgConnection};

use super::payloads::{self, Person, Place};
use super::setup::bench;

/// Where a submit's "saved" confirmation came: the initial response, or the edit of a deferral.
fn confirmation(body: &Value) -> &str {
    body["data"]["content"]
        .as_str()
        .or(body["content"].as_str())
        .unwrap_or_default()
}

pub async fn acks(url: &str, members: usize) -> anyhow::Result<()> {
    let bench = bench(url, members).await?;
    let mut dispatched = Vec::new();
    for (index, (user, delivery)) in bench.deliveries.iter().enumerate() {
        let id = 50_000 + index as u64;
        let who = Person::member(user);
        let values = [
            ("went-well", "Shipped the release"),
            ("was-hard", "Flaky tests"),
            ("next-week", "Fix them"),
        ];
        let form = format!("answer:{delivery}");
        let payload = payloads::modal_submit(id, &who, Place::Dm, &form, &values);
        dispatched.push((id, Instant::now()));
        bench.fake.dispatch("INTERACTION_CREATE", payload);
    }
    let acks = bench.fake.wait_for("POST", "/callback", members).await;
    let deferred = acks.iter().filter(|r| r.body["type"] == 5).count();
    let edits = bench
        .fake
        .wait_for("PATCH", "/messages/@original", deferred)
        .await;
    let at = |path: &str, list: &[super::fake::Recorded]| {
        list.iter().find(|r| r.path.contains(path)).map(|r| r.at)
    };
    let mut to_ack = Vec::new();
    let mut to_saved = Vec::new();
    for (id, sent) in &dispatched {
        let ack = at(&format!("/interactions/{id}/"), &acks).expect("acknowledged");
        to_ack.push(ack.duration_since(*sent));
        let edit = at(&format!("/tok-{id}/"), &edits);
        to_saved.push(edit.unwrap_or(ack).duration_since(*sent));
    }
    let saved = acks
        .iter()
        .chain(&edits)
        .filter(|r| confirmation(&r.body).contains("Saved 3 answers"))
        .count();
    let violations = bench.fake.take_violations();
    let mut db = PgConnection::connect(url).await?;
    let answered: i64 =
        sqlx::query_scalar("SELECT count(*) FROM deliveries WHERE status = 'answered'")
            .fetch_one(&mut db)
            .await?;
    report("ack", &mut to_ack);
    report("\"saved\" shown", &mut to_saved);
    println!("  {deferred} deferred; {saved} confirmed saved; {answered} answered in the database");
    bench.bot.stop().await;
    bench.store.close().await;
    anyhow::ensure!(violations.is_empty(), "Discord refused: {violations:#?}");
    anyhow::ensure!(
        saved == members,
        "{saved} of {members} submits confirmed saved"
    );
    anyhow::ensure!(
        answered as usize == members,
        "{answered} of {members} answered"
    );
    Ok(())
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = times.len();
    println!(
        "modal submits, {n} at once, time to {what}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(times[n / 2]),
        ms(times[n * 99 / 100]),
        ms(times[n - 1]),
    );
}
