//! supple: a full-screen terminal stretch-session timer.
//!
//! Module map:
//! - [`routine`]: the routine file format, reading and validating it, bundled and user
//!   routines.
//! - [`plan`]: a routine expanded into its timeline of phases; the one source of totals.
//! - [`duration`]: human durations, read and written.
//! - [`text`]: making text from files safe for a terminal.
//! - [`session`]: the pure state machine of a walk-through, and its clocks.
//! - [`app`]: the application model (screens, keys, when to redraw) and the terminal
//!   shell that runs it.
//! - [`ui`]: the screens, drawn from the application state.
//! - [`config`]: the config file (sound, timings, display, keys), checked like a routine.
//! - [`editing`]: new routines from a template, the person's editor, watching a file.
//! - [`history`]: every session recorded as it goes; reports, streaks and resuming.
//! - [`plain`]: a session as one line per transition, for screen readers and logs.
//! - [`commands`]: the subcommands (`check`, `list`, `show`, `run`, `history`, ...).
//! - [`cli`]: the command-line definition.

pub mod app;
pub mod audio;
pub mod cli;
pub mod commands;
pub mod config;
pub mod duration;
pub mod editing;
pub mod history;
pub mod plain;
pub mod plan;
pub mod routine;
pub mod session;
pub mod text;
pub mod ui;
