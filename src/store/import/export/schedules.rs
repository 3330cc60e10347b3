//! A team's schedules with their participants, for the team export.

use std::collections::HashMap;

use crate::domain::import::dataset::{ParticipantRecord, ScheduleRecord};
use crate::store::rows::RowExt;
use crate::store::{Store, StoreError, on_pool};

impl Store {
    /// The team's schedules by name; `templates` maps template row ids to dataset positions.
    pub(super) async fn schedule_records(
        &self,
        team: i64,
        templates: &HashMap<i64, usize>,
    ) -> Result<Vec<ScheduleRecord>, StoreError> {
        let sql = "SELECT id, name, template_id, cron, time_zone, channel_id, digest_channel_id,
                       digest_group, window_secs, reminder_percent, grace_secs, state, next_local,
                       next_due_at, created_at
                   FROM schedules WHERE team_id = $1 ORDER BY name";
        let participants = "SELECT p.schedule_id, m.user_id, p.added_at
                            FROM schedule_participants p JOIN members m ON m.id = p.member_id
                            WHERE m.team_id = $1 ORDER BY m.user_id";
        let mut out = Vec::new();
        let mut by_id = HashMap::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql).bind(team).fetch_all(pool).await? {
                by_id.insert(row.int("id")?, out.len());
                out.push(ScheduleRecord {
                    name: row.text("name")?,
                    template: templates[&row.int("template_id")?],
                    cron: row.text("cron")?,
                    time_zone: row.opt_zone("time_zone")?,
                    channel_id: row.opt_text("channel_id")?,
                    digest_channel_id: row.opt_text("digest_channel_id")?,
                    digest_group: row.word("digest_group")?,
                    window_secs: row.int("window_secs")?,
                    reminder_percent: i16::try_from(row.int("reminder_percent")?).unwrap_or(0),
                    grace_secs: row.int("grace_secs")?,
                    state: row.word("state")?,
                    next_local: row.opt_local("next_local")?,
                    next_due_at: row.opt_instant("next_due_at")?,
                    created_at: row.instant("created_at")?,
                    participants: Vec::new(),
                });
            }
            for row in sqlx::query(participants).bind(team).fetch_all(pool).await? {
                if let Some(&schedule) = by_id.get(&row.int("schedule_id")?) {
                    out[schedule].participants.push(ParticipantRecord {
                        member: row.text("user_id")?,
                        added_at: row.instant("added_at")?,
                    });
                }
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }
}
