//! The explorer: a ratatui interface over the model, drawn on the terminal device.

pub mod action;
pub mod app;
pub mod card;
pub mod geometry;
pub mod history;
pub mod jump;
pub mod keymap;
pub mod pane;
pub mod reader;
pub mod render;
pub mod terminal;
pub mod textsearch;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::backend::Backend;
use ratatui::Terminal;

use crate::corpus::{Corpus, Progress};
use crate::search::narrow::Narrowing;
use crate::shared::output::Out;
use crate::shared::settings::{Exit, Settings};
use app::{App, Effect, Outcome, Theme};
use jump::{Request, Results, Worker};

/// Something for the event loop to act on.
#[derive(Debug)]
pub enum Msg {
    /// A key, mouse or resize event.
    Input(Event),
    /// Loading progress.
    Progress(Progress),
    /// The documents, read but not yet linked (their text still to come), and their entries.
    Documents(Arc<Corpus>, Arc<Vec<crate::search::items::Entry>>),
    /// The model, loaded, and its jump entries.
    Loaded(Arc<Corpus>, Arc<Vec<crate::search::items::Entry>>),
    /// The model linked again after an edit of the catalog and its jump entries, for the edit
    /// numbered so (an older edit's answer arriving late is dropped).
    Relinked(Arc<Corpus>, Arc<Vec<crate::search::items::Entry>>, u64),
    /// A cached model brought up to date with the files: it replaces the one shown, whose
    /// document and entity numbers may no longer hold.
    Refreshed(Arc<Corpus>, Arc<Vec<crate::search::items::Entry>>),
    /// The timeline of the model (built after it, off the draw path), for the edit numbered so
    /// (0 for the first load).
    Timeline(Arc<crate::analysis::timeline::Timeline>, Arc<Vec<crate::analysis::card::Row>>, u64),
    /// Jump results.
    Jump(Results),
    /// What the full-text search's worker reports.
    Text(textsearch::Report),
    /// Something to say on the status line (an opener that failed).
    Status(String),
}

/// How jump searches run.
pub enum Searcher {
    /// On worker threads (the explorer): the jump's, and the full-text search's once `F` is
    /// first pressed.
    Thread(Option<Worker>, Option<textsearch::Worker>),
    /// At once, on this thread (tests).
    Inline(Narrowing),
}

impl Searcher {
    fn ask(&mut self, app: &mut App, req: Request) {
        match self {
            Self::Thread(Some(w), _) => w.ask(req),
            Self::Thread(None, _) => {}
            Self::Inline(n) => {
                let gen = req.gen;
                let mut answers = Vec::new();
                n.search(&app.matcher, &app.entries, &req.query, &|| false, &mut |a| answers.push(a));
                for a in answers {
                    app.take_results(Results { gen, hits: a.hits, total: a.total, complete: a.complete });
                }
            }
        }
    }

    /// Runs a full-text search: on its worker (started on the first), or at once (tests:
    /// the index is opened for each request).
    fn ask_text(&mut self, app: &mut App, req: textsearch::Request, tx: &Sender<Msg>) {
        match self {
            Self::Thread(_, w) => {
                let tx = tx.clone();
                w.get_or_insert_with(|| {
                    textsearch::Worker::start(move |r| {
                        let _ = tx.send(Msg::Text(r));
                    })
                })
                .ask(req);
            }
            Self::Inline(_) => {
                let reports = std::sync::Mutex::new(Vec::new());
                textsearch::Answerer::default().answer(&req, &|r| {
                    if let Ok(mut v) = reports.lock() {
                        v.push(r);
                    }
                });
                for r in reports.into_inner().unwrap_or_default() {
                    app.take_text(r);
                }
            }
        }
    }

    /// Links the corpus again with another catalog: on a thread (the explorer), or at once
    /// (tests). The model, then its timeline, arrive as messages.
    fn relink(&self, app: &App, load: crate::corpus::LoadOptions, gen: u64, tx: &Sender<Msg>) {
        let old = Arc::clone(&app.corpus);
        let tx = tx.clone();
        let work = move || {
            let corpus = Arc::new(old.relinked(&load));
            let entries = Arc::new(crate::search::items::entries(&corpus));
            let _ = tx.send(Msg::Relinked(Arc::clone(&corpus), entries, gen));
            let (events, rows) = timeline_of(&corpus);
            let _ = tx.send(Msg::Timeline(events, rows, gen));
        };
        match self {
            Self::Thread(..) => {
                std::thread::spawn(work);
            }
            Self::Inline(_) => work(),
        }
    }

