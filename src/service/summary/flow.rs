//! Writing the summary for one recap: the gates (operator endpoint, team opt-in), the items the
//! reader may see, the cache, the team's hourly count, the call within the timeout and the
//! check; every way it can fail ends in a one-line notice above the recap instead.

use tokio::time::Instant;

use super::client::{CallError, Endpoint};
use super::render::{Writer, section};
use super::request;
use crate::domain::ids::MemberId;
use crate::domain::lang::Lang;
use crate::domain::recap::{Recap, Scope};
use crate::domain::summary::{Checked, Failure, SummaryInput, check, select};
use crate::domain::team::{Member, Team};
use crate::service::Service;
use crate::service::i18n::t;
use crate::store::SummaryRecord;

/// What goes above the recap: the written summary, or a one-line notice saying why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryPart {
    /// The checked summary with its sources (Markdown).
    Written(String),
    /// Why there is no summary this time (one Markdown line).
    Notice(String),
}

impl SummaryPart {
    /// The Markdown to put above the recap.
    pub fn markdown(&self) -> &str {
        match self {
            SummaryPart::Written(text) | SummaryPart::Notice(text) => text,
        }
    }
}

fn notice(lang: Lang, id: &str, args: &[(&str, &str)]) -> SummaryPart {
    SummaryPart::Notice(t(lang, &format!("summary.{id}"), args))
}

fn counted(outcome: &'static str) {
    metrics::counter!("hoego_summary_requests_total", "outcome" => outcome).increment(1);
}

impl Service {
    /// The summary of `recap` for `team` (`own`: the member whose own recap it is), or the
    /// notice that replaces it. `turn_on` is the command that turns summaries on, as the reader
    /// types it.
    pub async fn summary_part(
        &self,
        team: &Team,
        own: Option<&Member>,
        recap: &Recap,
        turn_on: &str,
    ) -> SummaryPart {
        let lang = recap.lang;
        let Some(endpoint) = self.summaries.endpoint.clone() else {
            counted("not_configured");
            return notice(lang, "not_configured", &[]);
        };
        match self.store.summary_opt_in(team.id).await {
            Ok(Some(_)) => {}
            Ok(None) => {
                counted("team_off");
                return notice(lang, "team_off", &[("command", turn_on)]);
            }
            Err(error) => {
                tracing::warn!(error = %error, "summary opt-in not read");
                return notice(lang, "unreachable", &[]);
            }
        }
        let input = select(recap, endpoint.max_request_chars);
        if input.items.is_empty() {
            counted("nothing");
            return notice(lang, "nothing", &[]);
        }
        let body = request::body(&endpoint.model, &input);
        let hash = request::input_hash(&endpoint.shown(), &body);
        let writer = Writer {
            model: &endpoint.model,
            endpoint: &endpoint.shown(),
        };
        if let Some(checked) = self.cached_summary(team, &hash).await {
            counted("cached");
            return SummaryPart::Written(section(&input, &checked, &writer));
        }
        let per_hour = endpoint.per_team_per_hour;
        let counted_in = self
            .store
            .count_summary_request(team.id, per_hour, self.clock.now());
        if !counted_in.await.unwrap_or_else(|error| {
            // A summary is worth less than the recap it sits on: ask the model rather than fail.
            tracing::warn!(error = %error, "summary request not counted");
            true
        }) {
            counted("team_limit");
            let limit = endpoint.per_team_per_hour.to_string();
            return notice(lang, "too_often", &[("limit", &limit)]);
        }
        let checked = match ask(&endpoint, &body, &input).await {
            Ok(checked) => checked,
            Err(part) => return part,
        };
        self.keep_summary(team, own, recap.scope, &input, &hash, &checked)
            .await;
        SummaryPart::Written(section(&input, &checked, &writer))
    }

    async fn cached_summary(&self, team: &Team, hash: &str) -> Option<Checked> {
        let body = match self.store.cached_summary(team.id, hash).await {
            Ok(body) => body?,
            Err(error) => {
                tracing::warn!(error = %error, "cached summary not read");
                return None;
            }
        };
        serde_json::from_str(&body).ok()
    }

