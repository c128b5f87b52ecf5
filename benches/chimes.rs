//! How late a chime is: from the moment a cue is due to the mixer taking the chime's first
//! sample, with the device opened ahead as a session does. Needs a sound device.
//!
//! Without a sound card, a `PulseAudio` null sink stands in for one, but only once it runs
//! at a low latency, as a hardware sink does when it resumes for a stream: an idle null
//! sink first plays out a block at its 2 s maximum latency before it honours the stream's
//! 14 ms request, which would be measured here as a 1-2 s delay of the sink's own. So:
//!
//! ```text
//! pulseaudio -n --daemonize=yes --exit-idle-time=-1 -L module-null-sink -L module-native-protocol-unix
//! pacat --raw --latency-msec=20 --volume=0 /dev/zero &
//! ```
//!
//! Run with `cargo bench --bench chimes`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, Instant};

use supple::audio::Chimes;
use supple::cue::SOUNDS;

fn main() {
    let chimes = Chimes::start(|_| {});
    let mut latencies = Vec::new();
    for round in 0..12 {
        let cue = SOUNDS[round % SOUNDS.len()].cue;
        let due = Instant::now() + Duration::from_millis(1_200);
        // As the shell does: open the device about a second before the cue.
        std::thread::sleep(Duration::from_millis(150));
        chimes.warm();
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let Some(first_sample) = chimes.play_measured(cue, 0.7) else {
            println!("no sound device: nothing to measure");
            return;
        };
        latencies.push(first_sample.saturating_duration_since(due));
        std::thread::sleep(Duration::from_millis(1_500));
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "chime latency, deadline to first sample taken by the mixer, {} chimes: median {:.1} ms, max {:.1} ms",
        latencies.len(),
        ms(latencies[latencies.len() / 2]),
        ms(latencies[latencies.len() - 1])
    );
}
