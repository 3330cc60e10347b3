//! Korean particles that fit the word before them: 은/는, 이/가, 을/를, 과/와, 으로/로,
//! 이라는/라는 and their kin, chosen by how the value actually ends when read aloud — a
//! Hangul syllable by its final consonant, a number by how it is read (2026 is 이천이십육,
//! so 2026을), Latin letters by their usual Korean reading (Q3을, weekly를, OKR을).
//!
//! A catalog writes `{schedule|을}` (either form of the pair works) and the value decides.

/// How a word ends, for the particles that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Ends in a vowel: 는, 가, 를, 와, 로, 라는.
    Vowel,
    /// Ends in ㄹ: takes the consonant forms except 으로, where it takes 로.
    Rieul,
    /// Ends in any other final consonant.
    Consonant,
    /// Cannot tell (a symbol, an emoji, a Chinese character): both forms are written.
    Unknown,
}

/// The particle pairs: (after a consonant, after a vowel, when the ending is unknown).
const PAIRS: &[(&str, &str, &str)] = &[
    ("은", "는", "은(는)"),
    ("이", "가", "이(가)"),
    ("을", "를", "을(를)"),
    ("과", "와", "과(와)"),
    ("으로", "로", "(으)로"),
    ("으로는", "로는", "(으)로는"),
    ("이라는", "라는", "(이)라는"),
    ("이라고", "라고", "(이)라고"),
    ("이에요", "예요", "이에요(예요)"),
    ("이나", "나", "(이)나"),
    ("이랑", "랑", "(이)랑"),
    ("이면", "면", "(이)면"),
];

/// Whether `form` is one of the particles this module knows, in either of its forms.
pub(super) fn is_particle(form: &str) -> bool {
    PAIRS.iter().any(|(c, v, _)| *c == form || *v == form)
}

/// `value` followed by the form of `particle` (either form of a known pair) that fits it;
/// an unknown particle is appended as written.
pub fn attach(value: &str, particle: &str) -> String {
    format!("{value}{}", choose(value, particle))
}

/// The form of `particle` that fits after `value`.
pub fn choose<'a>(value: &str, particle: &'a str) -> &'a str {
    let Some(&(consonant, vowel, unknown)) = PAIRS
        .iter()
        .find(|(c, v, _)| *c == particle || *v == particle)
    else {
        return particle;
    };
    match ending(value) {
        Ending::Vowel => vowel,
        Ending::Rieul if consonant == "으로" || consonant == "으로는" => vowel,
        Ending::Rieul | Ending::Consonant => consonant,
        Ending::Unknown => unknown,
    }
}

/// How `value` ends when read aloud, ignoring closing punctuation and spaces.
fn ending(value: &str) -> Ending {
    let trimmed =
        value.trim_end_matches(|c: char| c.is_whitespace() || ")]}>\"'`.,!?*_~".contains(c));
    if let Some(last) = trimmed.chars().last()
        && ('\u{AC00}'..='\u{D7A3}').contains(&last)
    {
        return match (u32::from(last) - 0xAC00) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        };
    }
    let word: String = {
        let tail: Vec<char> = trimmed
            .chars()
            .rev()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        tail.into_iter().rev().collect()
    };
    match word.chars().last() {
        Some(c) if c.is_ascii_digit() => number_ending(&word),
        Some(_) => latin_ending(&word),
        None => Ending::Unknown,
    }
}

/// How the number at the end of `word` is read: by its last non-zero digit (…일, …이, …삼),
/// or by the power of ten its trailing zeros make (십, 백, 천, 만).
fn number_ending(word: &str) -> Ending {
    let digits: String = word
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let zeros = digits.chars().take_while(|&d| d == '0').count();
    if zeros == digits.len() {
        return Ending::Consonant; // 영
    }
    match zeros {
        0 => match digits.chars().next() {
            Some('1' | '7' | '8') => Ending::Rieul, // 일, 칠, 팔
            Some('3' | '6') => Ending::Consonant,   // 삼, 육
            _ => Ending::Vowel,                     // 이, 사, 오, 구
        },
        1..=11 => Ending::Consonant, // 십, 백, 천, 만, 억
        _ => Ending::Vowel,          // 조
    }
}

/// How a Latin word is read in Korean: an acronym by its last letter's name (엘, 엠, 엔, 알),
/// a word by its usual loanword ending (team 팀, goal 골, standup 스탠드업, weekly 위클리).
fn latin_ending(word: &str) -> Ending {
    let lower = word.to_ascii_lowercase();
    // Sizes are read as bytes: 2048 KiB is 키비바이트, 10 MB 메가바이트.
    if matches!(lower.as_str(), "kib" | "mib" | "gib" | "kb" | "mb" | "gb") {
        return Ending::Vowel;
    }
    let acronym = word.len() == 1 || word.chars().all(|c| !c.is_ascii_lowercase());
    let last = lower.chars().last().unwrap_or(' ');
    if acronym {
        return match last {
            'l' | 'r' => Ending::Rieul,
            'm' | 'n' => Ending::Consonant,
            _ => Ending::Vowel,
        };
    }
    let before = lower.chars().rev().nth(1).unwrap_or(' ');
    let vowel_before = "aeiou".contains(before);
    match last {
        'l' => Ending::Rieul,
        'm' | 'n' => Ending::Consonant,
        'g' if before == 'n' => Ending::Consonant,
        'b' | 'p' if vowel_before => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_final_sound_of_the_value() {
        #[rustfmt::skip]
        let cases = [
            ("서울", "을", "서울을"), ("서울", "으로", "서울로"), ("서울", "이", "서울이"),
            ("부산", "를", "부산을"), ("부산", "로", "부산으로"), ("부산", "는", "부산은"),
            ("회고", "을", "회고를"), ("회고", "이라는", "회고라는"), ("회고", "과", "회고와"),
            ("주간 회고", "을", "주간 회고를"), ("월간 점검", "를", "월간 점검을"),
            ("2026", "은", "2026은"), ("2026", "으로", "2026으로"), ("2020", "이", "2020이"),
            ("2000", "을", "2000을"), ("2", "을", "2를"), ("1", "으로", "1로"),
            ("Q3", "을", "Q3을"), ("Q2", "을", "Q2를"), ("Q1", "으로", "Q1로"),
            ("weekly", "을", "weekly를"), ("weekly", "이라는", "weekly라는"),
            ("retro", "이", "retro가"), ("team", "은", "team은"), ("goal", "으로", "goal로"),
            ("standup", "과", "standup과"), ("OKR", "을", "OKR을"), ("KPT", "을", "KPT를"),
            ("4L", "이", "4L이"), ("sprint-review", "를", "sprint-review를"),
            ("`weekly`", "을", "`weekly`를"), ("주간 회고 (팀)", "을", "주간 회고 (팀)을"),
            ("🙂", "을", "🙂을(를)"), ("", "으로", "(으)로"),
            ("2048 KiB", "이에요", "2048 KiB예요"), ("10 MB", "은", "10 MB는"),
        ];
        for (value, particle, expected) in cases {
            assert_eq!(attach(value, particle), expected, "{value} + {particle}");
        }
    }

    #[test]
    fn a_word_that_is_not_a_known_particle_is_appended_as_written() {
        assert_eq!(attach("회고", "의"), "회고의");
        assert!(!is_particle("의"));
        assert!(is_particle("을") && is_particle("를"));
    }
}