    /// Caches a checked summary with the members it cites.
    async fn keep_summary(
        &self,
        team: &Team,
        own: Option<&Member>,
        scope: Scope,
        input: &SummaryInput,
        hash: &str,
        checked: &Checked,
    ) {
        let items = checked.sentences().flat_map(|s| &s.cites);
        let items: Vec<_> = items.filter_map(|id| input.item(id)).collect();
        let mut cites: Vec<MemberId> = Vec::new();
        match (scope, own) {
            (Scope::Me, Some(member)) => cites.push(member.id),
            _ => {
                let mut names: Vec<&str> =
                    items.iter().filter_map(|i| i.author.as_deref()).collect();
                names.sort_unstable();
                names.dedup();
                for name in names {
                    match self.store.members_named(team.id, name).await {
                        Ok(ids) => cites.extend(ids),
                        // Not cached when its authors cannot be recorded: forget-me must find it.
                        Err(error) => return tracing::warn!(error = %error, "summary not cached"),
                    }
                }
            }
        }
        let record = SummaryRecord {
            team: team.id,
            input_hash: hash.to_string(),
            body: serde_json::to_string(checked).expect("a checked summary serializes"),
            cites,
            cites_anonymous: items.iter().any(|item| item.anonymous),
        };
        if let Err(error) = self.store.keep_summary(&record, self.clock.now()).await {
            tracing::warn!(error = %error, "summary not cached");
        }
    }
}

/// Asks the endpoint within its timeout and checks the reply.
async fn ask(
    endpoint: &Endpoint,
    body: &serde_json::Value,
    input: &SummaryInput,
) -> Result<Checked, SummaryPart> {
    let lang = input.lang;
    let deadline = Instant::now() + endpoint.timeout;
    let completion = endpoint.complete(body, deadline).await.map_err(|error| {
        tracing::warn!(error = %error, "summary not written");
        match error {
            CallError::Timeout => {
                counted("timeout");
                let seconds = endpoint.timeout.as_secs().to_string();
                notice(lang, "timed_out", &[("seconds", &seconds)])
            }
            CallError::RateLimited => {
                counted("rate_limited");
                notice(lang, "busy", &[])
            }
            CallError::Status(_) | CallError::Transport(_) | CallError::NotCompletion(_) => {
                counted("unreachable");
                notice(lang, "unreachable", &[])
            }
        }
    })?;
    metrics::counter!("hoego_summary_tokens_total", "kind" => "prompt")
        .increment(completion.prompt_tokens);
    metrics::counter!("hoego_summary_tokens_total", "kind" => "completion")
        .increment(completion.completion_tokens);
    let checked = check(input, &completion.content, &numerals(lang));
    let dropped = match &checked {
        Ok(checked) => checked.dropped,
        Err(Failure::AllDropped(dropped)) => *dropped,
        Err(_) => Default::default(),
    };
    for (reason, count) in [
        ("uncited", dropped.uncited),
        ("unknown", dropped.unknown),
        ("numbers", dropped.numbers),
        ("other", dropped.other),
    ] {
        metrics::counter!("hoego_summary_sentences_dropped_total", "reason" => reason)
            .increment(count as u64);
    }
    checked
        .map_err(|failure| {
            let id = match failure {
                Failure::Malformed(problem) => {
                    tracing::warn!(%problem, "summary reply malformed");
                    "malformed"
                }
                Failure::WrongLanguage => "wrong_language",
                Failure::AllDropped(_) => "all_dropped",
            };
            counted(id);
            notice(lang, id, &[])
        })
        .inspect(|_| counted("written"))
}

/// The number words of `lang` (`summary.numerals`: `value=word` pairs).
pub fn numerals(lang: Lang) -> Vec<(String, u32)> {
    let words = t(lang, "summary.numerals", &[]);
    words
        .split_whitespace()
        .filter_map(|pair| {
            let (value, word) = pair.split_once('=')?;
            Some((word.to_lowercase(), value.parse().ok()?))
        })
        .collect()
}
