//! Schedule administration and membership: `schedule add|list|preview|pause|resume|remove|
//! run-now|add-member|remove-member`, `join`, `leave`.

use super::command::ScheduleCommand;
use super::error::ServiceError;
use super::reply::Reply;
use super::{Actor, Service};

impl Service {
    /// Runs one `schedule ...` subcommand for `actor`.
    pub async fn schedule_command(
        &self,
        actor: &Actor,
        command: ScheduleCommand,
    ) -> Result<Reply, ServiceError> {
        let _ = (actor, command);
        Err(ServiceError::User(
            "schedules are being built; this command is not available in this build yet".into(),
        ))
    }

    /// Adds the actor to a schedule's participants (the team's only schedule when `None`).
    pub async fn join(
        &self,
        actor: &Actor,
        schedule: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let _ = (actor, schedule);
        Err(ServiceError::User(
            "schedules are being built; this command is not available in this build yet".into(),
        ))
    }

    /// Removes the actor from a schedule's participants.
    pub async fn leave(
        &self,
        actor: &Actor,
        schedule: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let _ = (actor, schedule);
        Err(ServiceError::User(
            "schedules are being built; this command is not available in this build yet".into(),
        ))
    }
}
