//! Members importing their own notes from chat (through the service, as every platform does):
//! a dry run with a Confirm button, the file kept until Confirm writes it once, refusals of a
//! team's backup, another member's file, a file over the limit, and an expired Confirm.

use hoego::domain::ids::PendingImportId;
use hoego::service::Interaction;
use hoego::service::ids::ActionId;
use hoego::service::import::{ImportFile, Upload};
use hoego::service::reply::Reply;
use hoego::store::Store;

use super::{lived_in_team, row_counts};
use crate::both_backends;
use crate::support::chat::Chat;
use crate::support::db::TestDb;

const CSV: &str = "date,question,answer\n\
                   2026-03-06,went-well,\"Shipped it, finally\"\n\
                   2026-03-13,went-well,Paired with joon\n";

/// `who` sends `name` holding `bytes` to import.
async fn send(who: &Chat, name: &str, bytes: &[u8]) -> Reply {
    let file = ImportFile {
        path: name.into(),
        bytes: bytes.to_vec(),
    };
    let upload = Interaction::Import(Upload::File(file));
    who.service.interact(&who.actor, upload).await.into_reply()
}

/// The pending import a reply's Confirm button names.
fn confirm_of(reply: &Reply) -> PendingImportId {
    match reply.actions.first().map(|a| a.id) {
        Some(ActionId::ConfirmImport(id)) => id,
        other => panic!("no Confirm button but {other:?}: {}", reply.plain_text()),
    }
}

async fn pending(who: &Chat) -> i64 {
    let (_, me) = who.me().await;
    who.service.store.pending_import_count(me.id).await.unwrap()
}

async fn a_file_sent_from_chat_is_checked_first_and_written_once_on_confirm(store: Store) {
    let mina = Chat::new(&store, "mina");
    mina.me().await;
    let before = row_counts(&store).await;

    let dry = send(&mina, "check-ins.csv", CSV.as_bytes()).await;
    let after_dry_run = row_counts(&store).await;
    let id = confirm_of(&dry);
    let confirmed = mina.press(ActionId::ConfirmImport(id)).await;
    let after_confirm = row_counts(&store).await;
    let again = mina.press(ActionId::ConfirmImport(id)).await;

    assert_eq!(
        dry.plain_text(),
        "Dry run, nothing was written. Importing into Core (2026-03-06 to 2026-03-13) would add:\n\
         - template versions: 1\n- rounds: 2\n- prompts (one per member and round): 2\n- answers: 2\n\n\
         Nothing is written yet. Press Confirm within 30 minutes to import it, or Cancel."
    );
    let labels: Vec<&str> = dry.actions.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["Confirm", "Cancel"]);
    assert_eq!(dry.actions[1].id, ActionId::CancelImport(id));
    assert_eq!(after_dry_run, before, "a dry run writes nothing");
    assert!(
        confirmed
            .plain_text()
            .starts_with("Imported into Core (2026-03-06 to 2026-03-13):"),
        "{}",
        confirmed.plain_text()
    );
    assert_ne!(after_confirm, before);
    assert!(
        again
            .plain_text()
            .starts_with("This import is no longer waiting"),
        "{}",
        again.plain_text()
    );
    assert_eq!(
        row_counts(&store).await,
        after_confirm,
        "a second Confirm adds nothing"
    );
    assert_eq!(pending(&mina).await, 0);
    let recap = mina.say("recap 2026-03").await.plain_text();
    assert!(recap.contains("Shipped it, finally"), "{recap}");
}
both_backends!(
    a_file_sent_from_chat_is_checked_first_and_written_once_on_confirm,
    super::a_file_sent_from_chat_is_checked_first_and_written_once_on_confirm
);

async fn a_teams_backup_and_another_members_notes_are_refused(store: Store) {
    let mina = lived_in_team(&store).await;
    let joon = mina.other("joon");
    let team = store.all_teams().await.unwrap().remove(0);
    let backup = mina
        .service
        .team_export(team.id, hoego::domain::lang::Lang::En);
    let backup = backup.await.unwrap().json;
    let joons_export = joon.say("export").await.attachments[1].bytes.clone();
    let mine = mina.say("export").await.attachments[1].bytes.clone();
    let joons_rows = "date,member,question,answer\n2026-03-06,joon,went-well,Mine\n";
    let before = row_counts(&store).await;

    let team_file = send(&mina, "team.json", backup.as_bytes()).await;
    let his_export = send(&mina, "hoego-export.json", &joons_export).await;
    let his_rows = send(&mina, "check-ins.csv", joons_rows.as_bytes()).await;
    let my_own_again = send(&mina, "hoego-export.json", &mine).await;

    assert!(
        team_file
            .plain_text()
            .starts_with("This is a whole team's backup (`hoego export --team`)"),
        "{}",
        team_file.plain_text()
    );
    assert!(
        his_export
            .plain_text()
            .starts_with("This export is joon's, another member of this team"),
        "{}",
        his_export.plain_text()
    );
    assert_eq!(
        his_rows.plain_text(),
        "check-ins.csv:2: This row is by \"joon\", not by you. Import only your own notes, \
         or leave out the member column. Nothing was imported."
    );
    assert!(
        my_own_again
            .plain_text()
            .ends_with("Nothing new: it is all there already."),
        "{}",
        my_own_again.plain_text()
    );
    for reply in [&team_file, &his_export, &his_rows, &my_own_again] {
        assert!(
            reply.actions.is_empty(),
            "no Confirm: {}",
            reply.plain_text()
        );
    }
    assert_eq!(row_counts(&store).await, before);
    assert_eq!(pending(&mina).await, 0, "nothing kept");
}
both_backends!(
    a_teams_backup_and_another_members_notes_are_refused,
    super::a_teams_backup_and_another_members_notes_are_refused
);

