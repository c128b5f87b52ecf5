//! What keeping the session screen up costs during a hold, at 80x24, 120x40 and 210x55,
//! on the real binary in a pseudo-terminal running `long-holds.toml`:
//!
//! - instructions a second, counted by valgrind's callgrind over 20 s of a hold (its
//!   counters zeroed and dumped with `callgrind_control`; skipped without valgrind);
//! - wake-ups a second, and a frame drawn: the voluntary context switches of all supple's
//!   threads over the same time, natively (a hold draws a frame a second; the pacer a few
//!   more a breath);
//! - bytes a second written to the terminal, against what a good encoder would need for
//!   the cells that changed (the screen read back every 100 ms, see [`least_bytes`]) and
//!   the window title.
//!
//! Run with `cargo bench --bench screen_cost` (about three minutes); `-- paced` measures
//! holds with the breath pacer (`paced-holds.toml`) instead, `-- posed` holds with a pose
//! figure beside the countdown (`posed-holds.toml`).

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::{Duration, Instant};

use pty::{Pty, ShownCell};

const ROUTINE: &str = "tests/fixtures/e2e/long-holds.toml";
/// The same holds with the breath pacer beside the countdown.
const PACED: &str = "tests/fixtures/e2e/paced-holds.toml";
/// The same holds with a still pose figure.
const POSED: &str = "tests/fixtures/e2e/posed-holds.toml";
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (210, 55)];
const WINDOW: Duration = Duration::from_secs(20);

fn main() {
    let home = std::env::temp_dir().join(format!("supple-cost-{}", std::process::id()));
    let asked = |word: &str| std::env::args().any(|a| a == word);
    let (routine, kind) = match (asked("paced"), asked("posed")) {
        (true, _) => (PACED, "paced "),
        (false, true) => (POSED, "posed "),
        (false, false) => (ROUTINE, ""),
    };
    println!("during a {kind}hold, over {} s:", WINDOW.as_secs());
    for (cols, rows) in SIZES {
        let (wakes, per_frame, bytes, least) = native(&home, routine, cols, rows);
        let instructions = instructions(&home, routine, cols, rows)
            .map_or_else(|| "not measured (no valgrind)".to_string(), |n| format!("{:.2} M", n / 1e6));
        println!(
            "{cols:>3}x{rows:<3} instructions/s {instructions:>8}   wake-ups/s {wakes:>4.2} ({per_frame:.2} a frame)   bytes/s {bytes:>6.0} \
             (a good encoder {least:>6.0}, {:+.1} %)",
            (bytes / least - 1.0) * 100.0
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}

/// A session started and some seconds into its first hold.
fn in_a_hold(program: &str, args: &[&str], home: &std::path::Path, cols: u16, rows: u16) -> Pty {
    let home = home.to_str().unwrap_or("/tmp");
    let env = [("XDG_CONFIG_HOME", home), ("XDG_DATA_HOME", home), ("ALSA_CONFIG_PATH", "/dev/null")];
    let mut pty = Pty::spawn_command(program, args, cols, rows, &env);
    pty.wait_text("space or Enter", Duration::from_secs(60));
    pty.send("\r");
    // The hold starts 5 s in; its first seconds are left out.
    pty.wait_for("the hold", Duration::from_secs(60), |s| s.contains("HOLD"));
    pty.drain_for(Duration::from_secs(2));
    pty
}

/// Wake-ups a second and a frame, bytes a second, and the bytes a second a good encoder
/// would send for the same changes.
fn native(home: &std::path::Path, routine: &str, cols: u16, rows: u16) -> (f64, f64, f64, f64) {
    let mut pty = in_a_hold(env!("CARGO_BIN_EXE_supple"), &["run", routine], home, cols, rows);
    let pid = pty.pid();
    let (switches, bytes, chunks) = (context_switches(pid), byte_count(&pty), pty.received.len());
    let start = Instant::now();
    let mut screen = pty.cells();
    let mut least = 0;
    while start.elapsed() < WINDOW {
        pty.drain_for(Duration::from_millis(100));
        let now = pty.cells();
        least += least_bytes(&screen, &now);
        screen = now;
    }
    let seconds = start.elapsed().as_secs_f64();
    let frames = frames(&pty.received[chunks..]);
    let wakes = (context_switches(pid) - switches) as f64;
    let sent = (byte_count(&pty) - bytes) as f64 / seconds;
    // The window title is no cell, but any encoder sends it too.
    let titles: usize = pty.received[chunks..].iter().map(|(_, b)| title_bytes(b)).sum();
    (wakes / seconds, wakes / frames.max(1) as f64, sent, (least + titles) as f64 / seconds)
}

/// Instructions a second under callgrind, if valgrind is there.
fn instructions(home: &std::path::Path, routine: &str, cols: u16, rows: u16) -> Option<f64> {
    Command::new("valgrind").arg("--version").output().ok()?;
    let out = home.join(format!("callgrind.{cols}x{rows}"));
    let out_arg = format!("--callgrind-out-file={}", out.display());
    let args = ["--tool=callgrind", &out_arg, env!("CARGO_BIN_EXE_supple"), "run", routine];
    let mut pty = in_a_hold("valgrind", &args, home, cols, rows);
    let pid = pty.pid().to_string();
    let control = |what: &str| Command::new("callgrind_control").args([what, &pid]).output().ok();
    control("-z")?;
    pty.drain_for(WINDOW);
    control("-d")?;
    pty.drain_for(Duration::from_secs(1));
    let dump = std::fs::read_to_string(format!("{}.1", out.display())).ok()?;
    let total: f64 = dump.lines().find_map(|l| l.strip_prefix("summary: "))?.trim().parse().ok()?;
    Some(total / WINDOW.as_secs_f64())
}

/// The times any of the process's threads went to sleep and was woken so far: voluntary
/// context switches (forced ones are the scheduler sharing a busy machine, not wake-ups).
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0 };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.starts_with("voluntary_ctxt_switches"))
                .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// How many frames the chunks of output make: bursts apart by more than 300 ms.
