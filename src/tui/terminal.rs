//! Setting up and restoring the terminal, in one place, on every path: a guard whose `Drop`
//! restores, and a panic hook that restores before the panic message is printed.
//!
//! The explorer draws on `/dev/tty` (stderr when there is none), never on stdout, so that
//! stdout carries only what the user picks. crossterm reads keys from `/dev/tty` when stdin is
//! not a terminal, so `… | dossier` works too.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// Where the interface is drawn: the terminal device, else stderr.
#[must_use]
pub fn tty_writer() -> Box<dyn Write + Send> {
    match OpenOptions::new().write(true).open("/dev/tty") {
        Ok(f) => Box::new(f),
        Err(_) => Box::new(io::stderr()),
    }
}

/// Whether the terminal is set up (so that restoring twice, from the panic hook and then from
/// the guard, sends nothing the second time: leaving the alternate screen again would move the
/// cursor back over the panic message).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: raw mode off, mouse capture and bracketed paste off, main
/// screen, cursor shown.
/// Does nothing when already restored.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut w = tty_writer();
    let _ = execute!(w, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = w.flush();
}

/// Restores the terminal when dropped.
#[derive(Debug)]
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste; hides the cursor.
pub fn enter(w: &mut impl Write) -> io::Result<Guard> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard(());
    execute!(w, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste, cursor::Hide)?;
    Ok(guard)
}

/// Makes a panic restore the terminal before its message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
