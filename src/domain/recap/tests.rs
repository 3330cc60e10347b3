use chrono::NaiveDate;

use super::digest::{DigestAnswer, DigestGrouping, build_digest};
use super::*;
use crate::domain::milestone::Reader;
use crate::domain::template::Localized;

pub(super) fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub(super) fn scale() -> QuestionKind {
    QuestionKind::Scale {
        low: Localized::new("low", "낮음"),
        high: Localized::new("high", "높음"),
    }
}

pub(super) fn answer(
    round: i64,
    date: &str,
    id: &str,
    kind: QuestionKind,
    value: &str,
) -> RecapAnswer {
    let template = match kind {
        QuestionKind::List { resolutions: true } => "year-end",
        _ => "weekly",
    };
    RecapAnswer {
        round,
        date: d(date),
        template: template.to_string(),
        question_id: id.to_string(),
        position: ["went-well", "a", "energy", "resolutions"]
            .iter()
            .position(|q| *q == id)
            .unwrap_or(9),
        label: format!("Q {id}"),
        kind,
        milestone: false,
        value: value.to_string(),
        author: None,
    }
}

pub(super) fn request(scope: Scope, period: &str, today: &str, lang: Lang) -> RecapRequest {
    RecapRequest {
        scope,
        reader: match scope {
            Scope::Me => Reader::Member(crate::domain::ids::MemberId(1)),
            Scope::Team => Reader::Team,
        },
        subject: "Mina".to_string(),
        period: Period::parse(period, d(today)).unwrap(),
        words: crate::service::i18n::recap_words::recap_words(lang),
        today: d(today),
        milestones: Vec::new(),
        max_lines: RecapRequest::MAX_LINES,
    }
}

fn row(member: i64, round: i64, date: &str, status: DeliveryStatus) -> ParticipationRow {
    ParticipationRow {
        member,
        round,
        date: d(date),
        status,
    }
}

fn year_recap(lang: Lang, scope: Scope) -> Recap {
    let request = request(scope, "2026", "2026-12-31", lang);
    let mut answers = vec![
        answer(
            1,
            "2026-01-09",
            "went-well",
            QuestionKind::Text,
            "Shipped the beta",
        ),
        answer(1, "2026-01-09", "energy", scale(), "2"),
        answer(
            2,
            "2026-05-15",
            "went-well",
            QuestionKind::Text,
            "Moved house\nFound a café",
        ),
        answer(2, "2026-05-15", "energy", scale(), "4"),
        answer(4, "2026-06-01", "energy", scale(), "5"),
        answer(
            3,
            "2026-12-30",
            "resolutions",
            QuestionKind::List { resolutions: true },
            "Run 10k\nRead 20 books",
        ),
        answer(
            9,
            "2025-12-30",
            "went-well",
            QuestionKind::Text,
            "last year",
        ),
    ];
    if scope == Scope::Team {
        answers[0].author = Some("Jun".to_string());
    }
    let rows = [
        row(1, 1, "2026-01-09", DeliveryStatus::Answered),
        row(1, 2, "2026-05-15", DeliveryStatus::Answered),
        row(1, 4, "2026-06-01", DeliveryStatus::Missed),
        row(1, 3, "2026-12-30", DeliveryStatus::Answered),
        row(2, 1, "2026-01-09", DeliveryStatus::Skipped),
    ];
    let arcs = vec![ResolutionArc {
        text: "Learn Rust".to_string(),
        set_on: d("2025-12-30"),
        status: ResolutionStatus::Done,
        follow_ups: vec![FollowUp {
            date: d("2026-03-31"),
            status: ResolutionStatus::OnTrack,
            note: "chapter 8".to_string(),
        }],
    }];
    build(&request, answers, &rows, arcs)
}

#[test]
fn a_year_without_milestones_is_cut_by_quarters_and_leaves_out_other_years() {
    let recap = year_recap(Lang::En, Scope::Me);
    let labels: Vec<&str> = recap.phases.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Q1 · Jan 1 – Mar 31", "Q2 · Apr 1 – Jun 30"]);
    assert_eq!(recap.phases[0].blocks[0].question_id, "went-well");
    assert_eq!(
        recap.phases[1].blocks[0].authors[0].lines[0].first,
        d("2026-05-15")
    );
    assert_eq!(recap.wishes[0].authors[0].lines.len(), 2);
    assert_eq!(recap.quoted_answers(), 6);
    assert!(recap.answers.iter().all(|a| a.text != "last year"));
}

