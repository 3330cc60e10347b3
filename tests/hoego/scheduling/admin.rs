//! Schedule administration: announcements with a Join button, admins only for changes,
//! previews for everyone, removal keeps past rounds.

use hoego::service::Interaction;
use hoego::service::reply::Audience;
use hoego::store::Store;

use crate::both_backends;
use crate::support::world::{World, utc};

async fn a_new_schedule_is_announced_with_a_join_button_that_adds_whoever_presses_it(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);
    let announcement = world
        .say(
            &admin,
            "schedule add kpt \"0 9 * * MON\" tz Asia/Seoul name retro",
        )
        .await
        .unwrap();
    let join = announcement.actions.first().expect("a Join button").id;

    let carol = world.actor("carol", false);
    let joined = world.service.interact(&carol, Interaction::Press(join));
    let joined = joined.await.into_reply();
    let again = world.service.interact(&carol, Interaction::Press(join));
    let again = again.await.into_reply();

    assert_eq!(announcement.audience, Audience::Channel);
    let public = announcement.plain_text();
    assert!(public.contains("Press Join"), "{public}");
    assert!(
        !public.contains("You joined") && !public.contains("You "),
        "the public post does not speak to the admin: {public}"
    );
    assert!(
        joined.plain_text().contains("You joined retro"),
        "{}",
        joined.plain_text()
    );
    assert!(
        again.plain_text().contains("already in retro"),
        "{}",
        again.plain_text()
    );
    let list = world
        .say(&admin, "schedule list")
        .await
        .unwrap()
        .plain_text();
    assert!(
        list.contains("participants: 2"),
        "the admin and Carol: {list}"
    );
}
both_backends!(
    join_button,
    super::a_new_schedule_is_announced_with_a_join_button_that_adds_whoever_presses_it
);

async fn only_admins_change_schedules_but_anyone_may_list_and_preview(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let member = world.actor("dave", false);

    let refused = world
        .say(&member, "schedule add weekly \"0 17 * * FRI\"")
        .await
        .unwrap_err();
    let list = world
        .say(&member, "schedule list")
        .await
        .unwrap()
        .plain_text();
    let preview = world
        .say(
            &member,
            "schedule preview \"0 17 * * FRI\" tz Asia/Seoul count 2",
        )
        .await
        .unwrap()
        .plain_text();

    assert!(refused.contains("Only admins of Team One"), "{refused}");
    assert!(list.contains("no schedules yet"), "{list}");
    assert!(preview.contains("- Fri 4 Dec, 5 pm"), "{preview}");
    assert!(preview.contains("every Friday at 5 pm"), "{preview}");
}
both_backends!(
    admins_only,
    super::only_admins_change_schedules_but_anyone_may_list_and_preview
);

async fn removing_a_schedule_keeps_its_past_rounds(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);
    world
        .say(&admin, "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul")
        .await
        .unwrap();
    world.say(&admin, "schedule run-now weekly").await.unwrap();
    let (team, _) = world.service.identify(&admin).await.unwrap();

    let removed = world
        .say(&admin, "schedule remove weekly")
        .await
        .unwrap()
        .plain_text();

    assert!(removed.contains("Removed the schedule weekly"), "{removed}");
    let rounds = world.store.rounds_of_team(team.id).await.unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].schedule_id, None);
    assert!(
        world
            .say(&admin, "schedule list")
            .await
            .unwrap()
            .plain_text()
            .contains("no schedules yet")
    );
}
both_backends!(
    remove_keeps_rounds,
    super::removing_a_schedule_keeps_its_past_rounds
);

async fn a_schedule_name_outside_the_grammar_is_refused_saying_the_grammar(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);
    let add = |name: &str| format!("schedule add weekly \"0 17 * * FRI\" name {name}");

    let mut refusals = Vec::new();
    for name in ["<!channel>", "@here", "a_b", "a.b"] {
        refusals.push((name.to_string(), world.say(&admin, &add(name)).await));
    }
    let korean = world.say(&admin, &add("주간-회고")).await;
    let list = world.say(&admin, "schedule list").await.unwrap();

    for (name, refused) in refusals {
        let text = refused.expect_err(&name);
        assert!(
            text.contains(&format!("`{name}` cannot be a schedule name")),
            "{text}"
        );
        assert!(
            text.contains("1 to 64 letters, digits and hyphens (-)"),
            "{text}"
        );
    }
    assert!(korean.is_ok(), "{korean:?}");
    let list = list.plain_text();
    assert!(list.contains("주간-회고"), "{list}");
    assert!(
        !list.contains("channel"),
        "nothing refused was added: {list}"
    );
}
both_backends!(
    schedule_names,
    super::a_schedule_name_outside_the_grammar_is_refused_saying_the_grammar
);

async fn an_unknown_time_zone_is_refused_in_the_same_words_everywhere(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);

    let refusals = [
        world.say(&admin, "settings tz Asia/Seol").await,
        world
            .say(&admin, "schedule add weekly \"0 17 * * FRI\" tz Asia/Seol")
            .await,
        world
            .say(&admin, "schedule preview \"0 17 * * FRI\" tz Asia/Seol")
            .await,
    ];

    let texts: Vec<String> = refusals.into_iter().map(|r| r.unwrap_err()).collect();
    assert!(
        texts[0].starts_with("I don't know the time zone `Asia/Seol`"),
        "{}",
        texts[0]
    );
    assert!(
        texts[0].contains("Asia/Seoul"),
        "a suggestion: {}",
        texts[0]
    );
    assert_eq!(texts[1], texts[0]);
    assert_eq!(texts[2], texts[0]);
}
both_backends!(
    unknown_zones,
    super::an_unknown_time_zone_is_refused_in_the_same_words_everywhere
);