    fn restart(&mut self, app: &App, tx: &Sender<Msg>) {
        match self {
            Self::Thread(w, _) => {
                let tx = tx.clone();
                *w = Some(Worker::start(Arc::clone(&app.entries), move |r| {
                    let _ = tx.send(Msg::Jump(r));
                }));
            }
            Self::Inline(n) => *n = Narrowing::default(),
        }
    }
}

/// The timeline of a model and its rows, unfiltered (built off the draw path).
#[must_use]
pub fn timeline_of(c: &Corpus) -> (Arc<crate::analysis::timeline::Timeline>, Arc<Vec<crate::analysis::card::Row>>) {
    let t = crate::analysis::timeline::build(c);
    let rows = crate::analysis::card::timeline_rows_of(c, &t, crate::analysis::card::TimelineFilter::default());
    (Arc::new(t), Arc::new(rows))
}

/// Applies one message; returns the outcome when the explorer should end.
pub fn apply(app: &mut App, msg: Msg, searcher: &mut Searcher, tx: &Sender<Msg>) -> Option<Outcome> {
    let effect = match msg {
        Msg::Input(e) => app.handle_event(&e),
        Msg::Progress(p) => {
            app.loading = Some(p);
            Effect::None
        }
        Msg::Documents(c, entries) => {
            let effect = app.set_corpus(c, entries);
            app.loading = Some(Progress::Linking);
            searcher.restart(app, tx);
            effect
        }
        Msg::Loaded(c, entries) => {
            let effect = app.set_corpus(c, entries);
            app.restore_marks();
            searcher.restart(app, tx);
            effect
        }
        Msg::Refreshed(c, entries) => {
            let effect = app.set_refreshed(c, entries);
            searcher.restart(app, tx);
            effect
        }
        Msg::Relinked(c, entries, gen) => {
            if gen < app.relinks() {
                return None;
            }
            let effect = app.set_relinked(c, entries);
            searcher.restart(app, tx);
            effect
        }
        Msg::Timeline(events, rows, gen) => {
            if gen == app.relinks() {
                app.timeline = Some(rows);
                app.timeline_events = Some(events);
            }
            Effect::None
        }
        Msg::Jump(r) => {
            app.take_results(r);
            Effect::None
        }
        Msg::Text(r) => {
            app.take_text(r);
            Effect::None
        }
        Msg::Status(m) => {
            app.message = Some(m);
            Effect::None
        }
    };
    match effect {
        Effect::None => None,
        Effect::Search(req) => {
            searcher.ask(app, req);
            None
        }
        Effect::FindText(req) => {
            searcher.ask_text(app, req, tx);
            None
        }
        Effect::Exit(o) => Some(o),
        Effect::Relink(load) => {
            searcher.relink(app, load, app.relinks(), tx);
            None
        }
        Effect::Editor(path, line) => {
            match searcher {
                Searcher::Thread(..) => {
                    if let Err(why) = terminal::run_editor(&path, line) {
                        app.message = Some(why);
                    }
                    app.redraw = true;
                }
                // Tests: say what would have run.
                Searcher::Inline(_) => app.message = Some(format!("editor: {}:{line}", path.display())),
            }
            None
        }
        Effect::OpenExternal(target) => {
            match searcher {
                Searcher::Thread(..) => {
                    let tx = tx.clone();
                    terminal::open_detached(&target, move |why| {
                        let _ = tx.send(Msg::Status(why));
                    });
                    app.message = Some(format!("opening {target}"));
                }
                // Tests: say what would have run.
                Searcher::Inline(_) => app.message = Some(format!("open: {target}")),
            }
            None
        }
        Effect::Copy(text, what) => {
            let shown = render::truncate(&crate::text::sanitize::one_line(&text), 40);
            app.message = Some(if terminal::osc52_off() || !app.clipboard {
                "not copied: copying to the clipboard is off (DOSSIER_NO_OSC52, or clipboard = false in the config)"
                    .to_string()
            } else {
                let sent = match searcher {
                    Searcher::Thread(..) => terminal::copy_osc52(&text),
                    // Tests: nothing is written; the message says what would have been.
                    Searcher::Inline(_) => Ok(()),
                };
                match sent {
                    Ok(()) => format!("copied the {what} to the clipboard: {shown}"),
                    Err(e) => format!("cannot copy: {e}"),
                }
            });
            None
        }
    }
}

