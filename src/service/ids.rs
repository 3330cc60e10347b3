//! The ids that travel through a chat platform and come back: a button's [`ActionId`] and a
//! form's [`FormId`] (with the page, [`FormPage`], where a platform asks a long form in several
//! modals). This file is the only place their wire grammar is written: `answer:42`, `edit:42`,
//! `skip:42`, `join:7`, `forget:confirm`, `forget:cancel`, `import:confirm:5`, `import:cancel:5`,
//! `answer:42@1`, `more:answer:42@1`, `capsule:2027-12-31`, `capsule:team:2027-12-31`, `team-grid:2027:2`.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::ids::{DeliveryId, PendingImportId, ScheduleId};

/// What a button does when pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionId {
    /// Opens the answer form of a delivery.
    Answer(DeliveryId),
    /// Opens the answer form of an answered delivery, to edit it.
    Edit(DeliveryId),
    /// Skips a delivery.
    Skip(DeliveryId),
    /// Joins a schedule's rounds.
    Join(ScheduleId),
    /// Confirms `forget-me`.
    ForgetConfirm,
    /// Cancels `forget-me`.
    ForgetCancel,
    /// Imports a file kept after its dry run.
    ConfirmImport(PendingImportId),
    /// Forgets a file kept after its dry run.
    CancelImport(PendingImportId),
    /// Opens the next page of a form being filled in several modals (Discord's own button: the
    /// platform keeps what was typed on earlier pages and handles it without the service).
    Continue(FormPage),
    /// Opens the form of a letter sealed until a day.
    WriteCapsule(CapsuleForm),
    /// Opens (a part of) the team's Mandalart form.
    WriteTeamGrid(TeamGridForm),
}

/// A part of the team's Mandalart form: the year it plans and its first field (its fields are
/// asked a platform's form at a time, each part saved as it comes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamGridForm {
    /// The year it plans.
    pub year: i32,
    /// The first field shown, from 0 (the centre).
    pub from: usize,
}

/// A letter's form: the day it opens and whether it is the team's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CapsuleForm {
    /// The day it opens.
    pub until: NaiveDate,
    /// Whether it is a letter to the team.
    pub team: bool,
}

/// What a submitted form answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormId {
    /// The questions of a delivery's round.
    Answer(DeliveryId),
    /// A letter sealed until a day.
    Capsule(CapsuleForm),
    /// A part of the team's Mandalart.
    TeamGrid(TeamGridForm),
}

/// One page of a form a platform asks in several modals: the form alone when it has one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FormPage {
    /// The form.
    pub form: FormId,
    /// The page, from 0; `None` when the form is asked in one piece.
    pub page: Option<usize>,
}

/// An id that is none of hoego's (an old message, another app's button).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an id hoego made")]
pub struct UnknownId(pub String);

impl ActionId {
    /// The delivery the action is about, if it is about one.
    pub fn delivery(&self) -> Option<DeliveryId> {
        match self {
            ActionId::Answer(id) | ActionId::Edit(id) | ActionId::Skip(id) => Some(*id),
            ActionId::Continue(page) => page.form.delivery(),
            ActionId::Join(_)
            | ActionId::WriteCapsule(_)
            | ActionId::WriteTeamGrid(_)
            | ActionId::ForgetConfirm
            | ActionId::ForgetCancel
            | ActionId::ConfirmImport(_)
            | ActionId::CancelImport(_) => None,
        }
    }
}

impl FormId {
    /// The delivery the form answers.
    pub fn delivery(&self) -> Option<DeliveryId> {
        match self {
            FormId::Answer(id) => Some(*id),
            FormId::Capsule(_) | FormId::TeamGrid(_) => None,
        }
    }

    /// The button that opens this form again.
    pub fn opener(&self) -> ActionId {
        match self {
            FormId::Answer(id) => ActionId::Answer(*id),
            FormId::Capsule(form) => ActionId::WriteCapsule(*form),
            FormId::TeamGrid(form) => ActionId::WriteTeamGrid(*form),
        }
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionId::Answer(id) => write!(f, "answer:{id}"),
            ActionId::Edit(id) => write!(f, "edit:{id}"),
            ActionId::Skip(id) => write!(f, "skip:{id}"),
            ActionId::Join(id) => write!(f, "join:{id}"),
            ActionId::ForgetConfirm => f.write_str("forget:confirm"),
            ActionId::ForgetCancel => f.write_str("forget:cancel"),
            ActionId::ConfirmImport(id) => write!(f, "import:confirm:{id}"),
            ActionId::CancelImport(id) => write!(f, "import:cancel:{id}"),
            ActionId::Continue(page) => write!(f, "more:{page}"),
            ActionId::WriteCapsule(form) => write!(f, "{form}"),
            ActionId::WriteTeamGrid(form) => write!(f, "{form}"),
        }
    }
}

