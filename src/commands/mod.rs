//! The subcommands: each takes its arguments and writes its report, returning whether it
//! succeeded. Output is built as strings so tests can pin it. This is the edge where the
//! environment is read (`NO_COLOR`, whether a stream is a terminal) and the config loaded.

pub mod check;
pub mod chimes;
pub mod config;
pub mod edit;
pub mod history;
pub mod list;
pub mod poses;
pub mod run;
pub mod show;

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::diagnostic::{self, Style};
use crate::routine::library::{self, FindError, RoutineFile};

/// Writes `text` to standard output. A reader that has gone (`supple list | head -1`) is
/// an error the command passes up, and the program ends quietly on it.
pub(crate) fn out(text: impl Display) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{text}")?;
    stdout.flush()
}

/// Writes `text` to standard error; a closed standard error is no reason to fail.
pub(crate) fn err(text: impl Display) {
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "{text}").and_then(|()| stderr.flush());
}

/// Text the program made from outside text (an error naming a path, an editor command),
/// made safe for a terminal before it is printed.
pub fn safe(text: &str) -> String {
    crate::text::sanitize(text, true)
}

/// Writes what `generate` writes (a completion script, the manual) to standard output.
pub fn generated(generate: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> anyhow::Result<bool> {
    let mut bytes = Vec::new();
    generate(&mut bytes)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&bytes)?;
    stdout.flush()?;
    Ok(true)
}

/// A path as messages show it: made safe for a terminal, as any text from outside is.
pub(crate) fn shown(path: &Path) -> String {
    crate::text::sanitize(&path.display().to_string(), false)
}

/// Whether `NO_COLOR` asks for no colour (set, and not empty).
pub(crate) fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colour for diagnostics when stderr is a terminal and `NO_COLOR` is not set.
pub(crate) fn stderr_style() -> Style {
    if !no_color() && std::io::stderr().is_terminal() { Style::Colour } else { Style::Plain }
}

/// The gaps for routines that do not set them: the config's, so every total shown
/// matches the session. (The config's mistakes are reported where a session starts and by
/// `supple config`.)
pub(crate) fn fallbacks() -> crate::routine::Fallbacks {
    crate::config::load().config.fallbacks
}

/// Finds the routine named `name` (a name or a path); prints why not, as `check` would,
/// when it cannot be found or has errors.
pub(crate) fn load_valid(name: &str) -> Option<RoutineFile> {
    let style = stderr_style();
    let file = match library::find(name) {
        Ok(file) => file,
        Err(error) => {
            let (path, text) = match &error {
                FindError::Unreadable(u) => (shown(&u.path), u.error.lossy_text.clone().unwrap_or_default()),
                FindError::NotFound { .. } => (String::new(), String::new()),
            };
            err(diagnostic::render(&[error.diagnostic()], &path, &text, style));
            return None;
        }
    };
    if file.parsed.routine.is_none() {
        let shown = file.source.display_path();
        err(check::report(&shown, &file.source.text, &file.parsed, style, &fallbacks()).diagnostics);
        return None;
    }
    Some(file)
}
