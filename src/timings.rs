//! Phase timings of a build, for profiling: with `ANNALS_TIMINGS=1` in the environment,
//! `annals build` prints how long each phase took to stderr when it ends: its wall time, and
//! the CPU time the whole process spent meanwhile (user and system, every thread; on Unix),
//! which shows how well a phase uses the cores and what runs beside it.
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

/// A moment of the build: wall clock, and the process's CPU time so far.
#[derive(Debug, Clone, Copy)]
struct Moment {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Moment {
    fn now() -> Moment {
        Moment {
            wall: Instant::now(),
            cpu: process_cpu(),
        }
    }
}

/// The user and system CPU time of every thread of the process so far.
#[cfg(unix)]
fn process_cpu() -> Option<Duration> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the struct it is given and reports failure by its result.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Some(time(usage.ru_utime) + time(usage.ru_stime))
}

#[cfg(not(unix))]
fn process_cpu() -> Option<Duration> {
    None
}

/// One phase's length: wall time, and the process's CPU time meanwhile (`None`: unknown).
pub type Length = (&'static str, Duration, Option<Duration>);

/// Phases measured one after the other: each mark ends the phase begun by the one before.
pub struct Phases {
    on: bool,
    /// When the first phase began, and the end of each phase.
    marks: Mutex<(Moment, Vec<(&'static str, Moment)>)>,
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
            marks: Mutex::new((Moment::now(), Vec::new())),
        }
    }

    /// Starts again from now (when on).
    pub fn restart(&self) {
        if self.on
            && let Ok(mut marks) = self.marks.lock()
        {
            *marks = (Moment::now(), Vec::new());
        }
    }

    /// Ends the phase called `name` now.
    pub fn mark(&self, name: &'static str) {
        if self.on
            && let Ok(mut marks) = self.marks.lock()
        {
            marks.1.push((name, Moment::now()));
        }
    }

    /// Each phase and its length, in order (empty when off).
    pub fn lengths(&self) -> Vec<Length> {
        if !self.on {
            return Vec::new();
        }
        let Ok((mut from, marks)) = self.marks.lock().map(|m| m.clone()) else {
            return Vec::new();
        };
        (marks.into_iter())
            .map(|(name, at)| {
                let wall = at.wall.saturating_duration_since(from.wall);
                let cpu = at
                    .cpu
                    .zip(from.cpu)
                    .map(|(at, from)| at.saturating_sub(from));
                from = at;
                (name, wall, cpu)
            })
            .collect()
    }

    /// The lengths as text, one phase per line: wall time, then CPU time (empty when off).
    pub fn to_text(&self) -> String {
        let lengths = self.lengths();
        let line = |name: &str, wall: Duration, cpu: Option<Duration>| {
            let cpu = cpu.map_or("".to_string(), |cpu| {
                format!("{:>9.1} ms cpu", cpu.as_secs_f64() * 1e3)
            });
            format!("{:>9.1} ms {cpu:>16}  {name}\n", wall.as_secs_f64() * 1e3)
        };
        let mut text: String = (lengths.iter())
            .map(|&(name, wall, cpu)| line(name, wall, cpu))
            .collect();
        if !lengths.is_empty() {
            let wall = lengths.iter().map(|l| l.1).sum();
            let cpu = lengths.iter().map(|l| l.2).sum();
            text.push_str(&line("total", wall, cpu));
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
        let names: Vec<_> = lengths.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, ["load", "render"]);
        assert!(lengths[1].1 >= Duration::from_millis(5));
        let text = phases.to_text();
        assert!(text.lines().last().unwrap().ends_with("  total"), "{text}");
        assert_eq!(text.lines().count(), 3);
        // The process's CPU time is known on Unix, and a busy phase spends some.
        if cfg!(unix) {
            let busy = Instant::now();
            while busy.elapsed() < Duration::from_millis(20) {
                std::hint::black_box(busy.elapsed());
            }
            phases.mark("busy");
            let cpu = phases.lengths()[2].2.expect("CPU time on Unix");
            assert!(cpu >= Duration::from_millis(10), "{cpu:?}");
            assert!(
                phases.to_text().contains(" ms cpu  busy"),
                "{}",
                phases.to_text()
            );
        }
    }
}
