//! "Then vs now" in recaps: each answer to a question that recalls an earlier one, beside what
//! its author answered there — in one's own recap always (only answers shared with the team
//! when it is posted publicly), in a team's recap only when the earlier answer is shared with
//! the team by name and its round is one the reader may read there.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};

use super::Service;
use super::error::ServiceError;
use super::questions::QuestionInfo;
use super::recalls::RecallFrom;
use super::recap::{ReadAnswer, RecapOrder, instants};
use crate::domain::ids::{MemberId, RoundId, TeamId};
use crate::domain::recap::{Scope, ThenNow};
use crate::domain::template::Recall;
use crate::domain::visibility::Visibility;
use crate::store::EarlierAnswer;

/// How far before a recap's start a recalled round may lie: a year and half a year.
const LOOK_BACK: Duration = Duration::days(550);

/// An answer of the recap whose question recalls an earlier one.
pub(super) struct Recalling {
    /// Its round.
    pub(super) round: RoundId,
    /// Its author's name in a team's recap.
    pub(super) author: Option<String>,
    /// The recalled question's label, when it is another question.
    pub(super) then_question: Option<String>,
    member: MemberId,
    template: String,
    at: NaiveDateTime,
    question: String,
    question_id: String,
    recall: Recall,
    now: String,
}

impl Recalling {
    /// `answer` by `member`, whose question (`info`) recalls as `recall` says.
    pub(super) fn new(
        answer: &ReadAnswer,
        member: MemberId,
        info: &QuestionInfo,
        recall: Recall,
    ) -> Self {
        Recalling {
            round: answer.round,
            author: answer.author.clone(),
            then_question: None,
            member,
            template: info.template.clone(),
            at: answer.at,
            question: info.label.clone(),
            question_id: answer.question_id.clone(),
            recall,
            now: answer.value.clone(),
        }
    }

    /// Where its recall looks from.
    fn from(&self) -> RecallFrom<'_> {
        RecallFrom {
            member: self.member,
            template: &self.template,
            round: self.round,
            occurrence: self.at,
        }
    }

    /// The recalled question's id, when it is not the answer's own.
    pub(super) fn other_question(&self) -> Option<String> {
        let own = self.question_id.as_str();
        (self.recall.question.as_str() != own).then(|| self.recall.question.to_string())
    }
}

/// The rounds a team's reader may read, read once when first needed (`None` inside: all).
type Readable = Option<Option<HashSet<RoundId>>>;

/// The team's earlier answers by (template key, recalled question), then by member, read once
/// per pair when first needed: one query for all the members a team's recap recalls.
type TeamEarlier = HashMap<(String, String), HashMap<MemberId, Vec<EarlierAnswer>>>;

impl Service {
    /// Each recalling answer beside the earlier one, when there is one the reader may see.
    pub(super) async fn then_now(
        &self,
        order: &RecapOrder,
        recalling: Vec<Recalling>,
    ) -> Result<Vec<ThenNow>, ServiceError> {
        let mut out = Vec::new();
        let mut readable: Readable = None;
        let mut team_earlier = TeamEarlier::new();
        for r in recalling {
            let then = match order.scope {
                Scope::Me => self.recalled(r.from(), &r.recall).await?,
                Scope::Team => {
                    let team = order.team.id;
                    self.team_recalled(team, &r, &mut team_earlier).await?
                }
            };
            let Some(then) = then else {
                continue;
            };
            if !self.may_see(order, &then, &mut readable).await? {
                continue;
            }
            out.push(ThenNow {
                question: r.question,
                then_question: r.then_question,
                author: r.author,
                then_date: then.occurrence_local.date(),
                then: then.value,
                now_date: r.at.date(),
                now: r.now,
            });
        }
        Ok(out)
    }

    /// What [`Service::recalled`] finds for `r`, from the team's earlier answers read once per
    /// (template, question) into `earlier`.
    async fn team_recalled(
        &self,
        team: TeamId,
        r: &Recalling,
        earlier: &mut TeamEarlier,
    ) -> Result<Option<EarlierAnswer>, ServiceError> {
        let key = (r.template.clone(), r.recall.question.to_string());
        if !earlier.contains_key(&key) {
            let rows = self.store.team_earlier_answers(team, &key.0, &key.1);
            let mut by_member: HashMap<MemberId, Vec<EarlierAnswer>> = HashMap::new();
            for (member, answer) in rows.await? {
                by_member.entry(member).or_default().push(answer);
            }
            earlier.insert(key.clone(), by_member);
        }
        let answers = earlier[&key].get(&r.member).map_or(&[][..], Vec::as_slice);
        let dated = (answers.iter())
            .filter(|a| a.round_id != r.round)
            .map(|a| (a.occurrence_local, a));
        Ok(r.recall.ago.nearest(r.at, dated).map(|(_, a)| a.clone()))
    }

    /// Whether the reader of `order` may see `then`: always in one's own recap read alone;
    /// otherwise only an answer shared with the team by name, and in a team's recap only from
    /// a round the reader may read in a team view.
    async fn may_see(
        &self,
        order: &RecapOrder,
        then: &EarlierAnswer,
        readable: &mut Readable,
    ) -> Result<bool, ServiceError> {
        match order.scope {
            Scope::Me if !order.shared_only => return Ok(true),
            _ if then.visibility != Visibility::Team => return Ok(false),
            Scope::Me => return Ok(true),
            Scope::Team => {}
        }
        if readable.is_none() {
            let (from, to) = instants(&order.period, order.zone);
            let rounds = self.readable_rounds(
                &order.team,
                order.member.as_ref(),
                order.digest_channel.as_deref(),
                from - LOOK_BACK,
                to,
            );
            *readable = Some(rounds.await?);
        }
        let rounds = readable.as_ref().and_then(Option::as_ref);
        Ok(rounds.is_none_or(|set| set.contains(&then.round_id)))
    }
}
