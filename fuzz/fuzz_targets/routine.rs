//! Any bytes as a routine file: reading, checking, expanding and rendering every message
//! never panics, and a routine that checks out expands to a plan whose total adds up.

#![no_main]

use libfuzzer_sys::fuzz_target;
use supple::diagnostic::{Style, render};
use supple::plan::Plan;
use supple::routine::{Fallbacks, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = parse(text);
    let _ = render(&parsed.diagnostics, "fuzz.toml", text, Style::Plain);
    if let Some(routine) = &parsed.routine {
        let plan = Plan::new(routine, &Fallbacks::default());
        let sum: std::time::Duration = plan.phases.iter().map(|p| p.duration).sum();
        assert_eq!(plan.total(), sum);
    }
});
