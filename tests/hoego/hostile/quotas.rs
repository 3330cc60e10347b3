//! Scenario 4 (quotas): a noisy team's admin adds schedules, asks every minute, starts rounds
//! with run-now and adds people past the per-team quotas; each is refused naming the limit and
//! its setting, in English and Korean, and a quiet team's own quotas are untouched.

use chrono::Duration;
use hoego::service::guard::{Guard, Policy};
use hoego::service::quotas::Quotas;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::Chat;

/// An admin of team `team`, on `store`.
fn admin(store: &Store, team: &str, user: &str) -> Chat {
    let mut chat = Chat::new(store, user);
    chat.actor.team_external_id = team.into();
    chat.actor.team_name = team.into();
    chat.actor.is_admin = true;
    chat
}

async fn add(chat: &Chat, name: &str, cron: &str) -> String {
    let line = format!("schedule add weekly \"{cron}\" name {name}");
    chat.say(&line).await.plain_text()
}

async fn a_noisy_team_meets_its_quotas_and_the_quiet_team_keeps_its_own(store: Store) {
    let noisy = admin(&store, "Noisy", "nora");
    let quiet = admin(&store, "Quiet", "quinn");

    let every_minute = add(&noisy, "spam", "* * * * *").await;
    assert_eq!(
        every_minute,
        "`* * * * *` would ask twice within 1 minute; a schedule may ask at most once every 15 \
         minutes (setting `limits.shortest_cron_minutes`). Ask less often, e.g. \
         `/hoego schedule add weekly \"0 17 * * FRI\"`."
    );
    let quarter_hour = add(&noisy, "s0", "*/15 * * * *").await;
    assert!(
        quarter_hour.starts_with("Added the schedule s0"),
        "{quarter_hour}"
    );
    for i in 1..20 {
        let added = add(&noisy, &format!("s{i}"), "0 17 * * FRI").await;
        assert!(added.starts_with("Added the schedule"), "{i}: {added}");
    }
    let one_too_many = add(&noisy, "s20", "0 17 * * FRI").await;
    assert_eq!(
        one_too_many,
        "Noisy has 20 schedules, the most one team may have (setting \
         `limits.schedules_per_team`, now 20). Remove one you no longer need first, e.g. \
         `/hoego schedule remove s0`."
    );
    let listed = noisy.say("schedule list").await.plain_text();
    assert!(
        !listed.contains("s20") && !listed.contains("spam"),
        "{listed}"
    );

    for i in 0..6 {
        let started = noisy.say("schedule run-now s1").await.plain_text();
        assert!(
            started.starts_with("Opened a round of s1"),
            "{i}: {started}"
        );
        noisy.clock.advance(Duration::minutes(1));
    }
    noisy.clock.advance(Duration::minutes(14));
    let seventh = noisy.say("schedule run-now s1").await.plain_text();
    assert_eq!(
        seventh,
        "Noisy started 6 rounds with run-now in the last hour, the most one team may (setting \
         `limits.run_now_per_hour`). Try again in 40 minutes."
    );
    // A name that is no schedule is not counted: it starts nothing.
    let typo = noisy
        .say("schedule run-now nothing-here")
        .await
        .plain_text();
    assert!(typo.contains("nothing-here"), "{typo}");

    // The quiet team adds a schedule and starts its rounds as if the noisy one were not there.
    let added = add(&quiet, "retro", "0 17 * * FRI").await;
    assert!(added.starts_with("Added the schedule retro"), "{added}");
    for i in 0..6 {
        let started = quiet.say("schedule run-now retro").await.plain_text();
        assert!(
            started.starts_with("Opened a round of retro"),
            "{i}: {started}"
        );
        quiet.clock.advance(Duration::minutes(1));
    }

    // An hour after its first, the noisy team may start a round again.
    noisy.clock.advance(Duration::minutes(40));
    let again = noisy.say("schedule run-now s1").await.plain_text();
    assert!(again.starts_with("Opened a round of s1"), "{again}");
    let removed = noisy.say("schedule remove s0").await.plain_text();
    assert!(removed.starts_with("Removed the schedule s0"), "{removed}");
    let room_again = add(&noisy, "s20", "0 17 * * FRI").await;
    assert!(
        room_again.starts_with("Added the schedule s20"),
        "{room_again}"
    );
}
both_backends!(
    noisy_and_quiet_teams,
    super::a_noisy_team_meets_its_quotas_and_the_quiet_team_keeps_its_own
);

