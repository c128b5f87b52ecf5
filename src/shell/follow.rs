//! Following the routine file of the session on screen: a watch on it, and a save (from
//! the editor opened with `e`, or from another window) read again within a moment on a
//! thread of its own, so a slow or strange file never holds up the session. The model
//! applies what was read, keeping the session's place.

use std::sync::mpsc::Sender;
use std::time::Duration;

use super::input::Input;
use crate::app::{App, Reread};
use crate::editing::watch::FileWatch;
use crate::routine::library::RoutineFile;
use crate::routine::source;

/// How long after a change the file is read: editors write in several steps.
const SETTLE: Duration = Duration::from_millis(120);

/// The watch on the current routine's file, and a reload waiting to happen.
#[derive(Debug)]
pub(crate) struct Follower {
    watch: Option<FileWatch>,
    reload_at: Option<Duration>,
    /// A change came: whether the watch is still on the file's folder is worth a look.
    recheck: bool,
    tx: Sender<Input>,
}

impl Follower {
    pub(crate) fn new(tx: Sender<Input>) -> Self {
        Self { watch: None, reload_at: None, recheck: false, tx }
    }

    /// Watches the file of the routine on screen (bundled routines have none).
    pub(crate) fn follow(&mut self, app: &App, now: Duration) {
        // Called on every wake-up: compare first, allocate only for a new file.
        let path = app.run().filter(|r| r.file.origin.is_a_file()).map(|r| r.file.source.path.as_path());
        let same = self.watch.as_ref().map(FileWatch::path) == path;
        if same && !std::mem::take(&mut self.recheck) {
            return;
        }
        if same && self.watch.as_ref().is_none_or(FileWatch::is_current) {
            return;
        }
        if same {
            // The folder went or came back: watch anew, and read the file, which may have
            // come back before the new watch was there to see it.
            self.reload_at = Some(now + SETTLE);
        }
        let tx = self.tx.clone();
        // A file that cannot be watched (an unusual file system) still runs; it just
        // does not reload.
        self.watch = path.and_then(|p| {
            FileWatch::new(p, move || {
                let _ = tx.send(Input::RoutineChanged);
            })
            .ok()
        });
    }

    /// The file changed: read it once it has settled.
    pub(crate) fn changed(&mut self, now: Duration) {
        self.reload_at = Some(now + SETTLE);
        self.recheck = true;
    }

    /// When a reload is due, if one is waiting.
    pub(crate) fn due(&self) -> Option<Duration> {
        self.reload_at
    }

    /// Starts reading the file if a reload is due at `now`.
    pub(crate) fn read_if_due(&mut self, app: &App, now: Duration) {
        if self.reload_at.is_some_and(|at| now >= at) {
            self.reload_at = None;
            self.read(app, Reread::Changed);
        }
    }

    /// Reads the routine's file again on a thread of its own; what was read comes back as
    /// [`Input::RoutineRead`], with `why` it was read.
    pub(crate) fn read(&self, app: &App, why: Reread) {
        let Some(run) = app.run() else { return };
        let path = run.file.source.path.clone();
        let origin = run.file.origin.clone();
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new().name("reload".into()).spawn(move || {
            let read = source::read(&path)
                .map(|file| RoutineFile::new(origin, file))
                .map_err(|error| format!("{}: {}", crate::files::file_name(&path), error.diagnostic.message));
            let _ = tx.send(Input::RoutineRead(Box::new(read), why));
        });
        if spawned.is_err() {
            let _ = self.tx.send(Input::RoutineRead(Box::new(Err("could not start reading".to_string())), why));
        }
    }
}
