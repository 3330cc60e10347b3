//! The console as a [`Messenger`]: prompts, reminders and digests the scheduler and sender
//! send are printed in the session, and their buttons can be pressed by typing their number.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::io::ConsoleOutput;
use super::render::reply_text;
use super::{LIMITS, Shared};
use crate::service::Limits;
use crate::service::messenger::{Destination, Messenger, Outgoing, SendError, Sent};

/// Prints what is sent; every message lands in the one console channel.
pub(super) struct ConsoleMessenger {
    out: Arc<dyn ConsoleOutput>,
    shared: Arc<Mutex<Shared>>,
    sent: AtomicU64,
}

impl ConsoleMessenger {
    pub(super) fn new(out: Arc<dyn ConsoleOutput>, shared: Arc<Mutex<Shared>>) -> Self {
        ConsoleMessenger {
            out,
            shared,
            sent: AtomicU64::new(0),
        }
    }
}

#[async_trait]
impl Messenger for ConsoleMessenger {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        let number = self.sent.fetch_add(1, Ordering::Relaxed) + 1;
        if let Ok(mut shared) = self.shared.lock() {
            shared.actions = message.reply.actions.clone();
        }
        let text = reply_text(&message.reply);
        self.out.line(&format!("\n── hoego ──\n{text}\n"));
        let channel_id = match &message.to {
            Destination::Direct { user_id, .. } => format!("console:{user_id}"),
            Destination::Channel { channel_id, .. } => channel_id.clone(),
        };
        Ok(Sent {
            channel_id,
            message_id: number.to_string(),
        })
    }

    fn limits(&self) -> Limits {
        LIMITS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;
    use crate::domain::lang::Lang;
    use crate::platform::console::io::Captured;
    use crate::service::ids::ActionId;
    use crate::service::reply::{Action, Reply};

    #[tokio::test]
    async fn a_sent_prompt_is_printed_with_its_buttons_numbered() {
        let out = Arc::new(Captured::default());
        let shared = Arc::new(Mutex::new(Shared::default()));
        let messenger = ConsoleMessenger::new(out.clone(), shared.clone());
        let reply = Reply {
            actions: vec![Action {
                id: ActionId::Answer(DeliveryId(7)),
                label: "Answer".into(),
                primary: true,
            }],
            ..Reply::text(
                Lang::Ko,
                "Core · weekly: time for your Weekly retrospective",
            )
        };
        let message = Outgoing {
            to: Destination::Direct {
                user_id: "me".into(),
                dm_channel: None,
            },
            reply,
            idempotency_key: "d7".into(),
            mention: None,
        };

        let sent = messenger.send(&message).await.unwrap();

        assert_eq!(sent.message_id, "1");
        let text = out.text();
        assert!(
            text.contains("time for your Weekly retrospective"),
            "{text}"
        );
        assert!(
            text.contains("[1] Answer (번호를 입력해 골라 주세요)"),
            "{text}"
        );
        assert_eq!(
            shared.lock().unwrap().actions[0].id,
            ActionId::Answer(DeliveryId(7))
        );
    }
}
