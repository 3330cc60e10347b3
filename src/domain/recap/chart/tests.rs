//! The charts as a reader gets them: PNGs that decode, with ink on them, whose labels are
//! really drawn (a chart differs from the same chart drawn without text, and every character
//! of its labels has a glyph in the bundled font), in English and in Korean.

use chrono::{Duration, NaiveDate};

use super::canvas::ink_of;
use super::*;
use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::recap::{ParticipationRow, RecapAnswer, RecapRequest, Scope, build};
use crate::domain::state::DeliveryStatus;
use crate::domain::template::{Localized, QuestionKind};

fn first_friday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
}

/// A year of weekly rounds: a mood that sinks in the summer and climbs back, a text answer
/// each week, and the weeks in `missed` not answered.
fn year(lang: Lang, missed: &[i64]) -> Recap {
    let mood = QuestionKind::Scale {
        low: Localized::new("Drained", "지쳤어요"),
        high: Localized::new("Great", "아주 좋았어요"),
    };
    let mut answers = Vec::new();
    let mut rows = Vec::new();
    for week in 0..52i64 {
        let date = first_friday() + Duration::weeks(week);
        let answered = !missed.contains(&week);
        let status = if answered {
            DeliveryStatus::Answered
        } else {
            DeliveryStatus::Missed
        };
        rows.push(ParticipationRow {
            member: 1,
            round: week,
            date,
            status,
        });
        if !answered {
            continue;
        }
        let level = 3.0 + 1.6 * ((week as f64) / 52.0 * std::f64::consts::TAU).cos();
        let answer = |id: &str, kind: QuestionKind, value: String| RecapAnswer {
            round: week,
            date,
            template: "weekly".into(),
            question_id: id.into(),
            position: usize::from(id == "mood"),
            label: match lang {
                Lang::En => format!("{id}?"),
                Lang::Ko => "이번 주는 어땠나요?".into(),
            },
            kind,
            milestone: false,
            value,
            author: None,
        };
        answers.push(answer(
            "mood",
            mood.clone(),
            (level.round() as u8).to_string(),
        ));
        answers.push(answer(
            "went-well",
            QuestionKind::Text,
            format!("week {week}"),
        ));
    }
    let request = RecapRequest {
        scope: Scope::Me,
        reader: crate::domain::milestone::Reader::Member(crate::domain::ids::MemberId(1)),
        subject: "Mina".into(),
        period: Period::parse("2026", first_friday()).unwrap(),
        words: crate::service::i18n::recap_words::recap_words(lang),
        today: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        milestones: Vec::new(),
        max_lines: RecapRequest::MAX_LINES,
    };
    build(&request, answers, &rows, vec![])
}

fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    (info.width, info.height, pixels)
}

fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks(3).zip(b.chunks(3)).filter(|(x, y)| x != y).count()
}

#[test]
fn a_year_has_a_mood_chart_and_a_participation_chart_that_decode_with_their_labels_drawn() {
    for lang in [Lang::En, Lang::Ko] {
        let recap = year(lang, &[25, 26, 27, 40]);
        let charts = charts(&recap).unwrap();
        let bare = drawn(&recap, false).unwrap();
        let files: Vec<&str> = charts.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(files, ["trend-mood.png", "participation.png"]);
        for (chart, without_text) in charts.iter().zip(&bare) {
            let (width, height, ink) = pixels(&chart.png);
            assert_eq!((width, height), SIZE);
            let blank = ink.iter().filter(|&&v| v == 255).count();
            assert!(
                blank < ink.len() * 97 / 100,
                "{} is nearly blank",
                chart.file
            );
            let (_, _, no_text) = pixels(&without_text.png);
            let text = differing(&ink, &no_text);
            assert!(text > 3000, "{}: only {text} pixels of text", chart.file);
        }
    }
}

