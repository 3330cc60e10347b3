//! The stored milestones a recap is cut by: what its reader may see of the team's and, in a
//! member's own recap, of their own; and the draft of a member's periods they make for a
//! year-end form.

use std::collections::HashMap;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::recap::RecapOrder;
use super::rounds::RoundForm;
use crate::domain::milestone::{Milestone, MilestoneScope, MilestoneText, Reader};
use crate::domain::recap::periods_draft;
use crate::domain::team::Member;
use crate::domain::visibility::Visibility;
use crate::service::i18n::recap_words::recap_words;
use crate::store::StoredMilestone;

impl Service {
    /// The milestones that may cut the periods of `order`'s recap: the team's always; in
    /// `member`'s own recap also their own, only the shared ones when it is posted publicly.
    pub(crate) async fn recap_milestones(
        &self,
        order: &RecapOrder,
        member: Option<&Member>,
    ) -> Result<Vec<Milestone>, ServiceError> {
        let stored = match member {
            Some(member) => {
                let team = order.team.id;
                self.store.visible_milestones(team, member.id).await?
            }
            None => self.store.team_milestones(order.team.id).await?,
        };
        let shown = stored
            .into_iter()
            .filter(|m| !order.shared_only || m.team_wide || m.visibility == Visibility::Team);
        Ok(shown.filter_map(milestone_of).collect())
    }

    /// Offers, in `values`, the periods the asker's milestones cut the round's year into, for
    /// each `periods` question of the form not answered yet (nothing when no milestone cuts it).
    pub(crate) async fn offer_periods(
        &self,
        asker: &Asker,
        round: &RoundForm,
        values: &mut HashMap<String, String>,
    ) -> Result<(), ServiceError> {
        let open: Vec<&str> = (round.template.questions.iter())
            .filter(|q| q.periods && !values.contains_key(q.id.as_str()))
            .map(|q| q.id.as_str())
            .collect();
        if open.is_empty() {
            return Ok(());
        }
        let (team, member) = (asker.team.id, asker.member.id);
        let stored = self.store.visible_milestones(team, member).await?;
        let milestones: Vec<Milestone> = stored.into_iter().filter_map(milestone_of).collect();
        let reader = Reader::Member(member);
        let Some(draft) = periods_draft(
            round.values.year,
            &milestones,
            reader,
            recap_words(asker.lang()),
        ) else {
            return Ok(());
        };
        for id in open {
            values.insert(id.to_string(), draft.clone());
        }
        Ok(())
    }
}

/// The domain's milestone for a stored one; `None` for a text the domain refuses (a row
/// written by hand longer than a milestone may be), which then cuts nothing.
fn milestone_of(stored: StoredMilestone) -> Option<Milestone> {
    let text = MilestoneText::parse(&stored.text).ok()?;
    let scope = match stored.team_wide {
        true => MilestoneScope::Team,
        false => MilestoneScope::Member(stored.author),
    };
    Some(Milestone {
        date: stored.date,
        text,
        scope,
        visibility: stored.visibility,
    })
}
