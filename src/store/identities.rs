//! Finding who is asking with one read: a team and, in it, one member, by their platform ids
//! (teams LEFT JOIN members). On SQLite, where one process owns the database file, what was
//! found is kept in memory, and forgotten whenever this store writes a team or member row; on
//! PostgreSQL, where other replicas may change a member, every interaction reads. Reads asked
//! at the same moment (a burst of submits) are read together, with one statement (see
//! `read_batch`).

use std::collections::HashMap;
use std::sync::Mutex;

use sqlx::AssertSqlSafe;

use super::rows::RowExt;
use super::teams::{JOINED_MEMBER, JOINED_MEMBER_NAMES, member_named, team_from};
use super::{Dialect, Pool, Store, StoreError};
use crate::domain::state::Platform;
use crate::domain::team::{Member, Team};

/// (platform, team's external id, user id).
pub(super) type Key = (Platform, String, String);

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
        let found = self.identity_read(&key).await?;
        if let Some((team, Some(member))) = &found
            && cached
        {
            self.known
                .keep(key, generation, &(team.clone(), member.clone()));
        }
        Ok(found)
    }

    /// The identity at `key`, read together with the others asked meanwhile (see
    /// `read_batch`).
    async fn identity_read(&self, key: &Key) -> Result<Option<(Team, Option<Member>)>, StoreError> {
        let pool = self.pool.clone();
        let read = move |keys| read_identities(pool.clone(), keys);
        if let Some(found) = self.batched.identities.get(key.clone(), read).await {
            return Ok(found);
        }
        // The set-based read failed: this key alone, to meet its own error.
        let mut found = read_identities(self.pool.clone(), vec![key.clone()]).await?;
        Ok(found.remove(key))
    }
}

/// The keys read at once, as rows `k(n, platform, team, user_id)` (`n` counting from 1): three
/// arrays on PostgreSQL, a JSON array of `[platform, team, user]` on SQLite.
const PG_KEYS: &str = "unnest($1::text[], $2::text[], $3::text[])
    WITH ORDINALITY AS k(platform, team, user_id, n)";
const SQLITE_KEYS: &str = "(SELECT key + 1 AS n, json_extract(value, '$[0]') AS platform,
        json_extract(value, '$[1]') AS team, json_extract(value, '$[2]') AS user_id
    FROM json_each($1)) k";

/// The identities at `keys` with one statement, by key; a key whose team is not registered is
/// left out.
async fn read_identities(
    pool: Pool,
    keys: Vec<Key>,
) -> Result<HashMap<Key, (Team, Option<Member>)>, StoreError> {
    let sql = |keys: &str| {
        format!(
            "SELECT k.n, t.id, t.platform, t.external_id, t.name, t.time_zone, t.language,
                    {JOINED_MEMBER}
             FROM {keys}
             JOIN teams t ON t.platform = k.platform AND t.external_id = k.team
             LEFT JOIN members m ON m.team_id = t.id AND m.user_id = k.user_id"
        )
    };
    let column = |at: fn(&Key) -> &str| keys.iter().map(at).collect::<Vec<&str>>();
    match &pool {
        Pool::Postgres(pool) => {
            let rows = sqlx::query(AssertSqlSafe(sql(PG_KEYS)))
                .bind(column(|(platform, ..)| platform.as_str()))
                .bind(column(|(_, team, _)| team))
                .bind(column(|(.., user)| user))
                .fetch_all(pool)
                .await?;
            identities_at(&rows, &keys)
        }
        Pool::Sqlite(pool) => {
            let triples: Vec<[&str; 3]> = keys
                .iter()
                .map(|(platform, team, user)| [platform.as_str(), team, user])
                .collect();
            let json = serde_json::to_string(&triples).unwrap_or_default();
            let rows = sqlx::query(AssertSqlSafe(sql(SQLITE_KEYS)))
                .bind(json)
                .fetch_all(pool)
                .await?;
            identities_at(&rows, &keys)
        }
    }
}

/// The identity of each row, by the key it names (`n`, counting from 1).
fn identities_at(
    rows: &[impl RowExt],
    keys: &[Key],
) -> Result<HashMap<Key, (Team, Option<Member>)>, StoreError> {
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let at = usize::try_from(row.int("n")? - 1).ok();
        if let Some(key) = at.and_then(|at| keys.get(at)) {
            found.insert(key.clone(), identity_from(row)?);
        }
    }
    Ok(found)
}

/// A team and, when the join found one, its member.
fn identity_from(row: &impl RowExt) -> Result<(Team, Option<Member>), StoreError> {
    let member = match row.opt_int("m_id")? {
        Some(_) => Some(member_named(row, &JOINED_MEMBER_NAMES)?),
        None => None,
    };
    Ok((team_from(row)?, member))
}
