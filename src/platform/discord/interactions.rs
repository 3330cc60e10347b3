//! Buttons and modal submits. Prompt buttons carry the service's action ids; a form opens as a
//! modal (in pages of five questions kept by the service, a Continue button opening the next); a
//! submit is committed before the reply acknowledges it, and when nothing could be saved the
//! reply gives back everything typed. A press or submit another replica handled (its state
//! change claimed by the interaction's id, or its response refused with 40060) gets no answer
//! from here.

mod answer;

use serenity::all::{ComponentInteraction, Context, Interaction as Event, ModalInteraction, User};

use self::answer::{Answer, message, modal_answer, more_files};

use super::errors::{already_acknowledged, answered_here};
use super::{Data, Error, actor, modal, render};
use crate::domain::ids::{DeliveryId, RequestId};
use crate::domain::state::Platform;
use crate::service::i18n::t;
use crate::service::ids::{ActionId, FormId, FormPage};
use crate::service::reply::{Action, Reply};
use crate::service::{Actor, Interaction, Outcome, PageSubmit};

/// How long a submit may take before it is deferred (acknowledged now, answered by editing the
/// response once committed): one request when the database is quick, a fast acknowledgement when
/// it is not.
const DEFER_AFTER: std::time::Duration = std::time::Duration::from_millis(25);

/// Who pressed or submitted: the member, or the outcome when their team cannot be known (a DM
/// press whose team only the database knows).
type Who = Result<Actor, Outcome>;

/// A button was pressed.
pub async fn on_press(
    ctx: &Context,
    data: &Data,
    press: &ComponentInteraction,
) -> Result<(), Error> {
    let action = press.data.custom_id.parse::<ActionId>().ok();
    let form = match action {
        Some(ActionId::Continue(page)) => Some(page.form),
        _ => None,
    };
    let delivery = action.and_then(|a| a.delivery());
    let event = Event::Component(press.clone());
    let response = match who(data, &event, &press.user, form, delivery, &[]).await {
        Ok(actor) => match action {
            Some(ActionId::Continue(page)) => reopen(data, &actor, page).await,
            Some(action) => {
                let outcome = data
                    .service
                    .interact(&actor, Interaction::Press(action))
                    .await;
                outcome.shown().map(|reply| opened(data, &actor, reply))
            }
            None => {
                let outcome = data
                    .service
                    .interact(&actor, Interaction::UnknownPress)
                    .await;
                outcome.shown().as_ref().map(message)
            }
        },
        Err(outcome) => Some(message(outcome.reply())),
    };
    // None: another replica handled the same press and answers it.
    let Some(Answer(response, more)) = response else {
        return Ok(());
    };
    let sent = press.create_response(ctx, response).await;
    if sent.is_ok() {
        for follow_up in more {
            press.create_followup(ctx, follow_up).await?;
        }
    }
    answered_here(sent, "press")
}

/// A modal was submitted. Alone, it is answered at once when the work is quick, otherwise
/// deferred after [`DEFER_AFTER`]; in a burst (other submits being handled) it is deferred
/// first, so its acknowledgement does not wait behind the others' database work. A deferred
/// submit is answered by editing the response once the answers are committed (or could not be).
pub async fn on_submit(ctx: &Context, data: &Data, submit: &ModalInteraction) -> Result<(), Error> {
    let (others, _counted) = data.submits.enter();
    let work = submitted_reply(data, submit);
    if others > 0 {
        return deferred(ctx, data, submit, work).await;
    }
    tokio::pin!(work);
    tokio::select! {
        reply = &mut work => match reply {
            Some(reply) => answer_submit(ctx, submit, &reply).await,
            // Another replica handled the same submit and answers it.
            None => Ok(()),
        },
        () = tokio::time::sleep(DEFER_AFTER) => deferred(ctx, data, submit, work).await,
    }
}

/// Answers `submit` with `reply`. When Discord says it was acknowledged already, another
/// replica deferred it and then found it handled here: its deferral waits for this reply, which
/// is edited into it.
async fn answer_submit(
    ctx: &Context,
    submit: &ModalInteraction,
    reply: &Reply,
) -> Result<(), Error> {
    let Answer(response, more) = message(reply);
    let mut sent = submit.create_response(ctx, response).await;
    if sent.as_ref().is_err_and(already_acknowledged) {
        let edited = submit
            .edit_response(ctx, render::edit_response(reply))
            .await;
        match edited {
            Ok(_) => more_files(ctx, submit, more).await?,
            Err(error) => tracing::info!(error = %error, "no deferred response to fill in"),
        }
    } else if sent.is_ok() {
        sent = more_files(ctx, submit, more).await;
    }
    answered_here(sent, "submit")
}

/// Acknowledges `submit` now and edits the response into the reply once `work` has it.
async fn deferred(
    ctx: &Context,
    data: &Data,
    submit: &ModalInteraction,
    work: impl Future<Output = Option<Reply>>,
) -> Result<(), Error> {
    let acknowledging = data.submits.acknowledging();
    let deferred = submit.defer_ephemeral(ctx).await;
    drop(acknowledging);
    if deferred.is_err() {
        return answered_here(deferred, "submit");
    }
    // In a burst, the others' acknowledgements go out before this one's database work.
    data.submits.after_acknowledgements().await;
    let Some(reply) = work.await else {
        tracing::info!("a submit deferred here was handled by another replica");
        return Ok(());
    };
    submit
        .edit_response(ctx, render::edit_response(&reply))
        .await?;
    more_files(ctx, submit, render::follow_ups(&reply)).await?;
    Ok(())
}

