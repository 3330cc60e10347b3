//! A team letter in the team recap, on both backends: after its day, in the team recap of the
//! period that holds its day, for readers of the channel it opened in (they take part in a
//! schedule posting there) and in a recap posted there; never while sealed, never to a member
//! who does not read that channel, never in another period, in anyone's own recap or in a
//! summary's request.

use chrono::{TimeZone, Utc};
use hoego::store::Store;

use super::{all_text, write};
use crate::both_backends;
use crate::summary::fake::FakeModel;
use crate::summary::{as_member, turn_on};
use crate::support::team::{Team, team};

const TEAMS: &str = "TEAM-3W: dear team, remember the launch night";

async fn a_team_letter_shows_in_the_team_recap_after_its_day_to_its_channels_readers(store: Store) {
    let model = FakeModel::start().await;
    let mut t = Team::new(&store, &["mina", "joon", "kim"], Some("C-digest")).await;
    t.chat.service.summaries = model.summaries();
    t.another_schedule("retro", "C-digest", &[0, 1]).await;
    for week in 1..=2 {
        let answers = [
            Some(vec![team("Shipped search")]),
            Some(vec![team("Fixed bugs")]),
        ];
        t.round(week, &answers).await;
    }
    t.close_all().await;
    turn_on(&t).await;
    let mina = as_member(&t, 0, true);
    let joon = as_member(&t, 1, false);
    let kim = as_member(&t, 2, false);
    write(&mina, "capsule write team until 2026-12-28", TEAMS).await;
    let sealed = [
        all_text(&joon.say("recap 2026 team").await),
        all_text(&mina.say("recap 2026 team").await),
    ];

    mina.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 28, 0, 0, 0).unwrap());
    let joons = all_text(&joon.say("recap 2026 team").await);
    let minas = all_text(&mina.say("recap 2026-12 team").await);
    let summarised = all_text(&joon.say("recap 2026 team summary").await);
    let mut in_channel = joon.clone();
    in_channel.actor.channel_id = Some("C-digest".into());
    let posted = all_text(&in_channel.say("recap 2026 team public").await);
    let hidden = [
        all_text(&kim.say("recap 2026 team").await),
        all_text(&joon.say("recap 2026-11 team").await),
        all_text(&joon.say("recap 2026").await),
        all_text(&mina.say("recap 2026").await),
    ];
    joon.say("settings lang ko").await;
    let in_korean = all_text(&joon.say("recap 2026 team").await);

    for view in sealed.iter().chain(&hidden) {
        assert!(!view.contains("TEAM-3W"), "the letter shows:\n{view}");
    }
    let shown = format!(
        "## A letter to the team from 4 Dec 2026, opened 28 Dec 2026\n\n**mina**\n\n{TEAMS}"
    );
    for view in [&joons, &minas, &posted, &summarised] {
        assert!(view.contains(&shown), "{view}");
    }
    assert!(
        in_korean.contains(&format!(
            "## 2026년 12월 4일에 팀에게 보낸 편지 (2026년 12월 28일에 열림)\n\n**mina**\n\n{TEAMS}"
        )),
        "{in_korean}"
    );
    assert!(model.requests() > 0, "a summary was asked for");
    for seen in model.seen() {
        assert!(!seen.raw.contains("TEAM-3W"), "{}", seen.raw);
    }
}

both_backends!(
    a_team_letter_shows_in_the_team_recap_after_its_day_to_its_channels_readers,
    super::a_team_letter_shows_in_the_team_recap_after_its_day_to_its_channels_readers
);
