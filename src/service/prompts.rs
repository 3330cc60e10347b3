//! The messages the background loops send: a round's prompt (its questions, when it closes,
//! Answer and Skip buttons) and the one reminder.

use chrono::Datelike;

use super::i18n::dates::Reader;
use super::i18n::t;
use super::ids::ActionId;
use super::messenger::{Destination, Outgoing};
use super::recalls::Recalls;
use super::reply::{Action, Audience, Recalled, Reply};
use crate::domain::lang::Lang;
use crate::domain::recap::inert::inert;
use crate::domain::state::DeliveryMode;
use crate::domain::template::{PlaceholderValues, Template};
use crate::domain::zone::ZoneName;
use crate::store::ClaimedDelivery;

/// The prompt for a claimed delivery of `template`, its closing time shown in `zone`, each
/// question followed by the earlier answer it recalls from `recalls` (given only for a prompt
/// sent to the member alone: a DM).
pub fn prompt(
    delivery: &ClaimedDelivery,
    template: &Template,
    zone: ZoneName,
    recalls: &Recalls,
) -> Outgoing {
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
        .map(|(i, q)| {
            let text = format!("{}. {}", i + 1, q.text.filled(&values).get(lang));
            match recalls.get(q.id.as_str()) {
                Some(recall) => format!("{text}\n    ↺ {}", recalled_line(recall)),
                None => text,
            }
        })
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
    let to = destination(delivery);
    Outgoing {
        mention: mention_in(&to, delivery),
        to,
        reply,
        idempotency_key: format!("hoego-d{}", delivery.id),
    }
}

/// The most characters of an earlier answer a prompt quotes (a prompt is one message).
const RECALL_IN_PROMPT: usize = 300;

/// An earlier answer on one line under its question: the intro, then the answer made inert,
/// its lines joined by ` · `, cut at [`RECALL_IN_PROMPT`] characters.
fn recalled_line(recall: &Recalled) -> String {
    let lines: Vec<String> = recall.text.lines().map(|l| inert(l.trim())).collect();
    let text = lines.join(" · ");
    let cut: String = text.chars().take(RECALL_IN_PROMPT).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{} {cut}{more}", recall.intro)
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
        mention: mention_in(&to, delivery),
        to,
        reply,
        idempotency_key: format!("hoego-r{}", delivery.id),
    }
}

/// The member, when their message goes to a shared channel or thread (a DM names nobody).
fn mention_in(to: &Destination, delivery: &ClaimedDelivery) -> Option<String> {
    match to {
        Destination::Channel { .. } => Some(delivery.user_id.clone()),
        Destination::Direct { .. } => None,
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
