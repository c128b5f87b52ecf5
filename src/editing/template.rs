//! New routine files in the user's routine directory: from a template that teaches the
//! format by example (`supple new`), a copy of another routine, or a bundled routine
//! copied to be edited. An existing file is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::routine::library::RoutineFile;
use crate::routine::parse::MAX_NAME_CHARS;
use crate::text;

/// The template: a short, complete routine, every key shown and explained. `{NAME}` is
/// replaced by the routine's name.
const TEMPLATE: &str = r#"# A supple routine: `supple run {FILE}` runs it, `supple check {FILE}` checks it.
# The whole format, every key: docs/routine-format.md in supple's source.
# Durations are seconds (30) or text: "30s", "1m30s", "2min".

name = "{NAME}"
description = "What this routine is for, in a sentence or two."

# Settings every step uses unless it sets its own.
[defaults]
hold = "30s"            # how long each hold lasts
reps = 2                # holds of each stretch (on each side)
sides = "none"          # "none" (a centred stretch), "both", "left" or "right"
get_ready = "5s"        # time to get into position before a step's first hold ("wait": until you press space)
switch_sides = "5s"     # time to change sides between a left and a right hold
rest_between_reps = "10s"
rest_after = "10s"      # rest after each step (not after the last)

# Each [[step]] is one stretch, walked through in order.
[[step]]
name = "March on the spot"
duration = "2m"         # a timed activity instead of holds: a warm-up, a walk

[[step]]
id = "calf"             # optional; keeps your place in a session when you edit the file
name = "Straight-leg calf stretch"
how = "Hands on a wall, one leg back, heel down, back knee straight. Lean in."
focus = "Heel stays down."   # one thing to keep in mind during the hold
targets = ["calves"]
equipment = ["wall"]    # what the step needs at hand, listed before the start
pose = "wall-calf"      # the figure shown beside the countdown; `supple poses` shows them all
sides = "both"          # left, then right

[[step]]
name = "Standing hamstring stretch"
how = "Heel on a low step, leg straight. Hinge forward from the hips."
targets = ["hamstrings"]
pose = "step-hamstring"
sides = "both"
hold = "45s"            # this step's own hold, instead of the default
reps = 1
"#;

/// Why a new routine could not be written.
#[derive(Debug)]
pub(crate) enum NewError {
    /// The name has no letter or digit to make a file name from.
    BadName,
    /// The name is longer than a routine's name may be.
    TooLong(usize),
    /// The name has a control character in it.
    Control,
    /// The copy would not read back as a routine.
    Broken(String),
    /// A routine of that file name exists already.
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadName => write!(f, "a routine's name needs a letter or a digit, to name its file"),
            Self::TooLong(n) => write!(
                f,
                "the name is {n} characters long; a routine's name is at most {MAX_NAME_CHARS}, to fit on a screen"
            ),
            Self::Control => {
                write!(f, "the name has a control character in it; write it with letters, digits and punctuation")
            }
            Self::Broken(why) => write!(f, "the copy would not read back as a routine ({why}); nothing was written"),
            Self::Exists(path) => write!(
                f,
                "{} already exists; `supple edit {}` opens it",
                text::sanitize(&path.display().to_string(), false),
                text::sanitize(&path.file_stem().unwrap_or_default().to_string_lossy(), false)
            ),
            Self::Io(path, error) => write!(f, "{}: {error}", text::sanitize(&path.display().to_string(), false)),
        }
    }
}

/// The file name (without `.toml`) for a routine called `name`.
pub(crate) fn file_stem(name: &str) -> Option<String> {
    Some(text::slug(name)).filter(|s| !s.is_empty())
}

/// The text of a new routine called `name`: the template, or a copy of `from` renamed.
pub(crate) fn text_for(name: &str, from: Option<&RoutineFile>) -> String {
    let stem = file_stem(name).unwrap_or_default();
    let quoted = quoted(name);
    match from {
        None => TEMPLATE.replace("\"{NAME}\"", &quoted).replace("{FILE}", &stem),
        Some(source) => {
            let header = format!("# Copied from {} ({}).\n", source.key, source.origin.label());
            format!("{header}{}", renamed(&source.source.text, &quoted))
        }
    }
}

/// `name` as a TOML basic string.
fn quoted(name: &str) -> String {
    format!("\"{}\"", text::sanitize(name, false).replace('\\', "\\\\").replace('"', "\\\""))
}