/// The reply to a submitted modal: the next page's Continue button, or what became of the form;
/// none when another replica handled the same submit.
async fn submitted_reply(data: &Data, submit: &ModalInteraction) -> Option<Reply> {
    let typed = modal::submitted_values(&submit.data);
    let Ok(page) = submit.data.custom_id.parse::<FormPage>() else {
        let outcome = data.service.unplaced(locale(&submit.locale), false, &typed);
        return Some(outcome.into_reply());
    };
    let (form, delivery) = (page.form, page.form.delivery());
    let event = Event::Modal(submit.clone());
    let actor = match who(data, &event, &submit.user, Some(form), delivery, &typed).await {
        Ok(actor) => actor,
        Err(outcome) => return Some(outcome.into_reply()),
    };
    let interaction = match page.page {
        Some(at) => Interaction::Page(PageSubmit {
            form,
            page: at,
            per_page: super::LIMITS.form_inputs,
            values: typed,
        }),
        None => Interaction::Submit(form, typed),
    };
    let outcome = data.service.interact(&actor, interaction).await;
    submitted(data, &actor, form, outcome)
}

/// The response to a pressed button's reply: a form opens as a modal.
fn opened(data: &Data, actor: &Actor, reply: Reply) -> Answer {
    match reply.form.clone() {
        Some(form) => {
            let modal = modal::modal(&form, 0);
            data.forms.start(&actor.user_id, team_of(actor), form);
            modal_answer(modal)
        }
        None => message(&reply),
    }
}

/// Opens a page of a form being filled: as last shown here, or after a restart the form the
/// service gives (with the answers of the pages it kept).
async fn reopen(data: &Data, actor: &Actor, page: FormPage) -> Option<Answer> {
    let at = page.page.unwrap_or(0);
    if let Some(pending) = data.forms.get(&actor.user_id, page.form) {
        return Some(modal_answer(modal::modal(&pending.form, at)));
    }
    let outcome = data
        .service
        .interact(actor, Interaction::Press(ActionId::Continue(page)))
        .await;
    let reply = outcome.shown()?;
    Some(match reply.form.clone() {
        Some(form) => {
            let modal = modal::modal(&form, at.min(modal::page_count(&form) - 1));
            data.forms.start(&actor.user_id, team_of(actor), form);
            modal_answer(modal)
        }
        None => message(&reply),
    })
}

/// The reply to a whole submitted form.
fn submitted(data: &Data, actor: &Actor, form: FormId, outcome: Outcome) -> Option<Reply> {
    Some(match outcome {
        Outcome::Invalid(mut reply) => {
            if let Some(refused) = reply.form.take() {
                reply = fix(reply, &refused);
                data.forms.start(&actor.user_id, team_of(actor), refused);
            }
            reply
        }
        // A page kept by the service, with the Continue button for the next: still filling.
        Outcome::Done(reply) if reply.actions.iter().any(|a| continues(a.id)) => reply,
        Outcome::Done(reply) | Outcome::Refused(reply) => {
            data.forms.finish(&actor.user_id, form);
            reply
        }
        Outcome::Unavailable(reply) => reply,
        Outcome::Elsewhere(_) => return None,
    })
}

/// Each refused answer with its reason, and a button to fix them (what was typed is kept).
fn fix(mut reply: Reply, form: &crate::service::reply::Form) -> Reply {
    let mut lines = vec![t(reply.lang, "discord.refused", &[])];
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
    reply.blocks.push(lines.join("\n"));
    let page = FormPage {
        form: form.id,
        page: Some(modal::page_of(first)),
    };
    reply.actions.push(Action {
        id: ActionId::Continue(page),
        label: t(reply.lang, "discord.fix", &[]),
        primary: true,
    });
    reply
}

fn continues(action: ActionId) -> bool {
    matches!(action, ActionId::Continue(_))
}

fn team_of(actor: &Actor) -> (String, String) {
    (actor.team_external_id.clone(), actor.team_name.clone())
}

fn locale(locale: &str) -> Option<&str> {
    Some(locale).filter(|l| !l.is_empty())
}

/// Who pressed or submitted: in a guild, its member; in a DM, the member of the team of the form
/// being filled, or of the delivery the id names.
async fn who(
    data: &Data,
    event: &Event,
    user: &User,
    form: Option<FormId>,
    delivery: Option<DeliveryId>,
    typed: &[(String, String)],
) -> Who {
    let (guild, member, locale) = match event {
        Event::Component(i) => (i.guild_id, i.member.as_ref(), i.locale.as_str()),
        Event::Modal(i) => (i.guild_id, i.member.as_ref(), i.locale.as_str()),
        _ => (None, None, ""),
    };
    let user_id = user.id.to_string();
    let pending = form.and_then(|form| data.forms.get(&user_id, form).map(|p| p.team));
    let team = match (guild, pending, delivery) {
        (Some(guild), _, _) => actor::guild_team(guild, &data.guilds),
        (None, Some(team), _) => team,
        (None, None, Some(delivery)) => {
            let platform = Platform::Discord;
            match data
                .service
                .team_of_delivery(platform, &user_id, delivery)
                .await
            {
                Ok(Some(team)) => team,
                Ok(None) => return Err(data.service.unplaced(self::locale(locale), false, typed)),
                Err(error) => {
                    tracing::warn!(error = %error, "cannot find the team of a DM interaction");
                    return Err(data.service.unplaced(self::locale(locale), true, typed));
                }
            }
        }
        (None, None, None) => {
            return Err(data.service.unplaced(self::locale(locale), false, typed));
        }
    };
    let mut actor = actor::actor(team, user, member, locale);
    actor.request = Some(RequestId::discord(event.id()));
    Ok(actor)
}
