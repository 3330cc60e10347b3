//! `/hoego recap [period] [me|team] [public]` and `hoego recap`: reads the answers of a period
//! (privacy enforced by the store), compiles them with the pure [`recap::build`], and replies
//! with the Markdown, or a summary and the Markdown attached when it is too long for a message.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::Service;
use super::asker::Asker;
use super::command::RecapScope;
use super::error::ServiceError;
use super::questions::Questions;
use super::recap_then_now::Recalling;
use super::reply::Reply;
use super::syntax::Example;
use super::team_view::scoped;
use crate::domain::ids::{MemberId, RoundId, TemplateVersionId};
use crate::domain::lang::Lang;
use crate::domain::milestone::Reader;
use crate::domain::period::Period;
use crate::domain::recap::{
    self, FollowUp, ParticipationRow, Recap, RecapAnswer, RecapRequest, ResolutionArc, Scope,
};
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;
use crate::service::i18n::worded::Worded;

pub use super::recap_reply::{recap_reply, recap_reply_with, with_above};

/// What to compile: for whom, which period, in which language.
#[derive(Debug, Clone)]
pub struct RecapOrder {
    /// The team.
    pub team: Team,
    /// The member whose own recap it is (`Scope::Me`); ignored for the team.
    pub member: Option<Member>,
    /// Me or the team.
    pub scope: Scope,
    /// The period, in local dates.
    pub period: Period,
    /// The zone the period's dates are read in.
    pub zone: ZoneName,
    /// The reader's language.
    pub lang: Lang,
    /// Only answers shared with names (a personal recap posted publicly).
    pub shared_only: bool,
    /// Only the rounds of schedules whose digest channel this is (a team recap posted
    /// publicly there).
    pub digest_channel: Option<String>,
    /// Today, in `zone`.
    pub today: NaiveDate,
    /// At most this many condensed lines per question (and member) in each period.
    pub max_lines: usize,
}

impl Service {
    /// Answers `/hoego recap`.
    pub(crate) async fn recap(
        &self,
        asker: &Asker,
        period: &str,
        scope: RecapScope,
        public: bool,
        summary: bool,
    ) -> Result<Reply, ServiceError> {
        let today = asker.today(self.clock.now());
        let period = Period::parse(period, today)
            .map_err(|error| ServiceError::User(error.worded(asker.lang())))?;
        let digest_channel = match scope {
            RecapScope::Team => self.team_view_channel(asker, public).await?,
            RecapScope::Me => None,
        };
        self.count_heavy(asker)?;
        let order = RecapOrder {
            team: asker.team.clone(),
            member: Some(asker.member.clone()),
            scope: match scope {
                RecapScope::Me => Scope::Me,
                RecapScope::Team => Scope::Team,
            },
            period,
            zone: asker.zone(),
            lang: asker.lang(),
            shared_only: public,
            digest_channel,
            today,
            max_lines: RecapRequest::MAX_LINES,
        };
        let mut recap = self.compile_recap(&order).await?;
        let above = match summary {
            true => {
                let own = (order.scope == Scope::Me).then_some(&asker.member);
                let turn_on = asker.spell(Example::SummaryOn);
                let part = self.summary_part(&asker.team, own, &recap, &turn_on);
                Some(part.await.markdown().to_string())
            }
            false => None,
        };
        // After the summary was asked for: a letter is never sent to a summary's model.
        let period = &order.period;
        match order.scope {
            Scope::Me if !public => self.add_opened_letters(asker, period, &mut recap).await?,
            Scope::Me => {}
            Scope::Team => {
                let posted_in = order.digest_channel.as_deref();
                self.add_team_letters(asker, period, posted_in, &mut recap)
                    .await?;
            }
        }
        let limits = asker.limits;
        let reply = move || recap_reply_with(&recap, public, limits, above.as_deref());
        self.guard.run_heavy(reply).await
    }

