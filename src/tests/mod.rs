//! Tests that cross the crate's layers: what one session says, everywhere it is said.

mod one_count;
