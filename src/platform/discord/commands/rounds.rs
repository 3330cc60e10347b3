//! Taking part in rounds: answer or skip the open round, edit my answers and who may read
//! them, join or leave a schedule.

use super::respond::run;
use super::{Context, Error};
use crate::domain::visibility::Visibility;
use crate::service::command::{Command, QuestionRef};

/// Answer the questions of an open round now.
#[poise::command(slash_command)]
pub async fn answer(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Answer { schedule }).await
}

/// Skip the open round.
#[poise::command(slash_command)]
pub async fn skip(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Skip { schedule }).await
}

/// Edit my answers of the open round.
#[poise::command(slash_command)]
pub async fn edit(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Edit { schedule }).await
}

/// Who may read an answer.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Readers {
    /// Only me, in my own recaps.
    #[name = "private"]
    Private,
    /// The team, with my name.
    #[name = "team"]
    Team,
    /// The team, without my name.
    #[name = "anonymous"]
    Anonymous,
}

/// Change who may read my answers in the open round.
#[poise::command(slash_command)]
pub async fn visibility(
    ctx: Context<'_>,
    #[description = "Who may read them"] readers: Readers,
    #[description = "A question's number or key; all of my answers if none"] question: Option<
        String,
    >,
) -> Result<(), Error> {
    let question = match question.as_deref().map(str::trim) {
        None | Some("" | "all") => QuestionRef::All,
        Some(text) => match text.parse::<u32>() {
            Ok(number) => QuestionRef::Number(number),
            Err(_) => QuestionRef::Key(text.to_string()),
        },
    };
    let visibility = match readers {
        Readers::Private => Visibility::Private,
        Readers::Team => Visibility::Team,
        Readers::Anonymous => Visibility::Anonymous,
    };
    run(
        ctx,
        Command::SetVisibility {
            question,
            visibility,
        },
    )
    .await
}

/// Join a schedule's rounds.
#[poise::command(slash_command)]
pub async fn join(
    ctx: Context<'_>,
    #[description = "The schedule; none for the only one"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Join { schedule }).await
}

/// Leave a schedule's rounds.
#[poise::command(slash_command)]
pub async fn leave(
    ctx: Context<'_>,
    #[description = "The schedule; none for the only one"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Leave { schedule }).await
}
