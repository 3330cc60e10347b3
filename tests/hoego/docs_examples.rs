//! `docs/examples/`: the fixture year's member and team recaps in English and Korean, rendered
//! as `hoego recap --charts` writes them (the Markdown embedding its chart PNGs), pinned like the
//! goldens so the examples the README shows stay what hoego makes. Regenerate them with
//! `HOEGO_ACCEPT_GOLDEN=1 cargo test --test hoego docs_examples`, then look at them.

use std::path::{Path, PathBuf};

use hoego::domain::lang::Lang;
use hoego::domain::recap::{Scope, chart, markdown};

use crate::support::year::Year;

/// The fixture year's seed, as the recap goldens use it.
const SEED: u64 = 2026;

/// Compares `actual` with the file at `path` (or writes it, when accepting outside CI).
pub(crate) fn assert_pinned(path: &Path, actual: &[u8]) {
    let accept = std::env::var("HOEGO_ACCEPT_GOLDEN").is_ok_and(|v| v == "1");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if std::fs::read(path).ok().as_deref() == Some(actual) {
        return;
    }
    if accept && !ci {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        eprintln!("wrote {}: look at it before committing", path.display());
        return;
    }
    panic!(
        "{} is not what hoego renders now; regenerate docs/examples with \
         `HOEGO_ACCEPT_GOLDEN=1 cargo test --test hoego docs_examples` and read them",
        path.display()
    );
}

#[test]
fn the_examples_in_docs_are_the_fixture_year_as_hoego_renders_it() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut written = Vec::new();
    for lang in Lang::ALL {
        let year = Year::generate(lang, SEED);
        for (scope, who) in [(Scope::Me, "member"), (Scope::Team, "team")] {
            let recap = year.recap(scope);
            let stem = format!("{who}-year.{}", lang.code());
            let charts = chart::charts(&recap).expect("the charts draw");
            let file = |c: &chart::Chart| format!("charts/{stem}-{}", c.file);
            let document = chart::embed(&markdown::render(&recap), &charts, file);
            assert_pinned(&dir.join(format!("{stem}.md")), document.as_bytes());
            for each in &charts {
                assert_pinned(&dir.join(file(each)), &each.png);
                written.push(file(each));
            }
            assert!(!charts.is_empty(), "{stem} has a mood chart");
        }
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| format!("charts/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    on_disk.sort();
    written.sort();
    assert_eq!(
        on_disk, written,
        "no stale chart is left in docs/examples/charts"
    );
}
