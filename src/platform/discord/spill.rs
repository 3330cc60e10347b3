//! Files beyond what one Discord message takes (ten): the first message keeps the first ten, and
//! the rest follow in further messages of at most ten each, in the reply's order, each saying
//! which of the files it carries ("📎 11–14 / 14", the same in every language).

use crate::service::reply::Attachment;

/// Discord's most files in one message.
pub const FILES_PER_MESSAGE: usize = 10;

/// A message carrying files the first one had no room for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoreFiles {
    /// Which of the reply's files these are, e.g. `📎 11–14 / 14`.
    pub note: String,
    /// At most [`FILES_PER_MESSAGE`] files.
    pub files: Vec<Attachment>,
}

/// Keeps the first [`FILES_PER_MESSAGE`] of `files` and returns the rest as further messages.
pub fn spill(files: &mut Vec<Attachment>) -> Vec<MoreFiles> {
    let total = files.len();
    if total <= FILES_PER_MESSAGE {
        return Vec::new();
    }
    let rest = files.split_off(FILES_PER_MESSAGE);
    rest.chunks(FILES_PER_MESSAGE)
        .enumerate()
        .map(|(i, chunk)| {
            let first = FILES_PER_MESSAGE * (i + 1) + 1;
            let last = first + chunk.len() - 1;
            let note = if first == last {
                format!("📎 {first} / {total}")
            } else {
                format!("📎 {first}–{last} / {total}")
            };
            MoreFiles {
                note,
                files: chunk.to_vec(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(n: usize) -> Vec<Attachment> {
        (1..=n)
            .map(|i| Attachment {
                filename: format!("{i}.png"),
                content_type: "image/png".into(),
                bytes: vec![i as u8],
            })
            .collect()
    }

    fn names(files: &[Attachment]) -> Vec<String> {
        files.iter().map(|f| f.filename.clone()).collect()
    }

    #[test]
    fn ten_files_or_fewer_stay_in_the_first_message() {
        for n in [0, 1, 10] {
            let mut kept = files(n);
            assert!(spill(&mut kept).is_empty());
            assert_eq!(kept, files(n));
        }
    }

    #[test]
    fn the_rest_follow_ten_at_a_time_in_order_each_once() {
        let mut kept = files(31);
        let more = spill(&mut kept);
        assert_eq!(names(&kept), names(&files(10)));
        let notes: Vec<&str> = more.iter().map(|m| m.note.as_str()).collect();
        assert_eq!(notes, ["📎 11–20 / 31", "📎 21–30 / 31", "📎 31 / 31"]);
        let mut all = kept;
        for message in more {
            assert!(message.files.len() <= FILES_PER_MESSAGE);
            all.extend(message.files);
        }
        assert_eq!(all, files(31));
    }
}