/// Runs the loop: takes every waiting message, then draws once. Ends with an outcome, when
/// `stop` is set (a signal: cancel), or — with `until_idle` — when no message is waiting.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    searcher: &mut Searcher,
    stop: &AtomicBool,
    until_idle: bool,
) -> Result<Option<Outcome>, B::Error> {
    loop {
        if std::mem::take(&mut app.redraw) {
            // Another program drew on the screen: clear it, and draw a blank frame so that the
            // next one is sent whole. (`Terminal::clear` would ask the terminal where its
            // cursor is, which races with the input thread.)
            terminal.backend_mut().clear()?;
            terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
        }
        app.prepare(terminal.size()?.into());
        terminal.draw(|f| render::draw(app, f))?;
        let first = if until_idle {
            match rx.try_recv() {
                Ok(m) => m,
                Err(_) => return Ok(None),
            }
        } else {
            loop {
                if stop.load(Ordering::Relaxed) {
                    return Ok(Some(Outcome::Cancel));
                }
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(m) => break m,
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return Ok(Some(Outcome::Quit)),
                }
            }
        };
        if let Some(o) = apply(app, first, searcher, tx) {
            return Ok(Some(o));
        }
        while let Ok(m) = rx.try_recv() {
            if let Some(o) = apply(app, m, searcher, tx) {
                return Ok(Some(o));
            }
        }
    }
}

/// How long quitting waits for a model cache being written.
const CACHE_WAIT: Duration = Duration::from_secs(30);

/// Waits, after the terminal is restored, for a model cache being written when the explorer
/// quits (at most [`CACHE_WAIT`]; a signal stops waiting), saying so on stderr.
fn wait_for_cache(writing: &AtomicBool, stop: &AtomicBool) {
    if !writing.load(Ordering::SeqCst) {
        return;
    }
    let started = std::time::Instant::now();
    eprint!("dossier: writing the model cache for the next start...");
    while writing.load(Ordering::SeqCst) && !stop.load(Ordering::Relaxed) && started.elapsed() < CACHE_WAIT {
        std::thread::sleep(Duration::from_millis(10));
    }
    if writing.load(Ordering::SeqCst) {
        eprintln!(" stopped; the next start loads the folder again");
    } else {
        eprintln!(" done");
    }
}

