//! A member's own things through the service, on both backends: settings, pausing, help in
//! both languages, unknown commands, export and forget-me.

use chrono::Duration;
use hoego::service::ids::ActionId;
use hoego::store::{Store, StoreError};

use crate::both_backends;
use crate::support::chat::{Chat, WEEKLY, saved, start};
use crate::support::language::assert_korean;

async fn settings_show_and_change_and_a_bad_zone_gets_suggestions(store: Store) {
    let me = Chat::new(&store, "mina");

    let shown = me.say("settings").await.plain_text();
    let bad = me.say("settings tz Asia/Seol").await.plain_text();
    let changed = me
        .say("settings tz America/New_York delivery thread")
        .await
        .plain_text();

    assert_eq!(
        shown,
        "Your settings: time zone Asia/Seoul (the team's), language English, questions by direct message."
    );
    assert!(
        bad.contains("I don't know the time zone `Asia/Seol`"),
        "{bad}"
    );
    assert!(bad.contains("Did you mean: Asia/Seoul"), "{bad}");
    assert_eq!(
        changed,
        "Settings saved: time zone America/New_York, language English, questions by a thread in the team channel."
    );
}
both_backends!(
    settings_show_and_change_and_a_bad_zone_gets_suggestions,
    super::settings_show_and_change_and_a_bad_zone_gets_suggestions
);

async fn switching_to_korean_makes_every_reply_korean(store: Store) {
    let me = Chat::new(&store, "mina");

    let switched = me.say("settings lang ko").await.plain_text();
    let nothing = me.say("answer").await.plain_text();
    let unknown = me.say("answr").await.plain_text();
    let help = me.say("help skip").await.plain_text();

    assert!(switched.starts_with("설정을 저장했어요."), "{switched}");
    assert!(switched.contains("언어: 한국어"), "{switched}");
    assert_eq!(nothing, "지금 답변할 수 있는 열린 회차가 없어요.");
    assert!(unknown.starts_with("없는 명령어예요: `answr`"), "{unknown}");
    assert!(unknown.contains("혹시 `answer` 말인가요?"), "{unknown}");
    assert!(
        unknown.contains("열린 회차의 질문에 지금 답변해요."),
        "{unknown}"
    );
    assert!(help.contains("`skip [schedule]`"), "{help}");
    for reply in [&switched, &nothing, &unknown, &help] {
        assert_korean(reply);
    }
}
both_backends!(
    switching_to_korean_makes_every_reply_korean,
    super::switching_to_korean_makes_every_reply_korean
);

async fn a_korean_locale_gets_korean_from_the_first_reply(store: Store) {
    let mut me = Chat::new(&store, "mina");
    me.actor.locale = Some("ko-KR".into());
    me.open_round("weekly", WEEKLY).await;

    let form = me.say("answer").await.form.unwrap();

    assert_eq!(form.fields[0].label, "이번 주에 잘한 점은 무엇인가요?");
    for field in &form.fields {
        assert_korean(&field.label);
    }
    assert_korean(&form.title);
    assert!(
        form.title.starts_with("주간 회고 · 2026-12-04"),
        "{}",
        form.title
    );
}
both_backends!(
    a_korean_locale_gets_korean_from_the_first_reply,
    super::a_korean_locale_gets_korean_from_the_first_reply
);

async fn pausing_needs_a_future_date_and_resume_ends_it(store: Store) {
    let me = Chat::new(&store, "mina");

    let past = me.say("pause until 2026-12-04").await.plain_text();
    let paused = me.say("pause until 2026-12-10").await.plain_text();
    let (_, member) = me.me().await;
    let settings = me.say("settings").await.plain_text();
    let resumed = me.say("resume").await.plain_text();
    let again = me.say("resume").await.plain_text();

    assert!(past.starts_with("2026-12-04 has already passed"), "{past}");
    assert!(past.contains("pause until 2026-12-11"), "{past}");
    assert!(
        paused.contains("no questions before Thu 10 Dec in your time zone (Asia/Seoul)"),
        "{paused}"
    );
    let until = member.paused_until.expect("paused");
    assert_eq!(until.to_rfc3339(), "2026-12-09T15:00:00+00:00");
    assert!(
        settings.contains("Paused: questions come again from Thu 10 Dec."),
        "{settings}"
    );
    assert_eq!(
        resumed,
        "Welcome back! Your questions start again with the next round."
    );
    assert_eq!(again, "You are not paused, so nothing changed.");
    assert_eq!(me.me().await.1.paused_until, None);
}
both_backends!(
    pausing_needs_a_future_date_and_resume_ends_it,
    super::pausing_needs_a_future_date_and_resume_ends_it
);

