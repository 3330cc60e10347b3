//! Team letters once opened, for the team recap of the period that holds their day: each with
//! the channel it opened in, its author's name, and whether a reader takes part in a schedule
//! whose digests go to that channel. Sealed letters are never read here.

use chrono::{DateTime, NaiveDate, Utc};

use super::capsules::{COLUMNS, StoredCapsule, read};
use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, TeamId};

/// An opened team letter, as a team recap shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedTeamLetter {
    /// The letter.
    pub letter: StoredCapsule,
    /// The channel it opened in.
    pub channel: String,
    /// Who wrote it.
    pub author: MemberId,
    /// Their display name.
    pub author_name: String,
    /// Whether the reader asked about takes part in a schedule posting to `channel`.
    pub reader_takes_part: bool,
}

impl Store {
    /// `team`'s letters opening from `from` to `to` (inclusive) that are open at `now`, by day.
    pub async fn opened_team_letters(
        &self,
        team: TeamId,
        (from, to): (NaiveDate, NaiveDate),
        now: DateTime<Utc>,
        reader: Option<MemberId>,
    ) -> Result<Vec<OpenedTeamLetter>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS}, c.channel_id, c.author_id, m.display_name,
                 CASE WHEN EXISTS (SELECT 1 FROM schedules s
                         JOIN schedule_participants p ON p.schedule_id = s.id
                         WHERE s.team_id = c.team_id AND p.member_id = $5
                           AND (s.digest_channel_id = c.channel_id
                                OR s.channel_id = c.channel_id)) THEN 1 ELSE 0 END
                     AS takes_part
             FROM capsules c JOIN members m ON m.id = c.author_id
             WHERE c.team_id = $1 AND c.team_wide AND c.open_on >= $2 AND c.open_on <= $3
               AND c.opens_at <= $4
             ORDER BY c.open_on, c.id"
        );
        on_pool!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(team.0)
                .bind(from)
                .bind(to)
                .bind(now)
                .bind(reader.map_or(0, |r| r.0))
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(OpenedTeamLetter {
                        letter: read(row)?,
                        channel: row.text("channel_id")?,
                        author: MemberId(row.int("author_id")?),
                        author_name: row.text("display_name")?,
                        reader_takes_part: row.int("takes_part")? == 1,
                    })
                })
                .collect()
        })
    }
}
