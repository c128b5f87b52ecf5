//! The walk-through screen, made to be read from a mat two metres away: the phase and the
//! side in big letters, a big countdown that grows with the window, a gauge whose pattern
//! is the phase's own, and a bar down the edge of the side that is working. Below: the
//! stretch, its focus, how-to and targets (in a gap, those of the hold to come), what comes
//! next and the whole session's progress. It lays itself out for any size, dropping detail
//! as space runs out: the countdown and the phase, side included, always stay.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::big_text::{self, BigText};
use super::theme::{Look, Theme};
use super::{Ticking, fit, inset, labelled, line_at, split_line};
use crate::app::{App, shown_seconds};
use crate::config::keymap::{Action, Keymap};
use crate::duration;
use crate::pacing::{self, Turn};
use crate::plan::{Phase, PhaseKind};
use crate::routine::{Measure, Step};
use crate::run::Run;
use crate::session::{Session, Status};
use crate::side::Side;
use crate::wording;

/// What to show, worked out once per frame.
struct View<'a> {
    run: &'a Run,
    session: &'a Session,
    phase: Phase,
    /// The hold a gap leads to, whose stretch the details are about.
    coming: Phase,
    look: Look,
    remaining: u64,
    /// The time the screen is drawn for.
    now: Duration,
    theme: Theme,
    keymap: &'a Keymap,
    app: &'a App,
}

impl View<'_> {
    fn step(&self) -> &Step {
        &self.run.file.routine.steps[self.coming.step]
    }

    /// The side this phase is about: its own, or for a gap, the side of the hold to come.
    fn side(&self) -> Option<Side> {
        self.phase.side.or(if self.phase.kind.is_work() { None } else { self.coming.side })
    }

    fn paused(&self) -> bool {
        self.session.status() == Status::Paused
    }
}

/// The banner: the phase's words in big letters, as the room allows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Banner {
    /// One line of text (the smallest screens).
    Text,
    /// Big letters: each line's words, the scale, and a pixel's width in cells.
    Big { lines: Vec<String>, scale: u16, pixel: u16 },
}

impl Banner {
    fn height(&self) -> u16 {
        match self {
            Self::Text => 1,
            Self::Big { lines, scale, .. } => {
                let lines = u16::try_from(lines.len()).unwrap_or(1);
                lines * big_text::height(*scale) + lines.saturating_sub(1)
            }
        }
    }
}

/// The parts of the screen that the available height allows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)]
struct Parts {
    header: bool,
    banner: Banner,
    name: bool,
    /// The countdown's scale; 0 is one line of text.
    scale: u16,
    gauge: bool,
    focus: u16,
    how: u16,
    targets: bool,
    next: bool,
    progress: bool,
    footer: bool,
    spacers: bool,
}

