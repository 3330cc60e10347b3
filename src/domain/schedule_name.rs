//! A schedule's name, parsed once: what admins type after `name`, and what every later command
//! and message names the schedule by. Letters (any script), digits and hyphens, starting with a
//! letter or digit, at most [`ScheduleName::MAX_LEN`] characters: nothing a chat platform reads
//! as markup or a mention (`<!channel>`), and one word for the command grammar.

use std::fmt;

/// A valid schedule name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScheduleName(String);

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleNameError {
    /// Nothing was given.
    #[error("a schedule name cannot be empty")]
    Empty,
    /// Longer than [`ScheduleName::MAX_LEN`] characters.
    #[error("{length} characters is longer than {max}")]
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The most allowed.
        max: usize,
    },
    /// A character outside letters, digits and `-`, or a leading `-`.
    #[error("{0:?} is not allowed in a schedule name")]
    Character(char),
}

impl ScheduleName {
    /// The most characters a name has.
    pub const MAX_LEN: usize = 64;

    /// Reads `text` (surrounding spaces ignored) as a schedule name.
    pub fn parse(text: &str) -> Result<ScheduleName, ScheduleNameError> {
        let name = text.trim();
        let first = name.chars().next().ok_or(ScheduleNameError::Empty)?;
        if first == '-' {
            return Err(ScheduleNameError::Character('-'));
        }
        if let Some(bad) = name.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
            return Err(ScheduleNameError::Character(bad));
        }
        let length = name.chars().count();
        if length > Self::MAX_LEN {
            return Err(ScheduleNameError::TooLong {
                length,
                max: Self::MAX_LEN,
            });
        }
        Ok(ScheduleName(name.to_string()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ScheduleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_digits_and_hyphens_of_any_script_make_a_name() {
        for good in ["weekly", "team-retro", "Q4-2026", "주간회고", " retro "] {
            assert!(ScheduleName::parse(good).is_ok(), "{good}");
        }
        assert_eq!(ScheduleName::parse(" retro ").unwrap().as_str(), "retro");
        assert_eq!(
            ScheduleName::parse(&"a".repeat(64)).unwrap().as_str().len(),
            64
        );
    }

    #[test]
    fn markup_spaces_symbols_and_long_names_are_refused_with_the_reason() {
        let cases = [
            ("<!channel>", ScheduleNameError::Character('<')),
            ("@here", ScheduleNameError::Character('@')),
            ("two words", ScheduleNameError::Character(' ')),
            ("under_score", ScheduleNameError::Character('_')),
            ("-retro", ScheduleNameError::Character('-')),
            ("", ScheduleNameError::Empty),
            (
                &"a".repeat(65),
                ScheduleNameError::TooLong {
                    length: 65,
                    max: 64,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(ScheduleName::parse(text), Err(expected), "{text}");
        }
    }
}
