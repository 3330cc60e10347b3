//! Renders a [`Recap`] as Markdown ready to publish (front matter, sections per period and
//! question, quotes with their dates) and as a short chat summary.

use std::fmt::Write;

use super::inert::inert;
use super::words::{Labels, labels, status};
use super::{Entry, Participation, Recap, Scope};

/// The whole recap as a Markdown document with front matter.
pub fn render(recap: &Recap) -> String {
    let words = labels(recap.lang);
    let mut out = String::with_capacity(256 + recap.quoted_answers() * 96);
    front_matter(&mut out, recap);
    let _ = writeln!(out, "# {}\n", recap.title);
    let _ = writeln!(out, "## {}\n", words.participation);
    participation(&mut out, &recap.participation, words);
    if !recap.trends.is_empty() {
        let _ = writeln!(out, "## {}\n", words.trends);
        trends(&mut out, recap, words);
    }
    if recap.sections.is_empty() {
        let _ = writeln!(out, "{}\n", words.nothing);
    }
    for section in &recap.sections {
        let _ = writeln!(out, "## {}\n", section.label);
        for group in &section.questions {
            let _ = writeln!(out, "### {}\n", group.question);
            for entry in &group.entries {
                quote(&mut out, entry, recap.scope, words);
            }
        }
    }
    for note in &recap.withheld {
        let _ = writeln!(out, "_{note}_\n");
    }
    resolutions(&mut out, recap, words);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A few lines for a chat reply: the title, participation and trends.
pub fn summary(recap: &Recap) -> String {
    let words = labels(recap.lang);
    let mut out = format!("**{}**\n", recap.title);
    participation(&mut out, &recap.participation, words);
    trends(&mut out, recap, words);
    out.truncate(out.trim_end().len());
    out
}

fn front_matter(out: &mut String, recap: &Recap) {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: {}", quoted(&recap.title));
    let _ = writeln!(out, "date: {}", recap.date);
    let _ = writeln!(out, "period: {}", quoted(&recap.period_label));
    let _ = writeln!(out, "from: {}", recap.period.from);
    let _ = writeln!(out, "to: {}", recap.period.to);
    let _ = writeln!(out, "lang: {}", recap.lang.code());
    let _ = writeln!(out, "---\n");
}

fn participation(out: &mut String, p: &Participation, w: &Labels) {
    let _ = writeln!(
        out,
        "- {} {} · {} {} · {} {} · {} {}",
        p.rounds,
        if p.rounds == 1 { w.round } else { w.rounds },
        p.answered,
        w.answered,
        p.skipped,
        w.skipped,
        p.missed,
        w.missed
    );
    let _ = writeln!(out, "- {}: {}", w.streak, p.longest_streak);
    if p.asked > 0 {
        let _ = writeln!(out, "- `{}`", p.sparkline);
    }
    out.push('\n');
}

fn trends(out: &mut String, recap: &Recap, w: &Labels) {
    for trend in &recap.trends {
        let _ = writeln!(
            out,
            "- **{}** `{}` ({} {:.1})",
            trend.question, trend.sparkline, w.average, trend.average
        );
    }
    out.push('\n');
}

fn quote(out: &mut String, entry: &Entry, scope: Scope, w: &Labels) {
    for line in entry.text.lines() {
        let bullet = if entry.list { "- " } else { "" };
        let _ = writeln!(out, "> {bullet}{}", inert(line));
    }
    match (&entry.author, scope) {
        (Some(author), _) => {
            let _ = writeln!(out, ">\n> — {author}, {}\n", entry.date);
        }
        (None, Scope::Team) => {
            let _ = writeln!(out, ">\n> — {}, {}\n", w.anonymous, entry.date);
        }
        (None, Scope::Me) => {
            let _ = writeln!(out, ">\n> — {}\n", entry.date);
        }
    }
}

fn resolutions(out: &mut String, recap: &Recap, w: &Labels) {
    if recap.resolutions.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.resolutions);
    for arc in &recap.resolutions {
        let now = status(arc.status, recap.lang);
        let _ = writeln!(
            out,
            "- **{}**: {now} ({} {})",
            inert(&arc.text),
            w.set_on,
            arc.set_on
        );
        for follow_up in &arc.follow_ups {
            let step = status(follow_up.status, recap.lang);
            let note = match follow_up.note.as_str() {
                "" => String::new(),
                note => format!(": {}", inert(note)),
            };
            let _ = writeln!(out, "  - {}: {step}{note}", follow_up.date);
        }
    }
    out.push('\n');
}
