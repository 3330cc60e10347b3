//! What the Discord burst benchmarks share: the server the fake pretends to be, its members,
//! the release `hoego run` started against the fake, and interactions dispatched at once with
//! the time each was answered.

use std::path::Path;
use std::time::{Duration, Instant};

use hoego::domain::state::Platform;
use serde_json::Value;

use super::child::{self, Bot};
use super::fake::{FakeDiscord, GUILD_NAME, Recorded, dm_channel};
use super::payloads::GUILD;
use super::seed::Workspace;

const TOKEN: &str = "bench-token";

/// The fake's server.
pub const WORKSPACE: Workspace = Workspace {
    platform: Platform::Discord,
    external_id: GUILD,
    name: GUILD_NAME,
    limits: hoego::platform::discord::LIMITS,
    dm: dm_of,
};

fn dm_of(user: &str) -> String {
    dm_channel(user)
}

/// The user ids of `n` members.
pub fn users(n: usize) -> Vec<String> {
    (0..n).map(|i| (100_000 + i).to_string()).collect()
}

/// A fake Discord whose DM channels with `users` exist (their prompts were sent there).
pub async fn fake_for(users: &[String]) -> FakeDiscord {
    let fake = FakeDiscord::with_token(TOKEN).await;
    fake.existing_dms(users.iter().map(String::as_str));
    fake
}

/// `hoego run` in `dir` on the database at `url` against `fake`; when it registered `/hoego`
/// (after spawning).
pub async fn start(fake: &FakeDiscord, dir: &Path, url: &str) -> anyhow::Result<(Bot, Duration)> {
    let vars = [
        ("HOEGO_DISCORD__TOKEN", TOKEN.to_string()),
        ("HOEGO_DISCORD__API_BASE_URL", fake.base_url()),
        ("HOEGO_DATABASE__URL", url.to_string()),
    ];
    let mut bot = Bot::spawn(dir, &vars)?;
    let limit = Duration::from_secs(20);
    let registered = child::until(limit, || fake.count_to("PUT", "/commands") >= 1).await;
    bot.ensure_running()?;
    Ok((bot, registered?))
}

/// Interactions dispatched at once: the id and dispatch time of each.
pub struct Dispatched(Vec<(u64, Instant)>);

/// Dispatches `payloads` (interaction id, payload) at once.
pub fn dispatch(fake: &FakeDiscord, payloads: Vec<(u64, Value)>) -> Dispatched {
    let mut sent = Vec::with_capacity(payloads.len());
    for (id, payload) in payloads {
        sent.push((id, Instant::now()));
        fake.dispatch("INTERACTION_CREATE", payload);
    }
    Dispatched(sent)
}

impl Dispatched {
    /// Waits until each was answered (its interaction response), then the time from dispatch
    /// to the response, and the responses.
    pub async fn answered(&self, fake: &FakeDiscord) -> anyhow::Result<Vec<(Duration, Recorded)>> {
        let limit = Duration::from_secs(30);
        let ids: std::collections::HashSet<String> = self
            .0
            .iter()
            .map(|(id, _)| format!("/interactions/{id}/"))
            .collect();
        let responded = |fake: &FakeDiscord| {
            fake.requests_to("POST", "/callback")
                .into_iter()
                .filter(|r| ids.iter().any(|id| r.path.contains(id.as_str())))
                .count()
        };
        let mut seen = None;
        let waited = child::until(limit, || {
            // Counting the matching ones copies every request: only when more came.
            let now = Some(fake.count_to("POST", "/callback"));
            if now == seen {
                return false;
            }
            seen = now;
            responded(fake) >= self.0.len()
        })
        .await;
        let responses = fake.requests_to("POST", "/callback");
        let mut answered = Vec::with_capacity(self.0.len());
        for (id, at) in &self.0 {
            let path = format!("/interactions/{id}/");
            let Some(response) = responses.iter().find(|r| r.path.contains(&path)) else {
                waited?;
                anyhow::bail!("interaction {id} was never answered");
            };
            answered.push((response.at.duration_since(*at), response.clone()));
        }
        Ok(answered)
    }
}

/// Fails if the fake saw anything Discord would refuse.
pub fn no_violations(fake: &FakeDiscord) -> anyhow::Result<()> {
    let violations = fake.take_violations();
    let shown: Vec<_> = violations
        .iter()
        .take(5)
        .map(|r| (&r.method, &r.path, &r.answer))
        .collect();
    anyhow::ensure!(
        violations.is_empty(),
        "Discord would refuse {} requests: {shown:#?}",
        violations.len()
    );
    Ok(())
}
