//! Set-based reads: the reads of one kind (who is asking, a delivery's round) that arrive
//! while one of them is being read wait for it to finish and are then read together, with one
//! statement, instead of each queueing for a pooled connection of its own. A burst of 200
//! submits then makes a handful of reads rather than 400, and the pool stays free for the
//! commits the acknowledgements wait for.
//!
//! One read of a kind is in flight at a time; the first of a quiet moment is read at once (no
//! waiting for company). When a set-based read fails, each of its waiters reads on its own, so
//! every error is the one that read would have met alone.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use super::StoreError;
use super::identities::Key;
use super::member_deliveries::DeliveryRound;
use crate::domain::ids::DeliveryId;
use crate::domain::team::{Member, Team};

/// The kinds of reads gathered.
#[derive(Debug, Clone, Default)]
pub(super) struct Batched {
    /// Who is asking: a team and, in it, one member, by their platform ids.
    pub identities: Arc<ReadBatch<Key, (Team, Option<Member>)>>,
    /// A delivery with its round and template.
    pub rounds: Arc<ReadBatch<DeliveryId, DeliveryRound>>,
}

/// Reads of one kind, gathered while one is in flight.
#[derive(Debug)]
pub(super) struct ReadBatch<K, V> {
    waiting: Mutex<Waiting<K, V>>,
}

#[derive(Debug)]
struct Waiting<K, V> {
    reads: Vec<(K, oneshot::Sender<Option<V>>)>,
    reading: bool,
}

impl<K, V> Default for ReadBatch<K, V> {
    fn default() -> Self {
        ReadBatch {
            waiting: Mutex::new(Waiting {
                reads: Vec::new(),
                reading: false,
            }),
        }
    }
}

impl<K, V> ReadBatch<K, V>
where
    K: Eq + Hash + Clone + Send + 'static,
    V: Clone + Send + 'static,
{
    /// What `key` reads as (`None` when not found), read together with the keys asked
    /// meanwhile by `read` (which returns what it found, by key); `None` when that read failed,
    /// for the caller to read `key` on its own.
    pub(super) async fn get<R, F>(self: &Arc<Self>, key: K, read: R) -> Option<Option<V>>
    where
        R: FnMut(Vec<K>) -> F + Send + 'static,
        F: Future<Output = Result<HashMap<K, V>, StoreError>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let start = {
            let mut waiting = self.lock();
            waiting.reads.push((key, answer));
            !std::mem::replace(&mut waiting.reading, true)
        };
        if start {
            let reads = self.clone();
            // Its own task: a caller that gives up (a deadline) does not strand the others.
            tokio::spawn(async move { reads.read_while_asked(read).await });
        }
        answered.await.ok()
    }

    /// Reads everything waiting, then what arrived meanwhile, until nothing waits.
    async fn read_while_asked<R, F>(&self, mut read: R)
    where
        R: FnMut(Vec<K>) -> F,
        F: Future<Output = Result<HashMap<K, V>, StoreError>>,
    {
        loop {
            let reads = {
                let mut waiting = self.lock();
                if waiting.reads.is_empty() {
                    waiting.reading = false;
                    return;
                }
                std::mem::take(&mut waiting.reads)
            };
            let mut keys: Vec<K> = reads.iter().map(|(key, _)| key.clone()).collect();
            dedup(&mut keys);
            match read(keys).await {
                Ok(found) => {
                    for (key, answer) in reads {
                        let _ = answer.send(found.get(&key).cloned());
                    }
                }
                Err(error) => {
                    tracing::debug!(%error, "a set-based read failed; each is read alone");
                    // Dropping the answers tells each waiter to read on its own.
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting<K, V>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `keys` without repeats, in their first order.
fn dedup<K: Eq + Hash + Clone>(keys: &mut Vec<K>) {
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    keys.retain(|key| seen.insert(key.clone()));
}
