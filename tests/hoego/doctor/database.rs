//! The doctor's database line: an unreachable server, a database never migrated, a SQLite file
//! that is not there (and is not created by looking), no platform configured.

use super::{doctor, failures, line};
use crate::slack::fake::FakeSlack;
use crate::support::db::{Backend, TestDb};

fn slack_vars(fake: &FakeSlack) -> Vec<(&'static str, String)> {
    vec![
        ("HOEGO_SLACK__BOT_TOKEN", "xoxb-doctor".to_string()),
        ("HOEGO_SLACK__APP_TOKEN", "xapp-doctor".to_string()),
        ("HOEGO_SLACK__API_BASE_URL", fake.api_url()),
    ]
}

#[tokio::test]
async fn an_unreachable_database_fails_its_line_and_the_platform_is_still_checked() {
    let fake = FakeSlack::with_tokens("xoxb-doctor", "xapp-doctor").await;
    let mut vars = slack_vars(&fake);
    vars.push((
        "HOEGO_DATABASE__URL",
        "postgres://postgres:secret@127.0.0.1:1/hoego".to_string(),
    ));
    vars.push(("HOEGO_DATABASE__CONNECT_TIMEOUT_SECS", "1".to_string()));

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let database = line(&report, "database");
    assert_eq!(failures(&report), vec![database], "{report}");
    assert!(
        database.contains("cannot open postgres://postgres:"),
        "{database}"
    );
    assert!(
        !report.contains("secret"),
        "the password is masked: {report}"
    );
    assert!(
        database.contains("→ start PostgreSQL, or point database.url (HOEGO_DATABASE__URL)"),
        "{database}"
    );
    assert!(
        line(&report, "slack channels").starts_with("skip"),
        "{report}"
    );
    assert!(line(&report, "slack token").starts_with("ok "), "{report}");
}

#[tokio::test]
async fn a_database_never_migrated_fails_naming_the_pending_migrations_and_hoego_migrate() {
    let db = TestDb::new_unmigrated(Backend::Sqlite).await.unwrap();
    let fake = FakeSlack::with_tokens("xoxb-doctor", "xapp-doctor").await;
    let mut vars = slack_vars(&fake);
    vars.push(("HOEGO_DATABASE__URL", db.settings.url.expose().to_string()));

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let database = line(&report, "database");
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    let pending = format!("0 of {shipped} migrations applied; pending 0001 schema");
    assert!(database.contains(&pending), "{database}");
    assert!(database.contains("→ run `hoego migrate`"), "{database}");
    db.finish().await;
}

#[tokio::test]
async fn a_missing_sqlite_file_fails_and_looking_does_not_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing-here.db");
    let fake = FakeSlack::with_tokens("xoxb-doctor", "xapp-doctor").await;
    let mut vars = slack_vars(&fake);
    vars.push((
        "HOEGO_DATABASE__URL",
        format!("sqlite://{}", path.display()),
    ));

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let database = line(&report, "database");
    assert!(
        database.contains("no SQLite database at")
            && database.contains("run `hoego migrate` (it creates the file)"),
        "{database}"
    );
    assert!(!path.exists(), "the doctor created {}", path.display());
}

#[tokio::test]
async fn no_platform_configured_fails_saying_which_tokens_to_set() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let vars = vec![("HOEGO_DATABASE__URL", db.settings.url.expose().to_string())];

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let platform = line(&report, "platform");
    assert!(
        platform.contains("HOEGO_DISCORD__TOKEN") && platform.contains("hoego setup"),
        "{platform}"
    );
    assert!(line(&report, "database").starts_with("ok "), "{report}");
    db.finish().await;
}
