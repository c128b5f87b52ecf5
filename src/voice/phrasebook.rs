//! What the voice says, and when: the plan turned into short sentences, each with shorter
//! forms for a gap too short for the whole, and the choice of the form that fits.
//!
//! Pure: a phase (or a cue) in, sentences out. The time a sentence takes is estimated from
//! its length at the speaking rate, calibrated on espeak-ng (see [`estimate`]); the player
//! also stops speech at a countdown tick, so an estimate that falls short can never make
//! speech and the ticks overlap.

use std::time::Duration;

use crate::cue::{BuiltIn, Cue};
use crate::plan::{Phase, PhaseKind, Plan};
use crate::routine::{Measure, Routine};

/// One way to say something: its text, and the built-in sound that says the same, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    pub built_in: Option<BuiltIn>,
}

impl Phrase {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), built_in: None }
    }

    fn built_in(b: BuiltIn) -> Self {
        Self { text: b.text().to_string(), built_in: Some(b) }
    }
}

/// Something to say, in every form, longest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    pub forms: Vec<Phrase>,
}

/// How long after a phase's start (and its chime's attack) speech begins.
pub const LEAD: Duration = Duration::from_millis(600);
/// How long after the end chime the closing sentence begins.
pub const END_LEAD: Duration = Duration::from_millis(1_200);
/// Room kept between the end of speech and the next sound.
const MARGIN: Duration = Duration::from_millis(250);
/// The longest stretch name spoken, in characters.
const MOST_NAME_CHARS: usize = 60;
/// The speaking rate the estimates were measured at, in words a minute.
pub const DEFAULT_RATE: u16 = 175;

/// What to say as phase `index` of `plan` begins; `None` for a hold or activity that a
/// gap before it already announced (its chime says it begins).
pub fn at_phase(routine: &Routine, plan: &Plan, index: usize) -> Option<Utterance> {
    let phase = plan.phases.get(index)?;
    let name = |p: &Phase| speakable(routine.steps.get(p.step).map_or("", |s| s.name.as_str()));
    let first_work = plan.phases[index..].iter().find(|p| p.kind.is_work() && p.step == phase.step);
    let forms = match phase.kind {
        PhaseKind::GetReady => {
            let work = first_work?;
            let (name, length) = (name(work), spoken_length(work));
            match work.side {
                // Short of time, the stretch's name before its side: the side is on the
                // screen in big letters, which pose to take is not.
                Some(side) => vec![
                    Phrase::new(format!("{name}, {} side, {length}", side.label())),
                    Phrase::new(format!("{name}, {} side", side.label())),
                    Phrase::new(name),
                    Phrase::built_in(BuiltIn::side(side)),
                ],
                None => vec![Phrase::new(format!("{name}, {length}")), Phrase::new(name)],
            }
        }
        PhaseKind::SwitchSides => {
            let side = phase.side?;
            vec![
                Phrase::new(format!("Switch to the {} side", side.label())),
                Phrase::built_in(BuiltIn::side(side)),
                Phrase::built_in(BuiltIn::SwitchSides),
            ]
        }
        PhaseKind::Rest => {
            let next = plan.phases.get(index + 1..)?.iter().find(|p| p.kind.is_work())?;
            let then = if next.step == phase.step {
                format!("Rest. Repetition {} of {} next", next.rep, next.reps)
            } else {
                format!("Rest. Next: {}", name(next))
            };
            vec![Phrase::new(then), Phrase::built_in(BuiltIn::Rest)]
        }
        // Work that begins with no gap of its own before it is named as it begins.
        PhaseKind::Hold | PhaseKind::Activity => {
            let announced = index.checked_sub(1).and_then(|i| plan.phases.get(i)).is_some_and(|p| p.step == phase.step);
            if announced {
                return None;
            }
            let (name, length) = (name(phase), spoken_length(phase));
            match phase.side {
                Some(side) => vec![
                    Phrase::new(format!("{name}, {} side", side.label())),
                    Phrase::new(name),
                    Phrase::built_in(BuiltIn::side(side)),
                ],
                None => vec![Phrase::new(format!("{name}, {length}")), Phrase::new(name)],
            }
        }
    };
    Some(Utterance { forms })
}

/// What to say for a cue inside a hold, in its chime's place: its built-in sentence
/// ("Halfway"), or for the last seconds, how many when they are not ten.
pub fn at_cue(cue: Cue, phase: &Phase) -> Option<Utterance> {
    let built_in = cue.sound().says?;
    let form = match (cue, phase.cues.time_left) {
        (Cue::TimeLeft, Some(left)) if left != Duration::from_secs(10) => Phrase::new(seconds(left)),
        (Cue::TimeLeft, None) => return None,
        (Cue::Halfway, _) if !phase.cues.halfway => return None,
        _ => Phrase::built_in(built_in),
    };
    Some(Utterance { forms: vec![form] })
}

