//! Whether a whole reply is written in Korean: every line that has words other than names has
//! Hangul, and no English word (longer than three letters) is left outside code spans, except
//! names that stay as they are (hoego, Slack, Discord, cron, and the retro formats' own words
//! such as Keep).

/// Words that stay in English in a Korean reply.
const KEPT: &[&str] = &[
    "hoego", "slack", "discord", "keep", "problem", "start", "stop", "continue", "liked",
    "learned", "lacked", "longed", "glad", "thread", "cron",
];

/// Fails, naming the line, unless every line of `text` reads as Korean.
pub fn assert_korean(text: &str) {
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for line in text.lines() {
        let bare = outside_code(line);
        let words: Vec<&str> = bare
            .split(|c: char| !(c.is_alphanumeric() || "/_-".contains(c)))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let english: Vec<&&str> = words
            .iter()
            .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
            .filter(|w| !KEPT.contains(&w.to_lowercase().as_str()))
            .collect();
        assert!(
            english.is_empty(),
            "English {english:?} in a Korean reply: {line:?}\n{text}"
        );
        let kept = |w: &&str| KEPT.contains(&w.to_lowercase().as_str());
        let not_names = words.iter().any(|w| !kept(w));
        if not_names && !line.trim_start().starts_with('`') {
            assert!(hangul(line), "a line without Korean: {line:?}\n{text}");
        }
    }
}

/// `line` without its `code spans`.
fn outside_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}
