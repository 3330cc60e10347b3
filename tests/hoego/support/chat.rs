//! A person chatting with hoego through the service, on a store of its own, with a clock the
//! test moves by hand, and helpers that open rounds as the scheduler would.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hoego::domain::ids::{DeliveryId, ScheduleId, TeamId, TemplateVersionId};
use hoego::domain::lang::Lang;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::state::Platform;
use hoego::domain::team::Member;
use hoego::domain::template::TemplateLibrary;
use hoego::domain::visibility::Visibility;
use hoego::domain::zone::ZoneName;
use hoego::service::clock::ManualClock;
use hoego::service::guard::{Guard, Policy};
use hoego::service::ids::{ActionId, FormId};
use hoego::service::quotas::Quotas;
use hoego::service::reply::{Form, Reply};
use hoego::service::{Actor, Defaults, Interaction, Limits, Outcome, Service};
use hoego::store::{AnswerWrite, NewDelivery, NewRound, NewSchedule, Store};

/// The built-in weekly template's source.
pub const WEEKLY: &str = include_str!("../../../config/templates/weekly.toml");
/// The built-in year-end template's source (text, list, scale and resolutions).
pub const YEAR_END: &str = include_str!("../../../config/templates/year-end.toml");

/// What the test platform's messages hold: 2,000 characters (as Discord's), five inputs a form.
pub const LIMITS: Limits = Limits {
    message_len: 2000,
    block_len: 2000,
    form_inputs: 5,
    input_len: 4000,
};

/// `service` with room for as many `schedule run-now` as a test that opens a round of every
/// built-in template makes in one hour (the quota is 6).
pub fn run_now_unlimited(service: &Service) -> Service {
    let policy = Policy {
        quotas: Quotas {
            run_now_per_hour: 1000,
            ..Quotas::default()
        },
        ..service.guard.policy.clone()
    };
    service.clone().with_guard(Guard::new(policy))
}

/// Friday 2026-12-04 09:00 in Seoul.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap()
}

/// One person talking to hoego.
#[derive(Clone)]
pub struct Chat {
    pub service: Service,
    pub clock: ManualClock,
    pub actor: Actor,
}

impl Chat {
    /// `user` in team `T1` (zone Asia/Seoul by default), on `store`.
    pub fn new(store: &Store, user: &str) -> Chat {
        let clock = ManualClock::new(start());
        let service = Service {
            shown: Default::default(),
            store: store.clone(),
            templates: Arc::new(TemplateLibrary::built_in()),
            clock: Arc::new(clock.clone()),
            defaults: Defaults {
                time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
                language: Lang::En,
                answer_window: StdDuration::from_secs(48 * 3600),
                grace_period: StdDuration::from_secs(6 * 3600),
                reminder_at_percent: 75,
            },
            guard: Default::default(),
            memories: Default::default(),
            summaries: Default::default(),
            readers: Default::default(),
        };
        let actor = Actor {
            platform: Platform::Slack,
            team_external_id: "T1".into(),
            team_name: "Core".into(),
            user_id: format!("U-{user}"),
            display_name: user.into(),
            locale: None,
            time_zone: None,
            is_admin: false,
            is_guest: false,
            channel_id: None,
            limits: LIMITS,
            request: None,
        };
        Chat {
            service,
            clock,
            actor,
        }
    }

    /// Another person in the same team, sharing the clock.
    pub fn other(&self, user: &str) -> Chat {
        let mut other = self.clone();
        other.actor.user_id = format!("U-{user}");
        other.actor.display_name = user.into();
        other
    }

    /// Says a line of the text grammar.
    pub async fn say(&self, text: &str) -> Reply {
        let text = Interaction::Text(text.to_string());
        self.service.interact(&self.actor, text).await.into_reply()
    }

    /// Presses a button, given by its id as a platform sends it back (`answer:42`).
    pub async fn press(&self, id: impl std::fmt::Display) -> Reply {
        let action: ActionId = id.to_string().parse().expect("an id hoego makes");
        let press = Interaction::Press(action);
        self.service.interact(&self.actor, press).await.into_reply()
    }

    /// Submits a form, given by its id as a platform sends it back (`answer:42`).
    pub async fn submit(&self, form: impl std::fmt::Display, values: &[(&str, &str)]) -> Outcome {
        let form: FormId = form.to_string().parse().expect("a form id hoego makes");
        let values = values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let submit = Interaction::Submit(form, values);
        self.service.interact(&self.actor, submit).await
    }