/// What to say when the routine is complete, after `took` of running time.
pub fn at_end(took: Duration) -> Utterance {
    let minutes = (took.as_secs() + 30) / 60;
    let took = match minutes {
        0 => seconds(took),
        1 => "1 minute".to_string(),
        n => format!("{n} minutes"),
    };
    Utterance {
        forms: vec![Phrase::new(format!("Routine complete, in {took}")), Phrase::built_in(BuiltIn::RoutineComplete)],
    }
}

/// How long speech may take from its start, for phase `index` of `plan` entered with
/// `left` to run: the whole phase, less the lead and a margin before its end, and before
/// a hold or an activity, less the last second, whose tick always sounds. The ticks before
/// it yield to what is said ([`heard_until`]), so a short gap says a whole sentence rather
/// than one cut to fit before all three.
pub fn window(plan: &Plan, index: usize, left: Duration) -> Duration {
    let last_tick = if crate::session::ticks_in(plan, index) { Duration::from_secs(1) } else { Duration::ZERO };
    left.saturating_sub(LEAD + MARGIN + last_tick)
}

/// How long after a phase begins `phrase`, said at `rate`, has been heard out, with the
/// margin before the next sound: no countdown tick comes before it.
pub fn heard_until(phrase: &Phrase, rate: u16) -> Duration {
    LEAD + estimate(&phrase.text, rate) + MARGIN
}

/// The longest form of `utterance` that fits `window` at `rate`; with no engine
/// (`engine` false), only the built-in ones can be said.
pub fn choose(utterance: &Utterance, window: Duration, rate: u16, engine: bool) -> Option<&Phrase> {
    utterance.forms.iter().filter(|f| engine || f.built_in.is_some()).find(|f| estimate(&f.text, rate) <= window)
}

/// How long `text` takes to say at `rate` words a minute: measured on espeak-ng at 175
/// (silence trimmed), about 0.07 s a character, 0.12 s more at a comma and 0.3 s at the
/// end of a sentence or a colon; "Calf stretch, left side" 1.7 s.
pub fn estimate(text: &str, rate: u16) -> Duration {
    let count = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    let chars = count(text.chars().count());
    let commas = count(text.matches(',').count());
    let stops = count(text.matches(['.', ':', ';', '?', '!']).count());
    let at_default = 0.1 + 0.07 * chars + 0.12 * commas + 0.3 * stops;
    Duration::from_secs_f64(at_default * f64::from(DEFAULT_RATE) / f64::from(rate.max(1)))
}

/// Routine text made fit to say: one line, no control characters, nothing an engine could
/// read as an option or markup, and not too long.
pub fn speakable(text: &str) -> String {
    let clean: String = crate::text::sanitize(text, false)
        .chars()
        .map(|c| if c == crate::text::REPLACEMENT || matches!(c, '<' | '>' | '[' | ']') { ' ' } else { c })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > MOST_NAME_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // "- -f/x" is "-f/x" once the first dash goes: trim dashes and spaces together.
    out.trim_start_matches(['-', '+', ' ']).trim_end().to_string()
}

/// Every sentence a run of `plan` could say, each once, in the order first needed: what to
/// render ahead.
pub fn every_text(routine: &Routine, plan: &Plan) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut add = |u: Utterance| {
        // The built-in forms too: with an engine, every sentence is said in its voice.
        for form in u.forms {
            if !all.contains(&form.text) {
                all.push(form.text);
            }
        }
    };
    for (index, phase) in plan.phases.iter().enumerate() {
        if let Some(u) = at_phase(routine, plan, index) {
            add(u);
        }
        for cue in [Cue::Halfway, Cue::TimeLeft] {
            if let Some(u) = at_cue(cue, phase) {
                add(u);
            }
        }
    }
    add(at_end(plan.total()));
    all
}

/// "30 seconds", "1 minute", "1 minute 30", "5 breaths", "10 times".
fn spoken_length(phase: &Phase) -> String {
    match phase.measure {
        Measure::Breaths(n) => crate::wording::plural(n as usize, "breath", "breaths"),
        Measure::Count { count, .. } => crate::wording::plural(count as usize, "time", "times"),
        Measure::Time => {
            let total = phase.duration.as_secs();
            match (total / 60, total % 60) {
                (0, _) => seconds(phase.duration),
                (1, 0) => "1 minute".to_string(),
                (m, 0) => format!("{m} minutes"),
                (1, s) => format!("1 minute {s}"),
                (m, s) => format!("{m} minutes {s}"),
            }
        }
    }
}

fn seconds(d: Duration) -> String {
    crate::wording::plural(usize::try_from(d.as_secs()).unwrap_or(usize::MAX), "second", "seconds")
}
