//! Notes people kept elsewhere, imported with the real binary: a folder of English weekly
//! posts, a folder of Korean ones with a mapping file and a year-end note with resolutions,
//! and a CSV with awkward quoting.

use hoego::domain::import::Dataset;

use super::{hoego, on_both, row_counts, said, write_files};
use crate::support::db::TestDb;

const ENGLISH_WEEK_21: &str = "---
title: \"Week 21: the importer\"
date: 2025-05-23 18:30
tags:
  - retro
---
# Week 21: the importer

A short intro that answers no question.

## What went well this week?

Shipped the importer.

### Monday

Paired with Joon.

## What was hard this week?

Flaky CI, again.

## Next week

- docs
- release 0.2
";

const ENGLISH_WEEK_22: &str = "+++
date = 2025-05-30
visibility = \"team\"
+++
## Went well
Fixed CI for good.
";

async fn dataset(db: &TestDb) -> Dataset {
    let team = db.store.all_teams().await.unwrap().remove(0);
    db.store.team_dataset(team.id).await.unwrap()
}

async fn a_folder_of_english_weekly_notes_becomes_closed_rounds_at_their_dates(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("notes/2025/2025-05-23-week-21.md", ENGLISH_WEEK_21),
            ("notes/2025/week-22.md", ENGLISH_WEEK_22),
            ("notes/README.txt", "not a note"),
        ],
    );

    let dry = hoego(db, dir.path(), &["import", "notes", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", said(&dry));
    assert!(said(&dry).contains("Dry run, nothing was written. Importing into Local team (2025-05-23 to 2025-05-30) would add:\n- members: 1\n- template versions: 1\n- rounds: 2\n- prompts (one per member and round): 2\n- answers: 4\n- lines outside any question heading, not imported: 1"), "{}", said(&dry));
    assert_eq!(row_counts(&db.store).await, vec![0]);
    let done = hoego(db, dir.path(), &["import", "notes"]);
    let again = hoego(db, dir.path(), &["import", "notes"]);

    assert_eq!(done.status.code(), Some(0), "{}", said(&done));
    assert!(said(&again).contains("answers already there, left as they are: 4\n- lines outside any question heading, not imported: 1\nNothing new: it is all there already."), "{}", said(&again));
    let data = dataset(db).await;
    assert_eq!(data.members[0].user_id, "mina");
    let round = &data.rounds[0];
    assert_eq!(round.occurrence_local.to_string(), "2025-05-23 00:00:00");
    assert_eq!(round.status.as_str(), "closed");
    let answers = &round.deliveries[0].answers;
    let texts: Vec<(&str, &str, &str)> = answers
        .iter()
        .map(|a| {
            (
                a.question_id.as_str(),
                a.value.as_str(),
                a.visibility.as_str(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                "went-well",
                "Shipped the importer.\n\n### Monday\n\nPaired with Joon.",
                "private"
            ),
            ("was-hard", "Flaky CI, again.", "private"),
            ("next-week", "docs\nrelease 0.2", "private"),
        ]
    );
    assert_eq!(
        answers[0].created_at.to_rfc3339(),
        "2025-05-23T18:30:00+00:00"
    );
    let week_22 = &data.rounds[1].deliveries[0].answers[0];
    assert_eq!(
        (week_22.value.as_str(), week_22.visibility.as_str()),
        ("Fixed CI for good.", "team")
    );
}
on_both!(
    a_folder_of_english_weekly_notes_becomes_closed_rounds_at_their_dates,
    super::a_folder_of_english_weekly_notes_becomes_closed_rounds_at_their_dates
);

const KOREAN_WEEK: &str = "---
date: 2025-03-14
---
# 11주차 회고

## 잘한 점
- 첫 배포를 무사히 마쳤다
- 매일 아침 30분 운동

## 아쉬운 점
회의가 너무 많았다.

## 다음 주에 집중할 일을 한 줄에 하나씩 적어 주세요.
1. 문서 정리
2. 휴가 계획
";

const KOREAN_YEAR_END: &str = "# 2025년 회고

## 올해를 돌아보며
1월부터 3월까지는 구직, 4월부터는 새 회사.

## 배운 점
모르면 빨리 묻기.

## 2026년의 다짐
- 마라톤 완주
- 한국어 책 열 권 읽기
";

async fn korean_notes_map_their_headings_and_year_end_resolutions_are_tracked(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("weekly/2025-03-14.md", KOREAN_WEEK),
            (
                "weekly/hoego-import.toml",
                "[headings]\n\"잘한 점\" = \"went-well\"\n\"아쉬운 점\" = \"was-hard\"\n",
            ),
            ("year/2025-12-31-회고.md", KOREAN_YEAR_END),
            (
                "year/hoego-import.toml",
                "[headings]\n\"올해를 돌아보며\" = \"periods\"\n\"배운 점\" = \"learned\"\n\"2026년의 다짐\" = \"resolutions\"\n",
            ),
        ],
    );

    let weekly = hoego(db, dir.path(), &["import", "weekly", "--lang", "ko"]);
    let year = hoego(
        db,
        dir.path(),
        &["import", "year", "--template", "year-end", "--lang", "ko"],
    );

    assert_eq!(weekly.status.code(), Some(0), "{}", said(&weekly));
    assert!(said(&weekly).contains("Local team에 가져왔어요(2025-03-14 ~ 2025-03-14):\n- 멤버 1명\n- 템플릿 버전 1개\n- 회차 1개\n- 회차별 질문 1건\n- 답변 3개"), "{}", said(&weekly));
    assert!(said(&year).contains("- 다짐 2개"), "{}", said(&year));
    let data = dataset(db).await;
    let week = &data.rounds[0].deliveries[0].answers;
    assert_eq!(
        week[0].value,
        "- 첫 배포를 무사히 마쳤다\n- 매일 아침 30분 운동"
    );
    assert_eq!(week[2].value, "문서 정리\n휴가 계획");
    let texts: Vec<&str> = data.resolutions.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["마라톤 완주", "한국어 책 열 권 읽기"]);
    assert_eq!(data.resolutions[0].status.as_str(), "open");
    assert_eq!(
        data.rounds[1].occurrence_local.to_string(),
        "2025-12-31 00:00:00"
    );
}
on_both!(
    korean_notes_map_their_headings_and_year_end_resolutions_are_tracked,
    super::korean_notes_map_their_headings_and_year_end_resolutions_are_tracked
);

