//! The Slack app manifest `hoego setup slack` prints, to paste into "Create an app → From a
//! manifest": the `/hoego` slash command (its description in English, its usage hint in English
//! and Korean), interactivity, the bot scopes of [`super::scopes`] and no more, the `message.im`
//! event when members may DM the bot commands, and Socket Mode, or with an events URL, the HTTP
//! Events API pointed at that URL instead.

use slack_morphism::prelude::*;
use url::Url;

use super::scopes::{DM_EVENT, bot_scopes};
use crate::domain::lang::Lang;
use crate::service::i18n::t;

/// The app's and the bot user's name.
const NAME: &str = "hoego";
/// The slash command.
const COMMAND: &str = "/hoego";

/// What the manifest is for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManifestOptions {
    /// Members may DM the bot commands (`message.im` and `im:history`).
    pub dm: bool,
    /// The HTTP Events API's public URL (`https://<host>/slack/events`); `None` means Socket
    /// Mode.
    pub events_url: Option<Url>,
}

/// The manifest for `options`.
pub fn manifest(options: &ManifestOptions) -> SlackAppManifest {
    let scopes = bot_scopes(options.dm)
        .into_iter()
        .map(|s| SlackApiTokenScope(s.to_string()))
        .collect();
    SlackAppManifest::new(
        SlackAppManifestDisplayInformation::new(NAME.into()).with_description(t(
            Lang::En,
            "setup.slack_app_description",
            &[],
        )),
    )
    .with_metadata(
        SlackAppManifestMetadata::new()
            .with_major_version(1)
            .with_minor_version(1),
    )
    .with_features(features(options))
    .with_oauth_config(
        SlackAppManifestOAuthConfig::new()
            .with_scopes(SlackAppManifestOAuthConfigScopes::new().with_bot(scopes)),
    )
    .with_settings(settings(options))
}

/// The manifest as the pretty JSON Slack's "From a manifest" dialog takes (JSON is also YAML).
pub fn manifest_json(options: &ManifestOptions) -> String {
    let mut text = serde_json::to_string_pretty(&manifest(options))
        .unwrap_or_else(|e| unreachable!("a manifest always serializes: {e}"));
    text.push('\n');
    text
}

fn features(options: &ManifestOptions) -> SlackAppManifestFeatures {
    let hint = format!(
        "{} — {}",
        t(Lang::En, "setup.slack_usage_hint", &[]),
        t(Lang::Ko, "setup.slack_usage_hint", &[])
    );
    let command = SlackAppManifestFeaturesSlashCommand::new(
        COMMAND.into(),
        t(Lang::En, "setup.slack_command_description", &[]),
    )
    .with_usage_hint(hint)
    .with_should_escape(false)
    .opt_url(options.events_url.clone());
    SlackAppManifestFeatures::new()
        .with_bot_user(SlackAppManifestFeaturesBotUser::new(NAME.into(), true))
        .with_app_home(
            // Prompts arrive in the Messages tab; without DMs to the bot it is read-only.
            SlackAppManifestFeaturesAppHome::new()
                .with_home_tab_enabled(false)
                .with_messages_tab_enabled(true)
                .with_messages_tab_read_only_enabled(!options.dm),
        )
        .with_slash_commands(vec![command])
}

fn settings(options: &ManifestOptions) -> SlackAppManifestSettings {
    let interactivity = SlackAppManifestSettingsInteractivity::new(true)
        .opt_request_url(options.events_url.clone());
    let events = options.dm.then(|| {
        SlackAppManifestSettingsEventSubscriptions::new()
            .with_bot_events(vec![SlackEventType(DM_EVENT.into())])
            .opt_request_url(options.events_url.clone())
    });
    SlackAppManifestSettings::new()
        .with_interactivity(interactivity)
        .opt_event_subscriptions(events)
        .with_org_deploy_enabled(false)
        .with_socket_mode_enabled(options.events_url.is_none())
}
