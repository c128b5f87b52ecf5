//! Writes supple's chimes into `assets/`: `cargo run --example synthesize_chimes`.
//!
//! The sounds are the project's own, made here from sine partials with a soft attack and
//! an exponential decay, like small bells. Each cue starts on its own pitch and has its own
//! rhythm, so they can be told apart by ear without looking at the screen.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in supple::audio::synth::all() {
        let path = dir.join(format!("{name}.wav"));
        std::fs::write(&path, bytes)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
