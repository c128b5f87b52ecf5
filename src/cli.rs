//! The command line: every subcommand and flag, with the help text people read.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A full-screen stretch-session timer: routines as TOML files, a big countdown for every
/// hold, a chime at every transition. With no command, opens a picker of routines.
#[derive(Debug, Parser)]
#[command(name = "supple", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Routines are named by their file name (post-run-cooldown) or a path (./mine.toml).\n\
Your own routines live in ~/.config/supple/routines/ (or $XDG_CONFIG_HOME/supple/routines/).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--voice` / `--no-voice`: the voice for this session, whatever the config says.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct VoiceFlags {
    /// Speak the cues (the stretch, the side, the hold) this session; in plain mode too
    #[arg(long, overrides_with = "no_voice")]
    voice: bool,
    /// No spoken cues this session
    #[arg(long, overrides_with = "voice")]
    no_voice: bool,
}

impl VoiceFlags {
    /// What the flags ask for: on, off, or as the settings say.
    pub fn asked(self) -> Option<bool> {
        match (self.voice, self.no_voice) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk through a routine full-screen: a countdown for every hold, pause and skip from the keyboard
    #[command(
        after_help = "Keys: space pause · → skip hold · ↓ skip stretch · ← back · r restart · +/- 10 s · ? help · q quit"
    )]
    Run {
        /// A routine name (see `supple list`) or a path to a .toml file
        routine: String,
        /// One line per transition instead of the full screen (for a screen reader or a log);
        /// also used when standard output is not a terminal
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        voice: VoiceFlags,
    },
    /// Pick up the most recent session that did not finish, at the step where it stopped
    Resume {
        /// One line per transition instead of the full screen
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        voice: VoiceFlags,
    },
    /// Your weeks, days and streak full-screen; in a pipe, recent sessions and weeks as text
    #[command(
        after_help = "On a terminal: ↑↓ week · ←→ day · Enter the day's sessions · Tab routine · r resume · q quit.\n\
--last and --weeks shape the text printed in a pipe or with --plain."
    )]
    History {
        /// Print recent sessions, weeks against the guidance of 3 to 5 and the streak as text,
        /// also used when standard output is not a terminal
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        plain: bool,
        /// Print the data as JSON, for scripts
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print every hold as a row of CSV, for a spreadsheet (session, routine, step, side, rep,
        /// planned, held, skipped, pain, started, stretch)
        #[arg(long)]
        csv: bool,
        /// How many recent sessions to show (up to 10000)
        #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=10_000))]
        last: u16,
        /// How many weeks to count (1 to 520, ten years)
        #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=520))]
        weeks: u16,
    },
    /// A desktop notification when this week is behind the 3 to 5 sessions advised; silent when on pace
    #[command(after_help = "Without a desktop bus it prints the line instead, for a shell profile or cron.\n\
--install sets up a systemd user timer (supple-remind.timer) that runs `supple remind` every day.")]
    Remind {
        /// Set up a daily timer of your service manager that runs `supple remind`
        #[arg(long, conflicts_with_all = ["uninstall", "status"])]
        install: bool,
        /// The time of day for --install, as HH:MM
        #[arg(long, requires = "install", value_name = "HH:MM", default_value = "18:00", value_parser = time_of_day)]
        at: (u8, u8),
        /// Stop the timer and remove its files
        #[arg(long, conflicts_with = "status")]
        uninstall: bool,
        /// Say whether a reminder is set up, and at what time
        #[arg(long)]
        status: bool,
    },
    /// List the bundled routines and your own, with their length
    List,
    /// Write a new routine into your routines folder, from a commented template or a copy
    #[command(
        after_help = "The file is named after NAME (\"Evening legs\" -> evening-legs.toml); an existing one is never overwritten."
    )]
    New {
        /// The routine's name
        name: String,
        /// Start from a copy of this routine (bundled or your own) instead of the template
        #[arg(long, value_name = "ROUTINE")]
        from: Option<String>,
    },
    /// Open a routine in $VISUAL or $EDITOR, and check it when the editor closes
    #[command(after_help = "A bundled routine is read-only: supple offers to copy it into your routines first.\n\
During a session, `e` opens the routine in the editor, and saves from another window are picked up as you go.")]
    Edit {
        /// A routine name (see `supple list`) or a path to a .toml file
        routine: String,
    },
    /// Check routine files and report every error, with its line and column
    #[command(after_help = "Exits with status 1 if any file has an error. Warnings do not fail a check.")]
    Check {
        /// Routine files to check (names of bundled or user routines work too)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Play every chime once, in order, naming each, to learn them or to check that sound works
    Chimes {
        /// Volume from 0 to 100 [default: the volume sessions use]
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
        volume: Option<u8>,
    },
    /// Check the config file, or print its path or a full default config
    #[command(
        after_help = "The config lives at ~/.config/supple/config.toml (or $XDG_CONFIG_HOME/supple/config.toml).\n\
Start one with: supple config --default > \"$(supple config --path)\" (after mkdir -p of its folder)"
    )]
    Config {
        /// Print the config file's path
        #[arg(long, conflicts_with = "default")]
        path: bool,
        /// Print a config with every setting at its default, each explained
        #[arg(long)]
        default: bool,
    },
    /// Check what this machine can do for a session: terminal, sound, voice, config, routines, history
    #[command(
        after_help = "Exits with status 1 when a check fails, naming it; a note is something that works with less."
    )]
    Doctor {
        /// Also play a short chime on the sound device
        #[arg(long)]
        sound: bool,
        /// Print the checks as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Steer a running session from another terminal, or a phone over SSH: pause, next, status...
    #[command(after_help = "Talks to the full-screen session running for this user, through an owner-only socket in\n\
the runtime directory ($XDG_RUNTIME_DIR/supple). Prints the session's process id and where it\n\
stands after the command. With two sessions at once, --session says which (or it asks).")]
    Ctl {
        /// pause, resume, toggle, next (twice within 2 s: the whole stretch), back, stop (asks nothing), status
        #[arg(value_parser = ["pause", "resume", "play", "toggle", "next", "back", "stop", "status"])]
        what: String,
        /// The session's process id, when more than one is running
        #[arg(long)]
        session: Option<u32>,
        /// Print where the session stands as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script: supple completions bash > ~/.local/share/bash-completion/completions/supple
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): supple man | man -l -
    Man,
    /// Make a session for today from the stretch library, for what is sore, the time you have and what is at hand
    #[command(after_help = "Areas: hamstrings, calves, quads, hips, glutes, lower-back, whole-legs.\n\
At hand: strap (a towel or a belt counts), wall (or a chair), step, roller, band.\n\
The same choices on the same day make the same session, so it can be resumed; another day, another.\n\
Example: supple make --for calves,hamstrings --minutes 10 --standing --run")]
    Make {
        /// What is sore or tight, separated by commas [default: whole-legs]
        #[arg(long = "for", value_name = "AREAS", value_delimiter = ',', value_parser = area)]
        areas: Vec<crate::make::Area>,
        /// How long, in minutes (2 to 90)
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(2..=90))]
        minutes: u32,
        /// What is at hand, separated by commas
        #[arg(long, value_name = "ITEMS", value_delimiter = ',', value_parser = equipment)]
        with: Vec<crate::make::Equipment>,
        /// Standing stretches only: no floor, no mat (a park, a track)
        #[arg(long)]
        standing: bool,
        /// Just back from a run: warm already, so no warm-up
        #[arg(long)]
        run: bool,
        /// Print the session's timeline instead of running it
        #[arg(long, conflicts_with = "save")]
        show: bool,
        /// Write it into your routines folder as NAME, to keep and edit, instead of running it
        #[arg(long, value_name = "NAME")]
        save: Option<String>,
        /// One line per transition instead of the full screen
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        voice: VoiceFlags,
    },
    /// Print a routine's timeline: every phase with its start and length, and the total
    Show {
        /// A routine name (see `supple list`) or a path to a .toml file
        routine: String,
    },
    /// The stretch library: every stretch a step can name, or one in full with its figure
    #[command(after_help = "A step takes a stretch with `stretch = \"NAME\"` and overrides what it likes. \
Your own go in stretches.toml beside your routines folder ([stretch.NAME] tables); they replace bundled ones of the same name.")]
    Stretches {
        /// The stretch to show in full
        name: Option<String>,
        /// Only those working this area (hamstrings, calves, quads, hips, glutes, lower-back, IT band, ...)
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        /// Only this kind: static, dynamic, strength, rolling, walk
        #[arg(long, value_parser = kind)]
        kind: Option<crate::routine::stretch::Kind>,
        /// Only this position: standing, kneeling, seated, lying
        #[arg(long, value_parser = position)]
        position: Option<crate::routine::stretch::Position>,
        /// Only those needing nothing but these (and a mat), separated by commas; none for nothing at all
        #[arg(long, value_name = "ITEMS", value_delimiter = ',', num_args = 0..)]
        with: Option<Vec<String>>,
    },
    /// Show the pose figures: all of them as a gallery, or one large
    #[command(
        after_help = "A step shows its figure with `pose = \"NAME\"`; a routine can draw its own under `[pose.NAME]`."
    )]
    Poses {
        /// The pose to show large (a name from the gallery)
        name: Option<String>,
        /// Include this routine's own poses (a name or a path to a .toml file)
        #[arg(long, value_name = "ROUTINE")]
        routine: Option<String>,
        /// Draw the left or the right side's figure (as written: the right)
        #[arg(long, value_enum)]
        side: Option<SideArg>,
    },
}