#[test]
fn the_labels_are_in_the_readers_language_and_every_character_has_a_glyph() {
    let en = charts(&year(Lang::En, &[25])).unwrap();
    let ko = charts(&year(Lang::Ko, &[25])).unwrap();
    let (_, _, en_mood) = pixels(&en[0].png);
    let (_, _, ko_mood) = pixels(&ko[0].png);
    assert!(
        differing(&en_mood, &ko_mood) > 1000,
        "the same words in both languages"
    );
    let labels = [
        "이번 주는 어땠나요? — 2026년",
        "1 · 지쳤어요",
        "5 · 아주 좋았어요",
        "1월 2월 12월",
        "2026년 2분기",
        "답한 회차 — 2026년",
        "답함 답 없음 100%",
        "Drained Great Jan Dec Q2",
    ];
    for label in labels {
        for c in label.chars().filter(|c| !c.is_whitespace()) {
            assert!(
                ink_of(&c.to_string()) > 0,
                "no glyph for {c:?} in {label:?}"
            );
        }
    }
    // A character the font lacks leaves no ink: the check above can fail.
    assert_eq!(ink_of("ก"), 0);
}

#[test]
fn the_participation_chart_is_left_out_when_every_round_was_answered() {
    let charts = charts(&year(Lang::En, &[])).unwrap();
    let files: Vec<&str> = charts.iter().map(|c| c.file.as_str()).collect();
    assert_eq!(files, ["trend-mood.png"]);
}

#[test]
fn alt_texts_say_what_the_charts_show_with_dates_and_words() {
    let recap = year(Lang::En, &[25, 26, 27]);
    let charts = charts(&recap).unwrap();
    let mood = &charts[0].alt;
    assert!(
        mood.starts_with("Line chart of “mood?” from Jan 2 to Dec 25, 49 rounds"),
        "{mood}"
    );
    assert!(mood.contains("from 1 (Drained) to 5 (Great)"), "{mood}");
    // Calendar periods by their short names; the falls of the mood no milestone explains as
    // suggestions (the mood runs as a rounded cosine: down from 5 in spring, up in autumn).
    assert!(
        mood.contains(
            "Dashed lines mark Mar 20 Suggested milestone?, Apr 1 Q2, Jul 1 Q3, \
             Sep 18 Suggested milestone?, Oct 1 Q4."
        ),
        "{mood}"
    );
    let participation = &charts[1].alt;
    assert!(
        participation.contains("49 of 52 answered"),
        "{participation}"
    );
    assert!(
        participation.contains("Not answered: Jun 26 to Jul 10 (3 rounds)."),
        "{participation}"
    );
    let ko = charts_of(Lang::Ko);
    assert!(
        ko[1]
            .alt
            .contains("답변하지 않은 때: 6월 26일~7월 10일(3회차)."),
        "{}",
        ko[1].alt
    );
    assert!(
        ko[0].alt.contains("1점은 지쳤어요, 5점은 아주 좋았어요"),
        "{}",
        ko[0].alt
    );
}

fn charts_of(lang: Lang) -> Vec<Chart> {
    charts(&year(lang, &[25, 26, 27])).unwrap()
}

#[test]
fn the_markdown_embeds_the_trends_after_the_opening_and_participation_at_the_end() {
    let chart = |file: &str, alt: &str| Chart {
        file: file.into(),
        alt: alt.into(),
        png: vec![],
        after: None,
    };
    let document = "---\ntitle: x\n---\n\n# Mina's 2026\n\nOpening.\n\n## Q1\n\nText.\n";
    let charts = [
        chart("trend-mood.png", "Mood [1–5]"),
        chart("participation.png", "Bars"),
    ];
    let out = embed(document, &charts, |c| format!("charts/{}", c.file));
    assert_eq!(
        out,
        "---\ntitle: x\n---\n\n# Mina's 2026\n\nOpening.\n\n\
         ![Mood \\[1–5\\]](charts/trend-mood.png)\n\n## Q1\n\nText.\n\n\
         ![Bars](charts/participation.png)\n"
    );
    assert_eq!(embed(document, &[], |c| c.file.clone()), document);
}
