//! Reading `[pose.NAME]` tables, from a routine file or the bundled library: every mistake
//! located, with a did-you-mean for names and keys. A step's `pose = "NAME"` is looked up
//! in [`super::library`].

use toml::de::{DeTable, DeValue};

use super::{Frame, Limb, Pose, Props, Roller, View, Wall};
use crate::diagnostic::Diagnostic;
use crate::reader::{self, Reader, Text, Value, type_error};
use crate::text;

/// The keys of a key frame; `then` may set any of them.
pub const FRAME_KEYS: &[&str] = &["torso", "head", "arm", "other_arm", "leg", "other_leg"];

/// The keys of a `[pose.NAME]` table.
pub const POSE_KEYS: &[&str] = &[
    "title",
    "view",
    "torso",
    "head",
    "arm",
    "other_arm",
    "leg",
    "other_leg",
    "lit",
    "wall",
    "step",
    "strap",
    "roller",
    "then",
];

/// The longest pose name.
const MAX_NAME_CHARS: usize = 40;

/// The longest title: a line under a figure in the gallery.
const MAX_TITLE_CHARS: usize = 60;

/// The farthest a wall may stand from the hip, in units (a standing figure is 18 tall).
const MAX_WALL: f64 = 30.0;

/// Reads the poses of a `pose` table (`[pose.NAME]` headers), reporting each mistake.
pub(crate) fn poses(value: &Value<'_>, read: &mut Reader) -> Vec<Pose> {
    let help = "define each pose under its own header: `[pose.my-pose]`, then its angles";
    let DeValue::Table(table) = value.get_ref() else {
        read.report(type_error("pose", "a table of poses", value).help(help));
        return Vec::new();
    };
    let mut poses = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if !reader::is_name(name, MAX_NAME_CHARS) {
            read.report(
                Diagnostic::error("a pose name may use only letters, digits, `-` and `_`")
                    .at(key.span(), "not a valid name")
                    .help(format!("try `[pose.{}]`", text::slug(name))),
            );
            continue;
        }
        if let Some(pose) = pose(name, value, read) {
            poses.push(pose);
        }
    }
    poses
}

fn no_hint(_: &str) -> Option<String> {
    None
}

fn pose(name: &str, value: &Value<'_>, read: &mut Reader) -> Option<Pose> {
    let DeValue::Table(table) = value.get_ref() else {
        read.report(
            type_error(&format!("pose.{name}"), "a table of angles", value)
                .help(format!("write the pose under its own header, `[pose.{name}]`, with keys such as `torso = 45`")),
        );
        return None;
    };
    let before = read.diagnostics.len();
    read.unknown_keys(table, POSE_KEYS, &[], &format!("pose `{name}`"), &no_hint);
    let title = table.get("title").and_then(|v| read.text(v, "title", Text::line(MAX_TITLE_CHARS)));
    let view = match table.get("view") {
        Some(v) => read.choice(v, "view", View::NAMES, "use \"side\", \"front\" or \"top\""),
        None => Some(View::Side),
    };
    let first = frame(table, Frame::default(), read);
    let mut frames = vec![first];
    if let Some(then) = table.get("then") {
        let help = "the second key frame sets the angles that change: `then = { torso = [100, 60] }`";
        if let DeValue::Table(then) = then.get_ref() {
            read.unknown_keys(then, FRAME_KEYS, &[], &format!("`then` of pose `{name}`"), &no_hint);
            frames.push(frame(then, first, read));
        } else {
            read.report(type_error("then", "a table of angles", then).help(help));
        }
    }
    let props = props(table, read);
    let lit = table.get("lit").map_or_else(|| vec![Limb::Leg], |v| lit(v, read));
    let title = title.filter(|t| !t.is_empty()).unwrap_or_else(|| name.replace(['-', '_'], " "));
    let view = view.filter(|_| !read.diagnostics[before..].iter().any(Diagnostic::is_error))?;
    Some(Pose { name: name.to_string(), title, view, frames, props, lit })
}

