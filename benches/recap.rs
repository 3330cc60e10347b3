//! Recap benchmarks on PostgreSQL.
//!
//! Run: `cargo bench --bench recap` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own database; set
//! `HOEGO_BENCH_KEEP=1` to keep it for `EXPLAIN ANALYZE`).
//!
//! A team of 500 members in Asia/Seoul with a year (2026) of rounds: 52 weekly rounds of 4
//! questions (text, text, list, scale), 4 quarterly rounds (5 questions) and 1 year-end round
//! (6 questions); 9 in 10 deliveries answered; visibilities mixed a third each; 3 resolutions
//! per member with a follow-up each. Over 100,000 answers.
//!
//! 1. The team's year recap, read, built and rendered to Markdown (goal: under 300 ms); then the
//!    same plus the chat reply around it (summary, Markdown attachment, a chart of the `energy`
//!    answers of the weekly and of the quarterly template, each its own file; the year-end's one
//!    answer draws none, and there is no participation chart: every member answers every round).
//! 2. One member's year recap, read, built and rendered (goal: under 20 ms).
//!
//! Checked, so a figure cannot come from an empty recap: the team's shared answers read are over
//! 70,000, every recap quotes answers, the chat reply carries its Markdown and two charts, each its own file.
//!
//! Figures on the 2-core development machine while another build ran (load average ~3.5):
//! reading the team's 70,200 shared answers 124–164 ms (PostgreSQL executes the query in ~45 ms;
//! the rest is transfer and decoding, about what `psql` itself needs); the team's year recap
//! read, built and rendered min 190–237 ms, median 239–335 ms; with the chat reply and charts
//! median 260–342 ms; one member's year recap median 2.5–5 ms.
//!
//! Later the team's year recap regressed (median 434 ms at load 0.5; 376–586 ms at load ~4):
//! "then vs now" read each recalling answer's earlier answers with one query per answer (751
//! here). Read once per recalled question for the whole team, interleaved with the old build
//! at load ~4 (other engineers building on the 2 cores): median 308–319 ms (old 376–423 ms),
//! min 230–295 ms; one member's year recap median 3–5 ms. Then the answers and the participation
//! rows read at once, "then vs now" and the team's plans read while the recap is built, and
//! question details looked up once per run of answers: median 214–333 ms, min 185–260 ms at
//! load ~4.3 (the previous step 311–375 ms in the same interleaved runs).
//!
//! The indexes that serve them: `rounds_team_due (team_id, due_at)`, then the unique
//! `(round_id, member_id)` of `deliveries` and `(delivery_id, question_id)` of `answers` for
//! the team; `deliveries_member (member_id, round_id)` and the same answers index for one member;
//! `resolutions_member` and `resolution_followups_resolution` for the arcs. (With one team in
//! the database, PostgreSQL rightly reads the whole answers table with hash joins for the team;
//! with many teams the first three indexes narrow it to the team's rounds.) No new index was
//! needed.

#[path = "support/database.rs"]
mod database;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hoego::config::{DatabaseSettings, DatabaseUrl};
use hoego::domain::ids::{MemberId, TeamId};
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::{Scope, markdown};
use hoego::domain::template::TemplateLibrary;
use hoego::domain::zone::ZoneName;
use hoego::service::clock::SystemClock;
use hoego::service::recap::{RecapOrder, recap_reply};
use hoego::service::{Defaults, Service};
use hoego::store::Store;
use sqlx::{Connection, Executor, PgConnection};

const TEAM_RUNS: usize = 10;
const MEMBER_RUNS: usize = 50;

const PULSE: &str = r#"
id = "pulse"
[name]
en = "Weekly pulse"
ko = "주간 펄스"
[description]
en = "Week {week}."
ko = "{week}주차."
[[questions]]
id = "went-well"
kind = "text"
[questions.text]
en = "What went well in week {week}?"
ko = "{week}주차에 잘된 일은?"
[[questions]]
id = "was-hard"
kind = "text"
[questions.text]
en = "What was hard?"
ko = "어려웠던 일은?"
[[questions]]
id = "next-week"
kind = "list"
[questions.text]
en = "Next week?"
ko = "다음 주에는?"
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
const QUARTERLY: &str = include_str!("../config/templates/quarterly.toml");
const YEAR_END: &str = include_str!("../config/templates/year-end.toml");

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let name = format!("hoego_bench_recap_{}", std::process::id());
    database::on_fresh_database(&name, |url| async move { run(&url).await }).await
}

