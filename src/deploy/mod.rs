//! `annals deploy`: publishes a built site to S3-compatible object storage or an SFTP server,
//! uploading only the files whose bytes (or headers) changed since the last deploy.
//!
//! The stages, each in its own file:
//! [`settings`] (`[deploy]` in site.toml) → [`local`] (refuse an incomplete build; hash every
//! output file, choose its headers and upload tier) → [`remote`] (list the target, read the
//! [`manifest`] annals keeps there) → [`plan`] (pure: uploads in tier order, unchanged, stale,
//! foreign) → [`execute`] (parallel uploads tier by tier, checkpoints, deletions last).
//! [`target`] turns a target URL into an Apache OpenDAL operator; [`errors`] turns storage errors
//! into messages without credentials. Nothing here prints: progress goes through [`Progress`],
//! the outcome is a [`DeployReport`] or a [`DeployError`].

pub mod errors;
pub mod execute;
pub mod local;
pub mod manifest;
pub mod plan;
pub mod remote;

pub mod target;

use crate::diagnostics::Diagnostics;
use plan::{Plan, Upload};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Uploads in flight at once unless `--jobs` says otherwise.
pub const DEFAULT_JOBS: u16 = 8;

/// What to deploy where.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    pub root: PathBuf,
    /// Default: `ROOT/public`.
    pub output_dir: Option<PathBuf>,
    /// The `[[deploy.targets]]` name; may be left out when there is one target.
    pub target: Option<String>,
    /// Compare and report, change nothing.
    pub dry_run: bool,
    /// Delete stale files (published by annals, no longer in the site).
    pub delete: bool,
    /// Upload every file, changed or not.
    pub force: bool,
    /// Uploads in flight at once (at least 1).
    pub jobs: usize,
}

/// Told about the progress of a deploy (the command line draws a progress bar).
pub trait Progress: Sync {
    /// The plan is made: `files` uploads of `bytes` in total follow.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One upload finished.
    fn uploaded(&self, _path: &str, _bytes: u64) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl Progress for NoProgress {}

/// What a deploy did, or (with `--dry-run`) would do.
#[derive(Debug, Clone)]
pub struct DeployReport {
    pub target: String,
    /// The target URL as shown to users (it never holds credentials).
    pub url: String,
    pub dry_run: bool,
    /// Planned uploads in order (what a dry run lists).
    pub planned: Vec<Upload>,
    pub uploaded: usize,
    pub unchanged: usize,
    pub bytes: u64,
    pub deleted: Vec<String>,
    /// Stale files kept because `--delete` was not given.
    pub stale: Vec<String>,
    /// Files on the target that annals did not publish; never touched.
    pub foreign: Vec<String>,
    pub elapsed: Duration,
}

/// Why a deploy did not happen or did not finish.
#[derive(Debug, Clone)]
pub enum DeployError {
    /// site.toml has problems.
    Config(Diagnostics),
    /// The command line was wrong (no such target, several targets and none chosen).
    Usage { message: String, hint: String },
    /// The deploy was refused or failed; `uploaded` files had landed before it stopped.
    Failed {
        message: String,
        hint: String,
        uploaded: usize,
    },
}

impl DeployError {
    fn failed((message, hint): (String, String)) -> DeployError {
        DeployError::Failed {
            message,
            hint,
            uploaded: 0,
        }
    }
}

/// Deploys the built site at the chosen target.
pub fn deploy(
    options: &DeployOptions,
    progress: &dyn Progress,
) -> Result<DeployReport, DeployError> {
    let started = Instant::now();
    let config = crate::config::Config::load(&options.root)
        .map_err(|items| DeployError::Config(Diagnostics { items }))?;
    let target = config
        .deploy
        .choose(options.target.as_deref())
        .map_err(|(message, hint)| {
            // No target at all is a gap in site.toml; a wrong or missing --target is usage.
            if config.deploy.targets.is_empty() {
                DeployError::failed((message, hint))
            } else {
                DeployError::Usage { message, hint }
            }
        })?
        .clone();
    let output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let output = output.canonicalize().unwrap_or(output);
    local::check_complete_build(&options.root, &output).map_err(DeployError::failed)?;
    let files = local::scan(&output, &config.deploy).map_err(|e| {
        DeployError::failed((
            format!("cannot read the output folder `{}`: {e}", output.display()),
            "run `annals build` again, then deploy".to_string(),
        ))
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| DeployError::failed((format!("cannot start: {e}"), String::new())))?;
    let remote = remote::Remote::open(&target.url).map_err(DeployError::failed)?;
    let result = runtime.block_on(async {
        let (listing, manifest) = tokio::join!(remote.list(options.jobs), remote.read_manifest());
        let listing = listing.map_err(DeployError::failed)?;
        let manifest = manifest.map_err(DeployError::failed)?;
        let plan = Plan::make(&files, &listing, &manifest, options.force);
        let mut report = DeployReport {
            target: target.name.clone(),
            url: target.url.to_string(),
            dry_run: options.dry_run,
            planned: plan.uploads.clone(),
            uploaded: 0,
            unchanged: plan.unchanged,
            bytes: 0,
            deleted: Vec::new(),
            stale: plan.stale.clone(),
            foreign: plan.foreign.clone(),
            elapsed: Duration::ZERO,
        };
        if options.dry_run {
            report.bytes = plan.upload_bytes();
            return Ok(report);
        }
        progress.start(plan.uploads.len(), plan.upload_bytes());
        let mut manifest = manifest;
        let settings = execute::Settings {
            output: &output,
            jobs: options.jobs.max(1),
            delete: options.delete,
            progress,
        };
        let done = execute::execute(&remote, &plan, &mut manifest, &settings).await;
        if let Some((message, hint)) = done.stopped {
            return Err(DeployError::Failed {
                message,
                hint,
                uploaded: done.uploaded,
            });
        }
        report.uploaded = done.uploaded;
        report.bytes = done.bytes;
        report.stale.retain(|p| !done.deleted.contains(p));
        report.deleted = done.deleted;
        Ok(report)
    });
    // Close connections (SFTP sessions end their ssh processes) while the runtime still runs.
    runtime.block_on(async move { drop(remote) });
    runtime.shutdown_timeout(Duration::from_secs(5));
    result.map(|mut report| {
        report.elapsed = started.elapsed();
        report
    })
}
