//! A compiled recap as a chat reply: the Markdown itself when it fits one message, else a
//! short lead with the Markdown attached; the charts as PNG attachments; the written summary (or
//! its notice) above the recap when one was asked for.

use super::limits::Limits;
use super::reply::{Attachment, Audience, Reply};
use crate::domain::recap::split::split;
use crate::domain::recap::{
    Recap,
    chart::{self, Chart},
    markdown,
};

/// The reply: the Markdown itself when it fits one message of the platform, else a summary with
/// the Markdown attached (its charts embedded by the names they are attached under). The charts
/// go along as PNG attachments either way. Public recaps go to the channel.
pub fn recap_reply(recap: &Recap, public: bool, limits: Limits) -> Reply {
    recap_reply_with(recap, public, limits, None)
}

/// [`recap_reply`] with `above` (the written summary or its notice, Markdown) above the recap.
pub fn recap_reply_with(recap: &Recap, public: bool, limits: Limits, above: Option<&str>) -> Reply {
    let name = recap.period_label.replace("..", "_");
    let charts = charts(recap);
    let attached = |chart: &Chart| format!("hoego-recap-{name}-{}", chart.file);
    let document = with_above(markdown::render(recap), recap, above);
    let body = document
        .split_once("\n---\n\n")
        .map_or(document.as_str(), |(_, body)| body);
    let mut reply = if body.chars().count() <= limits.message_len {
        Reply::text(recap.lang, body.trim_end())
    } else {
        let lead = match above {
            Some(above) => format!("{}\n\n{}", above.trim_end(), markdown::summary(recap)),
            None => markdown::summary(recap),
        };
        let mut reply = Reply {
            blocks: split(lead.trim_start(), limits.block_len),
            ..Reply::new(recap.lang)
        };
        reply.attachments.push(Attachment {
            filename: format!("hoego-recap-{name}.md"),
            content_type: "text/markdown".into(),
            bytes: chart::embed(&document, &charts, attached).into_bytes(),
        });
        reply
    };
    reply
        .attachments
        .extend(charts.into_iter().map(|chart| Attachment {
            filename: attached(&chart),
            content_type: "image/png".into(),
            bytes: chart.png,
        }));
    if public {
        reply.audience = Audience::Channel;
    }
    reply
}

/// The document with `above` placed under its title (the summary opens the post).
pub fn with_above(document: String, recap: &Recap, above: Option<&str>) -> String {
    let Some(above) = above.filter(|a| !a.trim().is_empty()) else {
        return document;
    };
    let title = format!("# {}\n\n", recap.title);
    match document.find(&title) {
        Some(at) => {
            let at = at + title.len();
            format!(
                "{}{}\n\n{}",
                &document[..at],
                above.trim_end(),
                &document[at..]
            )
        }
        None => format!("{}\n\n{document}", above.trim_end()),
    }
}

/// The recap's charts (a drawing failure is logged and the recap goes without them).
fn charts(recap: &Recap) -> Vec<Chart> {
    chart::charts(recap).unwrap_or_else(|error| {
        tracing::warn!(error = %error, "recap charts not drawn");
        Vec::new()
    })
}
