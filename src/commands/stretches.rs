//! `supple stretches`: the stretch library, the person's entries and the bundled ones, as
//! a table filtered by area, kind, position and what is at hand; or one entry in full,
//! with its figure.

use std::fmt::Write as _;
use std::io::IsTerminal;

use crate::duration::compact;
use crate::make::{self, Area, Equipment};
use crate::routine::StepKind;
use crate::routine::stretch::{self, Kind, Position, Stretch};
use crate::text;
use crate::ui::gallery;
use crate::ui::theme::Theme;

/// What the table is narrowed to: every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// An area `supple make` takes (`lower-back`, `whole-legs`) or a target the library
    /// names (`IT band`, `hip flexors`).
    pub area: Option<String>,
    pub kind: Option<Kind>,
    pub position: Option<Position>,
    /// Only what needs nothing but these (and the floor, which a mat stands for).
    pub equipment: Option<Vec<Equipment>>,
}

impl Filter {
    fn keeps(&self, s: &Stretch) -> Result<bool, String> {
        if let Some(area) = &self.area
            && !serves(s, area)?
        {
            return Ok(false);
        }
        let at_hand = self.equipment.as_ref().is_none_or(|have| Equipment::all_at_hand(&s.step.equipment, have, true));
        Ok(self.kind.is_none_or(|k| k == s.kind) && self.position.is_none_or(|p| p == s.position) && at_hand)
    }
}

/// Whether `s` works `area`, as `supple make` counts it or as the library names it.
fn serves(s: &Stretch, area: &str) -> Result<bool, String> {
    if let Some(area) = Area::from_name(area) {
        return Ok(make::serves(s, area));
    }
    let wanted = area.trim().replace('-', " ");
    if stretch::AREAS.iter().any(|a| a.eq_ignore_ascii_case(&wanted)) {
        return Ok(s.step.targets.iter().any(|t| t.eq_ignore_ascii_case(&wanted)));
    }
    Err(format!(
        "error: there is no area called `{}`: the areas are {}\n",
        text::truncate(&text::sanitize(area, false), 40),
        stretch::AREAS.join(", ")
    ))
}

/// The usual hold or count of an entry, as the table shows it: `30s`, `3 × 12`, `5m`.
fn usual(s: &Stretch) -> String {
    let t = &s.step.timings;
    let each = match (s.step.kind, t.count, t.breaths, t.hold) {
        (StepKind::Activity { duration }, ..) => return compact(duration),
        (_, Some(count), ..) => format!("{count} reps"),
        (_, _, Some(breaths), _) => format!("{breaths} breaths"),
        (_, _, _, Some(hold)) => compact(hold),
        _ => String::new(),
    };
    match t.reps.filter(|r| *r > 1) {
        Some(sets) => format!("{sets} × {each}"),
        None => each,
    }
}