async fn a_file_over_the_chat_limit_is_refused_with_its_size(store: Store) {
    let mina = Chat::new(&store, "mina");
    let limit = mina.service.chat_import_limit();
    let big = vec![b'x'; limit as usize + 1];

    let fetched = send(&mina, "year.csv", &big).await;
    let not_fetched = Interaction::Import(Upload::TooLarge {
        name: "year.md".into(),
        bytes: 5 * 1024 * 1024,
    });
    let not_fetched = mina.service.interact(&mina.actor, not_fetched).await;

    assert_eq!(
        fetched.plain_text(),
        "year.csv: The file is 1025 KiB; an import takes at most 1024 KiB. Split it, e.g. one \
         year per file. Nothing was imported."
    );
    assert!(
        not_fetched
            .reply()
            .plain_text()
            .starts_with("year.md: The file is 5120 KiB; an import takes at most 1024 KiB."),
        "{}",
        not_fetched.reply().plain_text()
    );
    assert_eq!(pending(&mina).await, 0);
}
both_backends!(
    a_file_over_the_chat_limit_is_refused_with_its_size,
    super::a_file_over_the_chat_limit_is_refused_with_its_size
);

async fn an_expired_confirm_is_refused_clearly_and_writes_nothing(store: Store) {
    let mina = Chat::new(&store, "mina");
    mina.say("settings lang ko").await;
    let before = row_counts(&store).await;
    let dry = send(&mina, "check-ins.csv", CSV.as_bytes()).await;

    mina.clock.advance(chrono::Duration::minutes(31));
    let late = mina.press(ActionId::ConfirmImport(confirm_of(&dry))).await;

    assert!(
        dry.plain_text().ends_with(
            "아직 아무것도 저장하지 않았어요. 30분 안에 확인을 누르면 가져오고, 취소를 누르면 \
             없던 일이 돼요."
        ),
        "{}",
        dry.plain_text()
    );
    assert_eq!(
        late.plain_text(),
        "30분 안에 확인을 누르지 않아서 이 가져오기는 만료됐어요. 아무것도 가져오지 않았어요. \
         `import`로 파일을 다시 보내 주세요."
    );
    assert_eq!(row_counts(&store).await, before);
    assert_eq!(pending(&mina).await, 0, "the expired file is deleted");
}
both_backends!(
    an_expired_confirm_is_refused_clearly_and_writes_nothing,
    super::an_expired_confirm_is_refused_clearly_and_writes_nothing
);

async fn cancel_and_forget_me_delete_the_kept_file(store: Store) {
    let mina = Chat::new(&store, "mina");
    let first = send(&mina, "check-ins.csv", CSV.as_bytes()).await;
    let cancelled = mina.press(ActionId::CancelImport(confirm_of(&first))).await;
    let after_cancel = mina
        .press(ActionId::ConfirmImport(confirm_of(&first)))
        .await;
    let second = send(&mina, "check-ins.csv", CSV.as_bytes()).await;
    let kept = pending(&mina).await;
    let (_, me) = mina.me().await;

    mina.say("forget-me confirm").await;

    assert_eq!(
        cancelled.plain_text(),
        "Cancelled: nothing was imported, and the file you sent is deleted."
    );
    assert!(
        after_cancel
            .plain_text()
            .starts_with("This import is no longer waiting")
    );
    assert!(!second.actions.is_empty());
    assert_eq!(kept, 1);
    let left = mina
        .service
        .store
        .pending_import_count(me.id)
        .await
        .unwrap();
    assert_eq!(left, 0, "forget-me deletes the kept file with the member");
}
both_backends!(
    cancel_and_forget_me_delete_the_kept_file,
    super::cancel_and_forget_me_delete_the_kept_file
);

async fn the_console_imports_a_file_by_its_path_after_confirm(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("check-ins.csv"), CSV).unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let script = "import check-ins.csv\n1\nimport missing.csv\nimport notes\nrecap 2026-03\n";

    let said = crate::console::run_console_in(db, dir.path(), &[], script);

    assert!(
        said.contains("> import check-ins.csv\nDry run, nothing was written."),
        "{said}"
    );
    assert!(
        said.contains("> 1\nImported into Local team (2026-03-06 to 2026-03-13):"),
        "{said}"
    );
    assert!(
        said.contains("> import missing.csv\nmissing.csv could not be read: "),
        "{said}"
    );
    assert!(
        said.contains("> import notes\nnotes is a folder: import one file here"),
        "{said}"
    );
    assert!(
        said.contains("Shipped it, finally"),
        "the recap holds it: {said}"
    );
}
super::on_both!(
    the_console_imports_a_file_by_its_path_after_confirm,
    super::the_console_imports_a_file_by_its_path_after_confirm
);
