//! Following the routine file of the session on screen: a watch on it, and applying a
//! save (from the editor opened with `e`, or from another window) within a moment,
//! keeping the session's place. A broken save keeps the routine the session has.

use std::sync::mpsc::Sender;
use std::time::Duration;

use super::input::Input;
use super::reload::{self, Reloaded};
use super::{App, BRIEF};
use crate::editing::watch::FileWatch;
use crate::routine::library::{Loaded, Origin};
use crate::routine::source;
use crate::session::Effect;

/// How long after a change the file is read: editors write in several steps.
const SETTLE: Duration = Duration::from_millis(120);

/// The watch on the current routine's file, and a reload waiting to happen.
#[derive(Debug)]
pub struct Follower {
    watch: Option<FileWatch>,
    reload_at: Option<Duration>,
    tx: Sender<Input>,
}

impl Follower {
    pub fn new(tx: Sender<Input>) -> Self {
        Self { watch: None, reload_at: None, tx }
    }

    /// Watches the file of the routine on screen (bundled routines have none).
    pub fn follow(&mut self, app: &App) {
        // Called on every wake-up: compare first, allocate only for a new file.
        let path = app.run().filter(|r| r.loaded.origin != Origin::Bundled).map(|r| r.loaded.source.path.as_path());
        if self.watch.as_ref().map(FileWatch::path) == path {
            return;
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
    pub fn changed(&mut self, now: Duration) {
        self.reload_at = Some(now + SETTLE);
    }

    /// When a reload is due, if one is waiting.
    pub fn due(&self) -> Option<Duration> {
        self.reload_at
    }

    /// Reloads if one is due at `now`; the session's effects.
    pub fn reload_if_due(&mut self, app: &mut App, now: Duration) -> Vec<Effect> {
        if self.reload_at.is_none_or(|at| now < at) {
            return Vec::new();
        }
        self.reload_at = None;
        reload_now(app, now)
    }
}

/// Reads the routine's file and applies it to the session on screen, with a notice.
pub fn reload_now(app: &mut App, now: Duration) -> Vec<Effect> {
    let fallbacks = app.fallbacks;
    let super::Screen::Run(run) = &mut app.screen else { return Vec::new() };
    let path = run.loaded.source.path.clone();
    let origin = run.loaded.origin.clone();
    let outcome = match source::read(&path) {
        Ok(file) => reload::apply(run, Loaded::new(origin, file), &fallbacks, now),
        Err(error) => {
            let name = source::file_name(&path);
            let problem = error.diagnostic.message;
            Reloaded::Broken { notice: format!("Not reloaded: {name}: {problem}") }
        }
    };
    match outcome {
        Reloaded::Unchanged => Vec::new(),
        Reloaded::Applied { effects, notice } => {
            app.set_notice(&notice, now, Some(BRIEF));
            effects
        }
        Reloaded::Broken { notice } => {
            app.set_notice(&notice, now, Some(BRIEF));
            vec![Effect::Redraw]
        }
    }
}
