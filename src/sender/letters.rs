//! Opening due time capsules: a step claims the letters whose day has come with a lease (as it
//! claims deliveries, so two senders never take the same letter), sends each back — to its
//! author by DM, a team letter in its channel — and records it sent, so it is never sent again,
//! also after a restart. A letter whose day passed while hoego was down is sent by the first step
//! after it starts.

use crate::service::capsules::letter_message;
use crate::service::messenger::SendError;
use crate::store::StoreError;

use super::{BATCH, Sender};

impl Sender {
    /// Sends the letters due now; how many were sent and recorded.
    pub(super) async fn open_letters(&self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let due = self
            .store
            .claim_capsules(&self.owner, now, now + self.lease(), BATCH)
            .await?;
        let mut sent = 0;
        for letter in &due {
            let id = letter.letter.id;
            let message = letter_message(letter);
            match self.messenger.send_paced(&message, &*self.pacer).await {
                Ok(_) => {
                    let at = self.clock.now();
                    if self.store.capsule_delivered(id, &self.owner, at).await? {
                        metrics::counter!("hoego_letters_sent_total").increment(1);
                        sent += 1;
                    }
                }
                Err(SendError::Undeliverable(why)) => {
                    tracing::warn!(capsule = %id, %why, "letter cannot be delivered");
                    self.store.capsule_undeliverable(id).await?;
                }
                // Tried again once its lease runs out.
                Err(error) => tracing::warn!(capsule = %id, %error, "letter not sent yet"),
            }
        }
        Ok(sent)
    }
}
