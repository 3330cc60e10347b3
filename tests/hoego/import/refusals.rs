//! Bad files of each kind are refused with exit code 2, the file and line (or field) named,
//! what would work, and nothing written, not even the good files beside them.

use super::{hoego, on_both, row_counts, said, write_files};
use crate::support::db::TestDb;

const GOOD_NOTE: &str = "## What went well this week?\nA good week.\n";

/// Runs `hoego import <args>` in a folder holding `files`; asserts exit 2, that every piece of
/// `expected` is said, and that the database is as it was.
async fn refused(db: &TestDb, files: &[(&str, &str)], args: &[&str], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    let before = row_counts(&db.store).await;
    let mut command = vec!["import"];
    command.extend_from_slice(args);

    let output = hoego(db, dir.path(), &command);

    assert_eq!(output.status.code(), Some(2), "{}", said(&output));
    for piece in expected {
        assert!(
            said(&output).contains(piece),
            "{piece:?} in {}",
            said(&output)
        );
    }
    let nothing = ["Nothing was imported.", "아무것도 가져오지 않았어요."];
    assert!(
        nothing.iter().any(|n| said(&output).contains(n)),
        "{}",
        said(&output)
    );
    assert_eq!(row_counts(&db.store).await, before, "nothing was written");
}

async fn a_wrong_date_is_refused_with_the_file_and_line(db: &TestDb) {
    let bad_front = "---\ntitle: x\ndate: last friday\n---\n## Went well\nx\n";
    refused(
        db,
        &[
            ("notes/2025-05-23.md", GOOD_NOTE),
            ("notes/2025-06-01.md", bad_front),
        ],
        &["notes"],
        &["notes/2025-06-01.md:3: \"last friday\" is not a date. Write dates like 2025-05-23"],
    )
    .await;
    refused(
        db,
        &[("notes/2025-13-40-week.md", GOOD_NOTE)],
        &["notes"],
        &["notes/2025-13-40-week.md: \"2025-13-40\" is not a date."],
    )
    .await;
    refused(
        db,
        &[("notes/week-21.md", GOOD_NOTE)],
        &["notes"],
        &["notes/week-21.md: The note has no date. Put one in its front matter (date: 2025-05-23)"],
    )
    .await;
}
on_both!(
    a_wrong_date_is_refused_with_the_file_and_line,
    super::a_wrong_date_is_refused_with_the_file_and_line
);

async fn an_unknown_heading_is_refused_with_the_headings_that_work(db: &TestDb) {
    let note = "# Week 21\n\n## What went well this week?\nx\n\n## Highlights\ny\n";
    refused(
        db,
        &[
            ("notes/2025-05-16.md", GOOD_NOTE),
            ("notes/2025-05-23.md", note),
        ],
        &["notes"],
        &[
            "notes/2025-05-23.md:6: The heading \"Highlights\" names no question of this template.",
            "(went-well, was-hard, next-week, mood, turning-point)",
            "[headings] \"Highlights\" = \"went-well\"",
        ],
    )
    .await;
    refused(
        db,
        &[(
            "check-ins.csv",
            "date,member,question,answer\n2025-05-23,mina,Highlights,x\n",
        )],
        &["check-ins.csv", "--lang", "ko"],
        &["check-ins.csv:2: \"Highlights\"에 맞는 질문이 이 템플릿에 없어요."],
    )
    .await;
}
on_both!(
    an_unknown_heading_is_refused_with_the_headings_that_work,
    super::an_unknown_heading_is_refused_with_the_headings_that_work
);