async fn a_schedule_takes_no_more_people_than_its_quota(store: Store) {
    let mut noisy = admin(&store, "Noisy", "nora");
    noisy.service.guard = Guard::new(Policy {
        quotas: Quotas {
            participants_per_schedule: 3,
            ..Quotas::default()
        },
        ..Policy::default()
    });
    add(&noisy, "retro", "0 17 * * FRI").await;

    let three_more = noisy
        .say("schedule add-member retro <@U-a> <@U-b> <@U-c>")
        .await
        .plain_text();
    assert_eq!(
        three_more,
        "Nobody was added: retro would have 4 participants, and one schedule may ask at most 3 \
         (setting `limits.participants_per_schedule`). Add fewer people, or split them across \
         two schedules."
    );
    let listed = noisy.say("schedule list").await.plain_text();
    assert!(listed.contains("participants: 1,"), "{listed}");
    let many = (0..10).map(|i| format!("<@U-{i}>")).collect::<Vec<_>>();
    let refused = noisy
        .say(&format!("schedule add-member retro {}", many.join(" ")))
        .await
        .plain_text();
    assert!(
        refused.starts_with("Nobody was added: retro would have 10"),
        "{refused}"
    );

    // Someone already in counts once: nora is in, a and b fill the schedule.
    let two = noisy
        .say("schedule add-member retro <@U-nora> <@U-a> <@U-b>")
        .await
        .plain_text();
    assert!(two.starts_with("Added"), "{two}");
    let mut late = noisy.other("dana");
    late.actor.is_admin = false;
    let full = late.say("join retro").await.plain_text();
    assert_eq!(
        full,
        "retro is full: one schedule may ask at most 3 members (setting \
         `limits.participants_per_schedule`). Ask an admin to make room, or join another \
         schedule."
    );
    let mut korean = noisy.other("minji");
    korean.actor.is_admin = false;
    korean.actor.locale = Some("ko".into());
    let full = korean.say("join retro").await.plain_text();
    assert_eq!(
        full,
        "retro 일정은 참여 멤버가 꽉 찼어요. 한 일정에는 최대 3명까지 참여할 수 있어요(설정 \
         `limits.participants_per_schedule`). 관리자에게 자리를 만들어 달라고 하거나 다른 \
         일정에 참여해 주세요."
    );
    // A member already in may "join" again and hears so, full or not.
    let again = noisy.other("a").say("join retro").await.plain_text();
    assert_eq!(again, "You are already in retro.");
}
both_backends!(
    participants_per_schedule,
    super::a_schedule_takes_no_more_people_than_its_quota
);

async fn korean_admins_read_each_refusal_in_korean(store: Store) {
    let mut admin = admin(&store, "소음팀", "nora");
    admin.actor.locale = Some("ko".into());
    let refused = add(&admin, "spam", "*/5 * * * *").await;
    assert_eq!(
        refused,
        "`*/5 * * * *`대로라면 5분 안에 두 번 질문하게 돼요. 한 일정은 적어도 15분 간격을 \
         두어야 해요(설정 `limits.shortest_cron_minutes`). 간격을 넓혀 주세요. 예: \
         `/hoego schedule add weekly \"0 17 * * FRI\"`"
    );
    add(&admin, "retro", "0 17 * * FRI").await;
    for _ in 0..6 {
        admin.say("schedule run-now retro").await;
        admin.clock.advance(Duration::seconds(1));
    }
    let seventh = admin.say("schedule run-now retro").await.plain_text();
    assert_eq!(
        seventh,
        "소음팀에서 최근 1시간 동안 `run-now`로 회차를 6번 열었어요. 한 팀이 1시간에 열 수 있는 \
         최대 횟수예요(설정 `limits.run_now_per_hour`). 60분 뒤에 다시 해 주세요."
    );
}
both_backends!(
    refusals_in_korean,
    super::korean_admins_read_each_refusal_in_korean
);
