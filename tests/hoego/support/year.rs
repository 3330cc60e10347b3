//! A fixture year made by a seeded generator, not picked by hand: one member and two teammates
//! through 52 weekly, 4 quarterly and 1 year-end rounds of the built-in templates in 2026, with
//! three milestones (the member's first job, their move, the team's reorganisation), a weekly
//! mood (the weekly template's scale) that moves with them, answers drawn with repeats (and case and punctuation varied), in
//! English or Korean. [`Year::recap`] compiles it with the pure builder as the store would hand
//! it over; `year_store` writes the same year through a store.

use chrono::{Duration, NaiveDate, Weekday};
use hoego::domain::ids::MemberId;
use hoego::domain::lang::Lang;
use hoego::domain::milestone::{Milestone, MilestoneScope, MilestoneText, Reader};
use hoego::domain::period::Period;
use hoego::domain::recap::{
    self, FollowUp, ParticipationRow, Recap, RecapAnswer, RecapRequest, ResolutionArc, Scope,
};
use hoego::domain::state::{DeliveryStatus, ResolutionStatus};
use hoego::domain::template::{PlaceholderValues, Template};
use hoego::domain::visibility::Visibility;

use super::year_words::{LAST_YEAR, MEMBER, MILESTONES, NAMES, Pools, QUARTERS, TEAM, YEAR_END};

/// The templates the year is answered with: the built-ins.
pub const TEMPLATES: [(&str, &str); 3] = [
    (
        "weekly",
        include_str!("../../../config/templates/weekly.toml"),
    ),
    (
        "quarterly",
        include_str!("../../../config/templates/quarterly.toml"),
    ),
    (
        "year-end",
        include_str!("../../../config/templates/year-end.toml"),
    ),
];

/// One answer: whose (index into the members), to which question, and who may read it.
#[derive(Debug, Clone)]
pub struct Given {
    pub question: &'static str,
    pub value: String,
    pub visibility: Visibility,
}

/// One round: its template, local date, and each member's answers (`None`: not answered).
#[derive(Debug, Clone)]
pub struct Round {
    pub template: &'static str,
    pub date: NaiveDate,
    pub answers: Vec<Option<Vec<Given>>>,
}

/// The generated year.
pub struct Year {
    pub lang: Lang,
    pub names: [&'static str; 3],
    pub rounds: Vec<Round>,
    pub milestones: Vec<Milestone>,
    pub arcs: Vec<ResolutionArc>,
}

/// A small seeded generator (xorshift64*), so the year is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An item of `pool`, the first ones far more often (people repeat what matters).
    fn pick<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        let u = self.next();
        pool[((u * u * pool.len() as f64) as usize).min(pool.len() - 1)]
    }

    /// `text` as a person types it: sometimes lowercased or with a full stop.
    fn typed(&mut self, text: &str) -> String {
        let mut out = text.to_string();
        if self.next() < 0.25 {
            out = out.to_lowercase();
        }
        if self.next() < 0.2 {
            out.push('.');
        }
        out
    }
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).expect("a date in 2026")
}

