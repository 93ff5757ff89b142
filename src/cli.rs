//! Command-line definitions (clap): the commands, their flags and the exit codes. Completions
//! and man pages are generated from these definitions; `commands.rs` carries each one out.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit code: the site has problems (every problem was printed).
pub const EXIT_SITE_PROBLEM: u8 = 1;
/// Exit code: the command line itself was wrong, or the command cannot run as given (a port in
/// use, a folder that cannot be opened).
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
    /// Create a new site: site.toml, content/ with an example report, .gitignore
    Init(InitArgs),
    /// Write a new report under content/YYYY/MM/ with its front matter filled in
    New(NewArgs),
    /// Print the completion script of a shell
    Completions(CompletionsArgs),
    /// Print the man page, or write one page per command into a folder
    Man(ManArgs),
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
    /// Render every page, even those whose inputs did not change since the last build
    #[arg(long)]
    pub full: bool,
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
    /// Also answer requests for this host name (repeatable; `.example.org` allows its
    /// subdomains). IP addresses and localhost are always answered.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
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
    /// Year for dates written without one (8月25日) when the page carries no date
    #[arg(long)]
    pub year: Option<i32>,
    /// Meeting date of every input, whatever the text says (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// Encoding of the inputs (gbk, gb18030, big5, utf-8…) instead of the detected one
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
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

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the site in (created when missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The archive's name (default: the folder's name)
    #[arg(long)]
    pub title: Option<String>,
    /// The interface language
    #[arg(long, value_parser = ["zh-Hant", "zh-Hans", "en"])]
    pub language: Option<String>,
    /// The URL the site will be published at
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    /// Create the site in a folder that holds files (existing files are still never overwritten)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The site folder (holding site.toml and content/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The report's title
    #[arg(value_parser = non_empty)]
    pub title: String,
    /// The day of the meeting (default: today)
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// An official present, with the role held (repeat for each)
    #[arg(long = "official", value_name = "NAME[:ROLE]", value_parser = parse_official)]
    pub officials: Vec<crate::report_file::NamedOfficial>,
    /// A district concerned (repeat for each)
    #[arg(long = "district", value_name = "NAME", value_parser = non_empty)]
    pub districts: Vec<String>,
    /// A tag (repeat for each)
    #[arg(long = "tag", value_name = "TAG", value_parser = non_empty)]
    pub tags: Vec<String>,
    /// The file name and URL slug (default: the title in pinyin)
    #[arg(long, value_parser = parse_slug)]
    pub slug: Option<String>,
    /// Mark the report `draft: true` (built only with --drafts)
    #[arg(long)]
    pub draft: bool,
    /// Open the report in $VISUAL or $EDITOR once written
    #[arg(long, short = 'e')]
    pub edit: bool,
    /// Overwrite a report that already exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write annals.1 and one page per command (annals-build.1, …) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

fn non_empty(value: &str) -> Result<String, String> {
    match value.trim() {
        "" => Err("must not be empty".into()),
        _ => Ok(value.to_string()),
    }
}

/// `NAME` or `NAME:ROLE` (a full-width `：` works too).
fn parse_official(value: &str) -> Result<crate::report_file::NamedOfficial, String> {
    let (name, role) = match value.split_once([':', '：']) {
        Some((name, role)) => (name.trim(), Some(role.trim())),
        None => (value.trim(), None),
    };
    if name.is_empty() {
        return Err("expected NAME or NAME:ROLE, e.g. 林靜怡:市長".into());
    }
    Ok(crate::report_file::NamedOfficial {
        name: name.to_string(),
        role: role.filter(|r| !r.is_empty()).map(String::from),
    })
}

fn parse_date(value: &str) -> Result<jiff::civil::Date, String> {
    let shape_ok = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match value.parse::<jiff::civil::Date>() {
        Ok(date) if shape_ok => Ok(date),
        _ => Err("expected a day of the calendar written YYYY-MM-DD, e.g. 2024-03-14".into()),
    }
}

fn parse_slug(value: &str) -> Result<String, String> {
    if crate::text::slug::is_valid_slug(value) {
        Ok(value.to_string())
    } else {
        Err(
            "a slug is lowercase ASCII letters, digits and single dashes, e.g. urban-renewal"
                .into(),
        )
    }
}
