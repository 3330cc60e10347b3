//! All of hoego's SQL, for PostgreSQL and SQLite behind one interface, [`Store`].
//!
//! Most statements are written once and run on both backends (`$1` placeholders work in both);
//! where the dialects differ, the statement says so with [`Dialect`].

mod answer_letters;
mod answer_writes;
mod answers;
mod batch_writes;
#[cfg(test)]
mod batch_writes_tests;
mod capsule_claims;
mod capsules;
mod closing;
mod columns;
mod connect;
mod decode;
mod deliveries;
mod deliveries_recheck;
mod deliveries_sql;
mod delivery_leases;
mod digest_data;
mod error;
mod forget;
mod forgotten;
mod form_drafts;
mod group_commit;
mod handled;
mod health;
mod identities;
mod import;
mod mandalarts;
mod member_data;
mod member_deliveries;
mod milestones;
mod pending_imports;
mod quota_writes;
mod read_batch;
#[cfg(test)]
mod read_batch_tests;
mod recalls;
mod recap_data;
mod resolutions;
mod round_views;
mod rounds;
mod rows;
mod schedule_admin;
mod schedules;
mod scheduling;
mod scheduling_batch;
mod scheduling_pg;
mod scheduling_sqlite;
mod send_pacing;
mod shard_leases;
mod shared_plans;
mod summaries;
mod team_letters;
mod team_mandalarts;
mod team_view;
mod teams;
mod tx;

use sqlx::{PgPool, SqlitePool};

pub use answer_letters::{AnswerLetter, LetterWrite};
pub use answers::{AnswerWrite, FollowUpWrite, RatingWrite, SavedAnswers, StoredAnswer};
pub use capsule_claims::{CAPSULE_ATTEMPTS, DueCapsule};
pub use capsules::{NewCapsule, StoredCapsule};
pub use decode::Unreadable;
pub use deliveries::{ClaimedDelivery, SentRecord};
pub use digest_data::DigestRound;
pub use error::StoreError;
pub use forget::ForgetCounts;
pub use forgotten::{FORGOTTEN_CHANNEL, Forgotten, ForgottenListener};
pub use form_drafts::{DRAFTS_PER_MEMBER, FormDraft};
pub use health::{MigrationStatus, ScheduleChannel};
pub use import::{ImportReport, ImportTeam};
pub use mandalarts::StoredMandalart;
pub use member_data::{AnswerRecord, HistoryRecord, MemberExport, ResolutionRecord};
pub use member_deliveries::DeliveryRound;
pub use milestones::{NewMilestone, StoredMilestone};
pub use pending_imports::PendingImport;
pub use quota_writes::Within;
pub use recalls::EarlierAnswer;
pub use recap_data::{DeliveryOutcome, OwnAnswer, ResolutionHistory};
pub use resolutions::{OpenResolution, ResolutionItem};
pub use round_views::{DeliveryView, RoundView};
pub use rounds::{NewDelivery, NewRound};
pub use schedule_admin::ScheduleSummary;
pub use schedules::NewSchedule;
pub use scheduling::{
    Advance, DueSchedule, DueTiming, Participant, PlannedDelivery, PlannedRound, Planner,
    TickReport,
};
pub use shard_leases::{LeaseTimes, ShardView};
pub use shared_plans::SharedGrid;
pub use summaries::SummaryRecord;
pub use team_letters::OpenedTeamLetter;
pub use team_mandalarts::StoredTeamGrid;
pub use team_view::TeamAnswer;

/// Which SQL backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// PostgreSQL: production, several replicas.
    Postgres,
    /// Embedded SQLite: one process, no server.
    Sqlite,
}

/// The database: every read and write hoego makes goes through here.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    /// The submissions' writers' own connections (see `connect::writers_pool`).
    writers: Pool,
    decode: std::sync::Arc<decode::Decoders>,
    known: std::sync::Arc<identities::Identities>,
    group: std::sync::Arc<group_commit::GroupCommit>,
    /// Reads gathered while one of their kind is in flight (see `read_batch`).
    batched: read_batch::Batched,
}

#[derive(Debug, Clone)]
enum Pool {
    Postgres(PgPool),
    Sqlite(SqlitePool),
}

/// Runs `$body` with `$pool` bound to the concrete pool, so one statement serves both backends
/// and is type-checked against each.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Postgres($pool) => $body,
            $crate::store::Pool::Sqlite($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Store {
    /// The backend in use.
    pub fn dialect(&self) -> Dialect {
        match self.pool {
            Pool::Postgres(_) => Dialect::Postgres,
            Pool::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Applies the embedded migrations; running it again changes nothing.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await?,
            Pool::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(pool).await?,
        }
        Ok(())
    }

    /// Checks the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await);
        match &self.writers {
            Pool::Postgres(writers) => writers.close().await,
            Pool::Sqlite(writers) => writers.close().await,
        }
    }
}
