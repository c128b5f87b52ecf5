//! Reading a routine from TOML text: every key, type, value and cross-step rule is
//! checked, and every problem in the file is reported at once, each pointing at its spot.

use std::ops::{Range, RangeInclusive};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::entry::{AREAS, Kind, Library, Position, Stretch};
use super::model::{Breath, Pace, Routine, Sides, Step, StepKind, Timings};
use super::schema::{self, LIBRARY_KEYS, ROUTINE_KEYS, SIDES_VALUES, STEP_KEYS, STRETCH_KEYS, TIMING};
use crate::diagnostic::Diagnostic;
use crate::progress::{Growth, MOST_SESSIONS, Progress};
use crate::reader::{self, Reader, Text, Value, kind_of, near_misses, type_error};
use crate::text;

/// The most steps a routine may have.
pub(crate) const MAX_STEPS: usize = 5_000;

/// The longest name a routine or step may have.
pub(crate) const MAX_NAME_CHARS: usize = 80;
/// How-to and focus text: a few lines, warned about when long enough to be hard to read
/// during a hold.
const LONG_TEXT: Text = Text { most: 2_000, lines: true, long: Some(300) };
const MAX_REPS: u64 = 20;
const MAX_HOLD: u64 = 30 * 60;
const MAX_GAP: u64 = 30 * 60;
const MAX_BREATHS: u64 = 100;
const MAX_COUNT: u64 = 200;
/// The longest counted repetition, in seconds.
const MAX_PACE: u64 = 60;
const MAX_ACTIVITY: u64 = 4 * 60 * 60;
/// The most a hold may grow in one week, in seconds.
const MAX_ADD: u64 = 60;
/// The keys of a `progress` table.
const PROGRESS_KEYS: &[&str] = &["add", "sessions", "up_to"];

/// The outcome of reading a routine: the routine when there were no errors, and every
/// error and warning found.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub routine: Option<Routine>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub(crate) fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Reads a routine from the text of a TOML file, whose steps may name the stretches of
/// `outer` (the person's library, then the bundled one) and draw `outer_poses`.
pub fn parse_with(source: &str, outer: Vec<&Library>, outer_poses: &[crate::pose::Pose]) -> Parsed {
    let doc = match reader::document(source) {
        Ok(doc) => doc,
        Err(syntax) => return Parsed { routine: None, diagnostics: syntax },
    };
    let mut checker = Checker::new(outer, outer_poses);
    let routine = checker.routine(&doc);
    let diagnostics = checker.read.finish();
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Parsed { routine: routine.filter(|_| ok), diagnostics }
}

/// Reads a stretch library's text (`[stretch.NAME]` and `[pose.NAME]` tables), whose
/// entries may take others from `outer` as a step does: the entries and every problem.
pub fn library(source: &str, outer: &Library) -> (Library, Vec<Diagnostic>) {
    let doc = match reader::document(source) {
        Ok(doc) => doc,
        Err(syntax) => return (Library::default(), syntax),
    };
    let mut checker = Checker::new(vec![outer], &outer.poses);
    let table = doc.get_ref();
    checker.unknown_keys(table, LIBRARY_KEYS, "a stretch library");
    checker.own_poses(table);
    let stretches = checker.stretches(table);
    let poses = std::mem::take(&mut checker.poses);
    (Library { stretches, poses }, checker.read.finish())
}

/// Walks the parsed document, collecting diagnostics as it goes.
struct Checker<'l> {
    read: Reader,
    /// The libraries a step's `stretch` is looked up in after the file's own entries.
    outer: Vec<&'l Library>,
    /// The file's own `[stretch.NAME]` entries, and the names it declares.
    stretches: Vec<Stretch>,
    declared_stretches: Vec<String>,
    /// A key in `[defaults]` looks like a misspelt `hold`: a step without a hold is then
    /// already explained.
    hold_misspelled_in_defaults: bool,
    /// The poses the file defines, which its steps may name, and the names it declares;
    /// then the outer library's poses.
    poses: Vec<crate::pose::Pose>,
    declared_poses: Vec<String>,
    outer_poses: &'l [crate::pose::Pose],
}

