//! What a letter looks like once it opens: its date as a letter is dated ([`long_day`]), the
//! message that sends it back ([`letter_message`]), its place in its author's own recap of the
//! period that holds its day, and in its author's export (sealed or opened).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::recap::{AuthorLines, Block, Line, Recap};
use crate::service::Service;
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::i18n::{catalog, t};
use crate::service::messenger::{Destination, Outgoing};
use crate::service::reply::Reply;
use crate::store::{DueCapsule, StoredCapsule};

impl Service {
    /// The asker's own letters that opened in `period`, after what happened in it, each under
    /// the day it was written (their own recap only: never a team view or a public post).
    pub(in crate::service) async fn add_opened_letters(
        &self,
        asker: &Asker,
        period: &Period,
        recap: &mut Recap,
    ) -> Result<(), ServiceError> {
        let range = (period.from, period.to);
        let now = self.clock.now();
        let letters = self
            .store
            .opened_capsules(asker.member.id, range, now)
            .await?;
        let lang = asker.lang();
        for letter in letters {
            let written = long_day(lang, letter.written_on);
            let day = long_day(lang, letter.open_on);
            let heading = t(
                lang,
                "capsule.recap_heading",
                &[("written", &written), ("day", &day)],
            );
            let line = Line {
                text: letter.text,
                count: 1,
                first: letter.open_on,
                last: letter.open_on,
            };
            recap.closing.push(Block {
                template: "capsule".into(),
                question_id: format!("capsule.{}", letter.id),
                heading,
                list: false,
                authors: vec![AuthorLines {
                    author: None,
                    lines: vec![line],
                    more: 0,
                }],
            });
        }
        Ok(())
    }
}

/// A day with its year, as a letter is dated: `31 Dec 2024`, `2024년 12월 31일`.
pub fn long_day(lang: Lang, day: NaiveDate) -> String {
    let months = catalog().get(lang, "date.months").unwrap_or_default();
    let month = months.split_whitespace().nth(day.month0() as usize);
    let month = month.map_or_else(|| day.month().to_string(), str::to_string);
    let (d, year) = (day.day().to_string(), day.year().to_string());
    t(
        lang,
        "capsule.day",
        &[("day", &d), ("month", &month), ("year", &year)],
    )
}

/// The message that opens a due letter: to its author by DM, or a team letter in its channel.
pub fn letter_message(due: &DueCapsule) -> Outgoing {
    let lang = due.lang;
    let letter = &due.letter;
    let written = long_day(lang, letter.written_on);
    let (to, heading) = match &due.channel {
        Some(channel) if letter.team_wide => (
            Destination::Channel {
                channel_id: channel.clone(),
                thread: None,
            },
            t(
                lang,
                "capsule.team_letter_title",
                &[("day", &written), ("name", &due.author_name)],
            ),
        ),
        _ => (
            Destination::Direct {
                user_id: due.user_id.clone(),
                dm_channel: due.dm_channel.clone(),
            },
            t(lang, "capsule.letter_title", &[("day", &written)]),
        ),
    };
    let text = format!("**{heading}**\n\n{}", letter.text);
    Outgoing {
        to,
        reply: Reply::text(lang, text),
        idempotency_key: format!("hoego-c{}", letter.id),
        mention: None,
    }
}

/// A letter in its author's export: when it opens and whether it is still sealed.
pub(in crate::service) fn export_markdown(
    asker: &Asker,
    letters: &[StoredCapsule],
    now: DateTime<Utc>,
) -> String {
    if letters.is_empty() {
        return String::new();
    }
    let lang = asker.lang();
    let mut out = format!("\n## {}\n", asker.t("capsule.export_heading", &[]));
    for letter in letters {
        let args = [
            ("written", letter.written_on.format("%Y-%m-%d").to_string()),
            ("day", letter.open_on.format("%Y-%m-%d").to_string()),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let id = if letter.opens_at > now {
            "capsule.export_sealed"
        } else {
            "capsule.export_opened"
        };
        let mut heading = t(lang, id, &args);
        if letter.team_wide {
            heading = format!("{heading} · {}", t(lang, "capsule.export_team", &[]));
        }
        out.push_str(&format!("\n### {heading}\n\n{}\n", letter.text));
    }
    out
}
