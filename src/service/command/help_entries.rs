//! The table of help entries: every command's usage, purpose (a catalog id) and an example
//! that works, in the order help lists them.

/// The help for one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpEntry {
    /// The topic, as typed after `help` (`recap`, `schedule add`).
    pub topic: &'static str,
    /// The command line, with `<required>` and `[optional]` parts.
    pub usage: &'static str,
    /// The catalog id of the one-sentence purpose.
    pub purpose: &'static str,
    /// A command that works.
    pub example: &'static str,
}

const fn entry(
    topic: &'static str,
    usage: &'static str,
    purpose: &'static str,
    example: &'static str,
) -> HelpEntry {
    HelpEntry {
        topic,
        usage,
        purpose,
        example,
    }
}

/// Every command, in the order help lists them.
pub const ENTRIES: &[HelpEntry] = &[
    entry(
        "answer",
        "answer [schedule]",
        "help.answer",
        "answer weekly-retro",
    ),
    entry("skip", "skip [schedule]", "help.skip", "skip"),
    entry("edit", "edit [schedule]", "help.edit", "edit"),
    entry(
        "recap",
        "recap [period] [me|team] [public] [summary]",
        "help.recap",
        "recap 2026-Q3 team",
    ),
    entry(
        "settings",
        "settings [tz <zone>] [lang en|ko] [delivery dm|thread] | settings summary [on|off]",
        "help.settings",
        "settings tz Asia/Seoul lang ko",
    ),
    entry("join", "join [schedule]", "help.join", "join weekly-retro"),
    entry(
        "leave",
        "leave [schedule]",
        "help.leave",
        "leave weekly-retro",
    ),
    entry(
        "pause",
        "pause until <YYYY-MM-DD>",
        "help.pause",
        "pause until 2026-06-01",
    ),
    entry("resume", "resume", "help.resume", "resume"),
    entry("export", "export", "help.export", "export"),
    entry(
        "import",
        "import <file>",
        "help.import",
        "import 2026-weekly.csv",
    ),
    entry(
        "forget-me",
        "forget-me [confirm]",
        "help.forget_me",
        "forget-me",
    ),
    entry(
        "visibility",
        "visibility <question-or-all> private|team|anonymous",
        "help.visibility",
        "visibility all anonymous",
    ),
    entry(
        "resolutions",
        "resolutions",
        "help.resolutions",
        "resolutions",
    ),
    entry(
        "resolutions set",
        "resolutions set <n> on-track|changed|done|dropped [note…]",
        "help.resolutions_set",
        "resolutions set 2 done shipped the new onboarding",
    ),
    entry(
        "mandalart",
        "mandalart [year] [member]",
        "help.mandalart",
        "mandalart 2027",
    ),
    entry(
        "mandalart check",
        "mandalart check <sub-goal>.<action> done|partial|not-yet",
        "help.mandalart_check",
        "mandalart check 3.5 done",
    ),
    entry(
        "mandalart team",
        "mandalart team [year]",
        "help.mandalart_team",
        "mandalart team 2027",
    ),
    entry(
        "mandalart team write",
        "mandalart team write [year]",
        "help.mandalart_team_write",
        "mandalart team write 2027",
    ),
    entry(
        "mandalart team check",
        "mandalart team check <sub-goal>.<action> done|partial|not-yet",
        "help.mandalart_team_check",
        "mandalart team check 3.5 done",
    ),
    entry(
        "capsule write",
        "capsule write [team] [until <YYYY-MM-DD>]",
        "help.capsule_write",
        "capsule write until 2027-12-31",
    ),
    entry(
        "capsule list",
        "capsule list",
        "help.capsule_list",
        "capsule list",
    ),
    entry(
        "capsule delete",
        "capsule delete <n>",
        "help.capsule_delete",
        "capsule delete 2",
    ),
    entry(
        "milestone add",
        "milestone add [team] <YYYY-MM-DD> <text…>",
        "help.milestone_add",
        "milestone add 2026-04-01 First day at the new job",
    ),
    entry(
        "milestone list",
        "milestone list [period]",
        "help.milestone_list",
        "milestone list 2026",
    ),
    entry(
        "milestone remove",
        "milestone remove <n>",
        "help.milestone_remove",
        "milestone remove 2",
    ),
    entry(
        "milestone visibility",
        "milestone visibility <n> private|team",
        "help.milestone_visibility",
        "milestone visibility 2 team",
    ),
    entry(
        "schedule add",
        "schedule add <template> \"<cron>\" [tz <zone>|local] [channel <#channel>] [window <2d>] [remind <2h|75%>] [name <name>] [digest by-question|by-member]",
        "help.schedule_add",
        "schedule add retro \"0 17 * * FRI\" tz Asia/Seoul window 2d remind 2h name weekly-retro digest by-member",
    ),
    entry(
        "schedule list",
        "schedule list",
        "help.schedule_list",
        "schedule list",
    ),
    entry(
        "schedule preview",
        "schedule preview \"<cron>\" [tz <zone>] [count N]",
        "help.schedule_preview",
        "schedule preview \"0 17 * * FRI\" tz Asia/Seoul count 3",
    ),
    entry(
        "schedule pause",
        "schedule pause <name>",
        "help.schedule_pause",
        "schedule pause weekly-retro",
    ),
    entry(
        "schedule resume",
        "schedule resume <name>",
        "help.schedule_resume",
        "schedule resume weekly-retro",
    ),
    entry(
        "schedule remove",
        "schedule remove <name>",
        "help.schedule_remove",
        "schedule remove weekly-retro",
    ),
    entry(
        "schedule run-now",
        "schedule run-now <schedule-or-template>",
        "help.schedule_run_now",
        "schedule run-now weekly-retro",
    ),
    entry(
        "schedule add-member",
        "schedule add-member <schedule> <@user…>",
        "help.schedule_add_member",
        "schedule add-member weekly-retro @alice @bob",
    ),
    entry(
        "schedule remove-member",
        "schedule remove-member <schedule> <@user…>",
        "help.schedule_remove_member",
        "schedule remove-member weekly-retro @bob",
    ),
    entry("help", "help [command]", "help.help", "help recap"),
];
