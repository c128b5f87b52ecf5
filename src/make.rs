//! A session made for today from the stretch library: what is sore, how long there is,
//! what is at hand, where the person is and whether they have just run, in; a routine
//! file's text out, with a note for each choice that could not be met. Pure: the date
//! and the library are passed in, so the same choices on the same day give the same
//! session (resume and history find it again) and another day gives another.
//!
//! The rules are the guidance's: a light warm-up first unless just run, static holds of
//! 20-30 s repeated 2-3 times a side for tender muscles, deep holds of 45-60 s where there
//! is time, both sides always, grouped by position (standing, kneeling, seated, lying) so
//! the person gets down once, and the total within a few seconds of the time asked,
//! counted by the plan with the hold scale, as any routine is.
//!
//! The day's variety comes from a hand-written `SplitMix64` stream seeded by the date and
//! the choices: ten lines, where `rand`'s seeded generators promise no stable output
//! across its versions, and a made session must come out the same after an upgrade so
//! an unfinished one can be resumed.

use std::fmt::Write as _;
use std::time::Duration;

use std::path::PathBuf;

use crate::duration::compact;
use crate::files::SourceFile;
use crate::plan::Plan;
use crate::routine::library::{Origin, RoutineFile};
use crate::routine::stretch::{self, Kind, Position, Stretch};
use crate::routine::{Fallbacks, Routine, Sides, Step, StepKind, Timings};

/// What a session can be made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Hamstrings,
    Calves,
    Quads,
    Hips,
    Glutes,
    LowerBack,
    WholeLegs,
}

impl Area {
    pub const ALL: &[Self] =
        &[Self::Hamstrings, Self::Calves, Self::Quads, Self::Hips, Self::Glutes, Self::LowerBack, Self::WholeLegs];

    /// The name on the command line and in a made session's label.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hamstrings => "hamstrings",
            Self::Calves => "calves",
            Self::Quads => "quads",
            Self::Hips => "hips",
            Self::Glutes => "glutes",
            Self::LowerBack => "lower-back",
            Self::WholeLegs => "whole-legs",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().to_lowercase().replace([' ', '_'], "-");
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The library's target areas this one means.
    fn targets(self) -> &'static [&'static str] {
        match self {
            Self::Hamstrings => &["hamstrings"],
            Self::Calves => &["calves"],
            Self::Quads => &["quads", "hip flexors"],
            Self::Hips => &["hips", "hip flexors", "adductors", "IT band"],
            Self::Glutes => &["glutes"],
            Self::LowerBack => &["lower back"],
            Self::WholeLegs => &["hamstrings", "calves", "quads", "hips", "glutes"],
        }
    }

    /// The areas a choice stands for: the whole legs are five.
    fn parts(self) -> Vec<Self> {
        match self {
            Self::WholeLegs => vec![Self::Hamstrings, Self::Calves, Self::Quads, Self::Hips, Self::Glutes],
            one => vec![one],
        }
    }
}

/// What may be at hand. A towel or a belt counts as a strap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Equipment {
    Strap,
    Wall,
    Step,
    Roller,
    Band,
}

impl Equipment {
    pub const ALL: &[Self] = &[Self::Strap, Self::Wall, Self::Step, Self::Roller, Self::Band];

    pub fn name(self) -> &'static str {
        match self {
            Self::Strap => "strap",
            Self::Wall => "wall",
            Self::Step => "step",
            Self::Roller => "roller",
            Self::Band => "band",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "strap" | "towel" | "belt" => Some(Self::Strap),
            "wall" | "chair" => Some(Self::Wall),
            "step" | "stair" | "bench" => Some(Self::Step),
            "roller" | "foam roller" | "foam-roller" => Some(Self::Roller),
            "band" | "resistance band" => Some(Self::Band),
            _ => None,
        }
    }

    /// Whether every item of an entry's `equipment` is at hand: one of `have`, or a mat
    /// where the floor is allowed; an item supple cannot ask about never is.
    pub fn all_at_hand(items: &[String], have: &[Self], floor: bool) -> bool {
        items.iter().all(|item| match Self::needed_for(item) {
            Need::Floor => floor,
            Need::Item(e) => have.contains(&e),
            Need::Unknown => false,
        })
    }

    /// What a library entry's `equipment` item needs.
    fn needed_for(item: &str) -> Need {
        match item.trim().to_lowercase().as_str() {
            "mat" => Need::Floor,
            other => Self::from_name(other).map_or(Need::Unknown, Need::Item),
        }
    }
}

