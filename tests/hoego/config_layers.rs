//! Configuration layering: defaults, file, secrets file, environment; and the errors a person
//! sees for bad values.

use std::io::Write;

use hoego::config::{self, ConfigError, LoadOptions, Source};
use secrecy::ExposeSecret;

fn env(pairs: &[(&str, &str)]) -> LoadOptions {
    LoadOptions {
        env: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..LoadOptions::default()
    }
}

fn file_with(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file
}

#[test]
fn the_defaults_alone_make_valid_settings() {
    let (settings, _) = config::load(&LoadOptions::default()).expect("defaults are valid");

    assert_eq!(settings.database.url.expose(), "sqlite://hoego.db");
    assert_eq!(settings.http.bind.to_string(), "127.0.0.1:9187");
    assert!(hoego::platform::configured(&settings).is_empty());
}

#[test]
fn the_environment_overrides_the_file_which_overrides_the_defaults() {
    let file = file_with("[sender]\nrate_per_second = 20\nmax_attempts = 3\n");
    let mut options = env(&[("HOEGO_SENDER__RATE_PER_SECOND", "10")]);
    options.config_file = Some(file.path().to_path_buf());

    let (settings, layers) = config::load(&options).unwrap();

    assert_eq!(settings.sender.rate_per_second, 10);
    assert_eq!(settings.sender.max_attempts, 3);
    assert_eq!(
        *layers.get("sender.max_attempts").1,
        Source::File(file.path().to_path_buf())
    );
}

#[test]
fn an_unsupported_database_scheme_names_the_key_and_the_variable() {
    let error = config::load(&env(&[("HOEGO_DATABASE__URL", "mysql://x")])).unwrap_err();

    let text = error.to_string();
    assert!(text.contains("database.url"), "{text}");
    assert!(text.contains("HOEGO_DATABASE__URL"), "{text}");
    assert!(text.contains("postgres://"), "{text}");
}

#[test]
fn a_misspelled_key_in_a_file_is_refused_with_a_suggestion() {
    let file = file_with("[database]\nurll = \"sqlite://x.db\"\n");
    let options = LoadOptions {
        config_file: Some(file.path().to_path_buf()),
        ..LoadOptions::default()
    };

    let error = config::load(&options).unwrap_err();

    assert!(matches!(&error, ConfigError::UnknownKey { key, .. } if key == "database.urll"));
    assert!(
        error.to_string().contains("did you mean `database.url`"),
        "{error}"
    );
}

#[test]
fn a_misspelled_environment_variable_is_refused() {
    let error = config::load(&env(&[("HOEGO_DATABSE__URL", "sqlite://x.db")])).unwrap_err();

    assert!(error.to_string().contains("HOEGO_DATABSE__URL"), "{error}");
}

#[test]
fn list_settings_read_toml_and_json_lists_as_well_as_comma_lists() {
    let read = |vars: &[(&str, &str)]| config::load(&env(vars)).unwrap().0;

    let bracketed = read(&[
        ("HOEGO_DISCORD__GUILD_IDS", "[42, 43]"),
        ("HOEGO_SLACK__ADMIN_USER_IDS", "[\"U1\", \"U2\"]"),
    ]);
    let empty = read(&[
        ("HOEGO_DISCORD__GUILD_IDS", "[]"),
        ("HOEGO_SLACK__ADMIN_USER_IDS", " [ ] "),
    ]);
    let commas = read(&[
        ("HOEGO_DISCORD__GUILD_IDS", "42, 43"),
        ("HOEGO_SLACK__ADMIN_USER_IDS", "U1,U2"),
    ]);
    let one = read(&[
        ("HOEGO_DISCORD__GUILD_IDS", "[42]"),
        ("HOEGO_SLACK__ADMIN_USER_IDS", "[\"U1\"]"),
    ]);

    assert_eq!(bracketed.discord.guild_ids, [42, 43]);
    assert_eq!(bracketed.slack.admin_user_ids, ["U1", "U2"]);
    assert!(empty.discord.guild_ids.is_empty());
    assert!(empty.slack.admin_user_ids.is_empty());
    assert_eq!(commas.discord.guild_ids, [42, 43]);
    assert_eq!(commas.slack.admin_user_ids, ["U1", "U2"]);
    assert_eq!(one.discord.guild_ids, [42]);
    assert_eq!(one.slack.admin_user_ids, ["U1"]);
}

