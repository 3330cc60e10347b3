//! Charts of a recap as PNG images a person can read: a title, dates on the x axis (month
//! ticks for a year), the scale's words on the y axis, and the period boundaries as dashed
//! vertical lines labelled with what opened each period, all in the reader's language (the
//! bundled font has every Hangul syllable). One chart per scale question with at least three
//! points, and the participation chart only when it says something. Every chart carries an alt
//! text, and [`embed`] puts them into the recap's Markdown.

mod axes;
mod canvas;
pub mod mandalart;
mod participation;
mod plan_sheets;
mod trend;
mod words;

#[cfg(test)]
mod mandalart_tests;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use super::Recap;

/// Width and height of every chart, in pixels.
pub const SIZE: (u32, u32) = (1000, 420);

/// Why a chart could not be drawn (a bug in the drawing, never the data).
#[derive(Debug, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(String);

/// One drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A file name for it, e.g. `trend-mood.png` or `participation.png`.
    pub file: String,
    /// What it shows, in a sentence or two in the reader's language.
    pub alt: String,
    /// The PNG image.
    pub png: Vec<u8>,
    /// The heading line (`## …`) of the section it belongs under, if it has one: a Mandalart
    /// sheet beside its section. Without one, a trend goes after the opening and anything else
    /// at the end.
    pub after: Option<String>,
}

/// A vertical line on a chart: a milestone, where a calendar period begins, or a suggested
/// turning point.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// Its day.
    pub date: NaiveDate,
    /// Its label: the milestone's text, the calendar period's short name (`Q2`, `5월`), or
    /// "Suggested turning point?".
    pub label: String,
    /// Whether it is only a suggestion (drawn grey, not in the milestones' colour).
    pub suggested: bool,
}

/// What every chart of one recap shares.
struct Look {
    size: (u32, u32),
    text: bool,
    words: &'static super::RecapWords,
    period: String,
    span: (NaiveDate, NaiveDate),
}

/// The recap's charts: one per scale question with enough points, then participation when it
/// says something.
pub fn charts(recap: &Recap) -> Result<Vec<Chart>, ChartError> {
    drawn(recap, true)
}

fn drawn(recap: &Recap, text: bool) -> Result<Vec<Chart>, ChartError> {
    let look = Look {
        size: SIZE,
        text,
        words: recap.words,
        period: super::words::period_heading(&recap.period, recap.words),
        span: (recap.period.from, recap.period.to),
    };
    let boundaries = boundaries(recap);
    let mut charts = Vec::new();
    for each in &recap.trends {
        charts.extend(trend::chart(each, &look, &boundaries)?);
    }
    let scope = recap.scope;
    charts.extend(participation::chart(
        &recap.participation,
        scope,
        &look,
        &boundaries,
    )?);
    charts.extend(plan_sheets::charts(recap, text)?);
    charts.extend(super::team_plans::sheets(recap, text)?);
    distinct_files(&mut charts);
    Ok(charts)
}

/// Gives each chart its own file name: two templates asking a scale question under one id
/// (`energy` weekly and quarterly) draw two trends, the second becoming `trend-energy-2.png`.
fn distinct_files(charts: &mut [Chart]) {
    let mut seen = std::collections::HashSet::new();
    for chart in charts {
        let stem = chart.file.trim_end_matches(".png").to_string();
        let mut n = 1;
        while !seen.insert(chart.file.clone()) {
            n += 1;
            chart.file = format!("{stem}-{n}.png");
        }
    }
}

/// The lines of the recap's charts after its first day: each milestone of its periods (its
/// text), the start of each calendar period no milestone opened (its short name), and each
/// suggested turning point; by date.
fn boundaries(recap: &Recap) -> Vec<Boundary> {
    let after_start = |date: &NaiveDate| *date > recap.period.from;
    let mut lines = Vec::new();
    for phase in &recap.phases {
        if phase.milestones.is_empty() && after_start(&phase.from) {
            lines.push(Boundary {
                date: phase.from,
                label: words::calendar(phase.from, recap.unit, recap.words),
                suggested: false,
            });
        }
        lines.extend(
            (phase.milestones.iter())
                .filter(|m| after_start(&m.date))
                .map(|m| Boundary {
                    date: m.date,
                    label: m.text.as_str().to_string(),
                    suggested: false,
                }),
        );
    }
    lines.extend(recap.suggestions.iter().map(|s| Boundary {
        date: s.date,
        label: recap.words.chart.suggested.clone(),
        suggested: true,
    }));
    lines.sort_by_key(|b| b.date);
    lines
}

/// The boundaries in words for an alt text: `Apr 1 First job, Sep 14 Reorganisation` (with
/// years when the recap spans more than one).
fn marks(boundaries: &[Boundary], look: &Look) -> String {
    let named: Vec<String> = boundaries
        .iter()
        .map(|b| format!("{} {}", words::when(b.date, look.span, look.words), b.label))
        .collect();
    named.join(", ")
}

/// `document` (a recap's Markdown) with each chart embedded as `![alt](path)`, `path` naming
/// where the chart's file is: a chart with a section right under that section's heading (at the
/// end when the document has no such heading), the trends after the opening (before the first
/// `## ` heading), participation at the end, where the recap tells it.
pub fn embed(document: &str, charts: &[Chart], path: impl Fn(&Chart) -> String) -> String {
    let image = |chart: &Chart| {
        let alt = chart.alt.replace(['\n', '\r'], " ");
        let alt = alt.replace('[', "\\[").replace(']', "\\]");
        format!("![{alt}]({})\n\n", path(chart))
    };
    let mut document = document.to_string();
    let mut unplaced = Vec::new();
    for chart in charts {
        let Some(heading) = &chart.after else {
            continue;
        };
        let line = format!("\n{heading}\n\n");
        match document.find(&line) {
            Some(at) => document.insert_str(at + line.len(), &image(chart)),
            None => unplaced.push(chart),
        }
    }
    let document = document.as_str();
    let (trends, rest): (Vec<&Chart>, Vec<&Chart>) = (charts.iter())
        .filter(|c| c.after.is_none())
        .partition(|c| c.file.starts_with("trend-"));
    let rest: Vec<&Chart> = rest.into_iter().chain(unplaced).collect();
    let trends: String = trends.into_iter().map(image).collect();
    let rest: String = rest.into_iter().map(image).collect();
    let title = document.find("\n# ").map_or(0, |at| at + 1);
    let mut out = match document[title..].find("\n## ") {
        Some(at) => {
            let (head, tail) = document.split_at(title + at + 1);
            format!("{head}{trends}{tail}")
        }
        None => format!("{}\n\n{trends}", document.trim_end()),
    };
    if !rest.is_empty() {
        out = format!("{}\n\n{}", out.trim_end(), rest);
    }
    format!("{}\n", out.trim_end())
}

#[cfg(test)]
mod file_tests {
    use super::{Chart, distinct_files};

    #[test]
    fn two_trends_of_one_question_id_get_two_files() {
        let chart = |file: &str| Chart {
            file: file.into(),
            alt: String::new(),
            png: Vec::new(),
            after: None,
        };
        let mut charts = vec![
            chart("trend-energy.png"),
            chart("trend-energy.png"),
            chart("trend-energy.png"),
            chart("participation.png"),
        ];
        distinct_files(&mut charts);
        let files: Vec<&str> = charts.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "trend-energy.png",
                "trend-energy-2.png",
                "trend-energy-3.png",
                "participation.png"
            ]
        );
    }
}
