//! The message catalog: every text hoego shows, by id, in every language.
//!
//! The catalogs are `config/i18n/<lang>.toml`, embedded at build time. Ids are dotted paths
//! (`answer.saved`, from `[answer] saved = "…"`), and texts take `{name}` arguments; English
//! chooses a word by a count with `{count|answer|answers}`, and Korean a particle that fits the
//! value with `{schedule|을}` (see [`particle`]).

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use crate::domain::lang::Lang;

pub mod cron;
pub mod dates;
#[cfg(test)]
mod glossary_tests;
pub mod particle;
pub mod plan_words;
pub mod recap_words;
pub mod resolution_words;
#[cfg(test)]
mod source_scan;
#[cfg(test)]
mod tests;
pub mod worded;
#[cfg(test)]
mod worded_tests;

/// The English catalog, as shipped.
const EN: &str = include_str!("../../../config/i18n/en.toml");
/// The Korean catalog, as shipped.
const KO: &str = include_str!("../../../config/i18n/ko.toml");

/// The catalog built on first use by [`t`] and [`catalog`].
static BUILTIN: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

/// A catalog file that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// The file is not valid TOML.
    #[error("the {lang} message catalog is not valid TOML: {message}")]
    Toml {
        /// The catalog's language.
        lang: Lang,
        /// What the TOML parser said.
        message: String,
    },
    /// A value is neither text nor a table of texts.
    #[error("message {id:?} in the {lang} catalog is not text")]
    NotText {
        /// The catalog's language.
        lang: Lang,
        /// The message id.
        id: String,
    },
}

/// Messages by language and id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    messages: HashMap<Lang, HashMap<String, String>>,
}

impl Catalog {
    /// The catalog shipped in `config/i18n/`.
    ///
    /// # Panics
    /// If a shipped file is invalid, which the tests rule out.
    pub fn builtin() -> Catalog {
        match Catalog::from_toml(&[(Lang::En, EN), (Lang::Ko, KO)]) {
            Ok(catalog) => catalog,
            Err(error) => panic!("the built-in message catalog is broken: {error}"),
        }
    }

    /// Builds a catalog from one TOML text per language.
    pub fn from_toml(sources: &[(Lang, &str)]) -> Result<Catalog, CatalogError> {
        let mut messages = HashMap::new();
        for &(lang, source) in sources {
            let table: toml::Table = toml::from_str(source).map_err(|e| CatalogError::Toml {
                lang,
                message: e.to_string(),
            })?;
            let mut texts = HashMap::new();
            flatten(lang, "", table, &mut texts)?;
            messages.insert(lang, texts);
        }
        Ok(Catalog { messages })
    }

    /// The raw text of a message, without arguments filled in.
    pub fn get(&self, lang: Lang, id: &str) -> Option<&str> {
        self.messages.get(&lang)?.get(id).map(String::as_str)
    }

    /// Every message id of a language, sorted.
    pub fn ids(&self, lang: Lang) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .messages
            .get(&lang)
            .map(|texts| texts.keys().map(String::as_str).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// A message with its `{name}` arguments filled in. A missing argument stays visible as
    /// `{name}`; a message missing in `lang` falls back to English; an unknown id returns the id
    /// itself (and fails a debug assertion, so tests catch it).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
        let found = self.get(lang, id).or_else(|| self.get(Lang::En, id));
        debug_assert!(found.is_some(), "unknown message id {id:?}");
        match found {
            Some(template) => interpolate(template, args),
            None => id.to_string(),
        }
    }
}

/// Adds the texts of `table` to `texts`, with ids prefixed by `prefix`.
fn flatten(
    lang: Lang,
    prefix: &str,
    table: toml::Table,
    texts: &mut HashMap<String, String>,
) -> Result<(), CatalogError> {
    for (key, value) in table {
        let id = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                texts.insert(id, text);
            }
            toml::Value::Table(inner) => flatten(lang, &id, inner, texts)?,
            _ => return Err(CatalogError::NotText { lang, id }),
        }
    }
    Ok(())
}

/// An argument at the start of `rest` (just after a `{`): `{name}`; `{name|one|other}`,
/// which reads `one` when the argument is `1` and `other` otherwise (English plurals; a
/// language without them simply writes `{name}`); `{name|을}`, the value followed by the
/// Korean particle that fits it (see [`particle`]); or `{name|00}`, a number padded with zeros
/// to that many digits (`5` as `05`).
struct Argument<'a> {
    name: &'a str,
    form: Form<'a>,
    /// Bytes up to and including the closing `}`.
    len: usize,
}

/// How an argument's value is written.
enum Form<'a> {
    /// As it is.
    Value,
    /// `one` for a count of 1, `other` otherwise, without the value.
    Plural(&'a str, &'a str),
    /// The value and the form of this particle that fits it.
    Particle(&'a str),
    /// The value padded on the left with zeros to this many characters.
    Padded(usize),
}

fn argument(rest: &str) -> Option<Argument<'_>> {
    let end = rest.find('}')?;
    let inner = &rest[..end];
    let (name, form) = match inner.split_once('|') {
        Some((name, forms)) => match forms.split_once('|') {
            Some((one, other)) => (name, Form::Plural(one, other)),
            None if particle::is_particle(forms) => (name, Form::Particle(forms)),
            None if !forms.is_empty() && forms.bytes().all(|b| b == b'0') => {
                (name, Form::Padded(forms.len()))
            }
            None => return None,
        },
        None => (inner, Form::Value),
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    valid.then_some(Argument {
        name,
        form,
        len: end + 1,
    })
}

/// Fills `{name}` arguments (`{name|one|other}` plural choices, `{name|을}` particles,
/// `{name|00}` padding) into
/// `template`; unknown ones and other braces stay as they are.
fn interpolate(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = argument(after).and_then(|a| {
            args.iter()
                .find(|(n, _)| *n == a.name)
                .map(|&(_, v)| (a, v))
        });
        match found {
            Some((argument, value)) => {
                match argument.form {
                    Form::Value => out.push_str(value),
                    Form::Plural(one, other) => {
                        out.push_str(if value == "1" { one } else { other })
                    }
                    Form::Particle(form) => out.push_str(&particle::attach(value, form)),
                    Form::Padded(width) => out.push_str(&format!("{value:0>width$}")),
                }
                rest = &after[argument.len..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` arguments a template uses (`{name|one|other}` and `{name|을}` use `name`).
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        names.extend(argument(rest).map(|a| a.name));
    }
    names
}

/// The built-in catalog, built on first use.
pub fn catalog() -> &'static Catalog {
    &BUILTIN
}

/// A message of the built-in catalog with its arguments filled in (see [`Catalog::text`]).
pub fn t(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    BUILTIN.text(lang, id, args)
}
