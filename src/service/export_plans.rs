//! The Mandalarts in a member's export: for each, a section of the Markdown (the 9×9 table with
//! its statuses, the ratings quarter by quarter, the picture embedded) and the picture itself as
//! a PNG beside the export's files: the heat map once anything of it is checked or rated, else
//! the plain sheet. The JSON carries them as data (`mandalarts`).

use super::asker::Asker;
use super::error::ServiceError;
use super::mandalart::picture;
use super::reply::Attachment;
use crate::domain::import::dataset::MandalartRecord;
use crate::domain::recap::inert::inert;

/// The export's Markdown section on the Mandalarts and their pictures (none without any).
pub(super) fn export_plans(
    asker: &Asker,
    plans: &[MandalartRecord],
) -> Result<(String, Vec<Attachment>), ServiceError> {
    let mut out = String::new();
    let mut files = Vec::new();
    for plan in plans {
        let year = plan.year.to_string();
        let mut file = format!("hoego-export-mandalart-{year}.png");
        let mut n = 1;
        while files.iter().any(|f: &Attachment| f.filename == file) {
            n += 1;
            file = format!("hoego-export-mandalart-{year}-{n}.png");
        }
        let (grid, marks) = (plan.grid(), plan.marks());
        let title = asker.t("mandalart.picture_title", &[("year", &year)]);
        out.push_str(&format!("\n## {title}\n\n![{title}]({file})\n\n"));
        out.push_str(&grid.markdown_with(&marks));
        if !marks.is_empty() {
            out.push_str(&format!("\n{}\n", asker.t("mandalart.marks_legend", &[])));
        }
        ratings(asker, plan, &mut out);
        files.push(Attachment {
            filename: file,
            content_type: "image/png".into(),
            bytes: picture(asker, &grid, &marks, &title)?,
        });
    }
    Ok((out, files))
}

/// A line per rated sub-goal: its ratings, quarter by quarter.
fn ratings(asker: &Asker, plan: &MandalartRecord, out: &mut String) {
    let rated: Vec<String> = (plan.goals.iter())
        .filter(|g| !g.ratings.is_empty())
        .map(|g| {
            let each: Vec<String> = (g.ratings.iter())
                .map(|r| format!("{} {}/5", r.quarter, r.rating))
                .collect();
            format!("- **{}**: {}\n", inert(&g.title), each.join(" · "))
        })
        .collect();
    if rated.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n\n", asker.t("export.md_ratings", &[])));
    out.push_str(&rated.concat());
}
