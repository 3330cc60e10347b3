//! A team, its members and schedules on a fresh database, with a hand-moved clock: the world a
//! scheduling test arranges before it acts.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use hoego::config::SenderSettings;
use hoego::domain::lang::Lang;
use hoego::domain::state::Platform;
use hoego::domain::template::TemplateLibrary;
use hoego::domain::zone::ZoneName;
use hoego::scheduler::Scheduler;
use hoego::sender::{Pacer, Sender};
use hoego::service::clock::ManualClock;
use hoego::service::messenger::Messenger;
use hoego::service::reply::Reply;
use hoego::service::{Actor, Defaults, Interaction, Outcome, Service};
use hoego::store::Store;

use super::messenger::RecordingMessenger;

/// Everything a scheduling test needs.
pub struct World {
    pub store: Store,
    pub clock: ManualClock,
    pub service: Service,
    pub messenger: RecordingMessenger,
}

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

impl World {
    pub fn new(store: Store, start: DateTime<Utc>) -> World {
        let clock = ManualClock::new(start);
        let defaults = Defaults {
            time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
            language: Lang::En,
            answer_window: Duration::from_secs(48 * 3600),
            grace_period: Duration::from_secs(6 * 3600),
            reminder_at_percent: 75,
        };
        let service = Service {
            shown: Default::default(),
            store: store.clone(),
            templates: Arc::new(TemplateLibrary::built_in()),
            clock: Arc::new(clock.clone()),
            defaults,
            guard: Default::default(),
            memories: Default::default(),
            summaries: Default::default(),
            readers: Default::default(),
        };
        World {
            store,
            clock,
            service,
            messenger: RecordingMessenger::new(),
        }
    }

    /// A person in the team; `admin` may change schedules.
    pub fn actor(&self, user: &str, admin: bool) -> Actor {
        Actor {
            platform: Platform::Console,
            team_external_id: "team-1".into(),
            team_name: "Team One".into(),
            user_id: user.into(),
            display_name: user.into(),
            locale: None,
            time_zone: None,
            is_admin: admin,
            is_guest: false,
            channel_id: None,
            limits: super::chat::LIMITS,
            request: None,
        }
    }

    /// Runs a command line as `actor`: the reply when it was done, else the text saying why not.
    pub async fn say(&self, actor: &Actor, line: &str) -> Result<Reply, String> {
        let line = Interaction::Text(line.to_string());
        match self.service.interact(actor, line).await {
            Outcome::Done(reply) => Ok(reply),
            other => Err(other.into_reply().plain_text()),
        }
    }

    pub fn scheduler(&self) -> Scheduler {
        Scheduler::new(
            self.store.clone(),
            Arc::new(self.clock.clone()),
            Duration::from_secs(15),
        )
    }

    pub fn sender(&self) -> Sender {
        self.sender_with(self.messenger.clone())
    }

    pub fn sender_with(&self, messenger: RecordingMessenger) -> Sender {
        unpaced_sender(&self.store, &self.clock, Arc::new(messenger))
    }
}

/// A sender on `store` and `clock` posting through `messenger`, with pacing off (neither a
/// global rate nor an interval per channel), 3 attempts and a 60-second lease.
pub fn unpaced_sender(store: &Store, clock: &ManualClock, messenger: Arc<dyn Messenger>) -> Sender {
    let settings = SenderSettings {
        rate_per_second: 0,
        max_attempts: 3,
        lease: Duration::from_secs(60),
    };
    let clock = Arc::new(clock.clone());
    let unpaced = Pacer::new(0, Duration::ZERO);
    Sender::with_pacer(store.clone(), clock, messenger, settings, unpaced)
}

/// A sender like [`unpaced_sender`] that keeps `rate_per_second` and the messenger's interval
/// per channel, as a deployed one does.
pub fn paced_sender(
    store: &Store,
    clock: &ManualClock,
    messenger: Arc<dyn Messenger>,
    rate_per_second: u32,
) -> Sender {
    let settings = SenderSettings {
        rate_per_second,
        max_attempts: 3,
        lease: Duration::from_secs(60),
    };
    Sender::new(store.clone(), Arc::new(clock.clone()), messenger, settings)
}

/// Steps `sender` until `expected` prompts went out (at most `steps` steps), letting 1.1 s
/// pass between steps on the pacer's clock and on `clock` (so deliveries put back for their
/// channel come due); how many went out.
pub async fn send_all(
    sender: &Sender,
    clock: &ManualClock,
    expected: usize,
    steps: usize,
) -> usize {
    let pause = Duration::from_millis(1100);
    let mut sent = 0;
    for _ in 0..steps {
        sent += sender.step().await.unwrap().sent;
        if sent >= expected {
            break;
        }
        tokio::time::sleep(pause).await;
        clock.advance(chrono::Duration::from_std(pause).unwrap());
    }
    sent
}
