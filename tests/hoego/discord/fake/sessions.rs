//! The gateway's sessions as Discord keeps them: several at once, each of one shard, each with its
//! own sequence and log; a dispatch goes to every session of its guild's shard. Also how a test
//! drives the gateway: dispatches, closes, reconnect requests, invalid sessions, shard counts.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::gateway::guild_update;
use super::{FakeDiscord, Out};

/// One gateway session: its id, its shard, the sequence so far, and every dispatch sent in it.
#[derive(Debug)]
pub struct Session {
    pub id: String,
    /// `[id, count]` as IDENTIFY named it.
    pub shard: (u64, u64),
    pub seq: u64,
    log: Vec<Value>,
    /// Whether a RESUME may continue it.
    pub resumable: bool,
}

impl Session {
    /// A dispatch frame with the next sequence number, kept in the log.
    pub fn dispatch(&mut self, event: &str, data: Value) -> Value {
        self.seq += 1;
        let frame = json!({"op": 0, "t": event, "s": self.seq, "d": data});
        self.log.push(frame.clone());
        frame
    }

    /// What a client that saw up to `seq` missed.
    pub(super) fn missed_since(&self, seq: u64) -> Vec<Value> {
        self.log
            .iter()
            .filter(|f| f["s"].as_u64().is_some_and(|s| s > seq))
            .cloned()
            .collect()
    }

    /// Whether the guild `guild` is on this session's shard.
    pub(super) fn carries(&self, guild: u64) -> bool {
        let (id, count) = self.shard;
        (guild >> 22) % count.max(1) == id
    }
}

/// An open gateway connection and the session it runs, once identified or resumed.
pub(super) struct Open {
    pub id: u64,
    pub session: Option<String>,
    pub out: mpsc::UnboundedSender<Out>,
}

/// Every session and open connection of the gateway.
#[derive(Default)]
pub struct Gateway {
    pub(super) sessions: Vec<Session>,
    pub(super) open: Vec<Open>,
    /// Sessions started so far (READYs sent).
    pub(super) started: usize,
    pub(super) next_connection: u64,
}

impl Gateway {
    /// A new session of `shard`, numbered from the sessions started so far.
    pub(super) fn start(&mut self, shard: (u64, u64)) -> &mut Session {
        self.started += 1;
        self.sessions.retain(|s| s.resumable);
        self.sessions.push(Session {
            id: format!("session-{}", self.started),
            shard,
            seq: 0,
            log: Vec::new(),
            resumable: true,
        });
        self.sessions.last_mut().unwrap()
    }

    /// Runs the connection `connection` in the session `session`.
    pub(super) fn attach(&mut self, connection: u64, session: &str) {
        if let Some(open) = self.open.iter_mut().find(|o| o.id == connection) {
            open.session = Some(session.to_string());
        }
    }

    /// Sends `event` to every session of the guild's shard (shard 0 without a guild).
    pub(super) fn dispatch(&mut self, event: &str, data: &Value) {
        let guild = match event {
            "GUILD_CREATE" | "GUILD_UPDATE" => &data["id"],
            _ => &data["guild_id"],
        };
        let guild = guild.as_str().and_then(|g| g.parse().ok()).unwrap_or(0);
        for session in self.sessions.iter_mut().filter(|s| s.resumable) {
            if !session.carries(guild) {
                continue;
            }
            let frame = session.dispatch(event, data.clone());
            for open in &self.open {
                if open.session.as_deref() == Some(&session.id) {
                    let _ = open.out.send(Out::Frame(frame.clone()));
                }
            }
        }
    }

    /// The shards of the sessions running on an open connection now.
    pub(super) fn connected_shards(&self) -> Vec<(u64, u64)> {
        let running = |open: &Open| {
            let id = open.session.as_deref()?;
            self.sessions.iter().find(|s| s.id == id).map(|s| s.shard)
        };
        self.open.iter().filter_map(running).collect()
    }
}

/// The gateway as a test drives it.
impl FakeDiscord {
    /// Renames the guild: a GUILD_UPDATE now, and its new name in every later GUILD_CREATE.
    pub fn rename_guild(&self, name: &str) {
        *self.shared.renamed.lock().unwrap() = Some(name.to_string());
        self.dispatch("GUILD_UPDATE", guild_update(super::GUILD_ID, name));
    }

    /// The bot joins another guild (announced by GUILD_CREATE to sessions of its shard from now).
    pub fn join_guild(&self, id: &str, name: &str) {
        let guild = (id.to_string(), name.to_string());
        self.shared.more_guilds.lock().unwrap().push(guild);
    }

    /// Makes `GET /gateway/bot` recommend `shards` shards.
    pub fn recommend_shards(&self, shards: u64) {
        self.shared.recommended.store(shards, Ordering::SeqCst);
    }

    /// The shards (`[id, count]`) of the sessions running on an open connection now, one entry
    /// per session.
    pub fn connected_shards(&self) -> Vec<(u64, u64)> {
        self.shared.gateway.lock().unwrap().connected_shards()
    }

    /// The IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.identifies.lock().unwrap().clone()
    }

    /// How many RESUMEs were received.
    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    /// Sends a dispatch to every session of the shard of its `guild_id` (shard 0 without one):
    /// at once on an open connection, otherwise when the client resumes (a dispatch into a
    /// session that is never resumed is lost, as on Discord). An INTERACTION_CREATE starts its
    /// 3-second deadline now.
    pub fn dispatch(&self, event: &'static str, data: Value) {
        if event == "INTERACTION_CREATE" {
            self.shared.interactions.lock().unwrap().dispatched(&data);
        }
        self.shared.gateway.lock().unwrap().dispatch(event, &data);
    }

    /// Closes every open gateway connection with `code`.
    pub fn close_gateway(&self, code: u16) {
        let open = std::mem::take(&mut self.shared.gateway.lock().unwrap().open);
        for open in open {
            let _ = open.out.send(Out::Close(code));
        }
    }

    /// Asks the clients to reconnect and resume (op 7), as Discord does before moving a session.
    pub fn request_reconnect(&self) {
        for open in &self.shared.gateway.lock().unwrap().open {
            let _ = open.out.send(Out::Frame(json!({"op": 7, "d": null})));
        }
    }

    /// Makes every session so far impossible to resume: the next RESUME gets op 9.
    pub fn invalidate_session(&self) {
        for session in &mut self.shared.gateway.lock().unwrap().sessions {
            session.resumable = false;
        }
    }

    /// Waits until at least `identifies` IDENTIFYs and `resumes` RESUMEs were received and a
    /// session is ready.
    pub async fn wait_for_sessions(&self, identifies: usize, resumes: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.identifies().len() < identifies || self.resumes() < resumes {
            assert!(Instant::now() < deadline, "no gateway session came");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// How many sessions were started (READYs sent).
    pub fn sessions_started(&self) -> usize {
        self.shared.gateway.lock().unwrap().started
    }
}
