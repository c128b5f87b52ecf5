//! Helpers shared by the integration tests.

pub mod alsa;
pub mod pty;
pub mod run;
