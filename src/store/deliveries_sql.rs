//! The sender's statements: claiming with a lease, marking reminders, reading what a prompt
//! needs, and recording sent prompts. Batches of ids travel as one JSON array parameter.
//! Only the ways of reading that array and of skipping rows locked by another sender differ.

use super::Dialect;

/// One statement in both dialects: the same text around a dialect-specific middle.
macro_rules! by_dialect {
    ($dialect:expr, $before:literal, pg: $pg:literal, sqlite: $sqlite:literal, $after:literal) => {
        match $dialect {
            Dialect::Postgres => concat!($before, $pg, $after),
            Dialect::Sqlite => concat!($before, $sqlite, $after),
        }
    };
}

/// Picks up to `$2` due pending deliveries at `$1`, in turns between teams (every team's
/// earliest, then every team's second, ...), with when a send of each began and was never
/// settled (its sender may have posted the prompt and died before recording it); PostgreSQL
/// locks them and skips rows another sender is claiming right now.
pub(super) fn pick(dialect: Dialect) -> &'static str {
    by_dialect!(
        dialect,
        "SELECT id, sending_at FROM (
           SELECT ready.id, ready.next_attempt_at, ready.sending_at,
                  ROW_NUMBER() OVER (PARTITION BY ready.team_id
                                     ORDER BY ready.next_attempt_at, ready.id) AS turn
           FROM (SELECT d.id, d.next_attempt_at, d.sending_at, r.team_id
                 FROM deliveries d JOIN rounds r ON r.id = d.round_id
                 WHERE d.status = 'pending' AND d.due_at <= $1 AND d.next_attempt_at <= $1
                   AND (d.lease_until IS NULL OR d.lease_until < $1)",
        pg: " FOR UPDATE OF d SKIP LOCKED",
        sqlite: "",
        ") AS ready) AS ranked
         ORDER BY turn, next_attempt_at, id LIMIT $2"
    )
}

/// Leases a JSON array `$1` of picked delivery ids until `$2` to the sender `$3`.
pub(super) fn lease(dialect: Dialect) -> &'static str {
    by_dialect!(
        dialect,
        "UPDATE deliveries SET lease_until = $2, leased_by = $3 WHERE id IN ",
        pg: "(SELECT value::bigint FROM json_array_elements_text($1::json))",
        sqlite: "(SELECT value FROM json_each($1))",
        ""
    )
}

/// Marks (`$2` = the marking instant) up to `$3` sent deliveries whose reminder is due at `$1`
/// as reminded — once, ever — and returns them.
pub(super) fn claim_reminders(dialect: Dialect) -> &'static str {
    by_dialect!(
        dialect,
        "UPDATE deliveries SET reminded_at = $2
         WHERE id IN (SELECT d.id FROM deliveries d JOIN members m ON m.id = d.member_id
                      WHERE d.status = 'sent' AND d.reminded_at IS NULL AND d.remind_at <= $1
                        AND d.closes_at > $1
                        AND (m.paused_until IS NULL OR m.paused_until <= $1)
                      ORDER BY d.remind_at, d.id LIMIT $3",
        pg: " FOR UPDATE OF d SKIP LOCKED",
        sqlite: "",
        ") RETURNING id"
    )
}

/// Everything a prompt or reminder needs about a JSON array of delivery ids.
pub(super) fn details(dialect: Dialect) -> &'static str {
    by_dialect!(
        dialect,
        "SELECT d.id, d.round_id, d.member_id, d.attempts, d.due_at, d.closes_at, d.platform_channel_id,
                d.platform_message_id, m.user_id, m.dm_channel_id, m.language, m.delivery,
                m.time_zone AS member_zone, t.time_zone AS team_zone,
                t.id AS team_id, t.name AS team_name, s.name AS schedule_name, s.channel_id,
                tp.id AS template_id, tp.key AS template_key, tp.source AS template_source,
                r.occurrence_local
         FROM deliveries d
         JOIN members m ON m.id = d.member_id
         JOIN rounds r ON r.id = d.round_id
         JOIN teams t ON t.id = r.team_id
         JOIN templates tp ON tp.id = r.template_id
         LEFT JOIN schedules s ON s.id = r.schedule_id
         WHERE d.id IN ",
        pg: "(SELECT value::bigint FROM json_array_elements_text($1::json))",
        sqlite: "(SELECT value FROM json_each($1))",
        " ORDER BY d.id"
    )
}

/// Records a JSON batch of sent prompts `[{id, channel_id, message_id}]` (only still-pending
/// deliveries), settling their sends and ending their leases.
pub(super) fn record_sent(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "UPDATE deliveries d SET status = 'sent', sent_at = $2, platform_channel_id = x.channel_id,
                    platform_message_id = x.message_id, lease_until = NULL, leased_by = NULL,
                    sending_at = NULL
             FROM json_to_recordset($1::json) AS x(id bigint, channel_id text, message_id text)
             WHERE d.id = x.id AND d.status = 'pending'"
        }
        Dialect::Sqlite => {
            "UPDATE deliveries SET status = 'sent', sent_at = $2,
                    platform_channel_id = json_extract(j.value, '$.channel_id'),
                    platform_message_id = json_extract(j.value, '$.message_id'), lease_until = NULL,
                    leased_by = NULL, sending_at = NULL
             FROM json_each($1) AS j
             WHERE deliveries.id = json_extract(j.value, '$.id') AND deliveries.status = 'pending'"
        }
    }
}

/// Caches the DM channels of a JSON batch `[{id, channel_id}]` of delivered DMs on their members.
pub(super) fn cache_dm_channels(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "UPDATE members m SET dm_channel_id = x.channel_id
             FROM json_to_recordset($1::json) AS x(id bigint, channel_id text)
             JOIN deliveries d ON d.id = x.id
             WHERE m.id = d.member_id AND m.dm_channel_id IS DISTINCT FROM x.channel_id"
        }
        Dialect::Sqlite => {
            "UPDATE members SET dm_channel_id = x.channel_id
             FROM (SELECT d.member_id, json_extract(j.value, '$.channel_id') AS channel_id
                   FROM json_each($1) AS j JOIN deliveries d ON d.id = json_extract(j.value, '$.id')) AS x
             WHERE members.id = x.member_id
               AND (members.dm_channel_id IS NULL OR members.dm_channel_id <> x.channel_id)"
        }
    }
}
