//! `hoego doctor` against the suite's fakes: a healthy deployment passes every check (exit 0),
//! and each fault an operator meets fails its line, naming the fix (exit 1): a missing scope, a
//! channel the bot cannot post in, a refused token, an unreachable or unmigrated database, a
//! clock off from the platform's.

mod database;
mod discord;
mod slack;

use std::process::Output;

use chrono::Utc;
use hoego::domain::lang::Lang;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::state::Platform;
use hoego::domain::team::NewTeam;
use hoego::domain::zone::ZoneName;
use hoego::store::{NewSchedule, Store};

use crate::support::binary::{hoego, stderr, stdout};

/// A schedule called `name` of the team `team` on `platform`, posting in `channel`.
pub async fn schedule_in(store: &Store, platform: Platform, team: &str, name: &str, channel: &str) {
    let now = Utc::now();
    let new_team = NewTeam {
        platform,
        external_id: team.into(),
        name: "Team".into(),
        time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
        language: Lang::En,
    };
    let team = store.ensure_team(&new_team, now).await.unwrap();
    let source = crate::support::chat::WEEKLY;
    let template = store
        .save_template(team.id, "weekly", source, now)
        .await
        .unwrap();
    let schedule = NewSchedule {
        team_id: team.id,
        name: name.into(),
        template_id: template,
        cron: "0 17 * * FRI".into(),
        time_zone: Some("Asia/Seoul".into()),
        channel_id: Some(channel.into()),
        digest_channel_id: Some(channel.into()),
        digest_group: DigestGrouping::Question,
        window_secs: 48 * 3600,
        reminder_percent: 0,
        grace_secs: 3600,
        next_local: None,
        next_due_at: None,
    };
    store.create_schedule(&schedule, now).await.unwrap();
}

/// `hoego doctor` with `vars`: exit code, the report, and standard error.
pub async fn doctor(vars: &[(&str, String)]) -> (Option<i32>, String, String) {
    let output: Output = hoego(&["doctor"], vars).await;
    (output.status.code(), stdout(&output), stderr(&output))
}

/// The report's line for the check `name`.
pub fn line<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find(|l| {
            l.get(6..)
                .is_some_and(|rest| rest.starts_with(&format!("{name} ")))
        })
        .unwrap_or_else(|| panic!("no line for {name:?} in:\n{report}"))
}

/// Every line that failed.
pub fn failures(report: &str) -> Vec<&str> {
    report.lines().filter(|l| l.starts_with("FAIL")).collect()
}
