//! A chat platform that lives in memory, written here with no Discord or Slack code: a value
//! implementing `ChatPlatform` (a messenger, a connection, a way to stop), its own `Limits`, and
//! people whose actions become `Interaction`s. Run by the same wiring as `hoego run`
//! (`startup::serve`), it carries the core loop: a schedule fires, the prompt reaches the member,
//! they answer it, and their recap quotes the answer. Adding a platform is this much.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use hoego::app::startup;
use hoego::config::{self, LoadOptions};
use hoego::domain::state::Platform;
use hoego::platform::{ChatPlatform, Connection};
use hoego::service::ids::ActionId;
use hoego::service::messenger::{Destination, Messenger, Outgoing, SendError, Sent};
use hoego::service::reply::{Form, InputShape, Reply};
use hoego::service::{Actor, Interaction, Limits, Outcome, Service};
use hoego::store::Store;
use tokio::sync::{Notify, oneshot};

use crate::both_backends;
use crate::support::world::{World, utc};

/// A platform whose messages hold 300 characters and whose forms show two inputs at a time.
const LIMITS: Limits = Limits {
    message_len: 300,
    block_len: 300,
    form_inputs: 2,
    input_len: 500,
};

/// Everything sent to the platform, in order.
#[derive(Clone, Default)]
struct Inbox {
    sent: Arc<Mutex<Vec<Outgoing>>>,
    arrived: Arc<Notify>,
}

impl Inbox {
    /// The first message sent, waiting up to ten seconds for it.
    async fn first(&self) -> Outgoing {
        let wait = async {
            loop {
                let arrived = self.arrived.notified();
                if let Some(first) = self.sent.lock().unwrap().first() {
                    return first.clone();
                }
                arrived.await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), wait)
            .await
            .expect("a prompt arrives")
    }
}

#[async_trait]
impl Messenger for Inbox {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        let mut sent = self.sent.lock().unwrap();
        sent.push(message.clone());
        self.arrived.notify_waiters();
        let channel_id = match &message.to {
            Destination::Direct { user_id, .. } => format!("memory:{user_id}"),
            Destination::Channel { channel_id, .. } => channel_id.clone(),
        };
        Ok(Sent {
            channel_id,
            message_id: sent.len().to_string(),
        })
    }

    fn limits(&self) -> Limits {
        LIMITS
    }
}

/// The platform: always connected, stopped by dropping it.
struct MemoryPlatform {
    inbox: Inbox,
    connection: Connection,
}

#[async_trait]
impl ChatPlatform for MemoryPlatform {
    fn messenger(&self) -> Arc<dyn Messenger> {
        Arc::new(self.inbox.clone())
    }

    fn connection(&self) -> Connection {
        self.connection.clone()
    }

    async fn stop(self: Box<Self>) {
        self.connection.set(false);
    }
}

/// A person on the platform.
fn person(user: &str, admin: bool) -> Actor {
    Actor {
        platform: Platform::Console,
        team_external_id: "memory".into(),
        team_name: "Memory team".into(),
        user_id: user.into(),
        display_name: user.into(),
        locale: None,
        time_zone: None,
        is_admin: admin,
        is_guest: false,
        channel_id: None,
        limits: LIMITS,
        request: None,
    }
}

/// What `who` typed into each field of `form`, by the field's shape.
fn typed(form: &Form) -> Vec<(String, String)> {
    form.fields
        .iter()
        .map(|field| {
            let text = match &field.input {
                InputShape::Paragraph => "Shipped the importer with Mina".to_string(),
                InputShape::Lines => "docs\nrelease".to_string(),
                InputShape::Number { max, .. } => max.to_string(),
            };
            (field.id.clone(), text)
        })
        .collect()
}

async fn done(service: &Service, who: &Actor, interaction: Interaction) -> Reply {
    match service.interact(who, interaction).await {
        Outcome::Done(reply) => reply,
        other => panic!("expected it done, got {other:?}"),
    }
}

async fn the_core_loop_runs_on_a_platform_of_its_own(store: Store) {
    let world = World::new(store, utc(2026, 12, 4, 7, 0));
    let (service, mina) = (world.service.clone(), person("mina", true));
    let add = Interaction::Text("schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul".into());
    done(&service, &mina, add).await;
    let (mut settings, _) = config::load(&LoadOptions::default()).unwrap();
    settings.scheduler.tick_interval = Duration::from_millis(20);
    settings.sender.rate_per_second = 0;
    let inbox = Inbox::default();
    let platform = MemoryPlatform {
        inbox: inbox.clone(),
        connection: Connection::default(),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let serving = tokio::spawn({
        let service = service.clone();
        async move {
            let until = async {
                let _ = stopped.await;
            };
            startup::serve(Box::new(platform), &settings, service, until).await
        }
    });

    world.clock.set(utc(2026, 12, 4, 8, 0));
    let prompt = inbox.first().await;
    let answer = prompt.reply.actions[0].id;
    let opened = done(&service, &mina, Interaction::Press(answer)).await;
    let form = opened.form.expect("the Answer button opens the form");
    let submit = Interaction::Submit(form.id, typed(&form));
    let saved = done(&service, &mina, submit).await;
    let recap = done(&service, &mina, Interaction::Text("recap week".into())).await;
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();

    assert_eq!(
        prompt.to,
        Destination::Direct {
            user_id: "mina".into(),
            dm_channel: None
        }
    );
    assert!(matches!(answer, ActionId::Answer(_)), "{answer:?}");
    assert!(form.fields.iter().all(|f| f.max_len <= LIMITS.input_len));
    assert!(
        saved.plain_text().starts_with("Saved 5 answers"),
        "{saved:?}"
    );
    assert!(
        recap
            .blocks
            .iter()
            .all(|b| b.chars().count() <= LIMITS.block_len),
        "{recap:?}"
    );
    // The week's post fits one message; a longer one would come as a file.
    let file = recap
        .attachments
        .iter()
        .find(|a| a.filename.ends_with(".md"));
    let document = match file {
        Some(file) => String::from_utf8(file.bytes.clone()).unwrap(),
        None => recap.plain_text(),
    };
    assert!(
        document.contains("Shipped the importer with Mina"),
        "{document}"
    );
}
both_backends!(
    the_core_loop_runs_on_a_platform_of_its_own,
    super::the_core_loop_runs_on_a_platform_of_its_own
);
