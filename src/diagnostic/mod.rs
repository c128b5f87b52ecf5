//! Errors and warnings about a file, located by byte span and rendered the way rustc
//! writes them: `path:line:column`, the offending line, a caret under the spot, a hint.
//! Every file supple reads shares all of it; reading TOML is [`crate::reader`]'s.

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
            let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
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
/// the did-you-mean of every hint. The distance is at least the difference in length, so
/// a text too much longer or shorter than a name is passed over without measuring: a
/// 4 MiB pose name took 5 s to be told it has no near miss.
pub(crate) fn closest<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    near_in_length(text, known)
        .map(|k| (strsim::damerau_levenshtein(text, k), k))
        .filter(|(distance, k)| *distance <= allowed_distance(k))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The names of `known` whose length is near enough `text`'s for it to be a typo of them:
/// the only ones worth measuring.
fn near_in_length<'k, 'a>(text: &str, known: &'k [&'a str]) -> impl Iterator<Item = &'a str> + use<'k, 'a> {
    // Past this, no name is near: counting further only costs time.
    let length = text.chars().take(1024).count();
    known.iter().copied().filter(move |k| length.abs_diff(k.chars().count()) <= allowed_distance(k))
}

/// How many edits a text may be from `known` and still be a typo of it.
fn allowed_distance(known: &str) -> usize {
    (known.len() / 3).max(1)
}

/// How to render: with colour for a terminal, plain for a file or a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

/// The most diagnostics printed for one file: past these, the count of the rest. A
/// person fixes the first few and checks again; thousands on a screen help nobody.
const MAX_SHOWN: usize = 50;

/// A line longer than this (in bytes) is cut to the part around the spot before it is
/// rendered, so a file of one huge line renders as fast as any other. (The renderer cuts
/// any long line to the terminal's width itself, but looks at all of it to do so.)
const MAX_LINE_SHOWN: usize = 4096;

/// Renders `diagnostics` about the file at `path` whose text is `source`, one after
/// another, separated by blank lines; past [`MAX_SHOWN`], how many more there are. The
/// cost is linear in the file and the diagnostics: lines are found once, and each
/// diagnostic shows only the lines (or the part of a long line) it points at.
pub fn render(diagnostics: &[Diagnostic], path: &str, source: &str, style: Style) -> String {
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Colour => Renderer::styled(),
    };
    let path = text::sanitize(path, false);
    let mut lines = Lines::new(source);
    let mut out = String::new();
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        out.push_str(&render_one(&renderer, diagnostic, &path, source, &mut lines));
        out.push_str("\n\n");
    }
    if diagnostics.len() > MAX_SHOWN {
        let more = diagnostics.len() - MAX_SHOWN;
        let _ = std::fmt::Write::write_fmt(
            &mut out,
            format_args!("… and {more} more in {path}; fix these first, then check again.\n\n"),
        );
    }
    out
}

fn render_one(renderer: &Renderer, d: &Diagnostic, path: &str, source: &str, lines: &mut Lines) -> String {
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
        window = Window::around(source, lines, span, &d.context);
        let mut snippet = Snippet::source(window.text.as_str()).line_start(window.first_line);
        // A cut line would have its column miscounted: its location is added below.
        if !window.cut {
            snippet = snippet.path(path);
        }
        snippet =
            snippet.annotation(AnnotationKind::Primary.span(window.shift(span)).label(text::sanitize(label, false)));
        for (span, label) in d.context.iter().filter(|(s, _)| window.shows(s)) {
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
    let out = renderer.render(&[group]);
    match d.primary.as_ref().and_then(|_| window_origin(d, lines, source, path)) {
        // After the title, where the renderer puts ` --> path:line:column`.
        Some(origin) => match out.split_once('\n') {
            Some((title, rest)) => format!("{title}\n{origin}\n{rest}"),
            None => out,
        },
        None => out,
    }
}

/// ` --> path:line:column` for a diagnostic whose long line is shown cut.
fn window_origin(d: &Diagnostic, lines: &mut Lines, source: &str, path: &str) -> Option<String> {
    let (span, _) = d.primary.as_ref()?;
    let start = floor_char(source, span.start);
    let line = lines.line_of(start);
    let (line_start, line_end) = lines.bounds(line);
    if line_end - line_start <= MAX_LINE_SHOWN {
        return None;
    }
    let number = line + 1;
    let indent = " ".repeat(number.to_string().len());
    Some(format!("{indent}--> {path}:{number}:{}", lines.column(source, start)))
}

/// Where each line of a file starts, found once for all its diagnostics, and a cursor
/// that counts columns forward from the last place asked about (diagnostics come in
/// order), so that many on one long line cost no more than one.
struct Lines {
    starts: Vec<usize>,
    len: usize,
    /// The last place a column was counted: byte offset, and its column in characters.
    cursor: (usize, usize),
}

impl Lines {
    fn new(source: &str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1)).collect();
        Self { starts, len: source.len(), cursor: (0, 0) }
    }

    /// The line (from 0) holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where line `line` starts, and where it ends (before its newline).
    fn bounds(&self, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.len, |next| next - 1);
        (start, end.max(start))
    }

    /// The column (from 1, in characters) of byte `offset` on its line.
    fn column(&mut self, source: &str, offset: usize) -> usize {
        let (start, _) = self.bounds(self.line_of(offset));
        let (from, counted) = if self.cursor.0 >= start && self.cursor.0 <= offset { self.cursor } else { (start, 0) };
        let column = counted + source.get(from..offset).map_or(0, |t| t.chars().count());
        self.cursor = (offset, column);
        column + 1
    }
}

