//! The import's steps in order: team, members, templates, schedules, then rounds with their
//! deliveries and answers ([`super::rounds`]), then resolutions with their follow-ups, then
//! milestones.

use std::collections::HashMap;

use super::rounds;
use super::tx::{Arg, Tx};
use super::{ImportReport, ImportTeam};
use crate::domain::ids::TeamId;
use crate::domain::import::Dataset;
use crate::store::StoreError;

/// Members by user id.
pub(super) type MemberIds = HashMap<String, i64>;

/// Writes `data` into the team; see [`crate::store::Store::import_dataset`].
pub(super) async fn write(
    tx: &mut Tx,
    team: &ImportTeam,
    data: &Dataset,
) -> Result<ImportReport, StoreError> {
    let mut report = ImportReport::new(TeamId(0));
    let team = team_id(tx, team, &mut report).await?;
    report.team = TeamId(team);
    if let Tx::Postgres(_) = tx {
        // Imports into one team one at a time: the keys are looked up before rows are added.
        tx.execute(
            "SELECT pg_advisory_xact_lock(1751477607, $1::int4)",
            &[Arg::Int(team)],
        )
        .await?;
    }
    let members = members(tx, team, data, &mut report).await?;
    let templates = templates(tx, team, data, &mut report).await?;
    let schedules = schedules(tx, team, data, &templates, &members, &mut report).await?;
    let placed = rounds::write(
        tx,
        team,
        data,
        &templates,
        &schedules,
        &members,
        &mut report,
    )
    .await?;
    super::resolutions::write(tx, data, &members, &placed, &mut report).await?;
    super::milestones::write(tx, team, data, &members, &placed, &mut report).await?;
    super::plans::write(tx, team, data, &members, &placed, &mut report).await?;
    report.dates = data
        .rounds
        .iter()
        .map(|r| r.occurrence_local.date())
        .fold(None, |span, d| match span {
            None => Some((d, d)),
            Some((first, last)) => Some((first.min(d), last.max(d))),
        });
    Ok(report)
}

async fn team_id(
    tx: &mut Tx,
    team: &ImportTeam,
    report: &mut ImportReport,
) -> Result<i64, StoreError> {
    let record = match team {
        ImportTeam::Existing(id) => {
            let found: Vec<(i64,)> = tx
                .fetch("SELECT id FROM teams WHERE id = $1", &[Arg::Int(id.0)])
                .await?;
            return found
                .first()
                .map(|(id,)| *id)
                .ok_or_else(|| StoreError::NotFound(format!("team {id}")));
        }
        ImportTeam::Ensure(record) => record,
    };
    let key = [
        Arg::Text(record.platform.as_str().into()),
        Arg::Text(record.external_id.clone()),
    ];
    let found: Vec<(i64,)> = tx
        .fetch(
            "SELECT id FROM teams WHERE platform = $1 AND external_id = $2",
            &key,
        )
        .await?;
    if let Some((id,)) = found.first() {
        return Ok(*id);
    }
    let sql = "INSERT INTO teams (platform, external_id, name, time_zone, language, created_at)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let mut args = key.to_vec();
    args.extend([
        Arg::Text(record.name.clone()),
        Arg::Text(record.time_zone.name().into()),
        Arg::Text(record.language.code().into()),
        Arg::Instant(record.created_at),
    ]);
    let (id,): (i64,) = tx.fetch(sql, &args).await?.remove(0);
    report.team_created = true;
    Ok(id)
}

async fn members(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    report: &mut ImportReport,
) -> Result<MemberIds, StoreError> {
    let rows: Vec<(i64, String)> = tx
        .fetch(
            "SELECT id, user_id FROM members WHERE team_id = $1",
            &[Arg::Int(team)],
        )
        .await?;
    let mut ids: MemberIds = rows.into_iter().map(|(id, user)| (user, id)).collect();
    let mut values = Vec::new();
    for m in data
        .members
        .iter()
        .filter(|m| !ids.contains_key(&m.user_id))
    {
        values.extend([
            Arg::Int(team),
            Arg::Text(m.user_id.clone()),
            Arg::Text(m.display_name.clone()),
            Arg::OptText(m.time_zone.map(|z| z.name().to_string())),
            Arg::Text(m.language.code().into()),
            Arg::Text(m.delivery.as_str().into()),
            Arg::OptInstant(m.paused_until),
            Arg::OptText(m.dm_channel_id.clone()),
            Arg::Instant(m.created_at),
        ]);
    }
    let head = "INSERT INTO members (team_id, user_id, display_name, time_zone, language, delivery,
                    paused_until, dm_channel_id, created_at)";
    let added: Vec<(i64, String)> = tx
        .insert_rows(head, "RETURNING id, user_id", 9, &values)
        .await?;
    report.members = added.len();
    ids.extend(added.into_iter().map(|(id, user)| (user, id)));
    Ok(ids)
}

