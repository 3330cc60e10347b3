//! The messages the background loops send: a round's prompt (its questions, when it closes,
//! Answer and Skip buttons) and the one reminder.

use chrono::Datelike;

use super::i18n::dates::Reader;
use super::i18n::t;
use super::ids::ActionId;
use super::messenger::{Destination, Outgoing};
use super::reply::{Action, Audience, Reply};
use crate::domain::lang::Lang;
use crate::domain::state::DeliveryMode;
use crate::domain::template::{PlaceholderValues, Template};
use crate::domain::zone::ZoneName;
use crate::store::ClaimedDelivery;

/// The prompt for a claimed delivery of `template`, its closing time shown in `zone`.
pub fn prompt(delivery: &ClaimedDelivery, template: &Template, zone: ZoneName) -> Outgoing {
    let lang = delivery.language;
    let values = PlaceholderValues::for_round(
        template,
        delivery.occurrence_local.date(),
        delivery.team_name.clone(),
    );
    let schedule = schedule_label(delivery);
    let header = t(
        lang,
        "prompt.round_open",
        &[
            ("team", &delivery.team_name),
            ("schedule", &schedule),
            ("template", template.name.filled(&values).get(lang)),
        ],
    );
    let questions: Vec<String> = template
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("{}. {}", i + 1, q.text.filled(&values).get(lang)))
        .collect();
    let closes = t(
        lang,
        "prompt.closes",
        &[("when", &reader(delivery, zone).when(delivery.closes_at))],
    );
    let reply = Reply {
        blocks: vec![format!("**{header}**"), questions.join("\n"), closes],
        actions: vec![
            action(lang, ActionId::Answer(delivery.id), "button.answer", true),
            action(lang, ActionId::Skip(delivery.id), "button.skip", false),
        ],
        audience: Audience::OnlyMe,
        ..Reply::new(lang)
    };
    Outgoing {
        to: destination(delivery),
        reply,
        idempotency_key: format!("hoego-d{}", delivery.id),
    }
}

/// The reminder for a delivery whose prompt was sent, posted where the prompt went, its
/// closing time shown in `zone`.
pub fn reminder(delivery: &ClaimedDelivery, zone: ZoneName) -> Outgoing {
    let lang = delivery.language;
    let text = t(
        lang,
        "reminder.closing",
        &[
            ("schedule", &schedule_label(delivery)),
            ("when", &reader(delivery, zone).when(delivery.closes_at)),
        ],
    );
    let to = match (&delivery.platform_channel_id, delivery.delivery) {
        (Some(channel), DeliveryMode::Thread) => Destination::Channel {
            channel_id: channel.clone(),
            thread: None,
        },
        (Some(channel), DeliveryMode::Dm) => Destination::Direct {
            user_id: delivery.user_id.clone(),
            dm_channel: Some(channel.clone()),
        },
        (None, _) => destination(delivery),
    };
    let reply = Reply {
        blocks: vec![text],
        actions: vec![action(
            lang,
            ActionId::Answer(delivery.id),
            "button.answer",
            true,
        )],
        ..Reply::new(lang)
    };
    Outgoing {
        to,
        reply,
        idempotency_key: format!("hoego-r{}", delivery.id),
    }
}

/// Where a delivery's prompt goes: the schedule's channel thread when the member chose threads
/// and the schedule has a channel, otherwise a DM.
pub fn destination(delivery: &ClaimedDelivery) -> Destination {
    match (&delivery.channel_id, delivery.delivery) {
        (Some(channel), DeliveryMode::Thread) => Destination::Channel {
            channel_id: channel.clone(),
            thread: Some(format!(
                "{} · {}",
                schedule_label(delivery),
                delivery.occurrence_local.format("%Y-%m-%d")
            )),
        },
        _ => Destination::Direct {
            user_id: delivery.user_id.clone(),
            dm_channel: delivery.dm_channel_id.clone(),
        },
    }
}

fn schedule_label(delivery: &ClaimedDelivery) -> String {
    delivery
        .schedule_name
        .clone()
        .unwrap_or_else(|| delivery.template_key.clone())
}

fn action(lang: Lang, id: ActionId, label: &str, primary: bool) -> Action {
    Action {
        id,
        label: t(lang, label, &[]),
        primary,
    }
}

/// The member a delivery goes to, as a reader of its times: in their language and zone, in
/// the year their round opened.
fn reader(delivery: &ClaimedDelivery, zone: ZoneName) -> Reader {
    Reader {
        lang: delivery.language,
        zone,
        year: delivery.occurrence_local.year(),
    }
}
