//! supple on the desktop bus: a media player (MPRIS, through `mpris-server`) whose
//! Play, Pause, Next, Previous and Stop are the session's, and whose metadata says what the
//! screen says; the screen kept awake (the freedesktop `ScreenSaver` inhibit) while a
//! session runs; and the other players (the music a runner has on) turned down or paused
//! while the voice speaks.
//!
//! `mpris-server` is zbus-based and ships the whole Player interface with its signals, so
//! a property set here is a `PropertiesChanged` on the bus; `souvlaki` would bring a
//! second D-Bus library and needs a window on macOS and Windows. Everything runs on one
//! thread with zbus's executor; the session only sends it what changed.

use std::sync::mpsc::Sender;
use std::time::Duration;

use futures_lite::future;
use mpris_server::zbus::{self, Connection};
use mpris_server::{Metadata, PlaybackStatus, Player, Time, TrackId};

use super::{Command, NowPlaying};
use crate::app::remote::Playback;
use crate::config::{Control as Settings, Music};
use crate::shell::input::Input;

/// What the session tells the bus thread.
enum Update {
    Show(NowPlaying),
    KeepAwake(bool),
    /// The voice speaks for about this long from now.
    Speaking(Duration),
    /// The speech of this number has been heard out.
    Spoken(u64),
    /// The session is ending: the players quieted are brought back now, then this answers.
    Restore(Sender<()>),
}

/// The longest a D-Bus call may take: a player that hangs must not hold up the others,
/// nor the screen's inhibit.
const CALL_WITHIN: Duration = Duration::from_secs(2);

/// The players quieted for the voice, and how, with the number of the last speech.
#[derive(Default)]
struct Quieted {
    speech: u64,
    players: Vec<(String, Quiet)>,
}

enum Quiet {
    /// Turned down from this volume.
    Lowered(f64),
    Paused,
}

/// The bus thread, while it runs.
pub(crate) struct Desktop {
    updates: async_channel::Sender<Update>,
    settings: Settings,
}

impl Drop for Desktop {
    /// Music turned down for a sentence that was still being said is brought back before
    /// supple leaves, waiting a moment at most.
    fn drop(&mut self) {
        if self.settings.music == Music::Leave {
            return;
        }
        let (done, restored) = std::sync::mpsc::channel();
        if self.updates.try_send(Update::Restore(done)).is_ok() {
            let _ = restored.recv_timeout(Duration::from_millis(500));
        }
    }
}

