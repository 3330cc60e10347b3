//! Teams and members.

use chrono::{DateTime, Utc};

use sqlx::AssertSqlSafe;

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::team::{Member, NewMember, NewTeam, Team};

const TEAM_COLUMNS: &str = "id, platform, external_id, name, time_zone, language";
const MEMBER_COLUMNS: &str =
    "id, team_id, user_id, display_name, time_zone, language, delivery, paused_until";

/// The member columns of `members m` in a join, named apart from the team's.
pub(super) const JOINED_MEMBER: &str = "m.id AS m_id, m.team_id AS m_team_id, \
    m.user_id AS m_user_id, m.display_name AS m_display_name, m.time_zone AS m_time_zone, \
    m.language AS m_language, m.delivery AS m_delivery, m.paused_until AS m_paused_until";

/// The names [`member_named`] reads a member under: as selected by `MEMBER_COLUMNS`, and as
/// [`JOINED_MEMBER`] names them.
type MemberNames = [&'static str; 8];
const MEMBER_NAMES: MemberNames = [
    "id",
    "team_id",
    "user_id",
    "display_name",
    "time_zone",
    "language",
    "delivery",
    "paused_until",
];
pub(super) const JOINED_MEMBER_NAMES: MemberNames = [
    "m_id",
    "m_team_id",
    "m_user_id",
    "m_display_name",
    "m_time_zone",
    "m_language",
    "m_delivery",
    "m_paused_until",
];

impl Store {
    /// Registers a team, or returns the one already registered for (platform, external id).
    pub async fn ensure_team(
        &self,
        team: &NewTeam,
        now: DateTime<Utc>,
    ) -> Result<Team, StoreError> {
        let sql = format!(
            "INSERT INTO teams (platform, external_id, name, time_zone, language, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (platform, external_id) DO UPDATE SET name = excluded.name
             RETURNING {TEAM_COLUMNS}"
        );
        let row = on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql.as_str()))
                .bind(team.platform.as_str())
                .bind(&team.external_id)
                .bind(&team.name)
                .bind(team.time_zone.to_string())
                .bind(team.language.code())
                .bind(now)
                .fetch_one(pool)
                .await?;
            team_from(&row)
        });
        // After the write: a read that began before it is not kept (see `Identities`).
        self.known.forget();
        row
    }

    /// Registers a member, or returns the one already registered; the display name is refreshed.
    pub async fn ensure_member(
        &self,
        member: &NewMember,
        now: DateTime<Utc>,
    ) -> Result<Member, StoreError> {
        let sql = format!(
            "INSERT INTO members (team_id, user_id, display_name, language, time_zone, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (team_id, user_id) DO UPDATE SET display_name = excluded.display_name
             RETURNING {MEMBER_COLUMNS}"
        );
        let row = on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql.as_str()))
                .bind(member.team_id.0)
                .bind(&member.user_id)
                .bind(&member.display_name)
                .bind(member.language.code())
                .bind(member.time_zone.map(|z| z.name()))
                .bind(now)
                .fetch_one(pool)
                .await?;
            member_from(&row)
        });
        self.known.forget();
        row
    }

    /// A team by row id, if there is one.
    pub async fn team_by_id(&self, id: TeamId) -> Result<Option<Team>, StoreError> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM teams WHERE id = $1");
        on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql.as_str()))
                .bind(id.0)
                .fetch_optional(pool)
                .await?;
            row.map(|r| team_from(&r)).transpose()
        })
    }

    /// Every team, oldest first (the command line picks the only one when none is named).
    pub async fn all_teams(&self) -> Result<Vec<Team>, StoreError> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM teams ORDER BY id");
        on_pool!(self, |pool| {
            let rows = sqlx::query(AssertSqlSafe(sql.as_str()))
                .fetch_all(pool)
                .await?;
            rows.iter().map(team_from).collect()
        })
    }

    /// A member by row id.
    pub async fn member(&self, id: MemberId) -> Result<Member, StoreError> {
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM members WHERE id = $1");
        on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql.as_str()))
                .bind(id.0)
                .fetch_optional(pool)
                .await?;
            row.map(|r| member_from(&r))
                .unwrap_or_else(|| Err(StoreError::NotFound(format!("member {id}"))))
        })
    }
}

pub(super) fn team_from(row: &impl RowExt) -> Result<Team, StoreError> {
    Ok(Team {
        id: TeamId(row.int("id")?),
        platform: row.word("platform")?,
        external_id: row.text("external_id")?,
        name: row.text("name")?,
        time_zone: row.opt_zone("time_zone")?.ok_or(StoreError::Corrupt {
            column: "time_zone",
            problem: "missing".into(),
        })?,
        language: row.lang("language")?,
    })
}

pub(crate) fn member_from(row: &impl RowExt) -> Result<Member, StoreError> {
    member_named(row, &MEMBER_NAMES)
}

/// A member read from columns named by `names` (see [`MemberNames`]).
pub(super) fn member_named(row: &impl RowExt, names: &MemberNames) -> Result<Member, StoreError> {
    let [id, team, user, name, zone, language, delivery, paused] = *names;
    Ok(Member {
        id: MemberId(row.int(id)?),
        team_id: TeamId(row.int(team)?),
        user_id: row.text(user)?,
        display_name: row.text(name)?,
        time_zone: row.opt_zone(zone)?,
        language: row.lang(language)?,
        delivery: row.word(delivery)?,
        paused_until: row.opt_instant(paused)?,
    })
}
