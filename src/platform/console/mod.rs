//! `hoego console`: a local team with one member (you, an admin), in the terminal.
//!
//! Interactive (standard input is a terminal): a greeting, on first start an offer to set up a
//! weekly schedule, then commands (`/hoego …` or bare) and forms asked question by question.
//! Scripted (input is not a terminal): one line per command or answer, each echoed after `> `,
//! nothing asked that the script did not say, and the end of input ends the session.
//! Attachments are written to the output directory and their paths printed; `import <path>`
//! reads a file to import. Prompts from the scheduler arrive through [`Console::messenger`].

mod form;
mod import;
pub mod io;
mod messenger;
mod render;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::io::AsyncBufRead;

use self::io::{ConsoleOutput, Input};
use self::messenger::ConsoleMessenger;
use crate::domain::lang::Lang;
use crate::domain::state::Platform;
use crate::domain::zone::ZoneName;
use crate::service::command::{Command, NewSchedule, ScheduleCommand, SettingsChange};
use crate::service::i18n::t;
use crate::service::ids::ActionId;
use crate::service::messenger::Messenger;
use crate::service::reply::{Action, Reply};
use crate::service::{Actor, Interaction, Limits, Service};

/// The console team's id on the `console` platform.
pub const TEAM_ID: &str = "local";
/// The console team's name: `team.console_name` when set, else the catalog's in `lang`
/// ("Local team", "우리 팀").
pub fn team_name(configured: Option<&str>, lang: Lang) -> String {
    match configured.map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => name.to_string(),
        None => t(lang, "console.team_name", &[]),
    }
}

/// What the terminal shows: replies of about a screen (a longer recap is written as a file with
/// a summary printed), and a form asked one question at a time.
pub const LIMITS: Limits = Limits {
    message_len: 2000,
    block_len: 2000,
    form_inputs: usize::MAX,
    input_len: usize::MAX,
};

/// How a console session runs.
#[derive(Debug, Clone)]
pub struct ConsoleOptions {
    /// Your name (and, lower-cased, your user id): another name is another member.
    pub user: String,
    /// The language to speak (`--lang`); `None` keeps the member's setting.
    pub lang: Option<Lang>,
    /// Where attachments are written.
    pub out_dir: PathBuf,
    /// Whether a person is typing (a terminal) rather than a script.
    pub interactive: bool,
    /// The team's name (see [`team_name`]); the stored team is renamed when it changes.
    pub team_name: String,
}

/// Work a scripted session runs after each line — the scheduler's and sender's steps — so that
/// prompts appear in the transcript in order. Interactive sessions run the background loops
/// instead.
#[async_trait::async_trait]
pub trait AfterLine: Send + Sync {
    /// Runs once after a line has been handled (and once before the first).
    async fn after_line(&self);
}

/// A console session.
pub struct Console {
    after_line: Option<Arc<dyn AfterLine>>,
    service: Service,
    actor: Actor,
    out: Arc<dyn ConsoleOutput>,
    options: ConsoleOptions,
    /// What the conversation and the messenger share.
    shared: Arc<Mutex<Shared>>,
}

/// The buttons shown last, pressed by typing their number.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shared {
    /// The last buttons shown.
    pub actions: Vec<Action>,
}

impl Console {
    /// A session for `options.user` on `service`, writing to `out`.
    pub fn new(service: Service, options: ConsoleOptions, out: Arc<dyn ConsoleOutput>) -> Console {
        let actor = Actor {
            platform: Platform::Console,
            team_external_id: TEAM_ID.into(),
            team_name: options.team_name.clone(),
            user_id: options.user.trim().to_lowercase(),
            display_name: options.user.trim().to_string(),
            locale: options.lang.map(|l| l.code().to_string()),
            time_zone: None,
            is_admin: true,
            is_guest: false,
            channel_id: Some(crate::service::digest::CONSOLE_CHANNEL.into()),
            limits: LIMITS,
            request: None,
        };
        Console {
            after_line: None,
            actor,
            out,
            shared: Arc::new(Mutex::new(Shared::default())),
            service,
            options,
        }
    }

    /// Runs `work` after every scripted line.
    pub fn with_after_line(mut self, work: Arc<dyn AfterLine>) -> Console {
        self.after_line = Some(work);
        self
    }

    async fn catch_up(&self) {
        if let Some(work) = &self.after_line {
            work.after_line().await;
        }
    }

    /// Who the session speaks for.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// What the scheduler and sender send through: prompts and reminders printed in this
    /// session, their buttons pressable by number.
    pub fn messenger(&self) -> Arc<dyn Messenger> {
        Arc::new(ConsoleMessenger::new(self.out.clone(), self.shared.clone()))
    }

