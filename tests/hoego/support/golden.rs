//! Golden files: whole outputs people read (help, digest, recaps), pinned in `tests/golden/` and
//! compared in full. A difference fails the test with the first differing lines; a person reads
//! the new output and accepts it explicitly with `HOEGO_ACCEPT_GOLDEN=1 cargo test golden`, then
//! reviews `git diff tests/golden/`. Nothing is ever written without that variable, and under
//! `CI=true` it is refused, so CI can only compare.

use std::path::PathBuf;

/// Compares `actual` with `tests/golden/<name>` (or writes it, when accepting).
pub fn assert_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let accept = std::env::var("HOEGO_ACCEPT_GOLDEN").is_ok_and(|v| v == "1");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let expected = std::fs::read_to_string(&path).ok();
    if expected.as_deref() == Some(actual) {
        return;
    }
    if accept && !ci {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!(
            "accepted {}: review it with `git diff tests/golden/`",
            path.display()
        );
        return;
    }
    let how = "read the new output and, if it is right, accept it with \
               `HOEGO_ACCEPT_GOLDEN=1 cargo test golden` (never under CI), then review \
               `git diff tests/golden/`";
    match expected {
        None => panic!(
            "no golden file {}; {how}. The output:\n{actual}",
            path.display()
        ),
        Some(expected) => panic!(
            "{} differs from the output; {how}.\n{}",
            path.display(),
            first_difference(&expected, actual)
        ),
    }
}

/// The first differing line, with its neighbours, as `-expected` / `+actual`.
fn first_difference(expected: &str, actual: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let from = at.saturating_sub(2);
    let mut out = format!("first difference at line {}:\n", at + 1);
    for line in old.iter().skip(from).take(6) {
        out.push_str(&format!("-{line}\n"));
    }
    for line in new.iter().skip(from).take(6) {
        out.push_str(&format!("+{line}\n"));
    }
    out
}
