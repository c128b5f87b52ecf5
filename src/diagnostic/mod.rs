//! Errors and warnings about a file, located by byte span and rendered the way rustc
//! writes them: `path:line:column`, the offending line, a caret under the spot, a hint.
//! Routine files and the config file share all of it.
//!
//! - [`toml`]: the TOML side: spanned values, syntax and type errors, unknown keys.

pub mod toml;

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::text;

/// How serious a diagnostic is: errors make a file unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where the problem is, as a byte range into the file, with a short label.
    pub primary: Option<(Range<usize>, String)>,
    /// Other places that explain the problem (the first of two duplicates).
    pub context: Vec<(Range<usize>, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    pub(crate) fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Self { severity, message, primary: None, context: Vec::new(), help: None }
    }

    #[must_use]
    pub(crate) fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.primary = Some((span, label.into()));
        self
    }

    #[must_use]
    pub(crate) fn also(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.context.push((span, label.into()));
        self
    }

    #[must_use]
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic on one line, for a notice on a busy screen:
    /// `mine.toml:12:8: unknown key `hodl` (did you mean `hold`?)`.
    pub(crate) fn one_line(&self, path: &str, source: &str) -> String {
        let place = self.primary.as_ref().map_or_else(String::new, |(span, _)| {
            let before = source.get(..span.start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(":{line}:{column}")
        });
        let help = self.help.as_ref().map_or_else(String::new, |h| format!(" ({h})"));
        text::sanitize(&format!("{path}{place}: {}{help}", self.message), false)
    }

    /// Where the diagnostic points, for ordering: its primary span's start.
    pub(crate) fn offset(&self) -> usize {
        self.primary.as_ref().map_or(0, |(span, _)| span.start)
    }
}

/// The key of `known` that `unknown` was most likely meant to be: the same key written
/// with `-` or spaces for `_` or in capitals, a word from `synonyms` that means it, or a
/// near miss.
pub(crate) fn suggest_key<'a>(unknown: &str, known: &[&'a str], synonyms: &[(&str, &str)]) -> Option<&'a str> {
    let normal = unknown.trim().to_lowercase().replace(['-', ' '], "_");
    if let Some(k) = known.iter().find(|k| **k == normal) {
        return Some(k);
    }
    if let Some((_, k)) = synonyms.iter().find(|(word, _)| *word == normal) {
        return known.iter().copied().find(|known| known == k);
    }
    closest(&normal, known)
}

/// The closest of `known` to `text` by edit distance, if close enough to be a typo of it:
/// the did-you-mean of every hint.
pub(crate) fn closest<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(text, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// How to render: with colour for a terminal, plain for a file or a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

/// Renders `diagnostics` about the file at `path` whose text is `source`, one after
/// another, separated by blank lines.
pub fn render(diagnostics: &[Diagnostic], path: &str, source: &str, style: Style) -> String {
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Colour => Renderer::styled(),
    };
    let path = text::sanitize(path, false);
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(&renderer, diagnostic, &path, source));
        out.push_str("\n\n");
    }
    out
}

fn render_one(renderer: &Renderer, d: &Diagnostic, path: &str, source: &str) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = text::sanitize(&d.message, false);
    let help = d.help.as_ref().map(|h| text::sanitize(h, false));
    let unlocated;
    let title = if d.primary.is_some() || path.is_empty() {
        level.primary_title(message.as_str())
    } else {
        unlocated = format!("{path}: {message}");
        level.primary_title(unlocated.as_str())
    };
    let window;
    let group = if let Some((span, label)) = &d.primary {
        window = Window::around(source, span, &d.context);
        let mut snippet = Snippet::source(window.text.as_str())
            .line_start(window.first_line)
            .path(path)
            .annotation(AnnotationKind::Primary.span(window.shift(span)).label(text::sanitize(label, false)));
        for (span, label) in &d.context {
            snippet = snippet
                .annotation(AnnotationKind::Context.span(window.shift(span)).label(text::sanitize(label, false)));
        }
        title.element(snippet)
    } else {
        annotate_snippets::Group::with_title(title)
    };
    let group = match &help {
        Some(help) => group.element(Level::HELP.message(help.as_str())),
        None => group,
    };
    renderer.render(&[group])
}

/// The lines of a file that a diagnostic touches, cut out so that rendering costs the
/// same for a 20-line file and a 1 MiB one, and made safe to print.
struct Window {
    text: String,
    /// Byte offset of `text` in the file.
    start: usize,
    first_line: usize,
}

impl Window {
    fn around(source: &str, primary: &Range<usize>, context: &[(Range<usize>, String)]) -> Self {
        let spans = std::iter::once(primary).chain(context.iter().map(|(s, _)| s));
        let lo = spans.clone().map(|s| s.start).min().unwrap_or(0).min(source.len());
        let hi = spans.map(|s| s.end).max().unwrap_or(0).clamp(lo, source.len());
        let start = floor_char(source, source[..floor_char(source, lo)].rfind('\n').map_or(0, |i| i + 1));
        let end = source[floor_char(source, hi)..].find('\n').map_or(source.len(), |i| floor_char(source, hi) + i);
        let first_line = source[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        Self { text: text::sanitize_same_len(&source[start..end]), start, first_line }
    }

    fn shift(&self, span: &Range<usize>) -> Range<usize> {
        let clamp = |o: usize| floor_char(&self.text, o.saturating_sub(self.start));
        clamp(span.start)..clamp(span.end)
    }
}

fn floor_char(source: &str, mut offset: usize) -> usize {
    offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let source = "name = \"x\"\n\n[[step]]\nhodl = \"30s\"\n";
        let d =
            Diagnostic::error("unknown key `hodl` in a step").at(21..25, "unknown key").help("did you mean `hold`?");
        let out = render(&[d], "my.toml", source, Style::Plain);
        assert!(out.contains("--> my.toml:4:1"), "{out}");
        assert!(out.contains("4 | hodl = \"30s\""), "{out}");
        assert!(out.contains("| ^^^^ unknown key"), "{out}");
        assert!(out.contains("help: did you mean `hold`?"), "{out}");
    }

    #[test]
    fn never_prints_control_characters() {
        let source = "name = \"\u{1b}]0;pwned\u{7}\"\nhodl = 1\n";
        let d = Diagnostic::error("bad \u{1b}[2J").at(0..4, "here").also(24..28, "\u{1b}c");
        let out = render(&[d], "a\u{1b}b.toml", source, Style::Plain);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_panic() {
        let source = "é = 1";
        let d = Diagnostic::error("x").at(1..99, "y").also(200..300, "z");
        let _ = render(&[d], "f", source, Style::Plain);
    }

    #[test]
    fn one_line_names_the_line_and_column() {
        let source = "name = \"x\"\n[[step]]\nhodl = 30\n";
        let d = Diagnostic::error("unknown key `hodl`").at(20..24, "here").help("did you mean `hold`?");
        assert_eq!(d.one_line("mine.toml", source), "mine.toml:3:1: unknown key `hodl` (did you mean `hold`?)");
    }
}
