//! Scenario 2: team recaps cover only what the reader takes part in. A leadership schedule's
//! answers stay out of other members' team recaps; a Slack guest gets no team view; a public
//! team recap goes only to a schedule's digest channel and covers that channel's schedules.

use hoego::domain::visibility::Visibility;
use hoego::service::reply::Reply;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::Chat;
use crate::support::team::{Given, Team};

const NAMES: [&str; 4] = ["ara", "bom", "cho", "dan"];

/// Everything a reply shows: its text and its attached files.
fn shown(reply: &Reply) -> String {
    let mut text = reply.plain_text();
    for file in &reply.attachments {
        text.push_str(&String::from_utf8_lossy(&file.bytes));
    }
    text
}

fn named(value: &str) -> Option<Vec<Given>> {
    Some(vec![("note", value.to_string(), Visibility::Team)])
}

/// A team whose four members answer `pulse` (digests in `C-pulse`), and whose first two also
/// answer `leads` (digests in the private `C-leads`).
async fn team_with_leads(store: &Store) -> Team {
    let t = Team::new(store, &NAMES, Some("C-pulse")).await;
    let all: Vec<_> = NAMES.iter().map(|n| named(&format!("pulse-{n}"))).collect();
    t.round(10, &all).await;
    let leads = t.another_schedule("leads", "C-leads", &[0, 1]).await;
    leads
        .round(10, &[named("leads-ara"), named("leads-bom")])
        .await;
    t.close_all().await;
    t
}

fn chat_of(t: &Team, name: &str) -> Chat {
    let chat = t.chat.other(name);
    chat.clock
        .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 20, 0, 0, 0).unwrap());
    chat
}

async fn a_leadership_schedule_stays_out_of_other_members_team_recaps(store: Store) {
    let t = team_with_leads(&store).await;
    let dan = shown(&chat_of(&t, "dan").say("recap 2026 team").await);
    assert!(
        dan.contains("pulse-ara") && dan.contains("pulse-dan"),
        "{dan}"
    );
    assert!(!dan.contains("leads-"), "{dan}");
    let ara = shown(&chat_of(&t, "ara").say("recap 2026 team").await);
    assert!(
        ara.contains("leads-bom") && ara.contains("pulse-dan"),
        "{ara}"
    );
}
both_backends!(
    leadership_schedule,
    super::a_leadership_schedule_stays_out_of_other_members_team_recaps
);

async fn a_guest_gets_no_team_view_but_their_own(store: Store) {
    let t = team_with_leads(&store).await;
    let mut guest = chat_of(&t, "cho");
    guest.actor.is_guest = true;
    let team = shown(&guest.say("recap 2026 team").await);
    assert!(
        team.starts_with("Guests see their own recaps only"),
        "{team}"
    );
    assert!(!team.contains("pulse-"), "{team}");
    let own = shown(&guest.say("recap 2026 me").await);
    assert!(own.contains("pulse-cho"), "{own}");
}
both_backends!(guest, super::a_guest_gets_no_team_view_but_their_own);

async fn a_public_team_recap_goes_only_to_a_digest_channel_and_covers_its_schedules(store: Store) {
    let t = team_with_leads(&store).await;
    let mut ara = chat_of(&t, "ara");
    ara.actor.channel_id = Some("C-random".into());
    let refused = ara.say("recap 2026 team public").await;
    assert!(
        shown(&refused).starts_with("A team recap is posted publicly only in a schedule's digest"),
        "{}",
        shown(&refused)
    );
    assert!(!shown(&refused).contains("pulse-"));
    ara.actor.channel_id = Some("C-pulse".into());
    let pulse = shown(&ara.say("recap 2026 team public").await);
    assert!(
        pulse.contains("pulse-bom") && !pulse.contains("leads-"),
        "{pulse}"
    );
    ara.actor.channel_id = Some("C-leads".into());
    let leads = shown(&ara.say("recap 2026 team public").await);
    assert!(
        leads.contains("leads-bom") && !leads.contains("pulse-"),
        "{leads}"
    );
}
both_backends!(
    public_team_recap,
    super::a_public_team_recap_goes_only_to_a_digest_channel_and_covers_its_schedules
);
