//! `supple config`: where the config file is, the full default config, and checking the
//! file with every mistake located.

use super::stderr_style;
use crate::diagnostic;

/// `--path`: the file's path, whether it exists or not.
pub fn path() -> bool {
    let Some(path) = crate::dirs::config_file() else { return path_missing() };
    println!("{}", path.display());
    true
}

/// `--default`: every setting at its default, commented.
pub fn default() {
    print!("{}", crate::config::default_text());
}

/// With no flag: checks the config file.
pub fn check() -> bool {
    let Some(path) = crate::dirs::config_file() else { return path_missing() };
    if !path.exists() {
        println!("No config file at {}: every setting is at its default.", path.display());
        let dir = path.parent().map_or_else(String::new, |d| d.display().to_string());
        println!("To write one with every setting explained:");
        println!("  mkdir -p {dir} && supple config --default > {}", path.display());
        return true;
    }
    let loaded = crate::config::load_from(&path);
    if loaded.diagnostics.is_empty() {
        println!("ok: {}", path.display());
        return true;
    }
    let shown = path.display().to_string();
    eprint!("{}", diagnostic::render(&loaded.diagnostics, &shown, &loaded.text, stderr_style()));
    eprintln!("A setting with a mistake keeps its default; the rest of the file applies.");
    false
}

fn path_missing() -> bool {
    eprintln!("error: no config directory (set XDG_CONFIG_HOME or HOME)");
    false
}