    /// Counts a recap or export request of the asker, or refuses it when they asked too often.
    pub(crate) fn count_heavy(&self, asker: &Asker) -> Result<(), ServiceError> {
        let counted = self.guard.count_heavy(asker.member.id, self.clock.now());
        counted.map_err(|too| {
            let (limit, wait) = (too.per_minute.to_string(), too.wait_secs.to_string());
            let args = [("limit", limit.as_str()), ("seconds", wait.as_str())];
            ServiceError::User(asker.t("limits.too_often", &args))
        })
    }

    /// Reads and compiles a recap.
    pub async fn compile_recap(&self, order: &RecapOrder) -> Result<Recap, ServiceError> {
        let (from, to) = instants(&order.period, order.zone);
        let mut questions = Questions::new(&self.store, order.lang, &order.team.name);
        let member = match (order.scope, &order.member) {
            (Scope::Me, Some(member)) => Some(member),
            (Scope::Me, None) => {
                return Err(ServiceError::Internal(anyhow::anyhow!(
                    "no member to recap"
                )));
            }
            (Scope::Team, _) => None,
        };
        // The answers and the participation rows are read at once: one decodes while the
        // database executes the other.
        let answers = self.recap_answers(order, member, from, to, &mut questions);
        let rows = self.participation_rows(order, member, from, to);
        let ((mut answers, mut recalling), mut rows) = tokio::try_join!(answers, rows)?;
        let mut withheld = Vec::new();
        if order.scope == Scope::Team {
            let reader = order.member.as_ref();
            let channel = order.digest_channel.as_deref();
            let rounds = self.readable_rounds(&order.team, reader, channel, from, to);
            let rounds = rounds.await?;
            scoped(&mut answers, &mut rows, rounds.as_ref());
            (answers, withheld) = self.shown_to_team(answers, order.lang);
            recalling.retain(|r| r.author.is_some());
            recalling.retain(|r| rounds.as_ref().is_none_or(|set| set.contains(&r.round)));
        }
        let arcs = match member {
            Some(member) if !order.shared_only => self.arcs(member, order).await?,
            _ => Vec::new(),
        };
        let milestones = self.recap_milestones(order, member).await?;
        let request = RecapRequest {
            scope: order.scope,
            reader: member.map_or(Reader::Team, |m| Reader::Member(m.id)),
            subject: member.map_or(order.team.name.clone(), |m| m.display_name.clone()),
            period: order.period.clone(),
            words: super::i18n::recap_words::recap_words(order.lang),
            today: order.today,
            milestones,
            max_lines: order.max_lines,
        };
        let build = move || recap::build(&request, answers, &rows, arcs);
        let build = self.guard.run_heavy(build);
        // "Then vs now" and the team's plans are read while the recap is built.
        let then_now = self.then_now(order, recalling);
        let team_plans = async {
            match order.scope {
                Scope::Team => self.team_recap_plans(order).await,
                Scope::Me => Ok(None),
            }
        };
        let (mut recap, then_now, team_plans) = tokio::try_join!(build, then_now, team_plans)?;
        recap.withheld = withheld;
        recap.then_now = then_now;
        recap.team_plans = team_plans;
        if let Some(member) = member.filter(|_| !order.shared_only) {
            recap.plan = self.recap_plan(member, &order.period).await?;
            recap.next_plan = self.recap_next_plan(member, &order.period).await?;
        }
        Ok(recap)
    }

