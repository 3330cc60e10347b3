//! The words recaps, digests and charts are written with, from the catalogs' `[recap_words]`
//! (and the resolution statuses of `[resolutions]`), read once per language: a render looks
//! nothing up.

use std::sync::LazyLock;

use super::catalog;
use crate::domain::lang::Lang;
use crate::domain::recap::{ChartWords, DateWords, Labels, RecapWords};
use crate::domain::state::ResolutionStatus;

static EN: LazyLock<RecapWords> = LazyLock::new(|| read(Lang::En));
static KO: LazyLock<RecapWords> = LazyLock::new(|| read(Lang::Ko));

/// The recap words of `lang`, read on first use.
pub fn recap_words(lang: Lang) -> &'static RecapWords {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

/// The text of `recap_words.<id>` in `lang` (the id itself when missing, which the catalog
/// tests rule out).
fn text(lang: Lang, id: &str) -> String {
    let id = format!("recap_words.{id}");
    catalog().get(lang, &id).map_or(id, str::to_string)
}

/// The words of a space-separated list: exactly `N`, the id repeated when the list is short.
fn list<const N: usize>(lang: Lang, id: &str) -> [String; N] {
    let all = text(lang, id);
    let words: Vec<&str> = all.split_whitespace().collect();
    std::array::from_fn(|at| words.get(at).copied().unwrap_or(id).to_string())
}

/// The words of a `|`-separated pair.
fn pair(lang: Lang, id: &str) -> [String; 2] {
    let all = text(lang, id);
    let (a, b) = all.split_once('|').unwrap_or((&all, &all));
    [a.trim().to_string(), b.trim().to_string()]
}

/// The words of a `|`-separated list of four.
fn four(lang: Lang, id: &str) -> [String; 4] {
    let all = text(lang, id);
    let words: Vec<&str> = all.split('|').map(str::trim).collect();
    std::array::from_fn(|at| words.get(at).copied().unwrap_or(id).to_string())
}

fn read(lang: Lang) -> RecapWords {
    let t = |id: &str| text(lang, id);
    let status = |s: ResolutionStatus| super::resolution_words::status_word(lang, s);
    RecapWords {
        lang,
        labels: Labels {
            anonymous: t("anonymous"),
            anonymous_heading: t("anonymous_heading"),
            one_answer: t("one_answer"),
            answers_count: t("answers_count"),
            nothing: t("nothing"),
            not_answered: t("not_answered"),
            everyone_answered: t("everyone_answered"),
            more_in_file: t("more_in_file"),
            participation: t("participation"),
            own_answered: t("own_answered"),
            team_answered: t("team_answered"),
            skipped: t("skipped"),
            missed: t("missed"),
            team_skipped: t("team_skipped"),
            team_missed: t("team_missed"),
            streak: t("streak"),
            average: t("average"),
            rising: t("rising"),
            falling: t("falling"),
            steady: t("steady"),
            more: t("more"),
            also: t("also"),
            last_resolutions: t("last_resolutions"),
            then_now: t("then_now"),
            set_on: t("set_on"),
            ended: t("ended"),
            plan_heading: t("plan_heading"),
            plan_goal: t("plan_goal"),
            plan_no_actions: t("plan_no_actions"),
            plan_rated: t("plan_rated"),
            next_plan_heading: t("next_plan_heading"),
            next_plan_filled: t("next_plan_filled"),
            all_answers: t("all_answers"),
            suggestion: t("suggestion"),
            rose: t("rose"),
            fell: t("fell"),
            digest_title: t("digest_title"),
        },
        dates: DateWords {
            title_me: t("title_me"),
            title_team: t("title_team"),
            title_named_team: t("title_named_team"),
            team_word: t("team_word").to_lowercase(),
            year: t("year"),
            quarter: t("quarter"),
            quarter_short: t("quarter_short"),
            month_year: t("month_year"),
            week: t("week"),
            day: t("day"),
            day_year: t("day_year"),
            range: t("range"),
            months: list(lang, "months"),
            months_short: list(lang, "months_short"),
        },
        chart: ChartWords {
            suggested: t("chart.suggested"),
            participation_me: t("chart.participation_me"),
            participation_team: t("chart.participation_team"),
            legend_me: pair(lang, "chart.legend_me"),
            legend_team: pair(lang, "chart.legend_team"),
            trend_alt: t("chart.trend_alt"),
            participation_alt_me: t("chart.participation_alt_me"),
            participation_alt_team: t("chart.participation_alt_team"),
            gaps_me: t("chart.gaps_me"),
            gaps_team: t("chart.gaps_team"),
            gap_rounds: t("chart.gap_rounds"),
            fall: t("chart.fall"),
            marks: t("chart.marks"),
            mandalart_title: t("chart.mandalart_title"),
            mandalart_alt_heat: t("chart.mandalart_alt_heat"),
            mandalart_alt_sheet: t("chart.mandalart_alt_sheet"),
            mandalart_legend: four(lang, "chart.mandalart_legend"),
        },
        statuses: [
            status(ResolutionStatus::OnTrack),
            status(ResolutionStatus::Changed),
            status(ResolutionStatus::Done),
            status(ResolutionStatus::Dropped),
            status(ResolutionStatus::Open),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recap_word_is_in_the_catalog_of_both_languages() {
        for lang in Lang::ALL {
            let words = recap_words(lang);
            let debug = format!("{words:?}");
            assert!(!debug.contains("recap_words."), "{lang:?}: {debug}");
            assert_eq!(words.lang, lang);
            assert!(words.dates.months.iter().all(|m| !m.is_empty()));
        }
        assert_eq!(recap_words(Lang::En).dates.months[11], "December");
        assert_eq!(recap_words(Lang::Ko).dates.months_short[0], "1월");
        assert_eq!(
            recap_words(Lang::Ko).status(ResolutionStatus::Open),
            "점검 전"
        );
    }
}