/// A check-in tool's export: a byte order mark, CRLF line ends, its own column names in its
/// own order, quoted fields holding commas, doubled quotes and line breaks, a visibility column.
const CHECK_IN_CSV: &str = "\u{feff}Response,Prompt,User,Timestamp,Visibility\r\n\"Shipped it, finally — \"\"the importer\"\"\",went-well,Mina,2025-05-23T17:05:00+09:00,team\r\n\"docs\r\nrelease, then rest\",What will you focus on next week? One item per line.,Mina,2025-05-23 17:06,\r\n잘 쉬었어요,went-well,지훈,2025-05-23,anonymous\r\n";

async fn a_check_in_csv_with_awkward_quoting_keeps_every_answer_whole(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("check-ins.csv", CHECK_IN_CSV)]);

    let output = hoego(db, dir.path(), &["import", "check-ins.csv"]);

    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert!(
        said(&output).contains("- members: 2\n"),
        "{}",
        said(&output)
    );
    let data = dataset(db).await;
    let names: Vec<&str> = data
        .members
        .iter()
        .map(|m| m.display_name.as_str())
        .collect();
    assert_eq!(names, ["Mina", "지훈"]);
    let mut answers: Vec<(String, String, String, String)> = data.rounds[0]
        .deliveries
        .iter()
        .flat_map(|d| {
            d.answers.iter().map(move |a| {
                (
                    d.member.clone(),
                    a.question_id.clone(),
                    a.value.clone(),
                    a.visibility.as_str().to_string(),
                )
            })
        })
        .collect();
    answers.sort();
    assert_eq!(
        answers,
        [
            (
                "Mina".into(),
                "next-week".into(),
                "docs\nrelease, then rest".into(),
                "private".into()
            ),
            (
                "Mina".into(),
                "went-well".into(),
                "Shipped it, finally — \"the importer\"".into(),
                "team".into()
            ),
            (
                "지훈".into(),
                "went-well".into(),
                "잘 쉬었어요".into(),
                "anonymous".into()
            ),
        ]
    );
}
on_both!(
    a_check_in_csv_with_awkward_quoting_keeps_every_answer_whole,
    super::a_check_in_csv_with_awkward_quoting_keeps_every_answer_whole
);
