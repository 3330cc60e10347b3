//! Recaps and round digests through the service, on both backends: `/hoego recap` for me and
//! the team, digests posted when a round closes, and the privacy property over many random
//! answers (no private answer in a team view, no author on an anonymous one).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::ids::{RoundId, TeamId, TemplateVersionId};
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::{Recap, Scope, markdown};
use hoego::domain::team::Member;
use hoego::domain::visibility::Visibility;
use hoego::domain::zone::ZoneName;
use hoego::service::digest::DigestOutcome;
use hoego::service::messenger::Destination;
use hoego::service::recap::RecapOrder;
use hoego::service::reply::Audience;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, NewSchedule, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::both_backends;
use crate::support::chat::{Chat, saved};
use crate::support::messenger::RecordingMessenger;

/// A template with a text, a list and a scale question.
const PULSE: &str = r#"
id = "pulse"
[name]
en = "Pulse"
ko = "펄스"
[description]
en = "Week {week}."
ko = "{week}주차."
[[questions]]
id = "note"
kind = "text"
[questions.text]
en = "What happened in week {week}?"
ko = "{week}주차에는 무슨 일이 있었나요?"
[[questions]]
id = "next"
kind = "list"
[questions.text]
en = "Next?"
ko = "다음은?"
[[questions]]
id = "energy"
kind = "scale"
[questions.text]
en = "Energy?"
ko = "에너지는?"
[questions.low]
en = "low"
ko = "낮음"
[questions.high]
en = "high"
ko = "높음"
"#;

