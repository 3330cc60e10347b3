//! The team's Mandalart form, asked as a member's grid is: the centre and the eight sub-goals
//! first, then one field per named sub-goal with its actions. A platform shows as many fields as
//! one of its forms holds (Discord: five), each part is saved when it is submitted (the grid
//! kept so far under it), and a Continue button opens the next part; the console and Slack ask
//! each stage in one form. Only admins write it.

use super::Actor;
use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::i18n::worded::Worded;
use super::ids::{ActionId, FormId, TeamGridForm};
use super::interaction::Outcome;
use super::reply::{Action, Form, FormField, InputShape, Reply};
use super::syntax::Example;
use super::team_mandalart::{cells_args, require_team_admin};
use crate::domain::answer::AnswerError;
use crate::domain::mandalart::{Grid, Part};
use crate::domain::template::QuestionId;

/// The question id its fields are named under: `team.centre`, `team.goals`, `team.3`.
const TEAM: &str = "team";

impl Service {
    /// The part of the team's Mandalart form for `year` that starts at field `from` (the whole
    /// form from its start when `from` is past its end), holding what is kept.
    pub(crate) async fn team_grid_form(
        &self,
        asker: &Asker,
        year: i32,
        from: usize,
    ) -> Result<Reply, ServiceError> {
        require_team_admin(asker)?;
        let stored = self.store.team_mandalart(asker.team.id, Some(year)).await?;
        let grid = (stored.as_ref())
            .and_then(|s| Grid::from_storage(&s.grid))
            .unwrap_or_default();
        let y = year.to_string();
        let text = asker.t("team_mandalart.write", &[("year", &y)]);
        let form = grid_form(asker, year, &grid, from, &[]);
        Ok(Reply {
            form: Some(form),
            ..asker.reply(text)
        })
    }

    /// Saves a submitted part of the team's Mandalart, or gives the form back with what was
    /// wrong; with more to fill, a Continue button opens the next part.
    pub(super) async fn submit_team_grid(
        &self,
        actor: &Actor,
        asker: Result<Asker, ServiceError>,
        form: TeamGridForm,
        values: Vec<(String, String)>,
    ) -> Outcome {
        let lang = self.fallback_lang(actor.locale.as_deref());
        let labels: Vec<(String, String)> = values
            .iter()
            .map(|(id, _)| (id.clone(), id.clone()))
            .collect();
        let result = match asker {
            Ok(asker) => self.save_team_grid(&asker, form, &values).await,
            Err(error) => Err(error),
        };
        result.unwrap_or_else(|error| super::submit::not_saved(&error, lang, &labels, &values))
    }

    async fn save_team_grid(
        &self,
        asker: &Asker,
        form: TeamGridForm,
        values: &[(String, String)],
    ) -> Result<Outcome, ServiceError> {
        require_team_admin(asker)?;
        let team = asker.team.id;
        let stored = self.store.team_mandalart(team, Some(form.year)).await?;
        let mut grid = (stored.as_ref())
            .and_then(|s| Grid::from_storage(&s.grid))
            .unwrap_or_default();
        // The part shown was as many fields as the platform's form holds, from `form.from`.
        let shown =
            (field_ids(&grid).len().saturating_sub(form.from)).min(asker.limits.form_inputs.max(1));
        let question = question();
        let mut errors = Vec::new();
        for (field, typed) in values {
            let Some(part) = Part::of_field(&question, field) else {
                continue;
            };
            if let Err(problem) = grid.set(part, typed) {
                let field = field.clone();
                errors.push(AnswerError::Grid { field, problem });
            }
        }
        if !errors.is_empty() {
            let form = grid_form(asker, form.year, &grid, form.from, &errors);
            let mut form = form;
            for field in &mut form.fields {
                if let Some((_, typed)) = values.iter().find(|(id, _)| *id == field.id) {
                    field.value = Some(typed.clone());
                }
            }
            return Ok(Outcome::Invalid(Reply {
                form: Some(form),
                ..Reply::new(asker.lang())
            }));
        }
        let now = self.clock.now();
        (self.store)
            .save_team_mandalart(team, form.year, &grid.to_storage(), asker.member.id, now)
            .await?;
        Ok(Outcome::Done(saved_reply(asker, form, &grid, shown)))
    }
}

