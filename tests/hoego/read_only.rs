//! Reading writes nothing: commands that only show something (help, recaps, settings, the
//! schedule list and preview, milestones, resolutions) leave every table as it was, counted row
//! by row with a trigger on each table; a member is written only when new or renamed, and a
//! change of their settings is seen at once by the next command.

use hoego::domain::ids::RequestId;
use hoego::domain::lang::Lang;
use hoego::service::{Interaction, Outcome};

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::Chat;
use crate::support::db::TestDb;
use crate::support::team::{self, Team};

/// What a member and an admin ask that only reads.
const READING: [&str; 11] = [
    "help",
    "help recap",
    "recap",
    "recap 2026-11",
    "recap 2026 team",
    "settings",
    "schedule list",
    "schedule preview \"0 17 * * FRI\" tz Asia/Seoul",
    "milestone list",
    "resolutions",
    "help schedule add",
];

async fn a_team_with_answers(backend: Backend) -> Option<(TestDb, Team, Chat)> {
    let db = TestDb::new(backend).await?;
    let crew = Team::new(&db.store, &["mina", "joon"], None).await;
    crew.round(47, &[Some(vec![team::team("shipped the import")]), None])
        .await;
    crew.round(
        48,
        &[
            Some(vec![team::team("a quiet week")]),
            Some(vec![team::team("on call")]),
        ],
    )
    .await;
    let mut admin = crew.chat.clone();
    admin.actor.is_admin = true;
    Some((db, crew, admin))
}

/// Runs `line` as `chat`'s person and insists it was done.
async fn done(chat: &Chat, line: &str) -> hoego::service::reply::Reply {
    let outcome = chat
        .service
        .interact(&chat.actor, Interaction::Text(line.into()))
        .await;
    match outcome {
        Outcome::Done(reply) => reply,
        other => panic!("{line:?} was not done: {}", other.into_reply().plain_text()),
    }
}

async fn commands_that_only_show_something_write_no_row(backend: Backend) {
    let Some((db, crew, admin)) = a_team_with_answers(backend).await else {
        return;
    };
    let member = crew.chat.other("joon");
    db.count_writes().await;

    // Each with the id a platform gives its request, as on Discord and Slack.
    for (n, line) in (0u64..).step_by(2).zip(READING) {
        for (chat, id) in [(&admin, n), (&member, n + 1)] {
            let mut chat = chat.clone();
            chat.actor.request = Some(RequestId::discord(9000 + id));
            done(&chat, line).await;
        }
    }

    assert_eq!(db.writes().await, 0, "rows written by reading commands");
    done(&member, "settings tz Europe/Berlin").await;
    assert!(db.writes().await > 0, "a settings change is counted");
    db.finish().await;
}

async fn a_member_is_written_when_new_or_renamed_and_not_again(backend: Backend) {
    let Some((db, crew, _)) = a_team_with_answers(backend).await else {
        return;
    };
    db.count_writes().await;
    let newcomer = crew.chat.other("sora");

    done(&newcomer, "help").await;
    let first = db.writes().await;
    done(&newcomer, "help").await;
    let again = db.writes().await;
    let mut renamed = newcomer.clone();
    renamed.actor.display_name = "Sora Kim".into();
    done(&renamed, "help").await;
    done(&renamed, "help").await;
    let after_rename = db.writes().await;

    assert_eq!((first, again, after_rename), (1, 1, 2));
    let (_, member) = renamed.me().await;
    assert_eq!(member.display_name, "Sora Kim");
    db.finish().await;
}

async fn a_changed_setting_is_read_by_the_very_next_command(backend: Backend) {
    let Some((db, crew, _)) = a_team_with_answers(backend).await else {
        return;
    };
    let mina = &crew.chat;
    assert_eq!(done(mina, "help").await.lang, Lang::En);

    done(mina, "settings language ko").await;
    let help = done(mina, "help").await;
    done(mina, "settings language en").await;
    let back = done(mina, "help").await;

    assert_eq!((help.lang, back.lang), (Lang::Ko, Lang::En));
    db.finish().await;
}

on_each_backend!(
    commands_that_only_show_something_write_no_row,
    a_member_is_written_when_new_or_renamed_and_not_again,
    a_changed_setting_is_read_by_the_very_next_command,
);