impl Year {
    /// The year in `lang`, drawn from `seed`.
    pub fn generate(lang: Lang, seed: u64) -> Year {
        let l = usize::from(lang == Lang::Ko);
        let mut rng = Rng(seed.max(1));
        let milestones: Vec<Milestone> = MILESTONES[l]
            .iter()
            .enumerate()
            .map(|(i, &(m, d, text))| Milestone {
                date: day(m, d),
                text: MilestoneText::parse(text).unwrap(),
                scope: match i {
                    2 => MilestoneScope::Team,
                    _ => MilestoneScope::Member(MemberId(1)),
                },
                visibility: [Visibility::Private, Visibility::Team, Visibility::Team][i],
            })
            .collect();
        let mut rounds = Vec::new();
        for week in 1..=52 {
            let date = NaiveDate::from_isoywd_opt(2026, week, Weekday::Fri).unwrap();
            let phase = milestones.iter().filter(|m| m.date <= date).count();
            let since = milestones
                .get(phase.wrapping_sub(1))
                .map_or(day(1, 1), |m| m.date);
            let weeks_in = (date - since).num_weeks() as f64;
            let team_phase = usize::from(date >= milestones[2].date);
            let answers = (0..3)
                .map(|member| {
                    let skip = if member == 0 { 0.03 } else { 0.12 };
                    if rng.next() < skip {
                        return None;
                    }
                    let pools = if member == 0 {
                        &MEMBER[phase]
                    } else {
                        &TEAM[team_phase]
                    };
                    Some(weekly(&mut rng, pools, l, member, weeks_in))
                })
                .collect();
            rounds.push(Round {
                template: "weekly",
                date,
                answers,
            });
        }
        for (q, quarter) in QUARTERS.iter().enumerate() {
            let date =
                NaiveDate::from_isoywd_opt(2026, 13 * (q as u32 + 1) - 1, Weekday::Fri).unwrap();
            rounds.push(Round {
                template: "quarterly",
                date,
                answers: quarterly(&mut rng, quarter[l], q, l),
            });
        }
        rounds.push(Round {
            template: "year-end",
            date: day(12, 30),
            answers: year_end(l),
        });
        rounds.sort_by_key(|r| r.date);
        Year {
            lang,
            names: NAMES[l],
            rounds,
            milestones,
            arcs: arcs(l),
        }
    }

    /// The recap of 2026 for `scope` as the member (index 0) reads it, compiled by the pure
    /// builder from what the store would hand over: for the team, no private answer and no
    /// anonymous author; only the team's milestones cut the team's periods.
    pub fn recap(&self, scope: Scope) -> Recap {
        let (answers, rows) = self.inputs(scope);
        let request = RecapRequest {
            scope,
            reader: match scope {
                Scope::Me => Reader::Member(MemberId(1)),
                Scope::Team => Reader::Team,
            },
            subject: match scope {
                Scope::Me => self.names[0].to_string(),
                Scope::Team => "Core".to_string(),
            },
            period: Period::parse("2026", day(12, 31)).unwrap(),
            words: hoego::service::i18n::recap_words::recap_words(self.lang),
            today: day(12, 31),
            milestones: self.milestones.clone(),
            max_lines: RecapRequest::MAX_LINES,
        };
        let arcs = match scope {
            Scope::Me => self.arcs.clone(),
            Scope::Team => Vec::new(),
        };
        recap::build(&request, answers, &rows, arcs)
    }

    /// The answers and participation rows a recap of `scope` reads.
    pub fn inputs(&self, scope: Scope) -> (Vec<RecapAnswer>, Vec<ParticipationRow>) {
        let templates: Vec<Template> = TEMPLATES
            .iter()
            .map(|(id, source)| Template::from_toml(id, source).unwrap())
            .collect();
        let (mut answers, mut rows) = (Vec::new(), Vec::new());
        for (r, round) in self.rounds.iter().enumerate() {
            let template = templates
                .iter()
                .find(|t| t.id.as_str() == round.template)
                .unwrap();
            let values = PlaceholderValues::from_occurrence(round.date, "Core");
            for (member, given) in round.answers.iter().enumerate() {
                if scope == Scope::Me && member > 0 {
                    continue;
                }
                let status = match given {
                    Some(_) => DeliveryStatus::Answered,
                    None => DeliveryStatus::Missed,
                };
                rows.push(ParticipationRow {
                    member: member as i64,
                    round: r as i64,
                    date: round.date,
                    status,
                });
                for g in given.iter().flatten() {
                    if scope == Scope::Team && g.visibility == Visibility::Private {
                        continue;
                    }
                    let position = template
                        .questions
                        .iter()
                        .position(|q| q.id.as_str() == g.question)
                        .unwrap();
                    let q = &template.questions[position];
                    let label = q.label.as_ref().map_or(&q.text, |l| l).filled(&values);
                    answers.push(RecapAnswer {
                        round: r as i64,
                        date: round.date,
                        template: round.template.to_string(),
                        question_id: g.question.to_string(),
                        position,
                        label: label.get(self.lang).to_string(),
                        kind: q.kind.clone(),
                        milestone: q.milestone,
                        value: g.value.clone(),
                        author: match (scope, g.visibility) {
                            (Scope::Team, Visibility::Team) => Some(self.names[member].to_string()),
                            _ => None,
                        },
                    });
                }
            }
        }
        (answers, rows)
    }
}