/// The table of `stretches` that `filter` keeps.
pub fn table(stretches: &[&Stretch], filter: &Filter) -> Result<String, String> {
    let mut rows = Vec::new();
    for s in stretches {
        if filter.keeps(s)? {
            let sides = if s.step.timings.sides.unwrap_or_default().order().is_empty() { "" } else { " a side" };
            rows.push([
                s.name.clone(),
                text::sanitize(&s.step.name, false),
                s.position.name().to_string(),
                s.kind.name().to_string(),
                format!("{}{sides}", usual(s)),
                s.step.targets.join(", "),
                s.step.equipment.join(", "),
            ]);
        }
    }
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("No stretch in the library matches all of that.\n");
        return Ok(out);
    }
    let head = ["NAME", "STRETCH", "POSITION", "KIND", "USUAL", "AREAS", "NEEDS"];
    let widths: Vec<usize> = (0..head.len())
        .map(|i| rows.iter().map(|r| text::width(&r[i])).chain([head[i].len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[&str]| {
        let mut l: String = cells.iter().zip(&widths).map(|(c, w)| text::pad(c, *w)).collect::<Vec<_>>().join("  ");
        l.truncate(l.trim_end().len());
        l
    };
    let _ = writeln!(out, "{}", line(&head));
    for r in &rows {
        let _ = writeln!(out, "{}", line(&r.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    let _ = writeln!(
        out,
        "\n{} of {} stretches. `supple stretches NAME` shows one; a step takes it with stretch = \"NAME\".",
        rows.len(),
        stretches.len()
    );
    Ok(out)
}

/// One entry in full: what to do, what it works, what it needs and what to mind, then its
/// figure.
pub fn one(s: &Stretch, yours: bool, width: u16, height: u16, colour: bool) -> String {
    let mut out = String::new();
    let clean = |t: &str| text::sanitize(t, false);
    let _ = writeln!(out, "{} ({})", clean(&s.step.name), s.name);
    let _ = writeln!(
        out,
        "{} · {} · usually {}{}",
        s.position.name(),
        s.kind.name(),
        usual(s),
        if yours { " · yours" } else { "" }
    );
    for (label, value) in [("How", &s.step.how), ("Focus", &s.step.focus), ("Mind", &s.cautions)] {
        if !value.is_empty() {
            let _ = writeln!(out, "{label}: {}", clean(value));
        }
    }
    let _ = writeln!(out, "Works: {}", s.step.targets.join(", "));
    if !s.step.equipment.is_empty() {
        let _ = writeln!(out, "Needs: {}", s.step.equipment.join(", "));
    }
    if let Some(pose) = &s.step.pose {
        let theme = if colour { Theme::colour() } else { Theme::monochrome() };
        let side = (!s.step.timings.sides.unwrap_or_default().order().is_empty()).then_some(crate::side::Side::Right);
        out.push('\n');
        out.push_str(&super::poses::text(&gallery::large(pose, width, height, side, theme), colour));
    }
    out
}

/// Runs `supple stretches [NAME]`.
pub fn run(name: Option<&str>, filter: &Filter) -> std::io::Result<bool> {
    say_if_broken();
    let all = stretch::all();
    let Some(name) = name else {
        return match table(&all, filter) {
            Ok(text) => super::out(text).map(|()| true),
            Err(message) => {
                super::err(message);
                Ok(false)
            }
        };
    };
    let Some(found) = all.iter().find(|s| s.name == name) else {
        let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
        let hint = super::did_you_mean(name, &names);
        super::err(format!(
            "error: there is no stretch called `{}`: {hint}`supple stretches` lists them all\n",
            text::truncate(&text::sanitize(name, false), 40)
        ));
        return Ok(false);
    };
    let terminal = std::io::stdout().is_terminal();
    let (width, rows) = ratatui::crossterm::terminal::size().ok().filter(|_| terminal).unwrap_or((80, 24));
    let yours = stretch::user().find(name).is_some();
    let text =
        one(found, yours, width.clamp(26, 120), rows.saturating_sub(8).clamp(10, 30), terminal && !super::no_color());
    super::out(text).map(|()| true)
}

/// `supple stretches` from its flags: `--with` names checked before anything is listed.
pub fn filtered(
    name: Option<&str>,
    area: Option<String>,
    kind: Option<Kind>,
    position: Option<Position>,
    with: Option<Vec<String>>,
) -> anyhow::Result<bool> {
    let equipment = match with {
        Some(items) => Some(
            items
                .iter()
                .filter(|i| !i.trim().is_empty() && !["none", "nothing"].contains(&i.trim()))
                .map(|i| {
                    Equipment::from_name(i).ok_or_else(|| {
                        let names: Vec<&str> = Equipment::ALL.iter().map(|e| e.name()).collect();
                        anyhow::anyhow!(
                            "`{}` is not something supple asks about: {} (a towel counts as a strap)",
                            text::truncate(&text::sanitize(i, false), 30),
                            names.join(", ")
                        )
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?,
        ),
        None => None,
    };
    Ok(run(name, &Filter { area, kind, position, equipment })?)
}

/// An entry of the person's library with a mistake is left out; says so, and how to see why.
fn say_if_broken() {
    let Some(path) = stretch::user_file() else { return };
    let Ok(file) = crate::files::read_text(&path, "stretch library") else { return };
    if stretch::check(&file.text).iter().any(crate::diagnostic::Diagnostic::is_error) {
        let shown = super::shown(&path);
        super::say(format!(
            "{shown} has errors, and what they are in is left out: `supple check {shown}` shows them.\n"
        ));
    }
}
