//! Reading the values inside commands: durations, dates, cron expressions, mentions, and the
//! nearest-match suggestions for misspelt words.

use std::time::Duration;

use chrono::NaiveDate;

use super::{ChannelRef, CommandError, Remind, UserRef};

/// The longest duration accepted anywhere (a year), so arithmetic never overflows.
const MAX_DURATION: Duration = Duration::from_secs(366 * 24 * 3600);

/// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost one.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The candidate closest to `word` (at most two edits away, and fewer edits than `word` has
/// characters); failing that, the only candidate that starts with `word` (4 characters or more).
pub(super) fn nearest(word: &str, candidates: &[&'static str]) -> Option<&'static str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    let close = candidates
        .iter()
        .map(|&candidate| (edit_distance(&word, candidate), candidate))
        .filter(|&(distance, _)| distance <= 2 && distance < length)
        .min_by_key(|&(distance, _)| distance);
    if let Some((_, candidate)) = close {
        return Some(candidate);
    }
    let mut prefixed = candidates.iter().filter(|c| c.starts_with(&word));
    match (prefixed.next(), prefixed.next()) {
        (Some(&only), None) if length >= 4 => Some(only),
        _ => None,
    }
}

/// Reads a duration such as `2d`, `36h`, `90m`, `1w` or `1d12h`.
pub(super) fn duration(text: &str) -> Option<Duration> {
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit: u64 = match c {
            'w' => 7 * 24 * 3600,
            'd' => 24 * 3600,
            'h' => 3600,
            'm' => 60,
            _ => return None,
        };
        let amount: u64 = number.parse().ok()?;
        total = total.checked_add(amount.checked_mul(unit)?)?;
        number.clear();
    }
    let total = Duration::from_secs(total);
    let valid = number.is_empty() && !total.is_zero() && total <= MAX_DURATION;
    valid.then_some(total)
}

/// Reads a reminder: a duration before the close (`2h`) or a percentage of the window (`75%`).
pub(super) fn remind(text: &str) -> Option<Remind> {
    match text.strip_suffix('%') {
        Some(percent) => match percent.trim().parse::<u8>() {
            Ok(p @ 1..=99) => Some(Remind::AtPercent(p)),
            _ => None,
        },
        None => duration(text).map(Remind::BeforeClose),
    }
}

/// Reads a `YYYY-MM-DD` date.
pub(super) fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Reads a whole number from `min` to `max`.
pub(super) fn number_in(
    text: &str,
    topic: &'static str,
    option: &'static str,
    (min, max): (u32, u32),
) -> Result<u32, CommandError> {
    match text.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(CommandError::InvalidNumber {
            topic,
            option,
            value: text.to_string(),
            min,
            max,
        }),
    }
}

/// Checks the shape of a cron expression: an `@` macro such as `@daily`, or 5 to 7 fields.
pub(super) fn cron(text: &str, topic: &'static str) -> Result<String, CommandError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let fields = text.split(' ').filter(|f| !f.is_empty()).count();
    if (text.starts_with('@') && fields == 1) || (5..=7).contains(&fields) {
        return Ok(text);
    }
    Err(CommandError::InvalidCron {
        topic,
        value: text,
        fields,
    })
}

/// Whether an unquoted word can be a field of a cron expression (`0`, `*/15`, `MON-FRI`, `L`…).
pub(super) fn looks_like_cron_field(word: &str) -> bool {
    let upper = word.to_uppercase();
    let names = [
        "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
        "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    upper.split([',', '-', '/', '#']).all(|part| {
        part.is_empty()
            || names.contains(&part)
            || part
                .chars()
                .all(|c| c.is_ascii_digit() || "*?LW".contains(c))
    })
}

/// Reads a channel: a Slack `<#C0123|name>` or Discord `<#81234>` mention, `#name` or `name`.
pub(super) fn channel(text: &str) -> ChannelRef {
    if let Some(inner) = text.strip_prefix("<#").and_then(|t| t.strip_suffix('>')) {
        let id = inner.split('|').next().unwrap_or(inner);
        return ChannelRef::Id(id.to_string());
    }
    ChannelRef::Name(text.trim_start_matches('#').to_string())
}

/// Reads a person: a Slack `<@U0123|name>` or Discord `<@81234>`/`<@!81234>` mention, a bare
/// id (Discord digits, or Slack's `U…`/`W…` upper-case ids), or a name with or without `@`.
pub(super) fn user(text: &str) -> UserRef {
    if let Some(inner) = text.strip_prefix("<@").and_then(|t| t.strip_suffix('>')) {
        let (id, name) = inner.split_once('|').unwrap_or((inner, ""));
        let id = id.trim_start_matches('!').to_string();
        return match name.trim() {
            "" => UserRef::Id(id),
            name => UserRef::Person {
                id,
                name: name.to_string(),
            },
        };
    }
    let all_digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    let slack_id = text.len() >= 9
        && text.starts_with(['U', 'W'])
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if all_digits || slack_id {
        UserRef::Id(text.to_string())
    } else {
        UserRef::Name(text.trim_start_matches('@').to_string())
    }
}
