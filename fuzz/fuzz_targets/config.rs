//! Any bytes as the config file: checking it and rendering every message never panics.

#![no_main]

use libfuzzer_sys::fuzz_target;
use supple::diagnostic::{Style, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (_config, diagnostics) = supple::config::parse(text);
    let _ = render(&diagnostics, "config.toml", text, Style::Plain);
});
