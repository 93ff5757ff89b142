//! Carrying out a plan: uploads tier by tier with `jobs` in flight, manifest checkpoints, the
//! clean-up of interrupted uploads, and deletions last.
//!
//! A tier starts only when the previous one has finished, so the pages that link to a file go up
//! after the file. The manifest is written after each tier and every [`CHECKPOINT_EVERY`] within
//! one, and always before returning, also on a failure or Ctrl-C: the next run then uploads only
//! what is still missing. With `--delete`, stale files are deleted only after every upload
//! succeeded.

use super::Progress;
use super::local::Tier;
use super::manifest::Manifest;
use super::plan::Plan;
use super::remote::{Failure, Remote};
use futures::StreamExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// Longest time between two manifest writes while uploading.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(30);

/// What an execution did (also when it stopped early).
#[derive(Debug, Default)]
pub struct Done {
    pub uploaded: usize,
    pub bytes: u64,
    pub deleted: Vec<String>,
    /// The manifest changed since it was last written.
    unsaved: bool,
    /// Set when the deploy stopped before the end: why, and a hint.
    pub stopped: Option<Failure>,
}

/// How the run is configured.
pub struct Settings<'a> {
    pub output: &'a Path,
    pub jobs: usize,
    pub delete: bool,
    pub progress: &'a dyn Progress,
}

/// Completes when the user asks the deploy to stop (Ctrl-C or SIGTERM).
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn interrupted() -> Failure {
    (
        "the deploy was interrupted".to_string(),
        "the published site still works; run `annals deploy` again to finish (it uploads only what is still missing)".to_string(),
    )
}

/// Runs the plan against the target, updating `manifest` as files land.
pub async fn execute(
    remote: &Remote,
    plan: &Plan,
    manifest: &mut Manifest,
    settings: &Settings<'_>,
) -> Done {
    let mut done = Done::default();
    let mut stop = std::pin::pin!(stop_requested());
    for path in &plan.vanished {
        manifest.forget(path);
        done.unsaved = true;
    }
    for tier in Tier::ALL {
        if done.stopped.is_none() {
            upload_tier(remote, plan, tier, manifest, settings, &mut done, &mut stop).await;
        }
    }
    if done.stopped.is_none() {
        for leftover in &plan.leftovers {
            let _ = remote.delete(leftover).await;
        }
        if settings.delete {
            delete_stale(remote, plan, manifest, settings, &mut done).await;
        }
    }
    if done.unsaved
        && let Err(failure) = remote.write_manifest(manifest).await
    {
        done.stopped.get_or_insert(failure);
    }
    done
}

/// Uploads one tier, `jobs` at a time; stops at the first failure or a stop request.
async fn upload_tier(
    remote: &Remote,
    plan: &Plan,
    tier: Tier,
    manifest: &mut Manifest,
    settings: &Settings<'_>,
    done: &mut Done,
    stop: &mut std::pin::Pin<&mut impl Future<Output = ()>>,
) {
    let mut uploads = futures::stream::iter(plan.tier(tier))
        .map(|upload| async move {
            let result = remote.upload(settings.output, &upload.file).await;
            (upload, result)
        })
        .buffer_unordered(settings.jobs.max(1));
    let mut last_checkpoint = Instant::now();
    let mut uploaded_in_tier = 0;
    loop {
        let next = tokio::select! {
            biased;
            _ = stop.as_mut() => {
                done.stopped = Some(interrupted());
                break;
            }
            next = uploads.next() => next,
        };
        let Some((upload, result)) = next else {
            break;
        };
        if let Err(failure) = result {
            done.stopped = Some(failure);
            break;
        }
        manifest.record(&upload.file);
        done.unsaved = true;
        done.uploaded += 1;
        uploaded_in_tier += 1;
        done.bytes += upload.file.size;
        settings
            .progress
            .uploaded(&upload.file.path, upload.file.size);
        if last_checkpoint.elapsed() >= CHECKPOINT_EVERY {
            // A failed checkpoint is not fatal: the next upload or the final write will tell.
            if remote.write_manifest(manifest).await.is_ok() {
                done.unsaved = false;
            }
            last_checkpoint = Instant::now();
        }
    }
    drop(uploads);
    if uploaded_in_tier > 0 && done.stopped.is_none() {
        match remote.write_manifest(manifest).await {
            Ok(()) => done.unsaved = false,
            Err(failure) => done.stopped = Some(failure),
        }
    }
}

/// Deletes the stale files (those annals published that the site no longer has).
async fn delete_stale(
    remote: &Remote,
    plan: &Plan,
    manifest: &mut Manifest,
    settings: &Settings<'_>,
    done: &mut Done,
) {
    let mut deletions = futures::stream::iter(&plan.stale)
        .map(|path| async move { (path, remote.delete(path).await) })
        .buffer_unordered(settings.jobs.max(1));
    while let Some((path, result)) = deletions.next().await {
        match result {
            Ok(()) => {
                manifest.forget(path);
                done.unsaved = true;
                done.deleted.push(path.clone());
            }
            Err(failure) => {
                done.stopped.get_or_insert(failure);
            }
        }
    }
    done.deleted.sort();
    remote.remove_empty_folders(&done.deleted).await;
}
