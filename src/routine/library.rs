//! Where routines come from: the ones bundled into the binary and the user's own in the
//! platform config directory, and finding one by name or path.

use std::path::{Path, PathBuf};

use super::Routine;
use super::parse::Parsed;
use super::schema;
use super::source;
use crate::diagnostic::Diagnostic;
use crate::files::SourceFile;
use crate::{dirs, text};

/// A routine compiled into the binary from `routines/`.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub file_name: &'static str,
    pub text: &'static str,
}

/// The routines in `routines/`, so an installed supple has them without the source tree.
pub const BUNDLED: &[Bundled] = &[
    Bundled { file_name: "post-run-cooldown.toml", text: include_str!("../../routines/post-run-cooldown.toml") },
    Bundled { file_name: "warm-up.toml", text: include_str!("../../routines/warm-up.toml") },
    Bundled { file_name: "sore-back-legs.toml", text: include_str!("../../routines/sore-back-legs.toml") },
    Bundled { file_name: "hamstring-relief.toml", text: include_str!("../../routines/hamstring-relief.toml") },
    Bundled { file_name: "deep-stretch.toml", text: include_str!("../../routines/deep-stretch.toml") },
    Bundled { file_name: "strong-back-legs.toml", text: include_str!("../../routines/strong-back-legs.toml") },
    Bundled { file_name: "foam-rolling.toml", text: include_str!("../../routines/foam-rolling.toml") },
    Bundled { file_name: "gentle.toml", text: include_str!("../../routines/gentle.toml") },
];

/// Where a routine was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    /// In the user's routine directory.
    User,
    /// Named by its path on the command line.
    Path,
    /// Made for today by `supple make`, from the stretch library: in memory, no file.
    Made,
}

impl Origin {
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Self::Bundled => "bundled",
            Self::User => "yours",
            Self::Path => "file",
            Self::Made => "made for today",
        }
    }

    /// Whether the routine is a file of the person's, to watch and to edit.
    pub(crate) fn is_a_file(&self) -> bool {
        matches!(self, Self::User | Self::Path)
    }
}

/// A routine file, read and parsed.
#[derive(Debug, Clone)]
pub struct RoutineFile {
    pub origin: Origin,
    /// The name used to pick it: the file name without `.toml`.
    pub key: String,
    pub source: SourceFile,
    pub parsed: Parsed,
}

/// A routine file that reads as a routine: where it is, its text, and the routine, held
/// once. What a session runs.
#[derive(Debug, Clone)]
pub struct Runnable {
    pub origin: Origin,
    pub key: String,
    pub source: SourceFile,
    pub routine: Routine,
}

impl Runnable {
    /// How the history names the file: its path, or `bundled:NAME`.
    pub(crate) fn history_label(&self) -> String {
        history_label(&self.origin, &self.key, &self.source.path)
    }
}

/// How the history names a routine file: its path, or `bundled:NAME`.
fn history_label(origin: &Origin, key: &str, path: &Path) -> String {
    match origin {
        Origin::Bundled => format!("bundled:{key}"),
        Origin::Made => format!("made:{key}"),
        Origin::User | Origin::Path => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
        }
    }
}

impl RoutineFile {
    pub fn new(origin: Origin, source: SourceFile) -> Self {
        let key = source.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let parsed = super::parse(&source.text);
        Self { origin, key, source, parsed }
    }

    /// The file as a routine to run, if it reads as one; else the file as it is.
    pub fn into_runnable(mut self) -> Result<Runnable, Self> {
        match self.parsed.routine.take() {
            Some(routine) => Ok(Runnable { origin: self.origin, key: self.key, source: self.source, routine }),
            None => Err(self),
        }
    }

    /// How the history names the file: its path, or `bundled:NAME`.
    pub(crate) fn history_label(&self) -> String {
        history_label(&self.origin, &self.key, &self.source.path)
    }

    /// The routine's own name, or its file name when it does not parse.
    pub(crate) fn title(&self) -> String {
        self.parsed.routine.as_ref().map_or_else(|| self.key.clone(), |r| r.name.clone())
    }
}

/// A routine file that could not be read at all.
#[derive(Debug)]
pub struct Unreadable {
    pub path: PathBuf,
    pub error: crate::files::ReadError,
}

