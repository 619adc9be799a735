//! The `dossier` binary: parses arguments, then hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Args, Command, Exit};

fn main() -> ExitCode {
    let args = Args::parse();
    let loaded = cli::load_config();
    let config = loaded.clone().unwrap_or_default();
    let settings = cli::settings(&args, &config);
    let command = match (&args.filter, args.command) {
        (Some(_), Some(_)) => {
            eprintln!("dossier: -f/--filter is a command of its own; use it without another command");
            return ExitCode::from(Exit::Error as u8);
        }
        (Some(q), None) => Some(Command::Search { query: q.clone(), kind: None, limit: None }),
        (None, c) => c,
    };
    let result = match (command, &loaded) {
        (Some(Command::Config { default, path, .. }), _) => cli::config_command(default, path, &loaded),
        // A bad config stops a command; the explorer opens with the defaults and says why.
        (Some(_), Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(Exit::Error as u8);
        }
        (Some(c), Ok(_)) => cli::run_command(&c, &settings),
        (None, _) => dossier::tui::run(&settings, &config, loaded.as_ref().err()),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("dossier: {e}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}