/// One answer to write: question, value, visibility.
type Given = (&'static str, String, Visibility);

/// A team of members answering weekly `pulse` rounds in 2026, written through the store.
struct Team {
    chat: Chat,
    team: TeamId,
    members: Vec<Member>,
    template: TemplateVersionId,
    schedule: hoego::domain::ids::ScheduleId,
}

impl Team {
    async fn new(store: &Store, names: &[&str], digest_channel: Option<&str>) -> Team {
        let chat = Chat::new(store, names[0]);
        let mut members = Vec::new();
        for name in names {
            members.push(chat.other(name).me().await.1);
        }
        let team = members[0].team_id;
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let template = store
            .save_template(team, "pulse", PULSE, now)
            .await
            .unwrap();
        let schedule = NewSchedule {
            team_id: team,
            name: "pulse".into(),
            template_id: template,
            cron: "0 17 * * FRI".into(),
            time_zone: Some("Asia/Seoul".into()),
            channel_id: None,
            digest_channel_id: digest_channel.map(str::to_string),
            window_secs: 48 * 3600,
            reminder_percent: 0,
            grace_secs: 3600,
            next_local: None,
            next_due_at: None,
        };
        let schedule = store.create_schedule(&schedule, now).await.unwrap();
        Team {
            chat,
            team,
            members,
            template,
            schedule,
        }
    }

    /// A round on the Friday of ISO week `week` of 2026, 17:00 in Seoul; each member's answers
    /// (`None`: not answered) are saved with their visibility.
    async fn round(&self, week: u32, answers: &[Option<Vec<Given>>]) -> RoundId {
        let store = &self.chat.service.store;
        let date = NaiveDate::from_isoywd_opt(2026, week, chrono::Weekday::Fri).unwrap();
        let local = date.and_hms_opt(17, 0, 0).unwrap();
        let due = Utc.from_utc_datetime(&(local - Duration::hours(9)));
        let closes = due + Duration::hours(48);
        let round = NewRound {
            team_id: self.team,
            schedule_id: Some(self.schedule),
            template_id: self.template,
            occurrence_local: local,
            due_at: due,
            closes_at: closes,
        };
        let round = store.insert_round(&round, due).await.unwrap();
        for (member, given) in self.members.iter().zip(answers) {
            let delivery = NewDelivery {
                round_id: round,
                member_id: member.id,
                due_at: due,
                closes_at: closes,
                remind_at: None,
            };
            let delivery = store.insert_delivery(&delivery).await.unwrap();
            let Some(given) = given else { continue };
            let writes: Vec<AnswerWrite> = given
                .iter()
                .map(|(question, value, visibility)| AnswerWrite {
                    question_id: question.to_string(),
                    value: Some(value.clone()),
                    visibility: *visibility,
                    resolutions: None,
                })
                .collect();
            let at = due + Duration::hours(1);
            store
                .save_answers(delivery, member.id, &writes, at)
                .await
                .unwrap();
        }
        round
    }

    async fn close_all(&self) -> Vec<RoundId> {
        let store = &self.chat.service.store;
        let end = Utc.with_ymd_and_hms(2027, 1, 10, 0, 0, 0).unwrap();
        store.close_ended_rounds(end).await.unwrap().0
    }

    async fn recap(&self, scope: Scope, period: &str, member: usize) -> Recap {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let order = RecapOrder {
            team: self
                .chat
                .service
                .identify(&self.chat.actor)
                .await
                .unwrap()
                .0,
            member: Some(self.members[member].clone()),
            scope,
            period: Period::parse(period, today).unwrap(),
            zone: ZoneName::parse("Asia/Seoul").unwrap(),
            lang: Lang::En,
            shared_only: false,
            today,
        };
        self.chat.service.compile_recap(&order).await.unwrap()
    }
}

fn team(value: &str) -> (&'static str, String, Visibility) {
    ("note", value.to_string(), Visibility::Team)
}

async fn the_recap_command_shows_my_answers_with_dates_and_refuses_a_bad_period(store: Store) {
    let t = Team::new(&store, &["mina", "joon"], None).await;
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
    let theirs = t.chat.say("recap 2026-03 team public").await;
    let bad = t.chat.say("recap 2026-Q5").await.plain_text();

    let mine_text = mine.plain_text();
    assert_eq!(mine.audience, Audience::OnlyMe);
    assert!(
        mine_text.starts_with("# mina's recap: 2026 Q1\n"),
        "{mine_text}"
    );
    assert!(
        mine_text
            .contains("### What happened in week 10?\n\n> quiet private week\n>\n> — 2026-03-06"),
        "{mine_text}"
    );
    assert!(
        mine_text.contains("- 2 rounds · 1 answered · 0 skipped · 1 missed"),
        "{mine_text}"
    );
    assert!(
        mine_text.contains("- **Energy?** `▆` (average 4.0)"),
        "{mine_text}"
    );
    let team_text = theirs.plain_text();
    assert_eq!(theirs.audience, Audience::Channel);
    assert!(
        team_text.contains("> joon shipped\n>\n> — joon, 2026-03-06"),
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
    assert_eq!(
        names,
        ["hoego-recap-2026.md", "hoego-recap-2026-participation.png"]
    );
    assert_eq!(reply.attachments[1].content_type, "image/png");
    assert!(reply.attachments[1].bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let file = &reply.attachments[0];
    assert_eq!(file.filename, "hoego-recap-2026.md");
    let document = String::from_utf8(file.bytes.clone()).unwrap();
    assert!(document.starts_with("---\ntitle: \"mina's recap: 2026\"\n"));
    assert!(document.contains("> week 20: 회고"));
    assert!(reply.plain_text().chars().count() <= 2000);
    assert!(reply.plain_text().contains("20 rounds · 20 answered"));
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
        "# Round digest: pulse · 2026-11-27\n\n## What happened in week 48?\n\n> paired a lot\n>\n> — mina\n\n> hard week\n>\n> — anonymous\n\n## Next?\n\n> - rest\n> - read\n>\n> — mina\n\nNot answered yet: sora"
    );
}
both_backends!(
    a_closed_rounds_digest_goes_to_the_digest_channel_without_pings,
    super::a_closed_rounds_digest_goes_to_the_digest_channel_without_pings
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

/// Many random answers with random visibilities: every team view (the year recap as model,
/// Markdown and JSON; each round's digest) leaves out every private answer and names no author
/// of an anonymous one, and names the author of every team answer.
async fn no_team_view_shows_a_private_answer_or_an_anonymous_author(store: Store) {
    let names = ["ara", "bom", "cho", "dan", "eun", "gyu"];
    let t = Team::new(&store, &names, Some("C-digest")).await;
    let mut rng = StdRng::seed_from_u64(0x6865_6f67);
    let mut given: Vec<(String, usize, Visibility)> = Vec::new();
    let mut rounds = Vec::new();
    for week in 1..=12 {
        let mut answers = Vec::new();
        for member in 0..names.len() {
            if rng.random_bool(0.2) {
                answers.push(None);
                continue;
            }
            let mut own = Vec::new();
            for question in ["note", "next"] {
                let visibility = [Visibility::Private, Visibility::Team, Visibility::Anonymous]
                    [rng.random_range(0..3)];
                let token = format!("tok{week}x{member}x{question}x{}", rng.random::<u32>());
                given.push((token.clone(), member, visibility));
                own.push((question, token, visibility));
            }
            answers.push(Some(own));
        }
        rounds.push(t.round(week, &answers).await);
    }
    t.close_all().await;
    let private = given.iter().filter(|g| g.2 == Visibility::Private).count();
    assert!(
        private > 20 && given.len() - private > 40,
        "a varied sample"
    );

    let recap = t.recap(Scope::Team, "2026", 0).await;
    let texts = [markdown::render(&recap), recap.to_json()];
    let entries: Vec<_> = recap
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .flat_map(|q| &q.entries)
        .map(|e| (e.text.as_str(), e.author.as_deref()))
        .collect();
    let mut digests = Vec::new();
    for round in &rounds {
        let (digest, _) = t.chat.service.round_digest(*round).await.unwrap();
        for group in &digest.questions {
            for entry in &group.entries {
                digests.push((entry.text.clone(), entry.author.clone()));
            }
        }
        digests.push((digest.render(), None));
    }
    for (token, member, visibility) in &given {
        let in_recap = entries.iter().find(|(text, _)| text == token);
        let in_digest = digests.iter().find(|(text, _)| text == token);
        match visibility {
            Visibility::Private => {
                assert!(in_recap.is_none() && in_digest.is_none(), "{token}");
                assert!(texts.iter().all(|t| !t.contains(token.as_str())), "{token}");
                assert!(
                    digests.iter().all(|(t, _)| !t.contains(token.as_str())),
                    "{token}"
                );
            }
            Visibility::Anonymous => {
                assert_eq!(in_recap.expect(token).1, None, "{token}");
                assert_eq!(in_digest.expect(token).1, None, "{token}");
            }
            Visibility::Team => {
                assert_eq!(in_recap.expect(token).1, Some(names[*member]), "{token}");
                assert_eq!(in_digest.expect(token).1.as_deref(), Some(names[*member]));
            }
        }
    }
    // In the rendered text, an anonymous answer is attributed to nobody.
    let rendered = &texts[0];
    for (token, _, visibility) in &given {
        if *visibility == Visibility::Anonymous {
            let after = &rendered[rendered.find(token.as_str()).unwrap()..];
            let attribution = after.lines().find(|l| l.starts_with("> — ")).unwrap();
            assert!(attribution.starts_with("> — anonymous, "), "{attribution}");
        }
    }
}
both_backends!(
    no_team_view_shows_a_private_answer_or_an_anonymous_author,
    super::no_team_view_shows_a_private_answer_or_an_anonymous_author
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

    let text = me.say("recap 2026-12").await.plain_text();

    assert!(text.contains("## Resolutions\n\n- **Run a marathon**: dropped (set on 2026-12-04)\n  - 2026-12-04: dropped: knee\n- **Learn Korean**: on track (set on 2026-12-04)\n  - 2026-12-04: on track: 30 minutes a day"), "{text}");
}
both_backends!(
    a_year_recap_tells_each_resolutions_arc,
    super::a_year_recap_tells_each_resolutions_arc
);
