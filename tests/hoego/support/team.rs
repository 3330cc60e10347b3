//! A team answering weekly `pulse` rounds (text, list and scale questions) through the store,
//! for recap and digest tests.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::ids::{RoundId, TeamId, TemplateVersionId};
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::recap::{Recap, Scope};
use hoego::domain::team::Member;
use hoego::domain::visibility::Visibility;
use hoego::domain::zone::ZoneName;
use hoego::service::recap::RecapOrder;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, NewSchedule, Store};

use super::chat::{Chat, friday_schedule};

/// A template with a text, a list and a scale question.
const PULSE: &str = r#"
id = "pulse"
[name]
en = "Pulse"
ko = "펄스"
[description]
en = "Week {week}."
ko = "{week}주차."
[[questions]]
id = "note"
kind = "text"
[questions.text]
en = "What happened in week {week}?"
ko = "{week}주차에는 무슨 일이 있었나요?"
[[questions]]
id = "next"
kind = "list"
[questions.text]
en = "Next?"
ko = "다음은?"
[[questions]]
id = "energy"
kind = "scale"
[questions.text]
en = "Energy?"
ko = "에너지는?"
[questions.low]
en = "low"
ko = "낮음"
[questions.high]
en = "high"
ko = "높음"
"#;

/// One answer to write: question, value, visibility.
pub type Given = (&'static str, String, Visibility);

/// A team of members answering weekly `pulse` rounds in 2026, written through the store.
pub struct Team {
    pub chat: Chat,
    pub team: TeamId,
    pub members: Vec<Member>,
    template: TemplateVersionId,
    schedule: hoego::domain::ids::ScheduleId,
}

impl Team {
    pub async fn new(store: &Store, names: &[&str], digest_channel: Option<&str>) -> Team {
        Self::new_in(Lang::En, store, names, digest_channel).await
    }

    /// [`Team::new`] for a team whose language (its digests') is `lang`.
    pub async fn new_in(
        lang: Lang,
        store: &Store,
        names: &[&str],
        digest_channel: Option<&str>,
    ) -> Team {
        let mut chat = Chat::new(store, names[0]);
        chat.service.defaults.language = lang;
        let mut members = Vec::new();
        for name in names {
            members.push(chat.other(name).me().await.1);
        }
        let team = members[0].team_id;
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let template = store
            .save_template(team, "pulse", PULSE, now)
            .await
            .unwrap();
        let name = match lang {
            Lang::Ko => "펄스",
            Lang::En => "pulse",
        };
        let schedule = NewSchedule {
            digest_channel_id: digest_channel.map(str::to_string),
            ..friday_schedule(team, name, template)
        };
        let schedule = store.create_schedule(&schedule, now).await.unwrap();
        Team {
            chat,
            team,
            members,
            template,
            schedule,
        }
    }

    /// Another schedule of the same team asking `pulse`, whose digests go to `digest_channel`;
    /// its rounds ask only as many members as [`Team::round`] is given answers for, and the
    /// members named by `participants` take part in it.
    pub async fn another_schedule(
        &self,
        name: &str,
        digest_channel: &str,
        participants: &[usize],
    ) -> Team {
        let store = &self.chat.service.store;
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let schedule = NewSchedule {
            team_id: self.team,
            name: name.into(),
            template_id: self.template,
            cron: "0 9 * * MON".into(),
            time_zone: Some("Asia/Seoul".into()),
            channel_id: None,
            digest_channel_id: Some(digest_channel.to_string()),
            digest_group: DigestGrouping::Question,
            window_secs: 48 * 3600,
            reminder_percent: 0,
            grace_secs: 3600,
            next_local: None,
            next_due_at: None,
        };
        let schedule = store.create_schedule(&schedule, now).await.unwrap();
        for &i in participants {
            let member = self.members[i].id;
            store
                .add_participant(schedule, member, now, None)
                .await
                .unwrap();
        }
        Team {
            chat: self.chat.clone(),
            team: self.team,
            members: self.members.clone(),
            template: self.template,
            schedule,
        }
    }

    /// A round on the Friday of ISO week `week` of 2026, 17:00 in Seoul; each member's answers
    /// (`None`: not answered) are saved with their visibility.
    pub async fn round(&self, week: u32, answers: &[Option<Vec<Given>>]) -> RoundId {
        let store = &self.chat.service.store;
        let date = NaiveDate::from_isoywd_opt(2026, week, chrono::Weekday::Fri).unwrap();
        let local = date.and_hms_opt(17, 0, 0).unwrap();
        let due = Utc.from_utc_datetime(&(local - Duration::hours(9)));
        let closes = due + Duration::hours(48);
        let round = NewRound {
            team_id: self.team,
            schedule_id: Some(self.schedule),
            template_id: self.template,
            occurrence_local: local,
            due_at: due,
            closes_at: closes,
        };
        let round = store.insert_round(&round, due).await.unwrap();
        for (member, given) in self.members.iter().zip(answers) {
            let delivery = NewDelivery {
                round_id: round,
                member_id: member.id,
                due_at: due,
                closes_at: closes,
                remind_at: None,
            };
            let delivery = store.insert_delivery(&delivery).await.unwrap();
            let Some(given) = given else { continue };
            let writes: Vec<AnswerWrite> = given
                .iter()
                .map(|(question, value, visibility)| AnswerWrite {
                    question_id: question.to_string(),
                    value: Some(value.clone()),
                    visibility: *visibility,
                    resolutions: None,
                    milestone: None,
                    mandalart: None,
                })
                .collect();
            let at = due + Duration::hours(1);
            store
                .save_answers(delivery, member.id, &writes, at)
                .await
                .unwrap();
        }
        round
    }

    pub async fn close_all(&self) -> Vec<RoundId> {
        let store = &self.chat.service.store;
        let end = Utc.with_ymd_and_hms(2027, 1, 10, 0, 0, 0).unwrap();
        store.close_ended_rounds(end).await.unwrap().0
    }

    pub async fn recap(&self, scope: Scope, period: &str, member: usize) -> Recap {
        self.recap_in(Lang::En, scope, period, member).await
    }

    /// The recap of `period` for `scope`, as `members[member]` reads it, in `lang`.
    pub async fn recap_in(&self, lang: Lang, scope: Scope, period: &str, member: usize) -> Recap {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let order = RecapOrder {
            team: self
                .chat
                .service
                .identify(&self.chat.actor)
                .await
                .unwrap()
                .0,
            member: Some(self.members[member].clone()),
            scope,
            period: Period::parse(period, today).unwrap(),
            zone: ZoneName::parse("Asia/Seoul").unwrap(),
            lang,
            shared_only: false,
            digest_channel: None,
            today,
            max_lines: hoego::domain::recap::RecapRequest::MAX_LINES,
        };
        self.chat.service.compile_recap(&order).await.unwrap()
    }
}

/// A team-visible answer to `note`.
pub fn team(value: &str) -> Given {
    ("note", value.to_string(), Visibility::Team)
}
