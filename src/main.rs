//! The `dossier` binary: parses arguments, then hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Args, Command, Exit};

fn main() -> ExitCode {
    let args = Args::parse();
    let settings = cli::settings(&args);
    let command = match (&args.filter, args.command) {
        (Some(_), Some(_)) => {
            eprintln!("dossier: -f/--filter is a command of its own; use it without another command");
            return ExitCode::from(Exit::Error as u8);
        }
        (Some(q), None) => Some(Command::Search { query: q.clone(), kind: None, limit: None }),
        (None, c) => c,
    };
    let result = if let Some(c) = command { cli::run_command(&c, &settings) } else { dossier::tui::run(&settings) };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("dossier: {e}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}
