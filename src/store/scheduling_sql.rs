//! The scheduler tick's statements. Batches travel as one JSON array parameter, read by
//! `json_to_recordset` on PostgreSQL and `json_each` on SQLite, so a tick of a thousand due
//! schedules is a handful of statements rather than thousands.

use super::Dialect;

/// Claims due schedules; PostgreSQL locks them so replicas take disjoint sets.
pub(super) fn claim_due(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "SELECT s.id, s.team_id, s.template_id, s.cron, s.time_zone, t.time_zone AS team_zone,
                    s.window_secs, s.reminder_percent, s.grace_secs, s.next_local
             FROM schedules s JOIN teams t ON t.id = s.team_id
             WHERE s.state = 'active' AND s.next_due_at <= $1
             ORDER BY s.next_due_at LIMIT $2
             FOR UPDATE OF s SKIP LOCKED"
        }
        Dialect::Sqlite => {
            "SELECT s.id, s.team_id, s.template_id, s.cron, s.time_zone, t.time_zone AS team_zone,
                    s.window_secs, s.reminder_percent, s.grace_secs, s.next_local
             FROM schedules s JOIN teams t ON t.id = s.team_id
             WHERE s.state = 'active' AND s.next_due_at <= $1
             ORDER BY s.next_due_at LIMIT $2"
        }
    }
}

/// The participants of a JSON array of schedule ids.
pub(super) fn participants(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "SELECT sp.schedule_id, m.id AS member_id, m.time_zone, m.paused_until
             FROM schedule_participants sp JOIN members m ON m.id = sp.member_id
             WHERE sp.schedule_id IN (SELECT value::bigint FROM json_array_elements_text($1::json))
             ORDER BY sp.schedule_id, m.id"
        }
        Dialect::Sqlite => {
            "SELECT sp.schedule_id, m.id AS member_id, m.time_zone, m.paused_until
             FROM schedule_participants sp JOIN members m ON m.id = sp.member_id
             WHERE sp.schedule_id IN (SELECT value FROM json_each($1))
             ORDER BY sp.schedule_id, m.id"
        }
    }
}

/// Inserts a batch of rounds, skipping any that exist; returns the ones created.
pub(super) fn insert_rounds(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at,
                                 closes_at, status, closed_at, created_at)
             SELECT x.team_id, x.schedule_id, x.template_id, x.occurrence_local, x.due_at,
                    x.closes_at, x.status, CASE WHEN x.status = 'missed' THEN $2 END, $2
             FROM json_to_recordset($1::json) AS x(team_id bigint, schedule_id bigint,
                  template_id bigint, occurrence_local timestamp, due_at timestamptz,
                  closes_at timestamptz, status text)
             ON CONFLICT (schedule_id, occurrence_local) DO NOTHING
             RETURNING id, schedule_id, occurrence_local"
        }
        Dialect::Sqlite => {
            "INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at,
                                 closes_at, status, closed_at, created_at)
             SELECT json_extract(value, '$.team_id'), json_extract(value, '$.schedule_id'),
                    json_extract(value, '$.template_id'), json_extract(value, '$.occurrence_local'),
                    json_extract(value, '$.due_at'), json_extract(value, '$.closes_at'),
                    json_extract(value, '$.status'),
                    CASE WHEN json_extract(value, '$.status') = 'missed' THEN $2 END, $2
             FROM json_each($1) WHERE true
             ON CONFLICT (schedule_id, occurrence_local) DO NOTHING
             RETURNING id, schedule_id, occurrence_local"
        }
    }
}

/// Inserts a batch of deliveries, skipping any that exist.
pub(super) fn insert_deliveries(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, remind_at,
                                     next_attempt_at, finished_at)
             SELECT x.round_id, x.member_id, x.status, x.due_at, x.closes_at, x.remind_at,
                    x.due_at, CASE WHEN x.status = 'missed' THEN $2 END
             FROM json_to_recordset($1::json) AS x(round_id bigint, member_id bigint,
                  status text, due_at timestamptz, closes_at timestamptz, remind_at timestamptz)
             ON CONFLICT (round_id, member_id) DO NOTHING"
        }
        Dialect::Sqlite => {
            "INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, remind_at,
                                     next_attempt_at, finished_at)
             SELECT json_extract(value, '$.round_id'), json_extract(value, '$.member_id'),
                    json_extract(value, '$.status'), json_extract(value, '$.due_at'),
                    json_extract(value, '$.closes_at'), json_extract(value, '$.remind_at'),
                    json_extract(value, '$.due_at'),
                    CASE WHEN json_extract(value, '$.status') = 'missed' THEN $2 END
             FROM json_each($1) WHERE true
             ON CONFLICT (round_id, member_id) DO NOTHING"
        }
    }
}

/// Moves a batch of schedules to their next occurrence, only from the occurrence planned from.
pub(super) fn advance(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "UPDATE schedules s SET next_local = x.next_local, next_due_at = x.next_due_at
             FROM json_to_recordset($1::json) AS x(id bigint, from_local timestamp,
                  next_local timestamp, next_due_at timestamptz)
             WHERE s.id = x.id AND s.next_local = x.from_local"
        }
        Dialect::Sqlite => {
            "UPDATE schedules SET next_local = json_extract(j.value, '$.next_local'),
                                  next_due_at = json_extract(j.value, '$.next_due_at')
             FROM json_each($1) AS j
             WHERE schedules.id = json_extract(j.value, '$.id')
               AND schedules.next_local = json_extract(j.value, '$.from_local')"
        }
    }
}
