//! Renders a [`Recap`] as a post ready to publish (front matter; the framing answers; each
//! period with its mood and condensed answers; what was learned; last year's resolutions and the
//! numbered wishes; participation last), optionally with every answer whole in an appendix, and
//! as a short chat summary.

use std::fmt::Write;

use super::inert::inert;
use super::post::{AuthorLines, Block, Direction, Line, PhaseSection};
use super::words::{self, Labels, fill, num};
use super::{Participation, Recap, ResolutionArc, Scope, Suggestion};
use crate::domain::milestone::PhaseUnit;

/// The post as a Markdown document with front matter.
pub fn render(recap: &Recap) -> String {
    render_with(recap, false)
}

/// The post, then (when `full`) every answer whole in an appendix.
pub fn render_with(recap: &Recap, full: bool) -> String {
    let w = &recap.words.labels;
    let mut out = String::with_capacity(4096);
    front_matter(&mut out, recap);
    let _ = writeln!(out, "# {}\n", recap.title);
    if recap.answers.is_empty() {
        let _ = writeln!(out, "{}\n", w.nothing);
    }
    for block in &recap.opening {
        framing(&mut out, block, recap.scope, w);
    }
    for phase in &recap.phases {
        period(&mut out, phase, recap, w);
    }
    for block in &recap.closing {
        framing(&mut out, block, recap.scope, w);
    }
    super::then_now::render(&mut out, recap);
    last_resolutions(&mut out, recap, w);
    super::plan::render(&mut out, recap, w);
    super::team_plans::render(&mut out, recap, w);
    for block in &recap.wishes {
        let _ = writeln!(out, "## {}\n", block.heading);
        for group in &block.authors {
            author_lines(&mut out, group, recap.scope, w, true);
        }
    }
    super::plan::render_next(&mut out, recap, w);
    for note in &recap.withheld {
        let _ = writeln!(out, "_{note}_\n");
    }
    let _ = writeln!(out, "## {}\n", w.participation);
    let _ = writeln!(
        out,
        "{}\n",
        participation(&recap.participation, recap.scope, w)
    );
    if full {
        appendix(&mut out, recap, w);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A few lines for a chat reply: the title, participation and trends.
pub fn summary(recap: &Recap) -> String {
    let w = &recap.words.labels;
    let mut out = format!("**{}**\n", recap.title);
    let _ = writeln!(
        out,
        "{}",
        participation(&recap.participation, recap.scope, w)
    );
    for trend in &recap.trends {
        let average = fill(&w.average, &[("average", &format!("{:.1}", trend.average))]);
        let _ = writeln!(
            out,
            "- **{}** `{}` ({average})",
            trend.question, trend.sparkline
        );
    }
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

/// A framing block: lists as bullets, a text as paragraphs.
fn framing(out: &mut String, block: &Block, scope: Scope, w: &Labels) {
    let _ = writeln!(out, "## {}\n", block.heading);
    if block.list {
        for group in &block.authors {
            author_lines(out, group, scope, w, false);
        }
        return;
    }
    for group in &block.authors {
        name(out, group, scope, w);
        for line in &group.lines {
            let text: Vec<String> = line.text.lines().map(inert).collect();
            let _ = writeln!(out, "{}\n", text.join("\n"));
        }
    }
}

fn period(out: &mut String, phase: &PhaseSection, recap: &Recap, w: &Labels) {
    let unit = recap.unit;
    let level = if unit == PhaseUnit::Whole {
        "##"
    } else {
        let _ = writeln!(out, "## {}\n", phase.label);
        "###"
    };
    let also: Vec<String> = phase
        .milestones
        .iter()
        .skip(1)
        .map(|m| format!("{} ({})", m.text.as_str(), words::day(m.date, recap.words)))
        .collect();
    if !also.is_empty() {
        let _ = writeln!(out, "*{}: {}*\n", w.also, also.join(", "));
    }
    for mood in &phase.moods {
        let direction = match mood.direction {
            Direction::Rising => &w.rising,
            Direction::Falling => &w.falling,
            Direction::Steady => &w.steady,
        };
        let average = fill(&w.average, &[("average", &format!("{:.1}", mood.average))]);
        let _ = writeln!(
            out,
            "**{}**: {average}, {direction} · `{}`\n",
            mood.label, mood.sparkline
        );
    }
    let inside = |s: &&Suggestion| phase.from <= s.date && s.date <= phase.to;
    for suggestion in recap.suggestions.iter().filter(inside) {
        let _ = writeln!(out, "{}\n", suggested(suggestion, recap));
    }
    for block in &phase.blocks {
        let _ = writeln!(out, "{level} {}\n", block.heading);
        for group in &block.authors {
            author_lines(out, group, recap.scope, w, false);
        }
    }
}

/// A suggested milestone in words, marked as a suggestion.
fn suggested(s: &Suggestion, recap: &Recap) -> String {
    let w = &recap.words.labels;
    let moved = if s.after > s.before { &w.rose } else { &w.fell };
    let args = [
        ("date", words::day(s.date, recap.words)),
        ("label", s.label.clone()),
        ("moved", moved.clone()),
        ("before", format!("{:.1}", s.before)),
        ("after", format!("{:.1}", s.after)),
        ("iso", s.date.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(&w.suggestion, &args)
}

/// One author's lines as bullets (or numbered), under their name when they have one.
fn author_lines(out: &mut String, group: &AuthorLines, scope: Scope, w: &Labels, numbered: bool) {
    name(out, group, scope, w);
    for (i, line) in group.lines.iter().enumerate() {
        let bullet = if numbered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_string()
        };
        let _ = writeln!(out, "{bullet}{}", condensed(line, bullet.len()));
    }
    if group.more > 0 {
        let _ = writeln!(out, "- {}", fill(&w.more, &[("count", &num(group.more))]));
    }
    out.push('\n');
}

/// The author's name above their lines; "Anonymous" in a team's view; nothing in one's own.
fn name(out: &mut String, group: &AuthorLines, scope: Scope, w: &Labels) {
    match (&group.author, scope) {
        (Some(author), _) => writeln!(out, "**{author}**\n").ok(),
        (None, Scope::Team) => writeln!(out, "*{}*\n", w.anonymous_heading).ok(),
        (None, Scope::Me) => None,
    };
}

/// A line's text (later lines indented under the bullet), with `(×3, 5/20–8/2)` when repeated.
fn condensed(line: &Line, indent: usize) -> String {
    let pad = format!("\n{}", " ".repeat(indent));
    let text = line.text.lines().map(inert).collect::<Vec<_>>().join(&pad);
    if line.count > 1 {
        format!(
            "{text} (×{}, {})",
            line.count,
            words::span(line.first, line.last)
        )
    } else {
        text
    }
}

fn last_resolutions(out: &mut String, recap: &Recap, w: &Labels) {
    if recap.last_resolutions.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.last_resolutions);
    for arc in &recap.last_resolutions {
        arc_lines(out, arc, recap, w);
    }
    out.push('\n');
}

fn arc_lines(out: &mut String, arc: &ResolutionArc, recap: &Recap, w: &Labels) {
    let set = fill(
        &w.set_on,
        &[("date", &words::full_day(arc.set_on, recap.words))],
    );
    let _ = writeln!(out, "- **{}** ({set})", inert(&arc.text));
    for step in &arc.follow_ups {
        let day = words::day(step.date, recap.words);
        let word = recap.words.status(step.status);
        match step.note.trim() {
            "" => writeln!(out, "  - {day}: {word}"),
            note => writeln!(out, "  - {day}: {word} — {}", inert(note)),
        }
        .ok();
    }
    let ended = fill(&w.ended, &[("status", recap.words.status(arc.status))]);
    let _ = writeln!(out, "  - {ended}");
}

/// One or two lines: answered out of asked, skips and misses when there were any, the streak.
fn participation(p: &Participation, scope: Scope, w: &Labels) -> String {
    let mut parts = vec![match scope {
        Scope::Me => fill(
            &w.own_answered,
            &[("answered", &num(p.answered)), ("rounds", &num(p.asked))],
        ),
        Scope::Team => fill(
            &w.team_answered,
            &[
                ("rounds", &num(p.rounds)),
                ("answered", &num(p.answered)),
                ("asked", &num(p.asked)),
            ],
        ),
    }];
    let (skipped, missed) = match scope {
        Scope::Me => (&w.skipped, &w.missed),
        Scope::Team => (&w.team_skipped, &w.team_missed),
    };
    for (count, word) in [(p.skipped, skipped), (p.missed, missed)] {
        if count > 0 {
            parts.push(fill(word, &[("count", &num(count))]));
        }
    }
    if p.longest_streak > 1 {
        parts.push(fill(&w.streak, &[("count", &num(p.longest_streak))]));
    }
    parts.join(" · ")
}

/// Every answer whole, by date.
fn appendix(out: &mut String, recap: &Recap, w: &Labels) {
    let _ = writeln!(out, "## {}\n", w.all_answers);
    for entry in &recap.answers {
        let who = match (&entry.author, recap.scope) {
            (Some(author), _) => format!(" · {author}"),
            (None, Scope::Team) => format!(" · {}", w.anonymous),
            (None, Scope::Me) => String::new(),
        };
        let _ = writeln!(out, "- {} · {}{who}", entry.date, entry.question);
        for line in entry.text.lines() {
            let bullet = if entry.list { "- " } else { "" };
            let _ = writeln!(out, "  > {bullet}{}", inert(line));
        }
    }
}
