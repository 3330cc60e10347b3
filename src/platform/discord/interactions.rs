//! Buttons and modal submits. Prompt buttons carry the service's action ids (`answer:<delivery>`,
//! `skip:<delivery>`, …); a form opens as a modal (in pages of five questions, `more:<form>@<page>`
//! continuing); a submit is committed before the reply acknowledges it, and when nothing could be
//! saved the reply gives back everything typed.

use serenity::all::{
    ComponentInteraction, Context, CreateInteractionResponse, Interaction, ModalInteraction, User,
};

use super::modal::{self, INPUTS_PER_MODAL};
use super::{Data, Error, actor, render};
use crate::domain::lang::Lang;
use crate::service::i18n::t;
use crate::service::reply::{Action, Form, Reply};
use crate::service::{Actor, SubmitOutcome};

/// How long a submit may take before it is deferred (acknowledged now, answered by editing the
/// response once committed): one request when the database is quick, a fast acknowledgement when
/// it is not.
const DEFER_AFTER: std::time::Duration = std::time::Duration::from_millis(25);
/// A button that opens the next page of a form being filled.
const MORE: &str = "more:";

/// Who pressed or submitted, when known.
enum Who {
    /// The member.
    Known(Actor),
    /// The action names nothing of theirs.
    Unknown,
    /// The database could not say (a DM press, whose team only the database knows).
    Unreachable,
}

/// A button was pressed.
pub async fn on_press(
    ctx: &Context,
    data: &Data,
    press: &ComponentInteraction,
) -> Result<(), Error> {
    let id = press.data.custom_id.as_str();
    let more = id.strip_prefix(MORE);
    let form_id = more.map(|m| modal::parse_modal_id(m).0);
    let interaction = Interaction::Component(press.clone());
    let who = who(
        data,
        &interaction,
        &press.user,
        form_id.as_deref().unwrap_or(id),
    )
    .await;
    let response = match (who, more) {
        (Who::Known(actor), Some(page)) => reopen(data, &actor, page).await,
        (Who::Known(actor), None) => {
            let reply = data.service.press(&actor, id).await;
            opened(data, &actor, reply)
        }
        (other, _) => message(&unknown(data, &press.locale, other, &[])),
    };
    press.create_response(ctx, response).await?;
    Ok(())
}

/// A modal was submitted. Alone, it is answered at once when the work is quick, otherwise
/// deferred after [`DEFER_AFTER`]; in a burst (other submits being handled) it is deferred
/// first, so its acknowledgement does not wait behind the others' database work. A deferred
/// submit is answered by editing the response once the answers are committed (or could not be).
pub async fn on_submit(ctx: &Context, data: &Data, submit: &ModalInteraction) -> Result<(), Error> {
    let (others, _counted) = data.submits.enter();
    let work = submitted_reply(data, submit);
    if others > 0 {
        return deferred(ctx, submit, work).await;
    }
    tokio::pin!(work);
    tokio::select! {
        reply = &mut work => {
            submit.create_response(ctx, message(&reply)).await?;
            Ok(())
        }
        () = tokio::time::sleep(DEFER_AFTER) => deferred(ctx, submit, work).await,
    }
}

/// Acknowledges `submit` now and edits the response into the reply once `work` has it.
async fn deferred(
    ctx: &Context,
    submit: &ModalInteraction,
    work: impl Future<Output = Reply>,
) -> Result<(), Error> {
    submit.defer_ephemeral(ctx).await?;
    let reply = work.await;
    submit
        .edit_response(ctx, render::edit_response(&reply))
        .await?;
    Ok(())
}

/// The reply to a submitted modal: the next page's Continue button, or what became of the form.
async fn submitted_reply(data: &Data, submit: &ModalInteraction) -> Reply {
    let (form_id, page) = modal::parse_modal_id(&submit.data.custom_id);
    let interaction = Interaction::Modal(submit.clone());
    let typed = modal::submitted_values(&submit.data);
    let actor = match who(data, &interaction, &submit.user, &form_id).await {
        Who::Known(actor) => actor,
        other => return unknown(data, &submit.locale, other, &typed),
    };
    let values = data.forms.add(&actor.user_id, &form_id, typed);
    let pending = data.forms.get(&actor.user_id, &form_id);
    let pages = pending.as_ref().map_or(1, |p| modal::page_count(&p.form));
    if page + 1 < pages {
        let lang = data.service.language_of(&actor).await;
        return next_page(lang, &form_id, page + 1, pages);
    }
    let outcome = data.service.submit(&actor, &form_id, values).await;
    submitted(data, &actor, &form_id, outcome).await
}

fn message(reply: &Reply) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(render::response_message(reply))
}

