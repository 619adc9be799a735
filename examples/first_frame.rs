//! Time from process start until the explorer shows something, in a pseudo-terminal:
//! `cargo run --release --example first_frame -- [--until TEXT] [DOSSIER ARGS…]` (runs
//! target/release/dossier 7 times, prints each time and the median).
//!
//! Without `--until`, it waits for the first drawn frame (the pane titles). With `--until` and
//! the name of the most mentioned person (`dossier list people -o name | head -1`), it measures
//! how soon people appear: on a reopened folder, how fast the model cache is.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

fn once(needle: &[u8], args: &[String]) -> Duration {
    let pair =
        native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let bin = std::env::current_dir().expect("cwd").join("target/release/dossier");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for var in ["DOSSIER_CACHE_DIR", "DOSSIER_DATA_DIR", "DOSSIER_CONFIG_DIR"] {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    let elapsed = loop {
        let n = reader.read(&mut buf).expect("read");
        assert!(n > 0, "dossier exited before showing the text");
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(needle.len()).any(|w| w == needle) {
            break start.elapsed();
        }
    };
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    elapsed
}

fn main() {
    use std::io::Write as _;
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // The first frame is drawn when the pane titles appear.
    let needle = match args.iter().position(|a| a == "--until") {
        Some(i) if i + 1 < args.len() => {
            let text = args.remove(i + 1);
            args.remove(i);
            text
        }
        _ => "Documents".to_string(),
    };
    let mut times: Vec<Duration> = (0..7).map(|_| once(needle.as_bytes(), &args)).collect();
    for t in &times {
        print!("{:.1} ms  ", t.as_secs_f64() * 1e3);
    }
    times.sort();
    println!("\nmedian time until {needle:?} shows: {:.1} ms", times[3].as_secs_f64() * 1e3);
    let _ = std::io::stdout().flush();
}
