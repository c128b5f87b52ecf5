//! Runs the real `supple` binary in a pseudo-terminal and reads its screen through a
//! terminal emulator, as a person would see it.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The least any wait here lasts before it fails, whatever the test asks: a deadline is
/// for a failure, and a run with both cores busy can take many times longer than an idle
/// one to show a screen (seen: a 2 s wait for a key's answer missed under load). A wait
/// that succeeds ends as soon as the screen says so, so this costs a passing run nothing.
pub const LEAST_WAIT: Duration = Duration::from_secs(20);

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_supple");

/// A cell as the terminal shows it.
// The flags mirror vt100's cell attributes, which are independent of each other.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownCell {
    pub text: String,
    pub fg: vt100::Color,
    pub bg: vt100::Color,
    pub bold: bool,
    pub dim: bool,
    pub inverse: bool,
    pub underline: bool,
}

/// A `supple` process in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    /// Every byte received, with when each chunk arrived.
    pub received: Vec<(Instant, Vec<u8>)>,
    pub started: Instant,
    pub termios_before: Option<String>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Pty {
    /// Starts `supple ARGS` in a `cols` x `rows` terminal with `env` set.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::spawn_command(BIN, args, cols, rows, env)
    }

    /// Starts `program ARGS` in a `cols` x `rows` terminal with `env` set.
    pub fn spawn_command(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("a pseudo-terminal");
        let termios_before = pair.master.get_termios().map(|t| format!("{t:?}"));
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("supple starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        Self {
            master: pair.master,
            child,
            writer,
            output,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            received: Vec::new(),
            started,
            termios_before,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// From spawning `supple run ROUTINE` in a 120x40 terminal, with `dir` as its config
    /// and data directories, to its ready screen complete on the terminal; then quits.
    pub fn first_frame(routine: &str, dir: &str) -> Duration {
        let mut pty = Self::spawn(&["run", routine], 120, 40, &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir)]);
        pty.wait_text("space or Enter to start", Duration::from_secs(10));
        let shown = pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
        pty.send("q");
        assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
        shown - pty.started
    }

    /// Types `text`.
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Takes in whatever output has arrived, waiting at most `wait` for the first chunk;
    /// returns whether anything came.
    pub fn pump(&mut self, wait: Duration) -> bool {
        match self.output.recv_timeout(wait) {
            Ok(chunk) => {
                self.take(chunk);
                while let Ok(chunk) = self.output.try_recv() {
                    self.take(chunk);
                }
                true
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => false,
        }
    }

    fn take(&mut self, chunk: (Instant, Vec<u8>)) {
        self.parser.process(&chunk.1);
        self.received.push(chunk);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Every cell of the screen, row by row: its text, colours and attributes.
    pub fn cells(&self) -> Vec<Vec<ShownCell>> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|y| {
                (0..cols.get())
                    .map(|x| {
                        screen.cell(y, x).map_or_else(ShownCell::default, |c| ShownCell {
                            text: c.contents().to_string(),
                            fg: c.fgcolor(),
                            bg: c.bgcolor(),
                            bold: c.bold(),
                            dim: c.dim(),
                            inverse: c.inverse(),
                            underline: c.underline(),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Waits until the screen satisfies `check`; panics with the screen after `timeout`.
    pub fn wait_for(&mut self, what: &str, timeout: Duration, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout.max(LEAST_WAIT);
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let raw = self.all_output();
                let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(400)..]).into_owned();
                panic!("timed out waiting for {what}; the screen:\n{screen}\nthe last bytes: {tail:?}");
            }
            self.pump(left.min(Duration::from_millis(50)));
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_text(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_for(&format!("{text:?}"), timeout, |s| s.contains(text))
    }

    /// Reads output for `duration`, however much arrives.
    pub fn drain_for(&mut self, duration: Duration) {
        let end = Instant::now() + duration;
        while Instant::now() < end {
            self.pump(end.saturating_duration_since(Instant::now()));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).unwrap();
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits for the process to exit; returns its exit code.
    #[must_use = "check how it exited"]
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        let status = self.wait_end(timeout);
        assert!(status.signal().is_none(), "killed by {:?}; the screen:\n{}", status.signal(), self.screen());
        status.exit_code()
    }

    /// Waits for the process to end however it does; returns how.
    pub fn wait_end(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout.max(LEAST_WAIT);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain_for(Duration::from_millis(100));
                return status;
            }
            assert!(Instant::now() < deadline, "supple did not exit; the screen:\n{}", self.screen());
            self.pump(Duration::from_millis(20));
        }
    }

    /// Closes the terminal as a closed window does; returns the exit code once supple has
    /// gone, or `None` if it was killed by a signal.
    pub fn hang_up(mut self, timeout: Duration) -> Option<u32> {
        let pid = self.pid();
        let mut child = std::mem::replace(&mut self.child, Box::new(Gone));
        drop(self);
        let deadline = Instant::now() + timeout.max(LEAST_WAIT);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status.signal().is_none().then(|| status.exit_code());
            }
            assert!(Instant::now() < deadline, "supple ({pid}) is still running after its terminal closed");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every byte received so far.
    pub fn all_output(&self) -> Vec<u8> {
        self.received.iter().flat_map(|(_, bytes)| bytes.iter().copied()).collect()
    }

    /// The terminal modes now, to compare with [`Pty::termios_before`].
    pub fn termios_now(&self) -> Option<String> {
        self.master.get_termios().map(|t| format!("{t:?}"))
    }

    /// Whether the main screen (not the alternate one) is showing.
    pub fn on_main_screen(&self) -> bool {
        !self.parser.screen().alternate_screen()
    }

    pub fn cursor_visible(&self) -> bool {
        !self.parser.screen().hide_cursor()
    }

    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill").args([format!("-{signal}"), self.pid().to_string()]).status();
        assert!(status.unwrap().success());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Stands in for a child that has been handed away.
#[derive(Debug)]
struct Gone;

impl portable_pty::ChildKiller for Gone {
    fn kill(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn clone_killer(&self) -> Box<dyn portable_pty::ChildKiller + Send + Sync> {
        Box::new(Gone)
    }
}

impl Child for Gone {
    fn try_wait(&mut self) -> std::io::Result<Option<portable_pty::ExitStatus>> {
        Ok(Some(portable_pty::ExitStatus::with_exit_code(0)))
    }
    fn wait(&mut self) -> std::io::Result<portable_pty::ExitStatus> {
        Ok(portable_pty::ExitStatus::with_exit_code(0))
    }
    fn process_id(&self) -> Option<u32> {
        None
    }
}
