//! The speech engine: a separate program that writes a WAV file for a text (espeak-ng by
//! default, or any command the config names), and the cache of what it wrote.
//!
//! espeak-ng is GPL-3, so it is only ever run, with its arguments as a list (never a shell
//! string): it is not linked or loaded, and supple stays MIT. Each distinct sentence is
//! rendered once into the cache directory, keyed by a hash of the command, voice, rate and
//! text, written under a temporary name and renamed, so a crash never leaves half a file
//! that would be played.
//!
//! Nothing the engine does is trusted. The text reaches it as text, never as an option,
//! whatever it starts with. What it writes is kept only if it is a WAV file of sound of a
//! sane length ([`MOST_SPEECH`], [`MOST_FILE_BYTES`]); it is stopped as soon as its file
//! grows past that, or after [`MOST_RENDER_TIME`]. The cache is kept under
//! [`MOST_CACHE_BYTES`], the sentences used longest ago removed first. An engine runs in a
//! process group of its own, so stopping it stops whatever it started, and [`Stop`] ends
//! one still running when supple leaves.

use std::io::Write as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// The longest a sentence may take to render before the engine is stopped.
pub const MOST_RENDER_TIME: Duration = Duration::from_secs(10);

/// The longest sound kept for one sentence: the longest said is a stretch's name with its
/// side and hold, two or three seconds.
pub const MOST_SPEECH: Duration = Duration::from_secs(20);

/// The largest file kept for one sentence: 20 s of 16-bit stereo at 48 kHz is 3.7 MB.
pub const MOST_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The most the cache may hold; past it, the sentences used longest ago go. A routine's
/// sentences take about 1 MB.
pub const MOST_CACHE_BYTES: u64 = 64 * 1024 * 1024;

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

