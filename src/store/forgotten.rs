//! Telling every process sharing the database that a person was forgotten, so each forgets what
//! it keeps of them in memory too: on PostgreSQL a `NOTIFY` on [`FORGOTTEN_CHANNEL`] that every
//! process `LISTEN`s to; SQLite has one process, so there is no one else to tell.

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;

use super::{Pool, Store, StoreError};

/// The PostgreSQL channel forget-me is announced on.
pub const FORGOTTEN_CHANNEL: &str = "hoego_forgotten";

/// A forgotten person, by the platform's ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forgotten {
    /// The team's id on the platform.
    pub team: String,
    /// The person's platform user id.
    pub user: String,
}

/// A connection listening for [`Forgotten`] announcements (PostgreSQL only).
pub struct ForgottenListener(PgListener);

impl Store {
    /// Tells every process listening that `forgotten` was forgotten (nothing on SQLite).
    pub async fn announce_forgotten(&self, forgotten: &Forgotten) -> Result<(), StoreError> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(());
        };
        let payload = serde_json::to_string(forgotten).map_err(|e| StoreError::Corrupt {
            column: "forgotten",
            problem: e.to_string(),
        })?;
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(FORGOTTEN_CHANNEL)
            .bind(payload)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// Starts listening for forget-me in other processes; `None` on SQLite (one process).
    pub async fn forgotten_listener(&self) -> Result<Option<ForgottenListener>, StoreError> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(None);
        };
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(FORGOTTEN_CHANNEL).await?;
        Ok(Some(ForgottenListener(listener)))
    }
}

impl ForgottenListener {
    /// The next person forgotten by any process (this one included). A lost connection is
    /// opened again by the next call; what was announced meanwhile is not received.
    pub async fn next(&mut self) -> Result<Forgotten, StoreError> {
        loop {
            let notification = self.0.recv().await?;
            match serde_json::from_str(notification.payload()) {
                Ok(forgotten) => return Ok(forgotten),
                Err(error) => {
                    tracing::warn!(%error, "unreadable forget-me announcement ignored");
                }
            }
        }
    }
}