impl<'l> Checker<'l> {
    fn new(outer: Vec<&'l Library>, outer_poses: &'l [crate::pose::Pose]) -> Self {
        Self {
            read: Reader::default(),
            outer,
            stretches: Vec::new(),
            declared_stretches: Vec::new(),
            hold_misspelled_in_defaults: false,
            poses: Vec::new(),
            declared_poses: Vec::new(),
            outer_poses,
        }
    }

    /// Reads the file's own `[pose.NAME]` tables.
    fn own_poses(&mut self, table: &DeTable<'_>) {
        if let Some(value) = table.get("pose") {
            self.poses = crate::pose::parse::poses(value, &mut self.read);
            self.declared_poses = crate::pose::parse::declared(value);
        }
    }

    /// Reads the file's own `[stretch.NAME]` entries.
    fn stretches(&mut self, table: &DeTable<'_>) -> Vec<Stretch> {
        let Some(value) = table.get("stretch") else { return Vec::new() };
        let help =
            "define each stretch under its own header, `[stretch.my-stretch]`; a routine's steps go under `[[step]]`";
        let Some(entries) = self.read.table(value, "stretch", help) else { return Vec::new() };
        self.declared_stretches = entries.iter().map(|(k, _)| k.get_ref().to_string()).collect();
        let mut out: Vec<Stretch> = Vec::new();
        for (key, value) in entries {
            let name = key.get_ref().as_ref();
            if !reader::is_name(name, MAX_ENTRY_NAME_CHARS) {
                self.report(
                    Diagnostic::error("a stretch's name may use only letters, digits, `-` and `_`")
                        .at(key.span(), "not a valid name")
                        .help(format!("try `[stretch.{}]`", text::slug(name))),
                );
                continue;
            }
            if let Some(entry) = self.entry(name, value) {
                // Entries defined before may be named by later ones.
                out.push(entry.clone());
                self.stretches.push(entry);
            }
        }
        out
    }

    /// One `[stretch.NAME]` entry: a step, with its position, kind and cautions.
    fn entry(&mut self, name: &str, value: &Value<'_>) -> Option<Stretch> {
        // An entry with a mistake is left out whole, so what `supple check` reports is
        // never half used.
        let errors_before = self.errors();
        let entry = self.entry_as_written(name, value)?;
        (self.errors() == errors_before).then_some(entry)
    }

