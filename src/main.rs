//! The `annals` command line: parse the arguments, call the library, print what happened, and
//! exit with 0 (success), 1 (a problem in the site, every problem listed) or 2 (bad usage).

use annals::{cli, commands};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(commands::run(args))
}
