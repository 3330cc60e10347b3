//! Values parsed from stored text, kept by key. Stored text repeats (a thousand schedules on one
//! expression, a batch of prompts on one template version) and parsing it is not free, so each
//! distinct key is parsed once; a failure is kept too, so a bad value is not parsed every tick.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Parsed values by key, cleared when it holds `limit` entries (keys are stored text or stored
/// version ids, which never change meaning).
#[derive(Debug)]
pub struct Memo<K, V> {
    entries: Mutex<HashMap<K, V>>,
    limit: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// An empty memo keeping at most `limit` entries.
    pub fn new(limit: usize) -> Self {
        Memo {
            entries: Mutex::new(HashMap::new()),
            limit,
        }
    }

    /// The value for `key` if it was made already.
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.get(key).cloned()
    }

    /// The value for `key`, made by `parse` the first time it is asked for.
    pub fn get_or(&self, key: K, parse: impl FnOnce(&K) -> V) -> V {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = entries.get(&key) {
            return found.clone();
        }
        if entries.len() >= self.limit {
            entries.clear();
        }
        let fresh = parse(&key);
        entries.insert(key, fresh.clone());
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn each_key_is_parsed_once_until_the_limit_clears_the_memo() {
        let memo = Memo::new(2);
        let parsed = Cell::new(0);
        let parse = |k: &&str| {
            parsed.set(parsed.get() + 1);
            k.len()
        };
        assert_eq!(memo.get_or("abc", parse), 3);
        assert_eq!(memo.get_or("abc", parse), 3);
        assert_eq!(parsed.get(), 1);
        memo.get_or("de", parse);
        memo.get_or("f", parse);
        assert_eq!(memo.get_or("abc", parse), 3);
        assert_eq!(parsed.get(), 4);
    }
}
