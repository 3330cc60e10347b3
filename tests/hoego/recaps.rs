//! Recaps and round digests through the service, on both backends: `/hoego recap` for me and
//! the team, digests posted when a round closes, resolution arcs.

use hoego::domain::visibility::Visibility;
use hoego::service::digest::DigestOutcome;
use hoego::service::messenger::Destination;
use hoego::service::reply::Audience;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, saved};
use crate::support::messenger::RecordingMessenger;
use crate::support::team::{Team, team};

async fn the_recap_command_shows_my_answers_with_dates_and_refuses_a_bad_period(store: Store) {
    let t = Team::new(&store, &["mina", "joon"], Some("C-digest")).await;
    let private = (
        "note",
        "quiet private week".to_string(),
        Visibility::Private,
    );
    t.round(
        10,
        &[
            Some(vec![private, ("energy", "4".into(), Visibility::Team)]),
            Some(vec![team("joon shipped")]),
        ],
    )
    .await;
    t.round(11, &[None, Some(vec![team("joon again")])]).await;
    t.close_all().await;

    let mine = t.chat.say("recap 2026-Q1").await;
    // A public team recap is asked in the schedule's digest channel.
    let mut in_digest_channel = t.chat.clone();
    in_digest_channel.actor.channel_id = Some("C-digest".into());
    let theirs = in_digest_channel.say("recap 2026-03 team public").await;
    let bad = t.chat.say("recap 2026-Q5").await.plain_text();

    let mine_text = mine.plain_text();
    assert_eq!(mine.audience, Audience::OnlyMe);
    assert!(mine_text.starts_with("# mina's 2026 Q1\n"), "{mine_text}");
    assert!(
        mine_text.contains(
            "## March · Mar 1 – Mar 31\n\n### What happened in week 10?\n\n- quiet private week\n"
        ),
        "{mine_text}"
    );
    assert!(
        mine_text.contains("Answered 1 of 2 rounds · 1 missed"),
        "{mine_text}"
    );
    // One point of a scale is no trend.
    assert!(!mine_text.contains("Energy?"), "{mine_text}");
    let team_text = theirs.plain_text();
    assert_eq!(theirs.audience, Audience::Channel);
    assert!(
        team_text.contains("**joon**\n\n- joon again\n- joon shipped\n"),
        "{team_text}"
    );
    assert!(!team_text.contains("quiet private week"), "{team_text}");
    assert!(bad.contains("\"2026-Q5\" is not a period I know"), "{bad}");
    assert!(bad.contains("2026-W21"), "{bad}");
}
both_backends!(
    the_recap_command_shows_my_answers_with_dates_and_refuses_a_bad_period,
    super::the_recap_command_shows_my_answers_with_dates_and_refuses_a_bad_period
);

async fn a_long_recap_is_a_summary_with_the_markdown_attached(store: Store) {
    let t = Team::new(&store, &["mina"], None).await;
    for week in 1..=20 {
        let text = format!("week {week}: {}", "회고 ".repeat(60));
        t.round(week, &[Some(vec![team(&text)])]).await;
    }

    let reply = t.chat.say("recap 2026").await;

    let names: Vec<&str> = reply
        .attachments
        .iter()
        .map(|a| a.filename.as_str())
        .collect();
    // Every round answered: a participation chart would say nothing, so there is none.
    assert_eq!(names, ["hoego-recap-2026.md"]);
    let file = &reply.attachments[0];
    assert_eq!(file.filename, "hoego-recap-2026.md");
    let document = String::from_utf8(file.bytes.clone()).unwrap();
    assert!(document.starts_with("---\ntitle: \"mina's 2026\"\n"));
    assert!(document.contains("- week 20: 회고"));
    assert!(reply.plain_text().chars().count() <= 2000);
    assert!(reply.plain_text().contains("Answered 20 of 20 rounds"));
}
both_backends!(
    a_long_recap_is_a_summary_with_the_markdown_attached,
    super::a_long_recap_is_a_summary_with_the_markdown_attached
);