/// What an entry's equipment item asks of the place.
enum Need {
    /// A mat: the floor.
    Floor,
    Item(Equipment),
    /// Something supple cannot ask about (a person's own "door frame"): never chosen.
    Unknown,
}

/// Everything a person says about today.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Choices {
    pub areas: Vec<Area>,
    pub minutes: u32,
    pub equipment: Vec<Equipment>,
    /// Only standing stretches: in a park, after a run, no mat.
    pub standing_only: bool,
    /// Just run: warm already, so no warm-up.
    pub warm: bool,
}

/// The least and most minutes a session can be made for.
pub const MINUTES: std::ops::RangeInclusive<u32> = 2..=90;

impl Default for Choices {
    fn default() -> Self {
        Self { areas: vec![Area::WholeLegs], minutes: 10, equipment: Vec::new(), standing_only: false, warm: false }
    }
}

impl Choices {
    /// The choices as one line, the made session's name in the history: the areas, the
    /// minutes, then `standing`, `warm` and what is at hand. [`Choices::from_label`] reads it.
    pub fn label(&self) -> String {
        let mut parts =
            vec![self.areas.iter().map(|a| a.name()).collect::<Vec<_>>().join(","), format!("{}m", self.minutes)];
        if self.standing_only {
            parts.push("standing".into());
        }
        if self.warm {
            parts.push("warm".into());
        }
        if !self.equipment.is_empty() {
            parts.push(format!("with={}", self.equipment.iter().map(|e| e.name()).collect::<Vec<_>>().join(",")));
        }
        parts.join(";")
    }

    pub fn from_label(label: &str) -> Option<Self> {
        let mut parts = label.split(';');
        let areas = parts.next()?.split(',').map(Area::from_name).collect::<Option<Vec<_>>>()?;
        let minutes = parts.next()?.strip_suffix('m')?.parse().ok().filter(|m| MINUTES.contains(m))?;
        let mut choices = Self { areas, minutes, ..Self::default() };
        choices.equipment.clear();
        for part in parts {
            match part {
                "standing" => choices.standing_only = true,
                "warm" => choices.warm = true,
                with => {
                    let items = with.strip_prefix("with=")?;
                    choices.equipment = items.split(',').map(Equipment::from_name).collect::<Option<Vec<_>>>()?;
                }
            }
        }
        (!choices.areas.is_empty()).then_some(choices)
    }

    /// The same choices written one way: each area and item once, in order, so the same
    /// day's session and its history name do not depend on how they were typed.
    #[must_use]
    pub fn normalized(&self) -> Self {
        let mut out = self.clone();
        out.areas.sort();
        out.areas.dedup();
        if out.areas.contains(&Area::WholeLegs) || Area::WholeLegs.parts().iter().all(|p| out.areas.contains(p)) {
            out.areas.retain(|a| !Area::WholeLegs.parts().contains(a));
            if !out.areas.contains(&Area::WholeLegs) {
                out.areas.push(Area::WholeLegs);
            }
            out.areas.sort();
        }
        out.equipment.sort();
        out.equipment.dedup();
        out
    }

    /// The areas asked for, each once, the whole legs counted as their parts.
    fn wanted(&self) -> Vec<Area> {
        let mut out: Vec<Area> = Vec::new();
        for part in self.areas.iter().flat_map(|a| a.parts()) {
            if !out.contains(&part) {
                out.push(part);
            }
        }
        if out.is_empty() {
            out = Area::WholeLegs.parts();
        }
        out
    }

    /// Whether `stretch` can be done here with what is at hand.
    fn allows(&self, stretch: &Stretch) -> bool {
        if self.standing_only && stretch.position != Position::Standing {
            return false;
        }
        Equipment::all_at_hand(&stretch.step.equipment, &self.equipment, !self.standing_only)
    }
}

/// A session made for today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The routine file's text: what runs, and what `--save` writes.
    pub text: String,
    /// What could not be done as asked, and what was done instead.
    pub notes: Vec<String>,
}

/// The date a session is made for, as the history writes it: `2026-12-03`.
pub type Day = jiff::civil::Date;

/// The holds of a stretch: so long, so many times a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dose {
    hold: u32,
    reps: u32,
}