/// Draws the walk-through; returns where it changes with the time alone: the countdown,
/// the gauge and the bottom lines.
pub(crate) fn draw(buf: &mut Buffer, area: Rect, run: &Run, app: &App, now: Duration) -> Ticking {
    let session = &run.session;
    let Some(phase) = session.phase().copied() else { return Ticking::Everywhere };
    let coming = if phase.kind.is_work() {
        phase
    } else {
        session.plan().phases[session.index()..].iter().find(|p| p.kind.is_work()).copied().unwrap_or(phase)
    };
    let view = View {
        run,
        session,
        phase,
        coming,
        // A wait is no pause: it looks like the get-ready it comes before.
        look: Look::of(phase.kind, session.status() == Status::Paused && !session.waiting()),
        remaining: shown_seconds(session.remaining(now)),
        now,
        theme: Theme::of(app.settings.theme),
        keymap: &app.settings.keys,
        app,
    };
    side_bar(buf, area, &view);
    let area = inset(area, 2, 1);
    // The figure takes a column where the countdown and the banner keep big letters
    // beside it; the rest of the stretch is laid out in what is left.
    let (content, column, parts) = match figure_column(&view, area) {
        Some((content, column, parts)) => (content, Some(column), parts),
        None => (area, None, choose_parts(&view, area)),
    };
    let mut y = 0;
    let gap = u16::from(parts.spacers);
    if parts.header {
        line_at(buf, area, y, header(&view, area.width, &parts));
        y += 1 + gap;
    }
    let mut ticking = Vec::new();
    if let Some(column) = column {
        let bottom_rows = u16::from(parts.next) + u16::from(parts.progress) + u16::from(parts.footer);
        let rows = area.height.saturating_sub(y + bottom_rows + gap);
        let place = Rect { y: column.y + y, height: rows, ..column };
        if let Some(moving) = figure(buf, place, &view) {
            ticking.push(moving);
        }
    }
    // Rows to spare go mostly below the stretch, so it sits a little above the middle.
    y += area.height.saturating_sub(height(&parts)) / 3;
    y += banner(buf, content, y, &view, &parts.banner);
    if parts.name {
        line_at(buf, content, y, Line::styled(fit(&name(&view), content.width), view.theme.title()).centered());
        if view.phase.measure != Measure::Time {
            ticking.push(Rect::new(content.x, content.y + y, content.width, 1).intersection(content));
        }
        y += 1;
    }
    y += gap;
    let (rows, clock) = countdown(buf, content, y, &view, parts.scale);
    ticking.push(clock);
    if let Some(pacer) = pacer(buf, content, clock, &view) {
        ticking.push(pacer);
    }
    y += rows;
    y += gap;
    if parts.gauge {
        let row = Rect::new(content.x, content.y + y, content.width, 1).intersection(content);
        gauge(buf, row, &view);
        ticking.push(row);
        y += 1;
    }
    y += gap * u16::from(parts.focus > 0 || parts.how > 0 || parts.targets);
    details(buf, content, y, &view, &parts);
    let bottom = bottom_lines(&view, &parts, area.width, now);
    let top_of_bottom = area.height.saturating_sub(u16::try_from(bottom.len()).unwrap_or(0));
    for (i, line) in bottom.into_iter().enumerate() {
        let y = top_of_bottom + u16::try_from(i).unwrap_or(0);
        line_at(buf, area, y, line);
        ticking.push(Rect::new(area.x, area.y + y, area.width, 1).intersection(area));
    }
    Ticking::Only(ticking)
}

/// The smallest window the figure shows in, about 100 by 30 with the margins.
const FIGURE_FROM: (u16, u16) = (96, 28);

/// Where the figure goes, if the stretch has one and there is room: the rest of the
/// screen, the figure's column (on the working side, or the left), and the parts that fit
/// beside it. Beside it, the banner must keep its big letters and the countdown its size
/// (up to twice the smallest), else no figure.
fn figure_column(view: &View<'_>, area: Rect) -> Option<(Rect, Rect, Parts)> {
    view.step().pose.as_ref()?;
    if area.width < FIGURE_FROM.0 || area.height < FIGURE_FROM.1 {
        return None;
    }
    let width = (area.width * 2 / 5).min(64);
    let on_right = view.side() == Some(Side::Right);
    let rest = area.width - width - 2;
    let content = Rect { x: if on_right { area.x } else { area.x + width + 2 }, width: rest, ..area };
    let column = Rect { x: if on_right { area.right() - width } else { area.x }, width, ..area };
    let parts = choose_parts(view, content);
    if parts.scale >= 2 && parts.banner != Banner::Text {
        return Some((content, column, parts));
    }
    // Small letters beside the figure: only if they would be as small without it.
    let alone = choose_parts(view, area);
    let kept = parts.scale >= alone.scale.min(2) && (parts.banner != Banner::Text || alone.banner == Banner::Text);
    kept.then_some((content, column, parts))
}

/// Draws the pose of the stretch (in a gap, the one to come) in `place`; returns where,
/// if it moves with the time.
fn figure(buf: &mut Buffer, place: Rect, view: &View<'_>) -> Option<Rect> {
    let pose = view.step().pose.as_ref()?;
    let elapsed = view.session.elapsed(view.now);
    let breathing_in = view.phase.pacer.map(|breath| pacing::pacer(breath, elapsed).turn == Turn::In);
    let frame = pose.frame_at(elapsed, breathing_in);
    super::figure::draw(buf, place, pose, frame, view.side(), view.theme.figure(view.look));
    // Its frames may differ in size: the whole place changes.
    pose.moves().then_some(place)
}

