//! A member's year with more pictures than a Discord message takes: a template with a note,
//! twelve scale questions (a trend chart each) and a Mandalart, answered on four Fridays of 2026
//! with a Mandalart for 2027 in the last, so the recap of 2026 attaches fourteen files.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::ids::{MemberId, TeamId};
use hoego::domain::mandalart::Grid;
use hoego::domain::visibility::Visibility;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, Store};

use super::chat::friday_schedule;

/// Scale questions in [`many_scales`]: one trend chart each.
pub const SCALES: usize = 12;

/// A template with a text question, [`SCALES`] scale questions and a Mandalart.
fn many_scales() -> String {
    let mut toml = String::from(
        "id = \"many\"\n[name]\nen = \"Many\"\nko = \"여럿\"\n[description]\nen = \"Week.\"\n\
         ko = \"주.\"\n[[questions]]\nid = \"note\"\nkind = \"text\"\n[questions.text]\n\
         en = \"What happened?\"\nko = \"무슨 일이 있었나요?\"\n",
    );
    for n in 1..=SCALES {
        toml.push_str(&format!(
            "[[questions]]\nid = \"s{n:02}\"\nkind = \"scale\"\n[questions.text]\n\
             en = \"Scale {n}?\"\nko = \"척도 {n}?\"\n[questions.low]\nen = \"low\"\nko = \"낮음\"\n\
             [questions.high]\nen = \"high\"\nko = \"높음\"\n"
        ));
    }
    toml.push_str(
        "[[questions]]\nid = \"plan\"\nkind = \"mandalart\"\nrequired = false\n\
         [questions.text]\nen = \"Plan\"\nko = \"계획\"\n",
    );
    toml
}

fn write(question: &str, value: String, mandalart: Option<i32>) -> AnswerWrite {
    AnswerWrite {
        question_id: question.into(),
        value: Some(value),
        visibility: Visibility::Private,
        resolutions: None,
        milestone: None,
        mandalart,
    }
}

/// `member` of `team` answered the `many` template on the Friday of ISO weeks 10, 20, 30 and 50
/// of 2026 (every scale, and a long note), and wrote a Mandalart for 2027 in week 50.
pub async fn answered_many(store: &Store, team: TeamId, member: MemberId) {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let template = store
        .save_template(team, "many", &many_scales(), start)
        .await
        .unwrap();
    let schedule = friday_schedule(team, "many", template);
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    for week in [10, 20, 30, 50] {
        let date = NaiveDate::from_isoywd_opt(2026, week, chrono::Weekday::Fri).unwrap();
        let local = date.and_hms_opt(17, 0, 0).unwrap();
        let due = Utc.from_utc_datetime(&(local - Duration::hours(9)));
        let closes = due + Duration::hours(48);
        let round = NewRound {
            team_id: team,
            schedule_id: Some(schedule),
            template_id: template,
            occurrence_local: local,
            due_at: due,
            closes_at: closes,
        };
        let round = store.insert_round(&round, due).await.unwrap();
        let delivery = NewDelivery {
            round_id: round,
            member_id: member,
            due_at: due,
            closes_at: closes,
            remind_at: None,
        };
        let delivery = store.insert_delivery(&delivery).await.unwrap();
        let mut writes = vec![write(
            "note",
            format!("week {week}: {}", "회고 ".repeat(200)),
            None,
        )];
        for n in 1..=SCALES {
            let value = (1 + (week as usize / 10 + n) % 5).to_string();
            writes.push(write(&format!("s{n:02}"), value, None));
        }
        if week == 50 {
            let mut grid = Grid {
                centre: "A calm year".into(),
                ..Grid::default()
            };
            grid.goals[0].title = "Health".into();
            grid.goals[0].actions[0] = "Walk daily".into();
            writes.push(write("plan", grid.to_storage(), Some(2027)));
        }
        store
            .save_answers(delivery, member, &writes, due + Duration::hours(1))
            .await
            .unwrap();
    }
}

/// The chart files a member's recap of [`answered_many`] attaches, in order, named `{prefix}-…`:
/// a trend per scale, then the Mandalart for 2027.
pub fn many_charts(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = (1..=SCALES)
        .map(|n| format!("{prefix}-trend-s{n:02}.png"))
        .collect();
    names.push(format!("{prefix}-mandalart-2027.png"));
    names
}
