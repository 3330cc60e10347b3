//! Fitting text into a platform's length limits where it shows: shortened at a word boundary
//! with a visible ellipsis, and a title's date kept whole while its name gives way.

/// The separator between a form title's name and its date (`Weekly retrospective · 2026-12-04`).
const TITLE_SEPARATOR: &str = " · ";

/// `text` in at most `limit` characters: as it is when it fits, otherwise cut at the last word
/// boundary that leaves room for `…` (or mid-word when the first word alone is too long).
pub fn fit(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    if limit == 0 {
        return String::new();
    }
    let room: String = text.chars().take(limit - 1).collect();
    let cut = match room.rfind(char::is_whitespace) {
        Some(at) if at > 0 => room[..at].trim_end(),
        _ => room.as_str(),
    };
    let cut = cut
        .trim_end_matches([',', ';', ':', '·', '-', '('])
        .trim_end();
    format!("{cut}…")
}

/// A title in at most `limit` characters, keeping its last ` · ` part (the date) whole and
/// shortening the name before it.
pub fn fit_title(title: &str, limit: usize) -> String {
    if title.chars().count() <= limit {
        return title.to_string();
    }
    let Some((name, tail)) = title.rsplit_once(TITLE_SEPARATOR) else {
        return fit(title, limit);
    };
    let kept = tail.chars().count() + TITLE_SEPARATOR.chars().count();
    if kept + 2 > limit {
        return fit(title, limit);
    }
    format!("{}{TITLE_SEPARATOR}{tail}", fit(name, limit - kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_word_boundary_with_a_visible_ellipsis() {
        let text = "What will you focus on next week? One item per line.";

        assert_eq!(fit(text, 45), "What will you focus on next week? One item…");
        assert_eq!(fit("Short enough", 45), "Short enough");
        assert_eq!(fit("Supercalifragilistic", 10), "Supercali…");
        assert!(fit(text, 45).chars().count() <= 45);
    }

    #[test]
    fn korean_is_counted_in_characters_and_cut_between_words() {
        let text = "다음 주에 집중할 일을 한 줄에 하나씩 적어 주세요.";

        let short = fit(text, 15);

        assert_eq!(short, "다음 주에 집중할 일을…");
        assert!(short.chars().count() <= 15);
    }

    #[test]
    fn a_title_keeps_its_date_and_shortens_its_name() {
        let title = "4Ls (Liked · Learned · Lacked · Longed for) · 2026-12-04";

        assert_eq!(
            fit_title(title, 45),
            "4Ls (Liked · Learned · Lacked… · 2026-12-04"
        );
        assert_eq!(
            fit_title("Weekly retrospective · 2026-12-04", 24),
            "Weekly… · 2026-12-04"
        );
        assert_eq!(
            fit_title("주간 회고 · 2026-12-04", 24),
            "주간 회고 · 2026-12-04"
        );
        assert!(fit_title(title, 24).chars().count() <= 24);
    }
}
