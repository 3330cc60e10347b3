//! Scenario 5 (secrets): a database password passed as `?password=` or inside a URL that fails
//! to parse is never printed by `check-config`, `migrate` or their errors.

use crate::support::binary::{hoego, stderr, stdout};

const URLS: [&str; 4] = [
    "postgres://hoego@127.0.0.1:1/hoego?password=hunter2&sslmode=disable",
    "postgres://hoego:hunter2@/hoego",
    "postgres://hoego:hun:ter2@[::1/hoego?sslpassword=hunter2",
    "hoego:hunter2@db/hoego",
];

#[tokio::test]
async fn a_database_password_is_masked_wherever_it_is_written() {
    for url in URLS {
        for command in [&["check-config"][..], &["migrate"][..]] {
            let vars = [("HOEGO_DATABASE__URL", url.to_string())];
            let output = hoego(command, &vars).await;
            let shown = format!("{}{}", stdout(&output), stderr(&output));
            assert!(!shown.contains("hunter2"), "{command:?} {url}:\n{shown}");
            assert!(!shown.contains("ter2"), "{command:?} {url}:\n{shown}");
        }
    }
    let vars = [("HOEGO_DATABASE__URL", URLS[0].to_string())];
    let shown = stdout(&hoego(&["check-config"], &vars).await);
    assert!(
        shown.contains("?password=********&sslmode=disable"),
        "{shown}"
    );
}
