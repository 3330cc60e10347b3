//! The generated [`Year`] written through a store: the three built-in templates with a
//! schedule each, every round with its deliveries and answers (each with its visibility), and
//! recaps of it compiled by the service.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::ids::{ScheduleId, TemplateVersionId};
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::{Recap, RecapRequest, Scope};
use hoego::domain::team::Member;
use hoego::domain::zone::ZoneName;
use hoego::service::recap::RecapOrder;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, Store};

use super::chat::{Chat, friday_schedule};
use super::year::{TEMPLATES, Year};

/// A team that lived the generated year, in a store.
pub struct StoredYear {
    pub chat: Chat,
    pub members: Vec<Member>,
}

impl StoredYear {
    /// Writes `year` into `store`.
    pub async fn write(store: &Store, year: &Year) -> StoredYear {
        let chat = Chat::new(store, year.names[0]);
        let mut members = Vec::new();
        for name in year.names {
            members.push(chat.other(name).me().await.1);
        }
        let team = members[0].team_id;
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut templates: Vec<(&str, TemplateVersionId, ScheduleId)> = Vec::new();
        for (id, source) in TEMPLATES {
            let version = store.save_template(team, id, source, now).await.unwrap();
            let schedule = friday_schedule(team, id, version);
            let schedule = store.create_schedule(&schedule, now).await.unwrap();
            templates.push((id, version, schedule));
        }
        for round in &year.rounds {
            let &(_, version, schedule) = templates
                .iter()
                .find(|(id, _, _)| *id == round.template)
                .unwrap();
            let local = round.date.and_hms_opt(17, 0, 0).unwrap();
            let due = Utc.from_utc_datetime(&(local - Duration::hours(9)));
            let closes = due + Duration::hours(48);
            let new = NewRound {
                team_id: team,
                schedule_id: Some(schedule),
                template_id: version,
                occurrence_local: local,
                due_at: due,
                closes_at: closes,
            };
            let id = store.insert_round(&new, due).await.unwrap();
            for (member, given) in members.iter().zip(&round.answers) {
                let delivery = NewDelivery {
                    round_id: id,
                    member_id: member.id,
                    due_at: due,
                    closes_at: closes,
                    remind_at: None,
                };
                let delivery = store.insert_delivery(&delivery).await.unwrap();
                let Some(given) = given else { continue };
                let writes: Vec<AnswerWrite> = given
                    .iter()
                    .map(|g| AnswerWrite {
                        question_id: g.question.to_string(),
                        value: Some(g.value.clone()),
                        visibility: g.visibility,
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
        }
        let end = Utc.with_ymd_and_hms(2027, 1, 10, 0, 0, 0).unwrap();
        store.close_ended_rounds(end).await.unwrap();
        StoredYear { chat, members }
    }

    /// The recap of 2026 for `scope` as the first member reads it, through the service.
    pub async fn recap(&self, lang: Lang, scope: Scope) -> Recap {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let service = &self.chat.service;
        let order = RecapOrder {
            team: service.identify(&self.chat.actor).await.unwrap().0,
            member: Some(self.members[0].clone()),
            scope,
            period: Period::parse("2026", today).unwrap(),
            zone: ZoneName::parse("Asia/Seoul").unwrap(),
            lang,
            shared_only: false,
            digest_channel: None,
            today,
            max_lines: RecapRequest::MAX_LINES,
        };
        service.compile_recap(&order).await.unwrap()
    }
}