    fn errors(&self) -> usize {
        self.read.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    fn entry_as_written(&mut self, name: &str, value: &Value<'_>) -> Option<Stretch> {
        let where_ = format!("stretch `{name}`");
        let DeValue::Table(table) = value.get_ref() else {
            self.report(
                type_error(&format!("stretch.{name}"), "a table", value)
                    .help(format!("write the stretch under its own header, `[stretch.{name}]`")),
            );
            return None;
        };
        let allowed: Vec<&str> = STRETCH_KEYS.iter().copied().chain(schema::timing_keys()).collect();
        self.unknown_keys(table, &allowed, &where_);
        let position = self.required(
            table,
            "position",
            value.span(),
            &where_,
            Position::NAMES,
            "\"standing\", \"kneeling\", \"seated\" or \"lying\"",
        );
        let kind = self.required(
            table,
            "kind",
            value.span(),
            &where_,
            Kind::NAMES,
            "\"static\", \"dynamic\", \"strength\", \"rolling\" or \"walk\"",
        );
        let cautions = table.get("cautions").and_then(|v| self.read.text(v, "cautions", LONG_TEXT)).unwrap_or_default();
        if let Some(targets) = table.get("targets") {
            self.areas(targets);
        }
        let (mut step, _) = self.step_from(table, &where_, value.span(), None, &Timings::default(), 0)?;
        // A walk is timed; everything else is held or counted.
        let timed = matches!(step.kind, StepKind::Activity { .. });
        if let (Some(kind), Some((key, _))) = (kind, table.get_key_value("kind"))
            && timed != (kind == Kind::Walk)
        {
            let d = Diagnostic::error(format!(
                "a stretch of kind \"{}\" {}",
                kind.name(),
                if timed { "is held, not timed" } else { "is timed: it needs a `duration`" }
            ))
            .at(key.span(), "this kind");
            self.report(match table.get_key_value("duration") {
                Some((k, _)) => d
                    .also(k.span(), "a timed activity's length")
                    .help("remove `duration` and give a `hold`, or make it `kind = \"walk\"`"),
                None => d.help("give a walk its length: `duration = \"3m\"`"),
            });
        }
        step.id = name.to_string();
        step.stretch = Some(name.to_string());
        // An entry's sides are part of what it is: a routine's `sides = "both"` under
        // `[defaults]` must not make child's pose two-sided.
        step.timings.sides.get_or_insert(Sides::Centre);
        Some(Stretch { name: name.to_string(), step, position: position?, kind: kind?, cautions })
    }

    /// One of `names` for `key`, which `table` must have.
    fn required<T: Copy>(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        owner: Range<usize>,
        where_: &str,
        names: &[(&str, T)],
        listed: &str,
    ) -> Option<T> {
        let Some(value) = table.get(key) else {
            self.report(
                Diagnostic::error(format!("{where_} has no `{key}`"))
                    .at(owner.start..owner.start, "")
                    .help(format!("add `{key} = ...`, one of {listed}")),
            );
            return None;
        };
        self.read.choice(value, key, names, &format!("use {listed}"))
    }

    /// A library entry's `targets`: each one of [`AREAS`], so a session made for today can
    /// find it.
    fn areas(&mut self, value: &Value<'_>) {
        let DeValue::Array(items) = value.get_ref() else { return };
        for item in items {
            let DeValue::String(area) = item.get_ref() else { continue };
            if AREAS.iter().any(|a| a.eq_ignore_ascii_case(area.trim())) {
                continue;
            }
            let shown = text::truncate(&text::sanitize(area, false), 30);
            let d = Diagnostic::error(format!("\"{shown}\" is not an area a session can be made for"))
                .at(item.span(), "unknown area");
            let lower: Vec<String> = AREAS.iter().map(|a| a.to_lowercase()).collect();
            let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
            self.report(match crate::diagnostic::closest(&area.trim().to_lowercase(), &lower) {
                Some(n) => d.help(format!("did you mean \"{n}\"?")),
                None => d.help(format!("the areas are: {}", AREAS.join(", "))),
            });
        }
    }

    /// The entry a step's `stretch = "NAME"` names: the file's own, else the person's
    /// library, else the bundled one. A name the file declares but could not read says
    /// nothing more: its own errors do.
    fn named_stretch(&mut self, value: &Value<'_>) -> Option<Stretch> {
        let DeValue::String(name) = value.get_ref() else {
            self.report(
                type_error("stretch", "a stretch's name", value)
                    .help("write `stretch = \"supine-hamstring\"`; `supple stretches` lists them all"),
            );
            return None;
        };
        let name = name.trim();
        let found = self.stretches.iter().chain(self.outer.iter().flat_map(|l| &l.stretches)).find(|s| s.name == name);
        if let Some(found) = found {
            return Some(found.clone());
        }
        if self.declared_stretches.iter().any(|d| d == name) {
            return None;
        }
        let known: Vec<&str> = self
            .declared_stretches
            .iter()
            .map(String::as_str)
            .chain(self.outer.iter().flat_map(|l| l.stretches.iter().map(|s| s.name.as_str())))
            .collect();
        let shown = text::truncate(&text::sanitize(name, false), 40);
        let d =
            Diagnostic::error(format!("there is no stretch called \"{shown}\"")).at(value.span(), "unknown stretch");
        let normal = name.to_lowercase().replace([' ', '_'], "-");
        self.report(match crate::diagnostic::closest(&normal, &known) {
            Some(n) => d.help(format!("did you mean \"{n}\"? `supple stretches` lists every stretch")),
            None => d.help("`supple stretches` lists every stretch; or define your own under `[stretch.NAME]`"),
        });
        None
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.read.report(diagnostic);
    }

    fn routine(&mut self, doc: &Spanned<DeTable<'_>>) -> Option<Routine> {
        let table = doc.get_ref();
        self.unknown_keys(table, ROUTINE_KEYS, "the routine");
        let name = self.read.required_text(table, "name", doc.span(), "the routine", MAX_NAME_CHARS);
        let description =
            table.get("description").and_then(|v| self.read.text(v, "description", Text { lines: true, ..LONG_TEXT }));
        let defaults = match table.get("defaults") {
            Some(v) => self.defaults(v),
            None => Timings::default(),
        };
        self.own_poses(table);
        self.stretches(table);
        self.hold_misspelled_in_defaults = match table.get("defaults").map(Spanned::get_ref) {
            Some(DeValue::Table(d)) => near_misses(d, &schema::timing_keys(), schema::synonyms()).contains(&"hold"),
            _ => false,
        };
        let misspelled = near_misses(table, ROUTINE_KEYS, schema::synonyms()).contains(&"step");
        let steps = self.steps(table.get("step"), &defaults, misspelled);
        Some(Routine {
            name: name?,
            description: description.unwrap_or_default(),
            defaults,
            steps: steps?,
            poses: std::mem::take(&mut self.poses),
        })
    }

    /// Whether `table` measures holds at most one way (time, breaths or a count); says so
    /// when not.
    fn one_measure(&mut self, table: &DeTable<'_>, what: &str) -> bool {
        let measures: Vec<_> = ["hold", "breaths", "count"].iter().filter_map(|k| table.get_key_value(*k)).collect();
        let [(first, _), (second, _), ..] = measures.as_slice() else { return true };
        self.report(
            Diagnostic::error(format!(
                "{what} sets both `{}` and `{}`: a hold is measured one way",
                first.get_ref(),
                second.get_ref()
            ))
            .at(second.span(), "remove this")
            .also(first.span(), "or this")
            .help("`hold` is a time, `breaths` a number of breaths, `count` a number of repetitions: keep one"),
        );
        false
    }

    fn defaults(&mut self, value: &Value<'_>) -> Timings {
        let DeValue::Table(table) = value.get_ref() else {
            self.report(
                type_error("defaults", "a table", value)
                    .help("write the defaults under a `[defaults]` header, before the first `[[step]]`"),
            );
            return Timings::default();
        };
        self.unknown_keys(table, &schema::timing_keys(), "`[defaults]`");
        self.one_measure(table, "`[defaults]`");
        self.timings(table)
    }

    fn steps(&mut self, value: Option<&Value<'_>>, defaults: &Timings, misspelled: bool) -> Option<Vec<Step>> {
        let Some(value) = value else {
            if misspelled {
                return None;
            }
            self.report(
                Diagnostic::error("the routine has no steps")
                    .at(0..0, "")
                    .help("add a step: a `[[step]]` header followed by `name = \"...\"` and `hold = \"30s\"`"),
            );
            return None;
        };
        let items = match value.get_ref() {
            DeValue::Array(items) if !items.is_empty() => items,
            DeValue::Array(_) => {
                self.report(Diagnostic::error("the routine has no steps").at(value.span(), "this list is empty"));
                return None;
            }
            DeValue::Table(_) => {
                self.report(
                    Diagnostic::error("`step` must be a list of steps")
                        .at(value.span(), "a single table")
                        .help("write each step under a double-bracket header: `[[step]]`"),
                );
                return None;
            }
            _ => {
                self.report(
                    type_error("step", "a list of steps", value).help("write each step under a `[[step]]` header"),
                );
                return None;
            }
        };
        if items.len() > MAX_STEPS {
            self.report(
                Diagnostic::error(format!("the routine has {} steps; at most {MAX_STEPS} are allowed", items.len()))
                    .at(items[MAX_STEPS].span(), "this step is one too many"),
            );
            return None;
        }
        let steps: Vec<Option<(Step, Range<usize>)>> =
            items.iter().enumerate().map(|(i, item)| self.step(i, item, defaults)).collect();
        let steps: Option<Vec<_>> = steps.into_iter().collect();
        let steps = steps?;
        self.duplicate_ids(&steps);
        Some(steps.into_iter().map(|(step, _)| step).collect())
    }

    /// Checks one step; returns it with the span its id comes from.
    fn step(&mut self, index: usize, item: &Value<'_>, defaults: &Timings) -> Option<(Step, Range<usize>)> {
        let where_ = format!("step {}", index + 1);
        let DeValue::Table(table) = item.get_ref() else {
            self.report(
                Diagnostic::error(format!("{where_} must be a table"))
                    .at(item.span(), format!("this is {}", kind_of(item.get_ref())))
                    .help("write each step under a `[[step]]` header"),
            );
            return None;
        };
        let allowed: Vec<&str> = STEP_KEYS.iter().copied().chain(schema::timing_keys()).collect();
        self.unknown_keys(table, &allowed, &where_);
        let base = match table.get("stretch") {
            Some(value) => Some(self.named_stretch(value)?),
            None => None,
        };
        self.step_from(table, &where_, item.span(), base.as_ref().map(|b| &b.step), defaults, index)
    }

    /// The step `table` describes, over `base` (the library entry it names, if any):
    /// each of the table's own keys in place of the entry's. Returns it with the span its
    /// id comes from.
    fn step_from(
        &mut self,
        table: &DeTable<'_>,
        where_: &str,
        span: Range<usize>,
        base: Option<&Step>,
        defaults: &Timings,
        index: usize,
    ) -> Option<(Step, Range<usize>)> {
        let name = match (table.contains_key("name"), base) {
            (false, Some(base)) => Some(base.name.clone()),
            _ => self.read.required_text(table, "name", span.clone(), where_, MAX_NAME_CHARS),
        };
        let own = |c: &mut Self, key: &str| table.get(key).and_then(|v| c.read.text(v, key, LONG_TEXT));
        let how = own(self, "how").or_else(|| base.map(|b| b.how.clone()));
        let focus = own(self, "focus").or_else(|| base.map(|b| b.focus.clone()));
        let words = |c: &mut Self, key: &str, example: &str, from: fn(&Step) -> &Vec<String>| match table.get(key) {
            Some(v) => c.read.words(v, key, example),
            None => base.map(|b| from(b).clone()).unwrap_or_default(),
        };
        let targets = words(self, "targets", "\"hamstrings\", \"calves\"", |b| &b.targets);
        let equipment = words(self, "equipment", "\"strap\", \"mat\"", |b| &b.equipment);
        let pose = match table.get("pose") {
            Some(v) => {
                let own: Vec<_> = self.poses.iter().chain(self.outer_poses).cloned().collect();
                crate::pose::library::named(v, &own, &self.declared_poses, &mut self.read)
            }
            None => base.and_then(|b| b.pose.clone()),
        };
        let own_timings = self.timings(table);
        let (timings, usual_hold) = match base {
            None => (own_timings, None),
            Some(b) => over_entry(own_timings, b),
        };
        let allowed: Vec<&str> = STEP_KEYS.iter().copied().chain(schema::timing_keys()).collect();
        let hold_misspelled =
            self.hold_misspelled_in_defaults || near_misses(table, &allowed, schema::synonyms()).contains(&"hold");
        let kind = self.kind(table, span.clone(), &timings, defaults, hold_misspelled, base);
        let named = base.and_then(|b| b.stretch.as_deref()).zip(table.get("stretch").map(Spanned::span));
        let (id, id_span) = self.id(table, name.as_deref(), named, span, index);
        Some((
            Step {
                id,
                name: name?,
                stretch: base.and_then(|b| b.stretch.clone()),
                how: how.unwrap_or_default(),
                focus: focus.unwrap_or_default(),
                targets,
                equipment,
                pose,
                kind: kind?,
                timings,
                usual_hold,
            },
            id_span,
        ))
    }

    fn kind(
        &mut self,
        table: &DeTable<'_>,
        header: Range<usize>,
        timings: &Timings,
        defaults: &Timings,
        hold_misspelled: bool,
        base: Option<&Step>,
    ) -> Option<StepKind> {
        // An entry that is a timed activity makes its steps activities, unless they say
        // how long themselves.
        if let (None, Some(StepKind::Activity { duration })) = (table.get("duration"), base.map(|b| b.kind)) {
            let named = table.get_key_value("stretch").map(|(k, _)| k.span());
            for key in TIMING.iter().filter(|k| !k.on_activity).map(|k| k.name) {
                if let Some((k, _)) = table.get_key_value(key) {
                    let d = Diagnostic::error(format!("`{key}` has no meaning in a timed activity"))
                        .at(k.span(), "remove this");
                    let d = match &named {
                        Some(span) => d.also(span.clone(), "this stretch is a timed activity"),
                        None => d,
                    };
                    self.report(d.help("an activity runs once for its `duration`; set `duration` to change how long"));
                }
            }
            return Some(StepKind::Activity { duration });
        }
        if let Some(value) = table.get("duration") {
            for key in TIMING.iter().filter(|k| !k.on_activity).map(|k| k.name) {
                if let Some((k, _)) = table.get_key_value(key) {
                    self.report(
                        Diagnostic::error(format!("`{key}` has no meaning in a timed activity"))
                            .at(k.span(), "remove this")
                            .also(value.span(), "this step is a timed activity because it has a `duration`")
                            .help("an activity runs once for its `duration`; for a stretch, remove `duration` instead"),
                    );
                }
            }
            let duration = self.read.duration(value, "duration", 1..=MAX_ACTIVITY)?;
            return Some(StepKind::Activity { duration });
        }
        if !self.one_measure(table, "a step") {
            return None;
        }
        self.progress_fits(table, timings, defaults);
        if let Some((key, _)) = table.get_key_value("pace")
            && timings.count.or(defaults.count).is_none()
        {
            self.report(
                Diagnostic::warning("`pace` has no effect without `count`")
                    .at(key.span(), "ignored")
                    .help("`pace` is how long one counted repetition takes: add `count = 10`, or remove `pace`"),
            );
        }
        let counted = timings.breaths.or(defaults.breaths).is_some() || timings.count.or(defaults.count).is_some();
        let usual_hold = base.and_then(|b| b.timings.hold.or(b.usual_hold));
        if timings.hold.or(defaults.hold).or(usual_hold).is_none()
            && !counted
            && !table.contains_key("hold")
            && !table.contains_key("breaths")
            && !table.contains_key("count")
        {
            if hold_misspelled {
                return None;
            }
            self.report(
                Diagnostic::error("this step has no hold time")
                    .at(header, "in this step")
                    .help("add `hold = \"30s\"` (or `breaths = 5`, or `count = 10`) to the step, or set `hold` under `[defaults]`; for a timed activity such as a walk, use `duration = \"5m\"`"),
            );
            return None;
        }
        Some(StepKind::Stretch)
    }

    /// A step's id: its own `id`, else the stretch it names, else its name as a slug.
    fn id(
        &mut self,
        table: &DeTable<'_>,
        name: Option<&str>,
        stretch: Option<(&str, Range<usize>)>,
        header: Range<usize>,
        index: usize,
    ) -> (String, Range<usize>) {
        if let Some(value) = table.get("id") {
            if let Some(id) = self.read.text(value, "id", Text::line(64)) {
                if reader::is_name(&id, 64) {
                    return (id, value.span());
                }
                self.report(
                    Diagnostic::error("a step id may use only letters, digits, `-` and `_`")
                        .at(value.span(), "not a valid id")
                        .help(format!("try `id = \"{}\"`", fallback_id(&text::slug(&id), index))),
                );
            }
            return (fallback_id("", index), value.span());
        }
        if let Some((stretch, span)) = stretch {
            return (stretch.to_string(), span);
        }
        let span = table.get("name").map_or(header, Spanned::span);
        (fallback_id(&text::slug(name.unwrap_or_default()), index), span)
    }

    fn duplicate_ids(&mut self, steps: &[(Step, Range<usize>)]) {
        let mut first: std::collections::HashMap<&str, &Range<usize>> = std::collections::HashMap::new();
        for (step, span) in steps {
            match first.get(step.id.as_str()) {
                Some(earlier) => self.report(
                    Diagnostic::error(format!("two steps have the id `{}`", step.id))
                        .at(span.clone(), "the second")
                        .also((*earlier).clone(), "the first")
                        .help("a step's id comes from the stretch it names, or its name, unless it sets `id`; give one of them its own `id = \"...\"`"),
                ),
                None => {
                    first.insert(&step.id, span);
                }
            }
        }
    }

    fn timings(&mut self, table: &DeTable<'_>) -> Timings {
        let gap = |c: &mut Self, key: &str| table.get(key).and_then(|v| c.read.duration(v, key, 0..=MAX_GAP));
        let wait = table.get("get_ready").map(is_wait);
        let get_ready = match table.get("get_ready") {
            Some(v) if wait != Some(true) => self.read.duration_or_wait(v, "get_ready", 0..=MAX_GAP, true),
            _ => None,
        };
        Timings {
            hold: table.get("hold").and_then(|v| self.read.duration(v, "hold", 1..=MAX_HOLD)),
            reps: table.get("reps").and_then(|v| self.count(v, "reps", 1..=MAX_REPS)),
            sides: table.get("sides").and_then(|v| self.sides(v)),
            get_ready,
            wait,
            breaths: table.get("breaths").and_then(|v| self.count(v, "breaths", 1..=MAX_BREATHS)),
            count: table.get("count").and_then(|v| self.count(v, "count", 1..=MAX_COUNT)),
            pace: table.get("pace").and_then(|v| self.pace(v)),
            breath: table.get("breath").and_then(|v| self.breath(v)),
            halfway_cue: table.get("halfway_cue").and_then(|v| self.read.boolean(v, "halfway_cue")),
            time_left_cue: table
                .get("time_left_cue")
                .and_then(|v| self.read.duration(v, "time_left_cue", 0..=MAX_HOLD)),
            switch_sides: gap(self, "switch_sides"),
            rest_between_reps: gap(self, "rest_between_reps"),
            rest_after: gap(self, "rest_after"),
            progress: table.get("progress").and_then(|v| self.progress(v)),
        }
    }

    /// `progress = { add = "5s", sessions = 3, up_to = "60s" }`, or `false`.
    fn progress(&mut self, value: &Value<'_>) -> Option<Growth> {
        let table = match value.get_ref() {
            DeValue::Boolean(false) => return Some(Growth::Off),
            DeValue::Table(table) => table,
            _ => {
                self.report(type_error("progress", "a table such as { add = \"5s\", up_to = \"60s\" }, or false", value).help(
                    "write how holds grow: `progress = { add = \"5s\", sessions = 3, up_to = \"60s\" }`; `false` keeps this step's holds as written",
                ));
                return None;
            }
        };
        self.unknown_keys(table, PROGRESS_KEYS, "`progress`");
        let mut missing = Vec::new();
        let mut need = |c: &mut Self, key: &'static str| {
            let value = table.get(key);
            if value.is_none() {
                missing.push(key);
            }
            value.and_then(|v| c.read.duration(v, key, 1..=if key == "add" { MAX_ADD } else { MAX_HOLD }))
        };
        let add = need(self, "add");
        let up_to = need(self, "up_to");
        if !missing.is_empty() {
            let keys: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            self.report(
                Diagnostic::error(format!("`progress` needs {}", keys.join(" and ")))
                    .at(value.span(), "in this table")
                    .help("say how much a hold grows each week and up to what: `{ add = \"5s\", sessions = 3, up_to = \"60s\" }`"),
            );
        }
        let sessions = match table.get("sessions") {
            Some(v) => self.count(v, "sessions", 1..=u64::from(MOST_SESSIONS))?,
            None => 3,
        };
        Some(Growth::By(Progress { add: add?, sessions, up_to: up_to? }))
    }

