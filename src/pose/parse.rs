//! Reading `[pose.NAME]` tables, from a routine file or the bundled library, and a step's
//! `pose = "NAME"`: every mistake located, with a did-you-mean for names and keys.

use toml::de::{DeTable, DeValue};

use super::{Frame, Limb, Pose, Props, View, Wall};
use crate::diagnostic::toml::{Value, type_error, unknown_keys};
use crate::diagnostic::{Diagnostic, closest};
use crate::text;

/// The keys of a key frame; `then` may set any of them.
pub const FRAME_KEYS: &[&str] = &["torso", "head", "arm", "other_arm", "leg", "other_leg"];

/// The keys of a `[pose.NAME]` table.
pub const POSE_KEYS: &[&str] =
    &["title", "view", "torso", "head", "arm", "other_arm", "leg", "other_leg", "lit", "wall", "step", "strap", "then"];

/// The longest pose name.
const MAX_NAME_CHARS: usize = 40;

/// The longest title: a line under a figure in the gallery.
const MAX_TITLE_CHARS: usize = 60;

/// The farthest a wall may stand from the hip, in units (a standing figure is 18 tall).
const MAX_WALL: f64 = 30.0;

/// Reads the poses of a `pose` table (`[pose.NAME]` headers), reporting each mistake.
pub(crate) fn poses(value: &Value<'_>, report: &mut Vec<Diagnostic>) -> Vec<Pose> {
    let DeValue::Table(table) = value.get_ref() else {
        report.push(
            type_error("pose", "a table of poses", value)
                .help("define each pose under its own header: `[pose.my-pose]`, then its angles"),
        );
        return Vec::new();
    };
    let mut poses = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if !valid_name(name) {
            report.push(
                Diagnostic::error("a pose name may use only letters, digits, `-` and `_`")
                    .at(key.span(), "not a valid name")
                    .help(format!("try `[pose.{}]`", text::slug(name))),
            );
            continue;
        }
        if let Some(pose) = pose(name, value, report) {
            poses.push(pose);
        }
    }
    poses
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

fn pose(name: &str, value: &Value<'_>, report: &mut Vec<Diagnostic>) -> Option<Pose> {
    let DeValue::Table(table) = value.get_ref() else {
        report.push(
            type_error(&format!("pose.{name}"), "a table of angles", value)
                .help(format!("write the pose under its own header, `[pose.{name}]`, with keys such as `torso = 45`")),
        );
        return None;
    };
    let before = report.len();
    keys(table, POSE_KEYS, &format!("pose `{name}`"), report);
    let title = match table.get("title") {
        Some(v) => match v.get_ref() {
            DeValue::String(s) if s.trim().chars().count() > MAX_TITLE_CHARS => {
                report.push(
                    Diagnostic::error(format!(
                        "`title` is too long ({} characters; at most {MAX_TITLE_CHARS})",
                        s.trim().chars().count()
                    ))
                    .at(v.span(), "too long"),
                );
                String::new()
            }
            DeValue::String(s) if !s.trim().is_empty() => text::sanitize(s.trim(), false),
            _ => {
                report.push(type_error("title", "text", v));
                String::new()
            }
        },
        None => String::new(),
    };
    let view = table.get("view").map_or(Some(View::Side), |v| view(v, report));
    let first = frame(table, Frame::default(), report);
    let mut frames = vec![first];
    if let Some(then) = table.get("then") {
        match then.get_ref() {
            DeValue::Table(then) => {
                keys(then, FRAME_KEYS, &format!("`then` of pose `{name}`"), report);
                frames.push(frame(then, first, report));
            }
            _ => report.push(
                type_error("then", "a table of angles", then)
                    .help("the second key frame sets the angles that change: `then = { torso = [100, 60] }`"),
            ),
        }
    }
    let props = props(table, report);
    let lit = table.get("lit").map_or_else(|| vec![Limb::Leg], |v| lit(v, report));
    let title = if title.is_empty() { name.replace(['-', '_'], " ") } else { title };
    let view = view.filter(|_| report.len() == before)?;
    Some(Pose { name: name.to_string(), title, view, frames, props, lit })
}

fn keys(table: &DeTable<'_>, allowed: &[&str], where_: &str, report: &mut Vec<Diagnostic>) {
    for (name, d) in unknown_keys(table, allowed, where_) {
        report.push(match closest(&name.to_lowercase().replace([' ', '-'], "_"), allowed) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("the keys allowed here are: {}", allowed.join(", "))),
        });
    }
}

fn view(value: &Value<'_>, report: &mut Vec<Diagnostic>) -> Option<View> {
    let names: Vec<&str> = View::NAMES.iter().map(|(n, _)| *n).collect();
    if let DeValue::String(s) = value.get_ref() {
        if let Some((_, view)) = View::NAMES.iter().find(|(n, _)| *n == s.trim().to_lowercase()) {
            return Some(*view);
        }
        let d = Diagnostic::error(format!("`view` cannot be \"{}\"", text::truncate(&text::sanitize(s, false), 30)))
            .at(value.span(), "unknown view");
        report.push(match closest(&s.trim().to_lowercase(), &names) {
            Some(n) => d.help(format!("did you mean \"{n}\"?")),
            None => d.help("use \"side\", \"front\" or \"top\""),
        });
        return None;
    }
    report.push(type_error("view", "one of \"side\", \"front\", \"top\"", value));
    None
}

