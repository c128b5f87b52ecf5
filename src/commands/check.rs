//! `supple check`: validates routine files and prints, per file, a one-line summary or
//! every error found, the way a compiler does.

use std::path::Path;

use crate::diagnostic::{self, Style};
use crate::duration;
use crate::plan::Plan;
use crate::routine::library::{self, FindError};
use crate::routine::{Fallbacks, Routine, source};
use crate::wording::plural;

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub ok: bool,
    pub errors: usize,
    /// The summary line, for stdout.
    pub summary: String,
    /// Rendered errors and warnings, for stderr.
    pub diagnostics: String,
}

/// Checks the file at `path`. A bare name that is not a file is looked up among the
/// routines, so `supple check post-run-cooldown` works too.
pub fn check_file(path: &Path, style: Style, fallbacks: &Fallbacks) -> FileReport {
    let shown = path.display().to_string();
    if !path.exists()
        && let Some(name) = path.to_str()
        && !name.contains('/')
    {
        match library::find(name) {
            Ok(found) => {
                return report(&found.source.display_path(), &found.source.text, &found.parsed, style, fallbacks);
            }
            Err(FindError::NotFound { .. }) => {}
            Err(FindError::Unreadable(u)) => return unreadable(&shown, &u.error, style),
        }
    }
    match source::read(path) {
        Ok(file) if is_a_library(&file.text) => library_report(&shown, &file.text, style),
        Ok(file) => report(&shown, &file.text, &crate::routine::parse(&file.text), style, fallbacks),
        Err(error) => unreadable(&shown, &error, style),
    }
}

/// Whether `text` is a stretch library rather than a routine: `[stretch.NAME]` tables (and
/// their poses) and nothing else, whatever the file is called.
fn is_a_library(text: &str) -> bool {
    let Ok(doc) = toml::de::DeTable::parse(text) else { return false };
    let keys: Vec<&str> = doc.get_ref().keys().map(|k| k.get_ref().as_ref()).collect();
    keys.contains(&"stretch") && keys.iter().all(|k| crate::routine::schema::LIBRARY_KEYS.contains(k))
}

/// The report for a stretch library (`stretches.toml`, the person's own entries).
fn library_report(shown: &str, text: &str, style: Style) -> FileReport {
    let (library, found) = crate::routine::parse::library(text, crate::routine::stretch::bundled());
    let errors = found.iter().filter(|d| d.is_error()).count();
    let shown = &crate::text::sanitize(shown, false);
    let count = plural(library.stretches.len(), "stretch", "stretches");
    FileReport {
        ok: errors == 0,
        errors,
        summary: if errors == 0 {
            format!("ok: {shown}: a stretch library of {count}")
        } else {
            format!("error: {shown} is not a valid stretch library ({})", plural(errors, "error", "errors"))
        },
        diagnostics: diagnostic::render(&found, shown, text, style),
    }
}

fn unreadable(shown: &str, error: &crate::files::ReadError, style: Style) -> FileReport {
    let text = error.lossy_text.as_deref().unwrap_or("");
    FileReport {
        ok: false,
        errors: 1,
        summary: String::new(),
        diagnostics: diagnostic::render(std::slice::from_ref(&error.diagnostic), shown, text, style),
    }
}

/// The report for a file already read and parsed.
/// Totals count the gaps a routine leaves unset as `fallbacks`.
pub(crate) fn report(
    shown: &str,
    text: &str,
    parsed: &crate::routine::parse::Parsed,
    style: Style,
    fallbacks: &Fallbacks,
) -> FileReport {
    let errors = parsed.errors().count();
    let shown = &crate::text::sanitize(shown, false);
    let diagnostics = diagnostic::render(&parsed.diagnostics, shown, text, style);
    match &parsed.routine {
        Some(routine) if errors == 0 => FileReport {
            ok: true,
            errors,
            summary: format!("ok: {shown}: {}", summary(routine, fallbacks)),
            diagnostics,
        },
        _ => FileReport {
            ok: false,
            errors,
            summary: format!("error: {shown} is not a valid routine ({})", plural(errors, "error", "errors")),
            diagnostics,
        },
    }
}

/// "Post-run cool-down: 9 steps, 22 holds, 14m30s".
pub(crate) fn summary(routine: &Routine, fallbacks: &Fallbacks) -> String {
    let plan = Plan::new(routine, fallbacks);
    format!(
        "{}: {}, {}, {}",
        routine.name,
        plural(routine.steps.len(), "step", "steps"),
        plural(plan.hold_count(), "hold", "holds"),
        duration::compact(plan.total())
    )
}

/// Runs `supple check`: prints each file's report and returns whether all were valid.
pub fn run(files: &[std::path::PathBuf]) -> std::io::Result<bool> {
    let style = super::stderr_style();
    let fallbacks = super::fallbacks();
    let mut failed = 0;
    for path in files {
        let report = check_file(path, style, &fallbacks);
        super::err(&report.diagnostics);
        if report.ok {
            super::out(format_args!("{}\n", report.summary))?;
        } else {
            failed += 1;
            if !report.summary.is_empty() {
                super::err(format_args!("{}\n\n", report.summary));
            }
        }
    }
    if failed > 0 && files.len() > 1 {
        super::say(format_args!("error: {failed} of {} files have errors\n", files.len()));
    }
    Ok(failed == 0)
}