async fn help_lists_every_command_and_an_unknown_command_suggests_the_nearest(store: Store) {
    let me = Chat::new(&store, "mina");

    let help = me.say("help").await.plain_text();
    let one = me.say("/hoego help export").await.plain_text();
    let typo = me.say("/hoego exprot").await.plain_text();

    assert!(help.contains("`forget-me [confirm]`"), "{help}");
    assert!(one.contains("Get everything you wrote as a file."), "{one}");
    assert!(typo.starts_with("There is no command `exprot`."), "{typo}");
    assert!(typo.contains("Did you mean `export`?"), "{typo}");
}
both_backends!(
    help_lists_every_command_and_an_unknown_command_suggests_the_nearest,
    super::help_lists_every_command_and_an_unknown_command_suggests_the_nearest
);

async fn export_gives_markdown_and_json_with_questions_visibility_and_history(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;
    let form = format!("answer:{delivery}");
    saved(
        me.submit(
            &form,
            &[
                ("went-well", "first"),
                ("was-hard", "x"),
                ("next-week", "y"),
            ],
        )
        .await,
    );
    me.clock.advance(Duration::minutes(5));
    saved(
        me.submit(
            &form,
            &[
                ("went-well", "second"),
                ("was-hard", "x"),
                ("next-week", "y"),
            ],
        )
        .await,
    );
    me.say("visibility 2 private").await;

    let reply = me.say("export").await;

    assert_eq!(
        reply.plain_text(),
        "Your export is ready: 3 answers from 2026-12-04 to 2026-12-04."
    );
    let names: Vec<&str> = reply
        .attachments
        .iter()
        .map(|a| a.filename.as_str())
        .collect();
    assert_eq!(names, ["hoego-export.md", "hoego-export.json"]);
    let markdown = String::from_utf8(reply.attachments[0].bytes.clone()).unwrap();
    assert!(markdown.contains("## weekly · 2026-12-04"), "{markdown}");
    assert!(
        markdown.contains("### What went well this week?\n\n> second"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- 2026-12-04 09:05 Asia/Seoul: first"),
        "{markdown}"
    );
    assert!(markdown.contains("private (only you)"), "{markdown}");
    let json: serde_json::Value = serde_json::from_slice(&reply.attachments[1].bytes).unwrap();
    assert_eq!(json["format"], "hoego-export");
    assert_eq!(json["kind"], "member");
    assert_eq!(json["templates"][0]["key"], "weekly");
    let answers = &json["rounds"][0]["deliveries"][0]["answers"];
    assert_eq!(answers[0]["question_id"], "went-well");
    assert_eq!(answers[0]["value"], "second");
    assert_eq!(answers[0]["history"][0]["value"], "first");
    assert_eq!(answers[1]["visibility"], "private");
}
both_backends!(
    export_gives_markdown_and_json_with_questions_visibility_and_history,
    super::export_gives_markdown_and_json_with_questions_visibility_and_history
);

async fn forget_me_asks_first_then_deletes_everything_and_counts_it(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;
    let form = format!("answer:{delivery}");
    saved(
        me.submit(
            &form,
            &[("went-well", "a"), ("was-hard", "b"), ("next-week", "c")],
        )
        .await,
    );
    saved(
        me.submit(
            &form,
            &[("went-well", "a2"), ("was-hard", "b"), ("next-week", "c")],
        )
        .await,
    );
    let (team, member) = me.me().await;

    let asked = me.say("forget-me").await;
    assert!(
        asked
            .plain_text()
            .contains("permanently deletes your 3 answers"),
        "{asked:?}"
    );
    assert_eq!(asked.actions[0].id, ActionId::ForgetConfirm);
    assert_eq!(
        store.delivery_answers(delivery).await.unwrap().len(),
        3,
        "nothing deleted yet"
    );
    let done = me.press("forget:confirm").await.plain_text();

    assert_eq!(
        done,
        "Done. I deleted 3 answers, 1 earlier version of answers, 0 resolutions, 1 prompt, 0 schedule memberships and your settings; nothing you wrote is left in Core."
    );
    assert!(matches!(
        store.member(member.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.delivery_round(delivery).await.unwrap().is_none());
    assert!(store.delivery_answers(delivery).await.unwrap().is_empty());
    let view = store
        .team_answers(
            team,
            start() - Duration::days(1),
            start() + Duration::days(1),
        )
        .await
        .unwrap();
    assert!(view.is_empty());
    assert_eq!(
        me.say("export").await.plain_text(),
        "You have no answers to export yet."
    );
}
both_backends!(
    forget_me_asks_first_then_deletes_everything_and_counts_it,
    super::forget_me_asks_first_then_deletes_everything_and_counts_it
);
