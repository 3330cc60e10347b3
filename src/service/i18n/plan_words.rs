//! The quarterly question that asks how a sub-goal of the member's Mandalart is going, in every
//! language (`[mandalart]`'s `rating_*` texts).

use super::t;
use crate::domain::lang::Lang;
use crate::domain::mandalart::follow::rating_question as question;
use crate::domain::template::{Localized, Question};

/// The 1–5 question about sub-goal `number` (from 1) titled `goal`, of the Mandalart for `year`.
pub fn rating_question(year: i32, number: usize, goal: &str) -> Question {
    let (year, number) = (year.to_string(), number.to_string());
    let args = [("year", year.as_str()), ("number", &number), ("goal", goal)];
    let both = |key: &str| Localized::new(t(Lang::En, key, &args), t(Lang::Ko, key, &args));
    question(
        number.parse().unwrap_or(1),
        both("mandalart.rating_question"),
        both("mandalart.rating_label"),
        (both("mandalart.rating_low"), both("mandalart.rating_high")),
    )
}
