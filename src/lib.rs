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
//! - [`commands`]: the subcommands (`check`, `list`, `show`, `run`).
//! - [`cli`]: the command-line definition.

pub mod app;
pub mod audio;
pub mod cli;
pub mod commands;
pub mod duration;
pub mod plan;
pub mod routine;
pub mod session;
pub mod text;
pub mod ui;
