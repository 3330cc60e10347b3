//! The scopes of hoego's Slack app manifest are exactly those the Web API methods hoego calls
//! need: the fake grants the bot exactly the manifest's scopes and answers, as Slack would, with
//! `missing_scope` for anything more; every flow that calls Slack runs once (start, a DM prompt,
//! Answer's modal, a member's command, an export's files, the look-ups before resending a
//! stranded prompt in a DM and in threads of a public and a private channel, a team recap asking
//! who is in a digest channel, the doctor's channel checks on a public and a private channel);
//! then the methods seen are compared with the scope table beside the client, both ways, and the
//! scopes those calls needed with the manifest's.

use crate::on_each_backend;
use crate::support::Backend;
use std::collections::BTreeSet;

use hoego::config::SlackSettings;
use hoego::domain::ids::DeliveryId;
use hoego::domain::lang::Lang;
use hoego::platform::check::{ChannelUse, Check};
use hoego::platform::slack::SlackMessenger;
use hoego::platform::slack::doctor;
use hoego::platform::slack::scopes::{APP_METHODS, BOT_METHODS, COMMANDS, DM_HISTORY, bot_scopes};
use hoego::service::Interaction;
use hoego::service::ids::FormId;
use hoego::service::messenger::{Destination, Messenger, Outgoing, Unpaced};
use hoego::service::reply::Reply;
use secrecy::SecretString;

use super::payloads::{ALICE, BOB};
use super::rounds::{a_round, actor, delivery_of, pressed_answer};
use super::{APP_TOKEN, BOT_TOKEN, SlackApp};

/// Every flow of hoego that calls Slack, once, each step run whatever the one before got: a
/// member's export before any prompt reached them (their DM opened for its files), a DM prompt,
/// Answer's modal, and the doctor's checks of a public and a private channel. Returns the
/// doctor's lines.
async fn every_flow(app: &SlackApp) -> Vec<Check> {
    let deliveries = a_round(app).await;
    let values = [
        ("went-well", "Paired"),
        ("was-hard", "Naming"),
        ("next-week", "Ship"),
    ];
    let values = values.map(|(q, a)| (q.to_string(), a.to_string())).to_vec();
    let alices = delivery_of(&deliveries, &ALICE);
    let submit = Interaction::Submit(FormId::Answer(alices), values);
    app.service.interact(&actor(&ALICE, false), submit).await;
    let (_, _, url) = app.command(&ALICE, "export").await;
    app.answer_at(&url).await;
    let _ = app.sender().step().await;
    let posted = app.fake.calls_of("chat.postMessage");
    if posted.iter().any(|c| c.status == 200) {
        pressed_answer(app, &BOB, delivery_of(&deliveries, &BOB)).await;
    }
    // A team recap for someone outside the schedule: are they in its digest channel?
    let admin = super::payloads::Person {
        id: "UADMIN",
        name: "admin",
    };
    app.fake.add_channel("C0RETRO", "retro", false, true);
    let recap = Interaction::Text("recap 2026 team".into());
    app.service.interact(&actor(&admin, true), recap).await;
    app.fake.add_channel("C0PUBLIC", "retro", false, true);
    app.fake.add_channel("G0PRIVATE", "leads", true, true);
    stranded_look_ups(app, delivery_of(&deliveries, &ALICE)).await;
    let settings = SlackSettings {
        bot_token: Some(SecretString::from(BOT_TOKEN)),
        app_token: Some(SecretString::from(APP_TOKEN)),
        signing_secret: None,
        api_base_url: Some(url::Url::parse(&app.fake.api_url()).unwrap()),
        http_bind: None,
        admin_user_ids: Vec::new(),
    };
    let channels = ["C0PUBLIC", "G0PRIVATE"].map(|id| ChannelUse {
        channel_id: id.into(),
        schedules: vec!["weekly".into()],
    });
    doctor::check(&settings, &channels).await
}

