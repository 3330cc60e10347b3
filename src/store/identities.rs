//! Finding who is asking with one read: a team and, in it, one member, by their platform ids
//! (teams LEFT JOIN members). On SQLite, where one process owns the database file, what was
//! found is kept in memory, and forgotten whenever this store writes a team or member row; on
//! PostgreSQL, where other replicas may change a member, every interaction reads.

use std::collections::HashMap;
use std::sync::Mutex;

use sqlx::AssertSqlSafe;

use super::rows::RowExt;
use super::teams::{JOINED_MEMBER, JOINED_MEMBER_NAMES, member_named, team_from};
use super::{Dialect, Store, StoreError, on_pool};
use crate::domain::state::Platform;
use crate::domain::team::{Member, Team};

/// (platform, team's external id, user id).
type Key = (Platform, String, String);

/// The team and member rows found for recent askers (SQLite only; see the module).
#[derive(Debug, Default)]
pub(crate) struct Identities {
    known: Mutex<Known>,
}

#[derive(Debug, Default)]
struct Known {
    /// Bumped by every write to teams or members, so a read that raced one is not kept.
    generation: u64,
    rows: HashMap<Key, (Team, Member)>,
}

impl Identities {
    /// Forgets everything kept: a team or member row was written.
    pub(crate) fn forget(&self) {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.generation += 1;
        known.rows.clear();
    }

    fn get(&self, key: &Key) -> Result<(Team, Member), u64> {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.rows.get(key).cloned().ok_or(known.generation)
    }

    fn keep(&self, key: Key, generation: u64, found: &(Team, Member)) {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if known.generation == generation {
            known.rows.insert(key, found.clone());
        }
    }
}

impl Store {
    /// The team registered for (`platform`, `team_external_id`) and, in it, the member with
    /// `user_id` if there is one; `None` when the team is not registered. Reads only.
    pub async fn identity(
        &self,
        platform: Platform,
        team_external_id: &str,
        user_id: &str,
    ) -> Result<Option<(Team, Option<Member>)>, StoreError> {
        let cached = self.dialect() == Dialect::Sqlite;
        let key = (platform, team_external_id.to_owned(), user_id.to_owned());
        let generation = match self.known.get(&key) {
            Ok((team, member)) if cached => return Ok(Some((team, Some(member)))),
            Ok(_) => 0,
            Err(generation) => generation,
        };
        let found = self.read_identity(&key).await?;
        if let Some((team, Some(member))) = &found
            && cached
        {
            self.known
                .keep(key, generation, &(team.clone(), member.clone()));
        }
        Ok(found)
    }

    async fn read_identity(&self, key: &Key) -> Result<Option<(Team, Option<Member>)>, StoreError> {
        let sql = format!(
            "SELECT t.id, t.platform, t.external_id, t.name, t.time_zone, t.language,
                    {JOINED_MEMBER}
             FROM teams t LEFT JOIN members m ON m.team_id = t.id AND m.user_id = $3
             WHERE t.platform = $1 AND t.external_id = $2"
        );
        let (platform, team, user) = key;
        on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql.as_str()))
                .bind(platform.as_str())
                .bind(team)
                .bind(user)
                .fetch_optional(pool)
                .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let member = match row.opt_int("m_id")? {
                Some(_) => Some(member_named(&row, &JOINED_MEMBER_NAMES)?),
                None => None,
            };
            Ok(Some((team_from(&row)?, member)))
        })
    }
}
