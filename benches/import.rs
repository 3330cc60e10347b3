//! Import benchmark on PostgreSQL.
//!
//! Run: `cargo bench --bench import` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own database).
//!
//! A team export document of 500 members' year (2026, Asia/Seoul): 52 weekly rounds of 4
//! questions (text, text, list, scale), 4 quarterly rounds (5 questions), 1 year-end round
//! (6 questions, resolutions); 9 in 10 deliveries answered, the rest skipped; one answer in
//! ten with an earlier version; 2 resolutions per member with a follow-up each. Over 100,000
//! answers. Timed, each on an emptied database except the second:
//!
//! 1. `hoego import` of the document (read, checked whole, written in one transaction); goal:
//!    under 30 s.
//! 2. The same document again (idempotent: everything found, nothing added).
//! 3. `hoego export --team` of the restored team.

#[path = "support/database.rs"]
mod database;
#[path = "support/platform.rs"]
mod platform;

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::import::dataset::{
    AnswerItem, AnswerRef, DeliveryRecord, FollowUpRecord, HistoryItem, MemberRecord,
    ResolutionRecord, RoundRecord, TeamRecord, TemplateRecord,
};
use hoego::domain::import::{Dataset, Document, DocumentKind};
use hoego::domain::lang::Lang;
use hoego::domain::state::{DeliveryMode, DeliveryStatus, Platform, ResolutionStatus, RoundStatus};
use hoego::domain::visibility::Visibility;
use hoego::domain::zone::ZoneName;
use hoego::service::import::{ImportFile, ImportRequest};
use sqlx::{Connection, Executor, PgConnection};

const MEMBERS: usize = 500;
const WEEKLY: &str = r#"
id = "weekly-mood"
[name]
en = "Weekly"
ko = "주간"
[description]
en = "Week {week}."
ko = "{week}주차."
[[questions]]
id = "went-well"
kind = "text"
[questions.text]
en = "What went well?"
ko = "잘한 점은?"
[[questions]]
id = "was-hard"
kind = "text"
[questions.text]
en = "What was hard?"
ko = "어려웠던 점은?"
[[questions]]
id = "next-week"
kind = "list"
[questions.text]
en = "Next week?"
ko = "다음 주에는?"
[[questions]]
id = "mood"
kind = "scale"
[questions.text]
en = "How was the week?"
ko = "이번 주는 어땠나요?"
[questions.low]
en = "rough"
ko = "힘들었어요"
[questions.high]
en = "great"
ko = "좋았어요"
"#;
const QUARTERLY: &str = include_str!("../config/templates/quarterly.toml");
const YEAR_END: &str = include_str!("../config/templates/year-end.toml");

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let name = format!("hoego_bench_import_{}", std::process::id());
    database::on_fresh_database(&name, |url| async move { run(&url).await }).await
}

