//! What answers a press or a submit: the response, and the follow-ups carrying the files it has
//! no room for (Discord takes ten a message), sent after it in order.

use serenity::all::{
    Context, CreateInteractionResponse, CreateInteractionResponseFollowup, CreateModal,
    ModalInteraction,
};

use crate::platform::discord::render;
use crate::service::reply::Reply;

/// A response, and the follow-ups carrying the files it has no room for.
pub(super) struct Answer(
    pub CreateInteractionResponse,
    pub Vec<CreateInteractionResponseFollowup>,
);

/// `reply` as a message response and its follow-ups.
pub(super) fn message(reply: &Reply) -> Answer {
    let response = CreateInteractionResponse::Message(render::response_message(reply));
    Answer(response, render::follow_ups(reply))
}

/// A modal opened: nothing follows it.
pub(super) fn modal_answer(modal: CreateModal) -> Answer {
    Answer(CreateInteractionResponse::Modal(modal), Vec::new())
}

/// Sends the follow-ups carrying the files a submit's response had no room for, in order.
pub(super) async fn more_files(
    ctx: &Context,
    submit: &ModalInteraction,
    more: Vec<CreateInteractionResponseFollowup>,
) -> Result<(), serenity::Error> {
    for follow_up in more {
        submit.create_followup(ctx, follow_up).await?;
    }
    Ok(())
}