fn frames(chunks: &[(Instant, Vec<u8>)]) -> usize {
    chunks.windows(2).filter(|w| w[1].0.duration_since(w[0].0) > Duration::from_millis(300)).count() + 1
}

/// The bytes of the window titles (OSC 0 ... ST) in `bytes`.
fn title_bytes(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("\x1b]0;").filter_map(|(start, _)| text[start..].find("\x1b\\").map(|end| end + 2)).sum()
}

fn byte_count(pty: &Pty) -> usize {
    pty.received.iter().map(|(_, b)| b.len()).sum()
}

/// The bytes a good encoder needs to turn screen `before` into `after`, going through the
/// changed cells in reading order: each changed cell's text; the cheapest standard cursor
/// move to each run of them ([`move_cost`]), unless writing over the unchanged cells
/// between is cheaper; and the shortest SGR sequence for each change of colour or
/// attribute ([`sgr_cost`]). The first move of each capture is counted as one byte, as
/// where the cursor was left is not known here.
fn least_bytes(before: &[Vec<ShownCell>], after: &[Vec<ShownCell>]) -> usize {
    let mut bytes = 0;
    let mut cursor: Option<(usize, usize)> = None;
    let mut pen: Option<&ShownCell> = None;
    for (y, (old, new)) in before.iter().zip(after).enumerate() {
        let changed = (0..new.len()).filter(|&x| old.get(x) != Some(&new[x]));
        for x in changed {
            let over = |from: usize| (from..x).map(|g| new[g].text.len().max(1)).sum::<usize>();
            bytes += match cursor {
                None => 1,
                Some((cx, cy)) if cy == y && cx <= x => move_cost((cx, cy), (x, y)).min(over(cx)),
                Some(from) => move_cost(from, (x, y)),
            };
            let cell = &new[x];
            bytes += pen
                .map_or_else(|| sgr_cost(&ShownCell::default(), cell).min(sgr_cost(cell, cell)), |p| sgr_cost(p, cell));
            bytes += cell.text.len().max(1);
            pen = Some(cell);
            cursor = Some((x + 1, y)).filter(|(x, _)| *x < new.len());
        }
    }
    bytes
}

/// The length of the shortest standard sequence moving the cursor from `from` to `to`:
/// CUP, or a vertical move (line feeds, CUD, CUU, VPA) then a horizontal one (carriage
/// return, backspaces, CUF, CUB, CHA).
fn move_cost(from: (usize, usize), to: (usize, usize)) -> usize {
    let digits = |n: usize| if n == 1 { 0 } else { n.to_string().len() };
    let absolute = 3 + (to.1 + 1).to_string().len() + if to.0 == 0 { 0 } else { 1 + (to.0 + 1).to_string().len() };
    let vertical = match to.1.cmp(&from.1) {
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => (to.1 - from.1).min(3 + digits(to.1 - from.1)),
        std::cmp::Ordering::Less => 3 + digits(from.1 - to.1),
    }
    .min(3 + digits(to.1 + 1));
    let horizontal = match to.0.cmp(&from.0) {
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 3 + digits(to.0 - from.0),
        std::cmp::Ordering::Less => (from.0 - to.0).min(3 + digits(from.0 - to.0)),
    }
    .min(3 + digits(to.0 + 1))
    .min(if to.0 == 0 { 1 } else { 4 + digits(to.0) });
    absolute.min(vertical + horizontal)
}

/// The shortest SGR sequence from pen `from` to pen `to`: the changed parts, or a reset
/// and the parts `to` sets, whichever is shorter; nothing when they look the same.
fn sgr_cost(from: &ShownCell, to: &ShownCell) -> usize {
    let colour = |c: vt100::Color, base: u8| match c {
        vt100::Color::Default => 2,
        vt100::Color::Idx(i) if i < 8 || (8..16).contains(&i) => 2 + usize::from(base > 99),
        vt100::Color::Idx(i) => 5 + i.to_string().len(),
        vt100::Color::Rgb(r, g, b) => 7 + r.to_string().len() + g.to_string().len() + b.to_string().len(),
    };
    // A blank shows no foreground, unless reversed or underlined.
    let blank = |c: &ShownCell| c.text.trim().is_empty() && !c.inverse && !c.underline;
    let parts = |from: &ShownCell, to: &ShownCell| {
        let mut parts = Vec::new();
        if from.fg != to.fg && !blank(to) {
            parts.push(colour(to.fg, 30));
        }
        if from.bg != to.bg {
            parts.push(colour(to.bg, 40));
        }
        for (a, b) in
            [(from.bold, to.bold), (from.dim, to.dim), (from.inverse, to.inverse), (from.underline, to.underline)]
        {
            if a != b {
                parts.push(if b { 1 } else { 2 });
            }
        }
        parts
    };
    let length = |parts: Vec<usize>| 3 + parts.iter().sum::<usize>() + parts.len().saturating_sub(1);
    let changed = parts(from, to);
    if changed.is_empty() {
        return 0;
    }
    let fresh = parts(&ShownCell::default(), to);
    length(changed).min(if fresh.is_empty() { 3 } else { 1 + length(fresh) })
}
