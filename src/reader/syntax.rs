//! TOML's own mistakes in people's words: syntax errors, each located once, with a hint
//! where one helps (a backslash in a Windows path, a duration without quotes), and what a
//! value that is the wrong type was.

use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// The most syntax errors reported for one file; past the first few they are echoes.
const MAX_SYNTAX_ERRORS: usize = 8;

pub(crate) fn syntax_diagnostics(errors: &[toml::de::Error], source: &str) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for error in errors {
        let mut span = error.span().unwrap_or(0..0);
        if error.message().contains("recursion") && span.is_empty() {
            span = deep_key(source).unwrap_or(span);
        }
        let escape = escape_in(source, &span);
        // Two errors about one backslash (a bad escape, then what follows) are one mistake.
        if escape.is_some() && !seen.insert(("escape".to_string(), quoted_start(source, span.start))) {
            continue;
        }
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
    if let Some(c) = source.get(span.start..).and_then(|rest| rest.chars().next()).filter(|&c| raw_control(c)) {
        return Diagnostic::error(format!("a control character (U+{:04X}) inside text", u32::from(c)))
            .at(span.start..span.start + c.len_utf8(), "this character")
            .help("remove it; text in a routine is what the screen shows, and a control character is never sent to the terminal");
    }
    if let Some(escape) = escape_in(source, &span) {
        let at = quoted_start(source, span.start);
        return Diagnostic::error(format!("`{escape}` is not an escape in \"double-quoted\" text"))
            .at(span.start.saturating_sub(escape.len()).max(at)..span.start.max(at + 1), "a backslash starts an escape")
            .help(
                "for text with backslashes (a Windows path), use single quotes: 'C:\\Users\\mat'; \
                 or write each backslash twice: \"C:\\\\Users\\\\mat\"",
            );
    }
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

/// A character that cannot stand raw inside quoted TOML text (a line break ends the line,
/// which has its own message).
fn raw_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\r' && c != '\t'
}

/// The escape (`\U`, `\m`) that a syntax error at `span` is about, if it is inside
/// double-quoted text just after a backslash.
fn escape_in<'s>(source: &'s str, span: &Range<usize>) -> Option<&'s str> {
    let before = source.get(..span.start)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let slash = line.rfind('\\')?;
    let escape = &line[slash..];
    // The error is at the escape or just after it, and the backslash is inside quotes.
    let quotes = line[..slash].matches('"').count();
    (escape.chars().count() <= 9 && quotes % 2 == 1).then(|| {
        let end = escape.char_indices().nth(2).map_or(escape.len(), |(i, _)| i);
        &escape[..end]
    })
}

/// Where the double-quoted text holding byte `offset` starts.
fn quoted_start(source: &str, offset: usize) -> usize {
    source.get(..offset).and_then(|before| before.rfind('"')).unwrap_or(offset)
}

/// Where the first key nested past TOML's limit is (`a.b.c...` with dozens of parts):
/// the parser reports the error with no place.
fn deep_key(source: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let key = line.split(['=', '"', '\'']).next().unwrap_or("");
        if key.matches('.').count() >= 40 {
            let start = offset + (line.len() - line.trim_start().len());
            return Some(start..start + key.trim_end().len().min(line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}
