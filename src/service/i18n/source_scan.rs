//! Korean is written in the wording layer only: the catalogs (`config/i18n/`), the built-in
//! templates (`config/templates/`) and this module's Rust (`src/service/i18n/`). This test reads
//! every other file under `src/` and fails on a line of Korean in code (comments and test code
//! are read past), unless the file is on [`ALLOWED`] with the reason; and it fails when a file
//! on that list has no Korean left, so the list only shrinks.

use std::path::{Path, PathBuf};

/// Files that may still hold Korean in code, each with why. None: the recap's words moved to
/// the catalogs (`[recap_words]`); a file added here must say why and when it moves.
const ALLOWED: [(&str, &str); 0] = [];

/// Hangul syllables and compatibility jamo (`ㅇ`).
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}')
}

/// Whether a whole file is test code, by its name.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "tests.rs"
        || name.starts_with("tests_")
        || name.ends_with("_tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// The lines of code in `text` that hold Korean, numbered from 1: comment lines are skipped,
/// and so is everything from a `#[cfg(test)]` module with a body to the end of the file.
fn korean_code_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let test_module = code.starts_with("#[cfg(test)]")
            && lines
                .get(at + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod ") && next.contains('{'));
        if test_module {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        if line.chars().any(is_hangul) {
            found.push(at + 1);
        }
    }
    found
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_korean_is_written_in_code_outside_the_wording_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut unexpected = Vec::new();
    let mut with_korean = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy();
        let relative = relative.replace('\\', "/");
        if relative.starts_with("src/service/i18n/") || is_test_file(&path) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        let lines = korean_code_lines(&text);
        if lines.is_empty() {
            continue;
        }
        with_korean.push(relative.clone());
        if !ALLOWED.iter().any(|(allowed, _)| *allowed == relative) {
            unexpected.extend(lines.iter().map(|n| format!("{relative}:{n}")));
        }
    }
    assert!(
        unexpected.is_empty(),
        "Korean in code outside the catalogs (move it to config/i18n/ and word it in \
         src/service/i18n/): {unexpected:#?}"
    );
    let stale: Vec<&str> = ALLOWED
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| !with_korean.iter().any(|f| f == path))
        .collect();
    assert!(
        stale.is_empty(),
        "these files have no Korean left; take them off ALLOWED: {stale:?}"
    );
}

#[test]
fn the_scan_reads_past_comments_and_test_modules_but_not_code() {
    let text = "// 주석\nfn a() {}\nlet word = \"회고\";\n#[cfg(test)]\nmod tests;\nlet b = \"ㅇ\";\n\
                #[cfg(test)]\nmod tests {\n    const X: &str = \"시험\";\n}\n";
    assert_eq!(korean_code_lines(text), vec![3, 6]);
    assert!(is_test_file(Path::new("src/domain/recap/tests_post.rs")));
    assert!(is_test_file(Path::new(
        "src/domain/template/tests/files.rs"
    )));
    assert!(!is_test_file(Path::new("src/domain/answer.rs")));
}
