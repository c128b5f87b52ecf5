//! Where supple keeps things: the one place that knows the platform's directories and the
//! XDG variables that move them.
//!
//! - config: `$XDG_CONFIG_HOME/supple` (else the platform's): `config.toml`, `routines/`.
//! - data: `$XDG_DATA_HOME/supple` (else the platform's): the history and what a person
//!   changed during a session (volume, mute).
//! - cache: `$XDG_CACHE_HOME/supple` (else the platform's): the voice's rendered sentences.

use std::path::{Path, PathBuf};

/// supple's directory for one kind of place: the XDG variable when it holds an absolute
/// path (the specification says to ignore a relative one), else the platform's own.
fn base(xdg: &str, platform: fn(&directories::ProjectDirs) -> &Path) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(xdg).filter(|v| Path::new(v).is_absolute()) {
        return Some(PathBuf::from(dir).join("supple"));
    }
    directories::ProjectDirs::from("", "", "supple").map(|p| platform(&p).to_path_buf())
}

/// `$XDG_CONFIG_HOME/supple`.
pub(crate) fn config() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", directories::ProjectDirs::config_dir)
}

/// `$XDG_CACHE_HOME/supple`: what can be made again (the voice's rendered sentences).
pub(crate) fn cache() -> Option<PathBuf> {
    base("XDG_CACHE_HOME", directories::ProjectDirs::cache_dir)
}

/// `$XDG_DATA_HOME/supple`.
pub(crate) fn data() -> Option<PathBuf> {
    base("XDG_DATA_HOME", directories::ProjectDirs::data_dir)
}

/// The user's own routines.
pub(crate) fn routines() -> Option<PathBuf> {
    config().map(|d| d.join("routines"))
}

/// The config file.
pub(crate) fn config_file() -> Option<PathBuf> {
    config().map(|d| d.join("config.toml"))
}

/// The history of every session.
pub(crate) fn history_file() -> Option<PathBuf> {
    data().map(|d| d.join("history.jsonl"))
}

/// What a person last chose during a session: volume and mute.
pub(crate) fn remembered_file() -> Option<PathBuf> {
    data().map(|d| d.join("sound.toml"))
}

/// Where the user's own systemd units go: `$XDG_CONFIG_HOME/systemd/user` (else
/// `~/.config/systemd/user`), which the user's service manager reads.
pub(crate) fn systemd_user_units() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf()))?;
    Some(config.join("systemd/user"))
}