    /// Runs the conversation until `quit` or the end of input.
    pub async fn run<R: AsyncBufRead + Unpin>(&self, reader: R) {
        let mut input = Input::new(reader);
        if let Some(lang) = self.options.lang {
            let change = SettingsChange {
                lang: Some(lang),
                ..SettingsChange::default()
            };
            let change = Interaction::Command(Command::UpdateSettings(change));
            self.service.interact(&self.actor, change).await;
        }
        if self.options.interactive {
            self.greet(&mut input).await;
        }
        self.catch_up().await;
        while let Some(line) = self.read(&mut input).await {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            self.echo(line);
            if matches!(line, "quit" | "exit" | "/quit" | "/exit") {
                break;
            }
            let limit = self.service.chat_import_limit();
            let interaction = match (self.pressed(line), import::upload(line, limit)) {
                (Some(action), _) => Interaction::Press(action),
                (None, Some(upload)) => Interaction::Import(upload),
                (None, None) => Interaction::Text(line.to_string()),
            };
            let outcome = self.service.interact(&self.actor, interaction).await;
            self.show(&mut input, outcome.into_reply()).await;
            self.catch_up().await;
        }
    }

    /// Reads a line, after a `> ` prompt in a terminal.
    async fn read<R: AsyncBufRead + Unpin>(&self, input: &mut Input<R>) -> Option<String> {
        if self.options.interactive {
            self.out.write("> ");
        }
        input.next_line().await
    }

    /// Repeats a scripted line after `> `, so the output reads as a transcript.
    fn echo(&self, line: &str) {
        if !self.options.interactive {
            self.out.line(&format!("> {line}"));
        }
    }

    /// The action a typed number presses, if it names one of the last buttons.
    fn pressed(&self, line: &str) -> Option<ActionId> {
        let number: usize = line.parse().ok()?;
        let shared = self.shared.lock().ok()?;
        shared.actions.get(number.checked_sub(1)?).map(|a| a.id)
    }

    /// Prints a reply, writes its attachments, and asks its form.
    async fn show<R: AsyncBufRead + Unpin>(&self, input: &mut Input<R>, reply: Reply) {
        self.show_reply_only(&reply);
        if let Some(form) = reply.form {
            self.fill_form(input, form, reply.lang).await;
        }
    }

    fn show_reply_only(&self, reply: &Reply) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.actions = reply.actions.clone();
        }
        let lang = reply.lang;
        let text = render::reply_text(reply);
        if !text.is_empty() {
            self.out.line(&text);
        }
        for written in render::write_attachments(&self.options.out_dir, &reply.attachments) {
            match written {
                Ok(path) => {
                    let path = path.display().to_string();
                    self.out
                        .line(&t(lang, "console.file_written", &[("path", &path)]));
                }
                Err(problem) => {
                    self.out
                        .line(&t(lang, "console.file_failed", &[("problem", &problem)]));
                }
            }
        }
    }

    /// The greeting, and on first start the offer of a weekly schedule.
    async fn greet<R: AsyncBufRead + Unpin>(&self, input: &mut Input<R>) {
        let args = [
            ("name", self.actor.display_name.as_str()),
            ("team", self.actor.team_name.as_str()),
        ];
        let greeting = self.service.notice(&self.actor, "console.greeting", &args);
        let greeting = greeting.await;
        let lang = greeting.lang;
        self.out.line(&greeting.plain_text());
        if self
            .service
            .has_schedules(&self.actor)
            .await
            .unwrap_or(true)
        {
            return;
        }
        self.out.line(&t(lang, "console.offer_weekly", &[]));
        let Some(answer) = self.read(input).await else {
            return;
        };
        if !is_yes(&answer) {
            return self.out.line(&t(lang, "console.offer_declined", &[]));
        }
        let weekly = ScheduleCommand::Add(NewSchedule {
            template: "weekly".into(),
            cron: "0 17 * * FRI".into(),
            name: Some("weekly".into()),
            ..NewSchedule::default()
        });
        let weekly = Interaction::Command(Command::Schedule(weekly));
        let outcome = self.service.interact(&self.actor, weekly).await;
        self.show_reply_only(outcome.reply());
    }
}

/// This computer's time zone (`TZ`, else the `/etc/localtime` link), for a console team that
/// should ask its questions at local times.
pub fn system_zone() -> Option<ZoneName> {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_string());
    let from_link = || {
        let target = std::fs::read_link("/etc/localtime").ok()?;
        let target = target.to_string_lossy();
        let (_, name) = target.split_once("zoneinfo/")?;
        Some(name.to_string())
    };
    from_env
        .filter(|tz| !tz.is_empty())
        .or_else(from_link)
        .and_then(|name| ZoneName::parse(&name).ok())
}

/// An empty answer or a yes in any language (the catalogs' `console.yes_words`).
fn is_yes(answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    answer.is_empty()
        || Lang::ALL.into_iter().any(|lang| {
            t(lang, "console.yes_words", &[])
                .split(',')
                .any(|word| word.trim() == answer)
        })
}
