//! supple on the desktop bus: a media player (MPRIS, through `mpris-server`) whose
//! Play, Pause, Next, Previous and Stop are the session's, and whose metadata says what the
//! screen says; and the screen kept awake (the freedesktop `ScreenSaver` inhibit) while a
//! session runs.
//!
//! `mpris-server` is zbus-based and ships the whole Player interface with its signals, so
//! a property set here is a `PropertiesChanged` on the bus; `souvlaki` would bring a
//! second D-Bus library and needs a window on macOS and Windows. Everything runs on one
//! thread with zbus's executor; the session only sends it what changed.

use std::sync::mpsc::Sender;

use futures_lite::future;
use mpris_server::zbus::{self, Connection};
use mpris_server::{Metadata, PlaybackStatus, Player, Time, TrackId};

use super::{Command, NowPlaying};
use crate::app::remote::Playback;
use crate::config::Control as Settings;
use crate::shell::input::Input;

/// What the session tells the bus thread.
enum Update {
    Show(NowPlaying),
    KeepAwake(bool),
}

/// The bus thread, while it runs.
pub(crate) struct Desktop {
    updates: async_channel::Sender<Update>,
    settings: Settings,
}

impl Desktop {
    /// Starts the bus thread if there is a session bus to reach; none is looked for where
    /// none is set up, so a session over SSH waits for nothing.
    pub(crate) fn spawn(tx: Sender<Input>, settings: Settings) -> Option<Self> {
        if !bus_configured() {
            return None;
        }
        let (updates, incoming) = async_channel::unbounded();
        std::thread::Builder::new()
            .name("desktop bus".into())
            .spawn(move || future::block_on(serve(tx, incoming, settings)))
            .ok()?;
        Some(Self { updates, settings })
    }

    pub(crate) fn media_keys(&self) -> bool {
        self.settings.media_keys
    }

    pub(crate) fn show(&self, playing: NowPlaying) {
        let _ = self.updates.try_send(Update::Show(playing));
    }

    pub(crate) fn keep_awake(&self, awake: bool) {
        let _ = self.updates.try_send(Update::KeepAwake(awake));
    }
}

/// Whether a session bus is set up for this process: its address given, or the usual
/// socket in the runtime directory.
fn bus_configured() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

async fn serve(tx: Sender<Input>, incoming: async_channel::Receiver<Update>, settings: Settings) {
    let player = if settings.media_keys { player(&tx).await.ok() } else { None };
    let screen = if settings.keep_awake { Connection::session().await.ok() } else { None };
    let mut cookie: Option<u32> = None;
    let updates = async {
        while let Ok(update) = incoming.recv().await {
            match update {
                Update::Show(playing) => {
                    if let Some(player) = &player {
                        let _ = show(player, &playing).await;
                    }
                }
                Update::KeepAwake(awake) => {
                    if let Some(connection) = &screen {
                        cookie = keep_awake(connection, awake, cookie).await;
                    }
                }
            }
        }
    };
    match &player {
        Some(player) => future::or(player.run(), updates).await,
        None => updates.await,
    }
}

/// The media player, its buttons sent to the session as commands.
async fn player(tx: &Sender<Input>) -> zbus::Result<Player> {
    let player = Player::builder(&format!("supple.instance{}", std::process::id()))
        .identity("supple")
        .desktop_entry("supple")
        .can_play(true)
        .can_pause(true)
        .can_go_next(true)
        .can_go_previous(true)
        .can_control(true)
        .build()
        .await?;
    let button = |command: Command| {
        let tx = tx.clone();
        move |_: &Player| {
            let _ = tx.send(Input::Remote(Some(command), None));
        }
    };
    player.connect_play(button(Command::Play));
    player.connect_pause(button(Command::Pause));
    player.connect_play_pause(button(Command::Toggle));
    player.connect_next(button(Command::Next));
    player.connect_previous(button(Command::Previous));
    player.connect_stop(button(Command::Stop));
    Ok(player)
}

/// What is playing, as the player's metadata and status: each set only when it changed,
/// so each change is one `PropertiesChanged`.
async fn show(player: &Player, playing: &NowPlaying) -> zbus::Result<()> {
    let micros = |d: std::time::Duration| Time::from_micros(i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    let track = TrackId::try_from(format!("/org/supple/phase/{}", playing.index)).unwrap_or(TrackId::NO_TRACK);
    let metadata = Metadata::builder()
        .trackid(track)
        .title(playing.stretch.clone())
        .artist([playing.phase.clone()])
        .album(playing.routine.clone())
        .length(micros(playing.length))
        .build();
    // Position is read, not signalled: a client counts on from it at the playback rate.
    player.set_position(micros(playing.position));
    if *player.metadata() != metadata {
        player.set_metadata(metadata).await?;
    }
    let status = match playing.playback {
        Playback::Running => PlaybackStatus::Playing,
        Playback::Paused | Playback::Waiting => PlaybackStatus::Paused,
        Playback::Ready | Playback::Finished => PlaybackStatus::Stopped,
    };
    if player.playback_status() != status {
        player.set_playback_status(status).await?;
    }
    Ok(())
}

/// Asks the desktop to keep the screen on (`awake`), or lets it go; returns the cookie
/// held. The desktop drops the request itself if supple dies, with its connection.
async fn keep_awake(connection: &Connection, awake: bool, cookie: Option<u32>) -> Option<u32> {
    const NAME: &str = "org.freedesktop.ScreenSaver";
    const PATH: &str = "/org/freedesktop/ScreenSaver";
    match (awake, cookie) {
        (true, None) => {
            let reply = connection
                .call_method(Some(NAME), PATH, Some(NAME), "Inhibit", &("supple", "A stretching session is running"))
                .await
                .ok()?;
            reply.body().deserialize::<u32>().ok()
        }
        (false, Some(held)) => {
            let _ = connection.call_method(Some(NAME), PATH, Some(NAME), "UnInhibit", &(held,)).await;
            None
        }
        (_, held) => held,
    }
}
