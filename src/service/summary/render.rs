//! A checked summary as the Markdown section above the recap: who wrote it and from what, the
//! span's sentences then each period's, each followed by the numbers of the answers it cites,
//! and the sources quoted with their author (or "anonymous"), question and period.

use std::fmt::Write;

use crate::domain::lang::Lang;
use crate::domain::recap::inert::inert;
use crate::domain::summary::{Checked, Item, Sentence, SummaryInput};
use crate::service::i18n::t;

/// Who wrote the summary, as the section names them.
pub struct Writer<'a> {
    /// The model.
    pub model: &'a str,
    /// The endpoint, as shown.
    pub endpoint: &'a str,
}

/// The section: heading, attribution, sentences with their source numbers, sources.
pub fn section(input: &SummaryInput, checked: &Checked, writer: &Writer<'_>) -> String {
    let lang = input.lang;
    let mut cited: Vec<&str> = Vec::new();
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", t(lang, "summary.heading", &[]));
    let about = [("model", writer.model), ("endpoint", writer.endpoint)];
    let _ = writeln!(out, "{}\n", t(lang, "summary.about", &about));
    if !checked.span.is_empty() {
        let heading = t(lang, "summary.whole_span", &[]);
        paragraph(&mut out, &heading, &checked.span, &mut cited);
    }
    for (period, sentences) in &checked.periods {
        let label = &input.periods[period - 1].label;
        paragraph(&mut out, label, sentences, &mut cited);
    }
    if checked.dropped.total() > 0 {
        let count = checked.dropped.total().to_string();
        let _ = writeln!(
            out,
            "{}\n",
            t(lang, "summary.dropped", &[("count", &count)])
        );
    }
    if input.left_out > 0 {
        let count = input.left_out.to_string();
        let _ = writeln!(
            out,
            "{}\n",
            t(lang, "summary.left_out", &[("count", &count)])
        );
    }
    let _ = writeln!(out, "**{}**\n", t(lang, "summary.sources", &[]));
    for (n, id) in cited.iter().enumerate() {
        let Some(item) = input.item(id) else { continue };
        let number = (n + 1).to_string();
        let place = place(item, input, lang);
        let text = inert(&item.text.replace('\n', " "));
        let args = [("n", number.as_str()), ("text", &text), ("where", &place)];
        let _ = writeln!(out, "- {}", t(lang, "summary.source", &args));
    }
    out.push('\n');
    out
}

/// One paragraph: the bold heading, then each sentence with its sources' numbers.
fn paragraph<'a>(
    out: &mut String,
    heading: &str,
    sentences: &'a [Sentence],
    cited: &mut Vec<&'a str>,
) {
    let _ = write!(out, "**{}.**", heading.trim_end_matches('.'));
    for sentence in sentences {
        let text = inert(&sentence.text.replace('\n', " "));
        let _ = write!(out, " {text}");
        for id in &sentence.cites {
            let n = match cited.iter().position(|c| c == id) {
                Some(at) => at + 1,
                None => {
                    cited.push(id);
                    cited.len()
                }
            };
            let _ = write!(out, "[{n}]");
        }
    }
    out.push_str("\n\n");
}

/// Where a cited item is in the recap: author (or anonymous), question, period.
fn place(item: &Item, input: &SummaryInput, lang: Lang) -> String {
    let period = match item.period {
        Some(n) => input.periods[n - 1].label.clone(),
        None => t(lang, "summary.whole_span_short", &[]),
    };
    let (question, period) = (item.question.as_str(), period.as_str());
    match &item.author {
        Some(author) => t(
            lang,
            "summary.source_author",
            &[
                ("author", author),
                ("question", question),
                ("period", period),
            ],
        ),
        None if item.anonymous => t(
            lang,
            "summary.source_anonymous",
            &[("question", question), ("period", period)],
        ),
        None => t(
            lang,
            "summary.source_own",
            &[("question", question), ("period", period)],
        ),
    }
}