async fn run(url: &str) -> anyhow::Result<()> {
    let (store, service) = platform::store_and_service(url).await?;
    let started = Instant::now();
    let data = year_of_team();
    let json = Document::new(DocumentKind::Team, Utc::now(), data.clone()).to_json();
    println!(
        "made a team export of {MEMBERS} members, {} rounds, {} answers: {:.1} MiB in {:.1} s",
        data.rounds.len(),
        data.answer_count(),
        json.len() as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    let request = ImportRequest {
        files: vec![ImportFile {
            path: "team.json".into(),
            bytes: json.into_bytes(),
        }],
        mapping: None,
        team: None,
        member: None,
        template: None,
        new_member: None,
        max_bytes: 256 * 1024 * 1024,
        lang: Lang::En,
        dry_run: false,
        own_notes_only: false,
    };
    let mut db = PgConnection::connect(url).await?;
    for run in 1..=3 {
        db.execute("TRUNCATE teams CASCADE").await?;
        let started = Instant::now();
        let summary = service.import(&request).await?;
        let took = started.elapsed();
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM answers")
            .fetch_one(&mut db)
            .await?;
        assert_eq!(summary.report.answers as i64, count);
        assert!(count > 100_000, "{count} answers");
        println!(
            "import {run} into an empty database: {count} answers in {:.2} s (goal: under 30 s)",
            took.as_secs_f64()
        );
    }
    let started = Instant::now();
    let again = service.import(&request).await?;
    assert!(!again.report.added_anything());
    println!(
        "the same import again: nothing added, {} answers found in {:.2} s",
        again.report.unchanged,
        started.elapsed().as_secs_f64()
    );
    let team = store.all_teams().await?.remove(0);
    let started = Instant::now();
    let export = service.team_export(team.id, Lang::En).await?;
    println!(
        "hoego export --team of the restored team: {:.1} MiB in {:.2} s",
        export.json.len() as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}

/// The team's year, as a dataset.
fn year_of_team() -> Dataset {
    let seoul = ZoneName::parse("Asia/Seoul").expect("a zone");
    let created = Utc.with_ymd_and_hms(2025, 12, 1, 0, 0, 0).unwrap();
    let mut data = Dataset {
        team: Some(TeamRecord {
            platform: Platform::Discord,
            external_id: "900000000000000001".into(),
            name: "Bench".into(),
            time_zone: seoul,
            language: Lang::Ko,
            created_at: created,
        }),
        templates: [
            ("weekly-mood", WEEKLY),
            ("quarterly", QUARTERLY),
            ("year-end", YEAR_END),
        ]
        .map(|(key, source)| TemplateRecord {
            key: key.into(),
            source: source.into(),
            created_at: created,
        })
        .to_vec(),
        ..Dataset::default()
    };
    data.members = (0..MEMBERS).map(|m| member(m, created)).collect();
    let start = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    let mut n = 0;
    for week in 0..52 {
        let date = start + Duration::weeks(week);
        data.rounds.push(round(
            0,
            date,
            &["went-well", "was-hard", "next-week", "mood"],
            &mut n,
        ));
    }
    let quarterly = ["changed", "proud", "hard", "energy", "next"];
    let quarterly = quarterly_questions().unwrap_or(quarterly.map(String::from).to_vec());
    for month in [3, 6, 9, 12] {
        let date = NaiveDate::from_ymd_opt(2026, month, 28).unwrap();
        let ids: Vec<&str> = quarterly.iter().map(String::as_str).collect();
        data.rounds.push(round(1, date, &ids, &mut n));
    }
    let year_end = [
        "periods",
        "highlights",
        "learned",
        "was-hard",
        "energy",
        "resolutions",
    ];
    data.rounds.push(round(
        2,
        NaiveDate::from_ymd_opt(2026, 12, 30).unwrap(),
        &year_end,
        &mut n,
    ));
    data.resolutions = resolutions(&data);
    data
}

/// The quarterly template's question ids, read from its source.
fn quarterly_questions() -> Option<Vec<String>> {
    let template = hoego::domain::template::Template::from_toml("quarterly", QUARTERLY).ok()?;
    Some(
        template
            .questions
            .iter()
            .map(|q| q.id.to_string())
            .collect(),
    )
}

fn member(m: usize, created: DateTime<Utc>) -> MemberRecord {
    MemberRecord {
        user_id: format!("{}", 800_000_000_000_000_000u64 + m as u64),
        display_name: format!("member {m}"),
        time_zone: None,
        language: if m.is_multiple_of(2) {
            Lang::Ko
        } else {
            Lang::En
        },
        delivery: DeliveryMode::Dm,
        paused_until: None,
        dm_channel_id: Some(format!("{}", 700_000_000_000_000_000u64 + m as u64)),
        created_at: created,
    }
}

fn round(template: usize, date: NaiveDate, questions: &[&str], n: &mut u64) -> RoundRecord {
    let local = date.and_hms_opt(17, 0, 0).unwrap();
    let due = local.and_utc() - Duration::hours(9);
    let closes = due + Duration::hours(48);
    let deliveries = (0..MEMBERS)
        .map(|m| {
            *n += 1;
            let answered = !n.is_multiple_of(10);
            let answers = if answered {
                answers(questions, m, due, n)
            } else {
                Vec::new()
            };
            DeliveryRecord {
                member: format!("{}", 800_000_000_000_000_000u64 + m as u64),
                status: if answered {
                    DeliveryStatus::Answered
                } else {
                    DeliveryStatus::Skipped
                },
                due_at: due,
                closes_at: closes,
                remind_at: Some(due + Duration::hours(36)),
                reminded_at: None,
                attempts: 1,
                next_attempt_at: due,
                platform_channel_id: Some(format!("{}", 700_000_000_000_000_000u64 + m as u64)),
                platform_message_id: Some(format!("{}", 600_000_000_000_000_000u64 + *n)),
                last_error: None,
                sent_at: Some(due + Duration::seconds(2)),
                finished_at: Some(due + Duration::hours(3)),
                answers,
            }
        })
        .collect();
    RoundRecord {
        schedule: None,
        template,
        occurrence_local: local,
        due_at: due,
        closes_at: closes,
        status: RoundStatus::Closed,
        closed_at: Some(closes),
        created_at: due,
        deliveries,
    }
}

fn answers(questions: &[&str], m: usize, due: DateTime<Utc>, n: &mut u64) -> Vec<AnswerItem> {
    let at = due + Duration::hours(3);
    let visibility = [Visibility::Private, Visibility::Team, Visibility::Anonymous][m % 3];
    questions
        .iter()
        .map(|question| {
            *n += 1;
            let value = match *question {
                "mood" | "energy" => (1 + *n % 5).to_string(),
                "next-week" | "resolutions" | "highlights" | "periods" | "next" => {
                    format!("item {n}\nanother item of member {m}")
                }
                _ => format!("An answer of member {m}, number {n}, about {question}."),
            };
            let history = if n.is_multiple_of(10) {
                vec![HistoryItem {
                    value: format!("draft {n}"),
                    visibility,
                    replaced_at: at,
                }]
            } else {
                Vec::new()
            };
            AnswerItem {
                question_id: question.to_string(),
                value,
                visibility,
                created_at: at - Duration::minutes(5),
                updated_at: at,
                history,
            }
        })
        .collect()
}

/// Two resolutions for each member who answered the year-end resolutions, with a follow-up.
fn resolutions(data: &Dataset) -> Vec<ResolutionRecord> {
    let last = data.rounds.len() - 1;
    let round = &data.rounds[last];
    let mut out = Vec::new();
    for delivery in &round.deliveries {
        let Some(answer) = delivery
            .answers
            .iter()
            .find(|a| a.question_id == "resolutions")
        else {
            continue;
        };
        for (position, text) in answer.value.split('\n').enumerate() {
            out.push(ResolutionRecord {
                member: delivery.member.clone(),
                answer: Some(AnswerRef {
                    round: last,
                    question_id: "resolutions".into(),
                }),
                position: position as i32,
                text: text.into(),
                visibility: answer.visibility,
                status: ResolutionStatus::OnTrack,
                created_at: answer.created_at,
                updated_at: answer.updated_at,
                follow_ups: vec![FollowUpRecord {
                    round: None,
                    status: ResolutionStatus::OnTrack,
                    note: "going".into(),
                    created_at: answer.updated_at,
                }],
            });
        }
    }
    out
}
