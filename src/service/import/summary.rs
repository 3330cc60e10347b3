//! The summary an import answers with: what it added (or would add, in a dry run), what was
//! there already, and what it passed over.

use super::ImportRequest;
use crate::service::i18n::t;
use crate::store::ImportReport;

/// The summary of `report` for the team named `team`, in the request's language.
pub(super) fn text(
    report: &ImportReport,
    team: &str,
    skipped: usize,
    request: &ImportRequest,
) -> String {
    let lang = request.lang;
    let (from, to) = report
        .dates
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .unwrap_or_default();
    let title = if request.dry_run {
        "import.dry_run"
    } else {
        "import.done"
    };
    let mut lines = vec![t(
        lang,
        title,
        &[("team", team), ("from", &from), ("to", &to)],
    )];
    let counts = [
        ("import.line_members", report.members),
        ("import.line_templates", report.templates),
        ("import.line_schedules", report.schedules),
        ("import.line_rounds", report.rounds),
        ("import.line_deliveries", report.deliveries),
        ("import.line_answers", report.answers),
        ("import.line_history", report.history),
        ("import.line_resolutions", report.resolutions),
        ("import.line_follow_ups", report.follow_ups),
        ("import.line_milestones", report.milestones),
        ("import.line_mandalarts", report.mandalarts),
        ("import.line_letters", report.letters),
        ("import.line_unchanged", report.unchanged),
        ("import.line_kept", report.kept),
        ("import.line_skipped", skipped),
    ];
    for (id, count) in counts.into_iter().filter(|(_, count)| *count > 0) {
        lines.push(format!(
            "- {}",
            t(lang, id, &[("count", &count.to_string())])
        ));
    }
    if !report.added_anything() {
        lines.push(t(lang, "import.nothing_new", &[]));
    }
    lines.join("\n")
}