/// The reply when the member's team cannot be known, giving back anything typed.
fn unknown(data: &Data, locale: &str, who: Who, typed: &[(String, String)]) -> Reply {
    let lang = if locale.is_empty() {
        data.service.defaults.language
    } else {
        Lang::from_locale(locale)
    };
    let key = match who {
        Who::Unreachable => "error.database_unreachable",
        _ => "answer.not_found",
    };
    let mut blocks = vec![t(lang, key, &[])];
    let texts: Vec<&str> = typed
        .iter()
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
        .collect();
    if !texts.is_empty() {
        blocks.push(t(lang, "answer.given_back", &[]));
        blocks.push(texts.join("\n\n"));
    }
    Reply {
        blocks,
        ..Reply::default()
    }
}

/// The response to a pressed button's reply: a form opens as a modal.
fn opened(data: &Data, actor: &Actor, reply: Reply) -> CreateInteractionResponse {
    match reply.form.clone() {
        Some(form) => {
            let modal = modal::modal(&form, 0);
            data.forms.start(&actor.user_id, team_of(actor), form);
            CreateInteractionResponse::Modal(modal)
        }
        None => CreateInteractionResponse::Message(render::response_message(&reply)),
    }
}

/// Opens page `form@page` of a form being filled.
async fn reopen(data: &Data, actor: &Actor, modal_id: &str) -> CreateInteractionResponse {
    let (form_id, page) = modal::parse_modal_id(modal_id);
    match data.forms.get(&actor.user_id, &form_id) {
        Some(pending) => CreateInteractionResponse::Modal(modal::modal(&pending.form, page)),
        None => {
            let lang = data.service.language_of(actor).await;
            let reply = Reply::text(t(lang, "discord.form_gone", &[]));
            CreateInteractionResponse::Message(render::response_message(&reply))
        }
    }
}

/// "Answers 1 of 2 are kept" with a Continue button for the next page.
fn next_page(lang: Lang, form_id: &str, page: usize, pages: usize) -> Reply {
    let (shown, total) = (page.to_string(), pages.to_string());
    let mut reply = Reply::text(t(
        lang,
        "discord.next_page",
        &[("page", &shown), ("pages", &total)],
    ));
    reply.actions.push(Action {
        id: format!("{MORE}{form_id}@{page}"),
        label: t(lang, "discord.continue", &[]),
        primary: true,
    });
    reply
}

/// The reply to a whole submitted form.
async fn submitted(data: &Data, actor: &Actor, form_id: &str, outcome: SubmitOutcome) -> Reply {
    match outcome {
        SubmitOutcome::Invalid(form) => {
            let lang = data.service.language_of(actor).await;
            let reply = refused(lang, &form);
            data.forms.start(&actor.user_id, team_of(actor), form);
            reply
        }
        SubmitOutcome::Saved(reply) | SubmitOutcome::Refused(reply) => {
            data.forms.finish(&actor.user_id, form_id);
            reply
        }
        SubmitOutcome::Unavailable { reply } => reply,
    }
}

/// Each refused answer with its reason, and a button to fix them (what was typed is kept).
fn refused(lang: Lang, form: &Form) -> Reply {
    let mut lines = vec![t(lang, "discord.refused", &[])];
    for (index, field) in form.fields.iter().enumerate() {
        if let Some(error) = &field.error {
            lines.push(format!("{}. {} — {error}", index + 1, field.label));
        }
    }
    let first = form
        .fields
        .iter()
        .position(|f| f.error.is_some())
        .unwrap_or(0);
    let mut reply = Reply::text(lines.join("\n"));
    reply.actions.push(Action {
        id: format!("{MORE}{}@{}", form.id, first / INPUTS_PER_MODAL),
        label: t(lang, "discord.fix", &[]),
        primary: true,
    });
    reply
}

fn team_of(actor: &Actor) -> (String, String) {
    (actor.team_external_id.clone(), actor.team_name.clone())
}

/// Who pressed or submitted: in a guild, its member; in a DM, the member of the team of the form
/// being filled, or of the delivery `action_id` names.
async fn who(data: &Data, interaction: &Interaction, user: &User, action_id: &str) -> Who {
    let (guild, member, locale) = match interaction {
        Interaction::Component(i) => (i.guild_id, i.member.as_ref(), i.locale.as_str()),
        Interaction::Modal(i) => (i.guild_id, i.member.as_ref(), i.locale.as_str()),
        _ => (None, None, ""),
    };
    let user_id = user.id.to_string();
    let pending = data.forms.get(&user_id, action_id).map(|p| p.team);
    let team = match (guild, pending) {
        (Some(guild), _) => actor::guild_team(guild),
        (None, Some(team)) => team,
        (None, None) => {
            let platform = crate::domain::state::Platform::Discord;
            match data
                .service
                .team_of_action(platform, &user_id, action_id)
                .await
            {
                Ok(Some(team)) => team,
                Ok(None) => return Who::Unknown,
                Err(error) => {
                    tracing::warn!(error = %error, "cannot find the team of a DM interaction");
                    return Who::Unreachable;
                }
            }
        }
    };
    Who::Known(actor::actor(team, user, member, locale))
}
