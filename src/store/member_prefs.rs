//! A member's scheduling preferences: their time zone and pause.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_pool};
use crate::domain::ids::MemberId;
use crate::domain::zone::ZoneName;

impl Store {
    /// Sets (or clears) a member's own time zone.
    pub async fn set_member_time_zone(
        &self,
        member: MemberId,
        zone: Option<ZoneName>,
    ) -> Result<(), StoreError> {
        let zone = zone.map(|z| z.to_string());
        on_pool!(self, |pool| {
            sqlx::query("UPDATE members SET time_zone = $2 WHERE id = $1")
                .bind(member.0)
                .bind(&zone)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Pauses a member until an instant (`None` resumes them).
    pub async fn set_member_paused_until(
        &self,
        member: MemberId,
        until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("UPDATE members SET paused_until = $2 WHERE id = $1")
                .bind(member.0)
                .bind(until)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }
}
