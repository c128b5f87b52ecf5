//! `supple config`: where the config file is, the full default config, and checking the
//! file with every mistake located.

use std::io;

use super::{err, out, say, shown, stderr_style};
use crate::diagnostic;

/// `--path`: the file's path, whether it exists or not.
pub fn path() -> io::Result<bool> {
    let Some(path) = crate::dirs::config_file() else { return Ok(path_missing()) };
    out(format_args!("{}\n", shown(&path)))?;
    Ok(true)
}

/// `--default`: every setting at its default, commented.
pub fn default() -> io::Result<bool> {
    out(crate::config::default_text())?;
    Ok(true)
}

/// With no flag: checks the config file.
pub fn check() -> io::Result<bool> {
    let Some(path) = crate::dirs::config_file() else { return Ok(path_missing()) };
    let file = shown(&path);
    if !path.exists() {
        let dir = path.parent().map(shown).unwrap_or_default();
        out(format_args!(
            "No config file at {file}: every setting is at its default.\nTo write one with every setting explained:\n  mkdir -p {dir} && supple config --default > {file}\n"
        ))?;
        return Ok(true);
    }
    let loaded = crate::config::load_from(&path);
    if loaded.diagnostics.is_empty() {
        out(format_args!("ok: {file}\n"))?;
        return Ok(true);
    }
    err(diagnostic::render(&loaded.diagnostics, &file, &loaded.text, stderr_style()));
    say("A setting with a mistake keeps its default; the rest of the file applies.\n");
    Ok(false)
}

fn path_missing() -> bool {
    say("error: no config directory (set XDG_CONFIG_HOME or HOME)\n");
    false
}
