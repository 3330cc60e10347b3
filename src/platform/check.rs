//! One line of `hoego doctor`: what was checked, whether it passed, what was found, and what to
//! do about it; and the one check every platform shares, the clock against the `Date` header of
//! the platform's answer.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

/// How far this machine's clock may be from the platform's before it counts as wrong (on top of
/// the `Date` header's one-second steps and half the request's round trip).
pub const CLOCK_TOLERANCE_SECS: i64 = 5;

/// Whether a check passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It works.
    Ok,
    /// It does not: the line says what to do.
    Fail,
    /// Not checked (it does not apply, or something it depends on failed).
    Skip,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// What was checked, e.g. `slack scopes`.
    pub name: String,
    /// Whether it passed.
    pub status: Status,
    /// What was found.
    pub detail: String,
    /// What to do when it failed.
    pub fix: Option<String>,
}

impl Check {
    /// A check that passed.
    pub fn ok(name: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
        }
    }

    /// A check that failed, with what to do.
    pub fn fail(
        name: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Check {
        Check {
            name: name.into(),
            status: Status::Fail,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    /// A check that was not made, and why.
    pub fn skip(name: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            status: Status::Skip,
            detail: detail.into(),
            fix: None,
        }
    }

    /// Whether it failed.
    pub fn failed(&self) -> bool {
        self.status == Status::Fail
    }
}

/// A channel schedules post in, as the doctor asks a platform to check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelUse {
    /// The platform's channel id.
    pub channel_id: String,
    /// The schedules that post there, by name.
    pub schedules: Vec<String>,
}

impl ChannelUse {
    /// `schedule weekly` or `schedules weekly, kpt`.
    pub fn schedules_phrase(&self) -> String {
        let noun = if self.schedules.len() == 1 {
            "schedule"
        } else {
            "schedules"
        };
        format!("{noun} {}", self.schedules.join(", "))
    }
}

/// An error with its causes, `a: b: c`, leaving out a cause its effect already quotes.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        if !text.contains(&said) {
            text.push_str(&format!(": {said}"));
        }
        cause = inner.source();
    }
    text
}

/// Compares this machine's clock with `platform`'s, read from the `Date` header of an answer to
/// a request sent at `sent` and answered at `received` (both by this machine's clock).
pub fn clock_check(
    platform: &str,
    date: Option<&str>,
    sent: DateTime<Utc>,
    received: DateTime<Utc>,
) -> Check {
    let name = format!("{} clock", platform.to_lowercase());
    let Some(theirs) = date.and_then(|d| DateTime::parse_from_rfc2822(d).ok()) else {
        return Check::skip(
            name,
            format!("{platform} sent no Date header to compare with"),
        );
    };
    let round_trip = received - sent;
    let ours = sent + round_trip / 2;
    let skew = theirs.with_timezone(&Utc) - ours;
    let allowed = TimeDelta::seconds(CLOCK_TOLERANCE_SECS + 1) + round_trip / 2;
    if skew.abs() <= allowed {
        return Check::ok(
            name,
            format!("in step with {platform} (within {CLOCK_TOLERANCE_SECS} s)"),
        );
    }
    let direction = if skew > TimeDelta::zero() {
        "behind"
    } else {
        "ahead of"
    };
    Check::fail(
        name,
        format!(
            "this machine's clock is {} {direction} {platform}'s",
            span(skew.abs())
        ),
        "turn on time synchronisation (e.g. `timedatectl set-ntp true`, or chrony): prompts fire by this clock, and Slack refuses signed requests more than 5 minutes off",
    )
}

/// `3 min 12 s`, `40 s`, `2 h 5 min`.
fn span(delta: TimeDelta) -> String {
    let seconds = delta.num_seconds();
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn a_date_within_the_tolerance_passes_and_one_far_off_fails_saying_which_way() {
        let sent = at("2026-12-01T10:00:00Z");
        let received = at("2026-12-01T10:00:01Z");
        let near = clock_check(
            "Slack",
            Some("Tue, 01 Dec 2026 10:00:04 GMT"),
            sent,
            received,
        );
        assert_eq!(near.status, Status::Ok, "{near:?}");

        let later = clock_check(
            "Slack",
            Some("Tue, 01 Dec 2026 10:10:00 GMT"),
            sent,
            received,
        );
        assert!(later.failed());
        assert!(
            later.detail.contains("9 min 59 s behind Slack's"),
            "{later:?}"
        );

        let earlier = clock_check(
            "Discord",
            Some("Tue, 01 Dec 2026 09:59:40 GMT"),
            sent,
            received,
        );
        assert!(earlier.failed());
        assert!(
            earlier.detail.contains("20 s ahead of Discord's"),
            "{earlier:?}"
        );
        assert!(earlier.fix.unwrap().contains("time synchronisation"));
    }

    #[test]
    fn no_date_header_is_a_skipped_check_not_a_pass() {
        let now = at("2026-12-01T10:00:00Z");
        let check = clock_check("Discord", None, now, now);
        assert_eq!(check.status, Status::Skip);
        assert_eq!(check.name, "discord clock");
    }
}
