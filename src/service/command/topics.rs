//! Which help topic documents each command: the topic a refusal's example and the logs name.

use super::{CapsuleCommand, Command, MilestoneCommand, ScheduleCommand, TeamMandalartCommand};

impl Command {
    /// The help topic that documents this command (a topic of [`super::help::ENTRIES`]).
    pub fn help_topic(&self) -> &'static str {
        match self {
            Command::Answer { .. } => "answer",
            Command::Skip { .. } => "skip",
            Command::Edit { .. } => "edit",
            Command::Recap { .. } => "recap",
            Command::ShowSettings | Command::UpdateSettings(_) | Command::TeamSummary { .. } => {
                "settings"
            }
            Command::Join { .. } => "join",
            Command::Leave { .. } => "leave",
            Command::Pause { .. } => "pause",
            Command::Resume => "resume",
            Command::Export => "export",
            Command::Import { .. } => "import",
            Command::ForgetMe { .. } => "forget-me",
            Command::SetVisibility { .. } => "visibility",
            Command::ListResolutions => "resolutions",
            Command::SetResolution { .. } => "resolutions set",
            Command::Milestone(sub) => sub.help_topic(),
            Command::Mandalart { .. } => "mandalart",
            Command::CheckMandalart { .. } => "mandalart check",
            Command::SharedMandalart { .. } => "mandalart",
            Command::TeamMandalart(TeamMandalartCommand::Show { .. }) => "mandalart team",
            Command::TeamMandalart(TeamMandalartCommand::Write { .. }) => "mandalart team write",
            Command::TeamMandalart(TeamMandalartCommand::Check { .. }) => "mandalart team check",
            Command::Capsule(CapsuleCommand::Write { .. }) => "capsule write",
            Command::Capsule(CapsuleCommand::List) => "capsule list",
            Command::Capsule(CapsuleCommand::Delete { .. }) => "capsule delete",
            Command::Schedule(sub) => sub.help_topic(),
            Command::Help { .. } => "help",
        }
    }
}

impl MilestoneCommand {
    /// The help topic that documents this subcommand.
    pub fn help_topic(&self) -> &'static str {
        match self {
            MilestoneCommand::Add { .. } => "milestone add",
            MilestoneCommand::List { .. } => "milestone list",
            MilestoneCommand::Remove { .. } => "milestone remove",
            MilestoneCommand::Visibility { .. } => "milestone visibility",
        }
    }
}

impl ScheduleCommand {
    /// The help topic that documents this subcommand.
    pub fn help_topic(&self) -> &'static str {
        match self {
            ScheduleCommand::Add(_) => "schedule add",
            ScheduleCommand::List => "schedule list",
            ScheduleCommand::Preview { .. } => "schedule preview",
            ScheduleCommand::Pause { .. } => "schedule pause",
            ScheduleCommand::Resume { .. } => "schedule resume",
            ScheduleCommand::Remove { .. } => "schedule remove",
            ScheduleCommand::RunNow { .. } => "schedule run-now",
            ScheduleCommand::AddMember { .. } => "schedule add-member",
            ScheduleCommand::RemoveMember { .. } => "schedule remove-member",
        }
    }
}