    /// The person's team and member rows (registering them).
    pub async fn me(&self) -> (TeamId, Member) {
        let (team, member) = self.service.identify(&self.actor).await.unwrap();
        (team.id, member)
    }

    /// Opens a one-off round of `source` for this person, due now and open for two days.
    pub async fn open_round(&self, key: &str, source: &str) -> DeliveryId {
        self.open_round_of(key, source, None).await
    }

    /// Opens a round of a schedule called `name` (created on first use) for this person.
    pub async fn open_scheduled_round(&self, name: &str, source: &str) -> DeliveryId {
        let (team, _) = self.me().await;
        let store = &self.service.store;
        let now = self.clock.now_utc();
        let template = store.save_template(team, name, source, now).await.unwrap();
        let schedule = friday_schedule(team, name, template);
        let id = store.create_schedule(&schedule, now).await.unwrap();
        self.open_round_of(name, source, Some(id)).await
    }

    async fn open_round_of(
        &self,
        key: &str,
        source: &str,
        schedule: Option<ScheduleId>,
    ) -> DeliveryId {
        let (team, member) = self.me().await;
        let store = &self.service.store;
        let now = self.clock.now_utc();
        let template = store.save_template(team, key, source, now).await.unwrap();
        let closes_at = now + Duration::hours(48);
        let round = NewRound {
            team_id: team,
            schedule_id: schedule,
            template_id: template,
            occurrence_local: now.naive_utc() + Duration::hours(9),
            due_at: now,
            closes_at,
        };
        let round = store.insert_round(&round, now).await.unwrap();
        let delivery = NewDelivery {
            round_id: round,
            member_id: member.id,
            due_at: now,
            closes_at,
            remind_at: None,
        };
        store.insert_delivery(&delivery).await.unwrap()
    }

    /// Adds this person to a round another person's helper opened.
    pub async fn join_round_of(&self, delivery_of_other: DeliveryId) -> DeliveryId {
        let (_, member) = self.me().await;
        let store = &self.service.store;
        let round = store
            .delivery_round(delivery_of_other)
            .await
            .unwrap()
            .expect("the other delivery exists");
        let delivery = NewDelivery {
            round_id: round.round_id,
            member_id: member.id,
            due_at: self.clock.now_utc(),
            closes_at: round.closes_at,
            remind_at: None,
        };
        store.insert_delivery(&delivery).await.unwrap()
    }
}

/// The clock's time, without importing the trait everywhere.
pub trait NowUtc {
    fn now_utc(&self) -> DateTime<Utc>;
}

impl NowUtc for ManualClock {
    fn now_utc(&self) -> DateTime<Utc> {
        use hoego::service::clock::Clock;
        self.now()
    }
}

/// The saved reply, or a panic saying what came instead.
pub fn saved(outcome: Outcome) -> Reply {
    match outcome {
        Outcome::Done(reply) => reply,
        other => panic!("expected Done, got {other:?}"),
    }
}

/// The refused form, or a panic saying what came instead.
pub fn invalid(outcome: Outcome) -> Form {
    match outcome {
        Outcome::Invalid(Reply {
            form: Some(form), ..
        }) => form,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// A schedule of `template` for `team` asking on Fridays at 17:00 in Seoul, open for two days,
/// without reminders or a digest channel: the one most tests need.
pub fn friday_schedule(team: TeamId, name: &str, template: TemplateVersionId) -> NewSchedule {
    NewSchedule {
        team_id: team,
        name: name.into(),
        template_id: template,
        cron: "0 17 * * FRI".into(),
        time_zone: Some("Asia/Seoul".into()),
        channel_id: None,
        digest_channel_id: None,
        digest_group: DigestGrouping::Question,
        window_secs: 48 * 3600,
        reminder_percent: 0,
        grace_secs: 3600,
        next_local: None,
        next_due_at: None,
    }
}

/// A store write of `value` as the team-visible answer to `question`, with nothing that comes
/// from it (no resolutions, milestone or Mandalart).
pub fn team_answer(question: &str, value: &str) -> AnswerWrite {
    AnswerWrite {
        question_id: question.into(),
        value: Some(value.into()),
        visibility: Visibility::Team,
        resolutions: None,
        milestone: None,
        mandalart: None,
    }
}
