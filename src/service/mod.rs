//! Use cases: each platform turns what a person did into one typed [`Interaction`], hands it to
//! [`Service::interact`], and renders the [`reply::Reply`] of the [`Outcome`] it gets back, so
//! behaviour is written once, here.

mod answers;
pub mod asker;
pub mod capsules;
pub mod channel_readers;
pub mod clock;
pub mod command;
pub mod digest;
mod dispatch;
pub mod error;
mod export;
mod export_plans;
mod forget;
mod forms;
mod grid_form;
pub mod guard;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod interaction;
pub mod limits;
mod mandalart;
mod mandalart_check;
mod mandalart_share;
pub mod members;
pub mod membership;
pub mod memory;
pub mod messenger;
pub mod milestones;
mod pages;
mod privacy;
pub mod prompts;
mod questions;
pub mod quotas;
pub mod recalls;
pub mod recap;
mod recap_milestones;
pub mod recap_query;
mod recap_reply;
mod recap_then_now;
pub mod reply;
mod resolutions;
mod rounds;
mod run_now;
mod schedule_add;
pub mod schedule_changes;
mod schedule_input;
mod schedule_list;
pub mod schedules;
mod settings;
pub mod shard_leases;
pub mod shown;
mod submit;
pub mod summary;
pub mod syntax;
mod team_grid_form;
mod team_mandalart;
mod team_view;

pub use interaction::{Interaction, Outcome, PageSubmit};
pub use limits::Limits;

use std::sync::Arc;
use std::time::Duration;

use self::clock::Clock;
use self::guard::Guard;
use crate::domain::ids::RequestId;
use crate::domain::lang::Lang;
use crate::domain::state::Platform;
use crate::domain::template::TemplateLibrary;
use crate::domain::zone::ZoneName;
use crate::store::Store;

/// Who is asking: the platform adapter fills this from the incoming event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The platform.
    pub platform: Platform,
    /// The team's id on the platform (guild id, workspace id, `local` for the console).
    pub team_external_id: String,
    /// The team's name as the platform gives it (a guild's or workspace's name); empty while
    /// the platform has not given it, and the team keeps the name it has.
    pub team_name: String,
    /// The person's platform user id.
    pub user_id: String,
    /// The person's display name; empty when the platform has not given it, and a known member
    /// keeps the name they have (a new one is named by their user id).
    pub display_name: String,
    /// The platform's locale for the person (e.g. `ko`, `en-US`), if it gives one.
    pub locale: Option<String>,
    /// The platform's time zone for the person (Slack profiles have one), used as their first
    /// zone.
    pub time_zone: Option<ZoneName>,
    /// Whether the platform says the person may change schedules (Discord Manage Server, Slack
    /// admin or configured list).
    pub is_admin: bool,
    /// Whether the platform says the person is a guest (Slack's single- and multi-channel
    /// guests): guests get no team views.
    pub is_guest: bool,
    /// The channel the person wrote in, when the platform says (a public team recap is posted
    /// only in a schedule's digest channel).
    pub channel_id: Option<String>,
    /// What the person's platform shows: replies are shaped to fit.
    pub limits: Limits,
    /// The platform's id of this request, when it gives one: a state change claims it, so the
    /// same request seen by two replicas (or delivered twice) changes things once.
    pub request: Option<RequestId>,
}

/// Defaults that apply to new teams and new schedules.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// Zone for teams and members who have set none.
    pub time_zone: ZoneName,
    /// Language when the platform gives no locale.
    pub language: Lang,
    /// How long a round stays open.
    pub answer_window: Duration,
    /// How late a missed prompt may still be sent.
    pub grace_period: Duration,
    /// Reminder point in percent of the window (0 = none).
    pub reminder_at_percent: u8,
}

/// The use cases, shared by every platform and background loop.
#[derive(Clone)]
pub struct Service {
    /// The database.
    pub store: Store,
    /// The templates teams can use.
    pub templates: Arc<TemplateLibrary>,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Defaults for new teams and schedules.
    pub defaults: Defaults,
    /// The question labels of forms recently shown, for giving back what the database could
    /// not take.
    pub shown: Arc<shown::ShownForms>,
    /// The limits on work per request, member and team, and their counts.
    pub guard: Guard,
    /// What the platforms keep of people in memory, forgotten with forget-me.
    pub memories: Arc<memory::Memories>,
    /// The optional written summary's endpoint and per-team counts.
    pub summaries: summary::Summaries,
    /// Who may read a channel, asked of the platform (digest readers get team recaps).
    pub readers: Arc<channel_readers::ChannelReaders>,
}

impl Service {
    /// The use cases on `store`, offering `templates`, telling time by `clock`.
    pub fn new(
        store: Store,
        templates: Arc<TemplateLibrary>,
        clock: Arc<dyn Clock>,
        defaults: Defaults,
    ) -> Service {
        Service {
            store,
            templates,
            clock,
            defaults,
            shown: Arc::default(),
            guard: Guard::default(),
            memories: Arc::default(),
            summaries: summary::Summaries::default(),
            readers: Arc::default(),
        }
    }

    /// The same use cases under `guard`'s limits.
    pub fn with_guard(self, guard: Guard) -> Service {
        Service { guard, ..self }
    }

    /// The same use cases writing summaries with `summaries`.
    pub fn with_summaries(self, summaries: summary::Summaries) -> Service {
        Service { summaries, ..self }
    }
}
