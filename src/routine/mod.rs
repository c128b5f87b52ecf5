//! Routines: the data a routine file describes, and everything that reads one.
//!
//! - [`source`] reads a file from disk safely (size cap, directories, bad UTF-8).
//! - [`parse`] turns TOML text into a [`Routine`], collecting every error at once, as
//!   [`crate::diagnostic`]s.
//! - [`schema`]: the keys a routine may use, and did-you-mean hints for them.
//! - [`model`]: the routine as data.
//! - [`library`] finds routines by name: the bundled ones and the user's own.
//! - [`entry`]: a stretch library entry as data.
//! - [`stretch`]: the stretch library, every stretch defined once, that steps name: the
//!   bundled one and the person's own, and reading a routine against them.

pub(crate) mod entry;
pub mod library;
pub mod model;
pub mod parse;
pub mod schema;
pub mod source;
pub mod stretch;

pub use model::{Breath, CuePoints, Fallbacks, Measure, Pace, Resolved, Routine, Sides, Step, StepKind, Timings};
pub use stretch::parse;