    /// Holds grow in seconds: a step that counts its holds in breaths or repetitions
    /// cannot say how they grow.
    fn progress_fits(&mut self, table: &DeTable<'_>, timings: &Timings, defaults: &Timings) {
        let Some((key, _)) = table.get_key_value("progress") else { return };
        if !matches!(timings.progress, Some(Growth::By(_))) {
            return;
        }
        let own = timings.hold.is_some() || timings.breaths.is_some() || timings.count.is_some();
        let measured = if own { timings } else { defaults };
        let counted = if measured.breaths.is_some() { Some("breaths") } else { measured.count.map(|_| "repetitions") };
        if let Some(what) = counted {
            self.report(
                Diagnostic::error(format!("`progress` grows holds measured in seconds; this step counts {what}"))
                    .at(key.span(), "no effect here")
                    .help("measure the hold with `hold = \"30s\"`, or remove `progress`"),
            );
        }
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], where_: &str) {
        let rest = allowed.contains(&"rest_after");
        let top = where_ == "the routine";
        let hint = |name: &str| {
            if name.trim().eq_ignore_ascii_case("rest") && rest {
                return Some(
                    "use `rest_between_reps` for the rest between repetitions, or `rest_after` for the rest after a step"
                        .to_string(),
                );
            }
            (top && TIMING.iter().any(|k| k.name == name))
                .then(|| format!("timings for every step go under `[defaults]`: move `{name}` there"))
        };
        self.read.unknown_keys(table, allowed, schema::synonyms(), where_, &hint);
    }

    fn count(&mut self, value: &Value<'_>, key: &str, range: RangeInclusive<u64>) -> Option<u32> {
        self.read.whole(value, key, range).and_then(|n| u32::try_from(n).ok())
    }

    fn sides(&mut self, value: &Value<'_>) -> Option<Sides> {
        let help = "use \"both\" (left then right), \"right-left\", \"left\", \"right\", or \"none\" for a stretch with no sides";
        self.read.choice(value, "sides", SIDES_VALUES, help)
    }

    /// `pace = "6s"` (or a number of seconds), or `"breath"`.
    fn pace(&mut self, value: &Value<'_>) -> Option<Pace> {
        if let DeValue::String(s) = value.get_ref()
            && s.trim().eq_ignore_ascii_case("breath")
        {
            return Some(Pace::Breath);
        }
        self.read.duration(value, "pace", 1..=MAX_PACE).map(Pace::Every)
    }

    /// `breath = "4s/6s"`: in, then out.
    fn breath(&mut self, value: &Value<'_>) -> Option<Breath> {
        let help = "write the in-breath and the out-breath, such as \"4s/6s\"";
        self.read.parsed(value, "breath", "a breathing pace such as \"4s/6s\" (in, then out)", Breath::parse, help)
    }
}