#[test]
fn a_broken_list_is_refused_with_the_forms_a_list_takes() {
    for raw in ["[\"U1\"", "[{a = 1}]", "[\"U1\", [2]]"] {
        let error = config::load(&env(&[("HOEGO_SLACK__ADMIN_USER_IDS", raw)])).expect_err(raw);
        let text = error.to_string();
        assert!(text.contains("HOEGO_SLACK__ADMIN_USER_IDS"), "{text}");
        assert!(
            text.contains("comma-separated") && text.contains("[\"U1\", \"U2\"]"),
            "{raw}: {text}"
        );
    }
}

#[test]
fn bad_values_say_what_is_accepted() {
    let cases = [
        ("HOEGO_DATABASE__MAX_CONNECTIONS", "ten", "a whole number"),
        ("HOEGO_HTTP__ENABLED", "maybe", "true or false"),
        ("HOEGO_HTTP__BIND", "localhost", "IP:PORT"),
        ("HOEGO_LOG__FORMAT", "xml", "pretty or json"),
        ("HOEGO_TEAM__TIME_ZONE", "Mars/Olympus", "IANA"),
        ("HOEGO_TEAM__LANGUAGE", "de", "en or ko"),
        ("HOEGO_DISCORD__API_BASE_URL", "ftp://x", "http://"),
        ("HOEGO_DISCORD__GUILD_IDS", "12,abc", "numeric ids"),
        ("HOEGO_DISCORD__SHARD_IDS", "0,2", "consecutive ids"),
        ("HOEGO_SENDER__MAX_ATTEMPTS", "0", "from 1 to 100"),
    ];
    for (name, value, accepted) in cases {
        let error = config::load(&env(&[(name, value)])).expect_err(name);
        let text = error.to_string();
        assert!(text.contains(name), "{name}: {text}");
        assert!(text.contains(accepted), "{name}: {text}");
    }
}

#[test]
fn a_token_in_the_configuration_file_is_refused() {
    let file = file_with("[discord]\ntoken = \"abc.def\"\n");
    let options = LoadOptions {
        config_file: Some(file.path().to_path_buf()),
        ..LoadOptions::default()
    };

    let error = config::load(&options).unwrap_err().to_string();

    assert!(error.contains("HOEGO_DISCORD__TOKEN"), "{error}");
    assert!(!error.contains("abc.def"), "the secret leaked: {error}");
}

#[test]
fn secrets_come_from_the_secrets_file_or_the_environment() {
    let secrets = file_with("[slack]\nbot_token = \"xoxb-from-file\"\n");
    let mut options = env(&[("HOEGO_DISCORD__TOKEN", "from-env")]);
    options.secrets_file = Some(secrets.path().to_path_buf());

    let (settings, _) = config::load(&options).unwrap();

    assert_eq!(settings.discord.token.unwrap().expose_secret(), "from-env");
    assert_eq!(
        settings.slack.bot_token.unwrap().expose_secret(),
        "xoxb-from-file"
    );
}

#[test]
fn a_plain_setting_in_the_secrets_file_is_refused() {
    let secrets = file_with("[database]\nurl = \"sqlite://x.db\"\n");
    let options = LoadOptions {
        secrets_file: Some(secrets.path().to_path_buf()),
        ..LoadOptions::default()
    };

    let error = config::load(&options).unwrap_err();

    assert!(
        error
            .to_string()
            .contains("only secrets belong in the secrets file"),
        "{error}"
    );
}

#[test]
fn a_broken_file_is_reported_with_its_line() {
    let file = file_with("[database]\nurl = \"sqlite://x.db\"\nmax_connections = = 3\n");
    let options = LoadOptions {
        config_file: Some(file.path().to_path_buf()),
        ..LoadOptions::default()
    };

    let error = config::load(&options).unwrap_err().to_string();

    assert!(error.contains("line 3"), "{error}");
}

#[test]
fn every_default_key_has_a_comment_above_it() {
    let lines: Vec<&str> = config::DEFAULT_TOML.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let is_key = line.contains(" = ") && !line.trim_start().starts_with('#');
        if is_key {
            assert!(
                lines[i - 1].trim_start().starts_with('#'),
                "no comment above `{line}`"
            );
        }
    }
}

#[test]
fn the_readme_configuration_table_matches_the_defaults() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- config-table:start -->\n")
        .expect("README has the table start marker");
    let end = readme
        .find("<!-- config-table:end -->")
        .expect("README has the table end marker");
    let in_readme = &readme[start + "<!-- config-table:start -->\n".len()..end];

    let expected = config::reference_table();

    assert_eq!(
        in_readme, expected,
        "regenerate the README table; it should be:\n{expected}"
    );
}
