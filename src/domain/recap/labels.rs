//! The words recaps, digests and their charts are written with, as data: the wording layer
//! (`service::i18n::recap_words`) fills a [`RecapWords`] from the message catalogs once per
//! language, and the renderers here put numbers, names and dates into its texts. No text of any
//! language is written in this module.

use crate::domain::lang::Lang;
use crate::domain::state::ResolutionStatus;

/// Every fixed text of a rendered recap, digest and chart in one language. Texts take `{name}`
/// arguments, filled in by [`fill`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecapWords {
    /// The language these words are in.
    pub lang: Lang,
    /// Fixed labels of the recap and the digest.
    pub labels: Labels,
    /// Titles, period headings and dates.
    pub dates: DateWords,
    /// The charts' titles, legends and alt texts.
    pub chart: ChartWords,
    /// Resolution statuses: on track, changed, done, dropped, not followed up yet.
    pub statuses: [String; 5],
}

impl RecapWords {
    /// A resolution status in words.
    pub fn status(&self, status: ResolutionStatus) -> &str {
        let at = match status {
            ResolutionStatus::OnTrack => 0,
            ResolutionStatus::Changed => 1,
            ResolutionStatus::Done => 2,
            ResolutionStatus::Dropped => 3,
            ResolutionStatus::Open => 4,
        };
        &self.statuses[at]
    }
}

/// Fixed labels of the rendered recap and digest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// An anonymous answer's author, inline.
    pub anonymous: String,
    /// The heading over anonymous answers.
    pub anonymous_heading: String,
    /// A digest summary's count of one answer.
    pub one_answer: String,
    /// A digest summary's count: `{count}`.
    pub answers_count: String,
    /// A recap with no answers.
    pub nothing: String,
    /// Before the names of those who did not answer a round.
    pub not_answered: String,
    /// When everyone answered a round.
    pub everyone_answered: String,
    /// Under a digest summary.
    pub more_in_file: String,
    /// The participation heading.
    pub participation: String,
    /// One's own participation: `{answered}`, `{rounds}`.
    pub own_answered: String,
    /// A team's participation: `{rounds}`, `{answered}`, `{asked}`.
    pub team_answered: String,
    /// `{count}` skipped (one's own rounds).
    pub skipped: String,
    /// `{count}` missed (one's own rounds).
    pub missed: String,
    /// `{count}` prompts skipped (a team's).
    pub team_skipped: String,
    /// `{count}` prompts missed (a team's).
    pub team_missed: String,
    /// The longest streak: `{count}`.
    pub streak: String,
    /// A scale's line: `{average}`, then the direction.
    pub average: String,
    /// A scale that rose over a period.
    pub rising: String,
    /// A scale that fell over a period.
    pub falling: String,
    /// A scale that stayed level.
    pub steady: String,
    /// The rest of a question's lines: `{count}`.
    pub more: String,
    /// Milestones within a period after the one that opened it.
    pub also: String,
    /// Last year's resolutions heading.
    pub last_resolutions: String,
    /// The heading over answers shown beside the earlier ones they recall.
    pub then_now: String,
    /// A resolution's arc: set on `{date}`.
    pub set_on: String,
    /// A resolution's arc: where it stands, `{status}`.
    pub ended: String,
    /// The heading over a Mandalart's follow-through: `{year}`.
    pub plan_heading: String,
    /// A sub-goal's actions: `{done}`, `{actions}`, `{partial}`.
    pub plan_goal: String,
    /// A sub-goal without actions.
    pub plan_no_actions: String,
    /// A sub-goal's latest rating: `{rating}`.
    pub plan_rated: String,
    /// The heading over the plan for the year after the recap's: `{year}`.
    pub next_plan_heading: String,
    /// How much of that plan is written: `{filled}`, `{cells}`.
    pub next_plan_filled: String,
    /// The `--full` appendix heading.
    pub all_answers: String,
    /// A suggested milestone: `{date}`, `{label}`, `{moved}`, `{before}`, `{after}`, `{iso}`.
    pub suggestion: String,
    /// `{moved}` of a suggestion when the scale rose.
    pub rose: String,
    /// `{moved}` of a suggestion when the scale fell.
    pub fell: String,
    /// A digest's title: `{name}`, `{date}`.
    pub digest_title: String,
}