/// The look-ups a restarted hoego makes before sending a stranded prompt again: alice's DM
/// prompt in her DM, and a thread prompt in a public and in a private channel (each thread found
/// by its first message, then read).
async fn stranded_look_ups(app: &SlackApp, alices: DeliveryId) {
    let messenger = app.bot.as_ref().unwrap().messenger();
    let url = url::Url::parse(&app.fake.api_url()).unwrap();
    let restarted = SlackMessenger::connect(BOT_TOKEN, Some(&url)).unwrap();
    let dm = Destination::Direct {
        user_id: ALICE.id.into(),
        dm_channel: None,
    };
    let _ = restarted.find_sent(&prompt(dm, alices.0), &Unpaced).await;
    for channel in ["C0PUBLIC", "G0PRIVATE"] {
        let thread = Destination::Channel {
            channel_id: channel.into(),
            thread: Some("weekly · 2026-12-04".into()),
        };
        let in_thread = prompt(thread, 900);
        let _ = messenger.send(&in_thread).await;
        let _ = restarted.find_sent(&in_thread, &Unpaced).await;
    }
}

fn prompt(to: Destination, delivery: i64) -> Outgoing {
    Outgoing {
        to,
        reply: Reply::text(Lang::En, "What went well this week?"),
        idempotency_key: format!("hoego-d{delivery}"),
        mention: None,
    }
}

fn methods_called_with(app: &SlackApp, token: &str) -> BTreeSet<String> {
    let auth = format!("Bearer {token}");
    let calls = app.fake.calls();
    let with_token = calls
        .iter()
        .filter(|c| c.auth.as_deref() == Some(auth.as_str()));
    with_token.map(|c| c.method.clone()).collect()
}

async fn the_manifest_scopes_are_exactly_those_the_called_methods_need_and_the_table_lists_every_call(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let checks = every_flow(&app).await;
    app.fake.wait_for("files.completeUploadExternal", 1).await;

    assert!(checks.iter().all(|c| !c.failed()), "{checks:#?}");
    let bot_called = methods_called_with(&app, BOT_TOKEN);
    let bot_table: BTreeSet<String> = BOT_METHODS.iter().map(|m| m.method.to_string()).collect();
    assert_eq!(
        bot_called, bot_table,
        "methods called with the bot token vs the scope table"
    );
    let app_called = methods_called_with(&app, APP_TOKEN);
    let app_table: BTreeSet<String> = APP_METHODS.iter().map(|m| m.method.to_string()).collect();
    assert_eq!(
        app_called, app_table,
        "methods called with the app-level token vs the table"
    );
    assert_eq!(app.fake.scope_refusals(), Vec::<(String, String)>::new());

    let bot_auth = format!("Bearer {BOT_TOKEN}");
    let mut needed: BTreeSet<&str> = app
        .fake
        .calls()
        .iter()
        .filter(|c| c.auth.as_deref() == Some(bot_auth.as_str()))
        .filter_map(|c| app.fake.scope_needed(c))
        .collect();
    needed.extend([COMMANDS, DM_HISTORY]);
    let manifest: BTreeSet<&str> = bot_scopes(true).into_iter().collect();
    assert_eq!(
        manifest, needed,
        "the manifest's scopes vs what the calls needed"
    );
    app.finish().await;
}

async fn without_any_one_method_scope_of_the_manifest_some_call_is_refused_for_it(
    backend: Backend,
) {
    let features = [COMMANDS, DM_HISTORY];
    for scope in bot_scopes(true)
        .into_iter()
        .filter(|s| !features.contains(s))
    {
        let Some(app) = SlackApp::start(backend).await else {
            return;
        };
        app.fake.revoke_scope(scope);

        every_flow(&app).await;

        let refused: Vec<String> = app
            .fake
            .scope_refusals()
            .into_iter()
            .map(|(_, needed)| needed)
            .collect();
        assert!(refused.iter().any(|r| r == scope), "{scope}: {refused:?}");
        app.fake.take_violations();
        app.finish().await;
    }
}

on_each_backend!(
    the_manifest_scopes_are_exactly_those_the_called_methods_need_and_the_table_lists_every_call,
    without_any_one_method_scope_of_the_manifest_some_call_is_refused_for_it,
);
