//! The search benchmark: index size, build time and what each query transfers, on the archive
//! benchmark's generated reports.
//!
//! `cargo bench --bench search [-- --sizes 1000,10000]` builds the index of each size in memory
//! and prints its files and sizes, then for each query the files and kilobytes the search page
//! loads for the first page of results (answered by the Rust twin of the query script,
//! `annals::search::reference`). Run without `--bench` (as `cargo test --benches` and
//! `./test.sh` do) it checks on 300 reports that the index answers every query exactly as a
//! scan of the reports does, and measures nothing.

// The generator is the archive benchmark's, shared file by file; this benchmark uses only the
// in-memory part of `generate.rs`, so the rest is unused here.
#[path = "../archive/entities.rs"]
mod entities;
#[allow(dead_code)]
#[path = "../archive/generate.rs"]
mod generate;
#[path = "../archive/phrases.rs"]
mod phrases;
#[path = "../archive/report.rs"]
mod report;
#[path = "../archive/rng.rs"]
mod rng;

mod corpus;
mod exact;

use annals::search::reference::Index;
use annals::search::{IndexOptions, build_index_with};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let outcome = if arguments.iter().any(|a| a == "--bench") {
        sizes(&arguments).map(|sizes| sizes.into_iter().for_each(measure))
    } else {
        exact::run()
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--sizes N,N` (default 1000,10000).
fn sizes(arguments: &[String]) -> Result<Vec<usize>, String> {
    let Some(at) = arguments.iter().position(|a| a == "--sizes") else {
        return Ok(vec![1_000, 10_000]);
    };
    let list = arguments
        .get(at + 1)
        .ok_or("--sizes needs a list, e.g. 1000,10000")?;
    list.split(',')
        .map(|n| {
            n.parse()
                .map_err(|_| format!("`{n}` is not a number of reports"))
        })
        .collect()
}

/// CPU time of this process so far (Linux), which a busy machine distorts less than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn kilobytes(bytes: usize) -> f64 {
    bytes as f64 / 1e3
}

/// Size, build time and per-query transfer of the index of `count` generated reports.
fn measure(count: usize) {
    let corpus = corpus::Corpus::generate(count);
    let (docs, entities) = (corpus.search_docs(), corpus.search_entities());
    let text_bytes: usize = docs.iter().map(|d| d.text.get().len()).sum();
    let (started, cpu_before) = (Instant::now(), cpu_seconds());
    let files = build_index_with(&docs, &entities, &IndexOptions::default());
    let (elapsed, cpu) = (started.elapsed(), cpu_seconds() - cpu_before);
    let sizes_of = |part: &str| -> Vec<usize> {
        let matching = files.iter().filter(|(p, _)| p.contains(part));
        matching.map(|(_, b)| b.len()).collect()
    };
    let (shards, bundles) = (sizes_of("/s/"), sizes_of("/d/"));
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let index = Index::new(&files);
    let meta = index.size_of("search/data/meta.js");
    let facets = index.size_of("search/data/facets.js");
    println!(
        "\n{} reports, {:.1} MB text: index built in {:.0} ms ({:.0} ms CPU); {} files, {:.1} MB \
         ({:.1} MB shards in {} files, avg {:.1} KB, max {:.1} KB; {:.1} MB report bundles in {} \
         files); meta.js {:.1} KB, facets.js {:.1} KB",
        docs.len(),
        text_bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1000.0,
        cpu * 1000.0,
        files.len(),
        total as f64 / 1e6,
        shards.iter().sum::<usize>() as f64 / 1e6,
        shards.len(),
        kilobytes(shards.iter().sum::<usize>()) / shards.len() as f64,
        kilobytes(*shards.iter().max().unwrap_or(&0)),
        bundles.iter().sum::<usize>() as f64 / 1e6,
        bundles.len(),
        kilobytes(meta),
        kilobytes(facets),
    );
    println!(
        "{:<16} {:>7} {:>6} {:>10} {:>10} {:>10}",
        "query", "results", "files", "index KB", "page KB", "total KB"
    );
    for query in exact::queries(&corpus) {
        let answer = index.search(&query);
        let read = &answer.first_page_files;
        let index_bytes: usize = read
            .iter()
            .filter(|p| p.contains("/s/"))
            .map(|p| index.size_of(p))
            .sum();
        let all: usize = read.iter().map(|p| index.size_of(p)).sum();
        println!(
            "{:<16} {:>7} {:>6} {:>10.1} {:>10.1} {:>10.1}",
            query,
            answer.ranked.len(),
            read.len(),
            kilobytes(index_bytes),
            kilobytes(all - index_bytes),
            kilobytes(all + meta)
        );
    }
}