/// `text` with its routine's `name` (the top-level key, however it is written: quoted,
/// over several lines) set to `quoted`, so the copy does not show up under the original's
/// name. Nothing else is touched.
fn renamed(text: &str, quoted: &str) -> String {
    let doc = toml::de::DeTable::parse(text).ok();
    let span = doc.as_ref().and_then(|d| d.get_ref().get_key_value("name")).map(|(k, v)| k.span().start..v.span().end);
    match span {
        Some(span) => format!("{}name = {quoted}{}", &text[..span.start], &text[span.end..]),
        None => format!("name = {quoted}\n{text}"),
    }
}

/// Copies a bundled routine, as it is, into `dir` under its own file name; an existing
/// file of that name is kept and used.
pub(crate) fn copy_bundled((key, text): (&str, &str), dir: &Path) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    let path = dir.join(format!("{key}.toml"));
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    match created {
        Ok(mut file) => file.write_all(text.as_bytes()).with_context(|| path.display().to_string())?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| path.display().to_string()),
    }
    Ok(path)
}

/// Writes a new routine called `name` into `dir`; returns its path.
pub(crate) fn create(dir: &Path, name: &str, from: Option<&RoutineFile>) -> Result<PathBuf, NewError> {
    let name = name.trim();
    let stem = file_stem(name).ok_or(NewError::BadName)?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NewError::TooLong(name.chars().count()));
    }
    if text::first_unsafe(name, false).is_some() {
        return Err(NewError::Control);
    }
    let text = text_for(name, from);
    // What is written must read back as a routine of that name.
    let parsed = crate::routine::parse(&text);
    if let Some(error) = parsed.errors().next() {
        return Err(NewError::Broken(error.message.clone()));
    }
    let path = dir.join(format!("{stem}.toml"));
    std::fs::create_dir_all(dir).map_err(|e| NewError::Io(dir.to_path_buf(), e))?;
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(NewError::Exists(path)),
        Err(e) => return Err(NewError::Io(path, e)),
    };
    file.write_all(text.as_bytes()).map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_routine_that_uses_every_kind_of_step() {
        let parsed = crate::routine::parse(&text_for("Evening \"legs\"", None));
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let routine = parsed.routine.unwrap();
        assert_eq!(routine.name, "Evening \"legs\"");
        assert_eq!(routine.steps.len(), 3);
    }

    #[test]
    fn a_copy_is_renamed_and_otherwise_the_same() {
        let original = crate::routine::library::bundled().remove(0);
        let copy = text_for("My cool-down", Some(&original));
        let parsed = crate::routine::parse(&copy).routine.unwrap();
        assert_eq!(parsed.name, "My cool-down");
        let from = original.parsed.routine.as_ref().unwrap();
        assert_eq!(parsed.steps, from.steps);
        assert_eq!(copy.lines().count(), original.source.text.lines().count() + 1, "one header line more");
    }

    #[test]
    fn a_name_that_check_would_refuse_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let long = "Stretch ".repeat(12);
        assert!(matches!(create(dir.path(), &long, None), Err(NewError::TooLong(95))));
        assert!(matches!(create(dir.path(), "Bell\u{7} legs", None), Err(NewError::Control)));
        assert_eq!(std::fs::read_dir(dir.path()).map_or(0, Iterator::count), 0, "nothing written");
    }

    #[test]
    fn a_copy_is_renamed_however_the_name_was_written() {
        use crate::files::SourceFile;
        use crate::routine::library::Origin;
        for original in [
            "name = \"\"\"Over\ntwo lines\"\"\"\n[[step]]\nname = \"a\"\nhold = 3\n",
            "\"name\" = 'Quoted key' # and a comment\n[[step]]\nname = \"a\"\nhold = 3\n",
            "description = \"x\"\nname = \"Late\"\n[[step]]\nname = \"a\"\nhold = 3\n",
        ] {
            let from = RoutineFile::new(Origin::User, SourceFile { path: "x.toml".into(), text: original.into() });
            let dir = tempfile::tempdir().unwrap();
            let path = create(dir.path(), "My \"copy\"", Some(&from)).unwrap();
            let parsed = crate::routine::parse(&std::fs::read_to_string(path).unwrap());
            assert!(parsed.diagnostics.is_empty(), "{original}: {:?}", parsed.diagnostics);
            assert_eq!(parsed.routine.unwrap().name, "My \"copy\"");
        }
    }
}