    /// Who was asked in which round of the period, and how it went.
    async fn participation_rows(
        &self,
        order: &RecapOrder,
        member: Option<&Member>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ParticipationRow>, ServiceError> {
        let outcomes = (self.store)
            .delivery_outcomes(order.team.id, member.map(|m| m.id), from, to)
            .await?;
        Ok(outcomes
            .into_iter()
            .map(|d| ParticipationRow {
                member: d.member_id.0,
                round: d.round_id.0,
                date: d.occurrence_local.date(),
                status: d.status,
            })
            .collect())
    }

    async fn recap_answers(
        &self,
        order: &RecapOrder,
        member: Option<&Member>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        questions: &mut Questions<'_>,
    ) -> Result<(Vec<RecapAnswer>, Vec<Recalling>), ServiceError> {
        let read: Vec<ReadAnswer> = match member {
            Some(member) => self
                .store
                .own_answers(member.id, from, to, order.shared_only)
                .await?
                .into_iter()
                .map(|a| ReadAnswer {
                    round: a.round_id,
                    template: a.template_id,
                    at: a.occurrence_local,
                    question_id: a.question_id,
                    value: a.value,
                    author: None,
                    author_id: Some(member.id),
                })
                .collect(),
            None => self
                .store
                .team_recap_answers(order.team.id, from, to)
                .await?
                .into_iter()
                // Anonymous answers of a round still open would show the moment they are given.
                .filter(|a| !(a.round_open && a.author.is_none()))
                .map(|a| ReadAnswer {
                    round: a.round_id,
                    template: a.template_id,
                    at: a.occurrence_local,
                    question_id: a.question_id,
                    value: a.value,
                    author: a.author,
                    author_id: a.author_id,
                })
                .collect(),
        };
        let mut out = Vec::with_capacity(read.len());
        let mut recalling = Vec::new();
        for a in read {
            let date = a.at.date();
            let info = questions.info(a.template, &a.question_id, date).await?;
            let recalls = info.recall.clone().zip(a.author_id);
            let mut pending =
                recalls.map(|(recall, member)| Recalling::new(&a, member, info, recall));
            out.push(RecapAnswer {
                round: a.round.0,
                date,
                template: info.template.clone(),
                question_id: a.question_id,
                position: info.position,
                milestone: info.milestone,
                label: info.label.clone(),
                kind: info.kind.clone(),
                value: a.value,
                author: a.author,
            });
            if let Some(mut r) = pending.take() {
                if let Some(other) = r.other_question() {
                    r.then_question = Some(
                        questions
                            .info(a.template, &other, date)
                            .await?
                            .label
                            .clone(),
                    );
                }
                recalling.push(r);
            }
        }
        Ok((out, recalling))
    }

    /// The member's resolutions that were alive during the period (set before its end).
    async fn arcs(
        &self,
        member: &Member,
        order: &RecapOrder,
    ) -> Result<Vec<ResolutionArc>, ServiceError> {
        let (zone, period) = (order.zone.tz(), &order.period);
        let local = |at: DateTime<Utc>| at.with_timezone(&zone).date_naive();
        let histories = self.store.resolution_histories(member.id).await?;
        Ok(histories
            .into_iter()
            .filter(|h| local(h.created_at) <= period.to)
            .map(|h| ResolutionArc {
                text: h.text,
                set_on: local(h.created_at),
                status: h.status,
                follow_ups: h
                    .follow_ups
                    .into_iter()
                    .map(|(at, status, note)| FollowUp {
                        date: local(at),
                        status,
                        note,
                    })
                    .collect(),
            })
            .collect())
    }
}

/// An answer as read for a recap.
pub(super) struct ReadAnswer {
    /// The round.
    pub(super) round: RoundId,
    /// The template version it asked.
    pub(super) template: TemplateVersionId,
    /// The round's occurrence, local wall-clock time.
    pub(super) at: NaiveDateTime,
    /// The question.
    pub(super) question_id: String,
    /// The stored text.
    pub(super) value: String,
    /// The author's name in a team's recap (`None` when anonymous, and in one's own).
    pub(super) author: Option<String>,
    /// The author, when the reader may know who it is (never for an anonymous answer).
    pub(super) author_id: Option<MemberId>,
}

/// Local midnight at the period's start and the day after its end, as instants.
pub fn instants(period: &Period, zone: ZoneName) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |date: NaiveDate| crate::domain::schedule::start_of_day(date, zone.tz());
    (at(period.from), at(period.end_exclusive()))
}
