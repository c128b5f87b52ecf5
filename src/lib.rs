//! supple: a full-screen terminal stretch-session timer.
//!
//! Module map, lowest layer first; a module uses only those above it in this list (the
//! shell and the commands, at the bottom, use everything):
//!
//! - [`text`], [`duration`], [`dirs`]: safe text and widths, human durations, where files
//!   live.
//! - [`side`], [`cue`]: a side of the body; every sound a session gives, and all that is
//!   known of each (chime, bell, loudness, the built-in sentences).
//! - [`diagnostic`]: located errors rendered as rustc does.
//! - [`files`]: opening files without trusting what is there, and saying why not.
//! - [`reader`]: the one TOML reader of routines, poses, the stretch library and the
//!   config: typed values, each mistake located once, with a hint.
//! - [`progress`]: holds that grow with the weeks a routine was kept up, and the hold scale.
//! - [`pose`]: stick figures of stretches as angles, the bundled library, their mirror.
//! - [`routine`]: the routine file format, reading and validating it, bundled and user
//!   routines.
//! - [`plan`]: a routine expanded into its timeline of phases; the one source of totals.
//! - [`make`]: a session made for today from the stretch library: choices and a date in,
//!   a routine file out.
//! - [`pacing`]: pace within a hold: the breath pacer, breath and repetition counts, their marks.
//! - [`session`]: the pure state machine of a walk-through, and its clocks.
//! - [`place`]: a place in a routine (step, side, rep) and finding it again after an edit.
//! - [`run`]: a routine being run: its file, the routine and the session.
//! - [`wording`]: the words for phases and steps, for every screen and mode.
//! - [`voice`]: spoken cues: what is said when (pure), and the engine that says it.
//! - [`config`]: the config file (sound, timings, display, keys), checked like a routine.
//! - [`remembered`]: what a person changed in a session (volume, mute), kept for the next.
//! - [`history`]: every session recorded as it goes; reports, streaks and resuming.
//! - [`editing`]: new routines from a template, the person's editor, watching a file.
//! - [`audio`]: the chimes, synthesized and played.
//! - [`app`]: the application model: screens, keys, notices, and the effects the shell
//!   must carry out.
//! - [`ui`]: the screens drawn from the model, and plain mode's lines.
//! - [`shell`]: the runtime: terminal, clock, input, signals, sound, files, remote
//!   control (media keys, `supple ctl`, the screen kept awake); full-screen and plain
//!   mode share it.
//! - [`commands`]: the subcommands (`check`, `list`, `show`, `run`, `history`, ...).
//! - [`cli`]: the command-line definition.

pub mod app;
pub mod audio;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cue;
pub mod diagnostic;
pub(crate) mod dirs;
pub(crate) mod duration;
pub(crate) mod editing;
pub mod files;
pub mod history;
pub mod make;
pub mod pacing;
pub mod place;
pub mod plan;
pub mod pose;
pub mod progress;
pub(crate) mod reader;
pub mod remembered;
pub mod routine;
pub mod run;
pub mod session;
pub(crate) mod shell;
pub mod side;
pub(crate) mod text;
pub mod ui;
pub mod voice;
pub(crate) mod wording;

#[cfg(test)]
mod tests;
