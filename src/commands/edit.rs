//! `supple new` and `supple edit`: write a routine from the template or a copy, and open
//! one in the person's editor, checking it when the editor closes. The person's text is
//! never rewritten: a broken file is shown with its errors and they choose to edit again
//! or keep it as it is.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::{check, err, out, say, shown, stderr_style};
use crate::editing::{editor, template};
use crate::routine::library::{self, Origin};
use crate::routine::source;
use crate::text::sanitize;

/// `supple new NAME [--from ROUTINE]`.
pub fn new(name: &str, from: Option<&str>) -> Result<bool> {
    let from = match from {
        Some(from) => match super::load_valid(from) {
            Some(loaded) => Some(loaded),
            None => return Ok(false),
        },
        None => None,
    };
    let dir = crate::dirs::routines().ok_or_else(|| anyhow!("no config directory to keep routines in"))?;
    let path = template::create(&dir, name, from.as_ref()).map_err(|e| anyhow!("{e}"))?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    out(format_args!(
        "Wrote {}.\nEdit it with `supple edit {stem}`; run it with `supple run {stem}`.\n",
        shown(&path)
    ))?;
    Ok(true)
}

/// `supple edit ROUTINE`: returns whether the file is valid when the person is done.
pub fn edit(name: &str) -> Result<bool> {
    let loaded = library::find(name).map_err(|e| anyhow!("{}", e.diagnostic().message))?;
    if loaded.origin != Origin::Bundled {
        return edit_until_done(&loaded.source.path);
    }
    let Some(path) = copy_bundled(&loaded)? else { return Ok(false) };
    let done = edit_until_done(&path)?;
    // A copy that was never changed is not left behind to shadow the bundled routine.
    if std::fs::read_to_string(&path).is_ok_and(|text| text == loaded.source.text)
        && std::fs::remove_file(&path).is_ok()
    {
        say(format_args!("Nothing was changed, so the copy {} is gone again.\n", shown(&path)));
    }
    Ok(done)
}

/// Offers to copy a bundled routine into the user's routines; the copy's path, or
/// `None` if the person declined.
fn copy_bundled(loaded: &library::RoutineFile) -> Result<Option<PathBuf>> {
    let dir = crate::dirs::routines().ok_or_else(|| anyhow!("no config directory to keep routines in"))?;
    let path = dir.join(format!("{}.toml", loaded.key));
    let question = format!(
        "{} is bundled with supple and read-only. Copy it to {} and edit the copy? [Y/n] ",
        loaded.key,
        shown(&path)
    );
    if !ask(&question, &["", "y", "yes"], &["n", "no"])? {
        return Ok(None);
    }
    Ok(Some(template::copy_bundled((&loaded.key, &loaded.source.text), &dir)?))
}

/// Opens the editor until the file is valid or the person keeps it as it is.
fn edit_until_done(path: &Path) -> Result<bool> {
    loop {
        let command = sanitize(&editor::command(), false);
        let status = editor::open(path).with_context(|| format!("starting the editor `{command}`"))?;
        if !status.success() {
            say(format_args!("The editor `{command}` exited with {status}; the file is as it last saved it.\n"));
        }
        let shown = shown(path);
        let report = match source::read(path) {
            Ok(file) => check::report(
                &shown,
                &file.text,
                &crate::routine::parse(&file.text),
                stderr_style(),
                &super::fallbacks(),
            ),
            Err(error) => bail!("{}: {}", shown, error.diagnostic.message),
        };
        err(&report.diagnostics);
        if report.ok {
            out(format_args!("{}\n", report.summary))?;
            return Ok(true);
        }
        if !ask("[E]dit again, or [k]eep the file as it is? ", &["", "e", "edit"], &["k", "keep"])? {
            say(format_args!("Kept {shown} as it is; `supple check {shown}` shows its errors again.\n"));
            return Ok(false);
        }
    }
}

/// Asks `question` on stderr and reads an answer from stdin: true for one of `yes`, false
/// for one of `no` or the end of input; asks again otherwise.
fn ask(question: &str, yes: &[&str], no: &[&str]) -> Result<bool> {
    let stdin = std::io::stdin();
    loop {
        err(question);
        let mut answer = String::new();
        if stdin.lock().read_line(&mut answer)? == 0 {
            err("\n");
            return Ok(false);
        }
        let answer = answer.trim().to_lowercase();
        if yes.contains(&answer.as_str()) {
            return Ok(true);
        }
        if no.contains(&answer.as_str()) {
            return Ok(false);
        }
    }
}
