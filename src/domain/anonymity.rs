//! The anonymity threshold: anonymous answers to a question in a round are shown in team views
//! only when at least `threshold` members answered it anonymously there; fewer could be told
//! apart (by the count beside the names of who did not answer, or by elimination when one
//! member made one answer anonymous). Those are withheld whole, value and count; the service's
//! wording says how many and why.

use std::collections::HashMap;

/// What the threshold needs to know of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerKey<'a> {
    /// The round it was given in.
    pub round: i64,
    /// The question's id.
    pub question_id: &'a str,
    /// The question's text, for the note.
    pub question: &'a str,
    /// Whether it is anonymous.
    pub anonymous: bool,
}

/// Anonymous answers to one question left out, over all the rounds a view covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The question's id.
    pub question_id: String,
    /// The question's text as first met.
    pub question: String,
    /// Whether its text differs between the rounds (a `{week}` in it, a template changed):
    /// then the note names it as "and the same question in other rounds", not by one round's
    /// words alone.
    pub varies: bool,
    /// How many answers were left out.
    pub answers: usize,
    /// In how many rounds.
    pub rounds: usize,
}

/// Keeps the answers a team may see under `threshold`, in their order, and says what was
/// withheld, per question in the order first met.
pub fn withhold<T>(
    answers: Vec<T>,
    threshold: usize,
    key: impl Fn(&T) -> AnswerKey<'_>,
) -> (Vec<T>, Vec<Withheld>) {
    // Counted by borrowed keys (no text copied per answer), each answer's fate decided and the
    // withheld ones described before the answers are filtered in place.
    let shown = {
        let mut counts: HashMap<(i64, &str), usize> = HashMap::new();
        for answer in &answers {
            let k = key(answer);
            if k.anonymous {
                *counts.entry((k.round, k.question_id)).or_default() += 1;
            }
        }
        let shown: Vec<bool> = answers
            .iter()
            .map(|answer| {
                let k = key(answer);
                !k.anonymous || counts[&(k.round, k.question_id)] >= threshold
            })
            .collect();
        shown
    };
    let withheld = described(&answers, &shown, &key);
    let mut kept = answers;
    let mut fates = shown.into_iter();
    kept.retain(|_| fates.next().unwrap_or(true));
    (kept, withheld)
}

/// What was withheld of `answers` (those not `shown`), per question in the order first met.
fn described<T>(
    answers: &[T],
    shown: &[bool],
    key: &impl Fn(&T) -> AnswerKey<'_>,
) -> Vec<Withheld> {
    let mut withheld: Vec<Withheld> = Vec::new();
    let mut rounds_seen: Vec<(String, i64)> = Vec::new();
    let hidden = answers.iter().zip(shown).filter(|(_, shown)| !**shown);
    for (answer, _) in hidden {
        let k = key(answer);
        let at = match withheld.iter().position(|w| w.question_id == k.question_id) {
            Some(at) => at,
            None => {
                withheld.push(Withheld {
                    question_id: k.question_id.to_string(),
                    question: k.question.to_string(),
                    varies: false,
                    answers: 0,
                    rounds: 0,
                });
                withheld.len() - 1
            }
        };
        withheld[at].answers += 1;
        withheld[at].varies |= withheld[at].question != k.question;
        let round = (k.question_id.to_string(), k.round);
        if !rounds_seen.contains(&round) {
            rounds_seen.push(round);
            withheld[at].rounds += 1;
        }
    }
    withheld
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (i64, &'static str, bool);

    fn key(row: &Row) -> AnswerKey<'_> {
        AnswerKey {
            round: row.0,
            question_id: row.1,
            question: row.1,
            anonymous: row.2,
        }
    }

    #[test]
    fn anonymous_answers_show_only_from_the_threshold_per_round_and_question() {
        let rows: Vec<Row> = vec![
            (1, "note", true),
            (1, "note", true),
            (1, "note", false),
            (1, "mood", true),
            (1, "mood", true),
            (1, "mood", true),
            (2, "note", true),
        ];
        let (kept, withheld) = withhold(rows, 3, key);
        assert_eq!(
            kept,
            vec![
                (1, "note", false),
                (1, "mood", true),
                (1, "mood", true),
                (1, "mood", true)
            ]
        );
        assert_eq!(
            withheld,
            vec![Withheld {
                question_id: "note".into(),
                question: "note".into(),
                varies: false,
                answers: 3,
                rounds: 2,
            }]
        );
    }
}