/// Opens the explorer on the terminal, loads in the background, and prints the pick on stdout
/// after the terminal is restored. The keys and colours are the config's; with a bad config
/// (`config_error`), the defaults, and the error is shown in the status line and the problems.
pub fn run(
    settings: &Settings,
    config: &crate::shared::config::Config,
    config_error: Option<&crate::shared::config::ConfigError>,
) -> crate::shared::error::Result<Exit> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // Refused before anything is drawn, with the command line's exit code.
    if let Some(missing) = settings.load.corpus.iter().find(|p| !p.exists()) {
        return Err(crate::shared::error::Error::msg(format!("{}: no such file or folder", missing.display())));
    }
    if std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_err() {
        return Err(crate::shared::error::Error::msg(
            "the explorer needs a terminal, and none is attached; use a command instead, such as \
             `dossier list docs`, `dossier search QUERY` or `dossier show ITEM` (`dossier --help` lists them)",
        ));
    }
    terminal::install_panic_hook();
    let mut out = terminal::tty_writer();
    let guard = terminal::enter(&mut out)?;
    let mut term = Terminal::new(ratatui::backend::CrosstermBackend::new(out))?;
    let (tx, rx) = mpsc::channel();
    let load = settings.load.clone();
    let use_cache = settings.use_cache;
    let loader_tx = tx.clone();
    // Set while a model cache is due or being written: quitting waits for it (bounded), so that
    // a folder opened and closed at once is not loaded again next time.
    let writing = Arc::new(AtomicBool::new(false));
    let writer_flag = Arc::clone(&writing);
    std::thread::spawn(move || {
        // The model cache is written on a thread of its own, while the lists and the timeline
        // are built.
        let write = |corpus: &Arc<Corpus>, stamps: crate::shared::cache::Stamps| {
            writer_flag.store(true, Ordering::SeqCst);
            let (c, load, done) = (Arc::clone(corpus), load.clone(), Arc::clone(&writer_flag));
            std::thread::spawn(move || {
                if let Some(ms) = std::env::var("DOSSIER_TEST_CACHE_DELAY_MS").ok().and_then(|v| v.parse().ok()) {
                    // For the end-to-end test that quitting waits for the write.
                    std::thread::sleep(Duration::from_millis(ms));
                }
                crate::shared::cache::store(&load, &stamps, &c);
                done.store(false, Ordering::SeqCst);
            });
        };
        let progress_tx = std::sync::Mutex::new(loader_tx.clone());
        let send = |m: Msg| {
            if let Ok(t) = progress_tx.lock() {
                let _ = t.send(m);
            }
        };
        // Timings are for the command line; the explorer owns the terminal.
        let on_progress = |p: Progress| {
            if !matches!(p, Progress::Timed(..)) {
                send(Msg::Progress(p));
            }
        };
        let loaded = |corpus: &Arc<Corpus>, refreshed: bool| {
            let entries = Arc::new(crate::search::items::entries(corpus));
            let c = Arc::clone(corpus);
            let _ = loader_tx.send(if refreshed { Msg::Refreshed(c, entries) } else { Msg::Loaded(c, entries) });
            let (events, rows) = timeline_of(corpus);
            let _ = loader_tx.send(Msg::Timeline(events, rows, 0));
        };
        // A cached model is shown at once; the files are checked after, and a model updated
        // for the files that changed replaces it.
        if let Some(cached) = crate::shared::cache::open(&load, use_cache, &|_| {}) {
            let corpus = Arc::new(cached.corpus);
            loaded(&corpus, false);
            if let Some((fresh, stamps)) = crate::shared::cache::refresh(&load, &corpus, &cached.stamps, &on_progress) {
                let fresh = Arc::new(fresh);
                write(&fresh, stamps);
                loaded(&fresh, true);
            }
            return;
        }
        let stamps = use_cache.then(|| crate::shared::cache::stamps(&load));
        let corpus = Corpus::load_staged(&load, &on_progress, &|preview| {
            let entries = Arc::new(crate::search::items::entries(&preview));
            send(Msg::Documents(Arc::new(preview), entries));
        });
        let corpus = Arc::new(corpus);
        if let Some(stamps) = stamps {
            write(&corpus, stamps);
        }
        loaded(&corpus, false);
    });
    let input_tx = tx.clone();
    std::thread::spawn(move || {
        // Polled, so that it can stop reading while an editor has the terminal.
        loop {
            if terminal::INPUT_PAUSED.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match crossterm::event::poll(Duration::from_millis(50)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(e) => {
                        if input_tx.send(Msg::Input(e)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
    let theme = Theme { color: settings.color_tty, palette: config.palette };
    let mut app = App::new(Arc::new(Corpus::default()), theme, Some(Progress::Scanning));
    app.configure(config, config_error);
    app.curator = Some(app::Curator::new(settings.load.clone()));
    // Read now (a small file); the marks in it are put back once the corpus is loaded.
    app.set_bookmarks(crate::shared::bookmarks::Store::for_corpus(&settings.load.corpus));
    // For the end-to-end test that a panic restores the terminal.
    if std::env::var_os("DOSSIER_TEST_PANIC").is_some() {
        term.draw(|f| render::draw(&app, f))?;
        panic!("DOSSIER_TEST_PANIC is set: panicking on purpose after the first frame");
    }
    app.text_source = textsearch::Source::of(&settings.load);
    let mut searcher = Searcher::Thread(None, None);
    let result = event_loop(&mut term, &mut app, &rx, &tx, &mut searcher, &stop, false);
    drop(term);
    drop(guard);
    let outcome = result?.unwrap_or(Outcome::Quit);
    if !matches!(outcome, Outcome::Cancel) {
        wait_for_cache(&writing, &stop);
    }
    if app.problems > 0 {
        let n = crate::analysis::card::count(app.problems, "problem", "problems");
        eprintln!("dossier: {n} with the input; `dossier check` lists them");
    }
    match outcome {
        Outcome::Quit => Ok(Exit::Ok),
        Outcome::Cancel => Ok(Exit::Cancelled),
        Outcome::Pick(items) => {
            let mut o = Out::new(std::io::stdout().lock(), settings.print0);
            for i in items {
                o.record(&crate::shared::output::format_row(
                    &crate::analysis::summary::Row::of(&app.corpus, i),
                    settings.format,
                    settings.raw,
                ))?;
            }
            o.finish()?;
            std::io::stdout().flush().ok();
            Ok(Exit::Ok)
        }
    }
}