#[test]
fn participation_counts_statuses_and_the_longest_streak() {
    let p = year_recap(Lang::En, Scope::Me).participation;
    assert_eq!(
        (p.rounds, p.asked, p.answered, p.skipped, p.missed),
        (4, 5, 3, 1, 1)
    );
    assert_eq!(p.longest_streak, 2);
}

#[test]
fn a_scale_question_with_three_rounds_gets_a_trend_and_fewer_get_none() {
    let trends = year_recap(Lang::En, Scope::Me).trends;
    assert_eq!(trends.len(), 1);
    assert_eq!(trends[0].sparkline, "▃▆█");
    assert_eq!(trends[0].average, 3.7);
    let recap = build(
        &request(Scope::Me, "2026", "2026-12-31", Lang::En),
        vec![
            answer(1, "2026-01-09", "energy", scale(), "2"),
            answer(2, "2026-02-09", "energy", scale(), "4"),
        ],
        &[],
        vec![],
    );
    assert!(recap.trends.is_empty());
}

#[test]
fn the_markdown_is_a_post_with_front_matter_periods_and_numbered_wishes() {
    let md = markdown::render(&year_recap(Lang::En, Scope::Me));
    assert!(md.starts_with("---\ntitle: \"Mina's 2026\"\ndate: 2026-12-31\nperiod: \"2026\"\n"));
    assert!(md.contains("\n# Mina's 2026\n"));
    assert!(
        md.contains("## Q2 · Apr 1 – Jun 30\n\n### Q went-well\n\n- Moved house\n  Found a café\n"),
        "{md}"
    );
    assert!(
        md.contains("## Q resolutions\n\n1. Run 10k\n2. Read 20 books\n"),
        "{md}"
    );
    assert!(md.contains(
        "- **Learn Rust** (set Dec 30, 2025)\n  - Mar 31: on track — chapter 8\n  - Where it stands: done\n"
    ), "{md}");
    assert!(md.ends_with("## Participation\n\nAnswered 3 of 5 rounds · 1 skipped · 1 missed · longest streak 2 in a row\n"), "{md}");
    assert!(!md.contains("- last year"));
}

#[test]
fn the_korean_markdown_uses_korean_words() {
    let md = markdown::render(&year_recap(Lang::Ko, Scope::Team));
    assert!(md.contains("# Mina 팀의 2026년 돌아보기\n"), "{md}");
    assert!(
        md.contains(
            "4회차 · 보낸 질문 5건 중 3건 답변 · 1건 건너뜀 · 1건 놓침 · 최장 2회차 연속 답변"
        ),
        "{md}"
    );
    assert!(md.contains("## 2분기 · 4월 1일 ~ 6월 30일\n"), "{md}");
    assert!(md.contains("**Jun**\n\n- Shipped the beta\n"), "{md}");
}

#[test]
fn a_team_whose_name_says_team_is_not_called_team_twice() {
    let mut request = request(Scope::Team, "2026", "2026-12-31", Lang::En);
    request.subject = "Local team".to_string();
    assert_eq!(
        build(&request, vec![], &[], vec![]).title,
        "Local team's 2026"
    );
    request.subject = "개발팀".to_string();
    request.words = crate::service::i18n::recap_words::recap_words(Lang::Ko);
    assert_eq!(
        build(&request, vec![], &[], vec![]).title,
        "개발팀의 2026년 돌아보기"
    );
}

#[test]
fn the_json_holds_the_same_model_and_every_answer_whole() {
    let json: serde_json::Value =
        serde_json::from_str(&year_recap(Lang::En, Scope::Team).to_json()).unwrap();
    assert_eq!(json["period_label"], "2026");
    assert_eq!(json["scope"], "team");
    assert_eq!(
        json["phases"][0]["blocks"][0]["authors"][0]["author"],
        "Jun"
    );
    assert_eq!(json["answers"][0]["author"], "Jun");
    assert_eq!(json["answers"][2]["text"], "Moved house\nFound a café");
    assert_eq!(json["trends"][0]["points"][1]["average"], 4.0);
}

#[test]
fn a_month_stays_one_period_and_an_empty_period_says_so() {
    let request = request(Scope::Me, "2026-11", "2026-11-29", Lang::Ko);
    let recap = build(
        &request,
        vec![answer(1, "2026-11-04", "a", QuestionKind::Text, "x")],
        &[],
        vec![],
    );
    assert_eq!(recap.title, "Mina 님의 2026년 11월 돌아보기");
    assert_eq!(recap.phases.len(), 1);
    let empty = build(&request, vec![], &[], vec![]);
    assert!(markdown::render(&empty).contains("이 기간에는 아직 답변이 없어요."));
}

