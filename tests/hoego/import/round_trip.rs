//! A team's export imported into an empty database exports again the same (on each backend,
//! and from SQLite to PostgreSQL and back); a member's export imported gives the same recap;
//! importing twice adds nothing.

use chrono::NaiveDate;
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::{Scope, markdown};
use hoego::domain::team::{Member, Team};
use hoego::domain::zone::ZoneName;
use hoego::service::recap::RecapOrder;
use hoego::store::Store;

use super::{import, lived_in_team, request, row_counts, without_time};
use crate::both_backends;
use crate::support::Backend;
use crate::support::chat::Chat;
use crate::support::db::TestDb;

async fn team_export(chat: &Chat, store: &Store) -> String {
    let team = store.all_teams().await.unwrap().remove(0);
    chat.service
        .team_export(team.id, Lang::En)
        .await
        .unwrap()
        .json
}

/// Restores `json` into a fresh database of `backend` and exports it again.
async fn restored(json: &str, backend: Backend) -> Option<String> {
    let db = TestDb::new(backend).await?;
    let summary = import(&db.store, &request("team.json", json.as_bytes().to_vec())).await;
    assert!(summary.report.team_created, "{}", summary.text);
    let again = team_export(&Chat::new(&db.store, "operator"), &db.store).await;
    db.finish().await;
    Some(again)
}

async fn a_team_export_restored_into_an_empty_database_exports_the_same(store: Store) {
    let mina = lived_in_team(&store).await;
    let first = team_export(&mina, &store).await;

    let sqlite = restored(&first, Backend::Sqlite).await.unwrap();

    let parsed = without_time(&first);
    assert_eq!(parsed["kind"], "team");
    assert_eq!(parsed["members"].as_array().unwrap().len(), 2);
    assert!(
        first.contains("Shipped, \\\"finally\\\""),
        "history is kept: {first}"
    );
    assert!(first.contains("30 minutes a day"), "follow-ups are kept");
    let milestones: Vec<(&str, &str, bool, &str)> = parsed["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = m["text"].as_str().unwrap();
            let author = m["author"].as_str().unwrap();
            (
                text,
                author,
                m["team_wide"].as_bool().unwrap(),
                m["visibility"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        milestones,
        [
            ("Moved to Busan", "U-mina", false, "team"),
            ("First day at the new job", "U-mina", false, "private"),
            ("Bought a bike", "U-joon", false, "private"),
            ("Reorganisation", "U-joon", true, "team"),
        ]
    );
    assert_eq!(without_time(&sqlite), parsed);
    if let Some(postgres) = restored(&first, Backend::Postgres).await {
        assert_eq!(without_time(&postgres), parsed);
        // And back: PostgreSQL's export restored on SQLite.
        let back = restored(&postgres, Backend::Sqlite).await.unwrap();
        assert_eq!(without_time(&back), parsed);
    }
}
both_backends!(
    a_team_export_restored_into_an_empty_database_exports_the_same,
    super::a_team_export_restored_into_an_empty_database_exports_the_same
);

async fn importing_the_same_export_twice_adds_nothing(store: Store) {
    let mina = lived_in_team(&store).await;
    let json = team_export(&mina, &store).await;
    let before = row_counts(&store).await;

    // Into the team it came from: everything is there already.
    let again = import(&store, &request("team.json", json.clone().into_bytes())).await;

    assert!(!again.report.added_anything(), "{}", again.text);
    assert_eq!(again.report.unchanged, 11, "{}", again.text);
    assert!(again.text.contains("Nothing new"), "{}", again.text);
    assert_eq!(row_counts(&store).await, before);
    let exported = team_export(&mina, &store).await;
    assert_eq!(without_time(&exported), without_time(&json));
}
both_backends!(
    importing_the_same_export_twice_adds_nothing,
    super::importing_the_same_export_twice_adds_nothing
);

async fn year_recap(chat: &Chat, team: Team, member: Member) -> (String, String) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let order = RecapOrder {
        team,
        member: Some(member),
        scope: Scope::Me,
        period: Period::parse("2026", today).unwrap(),
        zone: ZoneName::parse("Asia/Seoul").unwrap(),
        lang: hoego::domain::lang::Lang::En,
        shared_only: false,
        digest_channel: None,
        today,
        max_lines: hoego::domain::recap::RecapRequest::MAX_LINES,
    };
    let recap = chat.service.compile_recap(&order).await.unwrap();
    (
        markdown::render(&recap),
        serde_json::to_string_pretty(&recap).unwrap(),
    )
}

async fn a_members_export_imported_elsewhere_gives_the_same_year_recap(store: Store) {
    let mina = lived_in_team(&store).await;
    let (team, member) = mina.me().await;
    let team = store.team_by_id(team).await.unwrap().unwrap();
    let original = year_recap(&mina, team, member).await;
    let reply = mina.say("export").await;
    let json = reply.attachments[1].bytes.clone();
    let document = without_time(std::str::from_utf8(&json).unwrap());
    let milestones: Vec<(&str, Option<&str>)> = document["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["author"].as_str()))
        .collect();
    assert_eq!(
        milestones,
        [
            ("Moved to Busan", Some("U-mina")),
            ("First day at the new job", Some("U-mina")),
            ("Reorganisation", None),
        ],
        "her own and the team's, not joon's own; the team's without joon's name"
    );

    let Some(db) = TestDb::new(Backend::Sqlite).await else {
        return;
    };
    let summary = import(&db.store, &request("hoego-export.json", json.clone())).await;
    let twice = import(&db.store, &request("hoego-export.json", json)).await;

    assert_eq!(summary.report.members, 1, "{}", summary.text);
    assert!(!twice.report.added_anything(), "{}", twice.text);
    let team = db.store.all_teams().await.unwrap().remove(0);
    let member = db.store.team_members(team.id).await.unwrap().remove(0);
    assert_eq!(member.display_name, "mina");
    let chat = Chat::new(&db.store, "reader");
    assert_eq!(year_recap(&chat, team, member).await, original);
    assert!(
        original.0.contains("Shipped the importer"),
        "{}",
        original.0
    );
    assert!(original.0.contains("Reorganisation"), "{}", original.0);
    db.finish().await;
}
both_backends!(
    a_members_export_imported_elsewhere_gives_the_same_year_recap,
    super::a_members_export_imported_elsewhere_gives_the_same_year_recap
);
