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

/// Whether the program `editor` starts with is there to run: a path to a file, or a name
/// found on `PATH`. Checked first, so that a missing editor is told in supple's words
/// (made safe) rather than by the shell echoing whatever the variable holds.
fn installed(editor: &str) -> bool {
    let Some(program) = editor.split_whitespace().next() else { return false };
    if program.contains('/') { Path::new(program).is_file() } else { on_path(program) }
}

/// Opens `path` in the editor and waits for it to exit. An editor that is not installed
/// is an error, not an exit status.
pub(crate) fn open(path: &Path) -> std::io::Result<ExitStatus> {
    let editor = command();
    if !installed(&editor) {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not found; set $VISUAL or $EDITOR"));
    }
    let status = Command::new("sh").arg("-c").arg(format!("{editor} \"$@\"")).arg(&editor).arg(path).status()?;
    if status.code() == Some(127) {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not found; set $VISUAL or $EDITOR"));
    }
    Ok(status)
}
