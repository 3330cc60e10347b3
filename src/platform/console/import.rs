//! The console's `import <path>`: the file is read here, on the person's own machine (one
//! larger than the chat limit is not read at all), and handed to the service as their upload,
//! which answers with a dry run and a Confirm button like any chat platform's.

use crate::service::command::{Command, parse};
use crate::service::import::{ImportFile, Upload};

/// The upload a line asks for, when it is `import <path>`.
pub(super) fn upload(line: &str, limit: u64) -> Option<Upload> {
    let Ok(Command::Import { path: Some(path) }) = parse(line) else {
        return None;
    };
    let unfetched = |why: String| Upload::Unfetched {
        name: path.clone(),
        why,
    };
    let size = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => return Some(Upload::Folder { name: path }),
        Ok(meta) => meta.len(),
        Err(error) => return Some(unfetched(error.to_string())),
    };
    if size > limit {
        return Some(Upload::TooLarge {
            name: path,
            bytes: size,
        });
    }
    Some(match std::fs::read(&path) {
        Ok(bytes) => Upload::File(ImportFile { path, bytes }),
        Err(error) => unfetched(error.to_string()),
    })
}
