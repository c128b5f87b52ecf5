//! The stretch library: every stretch defined once, as a step to take into routines (its
//! name, how-to, focus, target areas, pose, sides and the hold or count it usually takes)
//! with what a session made for today chooses by (position, kind, equipment) and its
//! cautions. A routine names one with `stretch = "NAME"` and overrides what it likes.
//!
//! Written as `[stretch.NAME]` tables in the routine format and read by its reader: the
//! bundled library (`assets/stretches.toml`), the person's own (`stretches.toml` beside
//! their routines folder, whose entries replace bundled ones of the same name), and a
//! routine file's own tables, which come first of all.

use std::sync::OnceLock;

pub use super::entry::{AREAS, Kind, Library, Position, Stretch};
use super::parse::Parsed;
use crate::diagnostic::Diagnostic;
use crate::pose::Pose;

const BUNDLED: &str = include_str!("../../assets/stretches.toml");

/// The bundled library.
pub fn bundled() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| super::parse::library(BUNDLED, &Library::default()).0)
}

/// The bundled library's text, for `supple check` and the tests.
pub fn bundled_text() -> &'static str {
    BUNDLED
}

/// The person's own library, `stretches.toml` in supple's config directory, read once a
/// run; empty when there is none or it cannot be read (`supple check` says why). The
/// library's own tests never read it.
pub fn user() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        if cfg!(test) {
            return Library::default();
        }
        let Some(path) = user_file() else { return Library::default() };
        match crate::files::read_text(&path, "stretch library") {
            Ok(file) => super::parse::library(&file.text, bundled()).0,
            Err(_) => Library::default(),
        }
    })
}

/// Where the person's own library is.
pub(crate) fn user_file() -> Option<std::path::PathBuf> {
    crate::dirs::config().map(|d| d.join("stretches.toml"))
}

/// The entry called `name`: the person's own, else the bundled one.
pub fn find(name: &str) -> Option<&'static Stretch> {
    user().find(name).or_else(|| bundled().find(name))
}

/// How many entries [`all`] has, without listing them.
pub fn count() -> usize {
    let user = user();
    user.stretches.len() + bundled().stretches.iter().filter(|s| user.find(&s.name).is_none()).count()
}

/// Every entry, the person's first, each name once (theirs replacing a bundled one).
pub fn all() -> Vec<&'static Stretch> {
    let user = user();
    user.stretches.iter().chain(bundled().stretches.iter().filter(|s| user.find(&s.name).is_none())).collect()
}

/// Every pose a library entry may draw with, besides the bundled poses: the person's own.
pub(crate) fn library_poses() -> &'static [Pose] {
    &user().poses
}

/// Reads a routine from the text of a TOML file: its steps may name the person's
/// stretches and the bundled ones.
pub fn parse(source: &str) -> Parsed {
    // Only a step with the key `stretch` names an entry: a routine without the word is
    // read without the bundled library, which then need never be parsed (and held) at all.
    let outer = if source.contains("stretch") { vec![user(), bundled()] } else { vec![user()] };
    super::parse::parse_with(source, outer, library_poses())
}

/// What is wrong with the text of a library file, against the bundled library.
pub fn check(source: &str) -> Vec<Diagnostic> {
    super::parse::library(source, bundled()).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_library_reads_without_a_complaint_and_every_entry_has_a_pose() {
        let (library, diagnostics) = super::super::parse::library(BUNDLED, &Library::default());
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        assert!(library.stretches.len() >= 40, "{}", library.stretches.len());
        for s in &library.stretches {
            assert!(s.step.pose.is_some(), "{} has no pose", s.name);
            assert!(!s.step.targets.is_empty(), "{} targets nothing", s.name);
            assert_eq!(s.step.stretch.as_deref(), Some(s.name.as_str()));
            // Read at a glance from the mat, as the bundled routines' steps are.
            assert!(s.step.name.chars().count() <= 32, "{}: name too long", s.name);
            assert!(s.step.how.chars().count() <= 90, "{}: how is too long", s.name);
            assert!(s.step.focus.chars().count() <= 60, "{}: focus is too long", s.name);
            assert!(!s.step.how.is_empty() && !s.step.focus.is_empty(), "{}", s.name);
        }
        for kind in Kind::NAMES.iter().map(|(_, k)| *k) {
            assert!(library.stretches.iter().any(|s| s.kind == kind), "no {kind:?}");
        }
    }

    #[test]
    fn it_has_everything_the_guidance_names() {
        for name in [
            "supine-hamstring",
            "seated-hamstring",
            "seated-forward-fold",
            "step-hamstring",
            "wall-calf",
            "wall-calf-bent",
            "seated-calf-towel",
            "figure-4",
            "seated-figure-4",
            "cat-cow",
            "childs-pose",
            "standing-forward-fold",
            "low-lunge",
            "reclining-twist",
            "downward-dog",
            "standing-quad",
            "leg-swings",
            "arm-circles",
            "hip-circles",
            "high-knees",
            "butt-kicks",
            "walking-lunges",
            "air-squats",
            "it-band-standing",
            "butterfly",
            "side-lunge",
            "glute-bridge",
            "band-hamstring-curl",
            "hip-hinge",
            "roll-calves",
            "roll-hamstrings",
            "roll-quads",
            "roll-it-band",
            "roll-glutes",
        ] {
            assert!(bundled().find(name).is_some(), "{name}");
        }
    }
}