async fn run(url: &str) -> anyhow::Result<()> {
    let settings = DatabaseSettings {
        url: DatabaseUrl::parse(url).map_err(|(p, _)| anyhow::anyhow!(p))?,
        max_connections: 4,
        connect_timeout: Duration::from_secs(10),
    };
    let store = Store::open(&settings).await?;
    let mut db = PgConnection::connect(url).await?;
    let started = Instant::now();
    let answers = seed(&mut db).await?;
    println!(
        "seeded 500 members, 57 rounds, {answers} answers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let service = service(store.clone());
    let team = store.team_by_id(TeamId(1)).await?.expect("the seeded team");
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).expect("a date");
    let order = |member: Option<hoego::domain::team::Member>| RecapOrder {
        team: team.clone(),
        scope: if member.is_some() {
            Scope::Me
        } else {
            Scope::Team
        },
        member,
        period: Period::parse("2026", today).expect("a period"),
        zone: ZoneName::parse("Asia/Seoul").expect("a zone"),
        lang: Lang::En,
        shared_only: false,
        digest_channel: None,
        today,
        max_lines: hoego::domain::recap::RecapRequest::MAX_LINES,
    };

    let team_order = order(None);
    let (from, to) = hoego::service::recap::instants(&team_order.period, team_order.zone);
    let mut read_times = Vec::new();
    for _ in 0..TEAM_RUNS {
        let started = Instant::now();
        let rows = store.team_recap_answers(team.id, from, to).await?;
        read_times.push(started.elapsed());
        assert!(rows.len() > 70_000);
    }
    report(
        "of which reading the team's shared answers",
        &mut read_times,
    );
    let mut team_times = Vec::new();
    let (mut quoted, mut bytes) = (0, 0);
    for _ in 0..TEAM_RUNS {
        let started = Instant::now();
        let recap = service.compile_recap(&team_order).await?;
        let document = markdown::render(&recap);
        team_times.push(started.elapsed());
        (quoted, bytes) = (recap.quoted_answers(), document.len());
    }
    report(
        &format!("team year recap ({quoted} answers quoted, {bytes} bytes of Markdown)"),
        &mut team_times,
    );
    anyhow::ensure!(quoted > 0, "the team's year recap quotes no answer");
    let mut reply_times = Vec::new();
    for _ in 0..TEAM_RUNS {
        let started = Instant::now();
        let recap = service.compile_recap(&team_order).await?;
        let reply = recap_reply(&recap, false, hoego::platform::discord::LIMITS);
        reply_times.push(started.elapsed());
        let files: Vec<&str> = reply
            .attachments
            .iter()
            .map(|a| a.filename.as_str())
            .collect();
        let distinct: std::collections::HashSet<&&str> = files.iter().collect();
        assert!(
            files.len() == 3 && distinct.len() == 3 && files[0].ends_with(".md"),
            "the Markdown and two energy charts, each its own file: {files:?}"
        );
    }
    report(
        "team year recap as a chat reply (summary, Markdown, 2 PNG charts)",
        &mut reply_times,
    );

    let mut member_times = Vec::new();
    for run in 0..MEMBER_RUNS {
        let member = store.member(MemberId(1 + (run as i64 * 7) % 500)).await?;
        let member_order = order(Some(member));
        let started = Instant::now();
        let recap = service.compile_recap(&member_order).await?;
        let document = markdown::render(&recap);
        member_times.push(started.elapsed());
        (quoted, bytes) = (recap.quoted_answers(), document.len());
        anyhow::ensure!(quoted > 0, "member {}'s year recap quotes no answer", run);
    }
    report(
        &format!("one member's year recap (last: {quoted} answers quoted, {bytes} bytes)"),
        &mut member_times,
    );
    store.close().await;
    Ok(())
}

