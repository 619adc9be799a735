//! The explorer driven through its real event loop on ratatui's `TestBackend`, with searches
//! run inline: keys in, screens out.

use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::corpus::{Corpus, LoadOptions};
use dossier::search::narrow::Narrowing;
use dossier::tui::app::{App, Outcome, Theme};
use dossier::tui::{event_loop, Msg, Searcher};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub struct Harness {
    pub term: Terminal<TestBackend>,
    pub app: App,
    pub tx: Sender<Msg>,
    pub rx: Receiver<Msg>,
    pub searcher: Searcher,
    pub outcome: Option<Outcome>,
    /// A temporary folder the app uses (a cache), kept as long as the harness.
    pub keep: Option<tempfile::TempDir>,
}

/// The bundled corpus.
pub fn corpus() -> Arc<Corpus> {
    Arc::new(Corpus::load(&LoadOptions::default(), &|_| {}))
}

impl Harness {
    pub fn new(w: u16, h: u16) -> Self {
        Self::with(corpus(), w, h)
    }

    pub fn with(corpus: Arc<Corpus>, w: u16, h: u16) -> Self {
        Self::with_app(App::new(corpus, Theme::new(false), None), w, h)
    }

    /// The harness of an app set up by the test.
    pub fn with_app(app: App, w: u16, h: u16) -> Self {
        let (tx, rx) = mpsc::channel();
        let mut hs = Self {
            term: Terminal::new(TestBackend::new(w, h)).expect("terminal"),
            app,
            tx,
            rx,
            searcher: Searcher::Inline(Narrowing::default()),
            outcome: None,
            keep: None,
        };
        hs.run();
        hs
    }

    pub fn run(&mut self) {
        let stop = AtomicBool::new(false);
        let r = event_loop(&mut self.term, &mut self.app, &self.rx, &self.tx, &mut self.searcher, &stop, true);
        if let Some(o) = r.expect("draws") {
            self.outcome = Some(o);
        }
    }

    pub fn send(&mut self, events: impl IntoIterator<Item = Event>) -> &mut Self {
        for e in events {
            self.tx.send(Msg::Input(e)).expect("send");
        }
        self.run();
        self
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.send([Event::Key(KeyEvent::new(code, KeyModifiers::NONE))])
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.send([Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))])
    }

    pub fn typed(&mut self, s: &str) -> &mut Self {
        self.send(
            s.chars().map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).collect::<Vec<_>>(),
        )
    }

    pub fn screen(&self) -> String {
        let buf = self.term.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.term.backend_mut().resize(w, h);
        self.send([Event::Resize(w, h)])
    }

    pub fn entity(&self, id: &str) -> usize {
        self.app.corpus.entity_by_id(id).expect("entity")
    }
}
