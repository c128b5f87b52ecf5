//! Text that came from outside (routine files, paths) made safe for a terminal, and text
//! measured, cut and padded in terminal columns.
//!
//! Control characters and escape sequences must never reach the terminal raw: a routine
//! shared by a friend could otherwise move the cursor, change colours or set the title.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The character shown in place of a control character.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Returns `text` with every control character replaced, keeping newlines when `multiline`.
/// Tabs become a space.
pub(crate) fn sanitize(text: &str, multiline: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' if multiline => '\n',
            '\t' => ' ',
            c if is_unsafe(c) => REPLACEMENT,
            c => c,
        })
        .collect()
}

/// Returns `text` with every unsafe character replaced by `?` once per byte, so byte
/// offsets into the text (error spans) stay valid. Newlines, tabs and a `\r` before a
/// newline are kept.
pub(crate) fn sanitize_same_len(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
        if keep || !is_unsafe(c) {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    out
}

/// Whether `c` could change the terminal's state or the text's direction if printed. The
/// zero-width joiner and non-joiner are not: they are part of emoji and of Persian and
/// Hindi words.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first unsafe character in `text` and its byte offset, ignoring newlines when
/// `multiline`.
pub(crate) fn first_unsafe(text: &str, multiline: bool) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| !(c == '\t' || (multiline && c == '\n')) && is_unsafe(c))
}

/// How many terminal columns `text` takes: the one width rule of every screen and table.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// Shortens `text` to at most `max` terminal columns, ending in `…` when cut. It cuts
/// between whole characters as people see them (an emoji, a letter and its accents).
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > max {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` padded with spaces to `columns` wide (never cut).
pub(crate) fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(text.width())))
}

/// A lowercase, dash-separated form of `name` used as a step's id when none is given.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_replaced() {
        assert_eq!(sanitize("a\u{1b}[31mb", false), "a\u{FFFD}[31mb");
        assert_eq!(sanitize("one\ntwo", false), "one\u{FFFD}two");
        assert_eq!(sanitize("one\ntwo\tthree", true), "one\ntwo three");
        assert_eq!(sanitize("\u{9b}2J", false), "\u{FFFD}2J");
        assert_eq!(sanitize("a\u{202E}b", false), "a\u{FFFD}b");
    }

    #[test]
    fn same_len_keeps_offsets() {
        let text = "x = \"\u{1b}\u{9b}\"\r\ny\r";
        let clean = sanitize_same_len(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean, "x = \"???\"\r\ny?");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Standing quad stretch"), "standing-quad-stretch");
        assert_eq!(slug("  Figure-4 (glute) "), "figure-4-glute");
        assert_eq!(slug("Étirement du mollet"), "étirement-du-mollet");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("hamstring", 20), "hamstring");
        assert_eq!(truncate("hamstring", 5), "hams…");
        // Columns, not characters: each of these takes two.
        assert_eq!(truncate("太腿の裏を伸ばす", 7), "太腿の…");
        assert_eq!(truncate("👨‍👩‍👧family stretch", 3), "👨‍👩‍👧…", "an emoji is never cut in half");
        assert_eq!(truncate("👨‍👩‍👧family stretch", 2), "…");
        assert_eq!(pad("太腿", 6), "太腿  ");
    }

    #[test]
    fn joiners_are_kept_and_direction_marks_are_not() {
        assert_eq!(sanitize("می\u{200C}خواهم", false), "می\u{200C}خواهم");
        assert_eq!(sanitize("👨\u{200D}👩", false), "👨\u{200D}👩");
        assert_eq!(sanitize("a\u{200F}b\u{200B}", false), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn finds_first_unsafe() {
        assert_eq!(first_unsafe("ab\u{7}c", false), Some((2, '\u{7}')));
        assert_eq!(first_unsafe("a\nb", true), None);
        assert_eq!(first_unsafe("a\nb", false), Some((1, '\n')));
    }
}
