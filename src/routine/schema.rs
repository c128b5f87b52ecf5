//! The keys a routine file may use, where each may appear, and the did-you-mean hints
//! for keys and values that are not quite right.

/// Keys of the top-level table.
pub const ROUTINE_KEYS: &[&str] = &["name", "description", "defaults", "step", "pose", "stretch"];

/// A timing key, allowed in `[defaults]` and in each `[[step]]`, and whether it means
/// anything on a timed activity (a walk is not held, repeated or sided).
#[derive(Debug)]
pub struct TimingKey {
    pub name: &'static str,
    pub on_activity: bool,
}

const fn key(name: &'static str, on_activity: bool) -> TimingKey {
    TimingKey { name, on_activity }
}

/// The timing keys: what is checked everywhere they are, and on activities.
pub const TIMING: &[TimingKey] = &[
    key("hold", false),
    key("reps", false),
    key("sides", false),
    key("get_ready", true),
    key("switch_sides", false),
    key("rest_between_reps", false),
    key("rest_after", true),
    key("breaths", false),
    key("count", false),
    key("pace", false),
    key("breath", false),
    key("halfway_cue", false),
    key("time_left_cue", false),
    key("progress", false),
];

/// The timing keys' names.
pub fn timing_keys() -> Vec<&'static str> {
    TIMING.iter().map(|k| k.name).collect()
}

/// Keys of a `[[step]]` besides the timing keys.
pub const STEP_KEYS: &[&str] = &["id", "name", "stretch", "how", "focus", "targets", "equipment", "pose", "duration"];

/// Keys of a `[stretch.NAME]` library entry besides the timing keys.
pub const STRETCH_KEYS: &[&str] =
    &["name", "how", "focus", "targets", "equipment", "pose", "duration", "position", "kind", "cautions"];

/// Keys of a library file: its stretches and the poses they draw with.
pub const LIBRARY_KEYS: &[&str] = &["stretch", "pose"];

/// The values `sides` accepts, and what each means.
pub const SIDES_VALUES: &[(&str, super::model::Sides)] = &[
    ("none", super::model::Sides::Centre),
    ("both", super::model::Sides::LeftThenRight),
    ("left-right", super::model::Sides::LeftThenRight),
    ("right-left", super::model::Sides::RightThenLeft),
    ("left", super::model::Sides::LeftOnly),
    ("right", super::model::Sides::RightOnly),
];

/// Words people reach for that mean one of our keys, though they are spelled nothing
/// like it.
const SYNONYMS: &[(&str, &str)] = &[
    ("steps", "step"),
    ("stretches", "stretch"),
    ("library", "stretch"),
    ("use", "stretch"),
    ("from", "stretch"),
    ("exercise", "step"),
    ("exercises", "step"),
    ("title", "name"),
    ("desc", "description"),
    ("about", "description"),
    ("instructions", "how"),
    ("howto", "how"),
    ("how_to", "how"),
    ("cue", "focus"),
    ("tip", "focus"),
    ("muscles", "targets"),
    ("target", "targets"),
    ("muscle", "targets"),
    ("props", "equipment"),
    ("prop", "equipment"),
    ("gear", "equipment"),
    ("needs", "equipment"),
    ("kit", "equipment"),
    ("tools", "equipment"),
    ("repetitions", "reps"),
    ("rep", "reps"),
    ("repeat", "reps"),
    ("sets", "reps"),
    ("side", "sides"),
    ("time", "hold"),
    ("seconds", "hold"),
    ("hold_time", "hold"),
    ("ready", "get_ready"),
    ("prepare", "get_ready"),
    ("countdown", "get_ready"),
    ("switch", "switch_sides"),
    ("switch_time", "switch_sides"),
    ("rest_after_step", "rest_after"),
    ("rest_between_steps", "rest_after"),
    ("rest_reps", "rest_between_reps"),
    ("length", "duration"),
    ("progression", "progress"),
    ("poses", "pose"),
    ("figure", "pose"),
    ("picture", "pose"),
    ("grow", "progress"),
];

/// The closest of `known` to `unknown`, if one is close enough to be what was meant.
pub(crate) fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::diagnostic::suggest_key(unknown, known, SYNONYMS)
}

/// The words people reach for that mean one of the routine's keys.
pub(crate) const fn synonyms() -> &'static [(&'static str, &'static str)] {
    SYNONYMS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_and_synonyms() {
        let step: Vec<&str> = STEP_KEYS.iter().copied().chain(timing_keys()).collect();
        assert_eq!(suggest("hodl", &step), Some("hold"));
        assert_eq!(suggest("Get-Ready", &step), Some("get_ready"));
        assert_eq!(suggest("rep", &step), Some("reps"));
        assert_eq!(suggest("muscles", &step), Some("targets"));
        assert_eq!(suggest("props", &step), Some("equipment"));
        assert_eq!(suggest("gear", &step), Some("equipment"));
        assert_eq!(suggest("equipement", &step), Some("equipment"));
        assert_eq!(suggest("switch", &step), Some("switch_sides"));
        assert_eq!(suggest("colour", &step), None);
        assert_eq!(suggest("steps", ROUTINE_KEYS), Some("step"));
        // A synonym only counts where its key is allowed.
        assert_eq!(suggest("steps", &step), None);
    }
}
