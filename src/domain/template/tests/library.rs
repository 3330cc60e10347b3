//! The template library: team directories, replacements, suggestions and ids.

use std::path::PathBuf;

use crate::domain::template::*;

/// A fresh, empty directory under the system's temporary directory.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hoego-templates-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn team_template(id: &str, question_text: &str) -> String {
    format!(
        "id = \"{id}\"\nname = {{ en = \"Ours\", ko = \"우리 회고\" }}\n\
         description = {{ en = \"Ours\", ko = \"우리 회고\" }}\n\
         [[questions]]\nid = \"q\"\ntext = {{ en = \"{question_text}\", ko = \"질문\" }}\n"
    )
}

#[test]
fn a_team_file_adds_a_template_and_replaces_a_built_in_with_its_id() {
    let dir = scratch_dir("replace");
    std::fs::write(
        dir.join("weekly.toml"),
        team_template("weekly", "Our week?"),
    )
    .expect("w");
    std::fs::write(dir.join("ours.toml"), team_template("ours", "Ours?")).expect("w");
    std::fs::write(dir.join("notes.txt"), "not a template").expect("w");
    let library = TemplateLibrary::load(Some(&dir)).expect("loads");
    assert_eq!(library.ids().len(), 9);
    let weekly = library.get("weekly").expect("weekly");
    assert_eq!(weekly.questions[0].text.en, "Our week?");
    assert!(library.get("ours").is_some());
    assert!(library.get("kpt").is_some());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn team_directory_problems_name_the_file() {
    let dir = scratch_dir("problems");
    std::fs::write(dir.join("a.toml"), team_template("same", "A?")).expect("w");
    std::fs::write(dir.join("b.toml"), team_template("same", "B?")).expect("w");
    let error = TemplateLibrary::load(Some(&dir)).expect_err("duplicate ids");
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    let wanted = format!(
        "{}:1: template id `same` is already used by {}",
        b.display(),
        a.display()
    );
    assert_eq!(error.to_string(), wanted);

    std::fs::write(dir.join("b.toml"), "id = \"b\"\nname = 3\n").expect("w");
    let error = TemplateLibrary::load(Some(&dir)).expect_err("broken file");
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:2: ", b.display()))
    );
    std::fs::remove_dir_all(&dir).expect("clean up");

    let error = TemplateLibrary::load(Some(&dir)).expect_err("missing directory");
    assert!(matches!(error, TemplateError::Read { .. }), "{error}");
}

#[test]
fn a_misspelt_template_id_gets_a_suggestion() {
    let library = TemplateLibrary::built_in();
    let cases = [
        ("wekly", Some("weekly")),
        ("Weekly", Some("weekly")),
        ("weeklyy", Some("weekly")),
        ("ktp", Some("kpt")),
        ("4l", Some("4ls")),
        ("quartely", Some("quarterly")),
        ("madsadglad", Some("mad-sad-glad")),
        ("start_stop_continue", Some("start-stop-continue")),
        ("year end", Some("year-end")),
        ("year", Some("year-end")),
        ("xyz", None),
        ("retro", None),
        ("", None),
    ];
    for (given, wanted) in cases {
        assert_eq!(library.suggest(given), wanted, "{given:?}");
    }
}

#[test]
fn an_unknown_template_carries_the_nearest_id_and_every_id_on_offer() {
    let library = TemplateLibrary::built_in();
    let error = library.find("wekly").expect_err("no such template");
    assert_eq!(error.suggestion.as_deref(), Some("weekly"));
    let error = library.find("zzz").expect_err("no such template");
    assert_eq!(error.suggestion, None);
    assert_eq!(&error.available[..2], ["4ls", "kpt"]);
    assert!(library.find("kpt").is_ok());
}

#[test]
fn edit_distance_counts_a_swap_as_one_edit() {
    let cases = [
        ("", "", 0),
        ("kpt", "kpt", 0),
        ("ktp", "kpt", 1),
        ("wekly", "weekly", 1),
        ("abc", "", 3),
        ("회고", "회의", 1),
        ("kitten", "sitting", 3),
    ];
    for (a, b, d) in cases {
        assert_eq!(library::edit_distance(a, b), d, "{a} / {b}");
    }
}

#[test]
fn ids_are_lowercase_letters_digits_and_dashes_up_to_forty() {
    let forty = "a".repeat(40);
    let forty_one = "a".repeat(41);
    let cases = [
        ("weekly", true),
        ("4ls", true),
        ("start-stop-continue", true),
        (forty.as_str(), true),
        (forty_one.as_str(), false),
        ("", false),
        ("Weekly", false),
        ("went_well", false),
        ("주간", false),
        ("a b", false),
    ];
    for (id, ok) in cases {
        assert_eq!(TemplateId::parse(id).is_ok(), ok, "template {id:?}");
        assert_eq!(QuestionId::parse(id).is_ok(), ok, "question {id:?}");
    }
}
