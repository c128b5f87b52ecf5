//! The subcommands: each takes its arguments and writes its report, returning whether it
//! succeeded. Output is built as strings so tests can pin it. This is the edge where the
//! environment is read (`NO_COLOR`, whether a stream is a terminal) and the config loaded.

pub mod check;
pub mod chimes;
pub mod config;
pub mod ctl;
pub mod doctor;
pub mod edit;
pub mod history;
pub mod list;
pub mod make;
pub mod poses;
pub mod remind;
pub mod run;
pub mod show;
pub mod stretches;

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

/// Writes a message in sentences to standard error, wrapped between words at the
/// terminal's width when standard error is a terminal (a terminal cuts a long line
/// wherever it runs out, mid-word). Diagnostics, drawn to fit already, go through [`err`].
pub fn say(text: impl Display) {
    let width = std::io::stderr()
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    err(wrap(&text.to_string(), width));
}

/// `text` with each of its lines wrapped between words to `width` columns (none: as it
/// is); a wrapped line goes on under the first word after its label (`error: `).
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width.filter(|w| *w >= 20) else { return text.to_string() };
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n"));
        let label = ["error: ", "warning: "].iter().find(|l| body.starts_with(**l)).map_or(0, |l| l.len());
        let indent = " ".repeat(label);
        let options = textwrap::Options::new(width).subsequent_indent(&indent);
        out.push_str(&textwrap::fill(body, options));
        out.push_str(end);
    }
    out
}

/// "did you mean `figure-4`? " for a name nearly one of `names` (as typed, with spaces or
/// `_` for `-`), else nothing: the hint of a command's "there is no ... called".
pub(crate) fn did_you_mean(name: &str, names: &[&str]) -> String {
    diagnostic::closest(&name.to_lowercase().replace([' ', '_'], "-"), names)
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default()
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
/// matches the session. (The config's mistakes are reported where a session starts, by
/// `show` and `list`, whose totals they change, and by `supple config`.)
pub(crate) fn fallbacks() -> crate::routine::Fallbacks {
    crate::config::load().config.fallbacks
}

/// The config, its mistakes written to stderr (the rest of it applies); and the first
/// mistake on one line, for a session's notice line. `NO_COLOR` makes any theme
/// monochrome.
pub(crate) fn config_reported() -> (crate::config::Config, Option<String>) {
    let file = crate::config::load();
    let shown = file.path.as_deref().map(shown).unwrap_or_default();
    if !file.diagnostics.is_empty() {
        err(diagnostic::render(&file.diagnostics, &shown, &file.text, stderr_style()));
    }
    let notice = file.diagnostics.first().map(|d| {
        let name = file.path.as_deref().map(crate::files::file_name).unwrap_or_default();
        format!("{} · the rest of the config applies", d.one_line(&name, &file.text))
    });
    let mut config = file.config;
    if no_color() {
        config.theme = crate::config::ThemeName::Monochrome;
    }
    (config, notice)
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn messages_wrap_between_words_under_their_label() {
        let text = "error: the full screen needs a keyboard, and standard input is not a terminal\nshort line\n";
        assert_eq!(
            wrap(text, Some(30)),
            "error: the full screen needs a\n       keyboard, and standard\n       input is not a terminal\nshort line\n"
        );
        assert_eq!(wrap(text, None), text, "not a terminal: as it is");
        assert_eq!(wrap("a-very-long-word-with-no-spaces-in-it", Some(20)), "a-very-long-word-\nwith-no-spaces-in-it");
    }
}