#[test]
fn a_digest_names_team_answers_hides_anonymous_authors_and_lists_who_has_not_answered() {
    let answers = [
        DigestAnswer {
            question_id: "went-well".into(),
            question: "What went well?".into(),
            kind: QuestionKind::Text,
            value: "Pairing".into(),
            author: Some("Jun".into()),
        },
        DigestAnswer {
            question_id: "went-well".into(),
            question: "What went well?".into(),
            kind: QuestionKind::Text,
            value: "Quiet week".into(),
            author: None,
        },
    ];
    let digest = build_digest(
        crate::service::i18n::recap_words::recap_words(Lang::En),
        "weekly",
        d("2026-12-04"),
        "2026-12-04",
        &answers,
        vec!["Mina".into()],
        3,
    );
    let md = digest.render();
    assert!(md.contains(
        "## What went well?\n\n> Pairing\n>\n> — Jun\n\n> Quiet week\n>\n> — anonymous\n"
    ));
    assert!(md.ends_with("Did not answer: Mina\n"));
    assert!(!md.contains('@'));
    let ko = build_digest(
        crate::service::i18n::recap_words::recap_words(Lang::Ko),
        "weekly",
        d("2026-12-04"),
        "2026-12-04",
        &answers,
        vec![],
        2,
    );
    assert!(ko.render().contains("모두 답변했어요."));
    assert!(ko.summary().contains("- What went well?: 답변 2개"));
}

#[test]
fn a_digest_by_member_names_each_member_and_keeps_anonymous_answers_in_their_own_section() {
    let answer = |question_id: &str, kind, value: &str, author: Option<&str>| DigestAnswer {
        question_id: question_id.into(),
        question: match question_id {
            "went-well" => "What went well?".into(),
            _ => "Next?".into(),
        },
        kind,
        value: value.into(),
        author: author.map(str::to_string),
    };
    let list = || QuestionKind::List { resolutions: false };
    let answers = [
        answer("went-well", QuestionKind::Text, "Pairing", Some("Jun")),
        answer("went-well", QuestionKind::Text, "Reviews", Some("Ara")),
        answer("went-well", QuestionKind::Text, "Quiet week", None),
        answer("next", list(), "rest\nread", Some("Jun")),
        answer("next", list(), "ship", None),
    ];
    let digest = build_digest(
        crate::service::i18n::recap_words::recap_words(Lang::En),
        "weekly",
        d("2026-12-04"),
        "2026-12-04",
        &answers,
        vec!["Mina".into()],
        4,
    )
    .grouped_by(DigestGrouping::Member);
    assert_eq!(digest.grouping, DigestGrouping::Member);
    assert_eq!(
        digest.render(),
        "# Round digest: weekly · 2026-12-04\n\n\
         ## Ara\n\n### What went well?\n\n> Reviews\n\n\
         ## Jun\n\n### What went well?\n\n> Pairing\n\n### Next?\n\n> - rest\n> - read\n\n\
         ## Anonymous\n\n### What went well?\n\n> Quiet week\n\n### Next?\n\n> - ship\n\n\
         Did not answer: Mina\n"
    );
    assert_eq!(
        digest.summary(),
        "**Round digest: weekly · 2026-12-04**\n- Ara: 1 answer\n- Jun: 2 answers\n\
         - Anonymous: 2 answers\nDid not answer: Mina\nThe whole text is in the attached file."
    );
    let ko = build_digest(
        crate::service::i18n::recap_words::recap_words(Lang::Ko),
        "weekly",
        d("2026-12-04"),
        "2026-12-04",
        &answers,
        vec![],
        3,
    )
    .grouped_by(DigestGrouping::Member);
    let md = ko.render();
    assert!(
        md.contains("## 익명\n\n### What went well?\n\n> Quiet week\n"),
        "{md}"
    );
    assert!(md.ends_with("모두 답변했어요.\n"));
    assert!(ko.summary().contains("- Jun: 답변 2개\n"));
    assert!(ko.summary().contains("- 익명: 답변 2개\n"));
    // Nothing anonymous is ever written next to a name, nor as a member's own section.
    let by_question = digest.clone().grouped_by(DigestGrouping::Question).render();
    assert!(by_question.contains("> Quiet week\n>\n> — anonymous\n"));
    assert!(!digest.render().contains("— "));
}
