//! The store's conformance suite: every test runs on PostgreSQL and on SQLite, each on a fresh
//! database, and must behave the same.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use hoego::domain::ids::{RoundId, TeamId, TemplateVersionId};
use hoego::domain::lang::Lang;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::state::Platform;
use hoego::domain::team::{Member, NewMember, NewTeam, Team};
use hoego::domain::zone::ZoneName;
use hoego::store::{NewDelivery, NewRound, NewSchedule, Store, StoreError};

use crate::both_backends;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap()
}

fn friday_five_pm() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 4)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap()
}

async fn a_team(store: &Store) -> Team {
    let team = NewTeam {
        platform: Platform::Console,
        external_id: "local".into(),
        name: "Local team".into(),
        time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
        language: Lang::Ko,
    };
    store
        .ensure_team(&team, now())
        .await
        .expect("team registers")
}

async fn a_member(store: &Store, team: TeamId, user: &str) -> Member {
    let member = NewMember {
        team_id: team,
        user_id: user.into(),
        display_name: format!("{user} name"),
        language: Lang::En,
        time_zone: None,
    };
    store
        .ensure_member(&member, now())
        .await
        .expect("member registers")
}

async fn a_weekly_schedule(
    store: &Store,
    team: TeamId,
) -> (TemplateVersionId, hoego::domain::ids::ScheduleId) {
    let template = store
        .save_template(team, "weekly", "id = \"weekly\"", now())
        .await
        .expect("template stored");
    let schedule = NewSchedule {
        team_id: team,
        name: "weekly".into(),
        template_id: template,
        cron: "0 17 * * FRI".into(),
        time_zone: Some("Asia/Seoul".into()),
        channel_id: None,
        digest_channel_id: None,
        digest_group: DigestGrouping::Question,
        window_secs: 48 * 3600,
        reminder_percent: 75,
        grace_secs: 6 * 3600,
        next_local: Some(friday_five_pm()),
        next_due_at: Some(now()),
    };
    let id = store
        .create_schedule(&schedule, now())
        .await
        .expect("schedule created");
    (template, id)
}

async fn a_round(store: &Store) -> (Team, RoundId, NewRound) {
    let team = a_team(store).await;
    let (template, schedule) = a_weekly_schedule(store, team.id).await;
    let round = NewRound {
        team_id: team.id,
        schedule_id: Some(schedule),
        template_id: template,
        occurrence_local: friday_five_pm(),
        due_at: now(),
        closes_at: now() + Duration::hours(48),
    };
    let id = store
        .insert_round(&round, now())
        .await
        .expect("first round is accepted");
    (team, id, round)
}

async fn the_schema_refuses_a_second_round_for_the_same_occurrence(store: Store) {
    let (_, _, round) = a_round(&store).await;

    let second = store.insert_round(&round, now()).await;

    assert!(
        matches!(second, Err(StoreError::Conflict(_))),
        "got {second:?}"
    );
}
both_backends!(
    a_second_round_for_one_occurrence_is_refused,
    super::the_schema_refuses_a_second_round_for_the_same_occurrence
);

async fn the_schema_refuses_a_second_delivery_for_the_same_member(store: Store) {
    let (team, round, _) = a_round(&store).await;
    let member = a_member(&store, team.id, "u1").await;
    let delivery = NewDelivery {
        round_id: round,
        member_id: member.id,
        due_at: now(),
        closes_at: now() + Duration::hours(48),
        remind_at: None,
    };
    store
        .insert_delivery(&delivery)
        .await
        .expect("first delivery is accepted");

    let second = store.insert_delivery(&delivery).await;

    assert!(
        matches!(second, Err(StoreError::Conflict(_))),
        "got {second:?}"
    );
}
both_backends!(
    a_second_delivery_for_one_member_in_a_round_is_refused,
    super::the_schema_refuses_a_second_delivery_for_the_same_member
);

async fn another_occurrence_of_the_same_schedule_is_a_new_round(store: Store) {
    let (_, first, mut round) = a_round(&store).await;
    round.occurrence_local += Duration::days(7);

    let second = store
        .insert_round(&round, now())
        .await
        .expect("next week is a new round");

    assert_ne!(first, second);
}
both_backends!(
    a_later_occurrence_makes_its_own_round,
    super::another_occurrence_of_the_same_schedule_is_a_new_round
);

async fn a_round_that_closes_before_it_is_due_is_refused(store: Store) {
    let (_, _, mut round) = a_round(&store).await;
    round.occurrence_local += Duration::days(7);
    round.closes_at = round.due_at - Duration::hours(1);

    let result = store.insert_round(&round, now()).await;

    assert!(
        matches!(result, Err(StoreError::Refused(_))),
        "got {result:?}"
    );
}
both_backends!(
    a_window_that_ends_before_it_starts_is_refused,
    super::a_round_that_closes_before_it_is_due_is_refused
);

async fn a_delivery_for_a_member_who_does_not_exist_is_refused(store: Store) {
    let (_, round, _) = a_round(&store).await;
    let delivery = NewDelivery {
        round_id: round,
        member_id: hoego::domain::ids::MemberId(987_654),
        due_at: now(),
        closes_at: now() + Duration::hours(1),
        remind_at: None,
    };

    let result = store.insert_delivery(&delivery).await;

    assert!(
        matches!(result, Err(StoreError::Refused(_))),
        "got {result:?}"
    );
}
both_backends!(
    deliveries_need_a_real_member,
    super::a_delivery_for_a_member_who_does_not_exist_is_refused
);

async fn registering_a_team_or_member_twice_returns_the_first(store: Store) {
    let first = a_team(&store).await;
    let again = a_team(&store).await;
    let alice = a_member(&store, first.id, "alice").await;
    let alice_again = a_member(&store, first.id, "alice").await;

    assert_eq!(first, again);
    assert_eq!(alice.id, alice_again.id);
    assert_eq!(
        store.member(alice.id).await.expect("member reads back"),
        alice
    );
    assert_eq!(first.time_zone.to_string(), "Asia/Seoul");
    assert_eq!(first.language, Lang::Ko);
}
both_backends!(
    registration_is_idempotent,
    super::registering_a_team_or_member_twice_returns_the_first
);

async fn two_schedules_with_one_name_in_a_team_conflict(store: Store) {
    let team = a_team(&store).await;
    a_weekly_schedule(&store, team.id).await;
    let template = store
        .save_template(team.id, "kpt", "", now())
        .await
        .unwrap();
    let duplicate = NewSchedule {
        team_id: team.id,
        name: "weekly".into(),
        template_id: template,
        cron: "0 9 * * MON".into(),
        time_zone: None,
        channel_id: None,
        digest_channel_id: None,
        digest_group: DigestGrouping::Question,
        window_secs: 3600,
        reminder_percent: 0,
        grace_secs: 0,
        next_local: None,
        next_due_at: None,
    };

    let result = store.create_schedule(&duplicate, now()).await;

    assert!(
        matches!(result, Err(StoreError::Conflict(_))),
        "got {result:?}"
    );
}
both_backends!(
    schedule_names_are_unique_in_a_team,
    super::two_schedules_with_one_name_in_a_team_conflict
);
