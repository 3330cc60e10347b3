//! `hoego recap --period 2026 [--member <id>] [--team <id>] [--lang ko] --format markdown|json`:
//! the same recap `/hoego recap` compiles, written to standard output (the Markdown is ready
//! to publish as a blog post). A bad period, team or member is bad usage (exit code 2).

use std::path::Path;

use anyhow::Context;
use chrono::Utc;

use crate::cli::{CliError, RecapArgs, RecapFormat};
use crate::config::Settings;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::recap::{Recap, Scope, chart, markdown};
use crate::domain::team::{Member, Team};
use crate::service::error::ServiceError;
use crate::service::recap::RecapOrder;
use crate::store::{Store, StoreError};

/// Compiles and prints the recap.
pub async fn recap(settings: &Settings, args: &RecapArgs) -> Result<(), CliError> {
    // Refuse a malformed period before touching the database.
    Period::parse(&args.period, Utc::now().date_naive())
        .map_err(|e| CliError::Usage(format!("--period: {}", e.message(Lang::En))))?;
    let store = Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot open the database at {}", settings.database.url))?;
    let result = compile(settings, &store, args).await;
    store.close().await;
    print!("{}", result?);
    Ok(())
}

async fn compile(settings: &Settings, store: &Store, args: &RecapArgs) -> Result<String, CliError> {
    let member = match args.member {
        Some(id) => Some(member(store, id).await?),
        None => None,
    };
    let team = team(store, args.team.or(member.as_ref().map(|m| m.team_id.0))).await?;
    if let Some(member) = &member
        && member.team_id != team.id
    {
        return Err(CliError::Usage(format!(
            "member {} is not in team {}",
            member.id, team.id
        )));
    }
    let zone = member
        .as_ref()
        .and_then(|m| m.time_zone)
        .unwrap_or(team.time_zone);
    let today = Utc::now().with_timezone(&zone.tz()).date_naive();
    let period = Period::parse(&args.period, today)
        .map_err(|e| CliError::Usage(format!("--period: {}", e.message(Lang::En))))?;
    let lang = args
        .lang
        .or(member.as_ref().map(|m| m.language))
        .unwrap_or(team.language);
    let order = RecapOrder {
        scope: if member.is_some() {
            Scope::Me
        } else {
            Scope::Team
        },
        team,
        member,
        period,
        zone,
        lang,
        shared_only: false,
        today,
    };
    let service = crate::startup::service(settings, store.clone())?;
    let recap = service.compile_recap(&order).await.map_err(|e| match e {
        ServiceError::User(message) => CliError::Usage(message),
        other => CliError::Runtime(anyhow::Error::new(other)),
    })?;
    if let Some(dir) = &args.charts {
        write_charts(&recap, dir)?;
    }
    Ok(match args.format {
        RecapFormat::Markdown => markdown::render(&recap),
        RecapFormat::Json => format!("{}\n", recap.to_json()),
    })
}

/// Writes `trend.png` and `participation.png` into `dir` (each only when there is enough to
/// draw), naming them on standard error.
fn write_charts(recap: &Recap, dir: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let drawn = [
        ("trend.png", chart::trend_png(&recap.trends)),
        (
            "participation.png",
            chart::participation_png(&recap.participation),
        ),
    ];
    for (name, png) in drawn {
        if let Some(bytes) = png.map_err(anyhow::Error::new)? {
            let path = dir.join(name);
            std::fs::write(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}

async fn member(store: &Store, id: i64) -> Result<Member, CliError> {
    match store.member(MemberId(id)).await {
        Ok(member) => Ok(member),
        Err(StoreError::NotFound(_)) => Err(CliError::Usage(format!(
            "there is no member {id}; `--member` takes a member's id"
        ))),
        Err(other) => Err(CliError::Runtime(anyhow::Error::new(other))),
    }
}

/// The team named, or the only team when none is named.
async fn team(store: &Store, id: Option<i64>) -> Result<Team, CliError> {
    let runtime = |e: StoreError| CliError::Runtime(anyhow::Error::new(e));
    if let Some(id) = id {
        return store
            .team_by_id(TeamId(id))
            .await
            .map_err(runtime)?
            .ok_or_else(|| CliError::Usage(format!("there is no team {id}")));
    }
    let mut teams = store.all_teams().await.map_err(runtime)?;
    match teams.len() {
        1 => Ok(teams.remove(0)),
        0 => Err(CliError::Usage(
            "there are no teams in this database yet".into(),
        )),
        _ => {
            let listed: Vec<String> = teams
                .iter()
                .map(|t| format!("{} ({} {})", t.id, t.platform.as_str(), t.name))
                .collect();
            Err(CliError::Usage(format!(
                "several teams; choose one with --team: {}",
                listed.join(", ")
            )))
        }
    }
}