/// The words of the big banner: the phase, and the side apart (or `None`).
fn banner_words(view: &View<'_>) -> (String, Option<String>) {
    let side = view.side().map(|s| s.label().to_uppercase());
    let word = match view.look {
        Look::GetReady if view.session.waiting() => "WAITING",
        Look::Paused => "PAUSED",
        Look::GetReady => "READY",
        Look::Hold => "HOLD",
        Look::Activity => "ACTIVITY",
        Look::SwitchSides => "SWITCH",
        Look::Rest => "REST",
    };
    let side = match view.look {
        Look::GetReady | Look::SwitchSides => side.map(|s| format!("→ {s}")),
        Look::Hold | Look::Paused => side,
        Look::Activity | Look::Rest => None,
    };
    (word.to_string(), side)
}

/// The banner's words on one line: "HOLD LEFT".
fn on_one_line(word: &str, side: Option<&str>) -> String {
    side.map_or_else(|| word.to_string(), |side| format!("{word} {side}"))
}

/// The biggest banner up to `max_scale` that fits `width` and `rows`, one line before two.
fn fit_banner(view: &View<'_>, width: u16, rows: u16, max_scale: u16) -> Option<Banner> {
    let (word, side) = banner_words(view);
    let one = on_one_line(&word, side.as_deref());
    // Narrow pixels: letters taller than wide read well, and leave the countdown the
    // widest thing on the screen.
    for scale in (1..=max_scale).rev() {
        let pixel = scale;
        let fits = |text: &str| big_text::pixel_width(text) * pixel <= width;
        let one_line = Banner::Big { lines: vec![one.clone()], scale, pixel };
        if fits(&one) && one_line.height() <= rows {
            return Some(one_line);
        }
        if let Some(side) = &side {
            let two = Banner::Big { lines: vec![word.clone(), side.clone()], scale, pixel };
            if fits(&word) && fits(side) && two.height() <= rows {
                return Some(two);
            }
        }
    }
    None
}

fn choose_parts(view: &View<'_>, area: Rect) -> Parts {
    let step = view.step();
    let focus =
        wrapped_lines(&format!("Focus: {}", step.focus), area.width, 2).min(u16::from(!step.focus.is_empty()) * 2);
    // Wrapping is most of what laying out costs: the how-to is wrapped once.
    let how_all = wrapped_lines(&step.how, area.width, 12);
    let how_rows = |max: u16| how_all.min(max);
    let clock = countdown_text(shown_seconds(view.session.length()), view.session.length());
    // Room for the breath pacer right of the digits (in a gap too, so they keep their size).
    let paced = view.coming.pacer.is_some();
    let digits_fit = |scale: u16| {
        let width = if paced { area.width.saturating_sub(pacer_room(big_text::height(scale))) } else { area.width };
        big_text::fit_scale(&clock, width, big_text::height(scale)).is_some_and(|fits| fits >= scale)
    };
    let cap = view.app.settings.max_countdown_rows.map_or(u16::MAX, |rows| (rows / big_text::GLYPH_HEIGHT).max(1));
    let big_digits = view.app.settings.big_digits;
    let mut parts = Parts {
        header: false,
        banner: Banner::Text,
        name: false,
        scale: 0,
        gauge: false,
        focus: 0,
        how: 0,
        targets: false,
        next: false,
        progress: false,
        footer: false,
        spacers: false,
    };
    // Each step adds something, kept if it all still fits: most important first.
    let steps: [&dyn Fn(&mut Parts); 12] = [
        &|p| p.gauge = true,
        &|p| p.name = true,
        &|p| p.progress = true,
        &|p| p.next = true,
        &|p| p.scale = u16::from(big_digits && digits_fit(1)),
        &|p| p.header = true,
        &|p| p.banner = fit_banner(view, area.width, 5, 1).unwrap_or(Banner::Text),
        &|p| p.focus = focus,
        &|p| p.footer = true,
        &|p| p.how = how_rows(3),
        &|p| p.targets = !step.targets.is_empty() || !step.equipment.is_empty(),
        &|p| p.spacers = true,
    ];
    for step in steps {
        let mut next = parts.clone();
        step(&mut next);
        if height(&next) <= area.height {
            parts = next;
        }
    }
    // Then the countdown and the banner grow into what is left: the banner while it is
    // under half the countdown's size, else the countdown.
    loop {
        let digits = Parts { scale: parts.scale + 1, ..parts.clone() };
        let digits =
            (parts.scale > 0 && digits.scale <= cap && digits_fit(digits.scale) && height(&digits) <= area.height)
                .then_some(digits);
        let banner = match &parts.banner {
            Banner::Big { scale, .. } => {
                let room = area.height - (height(&parts) - parts.banner.height());
                fit_banner(view, area.width, room, scale + 1)
                    .filter(|b| b.height() > parts.banner.height())
                    .map(|banner| Parts { banner, ..parts.clone() })
            }
            Banner::Text => None,
        };
        let banner_scale = |p: &Parts| if let Banner::Big { scale, .. } = p.banner { scale } else { 0 };
        parts = match (digits, banner) {
            (_, Some(banner)) if banner_scale(&parts) * 2 < parts.scale => banner,
            (Some(digits), _) => digits,
            (None, Some(banner)) if banner_scale(&banner) * 2 <= parts.scale => banner,
            _ => break,
        };
    }
    // And the how-to takes what rows are still free, up to the whole of it.
    let room = area.height.saturating_sub(height(&parts));
    parts.how = (parts.how + room.min(how_rows(12).saturating_sub(parts.how))).min(how_rows(12));
    parts
}

