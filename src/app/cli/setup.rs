//! `hoego setup slack|discord`: what an operator pastes or opens to create the chat side of a
//! deployment. Slack: the app manifest (`platform::slack::manifest`), printed or written to a
//! file. Discord: the invite link for the configured token's application with the permissions
//! hoego's operations take (`platform::discord::permissions`). The result goes to standard
//! output; the next steps go to standard error, so `> file` keeps only the result.

use url::Url;

use super::args::{SetupCli, SlackSetupArgs};
use crate::app::Failure;
use crate::config::Settings;
use crate::platform::discord::{doctor, permissions};
use crate::platform::slack::manifest::{ManifestOptions, manifest_json};

/// Runs `hoego setup ...`.
pub async fn setup(settings: &Settings, command: &SetupCli) -> Result<(), Failure> {
    match command {
        SetupCli::Slack(args) => slack(args),
        SetupCli::Discord => discord(settings).await,
    }
}

fn slack(args: &SlackSetupArgs) -> Result<(), Failure> {
    let events_url = args.events_url.as_deref().map(events_url).transpose()?;
    let socket_mode = events_url.is_none();
    let options = ManifestOptions {
        dm: !args.no_dm,
        events_url,
    };
    let text = manifest_json(&options);
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| {
                Failure::Runtime(anyhow::anyhow!("cannot write {}: {e}", path.display()))
            })?;
            eprintln!("Wrote the Slack app manifest to {}.", path.display());
        }
        None => print!("{text}"),
    }
    eprint!("{}", slack_next_steps(socket_mode));
    Ok(())
}

/// `--events-url`: an https URL with a host (Slack posts only to HTTPS).
fn events_url(raw: &str) -> Result<Url, Failure> {
    let example = "e.g. --events-url https://hoego.example.com/slack/events";
    match Url::parse(raw) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some() => Ok(url),
        Ok(_) => Err(Failure::Usage(format!(
            "--events-url {raw:?} is not an https:// URL, and Slack sends events only over HTTPS; {example}"
        ))),
        Err(e) => Err(Failure::Usage(format!(
            "--events-url {raw:?} is not a URL ({e}); {example}"
        ))),
    }
}

fn slack_next_steps(socket_mode: bool) -> String {
    let listen = if socket_mode {
        "  3. Basic Information → App-Level Tokens: generate one with the scope connections:write (xapp-…).\n  4. HOEGO_SLACK__BOT_TOKEN=xoxb-… HOEGO_SLACK__APP_TOKEN=xapp-… hoego doctor, then hoego run.\n"
    } else {
        "  3. Basic Information → App Credentials: copy the Signing Secret; set slack.http_bind to the address your HTTPS proxy forwards /slack/events to.\n  4. HOEGO_SLACK__BOT_TOKEN=xoxb-… HOEGO_SLACK__SIGNING_SECRET=… hoego doctor, then hoego run.\n"
    };
    format!(
        "Next:\n  1. https://api.slack.com/apps → Create New App → From a manifest: pick the workspace, paste the manifest.\n  2. Install to Workspace, then copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.\n{listen}"
    )
}

async fn discord(settings: &Settings) -> Result<(), Failure> {
    if settings.discord.token.is_none() {
        return Err(Failure::Usage(
            "discord.token is not set: set HOEGO_DISCORD__TOKEN to the bot's token (Developer Portal → your application → Bot → Reset Token); the link is made for its application".into(),
        ));
    }
    let app = doctor::application(&settings.discord).await?;
    let needed = permissions::needed();
    eprintln!(
        "Open this link as an admin of the server to add {} (scopes: {}; permissions {}: {}):",
        app.name,
        permissions::INVITE_SCOPES.join(" "),
        needed.bits(),
        permissions::names(needed)
    );
    println!("{}", permissions::invite_url(app.id));
    if settings.discord.members_intent {
        eprintln!(
            "discord.members_intent is on: also turn on Server Members Intent (Developer Portal → Bot → Privileged Gateway Intents)."
        );
    }
    eprintln!("Then: hoego doctor, and hoego run.");
    Ok(())
}
