//! A console session in-process, through its seams (an in-memory script, a captured output):
//! what a person at a terminal sees.

use std::sync::Arc;

use hoego::platform::console::io::Captured;
use hoego::platform::console::{Console, ConsoleOptions};

use crate::console::mina;
use crate::support::chat::WEEKLY;
use crate::support::db::{Backend, TestDb};

#[tokio::test]
async fn an_interactive_session_greets_offers_a_schedule_and_presses_buttons_by_number() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let chat = mina(&db);
    let delivery = chat.open_round("weekly", WEEKLY).await;
    let out = Arc::new(Captured::default());
    let options = ConsoleOptions {
        user: "Mina".into(),
        lang: None,
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: true,
        team_name: "Local team".into(),
    };
    let console = Console::new(chat.service.clone(), options, out.clone());
    let script = "n\nforget-me\n2\nskip\n/cancel\nquit\nanswer\n";

    console.run(script.as_bytes()).await;

    let text = out.text();
    assert!(
        text.starts_with("hoego console: you are Mina in Local team."),
        "{text}"
    );
    assert!(
        text.contains("Set up a weekly retrospective every Friday at 17:00? [Y/n]"),
        "{text}"
    );
    assert!(text.contains("No schedule then."), "{text}");
    assert!(text.contains("[1] Confirm · [2] Cancel"), "{text}");
    assert!(text.contains("Cancelled. Nothing was deleted."), "{text}");
    assert!(text.contains("Skipped this weekly round."), "{text}");
    assert!(
        !text.contains("Question 1 of 3"),
        "nothing is read after quit: {text}"
    );
    let round = db.store.delivery_round(delivery).await.unwrap().unwrap();
    assert_eq!(round.status.as_str(), "skipped");
    db.finish().await;
}

#[tokio::test]
async fn a_prompt_sent_through_the_console_messenger_is_answered_by_typing_its_number() {
    use hoego::domain::lang::Lang;
    use hoego::service::ids::ActionId;
    use hoego::service::messenger::{Destination, Outgoing};
    use hoego::service::reply::{Action, Reply};

    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let chat = mina(&db);
    let delivery = chat.open_round("weekly", WEEKLY).await;
    let out = Arc::new(Captured::default());
    let options = ConsoleOptions {
        user: "Mina".into(),
        lang: None,
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: false,
        team_name: "Local team".into(),
    };
    let console = Console::new(chat.service.clone(), options, out.clone());
    let button = |id: ActionId, label: &str| Action {
        id,
        label: label.into(),
        primary: false,
    };
    let prompt = Outgoing {
        to: Destination::Direct {
            user_id: "mina".into(),
            dm_channel: None,
        },
        reply: Reply {
            actions: vec![
                button(ActionId::Answer(delivery), "Answer"),
                button(ActionId::Skip(delivery), "Skip"),
            ],
            ..Reply::text(
                Lang::En,
                "Local team · weekly: time for your Weekly retrospective",
            )
        },
        idempotency_key: format!("delivery-{delivery}"),
        mention: None,
    };

    console.messenger().send(&prompt).await.expect("printed");
    // The mood and the turning point are optional: empty lines leave them unanswered.
    console.run("1\nGood\nHard\nNext\n\n\n".as_bytes()).await;

    let text = out.text();
    assert!(
        text.contains("time for your Weekly retrospective"),
        "{text}"
    );
    assert!(text.contains("[1] Answer · [2] Skip"), "{text}");
    assert!(text.contains("Saved 3 answers for weekly."), "{text}");
    assert_eq!(db.store.delivery_answers(delivery).await.unwrap().len(), 3);
    db.finish().await;
}

#[tokio::test]
async fn the_console_team_is_named_in_the_sessions_language_or_as_configured_and_renamed() {
    use hoego::domain::lang::Lang;
    use hoego::domain::state::Platform;
    use hoego::platform::console::team_name;

    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let chat = mina(&db);
    let session = |name: String| ConsoleOptions {
        user: "Mina".into(),
        lang: Some(Lang::Ko),
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: true,
        team_name: name,
    };
    let stored = || async {
        let found = db.store.identity(Platform::Console, "local", "mina");
        found.await.unwrap().unwrap().0.name
    };

    let out = Arc::new(Captured::default());
    let console = Console::new(
        chat.service.clone(),
        session(team_name(None, Lang::Ko)),
        out.clone(),
    );
    console.run("n\nquit\n".as_bytes()).await;
    let text = out.text();
    assert!(
        text.starts_with("hoego 콘솔이에요. 우리 팀의 Mina 님으로 접속했어요."),
        "{text}"
    );
    assert!(!text.contains("Local team"), "{text}");
    assert_eq!(stored().await, "우리 팀");

    let out = Arc::new(Captured::default());
    let configured = team_name(Some(" 코어팀 "), Lang::Ko);
    let console = Console::new(chat.service.clone(), session(configured), out.clone());
    console.run("n\nquit\n".as_bytes()).await;
    let text = out.text();
    assert!(
        text.starts_with("hoego 콘솔이에요. 코어팀의 Mina 님으로 접속했어요."),
        "{text}"
    );
    assert_eq!(
        stored().await,
        "코어팀",
        "the stored team follows the setting"
    );
    assert_eq!(team_name(Some(""), Lang::En), "Local team");
    db.finish().await;
}
