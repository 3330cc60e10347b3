//! Forget-me forgets what the Slack adapter keeps in memory too: after it, the person's profile
//! is read from Slack again and their DM conversation is no longer remembered (their next prompt
//! goes to their user id), while everyone else's stay cached.

use crate::on_each_backend;
use crate::support::Backend;
use hoego::service::Interaction;

use super::SlackApp;
use super::payloads::{ALICE, BOB, Person};
use super::rounds::{a_round, actor};

/// How many times Slack was asked for `who`'s profile.
fn profile_reads(app: &SlackApp, who: &Person) -> usize {
    let calls = app.fake.calls_of("users.info");
    calls.iter().filter(|c| c.body["user"] == who.id).count()
}

/// The channels `who`'s prompts were posted to, in order: their user id when hoego has no DM
/// conversation of theirs in memory, else that conversation (`D…`).
fn prompt_channels(app: &SlackApp, who: &Person) -> Vec<String> {
    let dm = format!("D{}", who.id);
    let calls = app.fake.calls_of("chat.postMessage");
    calls
        .iter()
        .filter_map(|c| c.body["channel"].as_str())
        .filter(|channel| *channel == who.id || *channel == dm)
        .map(str::to_string)
        .collect()
}

async fn run_now(app: &SlackApp) {
    let admin = Person {
        id: "UADMIN",
        name: "admin",
    };
    app.clock.advance(chrono::Duration::minutes(1));
    let run = Interaction::Text("schedule run-now weekly".into());
    let ran = app.service.interact(&actor(&admin, true), run).await;
    let ran = ran.into_reply().plain_text();
    assert!(ran.contains("Opened a round"), "{ran}");
    app.sender().step().await.unwrap();
}

async fn forget_me_forgets_the_slack_profile_and_dm_caches_of_the_person(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    a_round(&app).await;
    app.sender().step().await.unwrap();
    app.typed(&ALICE, "help").await;
    app.typed(&BOB, "help").await;
    let read = profile_reads(&app, &ALICE);
    app.typed(&ALICE, "help").await;
    assert_eq!(profile_reads(&app, &ALICE), read, "a profile is cached");
    assert_eq!(read, 1);
    assert_eq!(prompt_channels(&app, &ALICE), ["UALICE"]);

    let forgotten = app.typed(&ALICE, "forget-me confirm").await;
    assert!(forgotten.contains("I deleted"), "{forgotten}");
    // Forget-me itself needed the profile once more at most; from here on it is not cached.
    let after_forgetting = profile_reads(&app, &ALICE);
    let joined = app.typed(&ALICE, "join").await;
    assert!(joined.contains("You joined weekly"), "{joined}");
    app.typed(&BOB, "help").await;
    run_now(&app).await;

    assert_eq!(
        profile_reads(&app, &ALICE),
        after_forgetting + 1,
        "alice's profile is read from Slack again"
    );
    assert_eq!(
        prompt_channels(&app, &ALICE),
        ["UALICE", "UALICE"],
        "alice's DM conversation is not remembered"
    );
    assert_eq!(profile_reads(&app, &BOB), 1, "bob's profile stays cached");
    assert_eq!(
        prompt_channels(&app, &BOB),
        ["UBOB", "DUBOB"],
        "bob's DM conversation is remembered"
    );
    app.finish().await;
}

on_each_backend!(forget_me_forgets_the_slack_profile_and_dm_caches_of_the_person);
