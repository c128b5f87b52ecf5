//! Watching a routine file for saves. The file's directory is watched, not the file, so
//! an editor that saves by writing a new file and renaming it over the old one is seen
//! too (a watch on the file itself would stay on the old, renamed-away file). If the
//! directory itself is gone, the nearest folder above it that exists is watched until
//! the way back is made again; the watch then reports a change, so its owner can watch
//! the directory again.

use std::path::{Path, PathBuf};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// A watch on one file; dropping it stops watching.
pub(crate) struct FileWatch {
    _watcher: RecommendedWatcher,
    path: PathBuf,
    /// The folder actually watched: the file's own, or the nearest one above it.
    watched: PathBuf,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch").field("path", &self.path).field("watched", &self.watched).finish_non_exhaustive()
    }
}

impl FileWatch {
    /// Calls `changed` (on the watcher's thread) whenever `path` is written, created,
    /// renamed into place or removed, and whenever its folder goes or comes back.
    pub(crate) fn new(path: &Path, changed: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let dir = folder_of(path);
        let watched = dir.ancestors().find(|d| d.is_dir()).unwrap_or(Path::new("/")).to_path_buf();
        let (file, folder) = (path.to_path_buf(), dir.clone());
        let mut notifier = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)) {
                return;
            }
            // The file, its folder, or a folder on the way to it.
            let about_file = event.paths.iter().any(|p| p.file_name() == file.file_name() && folder_of(p) == folder);
            let on_the_way = event.paths.iter().any(|p| folder.starts_with(p));
            if about_file || on_the_way {
                changed();
            }
        })?;
        notifier.watch(&watched, RecursiveMode::NonRecursive)?;
        Ok(Self { _watcher: notifier, path: path.to_path_buf(), watched })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this watch is on the file's own folder, and that folder is still there:
    /// if not, a new watch is needed (the folder went, or came back).
    pub(crate) fn is_current(&self) -> bool {
        let dir = folder_of(&self.path);
        self.watched == dir && dir.is_dir()
    }
}

/// The folder a file is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    fn seen(rx: &std::sync::mpsc::Receiver<()>) -> bool {
        let got = rx.recv_timeout(Duration::from_secs(2)).is_ok();
        while rx.recv_timeout(Duration::from_millis(100)).is_ok() {}
        got
    }

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

    #[test]
    fn a_folder_that_goes_and_comes_back_is_seen() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("routines");
        std::fs::create_dir(&dir).unwrap();
        let path = dir.join("mine.toml");
        std::fs::write(&path, "name = \"a\"\n").unwrap();
        let (tx, rx) = channel();
        let watch = FileWatch::new(&path, move || {
            let _ = tx.send(());
        })
        .unwrap();
        assert!(watch.is_current());
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(seen(&rx), "the file went with its folder");
        assert!(!watch.is_current(), "a new watch is needed");
        let (tx, rx) = channel();
        let above = FileWatch::new(&path, move || {
            let _ = tx.send(());
        })
        .unwrap();
        assert!(!above.is_current(), "watching the folder above meanwhile");
        std::fs::create_dir(&dir).unwrap();
        assert!(seen(&rx), "the folder is back");
    }
}