/// A key frame: `base` with the angles `table` sets.
fn frame(table: &DeTable<'_>, base: Frame, read: &mut Reader) -> Frame {
    let mut frame = base;
    if let Some(v) = table.get("torso") {
        // One angle for a straight back, two for a bent one.
        if let Some(a) = reader::number(v).and_then(angle) {
            frame.torso = [a, a];
        } else if let Some([lower, upper]) =
            angles::<2>(v, "torso", read, "`torso = 90`, or `torso = [60, 100]` for a bent back")
        {
            frame.torso = [lower, upper];
        }
    }
    if let Some(v) = table.get("head") {
        match reader::number(v).and_then(angle) {
            Some(a) => frame.head = a,
            None => read.report(angle_error("head", v, "`head = 90` (up), `head = 0` (looking forward)")),
        }
    }
    let pairs = [("arm", &mut frame.arm), ("other_arm", &mut frame.other_arm)];
    for (key, slot) in pairs {
        if let Some(v) = table.get(key) {
            *slot =
                angles::<2>(v, key, read, &format!("`{key} = [-90, -90]`: upper arm, then forearm")).unwrap_or(*slot);
        }
    }
    let legs = [("leg", &mut frame.leg), ("other_leg", &mut frame.other_leg)];
    for (key, slot) in legs {
        if let Some(v) = table.get(key) {
            *slot =
                angles::<3>(v, key, read, &format!("`{key} = [-90, -90, 0]`: thigh, shin, then foot")).unwrap_or(*slot);
        }
    }
    frame
}

fn props(table: &DeTable<'_>, read: &mut Reader) -> Props {
    let mut props = Props::default();
    if let Some(v) = table.get("wall") {
        props.wall = match v.get_ref() {
            DeValue::String(s) if s.trim() == "hands" => Some(Wall::Hands),
            _ => {
                let at = reader::number(v).filter(|x| x.abs() <= MAX_WALL);
                if at.is_none() {
                    read.report(
                        type_error("wall", "\"hands\" or a distance from the hip", v)
                            .help("`wall = \"hands\"` puts it at the hands; `wall = 6` six units in front of the hip (a thigh is 4.5), `wall = -3` behind"),
                    );
                }
                #[allow(clippy::cast_possible_truncation)]
                at.map(|x| Wall::At((x * 10.0).round() as i16))
            }
        };
    }
    if let Some(step) = table.get("step").and_then(|v| read.boolean(v, "step")) {
        props.step = step;
    }
    if let Some(strap) = table.get("strap").and_then(|v| read.boolean(v, "strap")) {
        props.strap = strap;
    }
    if let Some(v) = table.get("roller") {
        props.roller = read.choice(
            v,
            "roller",
            Roller::NAMES,
            "use \"shin\", \"thigh\" or \"hip\": where the roller lies under the working leg",
        );
    }
    props
}

/// `lit = ["leg", "arm"]`: what the stretch works.
fn lit(value: &Value<'_>, read: &mut Reader) -> Vec<Limb> {
    let names: Vec<&str> = Limb::NAMES.iter().map(|(n, _)| *n).collect();
    let DeValue::Array(items) = value.get_ref() else {
        read.report(
            type_error("lit", "a list of parts", value)
                .help(format!("write `lit = [\"leg\"]`, from: {}", names.join(", "))),
        );
        return Vec::new();
    };
    let help = format!("the parts are: {}", names.join(", "));
    items.iter().filter_map(|item| read.choice(item, "lit", Limb::NAMES, &help)).collect()
}

/// An angle in whole degrees, from -360 to 360.
fn angle(degrees: f64) -> Option<i16> {
    #[allow(clippy::cast_possible_truncation)]
    (degrees.abs() <= 360.0).then(|| degrees.round() as i16)
}

fn angles<const N: usize>(value: &Value<'_>, key: &str, read: &mut Reader, example: &str) -> Option<[i16; N]> {
    let DeValue::Array(items) = value.get_ref() else {
        read.report(angle_error(key, value, example));
        return None;
    };
    if items.len() != N {
        read.report(
            Diagnostic::error(format!("`{key}` takes {N} angles; this list has {}", items.len()))
                .at(value.span(), format!("{} angles", items.len()))
                .help(format!("write {example}")),
        );
        return None;
    }
    let mut out = [0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        let Some(a) = reader::number(item).and_then(angle) else {
            read.report(angle_error(key, item, example));
            return None;
        };
        *slot = a;
    }
    Some(out)
}

fn angle_error(key: &str, value: &Value<'_>, example: &str) -> Diagnostic {
    let d = match reader::number(value) {
        Some(n) => {
            Diagnostic::error(format!("`{key}`: {n} is not an angle from -360 to 360")).at(value.span(), "out of range")
        }
        None => type_error(key, "an angle in degrees", value),
    };
    d.help(format!(
        "angles are degrees from the way the figure faces: 0 forward, 90 up, 180 back, -90 down; write {example}"
    ))
}

/// The names a `pose` table declares, whether or not their poses read.
pub(crate) fn declared(value: &Value<'_>) -> Vec<String> {
    match value.get_ref() {
        DeValue::Table(table) => table.iter().map(|(key, _)| key.get_ref().to_string()).collect(),
        _ => Vec::new(),
    }
}