async fn broken_json_is_refused_with_its_line_and_column(db: &TestDb) {
    let broken = "{\n  \"format\": \"hoego-export\",\n  \"version\": 1,\n  \"kind\": \"team\"\n  \"members\": []\n}\n";
    refused(
        db,
        &[("team.json", broken)],
        &["team.json"],
        &["team.json:5:3: This is not valid JSON: expected `,` or `}`"],
    )
    .await;
    let other = "{\"answers\": []}";
    refused(
        db,
        &[("other.json", other)],
        &["other.json"],
        &["other.json: This JSON is not a hoego export"],
    )
    .await;
    let dangling = "{\"format\":\"hoego-export\",\"version\":1,\"kind\":\"team\",\"exported_at\":\"2026-01-01T00:00:00Z\",\"templates\":[],\"rounds\":[{\"template\":3,\"occurrence_local\":\"2026-01-02T00:00:00\",\"due_at\":\"2026-01-02T00:00:00Z\",\"closes_at\":\"2026-01-03T00:00:00Z\",\"status\":\"closed\",\"created_at\":\"2026-01-02T00:00:00Z\"}]}";
    refused(
        db,
        &[("team.json", dangling)],
        &["team.json"],
        &["team.json (rounds[0].template): The export does not hold what this field names: template 3 (the document has 0)."],
    )
    .await;
}
on_both!(
    broken_json_is_refused_with_its_line_and_column,
    super::broken_json_is_refused_with_its_line_and_column
);

async fn a_milestone_that_the_milestone_command_would_refuse_is_refused_by_field(db: &TestDb) {
    let member = "{\"user_id\":\"mina\",\"display_name\":\"mina\",\"language\":\"en\",\"delivery\":\"dm\",\"created_at\":\"2026-01-01T00:00:00Z\"}";
    let document = |milestone: &str| {
        format!(
            "{{\"format\":\"hoego-export\",\"version\":1,\"kind\":\"team\",\"exported_at\":\"2026-01-01T00:00:00Z\",\"members\":[{member}],\"milestones\":[{milestone}]}}"
        )
    };
    let anonymous = document(
        "{\"author\":\"mina\",\"date\":\"2026-04-01\",\"text\":\"New job\",\"visibility\":\"anonymous\",\"created_at\":\"2026-04-01T00:00:00Z\"}",
    );
    refused(
        db,
        &[("team.json", &anonymous)],
        &["team.json"],
        &["team.json (milestones[0].visibility): A milestone is private or team (a team milestone is always team), not anonymous."],
    )
    .await;
    let stranger = document(
        "{\"author\":\"joon\",\"date\":\"2026-04-01\",\"text\":\"New job\",\"visibility\":\"private\",\"created_at\":\"2026-04-01T00:00:00Z\"}",
    );
    refused(
        db,
        &[("team.json", &stranger)],
        &["team.json"],
        &["team.json (milestones[0].author): The export does not hold what this field names: \"joon\""],
    )
    .await;
    let long = document(&format!(
        "{{\"author\":\"mina\",\"date\":\"2026-04-01\",\"text\":\"{}\",\"visibility\":\"private\",\"created_at\":\"2026-04-01T00:00:00Z\"}}",
        "x".repeat(121)
    ));
    refused(
        db,
        &[("team.json", &long)],
        &["team.json"],
        &["team.json (milestones[0].text): A milestone is one line of 1 to 120 characters; this one has 121."],
    )
    .await;
}
on_both!(
    a_milestone_that_the_milestone_command_would_refuse_is_refused_by_field,
    super::a_milestone_that_the_milestone_command_would_refuse_is_refused_by_field
);

async fn a_file_too_large_is_refused_before_it_is_read(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "date,member,question,answer\n{}",
        "2025-05-23,mina,went-well,x\n".repeat(100)
    );
    write_files(dir.path(), &[("big.csv", &big)]);
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_hoego"));
    command
        .args(["import", "big.csv"])
        .current_dir(dir.path())
        .env("HOEGO_DATABASE__URL", db.settings.url.expose())
        .env("HOEGO_IMPORT__MAX_FILE_KIB", "1");

    let output = command.output().unwrap();

    assert_eq!(output.status.code(), Some(2), "{}", said(&output));
    assert!(
        said(&output)
            .contains("big.csv: The file is 3 KiB; an import takes at most 1 KiB. Split it"),
        "{}",
        said(&output)
    );
    assert_eq!(row_counts(&db.store).await, vec![0]);
}
on_both!(
    a_file_too_large_is_refused_before_it_is_read,
    super::a_file_too_large_is_refused_before_it_is_read
);

