//! People's text made inert before it is quoted in a digest or recap: it cannot make a link that
//! hides its target (`[label](url)` loses its link syntax, so the address shows as written), nor
//! imitate hoego's own lines (a line starting with a dash reads as an attribution, one starting
//! with `#` as a heading).

/// Characters that start an attribution line (`— Alice`).
const DASHES: [char; 5] = ['—', '–', '―', '‒', '⸺'];

/// One line of a person's answer, safe to quote.
pub fn inert(line: &str) -> String {
    let line = line.replace("](", "] (");
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    if let Some(rest) = body
        .strip_prefix(DASHES)
        .or_else(|| body.strip_prefix("--"))
    {
        return format!("{indent}\u{2010}{rest}");
    }
    let hashes = body.len() - body.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
        return format!("{indent}\u{ff03}{}", &body[1..]);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lose_their_disguise_and_lines_cannot_pass_for_hoegos() {
        let rows = [
            (
                "[our doc](https://evil.example/x)",
                "[our doc] (https://evil.example/x)",
            ),
            (
                "see [a](<https://x>) and [b](y)",
                "see [a] (<https://x>) and [b] (y)",
            ),
            ("— Alice", "\u{2010} Alice"),
            ("  – Alice, 2026-01-09", "  \u{2010} Alice, 2026-01-09"),
            ("-- Alice", "\u{2010} Alice"),
            ("## 2026 Q1", "\u{ff03}# 2026 Q1"),
            ("# Title", "\u{ff03} Title"),
            ("#회고 좋았어요", "#회고 좋았어요"),
            ("a - b — c", "a - b — c"),
            ("- item", "- item"),
        ];
        for (given, shown) in rows {
            assert_eq!(inert(given), shown, "{given}");
        }
    }
}
