//! Milestones through the text grammar, on both backends: a member's own (private until shared),
//! the team's (admins only), listed with stable numbers, removed, refused with examples.

use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::Chat;

async fn a_members_milestones_are_their_own_until_shared_and_the_teams_are_everyones(store: Store) {
    let mina = Chat::new(&store, "mina");
    let joon = mina.other("joon");
    let mut admin = mina.other("sora");
    admin.actor.is_admin = true;

    let first = mina
        .say("milestone add 2026-04-01 First day at the new job")
        .await;
    let refused = mina
        .say("milestone add team 2026-09-14 Reorganisation")
        .await;
    let team = admin
        .say("milestone add team 2026-09-14 Reorganisation")
        .await;
    let second = mina
        .say("milestone add 2026-02-10  Moved   to Busan ")
        .await;
    let hidden_from_joon = joon.say("milestone list").await.plain_text();
    let shared = mina.say("milestone visibility 2 team").await.plain_text();
    let listed = mina.say("milestone list").await.plain_text();
    let in_q3 = mina.say("milestone list 2026-Q3").await.plain_text();

    assert_eq!(
        first.plain_text(),
        "Added milestone 1: Wed 1 Apr — First day at the new job. Only you see it; \
         `milestone visibility 1 team` shares it with the team."
    );
    assert!(
        refused
            .plain_text()
            .starts_with("Only admins add or remove team milestones."),
        "{}",
        refused.plain_text()
    );
    assert_eq!(
        team.plain_text(),
        "Added team milestone 1: Mon 14 Sep — Reorganisation. Everyone in the team sees it."
    );
    assert!(
        second
            .plain_text()
            .starts_with("Added milestone 1: Tue 10 Feb — Moved to Busan.")
    );
    assert_eq!(
        hidden_from_joon,
        "The milestones you can see:\n1. Mon 14 Sep — Reorganisation (team, added by sora)"
    );
    assert_eq!(shared, "Milestone 2 is now shared with the team.");
    assert_eq!(
        listed,
        "The milestones you can see:\n\
         1. Tue 10 Feb — Moved to Busan (only you)\n\
         2. Wed 1 Apr — First day at the new job (yours, shared with the team)\n\
         3. Mon 14 Sep — Reorganisation (team, added by sora)"
    );
    assert_eq!(
        in_q3,
        "Milestones in 2026-Q3:\n3. Mon 14 Sep — Reorganisation (team, added by sora)"
    );
}
both_backends!(
    a_members_milestones_are_their_own_until_shared_and_the_teams_are_everyones,
    super::a_members_milestones_are_their_own_until_shared_and_the_teams_are_everyones
);

async fn milestones_are_removed_by_number_and_team_ones_only_by_admins(store: Store) {
    let mina = Chat::new(&store, "mina");
    let mut admin = mina.other("sora");
    admin.actor.is_admin = true;
    admin
        .say("milestone add team 2026-09-14 Reorganisation")
        .await;
    mina.say("milestone add 2026-04-01 First day at the new job")
        .await;

    let not_hers = mina.say("milestone remove 2").await.plain_text();
    let team_always = admin
        .say("milestone visibility 1 private")
        .await
        .plain_text();
    let missing = mina.say("milestone remove 3").await.plain_text();
    let removed = mina.say("milestone remove 1").await.plain_text();
    let by_admin = admin.say("milestone remove 1").await.plain_text();
    let left = mina.say("milestone list").await.plain_text();

    assert!(
        not_hers.starts_with("Only admins add or remove team milestones."),
        "{not_hers}"
    );
    assert_eq!(
        team_always,
        "Milestone 1 is the team's: every member sees it."
    );
    assert_eq!(
        missing,
        "There is no milestone 3: you can see 2. `milestone list` shows their numbers."
    );
    assert_eq!(
        removed,
        "Removed milestone 1: Wed 1 Apr — First day at the new job."
    );
    assert_eq!(
        by_admin,
        "Removed milestone 1: Mon 14 Sep — Reorganisation."
    );
    assert_eq!(
        left,
        "No milestones yet. Add one like this: `milestone add 2026-04-01 First day at the new job`"
    );
}
both_backends!(
    milestones_are_removed_by_number_and_team_ones_only_by_admins,
    super::milestones_are_removed_by_number_and_team_ones_only_by_admins
);

async fn a_milestone_too_long_or_out_of_range_is_refused_with_an_example(store: Store) {
    let mina = Chat::new(&store, "mina");
    let long = format!("milestone add 2026-04-01 {}", "a".repeat(121));

    let too_long = mina.say(&long).await.plain_text();
    let too_early = mina
        .say("milestone add 1969-12-31 Born again")
        .await
        .plain_text();
    let too_late = mina
        .say("milestone add 2028-01-01 Retire")
        .await
        .plain_text();
    let bad_period = mina.say("milestone list 2026-Q7").await.plain_text();
    let kept = mina.say("milestone list").await.plain_text();

    assert_eq!(
        too_long,
        "A milestone is 1 to 120 characters; yours has 121. \
         Example: `milestone add 2026-04-01 First day at the new job`"
    );
    // Today is 2026-12-04 in Seoul: a year and a day ahead is the latest.
    let range = "A milestone is dated from 1970-01-01 to 2027-12-05";
    assert!(too_early.starts_with(range), "{too_early}");
    assert!(
        too_late.starts_with(range) && too_late.contains("2028-01-01 is not"),
        "{too_late}"
    );
    assert!(
        bad_period.contains("\"2026-Q7\" is not a period I know"),
        "{bad_period}"
    );
    assert!(
        kept.starts_with("No milestones yet."),
        "nothing half-written: {kept}"
    );
}
both_backends!(
    a_milestone_too_long_or_out_of_range_is_refused_with_an_example,
    super::a_milestone_too_long_or_out_of_range_is_refused_with_an_example
);

async fn milestones_answer_in_korean(store: Store) {
    let mut mina = Chat::new(&store, "mina");
    mina.actor.locale = Some("ko".into());
    mina.say("settings lang ko").await;
    let mut admin = mina.other("sora");
    admin.actor.is_admin = true;
    admin.say("milestone add team 2026-09-14 조직 개편").await;

    let added = mina
        .say("milestone add 2026-04-01 새 회사 첫 출근")
        .await
        .plain_text();
    let listed = mina.say("milestone list").await.plain_text();
    let refused = mina.say("milestone remove 2").await.plain_text();

    assert_eq!(
        added,
        "1번 전환점을 추가했어요: 4월 1일 (수) — 새 회사 첫 출근. 지금은 혼자만 볼 수 있어요. \
         팀과 공유하려면 `milestone visibility 1 team`을 입력해 주세요."
    );
    assert_eq!(
        listed,
        "볼 수 있는 전환점이에요:\n\
         1. 4월 1일 (수) — 새 회사 첫 출근 (나만 보기)\n\
         2. 9월 14일 (월) — 조직 개편 (팀 전환점, sora 님이 추가)"
    );
    assert!(
        refused.starts_with("팀 전환점은 관리자만 추가하거나 삭제할 수 있어요."),
        "{refused}"
    );
}
both_backends!(
    milestones_answer_in_korean,
    super::milestones_answer_in_korean
);
