//! The question labels of the answer forms this process recently showed, by person and form, so
//! that a submission the database cannot take is given back labelled by its questions (the
//! template lives in the database, which is exactly what cannot be read then).

use std::collections::HashMap;
use std::sync::Mutex;

use super::Actor;
use super::ids::FormId;
use super::reply::Form;

/// Most forms remembered; past it the memory starts again (a lost label falls back to the id).
const MOST: usize = 10_000;

/// Who was shown which form: team, person, form.
type Key = (String, String, FormId);

/// Question labels of recently shown forms.
#[derive(Debug, Default)]
pub struct ShownForms {
    labels: Mutex<HashMap<Key, Vec<(String, String)>>>,
}

impl ShownForms {
    /// Remembers the labels of `form`, shown to `actor`.
    pub fn remember(&self, actor: &Actor, form: &Form) {
        let labels = form
            .fields
            .iter()
            .map(|f| (f.id.clone(), f.label.clone()))
            .collect();
        let mut shown = self.labels.lock().unwrap_or_else(|e| e.into_inner());
        if shown.len() >= MOST {
            shown.clear();
        }
        shown.insert(key(actor, form.id), labels);
    }

    /// Forgets every form shown to `user` of `team`.
    pub fn forget(&self, team: &str, user: &str) {
        let mut shown = self.labels.lock().unwrap_or_else(|e| e.into_inner());
        shown.retain(|(t, u, _), _| (t.as_str(), u.as_str()) != (team, user));
    }

    /// The labels of `form` as last shown to `actor`: `(question id, label)`.
    pub fn labels(&self, actor: &Actor, form: FormId) -> Vec<(String, String)> {
        let shown = self.labels.lock().unwrap_or_else(|e| e.into_inner());
        shown.get(&key(actor, form)).cloned().unwrap_or_default()
    }
}

fn key(actor: &Actor, form: FormId) -> Key {
    (actor.team_external_id.clone(), actor.user_id.clone(), form)
}