async fn a_broken_csv_and_a_refused_answer_name_their_lines(db: &TestDb) {
    let short = "date,member,question,answer\n2025-05-23,mina,went-well,ok\n2025-05-24,mina\n";
    refused(
        db,
        &[("short.csv", short)],
        &["short.csv"],
        &["short.csv:3: This row has 2 fields and the first line names 4 columns."],
    )
    .await;
    let no_answer = "date,member,question\n2025-05-23,mina,went-well\n";
    refused(
        db,
        &[("a.csv", no_answer)],
        &["a.csv"],
        &["a.csv:1: The CSV has no answer column (its columns: date, member, question)."],
    )
    .await;
    let long = format!(
        "date,member,question,answer\n2025-05-23,mina,went-well,{}\n",
        "x".repeat(1001)
    );
    refused(db, &[("long.csv", &long)], &["long.csv"], &["long.csv:2: The answer to went-well was refused: Your answer is 1001 characters; the limit is 1000."]).await;
}
on_both!(
    a_broken_csv_and_a_refused_answer_name_their_lines,
    super::a_broken_csv_and_a_refused_answer_name_their_lines
);

/// A letter question's answers are sealed letters (an export holds them under `letters`): a
/// document that carries one as an answer is refused, so it can never become a readable answer.
async fn an_answer_to_a_letter_question_is_refused(db: &TestDb) {
    let source = TestDb::new(crate::support::Backend::Sqlite).await.unwrap();
    super::lived_in_team(&source.store).await;
    let team = source.store.all_teams().await.unwrap().remove(0);
    let chat = crate::support::chat::Chat::new(&source.store, "operator");
    let json = chat
        .service
        .team_export(team.id, hoego::domain::lang::Lang::En)
        .await
        .unwrap()
        .json;
    source.finish().await;
    let mut document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let round = document["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| !r["deliveries"][0]["answers"].as_array().unwrap().is_empty())
        .expect("a round with answers");
    let template = document["rounds"][round]["template"].as_u64().unwrap() as usize;
    let letter = "\n[[questions]]\nid = \"to-future-me\"\nkind = \"text\"\ncapsule = true\nrequired = false\n[questions.text]\nen = \"A few lines to yourself a year from now\"\nko = \"1년 뒤의 나에게 몇 줄\"\n";
    let with_letter = format!(
        "{}{letter}",
        document["templates"][template]["source"].as_str().unwrap()
    );
    document["templates"][template]["source"] = with_letter.into();
    let answers = document["rounds"][round]["deliveries"][0]["answers"]
        .as_array_mut()
        .unwrap();
    let mut answer = answers[0].clone();
    answer["question_id"] = "to-future-me".into();
    answer["value"] = "Dear me".into();
    answers.push(answer);
    let crafted = document.to_string();
    let field = format!(
        "team.json (rounds[{round}].deliveries[0].answers[{}].question_id)",
        answers_len(&document, round) - 1
    );

    refused(
        db,
        &[("team.json", &crafted)],
        &["team.json"],
        &[
            &field,
            "to-future-me is a letter to your future self: letters are sealed, not kept as answers",
        ],
    )
    .await;
}
on_both!(
    an_answer_to_a_letter_question_is_refused,
    super::an_answer_to_a_letter_question_is_refused
);

fn answers_len(document: &serde_json::Value, round: usize) -> usize {
    document["rounds"][round]["deliveries"][0]["answers"]
        .as_array()
        .unwrap()
        .len()
}