/// One member's weekly answers; the member keeps what was hard, their focus and mood private,
/// the third teammate answers what was hard and mood anonymously.
fn weekly(rng: &mut Rng, pools: &Pools, l: usize, member: usize, weeks_in: f64) -> Vec<Given> {
    let seen = |private: bool| match (member, private) {
        (0, true) => Visibility::Private,
        (2, true) => Visibility::Anonymous,
        _ => Visibility::Team,
    };
    let mood = (pools.base + pools.drift * weeks_in + rng.next() * 1.6 - 0.8)
        .round()
        .clamp(1.0, 5.0);
    let mut focus = vec![rng.pick(pools.focus[l]).to_string()];
    let second = rng.pick(pools.focus[l]);
    if rng.next() < 0.5 && !focus.iter().any(|f| f == second) {
        focus.push(second.to_string());
    }
    let went_well = rng.pick(pools.went_well[l]);
    let was_hard = rng.pick(pools.was_hard[l]);
    vec![
        Given {
            question: "went-well",
            value: rng.typed(went_well),
            visibility: seen(false),
        },
        Given {
            question: "was-hard",
            value: rng.typed(was_hard),
            visibility: seen(true),
        },
        Given {
            question: "next-week",
            value: focus.join("\n"),
            visibility: seen(member == 0),
        },
        Given {
            question: "mood",
            value: format!("{mood}"),
            visibility: seen(true),
        },
    ]
}

/// The member's quarterly answers (what changed shared with the team), the second teammate's
/// what changed; the energy drawn around the quarter's mood.
fn quarterly(rng: &mut Rng, texts: [&str; 4], q: usize, l: usize) -> Vec<Option<Vec<Given>>> {
    let private = |question, value: &str| Given {
        question,
        value: value.to_string(),
        visibility: Visibility::Private,
    };
    let energy = (MEMBER[q].base + rng.next()).round().clamp(1.0, 5.0);
    let mine = vec![
        Given {
            question: "what-changed",
            value: texts[0].to_string(),
            visibility: Visibility::Team,
        },
        private("proud-of", texts[1]),
        private("was-hard", texts[2]),
        private("change-next", texts[3]),
        private("energy", &format!("{energy}")),
    ];
    let theirs = vec![Given {
        question: "what-changed",
        value: TEAM[usize::from(q == 3)].went_well[l][0].to_string(),
        visibility: Visibility::Team,
    }];
    vec![Some(mine), Some(theirs), None]
}

/// The member's year-end answers, all private.
fn year_end(l: usize) -> Vec<Option<Vec<Given>>> {
    let [periods, highlights, learned, hard, resolutions] = YEAR_END[l];
    let private = |question, value: &str| Given {
        question,
        value: value.to_string(),
        visibility: Visibility::Private,
    };
    vec![
        Some(vec![
            private("periods", periods),
            private("highlights", highlights),
            private("learned", learned),
            private("was-hard", hard),
            private("energy", "4"),
            private("resolutions", resolutions),
        ]),
        None,
        None,
    ]
}

/// Last year's resolutions with their follow-ups through 2026.
fn arcs(l: usize) -> Vec<ResolutionArc> {
    let status = |word: &str| word.parse::<ResolutionStatus>().unwrap();
    LAST_YEAR[l]
        .iter()
        .map(|(text, steps, ended)| ResolutionArc {
            text: text.to_string(),
            set_on: day(1, 1) - Duration::days(2),
            status: status(ended),
            follow_ups: steps
                .iter()
                .map(|&(m, d, word, note)| FollowUp {
                    date: day(m, d),
                    status: status(word),
                    note: note.to_string(),
                })
                .collect(),
        })
        .collect()
}
