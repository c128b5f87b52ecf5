//! The subcommands: each takes its arguments and writes its report, returning whether it
//! succeeded. Output is built as strings so tests can pin it.

pub mod check;
pub mod chimes;
pub mod list;
pub mod run;
pub mod show;

use std::io::IsTerminal;

use crate::routine::diagnostic::Style;

/// Colour for diagnostics when stderr is a terminal and `NO_COLOR` is not set.
pub fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() { Style::Colour } else { Style::Plain }
}

/// "1 step", "2 steps".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
