//! The invite's permissions match what hoego does in a server channel: the fake Discord, which
//! applies Discord's permission rules to its channels, grants the bot's role exactly the
//! invite's permissions and every channel operation of the messenger succeeds (a digest with a
//! file, a thread opened and posted in, a notice, the thread prompt found again by a restarted
//! messenger); take any one permission away and some operation is refused. `hoego setup discord` prints the invite for the token's application.

use hoego::domain::ids::DeliveryId;
use hoego::domain::lang::Lang;
use hoego::platform::discord::DiscordMessenger;
use hoego::platform::discord::permissions::{OPERATIONS, needed};
use hoego::service::ids::ActionId;
use hoego::service::messenger::{Destination, Messenger, Outgoing, SendError, Sent, Unpaced};
use hoego::service::reply::{Action, Attachment, Reply};

use super::fake::{APP_ID, FakeDiscord};
use crate::support::binary::{hoego, stderr, stdout};

/// The server and the schedule's channel.
const GUILD: &str = "8000";
const CHANNEL: &str = "5100";

/// A fake server whose bot role has `permissions`.
async fn server(permissions: u64) -> FakeDiscord {
    let fake = FakeDiscord::with_token("bot-token").await;
    fake.add_guild(GUILD, "Team", permissions);
    fake.add_channel(GUILD, CHANNEL, "retro");
    fake
}

/// Everything the messenger does in a server channel, each result in order.
async fn every_channel_operation(fake: &FakeDiscord) -> Vec<Result<Sent, SendError>> {
    let messenger = DiscordMessenger::new("bot-token", Some(fake.base_url()));
    let mut digest = Reply::text(Lang::En, "Week 49 digest");
    digest.attachments.push(Attachment {
        filename: "hoego-digest-2026-12-04.md".into(),
        content_type: "text/markdown".into(),
        bytes: b"# Week 49\n".to_vec(),
    });
    let channel = |thread: Option<&str>| Destination::Channel {
        channel_id: CHANNEL.into(),
        thread: thread.map(str::to_string),
    };
    let to_channel = Outgoing {
        to: channel(None),
        reply: digest,
        idempotency_key: "digest:1".into(),
        mention: None,
    };
    let mut prompt = Reply::text(Lang::En, "What went well this week?");
    prompt.actions.push(Action {
        id: ActionId::Answer(DeliveryId(1)),
        label: "Answer".into(),
        primary: true,
    });
    let in_thread = Outgoing {
        to: channel(Some("Weekly · 2026-12-04")),
        reply: prompt,
        idempotency_key: "hoego-d1".into(),
        mention: None,
    };
    let mut results = vec![
        messenger.send(&to_channel).await,
        messenger.send(&in_thread).await,
        messenger
            .notice(CHANNEL, "6000", Lang::En, "Your DMs are closed.")
            .await,
    ];
    // A restarted hoego looks for the thread prompt before posting it again.
    let restarted = DiscordMessenger::new("bot-token", Some(fake.base_url()));
    let found = restarted.find_sent(&in_thread, &Unpaced).await;
    results.push(found.and_then(|f| f.ok_or(SendError::Failed("not found in its thread".into()))));
    results
}

#[tokio::test]
async fn with_exactly_the_invite_permissions_every_channel_operation_succeeds() {
    let fake = server(needed().bits()).await;

    let results = every_channel_operation(&fake).await;

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let refused: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.status == 403)
        .collect();
    assert!(refused.is_empty(), "{refused:#?}");
    let files = fake.requests_to("POST", &format!("/channels/{CHANNEL}/messages"));
    assert!(
        files
            .iter()
            .any(|r| r.body["_files"].as_array().is_some_and(|f| f.len() == 1))
    );
    assert_eq!(fake.requests_to("POST", "/threads").len(), 1);
}

#[tokio::test]
async fn without_any_one_invite_permission_some_channel_operation_is_refused() {
    for operation in OPERATIONS {
        let fake = server((needed() - operation.permission).bits()).await;

        let results = every_channel_operation(&fake).await;

        let refused = fake
            .requests()
            .into_iter()
            .filter(|r| r.status == 403)
            .count();
        assert!(
            results.iter().any(Result::is_err) && refused > 0,
            "without {:?} ({}), nothing failed: {results:?}",
            operation.permission,
            operation.what
        );
    }
}

#[tokio::test]
async fn hoego_setup_discord_prints_the_invite_of_the_tokens_application() {
    let fake = FakeDiscord::with_token("bot-token").await;
    let vars = [
        ("HOEGO_DISCORD__TOKEN", "bot-token".to_string()),
        ("HOEGO_DISCORD__API_BASE_URL", fake.base_url()),
    ];

    let output = hoego(&["setup", "discord"], &vars).await;

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = format!(
        "https://discord.com/oauth2/authorize?client_id={APP_ID}&scope=bot+applications.commands&permissions={}\n",
        needed().bits()
    );
    assert_eq!(stdout(&output), expected);
    let said = stderr(&output);
    assert!(
        said.contains("View Channel") && said.contains("Attach Files"),
        "{said}"
    );
    assert_eq!(fake.requests_to("GET", "/oauth2/applications/@me").len(), 1);
}

#[tokio::test]
async fn hoego_setup_discord_without_a_token_exits_2_and_with_a_refused_one_exits_1() {
    let fake = FakeDiscord::with_token("bot-token").await;
    fake.refuse_token();
    let base = ("HOEGO_DISCORD__API_BASE_URL", fake.base_url());

    let unset = hoego(&["setup", "discord"], std::slice::from_ref(&base)).await;
    let refused = hoego(
        &["setup", "discord"],
        &[base, ("HOEGO_DISCORD__TOKEN", "stale".to_string())],
    )
    .await;

    assert_eq!(unset.status.code(), Some(2));
    assert!(
        stderr(&unset).contains("HOEGO_DISCORD__TOKEN"),
        "{}",
        stderr(&unset)
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("Reset Token"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(stdout(&refused), "");
}

#[test]
fn the_readme_quotes_the_invite_permissions_hoego_computes() {
    let readme = include_str!("../../../README.md");

    assert!(
        readme.contains(&format!("`permissions={}`", needed().bits())),
        "README.md's Discord set-up names another permissions integer"
    );
}
