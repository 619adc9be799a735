//! A pseudo-terminal to run the real binary in: keys in, screen out (parsed with vt100), raw
//! bytes kept. Waits poll the screen until it shows what is expected, with a deadline.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the reader has seen the end of the output.
    drained: Arc<std::sync::atomic::AtomicBool>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = Arc::clone(&drained);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                r.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self { child, writer, parser, raw, drained, _master: pair.master }
    }

    pub fn dossier(args: &[&str]) -> Self {
        Self::dossier_with_config(&super::empty_config_dir(), args)
    }

    /// The explorer reading its config file from `config_dir`.
    pub fn dossier_with_config(config_dir: &std::path::Path, args: &[&str]) -> Self {
        Self::spawn(Self::command(config_dir, &super::empty_cache_dir(), args), 120, 40)
    }

    /// The explorer keeping its caches in `cache_dir`, with more environment variables.
    pub fn dossier_with_cache(cache_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = Self::command(&super::empty_config_dir(), cache_dir, args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Self::spawn(cmd, 120, 40)
    }

    fn command(config_dir: &std::path::Path, cache_dir: &std::path::Path, args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(super::bin());
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("DOSSIER_DATA_DIR", super::empty_data_dir());
        cmd.env("DOSSIER_CACHE_DIR", cache_dir);
        cmd.env("DOSSIER_CONFIG_DIR", config_dir);
        cmd
    }

    pub fn shell(script: &str) -> Self {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("DOSSIER", super::bin());
        cmd.env("DOSSIER_DATA_DIR", super::empty_data_dir());
        cmd.env("DOSSIER_CACHE_DIR", super::empty_cache_dir());
        cmd.env("DOSSIER_CONFIG_DIR", super::empty_config_dir());
        Self::spawn(cmd, 120, 40)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen shows `what`, and returns the screen once it has held still for
    /// a moment: the reader thread can parse half a frame, so a screen read just as `what`
    /// appears may lack the cells the frame draws after it.
    #[track_caller]
    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                thread::sleep(Duration::from_millis(30));
                // What passes (a loading state) is taken as first seen; a screen that never
                // holds still (a spinner) is taken as it is at the deadline.
                let later = self.screen();
                if later == s || !later.contains(what) || start.elapsed() >= DEADLINE {
                    return s;
                }
                continue;
            }
            assert!(start.elapsed() < DEADLINE, "screen never showed {what:?}:\n{s}");
            thread::yield_now();
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn send(&mut self, bytes: &[u8]) -> &mut Self {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
        self
    }

    #[track_caller]
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Everything it wrote is read before anyone looks at it.
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst) {
                    assert!(start.elapsed() < DEADLINE, "output never ended");
                    thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            assert!(start.elapsed() < DEADLINE, "did not exit:\n{}", self.screen());
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }
}

pub const CTRL_P: &[u8] = b"\x10";
pub const CTRL_C: &[u8] = b"\x03";
pub const ENTER: &[u8] = b"\r";
pub const TAB: &[u8] = b"\t";
pub const BACKSPACE: &[u8] = b"\x7f";

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The sequences that undo the explorer's terminal set-up, after the last draw.
pub fn assert_restored(raw: &[u8]) {
    let last = |n: &[u8]| raw.windows(n.len()).rposition(|w| w == n);
    let leave = last(b"\x1b[?1049l").expect("left the alternate screen");
    let enter = last(b"\x1b[?1049h").expect("entered the alternate screen");
    assert!(leave > enter, "left after entering");
    assert!(last(b"\x1b[?25h").is_some_and(|i| i > enter), "cursor shown again");
    assert!(last(b"\x1b[?1000l").is_some_and(|i| i > enter), "mouse capture off");
}