/// A key frame: `base` with the angles `table` sets.
fn frame(table: &DeTable<'_>, base: Frame, report: &mut Vec<Diagnostic>) -> Frame {
    let mut frame = base;
    if let Some(v) = table.get("torso") {
        // One angle for a straight back, two for a bent one.
        if let Some(a) = number(v).and_then(angle) {
            frame.torso = [a, a];
        } else if let Some([lower, upper]) =
            angles::<2>(v, "torso", report, "`torso = 90`, or `torso = [60, 100]` for a bent back")
        {
            frame.torso = [lower, upper];
        }
    }
    if let Some(v) = table.get("head") {
        match number(v).and_then(angle) {
            Some(a) => frame.head = a,
            None => report.push(angle_error("head", v, "`head = 90` (up), `head = 0` (looking forward)")),
        }
    }
    let pairs = [("arm", &mut frame.arm), ("other_arm", &mut frame.other_arm)];
    for (key, slot) in pairs {
        if let Some(v) = table.get(key) {
            *slot =
                angles::<2>(v, key, report, &format!("`{key} = [-90, -90]`: upper arm, then forearm")).unwrap_or(*slot);
        }
    }
    let legs = [("leg", &mut frame.leg), ("other_leg", &mut frame.other_leg)];
    for (key, slot) in legs {
        if let Some(v) = table.get(key) {
            *slot = angles::<3>(v, key, report, &format!("`{key} = [-90, -90, 0]`: thigh, shin, then foot"))
                .unwrap_or(*slot);
        }
    }
    frame
}

fn props(table: &DeTable<'_>, report: &mut Vec<Diagnostic>) -> Props {
    let mut props = Props::default();
    if let Some(v) = table.get("wall") {
        props.wall = match v.get_ref() {
            DeValue::String(s) if s.trim() == "hands" => Some(Wall::Hands),
            _ => {
                let at = number(v).filter(|x| x.abs() <= MAX_WALL);
                if at.is_none() {
                    report.push(
                        type_error("wall", "\"hands\" or a distance from the hip", v)
                            .help("`wall = \"hands\"` puts it at the hands; `wall = 6` six units in front of the hip (a thigh is 4.5), `wall = -3` behind"),
                    );
                }
                #[allow(clippy::cast_possible_truncation)]
                at.map(|x| Wall::At((x * 10.0).round() as i16))
            }
        };
    }
    for (key, slot) in [("step", &mut props.step), ("strap", &mut props.strap)] {
        if let Some(v) = table.get(key) {
            match v.get_ref() {
                DeValue::Boolean(b) => *slot = *b,
                _ => report.push(type_error(key, "true or false", v)),
            }
        }
    }
    props
}

/// `lit = ["leg", "arm"]`: what the stretch works.
fn lit(value: &Value<'_>, report: &mut Vec<Diagnostic>) -> Vec<Limb> {
    let names: Vec<&str> = Limb::NAMES.iter().map(|(n, _)| *n).collect();
    let DeValue::Array(items) = value.get_ref() else {
        report.push(
            type_error("lit", "a list of parts", value)
                .help(format!("write `lit = [\"leg\"]`, from: {}", names.join(", "))),
        );
        return Vec::new();
    };
    let mut lit = Vec::new();
    for item in items {
        let found = match item.get_ref() {
            DeValue::String(s) => Limb::NAMES.iter().find(|(n, _)| *n == s.trim()).map(|(_, limb)| *limb),
            _ => None,
        };
        if let Some(limb) = found {
            lit.push(limb);
            continue;
        }
        let d = Diagnostic::error("`lit` names the parts a stretch works").at(item.span(), "not a part");
        let near = match item.get_ref() {
            DeValue::String(s) => closest(&s.trim().to_lowercase().replace([' ', '-'], "_"), &names),
            _ => None,
        };
        report.push(match near {
            Some(n) => d.help(format!("did you mean \"{n}\"?")),
            None => d.help(format!("the parts are: {}", names.join(", "))),
        });
    }
    lit
}

/// A number written as an integer or a decimal.
fn number(value: &Value<'_>) -> Option<f64> {
    let n = match value.get_ref() {
        DeValue::Integer(i) => {
            i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| i32::try_from(n).ok()).map(f64::from)
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
}

/// An angle in whole degrees, from -360 to 360.
fn angle(degrees: f64) -> Option<i16> {
    #[allow(clippy::cast_possible_truncation)]
    (degrees.abs() <= 360.0).then(|| degrees.round() as i16)
}

fn angles<const N: usize>(
    value: &Value<'_>,
    key: &str,
    report: &mut Vec<Diagnostic>,
    example: &str,
) -> Option<[i16; N]> {
    let DeValue::Array(items) = value.get_ref() else {
        report.push(angle_error(key, value, example));
        return None;
    };
    if items.len() != N {
        report.push(
            Diagnostic::error(format!("`{key}` takes {N} angles; this list has {}", items.len()))
                .at(value.span(), format!("{} angles", items.len()))
                .help(format!("write {example}")),
        );
        return None;
    }
    let mut out = [0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        let Some(a) = number(item).and_then(angle) else {
            report.push(angle_error(key, item, example));
            return None;
        };
        *slot = a;
    }
    Some(out)
}

fn angle_error(key: &str, value: &Value<'_>, example: &str) -> Diagnostic {
    let d = match number(value) {
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