/// Set when supple leaves: an engine still running is stopped at once.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn now(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn asked(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl Engine {
    /// espeak-ng's command; `--` ends its options, so the text is never read as one.
    pub fn default_command() -> Vec<String> {
        ["espeak-ng", "-v", "{voice}", "-s", "{rate}", "-w", "{file}", "--", "{text}"].map(String::from).to_vec()
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
        let hash = crate::files::content_hash(&key);
        cache.join(format!("{}.wav", &hash["sha256:".len()..]))
    }

    /// The WAV of `text`: from `cache`, or rendered into it now.
    pub fn render(&self, cache: &Path, text: &str) -> Result<Vec<u8>, String> {
        self.render_unless(cache, text, &Stop::default())
    }

    /// [`Engine::render`], given up at once when `stop` is set.
    pub fn render_unless(&self, cache: &Path, text: &str, stop: &Stop) -> Result<Vec<u8>, String> {
        let path = self.cached(cache, text);
        match crate::files::read_regular(&path, MOST_FILE_BYTES) {
            Ok(Some(bytes)) if sound(&bytes).is_ok() => {
                // Used now: the last to go when the cache is pruned.
                if let Ok(file) = std::fs::File::options().append(true).open(&path) {
                    let _ = file.set_modified(SystemTime::now());
                }
                return Ok(bytes);
            }
            // Not there, or not sound (a file put there by hand, a link, a pipe): made again.
            Ok(_) => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) if std::fs::symlink_metadata(&path).is_ok() => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
        std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
        let partial = path.with_extension(format!("{}.part", std::process::id()));
        let result = self.run(text, &partial, stop).and_then(|()| {
            let bytes = match crate::files::read_regular(&partial, MOST_FILE_BYTES) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => return Err(format!("{} wrote more than a sentence's sound", self.program())),
                Err(e) => return Err(format!("{} wrote no sound: {e}", self.program())),
            };
            sound(&bytes).map_err(|why| format!("{} {why}", self.program()))?;
            std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
            Ok(bytes)
        });
        let _ = std::fs::remove_file(&partial);
        if result.is_ok() {
            prune(cache, MOST_CACHE_BYTES);
        }
        result
    }

    /// An argument with the text and the rest filled in. Text that would start an
    /// argument with `-` starts with a space instead: to any program, a word to say.
    fn fill(&self, arg: &str, text: &str, file: &Path) -> String {
        let filled = arg
            .replace("{file}", &file.display().to_string())
            .replace("{voice}", &self.voice)
            .replace("{rate}", &self.rate.to_string());
        let text = if filled.starts_with("{text}") && text.starts_with('-') { format!(" {text}") } else { text.into() };
        filled.replace("{text}", &text)
    }

    fn run(&self, text: &str, file: &Path, stop: &Stop) -> Result<(), String> {
        let on_stdin = !self.command.iter().any(|a| a.contains("{text}"));
        let mut child = Command::new(self.program())
            .args(self.command.iter().skip(1).map(|a| self.fill(a, text, file)))
            .stdin(if on_stdin { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own group: stopping it stops whatever it started (`sh -c ...`).
            .process_group(0)
            .spawn()
            .map_err(|e| format!("{}: {e}", self.program()))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
        let started = Instant::now();
        loop {
            let why = match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("{} failed ({status})", self.program())),
                Err(e) => Some(e.to_string()),
                Ok(None) if stop.asked() => Some("stopped: supple is leaving".to_string()),
                Ok(None) if started.elapsed() > MOST_RENDER_TIME => {
                    Some(format!("took longer than {} s", MOST_RENDER_TIME.as_secs()))
                }
                Ok(None) if std::fs::metadata(file).is_ok_and(|m| m.len() > MOST_FILE_BYTES) => {
                    Some("wrote more than a sentence's sound".to_string())
                }
                Ok(None) => None,
            };
            if let Some(why) = why {
                end(&mut child);
                return Err(format!("{} {why}", self.program()));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Stops `child` and everything in its process group, and reaps it.
fn end(child: &mut Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        let _ = nix::sys::signal::killpg(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Whether `bytes` are a WAV file of sound that a sentence could be: readable, and neither
/// empty nor longer than [`MOST_SPEECH`].
fn sound(bytes: &[u8]) -> Result<(), String> {
    let reader = hound::WavReader::new(std::io::Cursor::new(bytes)).map_err(|_| "wrote no WAV sound".to_string())?;
    let spec = reader.spec();
    let frames = u64::from(reader.duration());
    if frames == 0 || spec.sample_rate == 0 || spec.channels == 0 {
        return Err("wrote no sound".to_string());
    }
    if frames / u64::from(spec.sample_rate) > MOST_SPEECH.as_secs() {
        return Err(format!("wrote more than {} s of sound for a sentence", MOST_SPEECH.as_secs()));
    }
    Ok(())
}

/// Removes the sentences used longest ago from `cache` until what is left takes no more
/// than three quarters of `most`, once it takes more than `most`.
pub fn prune(cache: &Path, most: u64) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    let mut files: Vec<(SystemTime, u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "wav"))
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len(), e.path()))
        })
        .collect();
    let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
    if total <= most {
        return;
    }
    files.sort();
    for (_, len, path) in files {
        if total <= most / 4 * 3 {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total = total.saturating_sub(len);
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

    /// A WAV file of `seconds` of a quiet tone, in `dir`.
    fn wav_of(dir: &Path, seconds: f32) -> PathBuf {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let samples: Vec<f32> =
            (0..(seconds * crate::audio::synth::RATE as f32) as usize).map(|i| 0.3 * (i as f32 * 0.05).sin()).collect();
        let path = dir.join(format!("tone-{seconds}.wav"));
        std::fs::write(&path, crate::audio::synth::wav(&samples)).unwrap();
        path
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn text_goes_to_standard_input_when_the_command_does_not_take_it() {
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let tone = wav_of(work.path(), 0.5);
        let got = work.path().join("stdin.txt");
        // `sh -c` stands for an engine reading its text from standard input.
        let script = format!("cat > '{}'; cp '{}' \"$0\"", got.display(), tone.display());
        let e = engine(&["sh", "-c", &script, "{file}"]);
        let bytes = e.render(cache.path(), "a text from stdin").unwrap();
        assert_eq!(std::fs::read_to_string(&got).unwrap(), "a text from stdin");
        assert_eq!(bytes, std::fs::read(&tone).unwrap());
        // Rendered once: the second time is read from the cache.
        std::fs::remove_file(&got).unwrap();
        assert_eq!(e.render(cache.path(), "a text from stdin").unwrap(), bytes);
        assert!(!got.exists(), "the engine was not run again");
        assert_eq!(files_in(cache.path()).len(), 1);
    }

    #[test]
    fn text_that_starts_like_an_option_reaches_the_engine_as_text() {
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let tone = wav_of(work.path(), 0.5);
        let args = work.path().join("args");
        let script = format!("printf '%s\\n' \"$@\" > '{}'; cp '{}' \"$0\"", args.display(), tone.display());
        engine(&["sh", "-c", &script, "{file}", "{text}"]).render(cache.path(), "-f/etc/passwd").unwrap();
        let given = std::fs::read_to_string(&args).unwrap();
        assert_eq!(given, " -f/etc/passwd\n", "a word to say, not an option");
        // Inside a longer argument it is left as it is: it does not start one.
        engine(&["sh", "-c", &script, "{file}", "--text={text}"]).render(cache.path(), "-x").unwrap();
        assert_eq!(std::fs::read_to_string(&args).unwrap(), "--text=-x\n");
    }

    #[test]
    fn espeak_ng_says_text_that_starts_like_an_option_and_reads_no_file() {
        let espeak = Engine { command: Engine::default_command(), voice: "en-us".into(), rate: 175 };
        if !espeak.available() {
            return assert!(std::env::var_os("CI").is_none(), "CI installs espeak-ng");
        }
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let secret = work.path().join("secret.txt");
        std::fs::write(&secret, "this sentence would take a long while to read aloud. ".repeat(20)).unwrap();
        let bytes = espeak.render(cache.path(), &format!("-f{}", secret.display())).unwrap();
        let clip = crate::audio::Clip::speech(bytes).unwrap();
        // The file read aloud is about a minute; its name spelt out, a few seconds.
        assert!(clip.duration() < Duration::from_secs(15), "it read the file: {:?}", clip.duration());
    }

    #[test]
    fn an_engine_that_writes_garbage_or_too_much_is_stopped_and_nothing_is_kept() {
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let zeros = engine(&["sh", "-c", "head -c 20000000 /dev/zero > \"$0\"", "{file}"]);
        let started = Instant::now();
        assert!(zeros.render(cache.path(), "hello").is_err());
        let endless = engine(&["sh", "-c", "cat /dev/zero > \"$0\"", "{file}"]);
        assert!(endless.render(cache.path(), "hello").is_err());
        assert!(started.elapsed() < Duration::from_secs(8), "stopped at the size cap: {:?}", started.elapsed());
        let text = engine(&["sh", "-c", "echo not a sound > \"$0\"", "{file}"]);
        assert!(text.render(cache.path(), "hello").is_err());
        let long = wav_of(work.path(), 25.0);
        let too_long = engine(&["cp", long.to_str().unwrap(), "{file}"]);
        assert!(too_long.render(cache.path(), "hello").unwrap_err().contains("more than 20 s"));
        assert!(files_in(cache.path()).is_empty(), "nothing kept: {:?}", files_in(cache.path()));
    }

    #[test]
    fn a_cached_file_that_is_not_sound_is_made_again() {
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let tone = wav_of(work.path(), 0.5);
        let e = engine(&["cp", tone.to_str().unwrap(), "{file}"]);
        let path = e.cached(cache.path(), "hi");
        std::fs::write(&path, b"kept").unwrap();
        assert_eq!(e.render(cache.path(), "hi").unwrap(), std::fs::read(&tone).unwrap());
        // A named pipe in its place is never opened to wait on.
        std::fs::remove_file(&path).unwrap();
        nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).unwrap();
        assert_eq!(e.render(cache.path(), "hi").unwrap(), std::fs::read(&tone).unwrap());
    }

    #[test]
    fn the_cache_is_pruned_of_the_sentences_used_longest_ago() {
        let cache = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        for i in 0..10u64 {
            let path = cache.path().join(format!("{i}.wav"));
            std::fs::write(&path, vec![0u8; 1000]).unwrap();
            let file = std::fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(old + Duration::from_secs(i)).unwrap();
        }
        prune(cache.path(), 20_000);
        assert_eq!(files_in(cache.path()).len(), 10, "under the cap, nothing goes");
        prune(cache.path(), 8_000);
        assert_eq!(files_in(cache.path()), ["4.wav", "5.wav", "6.wav", "7.wav", "8.wav", "9.wav"]);
    }

    #[test]
    fn an_engine_still_running_is_stopped_with_all_it_started() {
        let (cache, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let pid_file = work.path().join("pid");
        // A shell that starts a long sleep: stopping the shell alone would leave the sleep.
        let script = format!("echo $$ > '{}'; sleep 60; echo done", pid_file.display());
        let e = engine(&["sh", "-c", &script, "{file}"]);
        let stop = Stop::default();
        let stopper = {
            let stop = stop.clone();
            let pid_file = pid_file.clone();
            std::thread::spawn(move || {
                while !pid_file.exists() {
                    std::thread::sleep(Duration::from_millis(10));
                }
                stop.now();
            })
        };
        let started = Instant::now();
        assert!(e.render_unless(cache.path(), "hello", &stop).is_err());
        stopper.join().unwrap();
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        let group: i32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
        // Killed, a process takes a moment to go (seen: still "R" just after, under load).
        let running = || -> Vec<String> {
            std::fs::read_dir("/proc")
                .unwrap()
                .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("stat")).ok())
                .filter(|stat| {
                    // pid (comm) state ppid pgrp ...
                    let rest = stat.rsplit(')').next().unwrap_or("");
                    let fields: Vec<&str> = rest.split_whitespace().collect();
                    fields.get(2).and_then(|g| g.parse::<i32>().ok()) == Some(group) && fields.first() != Some(&"Z")
                })
                .collect()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut left = running();
        while !left.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            left = running();
        }
        assert!(left.is_empty(), "still running: {left:?}");
    }
}