async fn a_closed_rounds_digest_goes_to_the_digest_channel_without_pings(store: Store) {
    let t = Team::new(&store, &["mina", "joon", "sora"], Some("C-digest")).await;
    let anonymous = ("note", "hard week".to_string(), Visibility::Anonymous);
    let round = t
        .round(
            48,
            &[
                Some(vec![
                    team("paired a lot"),
                    ("next", "rest\nread".into(), Visibility::Team),
                ]),
                Some(vec![anonymous]),
                None,
            ],
        )
        .await;
    let closed = t.close_all().await;
    let messenger = RecordingMessenger::new();

    let outcome = t.chat.service.post_digest(round, &messenger).await.unwrap();

    assert_eq!(closed, vec![round]);
    assert_eq!(outcome, DigestOutcome::Posted("C-digest".into()));
    let sent = messenger.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].to,
        Destination::Channel {
            channel_id: "C-digest".into(),
            thread: None
        }
    );
    assert_eq!(
        sent[0].reply.plain_text(),
        "# Round digest: pulse · Fri 27 Nov\n\n## What happened in week 48?\n\n> paired a lot\n>\n> — mina\n\n## Next?\n\n> - rest\n> - read\n>\n> — mina\n\n_1 anonymous answer to “What happened in week 48?” withheld: fewer than 3 members answered it anonymously in that round, so the author could be singled out._\n\nDid not answer: sora"
    );
}
both_backends!(
    a_closed_rounds_digest_goes_to_the_digest_channel_without_pings,
    super::a_closed_rounds_digest_goes_to_the_digest_channel_without_pings
);

async fn a_long_digest_is_a_summary_with_the_markdown_attached(store: Store) {
    let names: Vec<String> = (0..12).map(|i| format!("member{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let t = Team::new(&store, &names, Some("C-digest")).await;
    let long = "한 주 동안 있었던 일을 길게 적어 봅니다. ".repeat(10);
    let answers: Vec<_> = names.iter().map(|_| Some(vec![team(&long)])).collect();
    let round = t.round(48, &answers).await;
    let messenger = RecordingMessenger::new();

    t.chat.service.post_digest(round, &messenger).await.unwrap();

    let reply = &messenger.sent()[0].reply;
    assert_eq!(
        reply.plain_text(),
        "**Round digest: pulse · Fri 27 Nov**\n- What happened in week 48?: 12 answers\nEveryone answered.\nThe whole text is in the attached file."
    );
    let file = &reply.attachments[0];
    assert_eq!(file.filename, "hoego-digest-2026-11-27.md");
    let text = String::from_utf8(file.bytes.clone()).unwrap();
    assert!(text.chars().count() > 2000);
    assert_eq!(text.matches("> — member").count(), 12);
}
both_backends!(
    a_long_digest_is_a_summary_with_the_markdown_attached,
    super::a_long_digest_is_a_summary_with_the_markdown_attached
);

async fn a_round_without_a_digest_channel_posts_nothing(store: Store) {
    let t = Team::new(&store, &["mina"], None).await;
    let round = t.round(48, &[Some(vec![team("fine")])]).await;
    let messenger = RecordingMessenger::new();

    let outcome = t.chat.service.post_digest(round, &messenger).await.unwrap();

    assert_eq!(outcome, DigestOutcome::NoChannel);
    assert_eq!(messenger.count(), 0);
}
both_backends!(
    a_round_without_a_digest_channel_posts_nothing,
    super::a_round_without_a_digest_channel_posts_nothing
);

async fn a_year_recap_tells_each_resolutions_arc(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me
        .open_round("year-end", crate::support::chat::YEAR_END)
        .await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "2"),
        ("resolutions", "Run a marathon\nLearn Korean"),
    ];
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);
    me.say("resolutions set 2 on-track 30 minutes a day").await;
    me.say("resolutions set 1 dropped knee").await;

    let this_year = me.say("recap 2026-12").await.plain_text();
    let next_year = me.say("recap 2027").await.plain_text();

    assert!(
        this_year.contains("## Resolutions for 2027\n\n1. Run a marathon\n2. Learn Korean\n"),
        "{this_year}"
    );
    assert!(
        !this_year.contains("knee"),
        "set this period: the wishes, not yet an arc"
    );
    assert!(next_year.contains("## What became of last year's resolutions\n\n- **Run a marathon** (set Dec 4, 2026)\n  - Dec 4: dropped — knee\n  - Where it stands: dropped\n- **Learn Korean** (set Dec 4, 2026)\n  - Dec 4: on track — 30 minutes a day\n  - Where it stands: on track"), "{next_year}");
}
both_backends!(
    a_year_recap_tells_each_resolutions_arc,
    super::a_year_recap_tells_each_resolutions_arc
);
