//! The `supple` binary: parse the command line and hand over to a command.

use std::process::ExitCode;

use clap::Parser;
use supple::cli::{Cli, Command};
use supple::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => commands::run::pick().map(|()| true),
        None | Some(Command::List) => commands::list::run().map_err(Into::into),
        Some(Command::New { name, from }) => commands::edit::new(&name, from.as_deref()),
        Some(Command::Edit { routine }) => commands::edit::edit(&routine),
        Some(Command::Check { files }) => commands::check::run(&files).map_err(Into::into),
        Some(Command::Show { routine }) => commands::show::run(&routine).map_err(Into::into),
        Some(Command::Stretches { name, area, kind, position, with }) => {
            commands::stretches::filtered(name.as_deref(), area, kind, position, with)
        }
        Some(Command::Poses { name, routine, side }) => {
            commands::poses::run(name.as_deref(), routine.as_deref(), side.map(Into::into)).map_err(Into::into)
        }
        Some(Command::Make { areas, minutes, with, standing, run, show, save, plain, voice }) => {
            let areas = if areas.is_empty() { vec![supple::make::Area::WholeLegs] } else { areas };
            let choices = supple::make::Choices { areas, minutes, equipment: with, standing_only: standing, warm: run };
            match (show, save) {
                (true, _) => commands::make::show(&choices),
                (false, Some(name)) => commands::make::save(&choices, &name),
                (false, None) => commands::run::made(&choices, plain, voice.asked()),
            }
        }
        Some(Command::Run { routine, plain, voice }) => commands::run::run(&routine, plain, voice.asked()),
        Some(Command::Resume { plain, voice }) => commands::run::resume(plain, voice.asked()),
        Some(Command::History { plain, json, csv, last, weeks }) => {
            use commands::history::Shown;
            let shown = match (plain, json, csv) {
                (_, true, _) => Shown::Json,
                (_, _, true) => Shown::Csv,
                (true, _, _) => Shown::Text,
                _ => Shown::View,
            };
            if commands::history::opens_view(shown) {
                commands::run::history_view()
            } else {
                commands::history::run(shown, last.into(), weeks.into())
            }
        }
        Some(Command::Remind { install, at, uninstall, status }) => {
            use commands::remind::Asked;
            commands::remind::run(match (install, uninstall, status) {
                (true, _, _) => Asked::Install(at.0, at.1),
                (_, true, _) => Asked::Uninstall,
                (_, _, true) => Asked::Status,
                _ => Asked::Now,
            })
        }
        Some(Command::Config { path: true, .. }) => commands::config::path().map_err(Into::into),
        Some(Command::Config { default: true, .. }) => commands::config::default().map_err(Into::into),
        Some(Command::Config { .. }) => commands::config::check().map_err(Into::into),
        Some(Command::Completions { shell }) => commands::generated(|out| supple::cli::completions(shell, out)),
        Some(Command::Doctor { sound, json }) => commands::doctor::run(sound, json).map_err(Into::into),
        Some(Command::Ctl { what, session, json }) => commands::ctl::run(&what, session, json),
        Some(Command::Man) => commands::generated(supple::cli::manual),
        Some(Command::Chimes { volume }) => commands::chimes::run(volume).map_err(Into::into),
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
            commands::say(format_args!("error: {}\n", commands::safe(&format!("{error:#}"))));
            ExitCode::FAILURE
        }
    }
}