/// Rows the parts take.
fn height(p: &Parts) -> u16 {
    let countdown = if p.scale > 0 { big_text::height(p.scale) } else { 1 };
    let details = p.focus + p.how + u16::from(p.targets);
    let spacers = if p.spacers { 2 + u16::from(p.header) + u16::from(details > 0) + 1 } else { 0 };
    p.banner.height()
        + countdown
        + u16::from(p.header)
        + u16::from(p.name)
        + u16::from(p.gauge)
        + details
        + u16::from(p.next)
        + u16::from(p.progress)
        + u16::from(p.footer)
        + spacers
}

/// The rows `text` wraps to at `width`, at most `max`. Wrapping is most of what laying
/// out costs, and a screen asks the same few texts at the same widths every second (twice
/// where a figure may go beside them): the last few answers are kept.
fn wrapped_lines(text: &str, width: u16, max: u16) -> u16 {
    thread_local! {
        static KEPT: std::cell::RefCell<Vec<(String, u16, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    if text.trim().is_empty() || width == 0 {
        return 0;
    }
    let kept = KEPT.with_borrow(|kept| kept.iter().find(|(t, w, _)| *w == width && t == text).map(|k| k.2));
    let lines = kept.unwrap_or_else(|| {
        let lines = Paragraph::new(text).wrap(Wrap { trim: true }).line_count(width);
        KEPT.with_borrow_mut(|kept| {
            if kept.len() >= 8 {
                kept.remove(0);
            }
            kept.push((text.to_string(), width, lines));
        });
        lines
    });
    u16::try_from(lines).unwrap_or(max).min(max)
}

/// "vol 70%", "vol 70% · voice off" (the voice is on unless said), "muted", or "bell" when
/// there is no sound device.
fn sound_label(app: &App) -> String {
    match (app.sound.muted, app.no_sound_device() && app.settings.bell) {
        (true, _) => "muted".to_string(),
        (false, true) => "bell".to_string(),
        (false, false) if app.sound.voice => format!("vol {}%", app.sound.volume),
        (false, false) => format!("vol {}% · voice off", app.sound.volume),
    }
}

/// "HOLD · LEFT · rep 1 of 3" and, on the right, "stretch 1 of 5 · vol 70%" with any
/// lasting state's marker; shorter forms ("1/3", "1/5") where the room is short, so the
/// right side stays.
fn header<'a>(view: &View<'_>, width: u16, parts: &Parts) -> Line<'a> {
    let (step, steps) = (view.phase.step + 1, view.run.file.routine.steps.len());
    let mut state = String::new();
    for marker in view.app.markers() {
        state.push_str(" · ");
        state.push_str(marker.label());
    }
    state.push_str(" · ");
    state.push_str(&sound_label(view.app));
    let has_reps = view.phase.reps > 1 && view.phase.kind != PhaseKind::GetReady;
    let (rep, of) = (view.phase.rep, view.phase.reps);
    let forms = [
        (format!("stretch {step} of {steps}{state}"), format!(" · rep {rep} of {of}")),
        (format!("{step}/{steps}{state}"), format!(" · rep {rep} of {of}")),
        (format!("{step}/{steps}{state}"), format!(" · rep {rep}/{of}")),
    ];
    let width_of = |text: &str| crate::text::width(text);
    let fits = |(right, rep): &&(String, String)| width_of(right) + 2 + width_of(rep) <= usize::from(width);
    let (right, rep) = forms.iter().find(fits).unwrap_or(&forms[2]).clone();
    let rep = if has_reps { rep } else { String::new() };
    let right = Span::styled(right, view.theme.dim());
    let room = usize::from(width).saturating_sub(right.width() + 2 + width_of(&rep));
    // The header says the phase again, in small letters, only whole and only above big
    // ones: a text banner says it already.
    let paused = view.paused() && !view.session.waiting();
    let label = wording::phase_label_fitting(&view.phase, view.side(), paused, usize::MAX);
    let label = if parts.banner == Banner::Text || width_of(&label) > room { String::new() } else { label };
    let rep = if label.is_empty() { rep.trim_start_matches(" · ").to_string() } else { rep };
    let left = vec![Span::styled(label, view.theme.phase(view.look)), Span::styled(rep, view.theme.dim())];
    split_line(left, right, width)
}