/// The lines of a file that a diagnostic touches (or the part of a long line around its
/// spot), cut out so that rendering costs the same for a 20-line file and a 4 MiB one,
/// and made safe to print.
struct Window {
    text: String,
    /// Byte offset in the file that offset 0 of `text` stands for.
    start: usize,
    /// The part of the file shown, as byte offsets.
    shown: Range<usize>,
    first_line: usize,
    /// A long line was cut to the part around the spot.
    cut: bool,
}

impl Window {
    fn around(source: &str, lines: &mut Lines, primary: &Range<usize>, context: &[(Range<usize>, String)]) -> Self {
        let spans = std::iter::once(primary).chain(context.iter().map(|(s, _)| s));
        let lo = floor_char(source, spans.clone().map(|s| s.start).min().unwrap_or(0));
        let hi = floor_char(source, spans.map(|s| s.end).max().unwrap_or(0)).max(lo);
        let (first, last) = (lines.line_of(lo), lines.line_of(hi));
        let (start, _) = lines.bounds(first);
        let (_, end) = lines.bounds(last);
        let (p_start, p_end) = lines.bounds(lines.line_of(floor_char(source, primary.start)));
        if p_end - p_start <= MAX_LINE_SHOWN && end - start <= MAX_LINE_SHOWN * 4 {
            let text = text::sanitize_same_len(&source[start..end]);
            return Self { text, start, shown: start..end, first_line: first + 1, cut: false };
        }
        // Too long: only the primary spot's line, cut around it.
        let p = floor_char(source, primary.start);
        let line = lines.line_of(p);
        let (line_start, line_end) = lines.bounds(line);
        let from = floor_char(source, p.saturating_sub(MAX_LINE_SHOWN / 2).max(line_start));
        let to = floor_char(source, (floor_char(source, primary.end).max(p) + MAX_LINE_SHOWN / 2).min(line_end)).max(p);
        let before = if from > line_start { "…" } else { "" };
        let after = if to < line_end { "…" } else { "" };
        let text = format!("{before}{}{after}", text::sanitize_same_len(&source[from..to]));
        Self { text, start: from - before.len(), shown: from..to, first_line: line + 1, cut: true }
    }

    /// Whether the window shows all of `span`.
    fn shows(&self, span: &Range<usize>) -> bool {
        self.shown.start <= span.start && span.end <= self.shown.end
    }

    fn shift(&self, span: &Range<usize>) -> Range<usize> {
        let clamp = |o: usize| floor_char(&self.text, o.saturating_sub(self.start));
        let end = span.end.min(self.shown.end.max(span.start));
        clamp(span.start.max(self.shown.start))..clamp(end)
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
    fn past_the_most_shown_the_rest_are_counted_not_printed() {
        let source = "x = 1\n".repeat(MAX_SHOWN + 7);
        let all: Vec<Diagnostic> = (0..MAX_SHOWN + 7)
            .map(|i| Diagnostic::error(format!("problem {i}")).at(i * 6..i * 6 + 1, "here"))
            .collect();
        let out = render(&all, "big.toml", &source, Style::Plain);
        assert_eq!(out.matches("error: problem").count(), MAX_SHOWN);
        assert!(out.contains("… and 7 more in big.toml"), "{out}");
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
    fn a_text_far_longer_than_every_name_is_not_measured_against_them() {
        let known = ["seated-hamstring", "wall-calf", "figure-4"];
        let huge = "q".repeat(4 * 1024 * 1024);
        assert_eq!(near_in_length(&huge, &known).count(), 0);
        assert_eq!(near_in_length("wal-calf", &known).collect::<Vec<_>>(), ["wall-calf", "figure-4"]);
        assert_eq!(closest("wal-calf", &known), Some("wall-calf"));
        assert_eq!(closest(&huge, &known), None);
    }

    #[test]
    fn one_line_names_the_line_and_column() {
        let source = "name = \"x\"\n[[step]]\nhodl = 30\n";
        let d = Diagnostic::error("unknown key `hodl`").at(20..24, "here").help("did you mean `hold`?");
        assert_eq!(d.one_line("mine.toml", source), "mine.toml:3:1: unknown key `hodl` (did you mean `hold`?)");
    }
}
