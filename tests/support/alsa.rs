//! ALSA configurations for capturing what supple plays, with no sound card: the default
//! device is a `file` device over `null`, writing 48 kHz 16-bit stereo to a file or a
//! named pipe.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Writes, in `dir`, an ALSA configuration whose default device writes to `target` in
/// `format` (`"wav"` or `"raw"`); returns its path, for `ALSA_CONFIG_PATH`.
pub fn file_device(dir: &Path, target: &Path, format: &str) -> PathBuf {
    let conf = dir.join("asound.conf");
    let text = format!(
        "pcm.!default {{\n  type plug\n  slave {{\n    pcm {{\n      type file\n      slave.pcm {{ type null }}\n      \
         file \"{}\"\n      format \"{format}\"\n    }}\n    format S16_LE\n    rate 48000\n    channels 2\n  }}\n}}\n",
        target.display()
    );
    std::fs::write(&conf, text).expect("the ALSA configuration");
    conf
}
