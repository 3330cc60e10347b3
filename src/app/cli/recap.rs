//! `hoego recap --period 2026 [--member <id>] [--team <id>] [--lang ko] --format markdown|json`:
//! the recap the service compiles (as `/hoego recap` does), written to standard output (the
//! Markdown is ready to publish as a blog post; with `--charts DIR` the charts are written there
//! and embedded in it). A bad period, team or member is bad usage
//! (exit code 2).

use std::path::Path;

use anyhow::Context;

use super::args::{RecapArgs, RecapFormat};
use crate::app::{Failure, startup};
use crate::config::Settings;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::recap::chart::{self, Chart};
use crate::domain::recap::{Recap, markdown};
use crate::service::clock::{Clock, SystemClock};
use crate::service::error::ServiceError;
use crate::service::i18n::worded::Worded;
use crate::service::recap::with_above;
use crate::service::recap_query::{RecapQuery, RecapQueryError};

/// Compiles and prints the recap.
pub async fn recap(settings: &Settings, args: &RecapArgs) -> Result<(), Failure> {
    // A malformed period is refused before the database is opened; which period it names
    // depends on today in the reader's zone, which the service decides.
    Period::parse(&args.period, SystemClock.now().date_naive()).map_err(period)?;
    let query = RecapQuery {
        period: args.period.clone(),
        team: args.team.map(TeamId),
        member: args.member.map(MemberId),
        lang: args.lang,
        max_lines: usize::from(args.lines),
    };
    let summary = args.summary;
    let compiled = startup::with_service(settings, async |service| match summary {
        true => service
            .recap_query_with_summary(&query)
            .await
            .map(|(r, s)| (r, Some(s))),
        false => service.recap_query(&query).await.map(|r| (r, None)),
    });
    let (recap, above) = compiled.await?.map_err(refused)?;
    let charts = match &args.charts {
        Some(dir) => write_charts(&recap, dir)?,
        None => Vec::new(),
    };
    print!(
        "{}",
        match args.format {
            RecapFormat::Markdown => {
                let document = markdown::render_with(&recap, args.full);
                let above = above.as_ref().map(|part| part.markdown());
                let document = with_above(document, &recap, above);
                let dir = args.charts.as_deref().unwrap_or(Path::new("."));
                let path = |chart: &Chart| dir.join(&chart.file).display().to_string();
                chart::embed(&document, &charts, path)
            }
            RecapFormat::Json => format!("{}\n", recap.to_json()),
        }
    );
    Ok(())
}

fn period(error: crate::domain::period::PeriodError) -> Failure {
    Failure::Usage(format!("--period: {}", error.worded(Lang::En)))
}

/// What the command line says when the recap cannot be compiled.
fn refused(error: RecapQueryError) -> Failure {
    let usage = |text: String| Failure::Usage(text);
    match error {
        RecapQueryError::Period(error) => period(error),
        RecapQueryError::NoMember(id) => usage(format!(
            "there is no member {id}; `--member` takes a member's id"
        )),
        RecapQueryError::NoTeam(id) => usage(format!("there is no team {id}")),
        RecapQueryError::NoTeams => usage("there are no teams in this database yet".into()),
        RecapQueryError::SeveralTeams(teams) => {
            let listed: Vec<String> = teams
                .iter()
                .map(|t| format!("{} ({} {})", t.id, t.platform.as_str(), t.name))
                .collect();
            usage(format!(
                "several teams; choose one with --team: {}",
                listed.join(", ")
            ))
        }
        RecapQueryError::NotInTeam { member, team } => {
            usage(format!("member {member} is not in team {team}"))
        }
        RecapQueryError::Failed(ServiceError::User(message)) => usage(message),
        RecapQueryError::Failed(other) => Failure::Runtime(anyhow::Error::new(other)),
    }
}

/// Writes each chart of the recap into `dir` (a trend per scale question with enough points,
/// participation when it says something), naming them on standard error.
fn write_charts(recap: &Recap, dir: &Path) -> Result<Vec<Chart>, Failure> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let charts = chart::charts(recap).map_err(anyhow::Error::new)?;
    for chart in &charts {
        let path = dir.join(&chart.file);
        std::fs::write(&path, &chart.png)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(charts)
}
