//! The subcommands: each takes its arguments and writes its report, returning whether it
//! succeeded. Output is built as strings so tests can pin it.

pub mod check;
pub mod chimes;
pub mod config;
pub mod edit;
pub mod history;
pub mod list;
pub mod run;
pub mod show;

use std::io::IsTerminal;

use crate::routine::diagnostic::Style;

/// Colour for diagnostics when stderr is a terminal and `NO_COLOR` is not set.
pub fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() { Style::Colour } else { Style::Plain }
}

/// The gaps for routines that do not set them: the config's, so every total shown
/// matches the session. (The config's mistakes are reported where a session starts and by
/// `supple config`.)
pub fn fallbacks() -> crate::routine::Fallbacks {
    crate::config::load().config.fallbacks
}

/// "1 step", "2 steps".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}

/// Finds the routine named `name` (a name or a path); prints why not, as `check` would,
/// when it cannot be found or has errors.
pub fn load_valid(name: &str) -> Option<crate::routine::library::Loaded> {
    use crate::routine::diagnostic;
    use crate::routine::library::{self, FindError};
    let style = stderr_style();
    let loaded = match library::find(name) {
        Ok(loaded) => loaded,
        Err(error) => {
            let (path, text) = match &error {
                FindError::Unreadable(u) => (name, u.error.lossy_text.clone().unwrap_or_default()),
                FindError::NotFound { .. } => ("", String::new()),
            };
            eprint!("{}", diagnostic::render(&[error.diagnostic()], path, &text, style));
            return None;
        }
    };
    if loaded.parsed.routine.is_none() {
        let shown = loaded.source.display_path();
        eprint!("{}", check::report(&shown, &loaded.source.text, &loaded.parsed, style, &fallbacks()).diagnostics);
        return None;
    }
    Some(loaded)
}
