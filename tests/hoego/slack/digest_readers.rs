//! A person in a schedule's digest channel gets that schedule's team recap without taking
//! part; one who is not in it does not. Slack is asked with `conversations.members`, page by
//! page, against the fake; when it does not answer, the person is taken as not reading it.

use crate::on_each_backend;
use crate::support::Backend;
use hoego::service::Interaction;
use hoego::service::ids::FormId;

use super::SlackApp;
use super::payloads::{ALICE, Person};
use super::rounds::{a_round, actor, delivery_of};

const CAROL: Person = Person {
    id: "UCAROL",
    name: "carol",
};
const DAVE: Person = Person {
    id: "UDAVE",
    name: "dave",
};

/// The weekly schedule (digests in `#retro`) with alice's answer, and `#retro` holding 250
/// people, carol the 231st (on the second page of 200).
async fn retro_with_readers(app: &SlackApp) {
    let deliveries = a_round(app).await;
    let values = [
        ("went-well", "Paired on the importer"),
        ("was-hard", "Naming"),
        ("next-week", "Ship"),
    ];
    let values = values.map(|(q, a)| (q.to_string(), a.to_string())).to_vec();
    let submit = Interaction::Submit(FormId::Answer(delivery_of(&deliveries, &ALICE)), values);
    app.service.interact(&actor(&ALICE, false), submit).await;
    app.fake.add_channel("C0RETRO", "retro", false, true);
    let mut people: Vec<String> = (0..250).map(|i| format!("U{i:04}")).collect();
    people[230] = CAROL.id.into();
    let people: Vec<&str> = people.iter().map(String::as_str).collect();
    app.fake.set_channel_people("C0RETRO", &people);
}

async fn team_recap(app: &SlackApp, who: &Person) -> String {
    let ask = Interaction::Text("recap 2026 team".into());
    let reply = app.service.interact(&actor(who, false), ask).await;
    let reply = reply.into_reply();
    let mut text = reply.plain_text();
    for file in &reply.attachments {
        text.push_str(&String::from_utf8_lossy(&file.bytes));
    }
    text
}

async fn a_person_in_the_digest_channel_gets_its_schedules_team_recap(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    retro_with_readers(&app).await;

    let carol = team_recap(&app, &CAROL).await;
    let dave = team_recap(&app, &DAVE).await;

    assert!(carol.contains("Paired on the importer"), "{carol}");
    assert!(!dave.contains("Paired on the importer"), "{dave}");
    let asked = app.fake.calls_of("conversations.members");
    let cursors: Vec<&str> = asked
        .iter()
        .map(|c| c.body["cursor"].as_str().unwrap_or_default())
        .collect();
    // Carol was found on the second page; dave was looked for through both.
    assert_eq!(cursors, ["", "after:200", "", "after:200"], "{asked:#?}");
    // Kept for a minute: asking again does not ask Slack.
    team_recap(&app, &CAROL).await;
    assert_eq!(app.fake.calls_of("conversations.members").len(), 4);
    app.finish().await;
}

async fn when_slack_does_not_answer_the_person_is_not_taken_as_a_reader(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    retro_with_readers(&app).await;
    app.fake
        .fail_next("conversations.members", 500, "internal_error", None);

    let refused = team_recap(&app, &CAROL).await;
    assert!(!refused.contains("Paired on the importer"), "{refused}");
    // Not kept: asked again, Slack answers, and carol gets the recap.
    let later = team_recap(&app, &CAROL).await;
    assert!(later.contains("Paired on the importer"), "{later}");
    app.finish().await;
}

on_each_backend!(
    a_person_in_the_digest_channel_gets_its_schedules_team_recap,
    when_slack_does_not_answer_the_person_is_not_taken_as_a_reader,
);
