//! Helpers shared by the integration tests.

pub mod alsa;
pub mod bus;
pub mod pty;
pub mod run;
