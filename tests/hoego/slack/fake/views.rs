//! Trigger ids and views as Slack holds them: a trigger id comes with a slash command or an
//! interaction and opens one view within 3 seconds (`expired_trigger_id` after, `exchanged_trigger_id`
//! for a second use, `invalid_trigger_id` for one never issued); a view is checked whole
//! (`invalid_arguments` with Slack's messages) and comes back stateful (`id`, `team_id`, `hash`,
//! `state`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::blocks::{self, Problems};
use super::{FakeSlack, TEAM};

/// How long a trigger id can open a view.
pub const TRIGGER_LIFETIME: Duration = Duration::from_secs(3);

/// Trigger ids issued with envelopes: when, and whether used.
#[derive(Debug)]
pub struct Triggers {
    issued: HashMap<String, (Instant, bool)>,
    /// How long a trigger id lives (3 s unless a test shortens it).
    pub lifetime: Duration,
}

impl Default for Triggers {
    fn default() -> Self {
        Triggers {
            issued: HashMap::new(),
            lifetime: TRIGGER_LIFETIME,
        }
    }
}

impl Triggers {
    /// Remembers the trigger id an envelope's payload carries, issued now.
    pub fn issued(&mut self, payload: &Value) {
        if let Some(trigger) = payload["trigger_id"].as_str() {
            self.issued
                .insert(trigger.to_string(), (Instant::now(), false));
        }
    }

    /// Uses `trigger`: an error word when it cannot open a view.
    fn exchange(&mut self, trigger: Option<&str>) -> Result<(), &'static str> {
        let lifetime = self.lifetime;
        let Some((issued, used)) = trigger.and_then(|t| self.issued.get_mut(t)) else {
            return Err("invalid_trigger_id");
        };
        if *used {
            return Err("exchanged_trigger_id");
        }
        if issued.elapsed() > lifetime {
            return Err("expired_trigger_id");
        }
        *used = true;
        Ok(())
    }
}

/// `views.open`: the opened view, or Slack's error answer.
pub fn open(triggers: &mut Triggers, body: &Value, n: u64) -> Value {
    let view = decoded_view(body);
    let mut problems = Problems::default();
    blocks::view(&view, &mut problems);
    if !problems.0.is_empty() {
        return json!({"ok": false, "error": "invalid_arguments",
                      "response_metadata": {"messages": problems.0}});
    }
    if let Err(error) = triggers.exchange(body["trigger_id"].as_str()) {
        return json!({"ok": false, "error": error});
    }
    let mut view = view;
    view["id"] = json!(format!("V{n}"));
    view["team_id"] = json!(TEAM);
    view["hash"] = json!(format!("h{n}"));
    view["state"] = json!({"values": {}});
    json!({"ok": true, "view": view})
}

/// The view of a request (an object, or its JSON text in a form field).
fn decoded_view(body: &Value) -> Value {
    match &body["view"] {
        Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Trigger ids as a test drives them.
impl FakeSlack {
    /// Issues `trigger` now, as an envelope carrying it would.
    pub fn issue_trigger(&self, trigger: &str) {
        let payload = json!({ "trigger_id": trigger });
        self.shared.triggers.lock().unwrap().issued(&payload);
    }

    /// Shortens the 3 seconds a trigger id can open a view (to test a late `views.open`).
    pub fn set_trigger_lifetime(&self, lifetime: Duration) {
        self.shared.triggers.lock().unwrap().lifetime = lifetime;
    }
}