/// Draws the banner at row `y`; returns the rows it took.
fn banner(buf: &mut Buffer, area: Rect, y: u16, view: &View<'_>, banner: &Banner) -> u16 {
    match banner {
        Banner::Text => {
            let label = if view.session.waiting() {
                let (word, side) = banner_words(view);
                fit(&on_one_line(&word, side.as_deref()), area.width)
            } else {
                wording::phase_label_fitting(&view.phase, view.side(), view.paused(), usize::from(area.width))
            };
            line_at(buf, area, y, Line::styled(label, view.theme.phase(view.look)));
            1
        }
        Banner::Big { lines, scale, pixel } => {
            let mut row = y;
            for text in lines {
                let rows = big_text::height(*scale).min(area.height.saturating_sub(row));
                let rect = Rect::new(area.x, area.y + row, area.width, rows);
                let big =
                    BigText { text, widest: text, scale: *scale, pixel: *pixel, style: view.theme.fill(view.look) };
                big.render(rect, buf);
                row += big_text::height(*scale) + 1;
            }
            banner.height()
        }
    }
}

/// The stretch the phase is about: its own, or in a gap, the one to come. A rest says
/// the side to come here, as its banner has no room for it.
fn name(view: &View<'_>) -> String {
    let title = wording::title(&view.run.file.routine, view.session.plan(), view.session.index());
    let counted = pacing::counted(&view.phase, view.session.length(), view.session.elapsed(view.now));
    match (view.coming.side, counted, view.phase.measure) {
        (Some(side), _, _) if view.phase.kind == PhaseKind::Rest => format!("{title} · {} side", side.label()),
        (_, Some((at, of)), Measure::Breaths(_)) => format!("{title} · breath {at} of {of}"),
        (_, Some((at, of)), _) => format!("{title} · {at} of {of}"),
        _ => title,
    }
}

/// "30", "1:30", "0:59": seconds alone in a phase under a minute, minutes and seconds in
/// a longer one, so the shape stays the same all through a phase.
pub(crate) fn countdown_text(seconds: u64, length: Duration) -> String {
    if length.as_secs() < 60 && seconds < 60 {
        seconds.to_string()
    } else {
        duration::clock(Duration::from_secs(seconds))
    }
}

/// Draws the countdown at row `y`; returns the rows it took and where it is drawn.
fn countdown(buf: &mut Buffer, area: Rect, y: u16, view: &View<'_>, scale: u16) -> (u16, Rect) {
    let text = countdown_text(view.remaining, view.session.length());
    let widest = countdown_text(shown_seconds(view.session.length()), view.session.length());
    if scale == 0 {
        line_at(buf, area, y, Line::styled(text, view.theme.phase(view.look)).centered());
        return (1, Rect::new(area.x, area.y + y, area.width, 1).intersection(area));
    }
    let style = if view.paused() { view.theme.fill_dim() } else { view.theme.fill(view.look) };
    let rows = big_text::height(scale);
    // With a pacer, the digits and the pacer are centred together.
    let room = if view.coming.pacer.is_some() { pacer_room(rows) } else { 0 };
    let rect = Rect::new(area.x, area.y + y, area.width.saturating_sub(room), rows.min(area.height.saturating_sub(y)));
    let big = BigText::new(&text, &widest, scale, style);
    let placed = big.placed(rect);
    big.render(rect, buf);
    (rows, placed)
}