/// Tender muscles: short holds, repeated; deep holds where there is time.
const TENDER: std::ops::RangeInclusive<u32> = 20..=30;
const DEEP: std::ops::RangeInclusive<u32> = 45..=60;
/// Foam rolling: 60-90 s an area.
const ROLLING: std::ops::RangeInclusive<u32> = 60..=90;
/// The warm-up march, in seconds: its length takes up what the holds leave over.
const MARCH: std::ops::RangeInclusive<u32> = 60..=240;
/// The get-ready before each stretch, in seconds, nudged to land on the time asked.
const GET_READY: std::ops::RangeInclusive<u32> = 5..=20;

/// One step of the session being made.
#[derive(Debug, Clone)]
struct Pick<'l> {
    stretch: &'l Stretch,
    dose: Option<Dose>,
    get_ready: u32,
    /// The first step on the floor: the get-ready waits for the person to get down.
    wait: bool,
}

/// Today's session as a routine file to run (made from the person's library entries and
/// the bundled ones), named in the history `made:DAY;CHOICES` so it can be made again to
/// resume; and the notes on what could not be done as asked.
pub fn file(choices: &Choices, day: Day, fallbacks: &Fallbacks) -> (RoutineFile, Vec<String>) {
    let choices = &choices.normalized();
    let made = make(choices, day, &stretch::all(), fallbacks);
    let source = SourceFile { path: PathBuf::from("made-for-today.toml"), text: made.text };
    let mut file = RoutineFile::new(Origin::Made, source);
    file.key = format!("{day};{}", choices.label());
    (file, made.notes)
}

/// The day and the choices a made session's history name (`made:DAY;CHOICES`) holds.
pub fn from_history(key: &str) -> Option<(Day, Choices)> {
    let (day, label) = key.split_once(';')?;
    Some((day.parse().ok()?, Choices::from_label(label)?))
}

/// Makes today's session from `library` (the person's entries and the bundled ones).
pub fn make(choices: &Choices, day: Day, library: &[&Stretch], fallbacks: &Fallbacks) -> Made {
    let mut notes = Vec::new();
    let mut choices = choices.normalized();
    if !MINUTES.contains(&choices.minutes) {
        let minutes = choices.minutes.clamp(*MINUTES.start(), *MINUTES.end());
        notes.push(format!(
            "{} minutes is outside {}-{}: made it {minutes}.",
            choices.minutes,
            MINUTES.start(),
            MINUTES.end()
        ));
        choices.minutes = minutes;
    }
    let budget = u64::from(choices.minutes) * 60;
    let mut random = Random::new(&choices, day);
    let wanted = choices.wanted();

    let mut picks = warm_up(&choices, library, &mut random, budget);
    if !choices.warm && picks.is_empty() {
        notes.push("No warm-up can be made with what is here: walk about for a few minutes first.".to_string());
    }
    let (candidates, unserved) = candidates(&choices, &wanted, library, &mut random, &mut notes);
    let first_main = picks.len();
    let mut an_area_missed = false;
    for (round, stretch) in candidates {
        // Every area has its stretch before any has a second.
        if round > 0 && an_area_missed {
            break;
        }
        let dose = Some(if stretch.kind == Kind::Rolling { Dose { hold: 60, reps: 1 } } else { LADDER[0] });
        picks.push(Pick { stretch, dose, get_ready: 5, wait: false });
        // One that does not fit makes way for a shorter one further down the list. An
        // area's first stretch stays if every stretch held once fits: all the areas asked
        // for, each held once, before one area held twice.
        let fits = if round == 0 { shortest(&picks, fallbacks) } else { total(&picks, fallbacks) } <= budget;
        if !fits && picks.len() > first_main + 1 {
            picks.pop();
            an_area_missed |= round == 0;
        }
    }
    if picks.len() == first_main {
        return Made { text: String::new(), notes };
    }
    picks[first_main..].sort_by_key(|p| (p.stretch.position, p.stretch.kind != Kind::Rolling));
    if let Some(down) = picks.iter().position(|p| p.stretch.position.on_the_floor()).filter(|&i| i > 0) {
        picks[down].wait = true;
    }
    grow(&mut picks, first_main, budget, fallbacks);
    if fit(&mut picks, budget, fallbacks) {
        notes.push(format!("{} minutes is short: each stretch is held once.", choices.minutes));
    }
    // Only the stretches count: a warm-up movement does not stretch an area.
    let main = &picks[first_main..];
    let left: Vec<&str> = wanted
        .iter()
        .filter(|a| !unserved.contains(a) && !main.iter().any(|p| serves(p.stretch, **a)))
        .map(|a| a.name())
        .collect();
    if !left.is_empty() {
        notes.push(format!(
            "{} minutes is not enough for every area: this session leaves out {}; ask for more minutes for them.",
            choices.minutes,
            left.join(", ")
        ));
    }
    let made = total(&picks, fallbacks);
    if made.abs_diff(budget) > 5 {
        let why = if made > budget {
            "the shortest session these choices allow"
        } else {
            "there are no more stretches for these choices"
        };
        notes.push(format!(
            "This session is {} rather than {} minutes: {why}.",
            compact(Duration::from_secs(made)),
            choices.minutes
        ));
    }
    Made { text: render(&choices, day, &picks), notes }
}