impl FromStr for ActionId {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownId(s.to_string());
        let (kind, arg) = s.split_once(':').ok_or_else(unknown)?;
        let number = || arg.parse::<i64>().map_err(|_| unknown());
        match kind {
            "answer" => Ok(ActionId::Answer(DeliveryId(number()?))),
            "edit" => Ok(ActionId::Edit(DeliveryId(number()?))),
            "skip" => Ok(ActionId::Skip(DeliveryId(number()?))),
            "join" => Ok(ActionId::Join(ScheduleId(number()?))),
            "forget" if arg == "confirm" => Ok(ActionId::ForgetConfirm),
            "forget" if arg == "cancel" => Ok(ActionId::ForgetCancel),
            "import" => {
                let (what, id) = arg.split_once(':').ok_or_else(unknown)?;
                let id = PendingImportId(id.parse().map_err(|_| unknown())?);
                match what {
                    "confirm" => Ok(ActionId::ConfirmImport(id)),
                    "cancel" => Ok(ActionId::CancelImport(id)),
                    _ => Err(unknown()),
                }
            }
            "more" => arg.parse().map(ActionId::Continue).map_err(|_| unknown()),
            "team-grid" => {
                let (year, from) = arg.split_once(':').ok_or_else(unknown)?;
                let year = year.parse().map_err(|_| unknown())?;
                let from = from.parse().map_err(|_| unknown())?;
                Ok(ActionId::WriteTeamGrid(TeamGridForm { year, from }))
            }
            "capsule" => {
                let (team, day) = match arg.strip_prefix("team:") {
                    Some(day) => (true, day),
                    None => (false, arg),
                };
                let until = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| unknown())?;
                Ok(ActionId::WriteCapsule(CapsuleForm { until, team }))
            }
            _ => Err(unknown()),
        }
    }
}

impl fmt::Display for FormId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormId::Answer(id) => write!(f, "answer:{id}"),
            FormId::Capsule(form) => write!(f, "{form}"),
            FormId::TeamGrid(form) => write!(f, "{form}"),
        }
    }
}

impl fmt::Display for TeamGridForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "team-grid:{}:{}", self.year, self.from)
    }
}

impl fmt::Display for CapsuleForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let team = if self.team { "team:" } else { "" };
        write!(f, "capsule:{team}{}", self.until.format("%Y-%m-%d"))
    }
}

impl FromStr for FormId {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<ActionId>() {
            Ok(ActionId::Answer(id)) => Ok(FormId::Answer(id)),
            Ok(ActionId::WriteCapsule(form)) => Ok(FormId::Capsule(form)),
            Ok(ActionId::WriteTeamGrid(form)) => Ok(FormId::TeamGrid(form)),
            _ => Err(UnknownId(s.to_string())),
        }
    }
}

impl fmt::Display for FormPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.page {
            Some(page) => write!(f, "{}@{page}", self.form),
            None => write!(f, "{}", self.form),
        }
    }
}

impl FromStr for FormPage {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownId(s.to_string());
        let (form, page) = match s.rsplit_once('@') {
            Some((form, page)) => (form, Some(page.parse().map_err(|_| unknown())?)),
            None => (s, None),
        };
        let form = form.parse().map_err(|_| unknown())?;
        Ok(FormPage { form, page })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_as_it_was_written() {
        let page = |page| FormPage {
            form: FormId::Answer(DeliveryId(42)),
            page,
        };
        let actions = [
            (ActionId::Answer(DeliveryId(42)), "answer:42"),
            (ActionId::Edit(DeliveryId(42)), "edit:42"),
            (ActionId::Skip(DeliveryId(42)), "skip:42"),
            (ActionId::Join(ScheduleId(7)), "join:7"),
            (ActionId::ForgetConfirm, "forget:confirm"),
            (ActionId::ForgetCancel, "forget:cancel"),
            (
                ActionId::ConfirmImport(PendingImportId(5)),
                "import:confirm:5",
            ),
            (
                ActionId::CancelImport(PendingImportId(5)),
                "import:cancel:5",
            ),
            (ActionId::Continue(page(Some(1))), "more:answer:42@1"),
            (ActionId::Continue(page(None)), "more:answer:42"),
            (ActionId::WriteCapsule(capsule(false)), "capsule:2027-12-31"),
            (
                ActionId::WriteCapsule(capsule(true)),
                "capsule:team:2027-12-31",
            ),
            (
                ActionId::WriteTeamGrid(TeamGridForm {
                    year: 2027,
                    from: 2,
                }),
                "team-grid:2027:2",
            ),
        ];
        for (action, text) in actions {
            assert_eq!(action.to_string(), text);
            assert_eq!(text.parse::<ActionId>(), Ok(action), "{text}");
        }
        assert_eq!(page(Some(0)).to_string(), "answer:42@0");
        assert_eq!("answer:42@0".parse(), Ok(page(Some(0))));
        assert_eq!("answer:42".parse(), Ok(page(None)));
        let letter = FormId::Capsule(capsule(true));
        assert_eq!("capsule:team:2027-12-31".parse(), Ok(letter));
        assert_eq!(letter.delivery(), None);
        assert_eq!(letter.opener(), ActionId::WriteCapsule(capsule(true)));
    }

    fn capsule(team: bool) -> CapsuleForm {
        let until = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        CapsuleForm { until, team }
    }

    #[test]
    fn ids_hoego_did_not_make_are_refused() {
        for text in [
            "",
            "answer",
            "answer:",
            "answer:x",
            "forget:maybe",
            "import:confirm",
            "import:confirm:x",
            "import:redo:5",
            "dance:1",
            "more:skip:1",
            "answer:1@x",
            "capsule:2027-13-01",
            "capsule:crew:2027-12-31",
        ] {
            assert_eq!(
                text.parse::<ActionId>().map_err(|e| e.0),
                Err(text.to_string()),
                "{text}"
            );
        }
        assert!("skip:1".parse::<FormId>().is_err());
        assert!("answer:1@2".parse::<FormId>().is_err());
    }

    #[test]
    fn a_form_names_its_delivery_and_the_button_that_opens_it() {
        let form = FormId::Answer(DeliveryId(9));
        assert_eq!(form.delivery(), Some(DeliveryId(9)));
        assert_eq!(form.opener(), ActionId::Answer(DeliveryId(9)));
        assert_eq!(ActionId::Join(ScheduleId(1)).delivery(), None);
    }
}
