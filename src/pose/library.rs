//! The bundled poses: every stretch of the bundled routines and the common ones of the
//! guidance, written in `assets/poses.toml` in the routine file's own `[pose.NAME]` form,
//! so the library and a person's poses are read by one reader.

use std::sync::OnceLock;

use toml::de::DeValue;

use super::Pose;
use crate::diagnostic::{Diagnostic, closest};
use crate::reader::{Reader, Value, type_error};
use crate::text;

const SOURCE: &str = include_str!("../../assets/poses.toml");

/// Every bundled pose, in the order the file gives them.
pub fn poses() -> &'static [Pose] {
    static POSES: OnceLock<Vec<Pose>> = OnceLock::new();
    POSES.get_or_init(|| read(SOURCE).0)
}

/// The bundled pose called `name`.
pub fn find(name: &str) -> Option<&'static Pose> {
    poses().iter().find(|p| p.name == name)
}

/// The poses of a file of `[pose.NAME]` tables, and what is wrong with it.
fn read(source: &str) -> (Vec<Pose>, Vec<Diagnostic>) {
    let doc = match crate::reader::document(source) {
        Ok(doc) => doc,
        Err(syntax) => return (Vec::new(), syntax),
    };
    let mut read = Reader::default();
    let poses = doc.get_ref().get("pose").map(|v| super::parse::poses(v, &mut read)).unwrap_or_default();
    (poses, read.finish())
}

/// The pose a step names: one of the routine's own `[pose.NAME]`, else one of the library.
/// A name the file declares but could not read says nothing more: its own errors do.
pub(crate) fn named(value: &Value<'_>, own: &[Pose], declared: &[String], read: &mut Reader) -> Option<Pose> {
    let DeValue::String(name) = value.get_ref() else {
        read.report(
            type_error("pose", "a pose's name", value)
                .help("write `pose = \"supine-hamstring\"`; `supple poses` shows them all"),
        );
        return None;
    };
    let name = name.trim();
    if let Some(pose) = own.iter().chain(poses()).find(|p| p.name == name) {
        return Some(pose.clone());
    }
    if declared.iter().any(|d| d == name) {
        return None;
    }
    let library = poses().iter().map(|p| p.name.as_str());
    let names: Vec<&str> = declared.iter().map(String::as_str).chain(library).collect();
    let shown = text::truncate(&text::sanitize(name, false), 40);
    let d = Diagnostic::error(format!("there is no pose called \"{shown}\"")).at(value.span(), "unknown pose");
    let normal = name.to_lowercase().replace([' ', '_'], "-");
    read.report(match closest(&normal, &names) {
        Some(n) => d.help(format!("did you mean \"{n}\"? `supple poses` shows every pose")),
        None => d.help("`supple poses` shows every pose; or define your own under `[pose.NAME]`"),
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_reads_without_a_complaint() {
        let (poses, report) = read(SOURCE);
        assert!(report.is_empty(), "{report:#?}");
        assert!(poses.len() >= 16, "{}", poses.len());
        assert!(poses.iter().all(|p| !p.title.is_empty()));
    }

    #[test]
    fn it_has_the_common_stretches_and_every_bundled_routines_poses() {
        for name in [
            "supine-hamstring",
            "seated-hamstring",
            "seated-forward-fold",
            "step-hamstring",
            "wall-calf",
            "wall-calf-bent",
            "seated-calf-towel",
            "standing-quad",
            "low-lunge",
            "figure-4",
            "childs-pose",
            "cat-cow",
            "reclining-twist",
            "standing-forward-fold",
            "downward-dog",
            "walk",
        ] {
            assert!(find(name).is_some(), "{name}");
        }
        assert_eq!(find("cat-cow").map(|p| p.frames.len()), Some(2), "two key frames");
    }
}