impl Desktop {
    /// Starts the bus thread if there is a session bus to reach; none is looked for where
    /// none is set up, so a session over SSH waits for nothing.
    pub(crate) fn spawn(tx: Sender<Input>, settings: Settings) -> Option<Self> {
        if !bus_configured() {
            return None;
        }
        let (updates, incoming) = async_channel::unbounded();
        let again = updates.clone();
        std::thread::Builder::new()
            .name("desktop bus".into())
            .spawn(move || future::block_on(serve(tx, (again, incoming), settings)))
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

    /// The voice is about to speak for `length`: other players are quieted meanwhile.
    pub(crate) fn speaking(&self, length: Duration) {
        if self.settings.music != Music::Leave {
            let _ = self.updates.try_send(Update::Speaking(length));
        }
    }
}

/// What the desktop bus offers here, for `supple doctor`: none set up (`None`), or
/// whether it was reached and has a screen saver to keep the screen awake with.
pub(crate) fn probe() -> Option<Result<bool, String>> {
    if !bus_configured() {
        return None;
    }
    Some(future::block_on(async {
        let bus = session_bus().await.map_err(|e| e.to_string())?;
        let dbus = zbus::fdo::DBusProxy::new(&bus).await.map_err(|e| e.to_string())?;
        let name = zbus::names::BusName::try_from("org.freedesktop.ScreenSaver").map_err(|e| e.to_string())?;
        Ok(dbus.name_has_owner(name).await.unwrap_or(false))
    }))
}

/// Whether a session bus is set up for this process: its address given, or the usual
/// socket in the runtime directory.
fn bus_configured() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

/// The session bus, every call on it answered within [`CALL_WITHIN`] or given up.
async fn session_bus() -> zbus::Result<Connection> {
    zbus::connection::Builder::session().method_timeout(CALL_WITHIN).build().await
}

async fn serve(
    tx: Sender<Input>,
    (again, incoming): (async_channel::Sender<Update>, async_channel::Receiver<Update>),
    settings: Settings,
) {
    let player = if settings.media_keys { player(&tx).await.ok() } else { None };
    let others = settings.keep_awake || settings.music != Music::Leave;
    let bus = if others { session_bus().await.ok() } else { None };
    let mut cookie: Option<u32> = None;
    let mut quieted = Quieted::default();
    let updates = async {
        while let Ok(update) = incoming.recv().await {
            match (update, &bus) {
                (Update::Show(playing), _) => {
                    if let Some(player) = &player {
                        let _ = show(player, &playing).await;
                    }
                }
                (Update::KeepAwake(awake), Some(bus)) if settings.keep_awake => {
                    cookie = keep_awake(bus, awake, cookie).await;
                }
                (Update::Speaking(length), Some(bus)) => {
                    quieted.speech += 1;
                    if quieted.players.is_empty() {
                        quieted.players = quiet(bus, settings.music).await;
                    }
                    let (speech, again) = (quieted.speech, again.clone());
                    std::thread::spawn(move || {
                        std::thread::sleep(length);
                        let _ = again.send_blocking(Update::Spoken(speech));
                    });
                }
                (Update::Spoken(speech), Some(bus)) if speech == quieted.speech => {
                    bring_back(bus, std::mem::take(&mut quieted.players)).await;
                }
                (Update::Restore(done), bus) => {
                    if let Some(bus) = bus {
                        bring_back(bus, std::mem::take(&mut quieted.players)).await;
                    }
                    let _ = done.send(());
                }
                _ => {}
            }
        }
    };
    match &player {
        Some(player) => future::or(player.run(), updates).await,
        None => updates.await,
    }
}

const MPRIS_PATH: &str = "/org/mpris/MediaPlayer2";
const PLAYER_INTERFACE: &str = "org.mpris.MediaPlayer2.Player";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";

/// The other media players that are playing, turned down or paused as `music` says.
async fn quiet(bus: &Connection, music: Music) -> Vec<(String, Quiet)> {
    let Ok(dbus) = zbus::fdo::DBusProxy::new(bus).await else { return Vec::new() };
    let names = dbus.list_names().await.unwrap_or_default();
    let mut quieted = Vec::new();
    for name in names.iter().map(ToString::to_string) {
        // Another supple session is no music (and pausing it would pause its session).
        if !name.starts_with("org.mpris.MediaPlayer2.") || name.starts_with("org.mpris.MediaPlayer2.supple.") {
            continue;
        }
        let status: Option<String> = property(bus, &name, "PlaybackStatus").await;
        if status.as_deref() != Some("Playing") {
            continue;
        }
        let done = match music {
            Music::Lower => match property::<f64>(bus, &name, "Volume").await {
                Some(volume) => set_volume(bus, &name, volume / 3.0).await.then_some(Quiet::Lowered(volume)),
                None => None,
            },
            Music::Pause => call(bus, &name, "Pause").await.then_some(Quiet::Paused),
            Music::Leave => None,
        };
        quieted.extend(done.map(|how| (name, how)));
    }
    quieted
}

/// The players quieted for the voice, as they were.
async fn bring_back(bus: &Connection, players: Vec<(String, Quiet)>) {
    for (name, how) in players {
        match how {
            Quiet::Lowered(volume) => {
                set_volume(bus, &name, volume).await;
            }
            Quiet::Paused => {
                call(bus, &name, "Play").await;
            }
        }
    }
}

async fn property<T: TryFrom<zbus::OwnedVariant>>(bus: &Connection, name: &str, key: &str) -> Option<T> {
    let reply =
        bus.call_method(Some(name), MPRIS_PATH, Some(PROPERTIES), "Get", &(PLAYER_INTERFACE, key)).await.ok()?;
    let value: zbus::OwnedVariant = reply.body().deserialize().ok()?;
    T::try_from(value).ok()
}

async fn set_volume(bus: &Connection, name: &str, volume: f64) -> bool {
    let value = zbus::Variant::from(volume);
    bus.call_method(Some(name), MPRIS_PATH, Some(PROPERTIES), "Set", &(PLAYER_INTERFACE, "Volume", value)).await.is_ok()
}

async fn call(bus: &Connection, name: &str, method: &str) -> bool {
    bus.call_method(Some(name), MPRIS_PATH, Some(PLAYER_INTERFACE), method, &()).await.is_ok()
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
            let _ = tx.send(Input::Remote(Some(command), None, std::time::Instant::now()));
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
    let micros = |d: Duration| Time::from_micros(i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
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
