//! The stored milestones a recap is cut by: what its reader may see of the team's and, in a
//! member's own recap, of their own.

use super::Service;
use super::error::ServiceError;
use super::recap::RecapOrder;
use crate::domain::milestone::{Milestone, MilestoneScope, MilestoneText};
use crate::domain::team::Member;
use crate::domain::visibility::Visibility;
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
