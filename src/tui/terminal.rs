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

/// Opens `target` (a URL or a file) with the system opener — `$DOSSIER_OPENER` when set, else
/// `open` on macOS and `xdg-open` elsewhere — detached: no terminal, in a process group of its
/// own (Ctrl-C in the explorer does not reach it). `failed` is told, from another thread, if the
/// opener cannot start or ends with an error.
pub fn open_detached(target: &str, failed: impl FnOnce(String) + Send + 'static) {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let opener = std::env::var_os("DOSSIER_OPENER")
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| if cfg!(target_os = "macos") { "open" } else { "xdg-open" }.into());
    let shown = opener.to_string_lossy().into_owned();
    let child = Command::new(&opener)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    match child {
        Err(e) => failed(format!("cannot run {shown}: {e} (set DOSSIER_OPENER to another program)")),
        // Waited for on a thread of its own, so that it leaves no zombie and its failure is said.
        Ok(mut child) => {
            std::thread::spawn(move || match child.wait() {
                Ok(s) if s.success() => {}
                Ok(s) => failed(format!("{shown} ended with {s}")),
                Err(e) => failed(format!("{shown}: {e}")),
            });
        }
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Whether copying with OSC 52 is turned off (`DOSSIER_NO_OSC52` set, and not to `0`).
#[must_use]
pub fn osc52_off() -> bool {
    std::env::var_os("DOSSIER_NO_OSC52").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Writes the OSC 52 sequence for `text` to the terminal the explorer draws on (never stdout).
pub fn copy_osc52(text: &str) -> io::Result<()> {
    let mut w = tty_writer();
    w.write_all(osc52(text).as_bytes())?;
    w.flush()
}

/// Standard base64, with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Makes a panic restore the terminal before its message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_like_the_standard() {
        for (plain, coded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(super::base64(plain.as_bytes()), coded);
        }
        assert_eq!(super::osc52("trainium"), "\x1b]52;c;dHJhaW5pdW0=\x07");
    }
}
