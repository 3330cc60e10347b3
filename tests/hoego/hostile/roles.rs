//! Scenario 6: `schedule add … role:` with a name already taken is refused whole; the role's
//! members are not added to the existing schedule.

use crate::discord::DiscordApp;
use crate::discord::payloads::Person;
use crate::discord::roles::{ROLE, add_with_role, member, participants};
use crate::on_each_backend;
use crate::support::Backend;
use hoego::service::Interaction;

async fn a_role_add_on_a_taken_name_adds_nobody(backend: Backend) {
    let Some(app) = DiscordApp::start_with(backend, |s, fake| {
        s.members_intent = true;
        fake.enable_members_intent();
    })
    .await
    else {
        return;
    };
    app.registered().await;
    app.fake.set_members(vec![
        member("6001", &[ROLE], false),
        member("6002", &[ROLE], false),
    ]);
    let admin = Person::admin("6000");
    let first = Interaction::Text("schedule add weekly \"0 9 * * MON\" name retro".into());
    let made = app.service.interact(&app.actor(&admin), first).await;
    assert!(matches!(made, hoego::service::Outcome::Done(_)), "{made:?}");

    app.interact(|id| add_with_role(id, &admin)).await;
    let followed = app.fake.wait_for("POST", "/webhooks/", 1).await;

    let text = followed[0].body["content"].as_str().unwrap_or_default();
    assert!(
        text.contains("There is already a schedule called retro"),
        "{text}"
    );
    assert!(!text.contains("retro-crew"), "{text}");
    // Only the admin who made it takes part; the role's members were not added.
    assert_eq!(participants(&app).await, vec!["6000".to_string()]);
    app.finish().await;
}

on_each_backend!(a_role_add_on_a_taken_name_adds_nobody);

/// A role with more members than a schedule may ask: the schedule is refused before it is made,
/// so no schedule with only its admin is left behind.
async fn a_role_past_the_participants_limit_makes_no_schedule(backend: Backend) {
    let Some(app) = DiscordApp::start_with(backend, |s, fake| {
        s.members_intent = true;
        fake.enable_members_intent();
    })
    .await
    else {
        return;
    };
    app.registered().await;
    // The admin and 500 members with the role: one past the default of 500.
    let crew = (0..500).map(|i| member(&(7000 + i).to_string(), &[ROLE], false));
    app.fake.set_members(crew.collect());
    let admin = Person::admin("6000");

    app.interact(|id| add_with_role(id, &admin)).await;
    let followed = app.fake.wait_for("POST", "/webhooks/", 1).await;

    let text = followed[0].body["content"].as_str().unwrap_or_default();
    assert!(
        text.starts_with(
            "The schedule retro was not made: with everyone asked it would have 501 \
             participants, and one schedule may ask at most 500 (setting \
             `limits.participants_per_schedule`)."
        ),
        "{text}"
    );
    assert!(!text.contains("retro-crew"), "{text}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    assert!(app.store.schedules(team.id).await.unwrap().is_empty());
    app.finish().await;
}

on_each_backend!(a_role_past_the_participants_limit_makes_no_schedule);
