//! The `supple` binary: parse the command line and hand over to a command.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use supple::cli::{Cli, Command};
use supple::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => commands::run::pick().map(|()| true),
        None | Some(Command::List) => {
            commands::list::run();
            Ok(true)
        }
        Some(Command::New { name, from }) => commands::edit::new(&name, from.as_deref()),
        Some(Command::Edit { routine }) => commands::edit::edit(&routine),
        Some(Command::Check { files }) => Ok(commands::check::run(&files)),
        Some(Command::Show { routine }) => Ok(commands::show::run(&routine)),
        Some(Command::Run { routine, plain }) => commands::run::run(&routine, plain),
        Some(Command::Resume { plain }) => commands::run::resume(plain),
        Some(Command::History { json, last, weeks }) => {
            commands::history::run(json, last, weeks);
            Ok(true)
        }
        Some(Command::Config { path: true, .. }) => Ok(commands::config::path()),
        Some(Command::Config { default: true, .. }) => {
            commands::config::default();
            Ok(true)
        }
        Some(Command::Config { .. }) => Ok(commands::config::check()),
        Some(Command::Completions { shell }) => {
            supple::cli::completions(shell, &mut std::io::stdout());
            Ok(true)
        }
        Some(Command::Man) => supple::cli::manual(&mut std::io::stdout()).map(|()| true).map_err(Into::into),
        Some(Command::Chimes { volume }) => Ok(commands::chimes::run(f32::from(volume) / 100.0)),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A reader that left (`supple man | head`) is no failure.
        Err(error)
            if error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
