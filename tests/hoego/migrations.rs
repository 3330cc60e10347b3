//! Migrations: applied again they change nothing, the schema read back from the database's own
//! catalog, and the data in it kept.

use hoego::domain::lang::Lang;
use hoego::domain::state::Platform;
use hoego::domain::team::NewTeam;
use hoego::domain::zone::ZoneName;

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;

async fn migrating_again_changes_neither_the_schema_nor_the_data(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let team = NewTeam {
        platform: Platform::Console,
        external_id: "local".into(),
        name: "Local team".into(),
        time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
        language: Lang::Ko,
    };
    let kept = db
        .store
        .ensure_team(&team, chrono::Utc::now())
        .await
        .unwrap();
    let before = db.schema().await;

    db.store
        .migrate()
        .await
        .expect("a second migration succeeds");
    let after = db.schema().await;

    assert!(before.len() > 30, "the schema was read: {before:#?}");
    assert!(
        before.iter().any(|l| l.starts_with("migration ")),
        "{before:#?}"
    );
    assert_eq!(before, after, "the schema is the same");
    let teams = db.store.all_teams().await.unwrap();
    assert_eq!(teams, vec![kept], "the data is kept");
    db.finish().await;
}

on_each_backend!(migrating_again_changes_neither_the_schema_nor_the_data);
