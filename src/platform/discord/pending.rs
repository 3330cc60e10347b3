//! Answer forms being filled in several modals, as last shown (values typed, a refused field's
//! mark), in memory: the answers of earlier pages are kept by the service in the database and
//! survive a restart that this does not. A form is kept an hour (as long as the service keeps
//! its pages), at most [`PER_PERSON`] per person and [`MOST`] in all (the oldest go first), and
//! forget-me forgets a person's.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::service::ids::FormId;
use crate::service::memory::Remembers;
use crate::service::reply::Form;

/// How long a form waits for its next page.
pub const KEPT_FOR: Duration = Duration::from_secs(60 * 60);
/// Most forms one person fills at once (one per open round).
pub const PER_PERSON: usize = 5;
/// Most forms kept in all.
pub const MOST: usize = 10_000;

/// A form being filled in pages by one member, as last shown.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The team (external id, name) the form belongs to, so a submit needs no lookup.
    pub team: (String, String),
    /// The form as last shown (values kept, errors of the last refusal).
    pub form: Form,
}

/// Who fills which form: user id and form.
type Key = (String, FormId);

/// Forms being filled, by (user id, form id), with when each was last shown.
#[derive(Debug, Default)]
pub struct PendingForms(Mutex<HashMap<Key, (Instant, Pending)>>);

impl PendingForms {
    /// Starts (or restarts) filling `form`.
    pub fn start(&self, user: &str, team: (String, String), form: Form) {
        self.start_at(user, team, form, Instant::now());
    }

    /// The form `user` is filling, if any (and shown less than [`KEPT_FOR`] ago).
    pub fn get(&self, user: &str, form_id: FormId) -> Option<Pending> {
        self.get_at(user, form_id, Instant::now())
    }

    /// Forgets a form (saved, or refused for good).
    pub fn finish(&self, user: &str, form_id: FormId) {
        let key = (user.to_string(), form_id);
        self.forms().remove(&key);
    }

    fn forms(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (Instant, Pending)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn start_at(&self, user: &str, team: (String, String), form: Form, now: Instant) {
        let key = (user.to_string(), form.id);
        let mut forms = self.forms();
        forms.retain(|_, (at, _)| now.duration_since(*at) < KEPT_FOR);
        forms.remove(&key);
        while forms.keys().filter(|(u, _)| u == user).count() >= PER_PERSON {
            drop_oldest(&mut forms, |(u, _)| u == user);
        }
        while forms.len() >= MOST {
            drop_oldest(&mut forms, |_| true);
        }
        forms.insert(key, (now, Pending { team, form }));
    }

    fn get_at(&self, user: &str, form_id: FormId, now: Instant) -> Option<Pending> {
        let key = (user.to_string(), form_id);
        let forms = self.forms();
        let (at, pending) = forms.get(&key)?;
        (now.duration_since(*at) < KEPT_FOR).then(|| pending.clone())
    }
}

/// Drops the oldest form whose key passes `which`.
fn drop_oldest(forms: &mut HashMap<Key, (Instant, Pending)>, which: impl Fn(&Key) -> bool) {
    let oldest = forms
        .iter()
        .filter(|(key, _)| which(key))
        .min_by_key(|(_, (at, _))| *at)
        .map(|(key, _)| key.clone());
    if let Some(key) = oldest {
        forms.remove(&key);
    }
}

impl Remembers for PendingForms {
    fn forget(&self, team: &str, user: &str) {
        let mut forms = self.forms();
        forms.retain(|(u, _), (_, pending)| !(u == user && pending.team.0 == team));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;

    fn form(delivery: i64) -> Form {
        Form {
            id: FormId::Answer(DeliveryId(delivery)),
            title: "weekly".into(),
            fields: Vec::new(),
        }
    }

    fn team(id: &str) -> (String, String) {
        (id.to_string(), "Core".to_string())
    }

    fn id(delivery: i64) -> FormId {
        FormId::Answer(DeliveryId(delivery))
    }

    #[test]
    fn a_form_is_kept_an_hour() {
        let forms = PendingForms::default();
        let start = Instant::now();
        forms.start_at("alice", team("G1"), form(1), start);
        let later = start + KEPT_FOR - Duration::from_secs(1);
        assert!(forms.get_at("alice", id(1), later).is_some());
        assert!(forms.get_at("alice", id(1), start + KEPT_FOR).is_none());
        forms.start_at("bob", team("G1"), form(2), start + KEPT_FOR);
        assert_eq!(
            forms.forms().len(),
            1,
            "the expired form went with the next start"
        );
    }

    #[test]
    fn a_person_fills_at_most_five_forms_and_the_oldest_goes() {
        let forms = PendingForms::default();
        let start = Instant::now();
        for n in 0..7 {
            let at = start + Duration::from_secs(n as u64);
            forms.start_at("alice", team("G1"), form(n), at);
        }
        forms.start_at("bob", team("G1"), form(100), start);
        let now = start + Duration::from_secs(10);
        let kept: Vec<bool> = (0..7)
            .map(|n| forms.get_at("alice", id(n), now).is_some())
            .collect();
        assert_eq!(kept, [false, false, true, true, true, true, true]);
        assert!(forms.get_at("bob", id(100), now).is_some());
    }

    #[test]
    fn forget_me_forgets_a_persons_forms_in_that_team_only() {
        let forms = PendingForms::default();
        forms.start("alice", team("G1"), form(1));
        forms.start("alice", team("G2"), form(2));
        forms.start("bob", team("G1"), form(3));
        forms.forget("G1", "alice");
        assert!(forms.get("alice", id(1)).is_none());
        assert!(forms.get("alice", id(2)).is_some());
        assert!(forms.get("bob", id(3)).is_some());
    }
}
