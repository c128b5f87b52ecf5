//! `supple list`: the bundled routines and the user's own, with length and origin.

use std::fmt::Write;

use crate::duration;
use crate::plan::Plan;
use crate::routine::Fallbacks;
use crate::routine::library::{self, RoutineFile, Unreadable};
use crate::run::Offered;
use crate::text;

/// The listing, as printed.
pub(crate) fn render(
    bundled: &[Offered],
    user: &[Offered],
    unreadable: &[Unreadable],
    user_dir: Option<&std::path::Path>,
    fallbacks: &Fallbacks,
) -> String {
    let rows: Vec<[String; 5]> = user
        .iter()
        .chain(bundled)
        .map(|file| row(file, fallbacks))
        .chain(unreadable.iter().map(unreadable_row))
        .collect();
    let headers = ["NAME", "ROUTINE", "STEPS", "TIME", "FROM"];
    let widths: Vec<usize> =
        (0..5).map(|i| rows.iter().map(|r| text::width(&r[i])).chain([headers[i].len()]).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for cells in std::iter::once(headers.map(String::from)).chain(rows) {
        let line: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i == 2 || i == 3 { format!("{c:>w$}", w = widths[i]) } else { text::pad(c, widths[i]) })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    match user_dir {
        Some(dir) if user.is_empty() && unreadable.is_empty() => {
            let _ = writeln!(
                out,
                "\nYour own routines go in {} (none there yet).",
                text::sanitize(&dir.display().to_string(), false)
            );
        }
        Some(dir) => {
            let _ = writeln!(out, "\nYour own routines: {}", text::sanitize(&dir.display().to_string(), false));
        }
        None => {}
    }
    out.push_str("Run one with `supple run NAME`; see its timeline with `supple show NAME`.\n");
    out
}

fn row(Offered { file: loaded, practice }: &Offered, fallbacks: &Fallbacks) -> [String; 5] {
    let from = match loaded.origin {
        library::Origin::Bundled => "bundled".to_string(),
        library::Origin::Made => "made for today".to_string(),
        _ => format!("yours: {}", loaded.source.display_path()),
    };
    let key = text::sanitize(&loaded.key, false);
    match &loaded.parsed.routine {
        Some(routine) => {
            let plan = Plan::practised(routine, fallbacks, practice);
            [
                key,
                text::truncate(&routine.name, 40),
                routine.steps.len().to_string(),
                duration::compact(plan.total()),
                from,
            ]
        }
        None => [key, "(has errors: run `supple check`)".into(), "-".into(), "-".into(), from],
    }
}

fn unreadable_row(u: &Unreadable) -> [String; 5] {
    let key = u.path.file_stem().map(|s| text::sanitize(&s.to_string_lossy(), false)).unwrap_or_default();
    let path = text::sanitize(&u.path.display().to_string(), false);
    [key, format!("(unreadable: {})", u.error.diagnostic.message), "-".into(), "-".into(), path]
}

/// Runs `supple list`.
pub fn run() -> std::io::Result<bool> {
    let (user, unreadable) = library::user_routines();
    let bundled = library::bundled_unless_replaced(&user);
    // Totals as a session would start today, holds grown with the weeks included.
    let history = super::history::for_starting(user.iter().chain(&bundled));
    let offered = |files: Vec<RoutineFile>| -> Vec<Offered> {
        files.into_iter().map(|file| super::history::offered(file, &history)).collect()
    };
    let (user, bundled) = (offered(user), offered(bundled));
    let dir = crate::dirs::routines();
    super::out(render(&bundled, &user, &unreadable, dir.as_deref(), &super::config_reported().0.fallbacks))?;
    Ok(true)
}
