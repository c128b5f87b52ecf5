//! What routine files and the config file share in checking TOML: the spanned value type,
//! syntax errors in people's words, type errors that say what was found, and unknown keys.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Diagnostic;
use crate::text;

/// A value with the span of its text in the file.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The most syntax errors reported for one file; past the first few they are echoes.
const MAX_SYNTAX_ERRORS: usize = 8;

pub(crate) fn syntax_diagnostics(errors: &[toml::de::Error], source: &str) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        if !seen.insert((error.message().to_string(), span.start)) {
            continue;
        }
        out.push(syntax_diagnostic(error.message(), span, source));
    }
    out.sort_by_key(Diagnostic::offset);
    let total = out.len();
    out.truncate(MAX_SYNTAX_ERRORS);
    if total > MAX_SYNTAX_ERRORS {
        let last = out.pop().unwrap_or_else(|| Diagnostic::error(""));
        out.push(last.help(format!("{} more syntax errors follow; fix these first", total - MAX_SYNTAX_ERRORS + 1)));
    }
    out
}

fn syntax_diagnostic(message: &str, span: Range<usize>, source: &str) -> Diagnostic {
    let (message, help) = match message {
        "duplicate key" => {
            ("this key is set twice".to_string(), Some("a key can be set once in each table; remove one".to_string()))
        }
        m if m.contains("basic string") => (
            "this text has no closing quote".to_string(),
            Some(
                "end it with \" on the same line; for text over several lines use \"\"\"triple quotes\"\"\""
                    .to_string(),
            ),
        ),
        m if m.contains("recursion") => (
            "the file nests too deeply".to_string(),
            Some("a routine needs only a few levels of tables and lists".to_string()),
        ),
        m if m.starts_with("string values must be quoted") => (
            "text must be in quotes".to_string(),
            Some("write text as \"like this\"; durations too: hold = \"30s\"".to_string()),
        ),
        m if m.starts_with("invalid boolean") => {
            (format!("TOML syntax: {m}"), Some("write true or false, in lower case and without quotes".to_string()))
        }
        m => (format!("TOML syntax: {m}"), None),
    };
    let label = match message.as_str() {
        "this key is set twice" => "set again here",
        "text must be in quotes" => "not in quotes",
        _ if span.is_empty() && span.start < source.len() => "here",
        _ => "",
    };
    let d = Diagnostic::error(message).at(span, label);
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

pub(crate) fn type_error(key: &str, expected: &str, value: &Value<'_>) -> Diagnostic {
    Diagnostic::error(format!("`{key}` must be {expected}"))
        .at(value.span(), format!("this is {}", kind_of(value.get_ref())))
}

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

/// Each key of `table` not among `allowed`, as "unknown key `hodl` in step 2" pointing
/// at it, with the key's name for the caller's hint.
pub(crate) fn unknown_keys<'t>(
    table: &'t DeTable<'_>,
    allowed: &'t [&str],
    where_: &'t str,
) -> impl Iterator<Item = (&'t str, Diagnostic)> {
    table.iter().map(|(key, _)| (key.get_ref().as_ref(), key.span())).filter(|(name, _)| !allowed.contains(name)).map(
        move |(name, span)| {
            let shown = text::truncate(&text::sanitize(name, false), 40);
            (name, Diagnostic::error(format!("unknown key `{shown}` in {where_}")).at(span, "unknown key"))
        },
    )
}