/// The warm-up when not warm: a march on the spot, and a movement for the areas asked
/// where there is time for one.
fn warm_up<'l>(choices: &Choices, library: &[&'l Stretch], random: &mut Random, budget: u64) -> Vec<Pick<'l>> {
    if choices.warm {
        return Vec::new();
    }
    let mut picks = Vec::new();
    if let Some(march) =
        library.iter().find(|s| s.kind == Kind::Walk && s.position == Position::Standing && choices.allows(s))
    {
        picks.push(Pick { stretch: march, dose: None, get_ready: 0, wait: false });
    }
    let movements = usize::from(budget >= 6 * 60) + usize::from(budget >= 12 * 60);
    let wanted = choices.wanted();
    let mut dynamic: Vec<&Stretch> = library
        .iter()
        .copied()
        .filter(|s| s.kind == Kind::Dynamic && s.position == Position::Standing && choices.allows(s))
        .filter(|s| wanted.iter().any(|a| serves(s, *a)))
        // A light movement: a minute and a half at most, as its entry has it.
        .filter(|s| total(&[Pick { stretch: s, dose: None, get_ready: 0, wait: false }], &Fallbacks::default()) <= 90)
        .collect();
    random.shuffle(&mut dynamic);
    picks.extend(dynamic.into_iter().take(movements).map(|stretch| Pick {
        stretch,
        dose: None,
        get_ready: 5,
        wait: false,
    }));
    picks
}