/// Each dataset template's row: the n-th version with the same key and source in the dataset
/// is the n-th such row of the team (so a restore keeps even duplicate versions apart), added
/// when missing.
async fn templates(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    report: &mut ImportReport,
) -> Result<Vec<i64>, StoreError> {
    let sql = "SELECT id, key, source FROM templates WHERE team_id = $1 ORDER BY id";
    let rows: Vec<(i64, String, String)> = tx.fetch(sql, &[Arg::Int(team)]).await?;
    let mut there: HashMap<(String, String), Vec<i64>> = HashMap::new();
    for (id, key, source) in rows {
        there.entry((key, source)).or_default().push(id);
    }
    let insert = "INSERT INTO templates (team_id, key, source, created_at) VALUES ($1, $2, $3, $4)
                  RETURNING id";
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut ids = Vec::with_capacity(data.templates.len());
    for template in &data.templates {
        let key = (template.key.clone(), template.source.clone());
        let nth = seen.entry(key.clone()).or_default();
        let found = there.get(&key).and_then(|ids| ids.get(*nth)).copied();
        *nth += 1;
        let id = match found {
            Some(id) => id,
            None => {
                let args = [
                    Arg::Int(team),
                    Arg::Text(key.0),
                    Arg::Text(key.1),
                    Arg::Instant(template.created_at),
                ];
                report.templates += 1;
                tx.fetch::<(i64,)>(insert, &args).await?.remove(0).0
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

async fn schedules(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    templates: &[i64],
    members: &MemberIds,
    report: &mut ImportReport,
) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(i64, String)> = tx
        .fetch(
            "SELECT id, name FROM schedules WHERE team_id = $1",
            &[Arg::Int(team)],
        )
        .await?;
    let mut ids: HashMap<String, i64> = rows.into_iter().map(|(id, name)| (name, id)).collect();
    let insert = "INSERT INTO schedules (team_id, name, template_id, cron, time_zone, channel_id,
                      digest_channel_id, window_secs, reminder_percent, grace_secs, state,
                      next_local, next_due_at, created_at, digest_group)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                  RETURNING id";
    let join = "INSERT INTO schedule_participants (schedule_id, member_id, added_at)
                VALUES ($1, $2, $3)";
    for s in &data.schedules {
        if ids.contains_key(&s.name) {
            continue;
        }
        let args = [
            Arg::Int(team),
            Arg::Text(s.name.clone()),
            Arg::Int(templates[s.template]),
            Arg::Text(s.cron.clone()),
            Arg::OptText(s.time_zone.map(|z| z.name().to_string())),
            Arg::OptText(s.channel_id.clone()),
            Arg::OptText(s.digest_channel_id.clone()),
            Arg::Int(s.window_secs),
            Arg::Int2(s.reminder_percent),
            Arg::Int(s.grace_secs),
            Arg::Text(s.state.as_str().into()),
            Arg::OptLocal(s.next_local),
            Arg::OptInstant(s.next_due_at),
            Arg::Instant(s.created_at),
            Arg::Text(s.digest_group.as_str().into()),
        ];
        let (id,): (i64,) = tx.fetch(insert, &args).await?.remove(0);
        for p in &s.participants {
            let args = [
                Arg::Int(id),
                Arg::Int(members[&p.member]),
                Arg::Instant(p.added_at),
            ];
            tx.execute(join, &args).await?;
        }
        report.schedules += 1;
        ids.insert(s.name.clone(), id);
    }
    Ok(ids)
}