fn service(store: Store) -> Service {
    Service {
        shown: Default::default(),
        store,
        templates: Arc::new(TemplateLibrary::built_in()),
        clock: Arc::new(SystemClock),
        defaults: Defaults {
            time_zone: ZoneName::parse("Asia/Seoul").expect("a zone"),
            language: Lang::En,
            answer_window: Duration::from_secs(48 * 3600),
            grace_period: Duration::from_secs(6 * 3600),
            reminder_at_percent: 0,
        },
        guard: Default::default(),
        memories: Default::default(),
        summaries: Default::default(),
        readers: Default::default(),
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: min {:.1} ms, median {:.1} ms, max {:.1} ms over {} runs",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// Seeds the team and its year; returns the number of answers.
async fn seed(db: &mut PgConnection) -> anyhow::Result<i64> {
    db.execute(
        "INSERT INTO teams (platform, external_id, name, time_zone, language, created_at)
         VALUES ('console', 'bench', 'Bench', 'Asia/Seoul', 'en', now());
         INSERT INTO members (team_id, user_id, display_name, created_at)
         SELECT 1, 'u' || g, 'Member ' || g, now() FROM generate_series(1, 500) g",
    )
    .await?;
    for (key, source) in [
        ("pulse", PULSE),
        ("quarterly", QUARTERLY),
        ("year-end", YEAR_END),
    ] {
        sqlx::query(
            "INSERT INTO templates (team_id, key, source, created_at) VALUES (1, $1, $2, now())",
        )
        .bind(key)
        .bind(source)
        .execute(&mut *db)
        .await?;
    }
    // Fridays 17:00 in Seoul (08:00 UTC): weekly rounds, then quarterly ones, then year-end.
    db.execute(
        "INSERT INTO rounds (team_id, template_id, occurrence_local, due_at, closes_at, status, created_at)
         SELECT 1, 1, timestamp '2026-01-02 17:00' + (g - 1) * interval '7 days',
                timestamptz '2026-01-02 08:00Z' + (g - 1) * interval '7 days',
                timestamptz '2026-01-04 08:00Z' + (g - 1) * interval '7 days', 'closed', now()
         FROM generate_series(1, 52) g;
         INSERT INTO rounds (team_id, template_id, occurrence_local, due_at, closes_at, status, created_at)
         SELECT 1, 2, d + time '18:00', (d + time '09:00') AT TIME ZONE 'UTC',
                (d + time '09:00') AT TIME ZONE 'UTC' + interval '2 days', 'closed', now()
         FROM unnest(ARRAY[date '2026-03-27', '2026-06-26', '2026-09-25', '2026-12-18']) d;
         INSERT INTO rounds (team_id, template_id, occurrence_local, due_at, closes_at, status, created_at)
         VALUES (1, 3, '2026-12-30 17:00', '2026-12-30 08:00Z', '2027-01-06 08:00Z', 'closed', now());
         INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, next_attempt_at)
         SELECT r.id, m.id, CASE WHEN (r.id + m.id) % 10 = 0 THEN 'missed' ELSE 'answered' END,
                r.due_at, r.closes_at, r.due_at
         FROM rounds r CROSS JOIN members m",
    )
    .await?;
    let questions = [
        (1, "went-well", "text"),
        (1, "was-hard", "text"),
        (1, "next-week", "list"),
        (1, "energy", "scale"),
        (2, "what-changed", "text"),
        (2, "proud-of", "text"),
        (2, "was-hard", "text"),
        (2, "change-next", "list"),
        (2, "energy", "scale"),
        (3, "periods", "list"),
        (3, "highlights", "list"),
        (3, "learned", "text"),
        (3, "was-hard", "text"),
        (3, "energy", "scale"),
        (3, "resolutions", "list"),
    ];
    for (template, question, kind) in questions {
        sqlx::query(
            "INSERT INTO answers (delivery_id, question_id, value, visibility, created_at, updated_at)
             SELECT d.id, $2,
                    CASE $3 WHEN 'scale' THEN (1 + (d.id * 7 + r.id) % 5)::text
                            WHEN 'list' THEN 'First item of ' || d.id || E'\nSecond item'
                            ELSE 'Member ' || d.member_id || ' on round ' || r.id
                                 || ': a steady week, a few surprises, one lesson.' END,
                    CASE (d.id + length($2)) % 3 WHEN 0 THEN 'private' WHEN 1 THEN 'team'
                         ELSE 'anonymous' END,
                    r.due_at + interval '1 hour', r.due_at + interval '1 hour'
             FROM deliveries d JOIN rounds r ON r.id = d.round_id
             WHERE r.template_id = $1 AND d.status = 'answered'",
        )
        .bind(template)
        .bind(question)
        .bind(kind)
        .execute(&mut *db)
        .await?;
    }
    db.execute(
        "INSERT INTO resolutions (member_id, position, text, visibility, status, created_at, updated_at)
         SELECT m.id, p, 'Resolution ' || p || ' of member ' || m.id, 'private', 'on_track',
                timestamptz '2025-12-30 08:00Z', now()
         FROM members m, generate_series(0, 2) p;
         INSERT INTO resolution_followups (resolution_id, status, note, created_at)
         SELECT id, 'on_track', 'going fine', timestamptz '2026-03-27 09:00Z' FROM resolutions;
         ANALYZE",
    )
    .await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM answers")
        .fetch_one(&mut *db)
        .await?;
    Ok(count)
}
