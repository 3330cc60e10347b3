//! The written summary above a recap (issue 21), against a fake OpenAI-compatible server on
//! loopback: the gates (operator endpoint, team opt-in), each way a reply can go, the cache and
//! forget-me, the per-team limit, the token counts in /metrics, and the property that no private
//! answer of another member is ever in a request body. Both backends.

mod cache;
mod cli;
pub mod fake;
mod gates;
mod outcomes;
mod property;

use hoego::domain::lang::Lang;
use hoego::domain::visibility::Visibility;
use hoego::service::summary::Summaries;
use hoego::store::Store;

use crate::support::chat::Chat;
use crate::support::team::Team;

/// A team of three (mina, joon, ara) with four weekly rounds: shared notes, a private note of
/// joon's and anonymous lists; summaries asking `summaries` (not turned on for the team yet).
pub async fn answered_team(store: &Store, lang: Lang, summaries: &Summaries) -> Team {
    let mut team = Team::new_in(lang, store, &["mina", "joon", "ara"], None).await;
    team.chat.service.summaries = summaries.clone();
    let shared = |text: &str| ("note", text.to_string(), Visibility::Team);
    let private = |text: &str| ("note", text.to_string(), Visibility::Private);
    let anonymous = |text: &str| ("next", text.to_string(), Visibility::Anonymous);
    for week in 1..=4u32 {
        let round = [
            Some(vec![
                shared("Shipped the search beta"),
                anonymous("Fewer meetings"),
            ]),
            Some(vec![
                private("PRIVATE joon worried about the move"),
                anonymous("Fewer meetings"),
            ]),
            Some(vec![
                shared(&format!("Closed 12 bugs in week {week}")),
                anonymous("Fewer meetings"),
            ]),
        ];
        team.round(week, &round).await;
    }
    team.close_all().await;
    team
}

/// The team's chat as `members[member]`, admin or not.
pub fn as_member(team: &Team, member: usize, admin: bool) -> Chat {
    let name = &team.members[member].display_name;
    let mut chat = team.chat.other(name);
    chat.actor.is_admin = admin;
    chat
}

/// Turns summaries on for the team as an admin.
pub async fn turn_on(team: &Team) {
    let reply = as_member(team, 0, true).say("settings summary on").await;
    let text = reply.plain_text();
    assert!(
        text.contains("fake-model") || text.contains("모델"),
        "{text}"
    );
}
