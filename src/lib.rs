//! supple: a full-screen terminal stretch-session timer.
//!
//! Module map:
//! - [`routine`]: the routine file format, reading and validating it, bundled and user
//!   routines.
//! - [`plan`]: a routine expanded into its timeline of phases; the one source of totals.
//! - [`duration`]: human durations, read and written.
//! - [`text`]: making text from files safe for a terminal.
//! - [`commands`]: the subcommands (`check`, `list`, `show`).
//! - [`cli`]: the command-line definition.

pub mod cli;
pub mod commands;
pub mod duration;
pub mod plan;
pub mod routine;
pub mod session;
pub mod text;
