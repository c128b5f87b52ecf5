//! The `supple` binary: parse the command line and hand over to a command.

use std::process::ExitCode;

use clap::Parser;
use supple::cli::{Cli, Command};
use supple::commands;
use supple::routine::diagnostic;
use supple::routine::library;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ok = match cli.command {
        None | Some(Command::List) => {
            commands::list::run();
            true
        }
        Some(Command::Check { files }) => commands::check::run(&files),
        Some(Command::Show { routine }) => show(&routine),
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn show(name: &str) -> bool {
    let style = commands::stderr_style();
    let loaded = match library::find(name) {
        Ok(loaded) => loaded,
        Err(error) => {
            let (path, text) = match &error {
                library::FindError::Unreadable(u) => (name, u.error.lossy_text.clone().unwrap_or_default()),
                library::FindError::NotFound { .. } => ("", String::new()),
            };
            eprint!("{}", diagnostic::render(&[error.diagnostic()], path, &text, style));
            return false;
        }
    };
    let Some(routine) = &loaded.parsed.routine else {
        let shown = loaded.source.display_path();
        eprint!("{}", commands::check::report(&shown, &loaded.source.text, &loaded.parsed, style).diagnostics);
        return false;
    };
    print!("{}", commands::show::render(routine, &supple::routine::Fallbacks::default()));
    true
}
