//! Buttons and modal submits. Prompt buttons carry the service's action ids; a form opens as a
//! modal (in pages of five questions, a Continue button opening the next); a submit is committed
//! before the reply acknowledges it, and when nothing could be saved the reply gives back
//! everything typed.

use serenity::all::{
    ComponentInteraction, Context, CreateInteractionResponse, Interaction as Event,
    ModalInteraction, User,
};

use super::{Data, Error, actor, modal, render};
use crate::domain::ids::DeliveryId;
use crate::domain::state::Platform;
use crate::service::i18n::t;
use crate::service::ids::{ActionId, FormId, FormPage};
use crate::service::reply::{Action, Reply};
use crate::service::{Actor, Interaction, Outcome};

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
                opened(data, &actor, outcome.into_reply())
            }
            None => {
                let outcome = data
                    .service
                    .interact(&actor, Interaction::UnknownPress)
                    .await;
                message(outcome.reply())
            }
        },
        Err(outcome) => message(outcome.reply()),
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
    let typed = modal::submitted_values(&submit.data);
    let Ok(page) = submit.data.custom_id.parse::<FormPage>() else {
        let outcome = data.service.unplaced(locale(&submit.locale), false, &typed);
        return outcome.into_reply();
    };
    let (form, delivery) = (page.form, page.form.delivery());
    let event = Event::Modal(submit.clone());
    let actor = match who(data, &event, &submit.user, Some(form), delivery, &typed).await {
        Ok(actor) => actor,
        Err(outcome) => return outcome.into_reply(),
    };
    let values = data.forms.add(&actor.user_id, form, typed);
    let pending = data.forms.get(&actor.user_id, form);
    let pages = pending.as_ref().map_or(1, |p| modal::page_count(&p.form));
    let next = page.page.unwrap_or(0) + 1;
    if next < pages {
        return next_page(data, &actor, form, next, pages).await;
    }
    let outcome = data
        .service
        .interact(&actor, Interaction::Submit(form, values))
        .await;
    submitted(data, &actor, form, outcome)
}

fn message(reply: &Reply) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(render::response_message(reply))
}

/// The response to a pressed button's reply: a form opens as a modal.
fn opened(data: &Data, actor: &Actor, reply: Reply) -> CreateInteractionResponse {
    match reply.form.clone() {
        Some(form) => {
            let modal = modal::modal(&form, 0);
            data.forms.start(&actor.user_id, team_of(actor), form);
            CreateInteractionResponse::Modal(modal)
        }
        None => message(&reply),
    }
}

/// Opens a page of a form being filled.
async fn reopen(data: &Data, actor: &Actor, page: FormPage) -> CreateInteractionResponse {
    match data.forms.get(&actor.user_id, page.form) {
        Some(pending) => {
            let modal = modal::modal(&pending.form, page.page.unwrap_or(0));
            CreateInteractionResponse::Modal(modal)
        }
        None => message(&data.service.notice(actor, "discord.form_gone", &[]).await),
    }
}

/// "Answers 1 of 2 are kept" with a Continue button for the next page.
async fn next_page(data: &Data, actor: &Actor, form: FormId, page: usize, pages: usize) -> Reply {
    let (shown, total) = (page.to_string(), pages.to_string());
    let args = [("page", shown.as_str()), ("pages", total.as_str())];
    let mut reply = data.service.notice(actor, "discord.next_page", &args).await;
    reply.actions.push(Action {
        id: ActionId::Continue(FormPage {
            form,
            page: Some(page),
        }),
        label: t(reply.lang, "discord.continue", &[]),
        primary: true,
    });
    reply
}

/// The reply to a whole submitted form.
fn submitted(data: &Data, actor: &Actor, form: FormId, outcome: Outcome) -> Reply {
    match outcome {
        Outcome::Invalid(mut reply) => {
            if let Some(refused) = reply.form.take() {
                reply = fix(reply, &refused);
                data.forms.start(&actor.user_id, team_of(actor), refused);
            }
            reply
        }
        Outcome::Done(reply) | Outcome::Refused(reply) => {
            data.forms.finish(&actor.user_id, form);
            reply
        }
        Outcome::Unavailable(reply) => reply,
    }
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
        (Some(guild), _, _) => actor::guild_team(guild),
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
    Ok(actor::actor(team, user, member, locale))
}