/// A time of day, as `--at` takes it: `18:00`, `7:30`.
fn time_of_day(text: &str) -> Result<(u8, u8), String> {
    let bad = || format!("`{text}` is not a time of day: write it as HH:MM, such as 18:00 or 7:30");
    let (hour, minute) = text.trim().split_once(':').ok_or_else(bad)?;
    let hour: u8 = hour.parse().map_err(|_| bad())?;
    let minute: u8 = minute.parse().map_err(|_| bad())?;
    if hour > 23 || minute > 59 || text.trim().len() > 5 {
        return Err(bad());
    }
    Ok((hour, minute))
}

/// An area, as `--for` takes it.
fn area(name: &str) -> Result<crate::make::Area, String> {
    crate::make::Area::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = crate::make::Area::ALL.iter().map(|a| a.name()).collect();
        format!("the areas are {}", names.join(", "))
    })
}

/// Something at hand, as `--with` takes it.
fn equipment(name: &str) -> Result<crate::make::Equipment, String> {
    crate::make::Equipment::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = crate::make::Equipment::ALL.iter().map(|e| e.name()).collect();
        format!("what supple can ask for is {} (a towel counts as a strap)", names.join(", "))
    })
}

/// A kind of stretch, as `--kind` takes it.
fn kind(name: &str) -> Result<crate::routine::stretch::Kind, String> {
    use crate::routine::stretch::Kind;
    Kind::NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
        .map(|(_, k)| *k)
        .ok_or_else(|| format!("the kinds are {}", Kind::NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")))
}

/// A position, as `--position` takes it.
fn position(name: &str) -> Result<crate::routine::stretch::Position, String> {
    use crate::routine::stretch::Position;
    Position::NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim())).map(|(_, p)| *p).ok_or_else(|| {
        format!("the positions are {}", Position::NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "))
    })
}

/// A side, as `--side` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SideArg {
    Left,
    Right,
}

