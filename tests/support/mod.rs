//! Helpers shared by the integration tests.

pub mod alsa;
pub mod bus;
pub mod history;
pub mod pty;
pub mod run;