/// The stretches for the areas asked, in the order they are added: one for each area in
/// turn, so every area has one before any has two. Notes an area nothing here serves.
fn candidates<'l>(
    choices: &Choices,
    wanted: &[Area],
    library: &[&'l Stretch],
    random: &mut Random,
    notes: &mut Vec<String>,
) -> (Vec<(usize, &'l Stretch)>, Vec<Area>) {
    let usable = |s: &&Stretch| {
        (s.kind == Kind::Static || (s.kind == Kind::Rolling && choices.minutes >= 10)) && choices.allows(s)
    };
    let mut per_area: Vec<std::collections::VecDeque<&Stretch>> = wanted
        .iter()
        .map(|area| {
            let mut for_it: Vec<&Stretch> =
                library.iter().copied().filter(usable).filter(|s| serves(s, *area)).collect();
            random.shuffle(&mut for_it);
            // A stretch whose first target is the area comes before one that only touches it.
            for_it.sort_by_key(|s| {
                !area.targets().iter().any(|t| s.step.targets.first().is_some_and(|f| f.eq_ignore_ascii_case(t)))
            });
            // No session holds more than a few dozen stretches: a huge library of a
            // person's own is not walked whole.
            for_it.truncate(MOST_PER_AREA);
            for_it.into_iter().collect::<std::collections::VecDeque<_>>()
        })
        .collect();
    let mut unserved = Vec::new();
    for (area, found) in wanted.iter().zip(&per_area) {
        if found.is_empty() {
            let why = if choices.standing_only { "standing, with what you have" } else { "with what you have" };
            notes.push(format!("No stretch for the {} can be done {why}: left out.", area.name().replace('-', " ")));
            unserved.push(*area);
        }
    }
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut round = 0;
    while per_area.iter().any(|a| !a.is_empty()) {
        for found in &mut per_area {
            while let Some(next) = found.pop_front() {
                if taken.insert(next.name.as_str()) {
                    out.push((round, next));
                    break;
                }
            }
        }
        round += 1;
    }
    (out, unserved)
}

/// The most stretches considered for one area.
const MOST_PER_AREA: usize = 64;

/// Whether `stretch` works `area`.
pub fn serves(stretch: &Stretch, area: Area) -> bool {
    stretch.step.targets.iter().any(|t| area.targets().iter().any(|a| a.eq_ignore_ascii_case(t)))
}

/// The doses a static stretch climbs while there is time, each stretch a rung at a time:
/// tender holds first (20-30 s, two or three a side), then deep ones (45-60 s).
const LADDER: &[Dose] = &[
    Dose { hold: 20, reps: 2 },
    Dose { hold: 25, reps: 2 },
    Dose { hold: 30, reps: 2 },
    Dose { hold: 30, reps: 3 },
    Dose { hold: 45, reps: 2 },
    Dose { hold: 60, reps: 2 },
    Dose { hold: 60, reps: 3 },
];

/// With time over once every stretch is in: each stretch up the ladder in turn, so they
/// grow together.
fn grow(picks: &mut [Pick<'_>], first_main: usize, budget: u64, fallbacks: &Fallbacks) {
    for rung in &LADDER[1..] {
        for i in first_main..picks.len() {
            let Some(dose) = picks[i].dose.filter(|_| picks[i].stretch.kind == Kind::Static) else { continue };
            picks[i].dose = Some(*rung);
            if total(picks, fallbacks) > budget {
                picks[i].dose = Some(dose);
            }
        }
    }
}

/// Nudges holds within their range, the march's length and the get-readies, so the total
/// lands on `budget`; when even the shortest holds are too long, one hold a side.
/// Whether it came to that.
fn fit(picks: &mut [Pick<'_>], budget: u64, fallbacks: &Fallbacks) -> bool {
    let mut cut = false;
    for i in (0..picks.len()).rev() {
        if total(picks, fallbacks) <= budget {
            break;
        }
        if let Some(dose) = picks[i].dose.filter(|d| d.reps > 1 && picks[i].stretch.kind == Kind::Static) {
            picks[i].dose = Some(Dose { reps: 1, ..dose });
            cut = true;
        }
    }
    // Holds in steps of 5 s read better ("25s"); the march and the get-readies take up
    // the last seconds, and only where they cannot do holds go by the second.
    settle_holds(picks, budget, fallbacks, 5);
    if let Some(march) = picks.iter().position(|p| p.stretch.kind == Kind::Walk) {
        let now = total(picks, fallbacks);
        let length = picks[march].dose.map_or_else(|| march_length(picks[march].stretch), |d| d.hold);
        let wanted = (i128::from(length) + i128::from(budget) - i128::from(now))
            .clamp(i128::from(*MARCH.start()), i128::from(*MARCH.end()));
        picks[march].dose = Some(Dose { hold: u32::try_from(wanted).unwrap_or(*MARCH.start()), reps: 1 });
    }
    lengthen_get_readies(picks, budget, fallbacks);
    if budget.saturating_sub(total(picks, fallbacks)) > 5 {
        settle_holds(picks, budget, fallbacks, 1);
        lengthen_get_readies(picks, budget, fallbacks);
    }
    more_reps(picks, budget, fallbacks);
    close_the_gap(picks, budget, fallbacks);
    cut
}

/// Where the session is still short (one long stretch that cannot grow a rung, and no
/// other that fits): a hold more a side, each a little shorter, so the time asked is met.
fn more_reps(picks: &mut [Pick<'_>], budget: u64, fallbacks: &Fallbacks) {
    for i in 0..picks.len() {
        if budget.saturating_sub(total(picks, fallbacks)) <= 5 {
            return;
        }
        let Some(dose) = picks[i].dose.filter(|d| d.reps < 3 && picks[i].stretch.kind == Kind::Static) else {
            continue;
        };
        let before = picks.to_vec();
        let mut more = Dose { reps: dose.reps + 1, ..dose };
        picks[i].dose = Some(more);
        while total(picks, fallbacks) > budget && more.hold > *TENDER.start() {
            more.hold -= 1;
            picks[i].dose = Some(more);
        }
        if total(picks, fallbacks) > budget || total(picks, fallbacks) < total(&before, fallbacks) {
            picks.clone_from_slice(&before);
        } else {
            lengthen_get_readies(picks, budget, fallbacks);
        }
    }
}

/// Where a second more on a hold is more than the gap (a scaled hold, held four or six
/// times): a second more on one hold, and the get-readies shortened to make room.
fn close_the_gap(picks: &mut [Pick<'_>], budget: u64, fallbacks: &Fallbacks) {
    for i in 0..picks.len() {
        if budget.saturating_sub(total(picks, fallbacks)) <= 5 {
            return;
        }
        let Some(dose) = picks[i].dose.filter(|_| picks[i].stretch.kind != Kind::Walk) else { continue };
        if dose.hold >= *range_of(picks[i].stretch.kind).end() {
            continue;
        }
        let before = picks.to_vec();
        picks[i].dose = Some(Dose { hold: dose.hold + 1, ..dose });
        for j in 0..picks.len() {
            while picks[j].get_ready > *GET_READY.start() && !picks[j].wait && total(picks, fallbacks) > budget {
                picks[j].get_ready -= 1;
            }
        }
        if total(picks, fallbacks) > budget {
            picks.clone_from_slice(&before);
        } else {
            lengthen_get_readies(picks, budget, fallbacks);
        }
    }
}

/// The holds lengthened together, `step` seconds at a time round the stretches and
/// within each one's range, while the total stays within `budget`.
fn settle_holds(picks: &mut [Pick<'_>], budget: u64, fallbacks: &Fallbacks, step: u32) {
    let mut grown = true;
    while grown {
        grown = false;
        for i in 0..picks.len() {
            let Some(dose) = picks[i].dose.filter(|_| picks[i].stretch.kind != Kind::Walk) else { continue };
            if dose.hold + step > *range_of(picks[i].stretch.kind).end() {
                continue;
            }
            picks[i].dose = Some(Dose { hold: dose.hold + step, ..dose });
            if total(picks, fallbacks) <= budget {
                grown = true;
            } else {
                picks[i].dose = Some(dose);
            }
        }
    }
}

/// The get-readies lengthened a second at a time while the session is short.
fn lengthen_get_readies(picks: &mut [Pick<'_>], budget: u64, fallbacks: &Fallbacks) {
    for i in 0..picks.len() {
        if picks[i].stretch.kind == Kind::Walk || picks[i].wait {
            continue;
        }
        while picks[i].get_ready < *GET_READY.end() && total(picks, fallbacks) < budget {
            picks[i].get_ready += 1;
        }
    }
}

/// The holds a stretch of `kind` may have: from a tender 20 s to a deep minute.
fn range_of(kind: Kind) -> std::ops::RangeInclusive<u32> {
    match kind {
        Kind::Rolling => ROLLING,
        _ => *TENDER.start()..=*DEEP.end(),
    }
}

/// How long the march lasts: what was set, or the entry's own.
fn march_length(stretch: &Stretch) -> u32 {
    match stretch.step.kind {
        StepKind::Activity { duration } => u32::try_from(duration.as_secs()).unwrap_or(120),
        StepKind::Stretch => 120,
    }
}

/// The session's length with every static stretch held once a side, as [`fit`] may cut it.
fn shortest(picks: &[Pick<'_>], fallbacks: &Fallbacks) -> u64 {
    let once: Vec<Pick<'_>> = picks
        .iter()
        .map(|p| match p.dose.filter(|_| p.stretch.kind == Kind::Static) {
            Some(dose) => Pick { dose: Some(Dose { reps: 1, ..dose }), ..p.clone() },
            None => p.clone(),
        })
        .collect();
    total(&once, fallbacks)
}

/// The session's length in seconds, as the plan counts it.
fn total(picks: &[Pick<'_>], fallbacks: &Fallbacks) -> u64 {
    let routine = routine(picks);
    Plan::new(&routine, fallbacks).total().as_secs()
}

/// The picks as a routine, as the text [`render`] writes reads back.
fn routine(picks: &[Pick<'_>]) -> Routine {
    let steps = picks.iter().map(step).collect();
    Routine { name: String::new(), description: String::new(), defaults: defaults(), steps, poses: Vec::new() }
}

/// What the made session sets for all its steps.
fn defaults() -> Timings {
    Timings {
        switch_sides: Some(Duration::from_secs(5)),
        rest_between_reps: Some(Duration::from_secs(10)),
        rest_after: Some(Duration::from_secs(5)),
        ..Timings::default()
    }
}

fn step(pick: &Pick<'_>) -> Step {
    let mut step = pick.stretch.step.clone();
    step.id.clone_from(&pick.stretch.name);
    // The made session's own gaps, whatever an entry says; and both sides of a one-sided
    // stretch, always.
    step.timings.switch_sides = None;
    step.timings.rest_between_reps = None;
    step.timings.rest_after = None;
    if matches!(step.timings.sides, Some(Sides::LeftOnly | Sides::RightOnly)) {
        step.timings.sides = Some(Sides::LeftThenRight);
    }
    if pick.wait {
        step.timings.wait = Some(true);
        step.timings.get_ready = None;
    } else {
        step.timings.get_ready = Some(Duration::from_secs(pick.get_ready.into()));
        step.timings.wait = Some(false);
    }
    match (pick.stretch.kind, pick.dose) {
        (Kind::Walk, Some(d)) => step.kind = StepKind::Activity { duration: Duration::from_secs(d.hold.into()) },
        (_, Some(d)) => {
            step.timings.hold = Some(Duration::from_secs(d.hold.into()));
            step.timings.reps = Some(d.reps);
            step.timings.breaths = None;
            step.timings.count = None;
        }
        (_, None) => {}
    }
    step
}

/// The routine file's text: each step names its stretch and says what it changes.
fn render(choices: &Choices, day: Day, picks: &[Pick<'_>]) -> String {
    let areas: Vec<String> = choices.wanted().iter().map(|a| a.name().replace('-', " ")).collect();
    let mut text = String::new();
    let _ = writeln!(text, "# Made by `supple make` on {day} for: {}.", choices.label());
    let _ = writeln!(text, "# An ordinary routine: keep it, edit it, run it again.");
    let _ = writeln!(text, "name = \"For today: {}\"", areas.join(", "));
    let _ = writeln!(
        text,
        "description = \"{} minutes{}{}.\"",
        choices.minutes,
        match (choices.warm, picks.first().is_some_and(|p| matches!(p.stretch.kind, Kind::Walk | Kind::Dynamic))) {
            (true, _) => ", warm from a run",
            (false, true) => ", with a warm-up",
            (false, false) => "",
        },
        if choices.standing_only { ", standing only" } else { "" }
    );
    let d = defaults();
    let secs = |d: Option<Duration>| compact(d.unwrap_or_default());
    let _ = writeln!(text, "\n[defaults]");
    let _ = writeln!(text, "switch_sides = \"{}\"", secs(d.switch_sides));
    let _ = writeln!(text, "rest_between_reps = \"{}\"", secs(d.rest_between_reps));
    let _ = writeln!(text, "rest_after = \"{}\"", secs(d.rest_after));
    for pick in picks {
        let _ = writeln!(text, "\n[[step]]");
        let _ = writeln!(text, "stretch = \"{}\"", pick.stretch.name);
        if pick.wait {
            let _ = writeln!(
                text,
                "get_ready = \"wait\"          # down to the floor at your own pace: space when in position"
            );
        }
        match (pick.stretch.kind, pick.dose) {
            (Kind::Walk, Some(d)) => {
                let _ = writeln!(text, "duration = \"{}\"", compact(Duration::from_secs(d.hold.into())));
            }
            (_, Some(d)) => {
                let _ = writeln!(text, "hold = \"{}\"", compact(Duration::from_secs(d.hold.into())));
                let _ = writeln!(text, "reps = {}", d.reps);
            }
            (_, None) => {}
        }
        // What `step` sets over the entry, written out so the text reads back the same.
        let own = &pick.stretch.step.timings;
        for (key, set, value) in [
            ("switch_sides", own.switch_sides, d.switch_sides),
            ("rest_between_reps", own.rest_between_reps, d.rest_between_reps),
            ("rest_after", own.rest_after, d.rest_after),
        ] {
            if set.is_some() {
                let _ = writeln!(text, "{key} = \"{}\"", secs(value));
            }
        }
        if matches!(own.sides, Some(Sides::LeftOnly | Sides::RightOnly)) {
            let _ = writeln!(text, "sides = \"both\"");
        }
        if !pick.wait {
            let _ = writeln!(text, "get_ready = \"{}\"", compact(Duration::from_secs(pick.get_ready.into())));
        }
    }
    text
}

/// A stream of numbers fixed by the day and the choices (`SplitMix64`).
struct Random(u64);

impl Random {
    fn new(choices: &Choices, day: Day) -> Self {
        // FNV-1a over the label and the date: stable across runs and versions, unlike
        // the standard library's hasher.
        let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in format!("{day}|{}", choices.label()).bytes() {
            seed = (seed ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}
