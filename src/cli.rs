//! Command-line definitions (clap) and the dispatch from a parsed command to the library.
//!
//! Each command is a thin wrapper: it turns flags into the library's option structs, runs the
//! stage functions and turns their outcome into text on stderr and an exit code.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit code: the site has problems (every problem was printed).
pub const EXIT_SITE_PROBLEM: u8 = 1;
/// Exit code: the command line itself was wrong.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "annals",
    version,
    about = "Static site generator for municipal news archives"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: ROOT/public)
    Build(BuildArgs),
    /// Build, serve on a local address and rebuild + reload the browser on every change
    Serve(ServeArgs),
    /// Validate and lint the site without writing anything
    Check(CheckArgs),
    /// Turn scraped news text (or HTML) into reports under content/
    Import(ImportArgs),
    /// Upload the built site to a target of site.toml (S3-compatible storage or SFTP)
    Deploy(DeployArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (holding site.toml and content/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: ROOT/public)
    #[arg(long, short = 'o')]
    pub output_dir: Option<PathBuf>,
    /// Override base_url from site.toml
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    /// Also build reports marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Replace an output folder that annals did not create
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Address to bind (only this machine by default)
    #[arg(long, short = 'i', default_value = "127.0.0.1")]
    pub interface: String,
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser once it is served
    #[arg(long, short = 'O')]
    pub open: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as problems (exit 1)
    #[arg(long)]
    pub strict: bool,
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Year for dates written without one (8月25日)
    #[arg(long)]
    pub year: Option<i32>,
    /// Print the reports instead of writing them
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite a report that already exists
    #[arg(long)]
    pub force: bool,
    /// Scraped text or HTML files; `-` reads standard input
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DeployArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The built site to upload (default: ROOT/public)
    #[arg(long, short = 'o')]
    pub output_dir: Option<PathBuf>,
    /// The [[deploy.targets]] name (may be left out when site.toml has one target)
    #[arg(long)]
    pub target: Option<String>,
    /// Print what would be uploaded and deleted, change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Delete files annals published earlier that the site no longer has
    #[arg(long)]
    pub delete: bool,
    /// Upload every file, changed or not
    #[arg(long)]
    pub force: bool,
    /// Uploads in flight at once
    #[arg(long, short = 'j', default_value_t = crate::deploy::DEFAULT_JOBS, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// Runs a parsed command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let outcome = match cli.command {
        Command::Build(args) => crate::commands::build(args),
        Command::Serve(args) => crate::commands::serve(args),
        Command::Check(args) => crate::commands::check(args),
        Command::Import(args) => crate::commands::import(args),
        Command::Deploy(args) => crate::commands::deploy(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            EXIT_SITE_PROBLEM
        }
    }
}
