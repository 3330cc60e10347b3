//! Scenario 5, across processes: forget-me handled by one process has every other process on
//! the same PostgreSQL forget the person in memory too (a `NOTIFY` each one listens to); on
//! SQLite there is one process, and it forgets in its own memory.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hoego::service::memory::Remembers;
use hoego::store::{Dialect, Store};
use tokio::sync::watch;

use crate::both_backends;
use crate::support::chat::Chat;

/// A keeper of memories that notes whom it was asked to forget.
#[derive(Default)]
struct Notes(Mutex<Vec<(String, String)>>);

impl Remembers for Notes {
    fn forget(&self, team: &str, user: &str) {
        self.0.lock().unwrap().push((team.into(), user.into()));
    }
}

impl Notes {
    fn heard(&self) -> Vec<(String, String)> {
        self.0.lock().unwrap().clone()
    }
}

/// A process of its own (its own service and memory) on `store`, with a keeper listed.
fn process(store: &Store, user: &str) -> (Chat, Arc<Notes>, Arc<dyn Remembers>) {
    let chat = Chat::new(store, user);
    let notes = Arc::new(Notes::default());
    let kept: Arc<dyn Remembers> = notes.clone();
    chat.service.memories.register(Arc::downgrade(&kept));
    (chat, notes, kept)
}

async fn forget_me_reaches_every_process_sharing_the_database(store: Store) {
    let (mina, here, _kept_here) = process(&store, "mina");
    let (other, there, _kept_there) = process(&store, "joon");
    other.say("help").await;
    let (stop, stopped) = watch::channel(false);
    let listening = other.service.forgotten_listener().await.unwrap();
    let listens = store.dialect() == Dialect::Postgres;
    assert_eq!(
        listening.is_some(),
        listens,
        "only PostgreSQL has other processes"
    );
    let task = listening.map(|listener| {
        let service = other.service.clone();
        tokio::spawn(async move { service.keep_forgetting(listener, stopped).await })
    });

    let done = mina.say("forget-me confirm").await.plain_text();
    assert!(done.starts_with("Done."), "{done}");

    let mina_key = ("T1".to_string(), "U-mina".to_string());
    let expected = vec![mina_key];
    assert_eq!(here.heard(), expected, "the process that handled it");
    if listens {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while there.heard().is_empty() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(there.heard(), expected, "the other process");
    }
    let _ = stop.send(true);
    if let Some(task) = task {
        tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("the listener stops when asked")
            .unwrap();
    }
}
both_backends!(
    forget_me_in_every_process,
    super::forget_me_reaches_every_process_sharing_the_database
);
