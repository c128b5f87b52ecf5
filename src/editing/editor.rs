//! The person's editor: `$VISUAL`, else `$EDITOR`, else the first of the usual ones that
//! is installed. It is run through `sh`, as git does, so `EDITOR="code --wait"` works.

use std::path::Path;
use std::process::{Command, ExitStatus};

/// Editors tried, in order, when neither `VISUAL` nor `EDITOR` is set.
const FALLBACKS: [&str; 4] = ["sensible-editor", "editor", "nano", "vi"];

/// The editor command to run.
pub(crate) fn command() -> String {
    for var in ["VISUAL", "EDITOR"] {
        if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return value.to_string_lossy().into_owned();
        }
    }
    FALLBACKS.iter().find(|e| on_path(e)).map_or("vi", |e| e).to_string()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Opens `path` in the editor and waits for it to exit. An editor that is not installed
/// is an error (the shell's status 127), not an exit status.
pub(crate) fn open(path: &Path) -> std::io::Result<ExitStatus> {
    let editor = command();
    let status = Command::new("sh").arg("-c").arg(format!("{editor} \"$@\"")).arg(&editor).arg(path).status()?;
    if status.code() == Some(127) {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not found; set $VISUAL or $EDITOR"));
    }
    Ok(status)
}
