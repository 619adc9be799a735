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

/// Set while another program has the terminal: the explorer's input thread stops reading.
pub static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);

/// Hands the terminal to the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on `path`
/// at `line`, then sets the explorer's terminal up again. The editor gets `+LINE PATH`, which
/// vi, vim, nvim, nano, emacs, micro and kakoune understand.
pub fn run_editor(path: &std::path::Path, line: usize) -> Result<(), String> {
    INPUT_PAUSED.store(true, Ordering::SeqCst);
    // The input thread polls every 50 ms: let it park before the editor reads keys.
    std::thread::sleep(std::time::Duration::from_millis(120));
    restore();
    let tty = |write: bool| OpenOptions::new().read(!write).write(write).open("/dev/tty");
    let status = match (tty(false), tty(true), tty(true)) {
        (Ok(i), Ok(o), Ok(e)) => std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"${VISUAL:-${EDITOR:-vi}} "$@""#)
            .arg("sh")
            .arg(format!("+{line}"))
            .arg(path)
            .stdin(i)
            .stdout(o)
            .stderr(e)
            .status()
            .map_err(|e| format!("cannot start the editor: {e}")),
        _ => Err("no terminal for the editor".to_string()),
    };
    let mut w = tty_writer();
    let back = enter(&mut w).map_err(|e| format!("cannot take the terminal back: {e}"));
    // The guard made at start-up restores at the end, as before.
    std::mem::forget(back);
    INPUT_PAUSED.store(false, Ordering::SeqCst);
    match status? {
        s if s.success() => Ok(()),
        s => Err(format!("the editor ended with {s}")),
    }
}

/// Makes a panic restore the terminal before its message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
