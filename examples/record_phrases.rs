//! Records the sentences supple says without a speech engine into `assets/voice/`:
//! `cargo run --example record_phrases` (it needs espeak-ng, once, here; the files it
//! writes are then part of supple). espeak-ng's output is not covered by its licence.

// A tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;

use supple::cue::BUILT_IN;
use supple::voice::VoiceSettings;

fn main() -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/voice");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let engine = VoiceSettings::default().engine();
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    for recording in &BUILT_IN {
        let bytes = engine.render(scratch.path(), recording.text)?;
        let path = dir.join(format!("{}.wav", recording.file));
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
        println!("wrote {} ({})", path.display(), recording.text);
    }
    Ok(())
}
