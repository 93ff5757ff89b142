//! The results of a benchmark run as a Markdown table ready for BENCHMARKS.md, preceded by the
//! exact command and the machine it ran on.

use crate::measure::Sample;
use std::fs;

/// One line of the results table.
pub struct Row {
    pub reports: usize,
    pub tool: String,
    pub build: &'static str,
    /// Built into a new, empty folder: the files in it afterwards are the files written.
    pub into_empty_folder: bool,
    pub runs: usize,
    pub median: Sample,
}

/// Prints the exact command, the machine, and one table row per measured build.
pub fn print(rows: &[Row], arguments: &[String], hugo_version: Option<&str>) {
    let shown: Vec<&str> = arguments
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--bench")
        .collect();
    println!(
        "\ncommand: cargo bench --bench archive -- {}",
        shown.join(" ")
    );
    println!("machine: {}", machine());
    if let Some(version) = hugo_version {
        println!("hugo: {version}");
    }
    println!();
    println!(
        "| reports | tool | build | runs | wall (s) | CPU user+sys (s) | peak RSS (MiB) | pages (.html) | files | MiB written |"
    );
    println!("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let m = row.median;
        // A rebuild into a full folder writes only what changed; its folder's contents say
        // nothing about what it wrote.
        let (files, written) = if row.into_empty_folder {
            (
                thousands(m.files),
                format!("{:.0}", m.bytes as f64 / 1_048_576.0),
            )
        } else {
            ("—".to_string(), "—".to_string())
        };
        println!(
            "| {} | {} | {} | {} | {:.2} | {:.2} | {:.0} | {} | {files} | {written} |",
            thousands(row.reports),
            row.tool,
            row.build,
            row.runs,
            m.wall_seconds,
            m.cpu_seconds,
            m.peak_rss_kib as f64 / 1024.0,
            thousands(m.pages)
        );
    }
}

/// CPU model, core count and memory, as the kernel reports them.
fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|r| r.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    format!(
        "{model}, {cores} cores, {:.0} GiB",
        memory_kib as f64 / 1_048_576.0
    )
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