/// "Saved …: n of 73 cells", and a Continue button while fields remain after the part saved.
fn saved_reply(asker: &Asker, form: TeamGridForm, grid: &Grid, shown: usize) -> Reply {
    let y = form.year.to_string();
    let cells = cells_args(grid);
    let mut args: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (*k, v.as_str())).collect();
    args.push(("year", &y));
    let next = form.from + shown;
    let more = next < field_ids(grid).len();
    let write = asker.spell(Example::TeamMandalartWrite(&y));
    let show = asker.spell(Example::TeamMandalart);
    args.push(("write", &write));
    args.push(("show", &show));
    let id = match more {
        true => "team_mandalart.saved_more",
        false => "team_mandalart.saved",
    };
    let mut reply = asker.reply(asker.t(id, &args));
    if more {
        reply.actions.push(Action {
            id: ActionId::WriteTeamGrid(TeamGridForm {
                year: form.year,
                from: next,
            }),
            label: asker.t("button.continue", &[]),
            primary: true,
        });
    }
    reply
}

/// The id the form's fields are named under.
fn question() -> QuestionId {
    QuestionId::parse(TEAM).expect("a valid question id")
}

/// Every field of the form for `grid`: the centre, the sub-goals, the actions of each named one.
fn field_ids(grid: &Grid) -> Vec<Part> {
    Part::all()
        .filter(|part| match part {
            Part::Actions(n) => !grid.goals[*n].title.is_empty(),
            Part::Centre | Part::Goals => true,
        })
        .collect()
}

/// The form's fields from `from`, as many as the asker's platform shows at once.
fn grid_form(asker: &Asker, year: i32, grid: &Grid, from: usize, errors: &[AnswerError]) -> Form {
    let parts = field_ids(grid);
    let from = if from < parts.len() { from } else { 0 };
    let question = question();
    let y = year.to_string();
    let title = asker.t("mandalart_share.team_title", &[("year", &y)]);
    let fields = (parts
        .iter()
        .skip(from)
        .take(asker.limits.form_inputs.max(1)))
    .map(|&part| {
        let id = part.field_id(&question);
        let (label, short) = labels(asker, &title, grid, part);
        FormField {
            value: Some(grid.value(part)).filter(|v| !v.is_empty()),
            error: errors.iter().find_map(|e| match e {
                AnswerError::Grid { field, .. } if *field == id => Some(e.worded(asker.lang())),
                _ => None,
            }),
            id,
            label,
            short_label: Some(short),
            input: match part {
                Part::Centre => InputShape::Paragraph,
                Part::Goals | Part::Actions(_) => InputShape::Lines,
            },
            max_len: part.input_len().min(asker.limits.input_len),
            required: false,
            recall: None,
        }
    })
    .collect();
    Form {
        id: FormId::TeamGrid(TeamGridForm { year, from }),
        title,
        fields,
    }
}

/// A part's label and its short form.
fn labels(asker: &Asker, title: &str, grid: &Grid, part: Part) -> (String, String) {
    match part {
        Part::Centre => (
            asker.t("mandalart.centre", &[("question", title)]),
            asker.t("mandalart.centre_short", &[]),
        ),
        Part::Goals => (
            asker.t("mandalart.goals", &[]),
            asker.t("mandalart.goals_short", &[]),
        ),
        Part::Actions(n) => {
            let number = (n + 1).to_string();
            let goal = grid.goals[n].title.as_str();
            let args = [("number", number.as_str()), ("goal", goal)];
            (
                asker.t("mandalart.actions", &args),
                asker.t("mandalart.actions_short", &args),
            )
        }
    }
}
