//! The templates a hoego instance offers: the built-ins plus a team's own files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{Template, TemplateError, TemplateProblem, load};

/// The built-in templates: (name used in errors, TOML text).
const BUILT_INS: [(&str, &str); 8] = [
    (
        "config/templates/weekly.toml",
        include_str!("../../../config/templates/weekly.toml"),
    ),
    (
        "config/templates/kpt.toml",
        include_str!("../../../config/templates/kpt.toml"),
    ),
    (
        "config/templates/start-stop-continue.toml",
        include_str!("../../../config/templates/start-stop-continue.toml"),
    ),
    (
        "config/templates/4ls.toml",
        include_str!("../../../config/templates/4ls.toml"),
    ),
    (
        "config/templates/mad-sad-glad.toml",
        include_str!("../../../config/templates/mad-sad-glad.toml"),
    ),
    (
        "config/templates/quarterly.toml",
        include_str!("../../../config/templates/quarterly.toml"),
    ),
    (
        "config/templates/year-end.toml",
        include_str!("../../../config/templates/year-end.toml"),
    ),
    (
        "config/templates/mandalart.toml",
        include_str!("../../../config/templates/mandalart.toml"),
    ),
];

/// Every template on offer, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLibrary {
    templates: BTreeMap<String, Template>,
}

impl TemplateLibrary {
    /// Only the built-in templates.
    ///
    /// # Panics
    /// If a built-in template does not load, which the tests rule out.
    pub fn built_in() -> Self {
        Self::load(None).expect("the built-in templates load (checked by tests)")
    }

    /// The built-ins plus every `*.toml` file in `extra_dir` (other files are ignored). A file
    /// whose id is a built-in's replaces that built-in; two files in `extra_dir` may not share an
    /// id.
    pub fn load(extra_dir: Option<&Path>) -> Result<Self, TemplateError> {
        let mut library = TemplateLibrary {
            templates: BTreeMap::new(),
        };
        for (name, text) in BUILT_INS {
            library.insert(Template::from_toml(name, text)?);
        }
        if let Some(dir) = extra_dir {
            library.load_dir(dir)?;
        }
        Ok(library)
    }

    fn load_dir(&mut self, dir: &Path) -> Result<(), TemplateError> {
        let mut seen: HashMap<String, String> = HashMap::new();
        for path in toml_files(dir)? {
            let text = std::fs::read_to_string(&path).map_err(|e| read_error(&path, &e))?;
            let file = path.display().to_string();
            let (template, id_line) = load::parse(&file, &text)?;
            let id = template.id.to_string();
            if let Some(other_file) = seen.insert(id.clone(), file.clone()) {
                let problem = TemplateProblem::DuplicateTemplateId { id, other_file };
                let line = id_line;
                return Err(TemplateError::Invalid {
                    file,
                    line,
                    problem,
                });
            }
            self.insert(template);
        }
        Ok(())
    }

    /// Adds a template, returning the one it replaces.
    pub fn insert(&mut self, template: Template) -> Option<Template> {
        self.templates.insert(template.id.to_string(), template)
    }

    /// The template with this exact id.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.get(id)
    }

    /// The template with this id, or an error that suggests the id that was probably meant.
    pub fn find(&self, id: &str) -> Result<&Template, UnknownTemplate> {
        self.get(id).ok_or_else(|| UnknownTemplate {
            given: id.to_string(),
            suggestion: self.suggest(id).map(str::to_string),
            available: self.ids().into_iter().map(str::to_string).collect(),
        })
    }

    /// Every template id, sorted.
    pub fn ids(&self) -> Vec<&str> {
        self.templates.keys().map(String::as_str).collect()
    }

    /// Every template, sorted by id.
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.templates.values()
    }

    /// The id most likely meant by a misspelt `id`: the same id in other case or with `_` or
    /// spaces for `-`, else the closest by edit distance (a swap of two letters counts as one
    /// edit) within about a third of its length, else the only-or-first id containing it.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        let wanted: String = id
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '_' || c == ' ' { '-' } else { c })
            .collect();
        if wanted.is_empty() {
            return None;
        }
        let budget = (wanted.chars().count() / 3).clamp(1, 3);
        let closest = self
            .ids()
            .into_iter()
            .map(|candidate| (edit_distance(&wanted, candidate), candidate))
            .filter(|&(distance, _)| distance <= budget)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, candidate)| candidate);
        closest.or_else(|| {
            let long_enough = wanted.chars().count() >= 3;
            self.ids()
                .into_iter()
                .find(|candidate| long_enough && candidate.contains(wanted.as_str()))
        })
    }
}

/// A template id the library does not have. Its `Display` is English for logs; people read it
/// in their language through the catalogs (`service::i18n::worded`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("There is no template `{given}`.")]
pub struct UnknownTemplate {
    /// The id as given.
    pub given: String,
    /// The id probably meant, if any is close.
    pub suggestion: Option<String>,
    /// Every id on offer, sorted.
    pub available: Vec<String>,
}

/// The `*.toml` files directly in `dir`, sorted so that loading is repeatable.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, TemplateError> {
    let entries = std::fs::read_dir(dir).map_err(|e| read_error(dir, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| read_error(dir, &e))?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_error(path: &Path, error: &std::io::Error) -> TemplateError {
    TemplateError::Read {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// The optimal-string-alignment edit distance: insertions, deletions, substitutions and swaps
/// of two neighbouring characters each count as one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}
