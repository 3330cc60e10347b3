//! What this process keeps of people in memory, outside the database: a platform's profile and
//! DM-channel caches, forms being filled. Each keeper registers here, and forget-me asks every
//! one of them to forget the person, so nothing of them stays in memory after the database
//! forgot them.

use std::sync::{Mutex, Weak};

/// Something that keeps what it learned of people in memory.
pub trait Remembers: Send + Sync {
    /// Forgets everything kept of `user` in the team `team` (the platform's ids).
    fn forget(&self, team: &str, user: &str);
}

/// Every keeper of memories of people in this process (held weakly: a stopped platform's caches
/// are not kept alive by being listed).
#[derive(Default)]
pub struct Memories(Mutex<Vec<Weak<dyn Remembers>>>);

impl std::fmt::Debug for Memories {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.0.lock().map_or(0, |keepers| keepers.len());
        f.debug_struct("Memories").field("keepers", &count).finish()
    }
}

impl Memories {
    /// Lists `keeper`, to be asked to forget people.
    pub fn register(&self, keeper: Weak<dyn Remembers>) {
        let mut keepers = self.0.lock().unwrap_or_else(|e| e.into_inner());
        keepers.retain(|k| k.strong_count() > 0);
        keepers.push(keeper);
    }

    /// Asks every keeper still alive to forget `user` of `team`.
    pub fn forget(&self, team: &str, user: &str) {
        let keepers: Vec<_> = {
            let mut keepers = self.0.lock().unwrap_or_else(|e| e.into_inner());
            keepers.retain(|k| k.strong_count() > 0);
            keepers.iter().filter_map(Weak::upgrade).collect()
        };
        for keeper in keepers {
            keeper.forget(team, user);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[derive(Default)]
    struct Names(Mutex<Vec<(String, String)>>);

    impl Remembers for Names {
        fn forget(&self, team: &str, user: &str) {
            let mut names = self.0.lock().unwrap();
            names.retain(|(t, u)| (t.as_str(), u.as_str()) != (team, user));
        }
    }

    #[test]
    fn every_keeper_alive_forgets_the_person_and_only_them() {
        let memories = Memories::default();
        let names = Arc::new(Names::default());
        for (team, user) in [("T1", "U1"), ("T1", "U2"), ("T2", "U1")] {
            names.0.lock().unwrap().push((team.into(), user.into()));
        }
        let keeper: Arc<dyn Remembers> = names.clone();
        memories.register(Arc::downgrade(&keeper));
        let gone: Arc<dyn Remembers> = Arc::new(Names::default());
        memories.register(Arc::downgrade(&gone));
        drop(gone);

        memories.forget("T1", "U1");

        let left = names.0.lock().unwrap().clone();
        assert_eq!(
            left,
            vec![("T1".into(), "U2".into()), ("T2".into(), "U1".into())]
        );
        assert_eq!(memories.0.lock().unwrap().len(), 1);
    }
}
