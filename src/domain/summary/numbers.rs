//! The numbers a text states: runs of digits (`1,200` and `3.5` read whole) and number words
//! standing alone (the language's own, given by the caller from the catalogs: `three`, and the
//! Korean native numerals before a counter), each as one canonical spelling so `3`, `03` and
//! `three` are equal.

use std::collections::BTreeSet;

/// Every number `text` states, canonically spelt.
pub fn numbers(text: &str, words: &[(String, u32)]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() {
            let c = chars[i];
            let joins = matches!(c, ',' | '.')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !digits.is_empty();
            if c.is_ascii_digit() {
                digits.push(c);
            } else if joins && c == '.' && !digits.contains('.') {
                digits.push('.');
            } else if !(joins && c == ',') {
                break;
            }
            i += 1;
        }
        out.insert(canonical(&digits));
    }
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        if let Some((_, n)) = words.iter().find(|(w, _)| *w == lower) {
            out.insert(n.to_string());
        }
    }
    out
}

fn canonical(digits: &str) -> String {
    match digits.parse::<f64>() {
        Ok(value) => format!("{value}"),
        Err(_) => digits.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::numbers;

    fn set(text: &str) -> Vec<String> {
        let words = [("three", 3), ("두", 2), ("세", 3)].map(|(w, n)| (w.to_string(), n));
        numbers(text, &words).into_iter().collect()
    }

    #[test]
    fn digits_words_and_korean_numerals_are_read_as_numbers() {
        assert_eq!(set("Closed 12 bugs in 2026"), ["12", "2026"]);
        assert_eq!(
            set("1,200 users, 3.5 on average, 03 runs"),
            ["1200", "3", "3.5"]
        );
        assert_eq!(set("three weeks of on-call"), ["3"]);
        assert_eq!(set("온콜을 두 번 했어요"), ["2"]);
        assert_eq!(set("내가 한 일을 돌아봤어요"), Vec::<String>::new());
        assert_eq!(set("Shipped it."), Vec::<String>::new());
        assert_eq!(set("v2 of the search, 4/10"), ["10", "2", "4"]);
    }
}
