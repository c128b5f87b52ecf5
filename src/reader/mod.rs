//! The one TOML reader of every file supple reads (routines, poses, the stretch library,
//! the config): the document parsed with the span of every key and value, and each value
//! read as the type it must be, every mistake reported once at its spot, with a hint.
//! What keys each table may have comes from the format's own key table; this reads.
//!
//! - [`syntax`]: TOML's own mistakes in people's words.

pub(crate) mod syntax;

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{self, Diagnostic};
use crate::{duration, text};

/// A value with the span of its text in the file.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// A TOML document, or its syntax errors.
pub(crate) fn document(source: &str) -> Result<Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(source);
    if errors.is_empty() { Ok(doc) } else { Err(syntax::syntax_diagnostics(&errors, source)) }
}

/// "`volume` must be a number from 0 to 100", at the value, saying what it is instead.
/// Whether `name` may name a pose, a stretch or a step: letters, digits, `-` and `_`, at
/// most `most` of them.
pub(crate) fn is_name(name: &str, most: usize) -> bool {
    !name.is_empty()
        && name.chars().count() <= most
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

pub(crate) fn type_error(key: &str, expected: &str, value: &Value<'_>) -> Diagnostic {
    Diagnostic::error(format!("`{key}` must be {expected}"))
        .at(value.span(), format!("this is {}", kind_of(value.get_ref())))
}

/// What a value is, for people: "text", "a number", "a list".
pub(crate) fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// How a text value is taken.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    /// The most characters; more is an error.
    pub most: usize,
    /// Line breaks are kept (a how-to), else it is one line (a name).
    pub lines: bool,
    /// Past so many characters, a warning that it is hard to read during a hold.
    pub long: Option<usize>,
}

impl Text {
    /// One line of at most `most` characters.
    pub(crate) const fn line(most: usize) -> Self {
        Self { most, lines: false, long: None }
    }
}

