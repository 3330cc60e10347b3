//! Commands as the person types them where they are: a Discord slash command with its options
//! (`/hoego pause until:2026-12-31`), `/hoego …` text on Slack, the bare grammar in the console.
//! Replies that teach a command spell it with [`spell`], so nobody is shown a syntax their
//! platform does not take.

use crate::domain::lang::Lang;
use crate::domain::state::Platform;
use crate::service::i18n::t;

/// A command a reply suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example<'a> {
    /// Edit the answers of the open round.
    Edit,
    /// End a pause.
    Resume,
    /// Every command.
    Help,
    /// Answer the open round of the named schedule.
    Answer(&'a str),
    /// Join the named schedule.
    Join(&'a str),
    /// Leave the named schedule.
    Leave(&'a str),
    /// Pause until the date (`YYYY-MM-DD`).
    PauseUntil(&'a str),
    /// Delete everything, confirmed.
    ForgetMeConfirm,
    /// Add a schedule of `template` at `cron`.
    ScheduleAdd {
        /// The template.
        template: &'a str,
        /// The 5-field cron expression.
        cron: &'a str,
    },
    /// The `name` option of `schedule add`, with a placeholder for the name.
    NameOption,
    /// Remove the named schedule.
    ScheduleRemove(&'a str),
    /// Turn the team's summaries on.
    SummaryOn,
    /// Turn the team's summaries off.
    SummaryOff,
    /// Mark an action of my Mandalart (`3.5`) done.
    MandalartDone(&'a str),
    /// Share the answer to the named question (a Mandalart) with the team, with my name.
    ShareAnswer(&'a str),
    /// Show the named teammate's Mandalart shared with the team.
    SharedMandalart(&'a str),
    /// Show the team's Mandalart.
    TeamMandalart,
    /// Write the team's Mandalart for the year.
    TeamMandalartWrite(&'a str),
    /// Mark an action of the team's Mandalart (`3.5`) done.
    TeamMandalartDone(&'a str),
    /// Write a letter sealed until the day (`YYYY-MM-DD`), or the default day.
    CapsuleWrite(Option<&'a str>),
    /// List my letters.
    CapsuleList,
}

/// `example` as the person types it on `platform`, in a code span.
pub fn spell(platform: Platform, lang: Lang, example: Example<'_>) -> String {
    let typed = match platform {
        Platform::Discord => discord(lang, example),
        Platform::Slack => match example {
            Example::NameOption => text(lang, example),
            _ => format!("/hoego {}", text(lang, example)),
        },
        Platform::Console => text(lang, example),
    };
    format!("`{typed}`")
}

/// The command grammar Slack and the console read.
fn text(lang: Lang, example: Example<'_>) -> String {
    match example {
        Example::Edit => "edit".into(),
        Example::Resume => "resume".into(),
        Example::Help => "help".into(),
        Example::Answer(schedule) => format!("answer {schedule}"),
        Example::Join(schedule) => format!("join {schedule}"),
        Example::Leave(schedule) => format!("leave {schedule}"),
        Example::PauseUntil(date) => format!("pause until {date}"),
        Example::ForgetMeConfirm => "forget-me confirm".into(),
        Example::ScheduleAdd { template, cron } => format!("schedule add {template} \"{cron}\""),
        Example::NameOption => format!("name <{}>", name_word(lang)),
        Example::ScheduleRemove(name) => format!("schedule remove {name}"),
        Example::SummaryOn => "settings summary on".into(),
        Example::SummaryOff => "settings summary off".into(),
        Example::MandalartDone(at) => format!("mandalart check {at} done"),
        Example::ShareAnswer(question) => format!("visibility {question} team"),
        Example::TeamMandalart => "mandalart team".into(),
        Example::TeamMandalartWrite(year) => format!("mandalart team write {year}"),
        Example::TeamMandalartDone(at) => format!("mandalart team check {at} done"),
        Example::SharedMandalart(name) if name.contains(' ') => format!("mandalart \"@{name}\""),
        Example::SharedMandalart(name) => format!("mandalart @{name}"),
        Example::CapsuleWrite(Some(day)) => format!("capsule write until {day}"),
        Example::CapsuleWrite(None) => "capsule write".into(),
        Example::CapsuleList => "capsule list".into(),
    }
}

/// The slash command with Discord's `option:value` pairs.
fn discord(lang: Lang, example: Example<'_>) -> String {
    match example {
        Example::Edit => "/hoego edit".into(),
        Example::Resume => "/hoego resume".into(),
        Example::Help => "/hoego help".into(),
        Example::Answer(schedule) => format!("/hoego answer schedule:{schedule}"),
        Example::Join(schedule) => format!("/hoego join schedule:{schedule}"),
        Example::Leave(schedule) => format!("/hoego leave schedule:{schedule}"),
        Example::PauseUntil(date) => format!("/hoego pause until:{date}"),
        Example::ForgetMeConfirm => "/hoego forget-me confirm:True".into(),
        Example::ScheduleAdd { template, cron } => {
            format!("/hoego schedule add template:{template} cron:{cron}")
        }
        Example::NameOption => format!("name:<{}>", name_word(lang)),
        Example::ScheduleRemove(name) => format!("/hoego schedule remove name:{name}"),
        Example::SummaryOn => "/hoego settings summary:on".into(),
        Example::SummaryOff => "/hoego settings summary:off".into(),
        Example::MandalartDone(at) => format!("/hoego mandalart check:{at} status:done"),
        Example::SharedMandalart(name) => format!("/hoego mandalart member:@{name}"),
        Example::TeamMandalart => "/hoego mandalart team:True".into(),
        Example::TeamMandalartWrite(year) => {
            format!("/hoego mandalart year:{year} team:True write:True")
        }
        Example::TeamMandalartDone(at) => {
            format!("/hoego mandalart team:True check:{at} status:done")
        }
        Example::ShareAnswer(question) => {
            format!("/hoego visibility readers:team question:{question}")
        }
        Example::CapsuleWrite(Some(day)) => format!("/hoego capsule write until:{day}"),
        Example::CapsuleWrite(None) => "/hoego capsule write".into(),
        Example::CapsuleList => "/hoego capsule list".into(),
    }
}

fn name_word(lang: Lang) -> String {
    t(lang, "syntax.name", &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platform_is_taught_its_own_syntax() {
        let add = Example::ScheduleAdd {
            template: "weekly",
            cron: "0 17 * * FRI",
        };
        let cases = [
            (
                Platform::Discord,
                add,
                "`/hoego schedule add template:weekly cron:0 17 * * FRI`",
            ),
            (
                Platform::Slack,
                add,
                "`/hoego schedule add weekly \"0 17 * * FRI\"`",
            ),
            (
                Platform::Console,
                add,
                "`schedule add weekly \"0 17 * * FRI\"`",
            ),
            (Platform::Discord, Example::Edit, "`/hoego edit`"),
            (Platform::Console, Example::Edit, "`edit`"),
            (
                Platform::Discord,
                Example::ForgetMeConfirm,
                "`/hoego forget-me confirm:True`",
            ),
            (
                Platform::Slack,
                Example::ForgetMeConfirm,
                "`/hoego forget-me confirm`",
            ),
            (
                Platform::Discord,
                Example::PauseUntil("2026-12-31"),
                "`/hoego pause until:2026-12-31`",
            ),
            (Platform::Discord, Example::NameOption, "`name:<name>`"),
            (Platform::Slack, Example::NameOption, "`name <name>`"),
            (
                Platform::Discord,
                Example::MandalartDone("3.5"),
                "`/hoego mandalart check:3.5 status:done`",
            ),
            (
                Platform::Slack,
                Example::MandalartDone("3.5"),
                "`/hoego mandalart check 3.5 done`",
            ),
        ];
        for (platform, example, expected) in cases {
            assert_eq!(spell(platform, Lang::En, example), expected, "{platform:?}");
        }
        assert_eq!(
            spell(Platform::Discord, Lang::Ko, Example::NameOption),
            "`name:<이름>`"
        );
    }
}
