//! Rows that come from answers, written in the answer's transaction: the resolutions of a
//! resolutions list, the milestone of a milestone question, and resolution follow-ups.

/// Replaces the resolutions that came from answer `$answer_id` with `$items`, inside `$tx`.
macro_rules! replace_resolutions {
    ($tx:expr, $member:expr, $answer_id:expr, $visibility:expr, $items:expr, $now:expr) => {
        async {
            sqlx::query("DELETE FROM resolutions WHERE answer_id = $1")
                .bind($answer_id)
                .execute(&mut *$tx)
                .await?;
            let insert = "INSERT INTO resolutions (member_id, answer_id, position, text,
                    visibility, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $6)";
            for (position, item) in $items.iter().enumerate() {
                sqlx::query(insert)
                    .bind($member)
                    .bind($answer_id)
                    .bind(i32::try_from(position).unwrap_or(i32::MAX))
                    .bind(item)
                    .bind($visibility)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Replaces the follow-up of `$f.resolution` in `$f.round` and sets its status, inside `$tx`.
macro_rules! write_follow_up {
    ($tx:expr, $member:expr, $f:expr, $now:expr) => {
        async {
            let owned = "UPDATE resolutions SET status = $3, updated_at = $4
                         WHERE id = $1 AND member_id = $2";
            let touched = sqlx::query(owned)
                .bind($f.resolution.0)
                .bind($member.0)
                .bind($f.status.as_str())
                .bind($now)
                .execute(&mut *$tx)
                .await?
                .rows_affected();
            if touched == 0 {
                return Ok::<(), sqlx::Error>(());
            }
            sqlx::query(
                "DELETE FROM resolution_followups WHERE resolution_id = $1 AND round_id = $2",
            )
            .bind($f.resolution.0)
            .bind($f.round.0)
            .execute(&mut *$tx)
            .await?;
            let insert = "INSERT INTO resolution_followups (resolution_id, round_id, status, note,
                              created_at) VALUES ($1, $2, $3, $4, $5)";
            sqlx::query(insert)
                .bind($f.resolution.0)
                .bind($f.round.0)
                .bind($f.status.as_str())
                .bind(&$f.note)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Makes answer `$answer_id` the member's private milestone on `$date` with `$text`, or updates
/// the one it already made (its date and text; who may see it stays as its author set it).
macro_rules! upsert_milestone {
    ($tx:expr, $member:expr, $answer_id:expr, $date:expr, $text:expr, $now:expr) => {
        async {
            let upsert = "INSERT INTO milestones
                    (team_id, author_id, team_wide, on_date, text, visibility, answer_id, created_at)
                SELECT team_id, id, FALSE, $2, $3, 'private', $4, $5 FROM members WHERE id = $1
                ON CONFLICT (answer_id) DO UPDATE SET on_date = excluded.on_date,
                    text = excluded.text";
            sqlx::query(upsert)
                .bind($member)
                .bind($date)
                .bind($text)
                .bind($answer_id)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            Ok::<(), sqlx::Error>(())
        }
    };
}
