//! Splitting long text into pieces no longer than a limit (each platform states its own), at
//! line breaks where possible, then at spaces, and never inside a character.

/// `text` cut into pieces of at most `limit` characters (`limit` ≥ 1). Each cut is made after
/// the last line break that fits, else after the last space, else at a character boundary;
/// joining the pieces gives `text` back.
pub fn split(text: &str, limit: usize) -> Vec<String> {
    assert!(limit > 0, "a limit of at least one character");
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some((fit_end, _)) = rest.char_indices().nth(limit) else {
            pieces.push(rest.to_string());
            break;
        };
        let window = &rest[..fit_end];
        let cut = window
            .rfind('\n')
            .or_else(|| window.rfind(' '))
            .map(|i| i + 1)
            .filter(|&i| i > 0)
            .unwrap_or(fit_end);
        pieces.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(split("안녕", 2), vec!["안녕"]);
        assert!(split("", 10).is_empty());
    }

    #[test]
    fn text_is_cut_after_the_last_line_break_that_fits() {
        let pieces = split("one\ntwo\nthree", 9);
        assert_eq!(pieces, vec!["one\ntwo\n", "three"]);
    }

    #[test]
    fn without_breaks_it_cuts_at_a_space_then_anywhere() {
        assert_eq!(split("aaa bbb", 5), vec!["aaa ", "bbb"]);
        assert_eq!(split("abcdefg", 3), vec!["abc", "def", "g"]);
    }

    #[test]
    fn no_piece_exceeds_the_limit_or_cuts_a_character() {
        // Multi-byte text: Korean (3 bytes), emoji (4 bytes), mixed with spaces and newlines.
        let unit = "회고를 씁니다 🙂🎉 weekly note\n한 주를 돌아보며";
        let text = unit.repeat(400);
        for limit in [2000, 3000, 1, 7, 13] {
            let pieces = split(&text, limit);
            assert_eq!(pieces.concat(), text, "limit {limit}");
            for piece in &pieces {
                assert!(piece.chars().count() <= limit, "limit {limit}");
                assert!(!piece.is_empty());
            }
        }
        let emoji = "🎉".repeat(4001);
        let pieces = split(&emoji, 2000);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[2], "🎉");
    }
}
