//! New routine files in the user's routine directory: from a template that teaches the
//! format by example (`supple new`), a copy of another routine, or a bundled routine
//! copied to be edited. An existing file is never overwritten.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::routine::library::RoutineFile;
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
get_ready = "5s"        # time to get into position before a step's first hold
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
sides = "both"          # left, then right

[[step]]
name = "Standing hamstring stretch"
how = "Heel on a low step, leg straight. Hinge forward from the hips."
targets = ["hamstrings"]
sides = "both"
hold = "45s"            # this step's own hold, instead of the default
reps = 1
"#;

/// Why a new routine could not be written.
#[derive(Debug)]
pub(crate) enum NewError {
    /// The name has no letter or digit to make a file name from.
    BadName,
    /// A routine of that file name exists already.
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadName => write!(f, "a routine's name needs a letter or a digit, to name its file"),
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
    let name = text::sanitize(name, false).replace('\\', "\\\\").replace('"', "\\\"");
    match from {
        None => TEMPLATE.replace("{NAME}", &name).replace("{FILE}", &stem),
        Some(source) => {
            let header = format!("# Copied from {} ({}).\n", source.key, source.origin.label());
            format!("{header}{}", renamed(&source.source.text, &name))
        }
    }
}

/// `text` with its top-level `name = ...` line (before any table) set to `name`, so the
/// copy does not show up under the original's name. Nothing else is touched.
fn renamed(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len() + name.len());
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            done = true;
        }
        let is_name = trimmed.strip_prefix("name").is_some_and(|rest| rest.trim_start().starts_with('='));
        if !done && is_name {
            let _ = writeln!(out, "name = \"{name}\"");
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Copies a bundled routine, as it is, into `dir` under its own file name; an existing
/// file of that name is kept and used.
pub(crate) fn copy_bundled(loaded: &RoutineFile, dir: &Path) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    let path = dir.join(format!("{}.toml", loaded.key));
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    match created {
        Ok(mut file) => file.write_all(loaded.source.text.as_bytes()).with_context(|| path.display().to_string())?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| path.display().to_string()),
    }
    Ok(path)
}

/// Writes a new routine called `name` into `dir`; returns its path.
pub(crate) fn create(dir: &Path, name: &str, from: Option<&RoutineFile>) -> Result<PathBuf, NewError> {
    let stem = file_stem(name).ok_or(NewError::BadName)?;
    let path = dir.join(format!("{stem}.toml"));
    std::fs::create_dir_all(dir).map_err(|e| NewError::Io(dir.to_path_buf(), e))?;
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(NewError::Exists(path)),
        Err(e) => return Err(NewError::Io(path, e)),
    };
    file.write_all(text_for(name, from).as_bytes()).map_err(|e| NewError::Io(path.clone(), e))?;
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
}
