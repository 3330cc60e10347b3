//! "Then vs now": a question that shows its author what they answered to an earlier question
//! about a year or a quarter before (`recall = { question = "learned", ago = "1y" }`), and the
//! rule that picks that earlier round.

use chrono::{Duration, Months, NaiveDateTime};

use super::QuestionId;

/// Which earlier answer a question recalls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    /// The question of the same template whose earlier answer is shown (often the question
    /// itself: "what did {year} teach you?" against last year's).
    pub question: QuestionId,
    /// How long before.
    pub ago: Ago,
}

/// How far back a recall looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ago {
    /// About a year (`1y`).
    Year,
    /// About a quarter (`1q`).
    Quarter,
}

impl Ago {
    /// The words a template file may use, with what they mean.
    pub const WORDS: [(&'static str, Ago); 2] = [("1y", Ago::Year), ("1q", Ago::Quarter)];

    /// `1y` or `1q`; anything else is `None`.
    pub fn parse(word: &str) -> Option<Ago> {
        Self::WORDS
            .iter()
            .find(|(w, _)| *w == word.trim())
            .map(|(_, ago)| *ago)
    }

    /// The word for it in template files.
    pub fn as_str(self) -> &'static str {
        match self {
            Ago::Year => "1y",
            Ago::Quarter => "1q",
        }
    }

    fn months(self) -> u32 {
        match self {
            Ago::Year => 12,
            Ago::Quarter => 3,
        }
    }

    /// How far from exactly `ago` before an earlier round may be and still count: half the
    /// span, so a yearly round held a few weeks earlier or later than last year's is found,
    /// and the round itself (a whole span later) never is.
    fn tolerance(self) -> Duration {
        match self {
            Ago::Year => Duration::days(180),
            Ago::Quarter => Duration::days(45),
        }
    }

    /// Of the earlier rounds' `(occurrence, item)`, the one held nearest to `ago` before
    /// `now` (a round's local occurrence), within half the span; only rounds before `now`.
    pub fn nearest<T>(
        self,
        now: NaiveDateTime,
        earlier: impl IntoIterator<Item = (NaiveDateTime, T)>,
    ) -> Option<(NaiveDateTime, T)> {
        let target = now.checked_sub_months(Months::new(self.months()))?;
        earlier
            .into_iter()
            .filter(|(at, _)| *at < now)
            .map(|(at, item)| ((at - target).abs(), at, item))
            .filter(|(off, _, _)| *off <= self.tolerance())
            .min_by_key(|(off, at, _)| (*off, std::cmp::Reverse(*at)))
            .map(|(_, at, item)| (at, item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_words_are_one_year_and_one_quarter_only() {
        assert_eq!(Ago::parse("1y"), Some(Ago::Year));
        assert_eq!(Ago::parse("1q"), Some(Ago::Quarter));
        for bad in ["2y", "1m", "year", "", "1Y"] {
            assert_eq!(Ago::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_year_ago_is_last_years_round_even_a_few_weeks_off() {
        let rounds = [
            (at(2024, 12, 30), "two years"),
            (at(2026, 1, 9), "last year, held late"),
            (at(2026, 9, 30), "a quarter ago"),
        ];
        let found = Ago::Year.nearest(at(2026, 12, 31), rounds);
        assert_eq!(found, Some((at(2026, 1, 9), "last year, held late")));
    }

    #[test]
    fn a_quarter_ago_is_the_previous_quarters_round_not_the_one_before() {
        let rounds = [
            (at(2026, 3, 31), "Q1"),
            (at(2026, 6, 30), "Q2"),
            (at(2026, 9, 30), "Q3"),
        ];
        let found = Ago::Quarter.nearest(at(2026, 9, 30), rounds);
        assert_eq!(found, Some((at(2026, 6, 30), "Q2")));
    }

    #[test]
    fn nothing_is_found_when_no_round_was_held_about_that_long_ago() {
        let rounds = [(at(2026, 11, 30), "last month"), (at(2027, 1, 1), "later")];
        assert_eq!(Ago::Year.nearest(at(2026, 12, 31), rounds), None);
        assert_eq!(
            Ago::Quarter.nearest(at(2026, 12, 31), [(at(2026, 3, 1), 1)]),
            None
        );
    }
}
