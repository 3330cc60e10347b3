//! Forget-me: deleting a member and everything they wrote, in one transaction, counting what
//! each statement deleted.

use super::rows::BeginWrite;
use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::MemberId;

/// How many rows of each kind forget-me deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ForgetCounts {
    /// Answers.
    pub answers: u64,
    /// Earlier versions of answers.
    pub history: u64,
    /// Resolutions.
    pub resolutions: u64,
    /// Follow-ups of those resolutions.
    pub followups: u64,
    /// Prompts (deliveries).
    pub deliveries: u64,
    /// Schedule memberships.
    pub participations: u64,
    /// Cached summaries that cite them (or any anonymous answer of their team).
    pub summaries: u64,
    /// The member row with their settings (0 or 1).
    pub members: u64,
}

/// The statements of forget-me, children first, each bound to the member id.
const FORGET: [&str; 8] = [
    "DELETE FROM answer_history WHERE answer_id IN (SELECT a.id FROM answers a
       JOIN deliveries d ON d.id = a.delivery_id WHERE d.member_id = $1)",
    "DELETE FROM resolution_followups WHERE resolution_id IN
       (SELECT id FROM resolutions WHERE member_id = $1)",
    "DELETE FROM resolutions WHERE member_id = $1",
    "DELETE FROM answers WHERE delivery_id IN (SELECT id FROM deliveries WHERE member_id = $1)",
    "DELETE FROM deliveries WHERE member_id = $1",
    "DELETE FROM schedule_participants WHERE member_id = $1",
    // A summary citing an anonymous answer may cite theirs: its authors are not recorded.
    "DELETE FROM summaries WHERE id IN (SELECT summary_id FROM summary_members WHERE member_id = $1)
       OR (cites_anonymous = 1 AND team_id = (SELECT team_id FROM members WHERE id = $1))",
    "DELETE FROM members WHERE id = $1",
];

impl Store {
    /// How many answers and resolutions the member has (what forget-me would delete).
    pub async fn member_data_counts(&self, member: MemberId) -> Result<(u64, u64), StoreError> {
        let sql = "SELECT
              (SELECT COUNT(*) FROM answers a JOIN deliveries d ON d.id = a.delivery_id
               WHERE d.member_id = $1) AS answers,
              (SELECT COUNT(*) FROM resolutions WHERE member_id = $1) AS resolutions";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(member.0).fetch_one(pool).await?;
            let count = |column| row.int(column).map(|n| u64::try_from(n).unwrap_or(0));
            Ok((count("answers")?, count("resolutions")?))
        })
    }

    /// Deletes the member and everything they wrote, in one transaction.
    pub async fn forget_member(&self, member: MemberId) -> Result<ForgetCounts, StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut counts = [0u64; FORGET.len()];
            for (count, sql) in counts.iter_mut().zip(FORGET) {
                *count = sqlx::query(sql)
                    .bind(member.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            tx.commit().await?;
            self.known.forget();
            let [
                history,
                followups,
                resolutions,
                answers,
                deliveries,
                participations,
                summaries,
                members,
            ] = counts;
            Ok(ForgetCounts {
                answers,
                history,
                resolutions,
                followups,
                deliveries,
                participations,
                summaries,
                members,
            })
        })
    }
}