/// The longest name a library entry may have, as a pose's.
const MAX_ENTRY_NAME_CHARS: usize = 40;

/// A step's own timings over those of the library entry it names: the step's keys win,
/// and a step that measures its holds itself (`hold`, `breaths` or `count`) takes none of
/// the entry's measure. The entry's hold is returned apart, as the usual hold: a routine's
/// `[defaults]` come before it, so `hold = "1m"` there lengthens every stretch it names.
fn over_entry(own: Timings, entry: &Step) -> (Timings, Option<Duration>) {
    let mut from_entry = entry.timings;
    if own.hold.is_some() || own.breaths.is_some() || own.count.is_some() {
        from_entry.breaths = None;
        from_entry.count = None;
    }
    let usual_hold = from_entry.hold.take().or(entry.usual_hold).filter(|_| own.hold.is_none());
    (own.or(from_entry), usual_hold)
}

fn fallback_id(slug: &str, index: usize) -> String {
    if slug.is_empty() { format!("step-{}", index + 1) } else { slug.to_string() }
}

/// Whether a `get_ready` value is the word "wait" (any capitals, spaces around).
fn is_wait(value: &Value<'_>) -> bool {
    matches!(value.get_ref(), DeValue::String(s) if s.trim().eq_ignore_ascii_case("wait"))
}