/// The allowed keys that the unknown keys of `table` look like misspellings of.
pub(crate) fn near_misses<'k>(table: &DeTable<'_>, allowed: &[&'k str], synonyms: &[(&str, &str)]) -> Vec<&'k str> {
    table
        .iter()
        .map(|(k, _)| k.get_ref().as_ref())
        .filter(|k| !allowed.contains(k))
        .filter_map(|k| diagnostic::suggest_key(k, allowed, synonyms))
        .collect()
}

/// Reads values, collecting every mistake as a diagnostic.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Gives the mistake just reported, if it has no hint, `help`: what the setting is for.
    pub(crate) fn hint_last(&mut self, since: usize, help: &str) {
        if let Some(last) = self.diagnostics.get_mut(since..).and_then(<[Diagnostic]>::last_mut)
            && last.help.is_none()
        {
            last.help = Some(help.to_string());
        }
    }

    /// The diagnostics in the order of the file, errors before warnings at one spot.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.offset(), d.severity));
        self.diagnostics
    }

    /// Reports each key of `table` not among `allowed`: "unknown key `hodl` in step 2",
    /// with a did-you-mean from `synonyms` and near misses, else `other`'s hint (the key
    /// belongs elsewhere), else the keys allowed.
    pub(crate) fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        allowed: &[&str],
        synonyms: &[(&str, &str)],
        where_: &str,
        other: &dyn Fn(&str) -> Option<String>,
    ) {
        for (key, _) in table {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let shown = text::truncate(&text::sanitize(name, false), 40);
            let d = Diagnostic::error(format!("unknown key `{shown}` in {where_}")).at(key.span(), "unknown key");
            let d = match (diagnostic::suggest_key(name, allowed, synonyms), other(name)) {
                (Some(s), _) => d.help(format!("did you mean `{s}`?")),
                (None, Some(hint)) => d.help(hint),
                (None, None) => d.help(format!("the keys allowed here are: {}", allowed.join(", "))),
            };
            self.report(d);
        }
    }

    /// The table `value` is, or an error saying so (with `help`).
    pub(crate) fn table<'v, 'i>(&mut self, value: &'v Value<'i>, key: &str, help: &str) -> Option<&'v DeTable<'i>> {
        if let DeValue::Table(table) = value.get_ref() {
            return Some(table);
        }
        self.report(type_error(key, "a table", value).help(help));
        None
    }

    /// A text value, taken as `rule` says; control characters are replaced and warned
    /// about, and the text is trimmed.
    pub(crate) fn text(&mut self, value: &Value<'_>, key: &str, rule: Text) -> Option<String> {
        let DeValue::String(s) = value.get_ref() else {
            self.report(type_error(key, "text in quotes", value));
            return None;
        };
        let count = s.chars().count();
        if count > rule.most {
            self.report(
                Diagnostic::error(format!("`{key}` is too long ({count} characters; at most {})", rule.most))
                    .at(value.span(), "too long"),
            );
            return None;
        }
        // A file saved with Windows line endings has them inside multi-line text too.
        let s =
            if rule.lines && s.contains("\r\n") { Cow::Owned(s.replace("\r\n", "\n")) } else { Cow::Borrowed(&**s) };
        if let Some((_, c)) = text::first_unsafe(&s, rule.lines) {
            self.report(
                Diagnostic::warning(format!("`{key}` contains the control character U+{:04X}", u32::from(c)))
                    .at(value.span(), format!("shown as {}", text::REPLACEMENT))
                    .help("remove it; control characters are never sent to the terminal"),
            );
        }
        if let Some(long) = rule.long.filter(|long| count > *long) {
            self.report(
                Diagnostic::warning(format!("`{key}` is long ({count} characters)"))
                    .at(value.span(), "hard to read during a hold")
                    .help(format!("keep it under {long} characters: a glance from the mat should be enough")),
            );
        }
        Some(text::sanitize(s.trim(), rule.lines))
    }

    /// The text of `key` in `table`, which must be there and not empty.
    pub(crate) fn required_text(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        owner: Range<usize>,
        where_: &str,
        most: usize,
    ) -> Option<String> {
        let Some(value) = table.get(key) else {
            self.report(
                Diagnostic::error(format!("{where_} has no `{key}`"))
                    .at(owner.start..owner.start, "")
                    .help(format!("add `{key} = \"...\"`")),
            );
            return None;
        };
        let text = self.text(value, key, Text::line(most))?;
        if text.trim().is_empty() {
            self.report(
                Diagnostic::error(format!("`{key}` is empty")).at(value.span(), "empty").help("give it a few words"),
            );
            return None;
        }
        Some(text)
    }

    /// A list of short words (`targets`, `equipment`); `example` is what a list of them
    /// looks like.
    pub(crate) fn words(&mut self, value: &Value<'_>, key: &str, example: &str) -> Vec<String> {
        let items = match value.get_ref() {
            DeValue::Array(items) => items,
            DeValue::String(_) => {
                self.report(
                    type_error(key, "a list", value).help(format!("write {key} as a list: {key} = [{example}]")),
                );
                return Vec::new();
            }
            _ => {
                self.report(
                    type_error(key, "a list of words", value).help(format!("for example: {key} = [{example}]")),
                );
                return Vec::new();
            }
        };
        items.iter().filter_map(|item| self.text(item, key, Text::line(40))).filter(|t| !t.is_empty()).collect()
    }

    /// `true` or `false`; quoted, it says to take the quotes away.
    pub(crate) fn boolean(&mut self, value: &Value<'_>, key: &str) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let d = type_error(key, "true or false", value);
                let quoted =
                    matches!(other, DeValue::String(s) if ["true", "false"].contains(&s.to_lowercase().as_str()));
                self.report(if quoted { d.help("write true or false without quotes") } else { d });
                None
            }
        }
    }

    /// A whole number in `range`; quoted, it says to take the quotes away.
    pub(crate) fn whole(&mut self, value: &Value<'_>, key: &str, range: RangeInclusive<u64>) -> Option<u64> {
        let n = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            DeValue::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.report(
                    type_error(key, "a whole number", value).help(format!("remove the quotes: {key} = {}", s.trim())),
                );
                return None;
            }
            _ => {
                self.report(type_error(key, "a whole number", value));
                return None;
            }
        };
        if let Some(n) = n.and_then(|n| u64::try_from(n).ok()).filter(|n| range.contains(n)) {
            return Some(n);
        }
        self.report(
            Diagnostic::error(format!("`{key}` must be from {} to {}", range.start(), range.end()))
                .at(value.span(), "out of range"),
        );
        None
    }

    /// A number written as an integer or a decimal, in `range`; `expected` says what it is
    /// ("a number such as 1.5").
    pub(crate) fn number(
        &mut self,
        value: &Value<'_>,
        key: &str,
        range: RangeInclusive<f64>,
        expected: &str,
    ) -> Option<f64> {
        // Infinite or not a number (`inf`, `nan`) is a number out of range, not a type.
        let n = match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            // Past an i32 is far past any range here: the largest it can say.
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| f64::from(i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX }))),
            _ => None,
        };
        let Some(n) = n else {
            self.report(type_error(key, expected, value));
            return None;
        };
        if range.contains(&n) {
            return Some(n);
        }
        self.report(
            Diagnostic::error(format!("`{key}` must be from {} to {}", range.start(), range.end()))
                .at(value.span(), "out of range"),
        );
        None
    }

    /// One of `names` (any capitals, spaces around): `sides = "both"`. A near miss is
    /// named; else `help` says what there is.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        value: &Value<'_>,
        key: &str,
        names: &[(&str, T)],
        help: &str,
    ) -> Option<T> {
        let listed: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        let DeValue::String(s) = value.get_ref() else {
            let quoted: Vec<String> = listed.iter().map(|n| format!("\"{n}\"")).collect();
            self.report(type_error(key, &format!("one of {}", quoted.join(", ")), value));
            return None;
        };
        let wanted = s.trim().to_lowercase();
        if let Some((_, found)) = names.iter().find(|(name, _)| name.eq_ignore_ascii_case(&wanted)) {
            return Some(*found);
        }
        let shown = text::truncate(&text::sanitize(s, false), 30);
        let d = Diagnostic::error(format!("`{key}` cannot be \"{shown}\"")).at(value.span(), "unknown value");
        self.report(match diagnostic::closest(&wanted, &listed) {
            Some(n) => d.help(format!("did you mean \"{n}\"?")),
            None => d.help(help),
        });
        None
    }

    /// Text read by `parse` (`breath = "4s/6s"`): `expected` names what it must be, and
    /// what `parse` says is why not.
    pub(crate) fn parsed<T>(
        &mut self,
        value: &Value<'_>,
        key: &str,
        expected: &str,
        parse: impl Fn(&str) -> Result<T, String>,
        help: &str,
    ) -> Option<T> {
        let DeValue::String(s) = value.get_ref() else {
            self.report(type_error(key, expected, value));
            return None;
        };
        parse(s)
            .map_err(|why| {
                self.report(
                    Diagnostic::error(format!(
                        "`{key}` is not {}",
                        expected.split(" such as").next().unwrap_or(expected)
                    ))
                    .at(value.span(), why)
                    .help(help),
                );
            })
            .ok()
    }

    /// A duration in whole seconds within `range`: `"30s"`, `"1m30s"`, or a number of
    /// seconds.
    pub(crate) fn duration(&mut self, value: &Value<'_>, key: &str, range: RangeInclusive<u64>) -> Option<Duration> {
        self.duration_or_wait(value, key, range, false)
    }

    /// [`Reader::duration`], for a key that may also be the word "wait" (read by the
    /// caller): its hint says so.
    pub(crate) fn duration_or_wait(
        &mut self,
        value: &Value<'_>,
        key: &str,
        range: RangeInclusive<u64>,
        wait: bool,
    ) -> Option<Duration> {
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n < 0 => Err(duration::DurationError::Negative),
                Ok(n) => Ok(Duration::from_secs(n.unsigned_abs())),
                Err(_) => Err(duration::DurationError::Unreadable("the number is too large".into())),
            },
            DeValue::String(s) => duration::parse(s),
            DeValue::Float(_) => {
                self.report(
                    Diagnostic::error(format!("`{key}` must be whole seconds"))
                        .at(value.span(), "a fraction")
                        .help("write a whole number of seconds, or a string such as \"1m30s\""),
                );
                return None;
            }
            _ => {
                self.report(type_error(key, "a duration such as \"30s\" or \"1m30s\"", value));
                return None;
            }
        };
        let d = match parsed {
            Ok(d) => d,
            Err(duration::DurationError::Negative) => {
                self.report(Diagnostic::error(format!("`{key}` cannot be negative")).at(value.span(), "negative"));
                return None;
            }
            Err(e) => {
                self.report(
                    Diagnostic::error(format!("`{key}` is not a duration"))
                        .at(value.span(), e.to_string())
                        .help(duration_help(value, wait)),
                );
                return None;
            }
        };
        let secs = d.as_secs();
        if range.contains(&secs) {
            return Some(d);
        }
        let most = Duration::from_secs(*range.end());
        self.report(if secs < *range.start() {
            Diagnostic::error(format!("`{key}` cannot be zero")).at(value.span(), "zero").help(match key {
                "hold" => "a hold needs at least one second; to skip a stretch, remove its step",
                _ => "give it at least one second",
            })
        } else {
            Diagnostic::error(format!(
                "`{key}` is too long: {} is more than {}",
                duration::compact(d),
                duration::compact(most)
            ))
            .at(value.span(), "too long")
            .help(match key {
                "hold" => "holds of 30 seconds to 2 minutes are the usual; for a long activity, use `duration`",
                _ => "is the unit right? \"30m\" is thirty minutes, \"30s\" thirty seconds",
            })
        });
        None
    }
}

/// A number written as an integer or a decimal, if it is a finite one.
pub(crate) fn number(value: &Value<'_>) -> Option<f64> {
    let n = match value.get_ref() {
        DeValue::Integer(i) => {
            i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| i32::try_from(n).ok()).map(f64::from)
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
}

/// How to write a duration; where it may also wait, a near miss of "wait" is named.
fn duration_help(value: &Value<'_>, wait: bool) -> String {
    let durations = "write durations as \"30s\", \"1m30s\", \"2m\" or a number of seconds such as 90";
    if !wait {
        return durations.to_string();
    }
    match value.get_ref() {
        DeValue::String(s) if diagnostic::suggest_key(s, &["wait"], &[]).is_some() => {
            "did you mean \"wait\"?".to_string()
        }
        _ => format!("{durations}; or \"wait\" to wait until you press space"),
    }
}
