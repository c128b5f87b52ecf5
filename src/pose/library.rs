//! The bundled poses: every stretch of the bundled routines and the common ones of the
//! guidance, written in `assets/poses.toml` in the routine file's own `[pose.NAME]` form,
//! so the library and a person's poses are read by one reader.

use std::sync::OnceLock;

use toml::de::DeTable;

use super::Pose;
use crate::diagnostic::Diagnostic;

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
    let mut report = Vec::new();
    let Ok(doc) = DeTable::parse(source) else {
        return (Vec::new(), vec![Diagnostic::error("the pose library is not valid TOML")]);
    };
    let poses = doc.get_ref().get("pose").map(|v| super::parse::poses(v, &mut report)).unwrap_or_default();
    (poses, report)
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
