//! Phase timings of a build, for profiling: with `ANNALS_TIMINGS=1` in the environment,
//! `annals build` prints how long each phase took (wall time) to stderr when it ends.
//!
//! The phases are those of [`crate::build`]: the fingerprint, the previous report cache,
//! loading, the search index, the pages, the bookkeeping and the commit. Off by default; when
//! off, marking a phase costs one branch.

use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

static BUILD: LazyLock<Phases> = LazyLock::new(Phases::from_environment);

/// Starts timing a build's phases (forgetting those of an earlier build in this process).
pub fn start() {
    BUILD.restart();
}

/// Ends the build phase called `name` now.
pub fn mark(name: &'static str) {
    BUILD.mark(name);
}

/// Prints the build's phases to stderr (nothing when off).
pub fn print() {
    BUILD.print();
}

/// The environment variable that turns the timings on.
pub const VARIABLE: &str = "ANNALS_TIMINGS";

/// Phases measured one after the other: each mark ends the phase begun by the one before.
pub struct Phases {
    on: bool,
    /// When the first phase began, and the end of each phase.
    marks: Mutex<(Instant, Vec<(&'static str, Instant)>)>,
}

impl Phases {
    /// Timings on when [`VARIABLE`] is set to anything but empty or `0`.
    pub fn from_environment() -> Phases {
        let on = std::env::var_os(VARIABLE).is_some_and(|v| !v.is_empty() && v != "0");
        Phases::new(on)
    }

    pub fn new(on: bool) -> Phases {
        Phases {
            on,
            marks: Mutex::new((Instant::now(), Vec::new())),
        }
    }

    /// Starts again from now (when on).
    pub fn restart(&self) {
        if self.on
            && let Ok(mut marks) = self.marks.lock()
        {
            *marks = (Instant::now(), Vec::new());
        }
    }

    /// Ends the phase called `name` now.
    pub fn mark(&self, name: &'static str) {
        if self.on
            && let Ok(mut marks) = self.marks.lock()
        {
            marks.1.push((name, Instant::now()));
        }
    }

    /// Each phase and its length, in order (empty when off).
    pub fn lengths(&self) -> Vec<(&'static str, Duration)> {
        if !self.on {
            return Vec::new();
        }
        let Ok((mut from, marks)) = self.marks.lock().map(|m| m.clone()) else {
            return Vec::new();
        };
        (marks.into_iter())
            .map(|(name, at)| {
                let length = at.saturating_duration_since(from);
                from = at;
                (name, length)
            })
            .collect()
    }

    /// The lengths as text, one phase per line (empty when off).
    pub fn to_text(&self) -> String {
        let lengths = self.lengths();
        let total: Duration = lengths.iter().map(|(_, d)| *d).sum();
        let mut text = String::new();
        for (name, length) in &lengths {
            text.push_str(&format!("{:>9.1} ms  {name}\n", length.as_secs_f64() * 1e3));
        }
        if !lengths.is_empty() {
            text.push_str(&format!("{:>9.1} ms  total\n", total.as_secs_f64() * 1e3));
        }
        text
    }

    /// Prints the lengths to stderr (nothing when off).
    pub fn print(&self) {
        eprint!("{}", self.to_text());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_records_nothing() {
        let phases = Phases::new(false);
        phases.mark("load");
        assert!(phases.lengths().is_empty());
        assert_eq!(phases.to_text(), "");
    }

    #[test]
    fn on_records_each_phase_in_order_with_a_total() {
        let phases = Phases::new(true);
        phases.mark("load");
        std::thread::sleep(Duration::from_millis(5));
        phases.mark("render");
        let lengths = phases.lengths();
        let names: Vec<_> = lengths.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["load", "render"]);
        assert!(lengths[1].1 >= Duration::from_millis(5));
        let text = phases.to_text();
        assert!(
            text.lines().last().unwrap().ends_with("ms  total"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 3);
    }
}
