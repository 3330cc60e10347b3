//! A Mandalart question in a form: its parts as fields (the centre, the eight sub-goals, and
//! the actions of each sub-goal already named), and a submission's parts laid over the grid
//! kept so far. A part that is not submitted keeps what it held, so a grid is filled in stages
//! (one modal of a platform after another, or `answer` again another day).

use std::collections::HashMap;

use super::asker::Asker;
use super::reply::{FormField, InputShape};
use super::rounds::RoundForm;
use super::syntax::Example;
use crate::domain::answer::{AnswerError, FormErrors};
use crate::domain::mandalart::{CELLS, Grid, Part};
use crate::domain::template::Question;
use crate::service::i18n::worded::Worded;
use crate::store::AnswerWrite;

/// The stored grid of `question` in `values` (under the question's id), empty when none.
pub fn stored_grid(question: &Question, values: &HashMap<String, String>) -> Grid {
    values
        .get(question.id.as_str())
        .and_then(|stored| Grid::from_storage(stored))
        .unwrap_or_default()
}

/// The fields of `question`: the centre and the sub-goals, then the actions of each sub-goal
/// named in the stored grid (none before one is saved: that is the first stage). Each field
/// holds what was typed in it, else the grid's part.
pub fn grid_fields(
    asker: &Asker,
    round: &RoundForm,
    question: &Question,
    values: &HashMap<String, String>,
    errors: &FormErrors,
) -> Vec<FormField> {
    let grid = stored_grid(question, values);
    let shown = field_ids(std::slice::from_ref(question), values);
    Part::all()
        .filter(|part| shown.contains(&part.field_id(&question.id)))
        .map(|part| {
            let id = part.field_id(&question.id);
            let (label, short_label) = part_labels(asker, round, question, &grid, part);
            FormField {
                value: values
                    .get(&id)
                    .cloned()
                    .or_else(|| Some(grid.value(part)).filter(|v| !v.is_empty())),
                // Only this question's errors: another question's "needs an answer" is not the
                // centre's.
                error: errors
                    .iter()
                    .filter(|(q, _)| q == &question.id)
                    .find_map(|(_, error)| match error {
                        AnswerError::Grid { field, .. } if *field == id => {
                            Some(error.worded(asker.lang()))
                        }
                        AnswerError::Required if part == Part::Centre => {
                            Some(error.worded(asker.lang()))
                        }
                        _ => None,
                    }),
                id,
                label,
                short_label,
                input: match part {
                    Part::Centre => InputShape::Paragraph,
                    Part::Goals | Part::Actions(_) => InputShape::Lines,
                },
                max_len: part.input_len().min(asker.limits.input_len),
                required: question.required && part == Part::Centre,
                recall: None,
            }
        })
        .collect()
}

/// A part's label and its short form.
fn part_labels(
    asker: &Asker,
    round: &RoundForm,
    question: &Question,
    grid: &Grid,
    part: Part,
) -> (String, Option<String>) {
    let question_text = round.label(asker, question);
    match part {
        Part::Centre => (
            asker.t("mandalart.centre", &[("question", &question_text)]),
            Some(asker.t("mandalart.centre_short", &[])),
        ),
        Part::Goals => (
            asker.t("mandalart.goals", &[]),
            Some(asker.t("mandalart.goals_short", &[])),
        ),
        Part::Actions(n) => {
            let goal = &grid.goals[n].title;
            let number = (n + 1).to_string();
            let args = [("number", number.as_str()), ("goal", goal.as_str())];
            (
                asker.t("mandalart.actions", &args),
                Some(asker.t("mandalart.actions_short", &args)),
            )
        }
    }
}

/// Labels for every field a Mandalart question may have, for giving typed text back.
pub fn grid_labels(asker: &Asker, round: &RoundForm, question: &Question) -> Vec<(String, String)> {
    let grid = Grid::default();
    Part::all()
        .map(|part| {
            let label = match part {
                Part::Actions(n) => {
                    let number = (n + 1).to_string();
                    asker.t("mandalart.actions_numbered", &[("number", &number)])
                }
                Part::Centre | Part::Goals => part_labels(asker, round, question, &grid, part).0,
            };
            (part.field_id(&question.id), label)
        })
        .collect()
}

/// A submission's Mandalart parts laid over `earlier` (the stored grid of each Mandalart
/// question, by question id): the grid's stored form under each question's id (empty when no
/// cell is written), or each refused part's error.
pub fn submitted_grids(
    questions: &[Question],
    earlier: &HashMap<String, String>,
    values: &[(String, String)],
) -> (Vec<(Question, String)>, FormErrors) {
    let (mut grids, mut errors) = (Vec::new(), FormErrors::new());
    for question in questions.iter().filter(|q| q.is_mandalart()) {
        let mut grid = stored_grid(question, earlier);
        for (field, typed) in values {
            let Some(part) = Part::of_field(&question.id, field) else {
                continue;
            };
            if let Err(problem) = grid.set(part, typed) {
                let field = field.clone();
                errors.push((question.id.clone(), AnswerError::Grid { field, problem }));
            }
        }
        let stored = if grid.is_empty() {
            String::new()
        } else {
            grid.to_storage()
        };
        grids.push((question.clone(), stored));
    }
    (grids, errors)
}

/// After a save, how full each Mandalart of the round is and how to go on.
pub fn grid_kept(asker: &Asker, round: &RoundForm, writes: &[AnswerWrite]) -> Vec<String> {
    writes
        .iter()
        .filter(|w| w.mandalart.is_some())
        .map(|w| {
            let filled = w
                .value
                .as_deref()
                .and_then(Grid::from_storage)
                .map_or(0, |grid| grid.filled());
            let answer = asker.spell(Example::Answer(round.delivery.name()));
            asker.t(
                "mandalart.kept",
                &[
                    ("filled", &filled.to_string()),
                    ("cells", &CELLS.to_string()),
                    ("answer", &answer),
                ],
            )
        })
        .collect()
}

/// The ids of every field of the round's form, in order: a question's id, or the parts of a
/// Mandalart as [`grid_fields`] shows them for its stored grid in `earlier`.
pub fn field_ids(questions: &[Question], earlier: &HashMap<String, String>) -> Vec<String> {
    let mut ids = Vec::new();
    for question in questions {
        if !question.is_mandalart() {
            ids.push(question.id.to_string());
            continue;
        }
        let grid = stored_grid(question, earlier);
        ids.extend(
            Part::all()
                .filter(|part| match part {
                    Part::Actions(n) => !grid.goals[*n].title.is_empty(),
                    Part::Centre | Part::Goals => true,
                })
                .map(|part| part.field_id(&question.id)),
        );
    }
    ids
}
