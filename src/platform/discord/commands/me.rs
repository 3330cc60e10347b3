//! My own settings and data: time zone (suggested as typed), language and delivery; a pause
//! and resuming; exporting or forgetting everything I wrote.

use chrono::NaiveDate;
use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse};

use super::respond::{misread, run};
use super::{Context, Error, SUGGESTIONS};
use crate::domain::lang::Lang;
use crate::service::command::{Command, CommandError, DeliveryMode, SettingsChange};

/// A language hoego speaks.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Language {
    /// English.
    #[name = "English"]
    En,
    /// Korean.
    #[name = "Korean"]
    Ko,
}

/// Where prompts go.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Delivery {
    /// A direct message.
    #[name = "dm"]
    Dm,
    /// A thread in the schedule's channel.
    #[name = "thread"]
    Thread,
}

/// Whether the team's summaries are on.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Switch {
    /// On.
    #[name = "on"]
    On,
    /// Off.
    #[name = "off"]
    Off,
}

/// Show or change your time zone, language and where prompts reach you.
#[poise::command(slash_command)]
pub async fn settings(
    ctx: Context<'_>,
    #[description = "Your time zone, e.g. Asia/Seoul"]
    #[autocomplete = "time_zones"]
    tz: Option<String>,
    #[description = "Your language"] lang: Option<Language>,
    #[description = "Prompts by DM or in a thread"] delivery: Option<Delivery>,
    #[description = "Admins: team summaries on or off"] summary: Option<Switch>,
) -> Result<(), Error> {
    let change = SettingsChange {
        tz,
        lang: lang.map(|l| match l {
            Language::En => Lang::En,
            Language::Ko => Lang::Ko,
        }),
        delivery: delivery.map(|d| match d {
            Delivery::Dm => DeliveryMode::Dm,
            Delivery::Thread => DeliveryMode::Thread,
        }),
    };
    if let Some(switch) = summary {
        let turn = Some(matches!(switch, Switch::On));
        return run(ctx, Command::TeamSummary { turn }).await;
    }
    if change == SettingsChange::default() {
        return run(ctx, Command::ShowSettings).await;
    }
    run(ctx, Command::UpdateSettings(change)).await
}

/// Stop asking me questions until a date.
#[poise::command(slash_command)]
pub async fn pause(
    ctx: Context<'_>,
    #[description = "The first day to ask again, e.g. 2026-12-31"] until: String,
) -> Result<(), Error> {
    match NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") {
        Ok(until) => run(ctx, Command::Pause { until }).await,
        Err(_) => {
            let value = until.trim().to_string();
            let topic = "pause";
            misread(ctx, CommandError::InvalidDate { topic, value }).await
        }
    }
}

/// Ask me questions again after a pause.
#[poise::command(slash_command)]
pub async fn resume(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Resume).await
}

/// Send me everything I wrote, as a file.
#[poise::command(slash_command)]
pub async fn export(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Export).await
}

/// Delete everything I wrote (asks to confirm first).
#[poise::command(slash_command, rename = "forget-me")]
pub async fn forget_me(
    ctx: Context<'_>,
    #[description = "Delete now, without asking again"] confirm: Option<bool>,
) -> Result<(), Error> {
    let confirmed = confirm.unwrap_or(false);
    run(ctx, Command::ForgetMe { confirmed }).await
}

/// Time zones whose name contains what was typed.
async fn time_zones(_ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let choices = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| name.to_lowercase().contains(&partial))
        .take(SUGGESTIONS)
        .map(AutocompleteChoice::from)
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
