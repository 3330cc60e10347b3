//! `hoego console` with schedules: add one, run it now, get the prompt in the transcript, press
//! Answer by number, and find the answers stored (the turning point as a milestone); bad schedule input gets a clear answer.

use hoego::domain::state::{DeliveryStatus, Platform};
use hoego::service::Actor;

use crate::console::run_console;
use crate::support::db::{Backend, TestDb};

const SCRIPT: &str = "\
schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul
schedule list
schedule run-now weekly
1
Paired with the new teammate
Slow reviews
Review within a day | Write the release notes
4
Joined the platform team
milestone list
schedule add weekly \"0 17 * * * *\"
schedule add weekley \"0 17 * * FRI\"
schedule pause weekly
schedule list
";

async fn a_scheduled_round_prompts_in_the_console_and_the_answers_are_stored(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };

    let (out, _dir) = run_console(&db, &[], SCRIPT);

    assert!(out.contains("Added the schedule weekly"), "{out}");
    assert!(out.contains("every Friday at 5 pm"), "{out}");
    assert!(
        out.contains("Local team · weekly: time for your Weekly retrospective"),
        "the prompt arrives:\n{out}"
    );
    assert!(out.contains("Saved 5 answers for weekly"), "{out}");
    assert!(
        out.contains(" — Joined the platform team (only you)"),
        "the turning point became a private milestone:\n{out}"
    );
    assert!(
        out.contains("has 6 fields"),
        "a 6-field expression is refused:\n{out}"
    );
    assert!(
        out.contains("Did you mean `weekly`?"),
        "a misspelt template gets a suggestion:\n{out}"
    );
    assert!(out.contains("· paused ·"), "{out}");
    let actor = Actor {
        platform: Platform::Console,
        team_external_id: "local".into(),
        team_name: "Local team".into(),
        user_id: "mina".into(),
        display_name: "Mina".into(),
        locale: None,
        time_zone: None,
        is_admin: true,
        is_guest: false,
        channel_id: None,
        limits: hoego::platform::console::LIMITS,
        request: None,
    };
    let service = crate::support::world::World::new(db.store.clone(), chrono::Utc::now()).service;
    let (team, _) = service.identify(&actor).await.unwrap();
    let deliveries = db.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].status, DeliveryStatus::Answered);
    db.finish().await;
}

#[tokio::test]
async fn a_scheduled_round_prompts_in_the_console_on_sqlite() {
    a_scheduled_round_prompts_in_the_console_and_the_answers_are_stored(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_scheduled_round_prompts_in_the_console_on_postgres() {
    a_scheduled_round_prompts_in_the_console_and_the_answers_are_stored(Backend::Postgres).await;
}
