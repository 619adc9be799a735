//! Time from process start to the first drawn frame, in a pseudo-terminal:
//! `cargo run --release --example first_frame -- [DOSSIER ARGS…]` (runs target/release/dossier
//! 7 times, prints each time and the median).

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

fn once(args: &[String]) -> Duration {
    let pair =
        native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let bin = std::env::current_dir().expect("cwd").join("target/release/dossier");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    // The first frame is drawn when the pane titles appear.
    let elapsed = loop {
        let n = reader.read(&mut buf).expect("read");
        assert!(n > 0, "dossier exited before drawing");
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(9).any(|w| w == b"Documents") {
            break start.elapsed();
        }
    };
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    elapsed
}

fn main() {
    use std::io::Write as _;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut times: Vec<Duration> = (0..7).map(|_| once(&args)).collect();
    for t in &times {
        print!("{:.1} ms  ", t.as_secs_f64() * 1e3);
    }
    times.sort();
    println!("\nmedian time to first frame: {:.1} ms", times[3].as_secs_f64() * 1e3);
    let _ = std::io::stdout().flush();
}
