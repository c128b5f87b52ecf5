//! Writing and editing routine files: a new routine from a template that teaches the
//! format, the person's editor, and watching a file for changes saved from elsewhere.
//!
//! - [`template`]: `supple new`: the template, and a copy of another routine.
//! - [`editor`]: which editor to open, and opening it.
//! - [`watch`]: a routine file watched for saves, including saves that rename a new file
//!   over the old one.

pub mod editor;
pub mod template;
pub mod watch;
