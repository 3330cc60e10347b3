//! Arranging a round through the service: a weekly schedule with a channel, alice and bob
//! joined, a round opened now.

use hoego::domain::ids::DeliveryId;
use hoego::domain::state::Platform;
use hoego::service::{Actor, Interaction};

use serde_json::Value;

use super::SlackApp;
use super::fake::TEAM;
use super::payloads::{self, ALICE, BOB, Person};

/// `who` as the service sees them.
pub fn actor(who: &Person, admin: bool) -> Actor {
    actor_of(who.id, who.name, admin)
}

/// The member `id` called `name`, as the service sees them.
pub fn actor_of(id: &str, name: &str, admin: bool) -> Actor {
    Actor {
        platform: Platform::Slack,
        team_external_id: TEAM.into(),
        team_name: super::fake::WORKSPACE_NAME.into(),
        user_id: id.into(),
        display_name: name.into(),
        locale: None,
        time_zone: None,
        is_admin: admin,
        is_guest: false,
        channel_id: None,
        limits: hoego::platform::slack::LIMITS,
        request: None,
    }
}

/// A weekly schedule alice and bob joined, a round opened now; the deliveries by user id.
pub async fn a_round(app: &SlackApp) -> Vec<(String, DeliveryId)> {
    let people = [(ALICE.id, ALICE.name), (BOB.id, BOB.name)];
    a_round_for(app, &people, false).await
}

/// A weekly schedule in `#retro` that `users` (id, name) joined (choosing thread delivery when
/// `threads`), a round opened now; the deliveries by user id.
pub async fn a_round_for(
    app: &SlackApp,
    users: &[(&str, &str)],
    threads: bool,
) -> Vec<(String, DeliveryId)> {
    let admin = Person {
        id: "UADMIN",
        name: "admin",
    };
    let say = |(id, name): (&str, &str), admin: bool, text: &'static str| {
        let actor = actor_of(id, name, admin);
        let text = Interaction::Text(text.to_string());
        async move {
            app.service
                .interact(&actor, text)
                .await
                .into_reply()
                .plain_text()
        }
    };
    let added = say(
        (admin.id, admin.name),
        true,
        "schedule add weekly \"0 17 * * FRI\" channel <#C0RETRO|retro>",
    )
    .await;
    assert!(added.contains("weekly"), "{added}");
    say((admin.id, admin.name), true, "leave").await;
    for &user in users {
        if threads {
            say(user, false, "settings delivery thread").await;
        }
        say(user, false, "join").await;
    }
    say((admin.id, admin.name), true, "schedule run-now weekly").await;
    let team = app.store.all_teams().await.unwrap().remove(0);
    let mut by_user = Vec::new();
    for delivery in app.store.deliveries_of_team(team.id).await.unwrap() {
        let member = app.store.member(delivery.member_id).await.unwrap();
        by_user.push((member.user_id, delivery.id));
    }
    by_user.sort();
    assert_eq!(by_user.len(), users.len());
    by_user
}

/// The delivery made to `who`.
pub fn delivery_of(deliveries: &[(String, DeliveryId)], who: &Person) -> DeliveryId {
    deliveries.iter().find(|(u, _)| u == who.id).unwrap().1
}

/// `who` pressed Answer on their DM prompt for `delivery`: the press's acknowledgement and the
/// `views.open` call it made.
pub async fn pressed_answer(app: &SlackApp, who: &Person, delivery: DeliveryId) -> (Value, Value) {
    let channel = format!("D{}", who.id);
    let action = format!("answer:{}", delivery.0);
    let url = app.fake.response_url();
    let press = payloads::press(who, &channel, &action, &app.trigger(), &url);
    let (ack, _) = app.fake.ack(&app.fake.envelope("interactive", press)).await;
    let opened = app.fake.wait_for("views.open", 1).await.remove(0).body;
    (ack, opened)
}
