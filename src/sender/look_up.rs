//! Before sending a stranded delivery again (its earlier lease ran out: the sender holding it
//! may have posted the prompt and died before recording it), ask the platform whether the
//! prompt is already there, and record it instead of posting a second one.

use super::Sender;
use crate::service::messenger::{Outgoing, SendError, Sent};

impl Sender {
    /// The prompt `message` as the platform already has it, if it does. A rate limit comes back
    /// as such (the delivery waits, no attempt counted); any other failed look-up is logged and
    /// the prompt sent, as before look-ups existed, rather than held back for good.
    pub(super) async fn look_up(&self, message: &Outgoing) -> Result<Option<Sent>, SendError> {
        match self.messenger.find_sent(message, &*self.pacer).await {
            Err(SendError::RateLimited { retry_after }) => {
                Err(SendError::RateLimited { retry_after })
            }
            Err(error) => {
                tracing::warn!(%error, "cannot look up whether a stranded prompt was sent; sending it");
                Ok(None)
            }
            found => found,
        }
    }
}