/// How wide the pacer's bar is beside a countdown `rows` tall.
fn pacer_width(rows: u16) -> u16 {
    (rows / 2).clamp(3, 8)
}

/// The columns the pacer takes right of a countdown `rows` tall: its gap, and its bar or
/// its label ("OUT ↓"), whichever is wider.
fn pacer_room(rows: u16) -> u16 {
    let width = pacer_width(rows);
    width * 2 + width.max(6)
}

/// The breath pacer beside the countdown: a bar that rises on the in-breath and falls on
/// the out-breath, with the way the breath goes beneath it; the area it took.
fn pacer(buf: &mut Buffer, area: Rect, clock: Rect, view: &View<'_>) -> Option<Rect> {
    let breath = view.phase.pacer.filter(|_| view.session.status() == Status::Running)?;
    let pacer = pacing::pacer(breath, view.session.elapsed(view.now));
    let word = match pacer.turn {
        Turn::In => "IN ↑",
        Turn::Out => "OUT ↓",
    };
    // A column a digit's width away, shaded rather than solid so it never reads as a
    // digit, over a dotted track.
    let width = pacer_width(clock.height);
    let x = clock.right() + width * 2;
    let bar_rows = clock.height.saturating_sub(1).max(1);
    let place = Rect::new(x, clock.y, width.max(6), bar_rows + 1).intersection(area);
    if place.width < 6 || place.height < 3 {
        return None;
    }
    let full = u16::try_from(u32::from(bar_rows) * pacer.level / pacing::PACER_STEPS).unwrap_or(bar_rows);
    for row in 0..bar_rows {
        let (symbol, style) =
            if row >= bar_rows - full { ("▓", view.theme.phase(view.look)) } else { ("·", view.theme.track()) };
        for col in 0..width.min(place.width) {
            if let Some(cell) = buf.cell_mut((place.x + col, place.y + row)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
    let label = Rect::new(place.x, place.y + bar_rows, place.width, 1);
    Paragraph::new(Line::styled(word, view.theme.phase(view.look))).render(label, buf);
    Some(place)
}

/// The phase's gauge, in its own pattern, whole cells only (one change a second at most),
/// written straight into the buffer.
fn gauge(buf: &mut Buffer, area: Rect, view: &View<'_>) {
    let length = view.session.length().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let done = length - view.remaining as f64;
    let ratio = if length > 0.0 { (done / length).clamp(0.0, 1.0) } else { 1.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let full = ((f64::from(area.width) * ratio).floor() as u16).min(area.width);
    let (filled, track) = view.look.gauge();
    // A switch points to the side it switches to.
    let filled = if view.look == Look::SwitchSides && view.phase.side == Some(Side::Left) { "«" } else { filled };
    let (fill_style, track_style) = if filled == " " {
        (view.theme.fill(view.look), view.theme.track())
    } else {
        (view.theme.phase(view.look), view.theme.track())
    };
    pattern(buf, area, full, (filled, fill_style), (track, track_style));
}

/// `full` cells of `filled` then the rest of `track`, from the left of `area`'s row.
fn pattern(buf: &mut Buffer, area: Rect, full: u16, filled: (&str, Style), track: (&str, Style)) {
    for x in 0..area.width {
        if let Some(cell) = buf.cell_mut((area.x + x, area.y)) {
            let (symbol, style) = if x < full { filled } else { track };
            cell.set_symbol(symbol).set_style(style);
        }
    }
}

/// A bar down the edge of the side that works (or is about to), in the margin beside the
/// screen's content: a side seen without reading.
fn side_bar(buf: &mut Buffer, area: Rect, view: &View<'_>) {
    let Some(side) = view.side() else { return };
    if area.width < 40 || area.height < 10 {
        return;
    }
    let x = match side {
        Side::Left => area.x,
        Side::Right => area.right() - 1,
    };
    let style = if view.paused() { view.theme.fill_dim() } else { view.theme.fill(view.look) };
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(" ").set_style(style);
        }
    }
}

fn details(buf: &mut Buffer, area: Rect, y: u16, view: &View<'_>, parts: &Parts) {
    let step = view.step();
    let mut used = 0;
    let mut paragraph = |buf: &mut Buffer, text: Text<'_>, rows: u16| {
        if rows == 0 || y + used >= area.height {
            return;
        }
        let rows = rows.min(area.height - y - used);
        let rect = Rect::new(area.x, area.y + y + used, area.width, rows);
        Paragraph::new(text).wrap(Wrap { trim: true }).render(rect, buf);
        used += rows;
    };
    if parts.focus > 0 {
        paragraph(buf, labelled("Focus: ", &step.focus, view.theme.label(), Style::new()), parts.focus);
    }
    if parts.how > 0 {
        paragraph(buf, Text::styled(step.how.as_str(), view.theme.dim()), parts.how);
    }
    if parts.targets {
        let mut spans = Vec::new();
        if !step.targets.is_empty() {
            spans.extend([Span::styled("Targets: ", view.theme.label()), Span::raw(step.targets.join(", "))]);
        }
        if !step.equipment.is_empty() {
            let gap = if spans.is_empty() { "" } else { " · " };
            spans.extend([
                Span::styled(format!("{gap}With: "), view.theme.label()),
                Span::raw(step.equipment.join(", ")),
            ]);
        }
        paragraph(buf, Line::from(spans).into(), 1);
    }
}

fn bottom_lines<'a>(view: &View<'_>, parts: &Parts, width: u16, now: Duration) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let notice = view.app.notice().map(|n| Line::styled(fit(n, width), view.theme.notice()));
    // Where there is no footer, a notice (which is brief) takes the next line's place.
    let mut notice = notice.filter(|_| parts.footer || !parts.next).or_else(|| {
        let notice = view.app.notice()?;
        lines.push(Line::styled(fit(notice, width), view.theme.notice()));
        None
    });
    if parts.next && lines.is_empty() {
        let text = fit(&wording::next(&view.run.file.routine, view.session.plan(), view.session.index()), width);
        lines.push(Line::from(vec![Span::styled(text, view.theme.dim())]));
    }
    if parts.progress {
        lines.push(match notice.take_if(|_| !parts.footer) {
            Some(notice) => notice,
            None => progress(view, width, now),
        });
    }
    if parts.footer {
        lines.push(if let Some(notice) = notice {
            // A notice is brief: the keys come back when it goes.
            notice
        } else if view.session.waiting() && view.session.overlay().is_none() {
            let text = fit(&format!("Ready when you are · {} to start", view.keymap.first(Action::Pause)), width);
            Line::styled(text, view.theme.phase(Look::GetReady))
        } else if view.paused() && view.session.overlay().is_none() {
            let text = fit(&format!("PAUSED · {} to resume", view.keymap.first(Action::Pause)), width);
            Line::styled(text, view.theme.phase(Look::Paused))
        } else {
            Line::styled(fit(&footer(view.keymap), width), view.theme.label())
        });
    }
    lines
}