impl Unreadable {
    /// Its name as `list` shows it and commands take it: the file name without `.toml`.
    pub(crate) fn key(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// "mine.toml cannot be read: not a regular file: a named pipe".
    pub(crate) fn sentence(&self) -> String {
        format!("{} cannot be read: {}", crate::files::file_name(&self.path), self.error.diagnostic.message)
    }
}

/// Every bundled routine, parsed.
pub fn bundled() -> Vec<RoutineFile> {
    BUNDLED
        .iter()
        .map(|b| {
            RoutineFile::new(Origin::Bundled, SourceFile { path: PathBuf::from(b.file_name), text: b.text.to_string() })
        })
        .collect()
}

/// The bundled routines that no routine of the user's replaces (a copy of the same file
/// name, as `supple edit` makes), so each shows once, as the user's.
pub(crate) fn bundled_unless_replaced(user: &[RoutineFile]) -> Vec<RoutineFile> {
    bundled().into_iter().filter(|b| !user.iter().any(|u| u.key == b.key)).collect()
}

/// Every `*.toml` in the user's routine directory, parsed, in file-name order; and the
/// files that could not be read.
pub(crate) fn user_routines() -> (Vec<RoutineFile>, Vec<Unreadable>) {
    let Some(dir) = dirs::routines() else { return (Vec::new(), Vec::new()) };
    let Ok(entries) = std::fs::read_dir(&dir) else { return (Vec::new(), Vec::new()) };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut loaded = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        match source::read(&path) {
            Ok(source) => loaded.push(RoutineFile::new(Origin::User, source)),
            Err(error) => unreadable.push(Unreadable { path, error }),
        }
    }
    (loaded, unreadable)
}

/// Finds a routine named on the command line: a path to a file, or the name of a user or
/// bundled routine (its file name without `.toml`, or its `name`). The user's own come
/// first, so a copy of a bundled routine replaces it.
pub(crate) fn find(name: &str) -> Result<RoutineFile, FindError> {
    if looks_like_path(name) {
        let path = PathBuf::from(name);
        return source::read(&path)
            .map(|s| RoutineFile::new(Origin::Path, s))
            .map_err(|error| FindError::Unreadable(Unreadable { path, error }));
    }
    let (user, unreadable) = user_routines();
    let wanted = text::slug(name);
    if let Some(found) = user.iter().find(|l| text::slug(&l.key) == wanted) {
        return Ok(found.clone());
    }
    // A file of that name that cannot be read is named, with why, rather than passed over
    // for a bundled routine or "no routine named".
    if let Some(u) = unreadable.into_iter().find(|u| text::slug(&u.key()) == wanted) {
        return Err(FindError::Unreadable(u));
    }
    let all: Vec<RoutineFile> = user.into_iter().chain(bundled()).collect();
    if let Some(found) = all.iter().find(|l| text::slug(&l.key) == wanted) {
        return Ok(found.clone());
    }
    if let Some(found) = all.iter().find(|l| l.parsed.routine.as_ref().is_some_and(|r| text::slug(&r.name) == wanted)) {
        return Ok(found.clone());
    }
    let keys: Vec<&str> = all.iter().map(|l| l.key.as_str()).collect();
    Err(FindError::NotFound { name: name.to_string(), suggestion: schema::suggest(name, &keys).map(str::to_string) })
}

fn looks_like_path(name: &str) -> bool {
    name.contains('/')
        || name.contains(std::path::MAIN_SEPARATOR)
        || Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || Path::new(name).is_file()
}

/// Why [`find`] found nothing usable.
#[derive(Debug)]
pub(crate) enum FindError {
    NotFound { name: String, suggestion: Option<String> },
    Unreadable(Unreadable),
}

impl FindError {
    /// The error as a diagnostic with a hint.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        match self {
            Self::NotFound { name, suggestion } => {
                let d = Diagnostic::error(format!(
                    "no routine named `{}`",
                    text::truncate(&text::sanitize(name, false), 60)
                ));
                match suggestion {
                    Some(s) => d.help(format!(
                        "did you mean `{}`? `supple list` shows every routine",
                        text::sanitize(s, false)
                    )),
                    None => d.help("`supple list` shows every routine; a path to a .toml file works too"),
                }
            }
            Self::Unreadable(u) => u.error.diagnostic.clone(),
        }
    }
}
