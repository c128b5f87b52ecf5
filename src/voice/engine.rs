//! The speech engine: a separate program that writes a WAV file for a text (espeak-ng by
//! default, or any command the config names), and the cache of what it wrote.
//!
//! espeak-ng is GPL-3, so it is only ever run, with its arguments as a list (never a shell
//! string): it is not linked or loaded, and supple stays MIT. Each distinct sentence is
//! rendered once into the cache directory, keyed by a hash of the command, voice, rate and
//! text, written under a temporary name and renamed, so a crash never leaves half a file
//! that would be played. A program that hangs is killed after [`MOST_RENDER_TIME`].

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest a sentence may take to render before the engine is stopped.
pub const MOST_RENDER_TIME: Duration = Duration::from_secs(10);

/// A command that writes a WAV file for a text. In its arguments `{text}`, `{file}`,
/// `{voice}` and `{rate}` are replaced; without `{text}`, the text goes to its standard
/// input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    pub command: Vec<String>,
    pub voice: String,
    /// Words a minute.
    pub rate: u16,
}

impl Engine {
    /// espeak-ng's command.
    pub fn default_command() -> Vec<String> {
        ["espeak-ng", "-v", "{voice}", "-s", "{rate}", "-w", "{file}", "{text}"].map(String::from).to_vec()
    }

    /// The program it runs.
    pub fn program(&self) -> &str {
        self.command.first().map_or("", String::as_str)
    }

    /// Whether its program can be found: a path that is a file, or a name on `PATH`.
    pub fn available(&self) -> bool {
        let program = Path::new(self.program());
        if self.program().is_empty() {
            return false;
        }
        if program.components().count() > 1 {
            return program.is_file();
        }
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
    }

    /// Where the sound of `text` is kept in `cache`.
    pub fn cached(&self, cache: &Path, text: &str) -> PathBuf {
        let key = format!("{:?}\u{0}{}\u{0}{}\u{0}{text}", self.command, self.voice, self.rate);
        let hash = crate::routine::source::content_hash(&key);
        cache.join(format!("{}.wav", &hash["sha256:".len()..]))
    }

    /// The WAV of `text`: from `cache`, or rendered into it now.
    pub fn render(&self, cache: &Path, text: &str) -> Result<Vec<u8>, String> {
        let path = self.cached(cache, text);
        if let Ok(bytes) = std::fs::read(&path) {
            return Ok(bytes);
        }
        std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
        let partial = path.with_extension(format!("{}.part", std::process::id()));
        let result = self.run(text, &partial).and_then(|()| {
            let bytes = std::fs::read(&partial).map_err(|e| e.to_string())?;
            if bytes.len() <= 44 {
                return Err(format!("{} wrote no sound", self.program()));
            }
            std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
            Ok(bytes)
        });
        let _ = std::fs::remove_file(&partial);
        result
    }

    fn run(&self, text: &str, file: &Path) -> Result<(), String> {
        let filled = |arg: &str| {
            arg.replace("{file}", &file.display().to_string())
                .replace("{voice}", &self.voice)
                .replace("{rate}", &self.rate.to_string())
                .replace("{text}", text)
        };
        let on_stdin = !self.command.iter().any(|a| a.contains("{text}"));
        let mut child = Command::new(self.program())
            .args(self.command.iter().skip(1).map(|a| filled(a)))
            .stdin(if on_stdin { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", self.program()))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("{} failed ({status})", self.program())),
                Ok(None) if started.elapsed() > MOST_RENDER_TIME => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("{} took longer than {} s", self.program(), MOST_RENDER_TIME.as_secs()));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(e.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(command: &[&str]) -> Engine {
        Engine { command: command.iter().map(ToString::to_string).collect(), voice: "en-us".into(), rate: 175 }
    }

    #[test]
    fn a_cache_key_changes_with_the_text_voice_rate_and_command() {
        let base = engine(&["espeak-ng", "{text}"]);
        let dir = Path::new("/c");
        let key = base.cached(dir, "Left side");
        assert_ne!(key, base.cached(dir, "Right side"));
        assert_ne!(key, Engine { voice: "en-gb".into(), ..base.clone() }.cached(dir, "Left side"));
        assert_ne!(key, Engine { rate: 200, ..base.clone() }.cached(dir, "Left side"));
        assert_ne!(key, engine(&["say", "{text}"]).cached(dir, "Left side"));
        assert_eq!(key, base.cached(dir, "Left side"));
    }

    #[test]
    fn a_missing_program_or_one_that_fails_is_an_error_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!engine(&["no-such-speech-engine", "{text}"]).available());
        assert!(engine(&["no-such-speech-engine", "{text}"]).render(dir.path(), "hello").is_err());
        assert!(engine(&["false"]).render(dir.path(), "hello").is_err());
        // A program that writes nothing is no sound.
        assert!(engine(&["true", "{file}"]).render(dir.path(), "hello").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing half-written is kept");
    }

    #[test]
    fn text_goes_to_standard_input_when_the_command_does_not_take_it() {
        let dir = tempfile::tempdir().unwrap();
        // `sh -c 'cat > FILE'` stands for an engine reading its text from standard input.
        let e = engine(&["sh", "-c", "{ printf 'RIFF'; head -c 60 /dev/zero; cat; } > \"$0\"", "{file}"]);
        let bytes = e.render(dir.path(), "a text from stdin").unwrap();
        assert!(bytes.ends_with(b"a text from stdin"));
        // Rendered once: the second time is read from the cache.
        assert_eq!(e.render(dir.path(), "a text from stdin").unwrap(), bytes);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        std::fs::write(e.cached(dir.path(), "a text from stdin"), b"kept").unwrap();
        assert_eq!(e.render(dir.path(), "a text from stdin").unwrap(), b"kept", "the cache is read, not rendered over");
    }
}
