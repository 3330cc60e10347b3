//! What the Slack burst benchmarks share: the workspace the fake pretends to be, its members,
//! and the release `hoego run` started against the fake in Socket Mode.

use std::path::Path;
use std::time::{Duration, Instant};

use hoego::domain::state::Platform;
use serde_json::Value;

use super::child::{self, Bot};
use super::fake::{FakeSlack, TEAM, WORKSPACE_NAME};
use super::payloads::{self, Person};
use super::seed::Workspace;

const BOT_TOKEN: &str = "xoxb-bench";
const APP_TOKEN: &str = "xapp-bench";

/// The fake's workspace.
pub const WORKSPACE: Workspace = Workspace {
    platform: Platform::Slack,
    external_id: TEAM,
    name: WORKSPACE_NAME,
    limits: hoego::platform::slack::LIMITS,
    dm: dm_of,
};

fn dm_of(user: &str) -> String {
    format!("D{user}")
}

/// The user ids of `n` members.
pub fn users(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("U{i:08}")).collect()
}

/// A member as the payloads name them.
pub fn person(id: &str) -> Person {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    Person { id, name: id }
}

/// A fake Slack whose DMs with `users` exist (their prompts were sent there).
pub async fn fake_for(users: &[String]) -> FakeSlack {
    let fake = FakeSlack::with_tokens(BOT_TOKEN, APP_TOKEN).await;
    fake.existing_dms(users.iter().map(String::as_str));
    fake
}

/// `hoego run` in `dir` on the database at `url` against `fake`, with `extra` variables; when
/// it opened its first Socket Mode connection (after spawning).
pub async fn start(
    fake: &FakeSlack,
    dir: &Path,
    url: &str,
    extra: &[(&str, String)],
) -> anyhow::Result<(Bot, Duration)> {
    let mut vars = vec![
        ("HOEGO_SLACK__BOT_TOKEN", BOT_TOKEN.to_string()),
        ("HOEGO_SLACK__APP_TOKEN", APP_TOKEN.to_string()),
        ("HOEGO_SLACK__API_BASE_URL", fake.api_url()),
        ("HOEGO_DATABASE__URL", url.to_string()),
    ];
    vars.extend(extra.iter().cloned());
    let mut bot = Bot::spawn(dir, &vars)?;
    let connected = child::until(Duration::from_secs(20), || fake.open_sockets() >= 1).await;
    bot.ensure_running()?;
    let connected = connected?;
    fake.wait_connected(2).await;
    Ok((bot, connected))
}

/// `/hoego <text>` from `who` sent now: its envelope id, when it was sent and the id of its
/// response URL.
pub struct Sent {
    pub envelope: String,
    pub at: Instant,
    pub response_url: String,
}

/// Commands sent at once, and how many answers had reached response URLs before.
pub struct Burst {
    pub sent: Vec<Sent>,
    answers_before: usize,
}

/// Sends `/hoego <text>` from each `(who, text)` at once.
pub fn commands(fake: &FakeSlack, run: &str, asked: &[(&str, &str)]) -> Burst {
    let prepared: Vec<(Value, String)> = asked
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let url = fake.response_url();
            let trigger = format!("{run}-{i}");
            let payload = payloads::command(&person(who), text, &trigger, &url);
            let id = url.rsplit('/').next().unwrap_or_default().to_string();
            (payload, id)
        })
        .collect();
    let answers_before = fake.count_of("response_url");
    let mut sent = Vec::with_capacity(asked.len());
    for (payload, response_url) in prepared {
        let at = Instant::now();
        let envelope = fake.envelope("slash_commands", payload);
        sent.push(Sent {
            envelope,
            at,
            response_url,
        });
    }
    Burst {
        sent,
        answers_before,
    }
}

/// Waits for every command's acknowledgement and its answer at its response URL: the
/// acknowledgement latencies (as the fake measured them) and the answer latencies. Fails if a
/// command went unanswered, or was answered without `expected` in the answer.
pub async fn answered(
    fake: &FakeSlack,
    burst: &Burst,
    expected: &str,
) -> anyhow::Result<(Vec<Duration>, Vec<Duration>)> {
    let mut acks = Vec::with_capacity(burst.sent.len());
    for command in &burst.sent {
        acks.push(fake.ack(&command.envelope).await.1);
    }
    let all = burst.answers_before + burst.sent.len();
    let waited = child::until(Duration::from_secs(30), || {
        fake.count_of("response_url") >= all
    });
    let _ = waited.await;
    let calls: std::collections::HashMap<String, super::fake::Call> = fake
        .calls_of("response_url")
        .into_iter()
        .filter_map(|c| Some((c.body["response_url_id"].as_str()?.to_string(), c)))
        .collect();
    let mut answers = Vec::with_capacity(burst.sent.len());
    for command in &burst.sent {
        let Some(call) = calls.get(&command.response_url) else {
            anyhow::bail!("`{}` was never answered", command.envelope);
        };
        let text = call.body.to_string();
        anyhow::ensure!(
            text.contains(expected),
            "an answer without {expected:?}: {text}"
        );
        answers.push(call.at.duration_since(command.at));
    }
    Ok((acks, answers))
}

/// Fails if the fake saw anything Slack would refuse.
pub fn no_violations(fake: &FakeSlack) -> anyhow::Result<()> {
    let violations = fake.take_violations();
    let shown: Vec<_> = violations
        .iter()
        .take(5)
        .map(|c| (&c.method, &c.answer))
        .collect();
    anyhow::ensure!(
        violations.is_empty(),
        "Slack would refuse {} calls: {shown:#?}",
        violations.len()
    );
    Ok(())
}
