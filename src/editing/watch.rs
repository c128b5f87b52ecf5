//! Watching a routine file for saves. The file's directory is watched, not the file, so
//! an editor that saves by writing a new file and renaming it over the old one is seen
//! too (a watch on the file itself would stay on the old, renamed-away file).

use std::path::{Path, PathBuf};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// A watch on one file; dropping it stops watching.
pub(crate) struct FileWatch {
    _watcher: RecommendedWatcher,
    path: PathBuf,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch").field("path", &self.path).finish_non_exhaustive()
    }
}

impl FileWatch {
    /// Calls `changed` (on the watcher's thread) whenever `path` is written, created,
    /// renamed into place or removed.
    pub(crate) fn new(path: &Path, changed: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(ToOwned::to_owned);
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let about_file = event.paths.iter().any(|p| p.file_name() == name.as_deref());
            let is_change = matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_));
            if about_file && is_change {
                changed();
            }
        })?;
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
        Ok(Self { _watcher: watcher, path: path.to_path_buf() })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    #[test]
    fn a_save_and_a_rename_over_are_both_seen_and_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "name = \"a\"\n").unwrap();
        let (tx, rx) = channel();
        let _watch = FileWatch::new(&path, move || {
            let _ = tx.send(());
        })
        .unwrap();
        let seen = |rx: &std::sync::mpsc::Receiver<()>| {
            let got = rx.recv_timeout(Duration::from_secs(2)).is_ok();
            while rx.recv_timeout(Duration::from_millis(100)).is_ok() {}
            got
        };
        std::fs::write(dir.path().join("other.toml"), "x").unwrap();
        assert!(!seen(&rx), "another file is not this one");
        std::fs::write(&path, "name = \"b\"\n").unwrap();
        assert!(seen(&rx), "a write in place");
        let tmp = dir.path().join(".mine.toml.swp");
        std::fs::write(&tmp, "name = \"c\"\n").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert!(seen(&rx), "a new file renamed over the old");
        std::fs::write(&path, "name = \"d\"\n").unwrap();
        assert!(seen(&rx), "still watching after the rename");
    }
}