impl From<SideArg> for crate::side::Side {
    fn from(side: SideArg) -> Self {
        match side {
            SideArg::Left => Self::Left,
            SideArg::Right => Self::Right,
        }
    }
}

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "supple", out);
    Ok(())
}

/// Writes the manual page, in roff, from the same definition as `--help`, with the keys
/// and the files a session uses.
pub fn manual(out: &mut Vec<u8>) -> std::io::Result<()> {
    let command = <Cli as clap::CommandFactory>::command().after_long_help(manual_extra());
    clap_mangen::Man::new(command).render(out)
}

fn manual_extra() -> String {
    use std::fmt::Write as _;
    let keys = crate::config::keymap::Keymap::default().help_rows();
    let width = keys.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut text = String::from("Keys during a session (rebind them under [keys] in the config):\n\n");
    for (key, what) in keys {
        let _ = writeln!(text, "  {key:<width$}  {what}");
    }
    text.push_str(
        "\nFiles:\n\n  ~/.config/supple/routines/*.toml   your routines (supple new, supple edit)\n  \
         ~/.config/supple/config.toml       settings (supple config --default)\n  \
         ~/.local/share/supple/history.jsonl  every session (supple history, supple resume)\n\n\
         $XDG_CONFIG_HOME and $XDG_DATA_HOME replace ~/.config and ~/.local/share. NO_COLOR turns colour off.",
    );
    text
}
