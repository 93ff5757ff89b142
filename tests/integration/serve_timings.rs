//! Edit-to-served times of `annals serve` on generated archives of 1 000 and 10 000 reports:
//! a benchmark, not a test (it asserts no times), ignored unless asked for. The figures go to
//! docs/serve.md.

use super::harness::{Server, generated_site, poll, request};
use std::fs;

/// Edit-to-served times at 1k and 10k reports: run with
/// `cargo test --release --test integration serve_rebuild_timings -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: generates 11 000 reports"]
fn serve_rebuild_timings() {
    for count in [1_000, 10_000] {
        let site = generated_site(count);
        let root = site.path();
        let started = std::time::Instant::now();
        let server = Server::start(root, &[]);
        eprintln!(
            "{count} reports: first build and serve {:.2} s",
            started.elapsed().as_secs_f64()
        );
        let file = root.join("content/2020/01/report-5.md");
        let page = "/2020/01/01/report-5/";
        let original = fs::read_to_string(&file).unwrap();
        let times = |label: &str,
                     edit: &dyn Fn(&str, usize) -> String,
                     marker: &dyn Fn(usize) -> String| {
            let mut all = Vec::new();
            for round in 0..5 {
                let saved = std::time::Instant::now();
                fs::write(&file, edit(&original, round)).unwrap();
                let wanted = marker(round);
                poll(|| {
                    let text = request(server.port, "GET", page).text();
                    text.contains(&wanted).then_some(())
                })
                .unwrap_or_else(|| panic!("{label}: no update\n{}", server.stderr()));
                all.push(saved.elapsed().as_millis());
                // Let the settling render finish, as it would between two saves.
                std::thread::sleep(std::time::Duration::from_millis(if count > 5000 {
                    8000
                } else {
                    1500
                }));
            }
            all.sort();
            eprintln!(
                "{count} reports: {label}: median {} ms (min {}, max {})",
                all[2], all[0], all[4]
            );
        };
        times(
            "body edit",
            &|text, round| format!("{text}\n正文修改第{round}輪。\n"),
            &|round| format!("正文修改第{round}輪。"),
        );
        times(
            "title edit",
            &|text, round| text.replacen("次工作會議", &format!("次工作會議（第{round}稿）"), 1),
            &|round| format!("（第{round}稿）"),
        );
        times(
            "tag edit (full rebuild)",
            &|text, round| text.replacen("tags: [", &format!("tags: [新專題{round}, "), 1),
            &|round| format!("新專題{round}"),
        );
        let status = fs::read_to_string(format!("/proc/{}/status", server.child.id()));
        let peak = status.ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
        });
        if let Some(mb) = peak {
            eprintln!("{count} reports: peak memory of annals serve {mb} MB");
        }
    }
}
