//! The languages hoego speaks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language hoego can speak: every message, question and recap exists in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean (한국어).
    Ko,
}

/// A language code that is neither `en` nor `ko`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: use `en` (English) or `ko` (Korean)")]
pub struct UnknownLang(pub String);

impl Lang {
    /// Every language, in the order they are listed to people.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The short code stored in the database and used in commands.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language for a platform locale such as `ko`, `ko-KR` or `en-US`; English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        let primary = locale.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ko" | "korean" => Ok(Lang::Ko),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The English name of `month` (1 = January; out-of-range values are clamped), the one table
/// every English date and description uses.
pub fn month_en(month: impl Into<u32>) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[month.into().clamp(1, 12) as usize - 1]
}

/// The English month's three-letter abbreviation (`Jan` … `Dec`), from the same table.
pub fn month_en_short(month: impl Into<u32>) -> &'static str {
    &month_en(month)[..3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_platform_locale_picks_korean() {
        assert_eq!(Lang::from_locale("ko"), Lang::Ko);
        assert_eq!(Lang::from_locale("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_locale("en-US"), Lang::En);
        assert_eq!(Lang::from_locale("fr"), Lang::En);
    }

    #[test]
    fn language_codes_parse_and_unknown_ones_are_refused() {
        assert_eq!("ko".parse::<Lang>(), Ok(Lang::Ko));
        assert_eq!(" EN ".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
