//! Nothing is sent before both gates are open: the operator's endpoint and the team's opt-in
//! (admins only, shown with the endpoint the notes would go to).

use hoego::domain::lang::Lang;
use hoego::service::summary::Summaries;

use super::fake::FakeModel;
use super::{answered_team, as_member};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;

const HEADING: &str = "## Summary, written by a model";

async fn nothing_is_sent_before_the_operator_and_the_team_both_turn_summaries_on(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = answered_team(&db.store, Lang::En, &Summaries::default()).await;
    let (member, admin) = (as_member(&team, 0, false), as_member(&team, 0, true));

    // No endpoint: the recap comes alone, with the reason, and it cannot be turned on.
    let reply = member.say("recap 2026 team summary").await.plain_text();
    assert!(
        reply.contains("No summary: this hoego has no summary endpoint"),
        "{reply}"
    );
    assert!(reply.contains("Shipped the search beta"), "{reply}");
    let refused = admin.say("settings summary on").await.plain_text();
    assert!(refused.contains("cannot be turned on"), "{refused}");

    // The endpoint configured, the team not opted in: still nothing sent.
    let mut team = team;
    team.chat.service.summaries = fake.summaries();
    let (member, admin) = (as_member(&team, 0, false), as_member(&team, 0, true));
    let reply = member.say("recap 2026 team summary").await.plain_text();
    assert!(reply.contains("summaries are off for this team"), "{reply}");
    assert!(reply.contains("`/hoego settings summary on`"), "{reply}");
    let status = member.say("settings summary").await.plain_text();
    assert!(
        status.contains(&fake.base_url) && status.contains("off"),
        "{status}"
    );
    let refused = member.say("settings summary on").await.plain_text();
    assert!(refused.contains("Only admins"), "{refused}");
    assert_eq!(fake.requests(), 0);

    // An admin turns them on and is shown where the notes will go.
    let on = admin.say("settings summary on").await.plain_text();
    assert!(
        on.contains(&fake.base_url) && on.contains("fake-model"),
        "{on}"
    );
    let reply = member.say("recap 2026 team summary").await.plain_text();
    assert_eq!(fake.requests(), 1);
    assert!(reply.contains(HEADING), "{reply}");
    assert_eq!(
        fake.seen()[0].authorization.as_deref(),
        Some("Bearer sk-test-key")
    );
    // Without `summary`, nothing is sent.
    let plain = member.say("recap 2026 team").await.plain_text();
    assert!(!plain.contains(HEADING), "{plain}");
    assert_eq!(fake.requests(), 1);

    // Off again: nothing is sent, even for inputs never asked before.
    let off = admin.say("settings summary off").await.plain_text();
    assert!(off.contains("now off"), "{off}");
    let reply = member.say("recap 2026-01 team summary").await.plain_text();
    assert!(reply.contains("summaries are off for this team"), "{reply}");
    assert_eq!(fake.requests(), 1);
    db.finish().await;
}

async fn korean_readers_get_the_gates_and_the_summary_in_korean(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = answered_team(&db.store, Lang::Ko, &fake.summaries()).await;
    let (member, admin) = (as_member(&team, 0, false), as_member(&team, 0, true));
    let reply = member.say("recap 2026 team summary").await.plain_text();
    assert!(reply.contains("이 팀은 요약을 켜지 않았어요"), "{reply}");
    let refused = member.say("settings summary on").await.plain_text();
    assert!(refused.contains("관리자만"), "{refused}");
    let on = admin.say("settings summary on").await.plain_text();
    assert!(
        on.contains("이 팀의 요약을 켰어요") && on.contains(&fake.base_url),
        "{on}"
    );
    let reply = member.say("recap 2026 team summary").await.plain_text();
    assert!(reply.contains("## 모델이 쓴 요약"), "{reply}");
    assert!(reply.contains("**출처**"), "{reply}");
    let prompt = fake.seen()[0].body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(prompt.starts_with("당신은 회고 글"), "{prompt}");
    db.finish().await;
}

on_each_backend!(
    nothing_is_sent_before_the_operator_and_the_team_both_turn_summaries_on,
    korean_readers_get_the_gates_and_the_summary_in_korean,
);