/// Titles, period headings and dates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DateWords {
    /// One's own recap: `{subject}`, `{period}`.
    pub title_me: String,
    /// A team's recap: `{subject}`, `{period}`.
    pub title_team: String,
    /// A team's recap whose name already ends with [`DateWords::team_word`].
    pub title_named_team: String,
    /// The word for a team, lower case, as a team's name may end with it.
    pub team_word: String,
    /// A year: `{year}`.
    pub year: String,
    /// A quarter of a year: `{year}`, `{quarter}`.
    pub quarter: String,
    /// A quarter on its own: `{quarter}`.
    pub quarter_short: String,
    /// A month of a year: `{month}` (a name), `{year}`.
    pub month_year: String,
    /// An ISO week: `{week}`, `{year}`.
    pub week: String,
    /// A day: `{month}` (a short name), `{day}`.
    pub day: String,
    /// A day with its year: `{month}` (a short name), `{day}`, `{year}`.
    pub day_year: String,
    /// From one day to another: `{from}`, `{to}`.
    pub range: String,
    /// The months' names, January first.
    pub months: [String; 12],
    /// The months' short names, January first.
    pub months_short: [String; 12],
}

/// The charts' words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartWords {
    /// The label of a suggested milestone's line.
    pub suggested: String,
    /// The participation chart's title in one's own recap: `{period}`.
    pub participation_me: String,
    /// The participation chart's title in a team's recap: `{period}`.
    pub participation_team: String,
    /// The legend in one's own recap: answered, not answered.
    pub legend_me: [String; 2],
    /// The legend in a team's recap: answered, half or fewer answered.
    pub legend_team: [String; 2],
    /// A trend chart's alt text: `{question}`, `{from}`, `{to}`, `{rounds}`, `{average}`,
    /// `{low}`, `{high}`, `{lowest}`, `{lowest_on}`, `{highest}`, `{highest_on}`.
    pub trend_alt: String,
    /// The participation chart's alt text in one's own recap: `{from}`, `{to}`, `{full}`,
    /// `{rounds}`.
    pub participation_alt_me: String,
    /// The same in a team's recap.
    pub participation_alt_team: String,
    /// The rounds not answered (one's own): `{gaps}`.
    pub gaps_me: String,
    /// The rounds where half or fewer answered (a team's): `{gaps}`.
    pub gaps_team: String,
    /// A run of such rounds: `{from}`, `{to}`, `{rounds}`.
    pub gap_rounds: String,
    /// The answer rate falling: `{first}`, `{last}` (percent).
    pub fall: String,
    /// The boundaries drawn: `{marks}`.
    pub marks: String,
    /// A Mandalart sheet's title: `{year}`.
    pub mandalart_title: String,
    /// The alt text of a plan's heat map: `{year}`, `{centre}`, `{done}`, `{partial}`,
    /// `{not_yet}`, `{actions}`.
    pub mandalart_alt_heat: String,
    /// The alt text of a plain sheet: `{year}`, `{centre}`, `{filled}`, `{cells}`.
    pub mandalart_alt_sheet: String,
    /// A heat map's legend: done, partial, not yet, unchecked.
    pub mandalart_legend: [String; 4],
}

/// `template` with each `{name}` of `args` replaced by its value, in one pass (a value is never
/// read as an argument); other braces stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (close, *value))
        });
        match found {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A number as text, for [`fill`].
pub(crate) fn num(n: impl std::fmt::Display) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_argument_in_its_place_once() {
        let text = fill(
            "{a} and {b}, not {c} {",
            &[("a", "{b}"), ("b", "2"), ("x", "9")],
        );
        assert_eq!(text, "{b} and 2, not {c} {");
    }
}