/// "space pause · ← back · → skip · ? keys · q quit", with the keys bound.
fn footer(keymap: &Keymap) -> String {
    [
        (Action::Pause, "pause"),
        (Action::Back, "back"),
        (Action::Skip, "skip"),
        (Action::Help, "keys"),
        (Action::Quit, "quit"),
    ]
    .into_iter()
    .filter(|(a, _)| !keymap.keys(*a).is_empty())
    .map(|(a, what)| format!("{} {what}", keymap.first(a)))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// "████░░ 14:18 left · Sore back legs": the whole session's progress.
fn progress(view: &View<'_>, width: u16, now: Duration) -> Line<'static> {
    let total = view.session.plan().total().as_secs_f64();
    let left = Duration::from_secs(shown_seconds(view.session.total_remaining(now)));
    let ratio = if total > 0.0 { (1.0 - left.as_secs_f64() / total).clamp(0.0, 1.0) } else { 1.0 };
    let mut label = format!(" {} left", duration::clock(left));
    let with_name = format!("{label} · {}", view.run.file.routine.name);
    if crate::text::width(&with_name) + 20 <= usize::from(width) {
        label = with_name;
    }
    let label_width = u16::try_from(crate::text::width(&label)).unwrap_or(0);
    if width < label_width + 6 {
        return Line::styled(fit(label.trim_start(), width), view.theme.dim());
    }
    let mut line = super::bar(ratio, width - label_width, view.theme.fill_dim(), view.theme.track());
    line.spans.push(Span::styled(label, view.theme.dim()));
    line
}
