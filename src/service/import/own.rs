//! What a member may import as their own notes from chat: not a team's backup (an operator
//! restores that), not another member's export from the same team; the team's milestones in
//! their own export are this team's already or, from another team, become theirs, private (a
//! member does not add team milestones).

use super::target::user;
use super::{ImportRequest, Service};
use crate::domain::import::{Dataset, Document, DocumentKind};
use crate::domain::visibility::Visibility;
use crate::service::error::ServiceError;

impl Service {
    /// Refuses a document the asker may not import as their own.
    pub(super) async fn check_own_document(
        &self,
        request: &ImportRequest,
        document: &Document,
    ) -> Result<(), ServiceError> {
        if document.kind == DocumentKind::Team {
            return Err(user(request.lang, "import.team_backup_in_chat", &[]));
        }
        let (Some(from), Some(team), Some(me)) =
            (&document.data.team, request.team, request.member)
        else {
            return Ok(());
        };
        let Some(here) = self.store.team_by_id(team).await? else {
            return Ok(());
        };
        if here.platform != from.platform || here.external_id != from.external_id {
            // Notes from another workspace or server: the person's own, under another id.
            return Ok(());
        }
        let members = self.store.team_members(team).await?;
        let my_id = members
            .iter()
            .find(|m| m.id == me)
            .map(|m| m.user_id.as_str());
        match document.data.members.as_slice() {
            [only] if Some(only.user_id.as_str()) != my_id => Err(user(
                request.lang,
                "import.someone_elses",
                &[("name", &only.display_name)],
            )),
            _ => Ok(()),
        }
    }
}

impl Service {
    /// The team's milestones of the asker's export: dropped when it comes from this team (the
    /// team has them), else made the asker's own, private. Team letters from another team are
    /// dropped.
    pub(super) async fn own_milestones(
        &self,
        request: &ImportRequest,
        data: &mut Dataset,
        user_id: &str,
    ) -> Result<(), ServiceError> {
        let here = match request.team {
            Some(team) => self.store.team_by_id(team).await?,
            None => None,
        };
        let same_team = match (&here, &data.team) {
            (Some(here), Some(from)) => {
                here.platform == from.platform && here.external_id == from.external_id
            }
            _ => false,
        };
        if same_team {
            data.milestones.retain(|m| !m.team_wide);
        } else {
            // A team letter opens in a channel of the team it was written in.
            data.letters.retain(|l| !l.team_wide);
        }
        for milestone in data.milestones.iter_mut().filter(|m| m.team_wide) {
            milestone.team_wide = false;
            milestone.visibility = Visibility::Private;
            milestone.author = Some(user_id.to_string());
        }
        Ok(())
    }
}
