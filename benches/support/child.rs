//! The release `hoego run` as an operator starts it (only the given `HOEGO_` variables, no
//! `RUST_LOG`, so the default log filter), and what a benchmark reads of it from `/proc`: CPU
//! time (utime + stime of all its threads) and resident memory. The machine is shared, so every
//! figure is printed with its load (`/proc/loadavg`) beside it.

use std::fmt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `hoego run`, killed when dropped (a failed benchmark leaves nothing behind).
pub struct Bot {
    child: Child,
    /// When it was spawned.
    pub spawned: Instant,
    log: std::path::PathBuf,
}

impl Bot {
    /// Spawns `hoego run` in `dir` with `vars` as its only `HOEGO_` variables (its log goes to
    /// `dir/hoego.log`).
    pub fn spawn(dir: &Path, vars: &[(&str, String)]) -> anyhow::Result<Bot> {
        let log = dir.join("hoego.log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
        for (name, _) in std::env::vars() {
            if name.starts_with("HOEGO_") || name == "RUST_LOG" {
                command.env_remove(name);
            }
        }
        command
            .arg("run")
            .current_dir(dir)
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .env("HOEGO_HTTP__ENABLED", "false")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?);
        let spawned = Instant::now();
        let child = command.spawn()?;
        Ok(Bot {
            child,
            spawned,
            log,
        })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// CPU time used so far, user and system, all threads.
    pub fn cpu(&self) -> anyhow::Result<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))?;
        // The fields after the command name (which may hold spaces) start at field 3 (state):
        // utime and stime are fields 14 and 15, in clock ticks.
        let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
        Ok(Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64))
    }

    /// Resident memory (`VmRSS`), in MiB.
    pub fn rss_mib(&self) -> anyhow::Result<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .ok_or_else(|| anyhow::anyhow!("no VmRSS in /proc/{}/status", self.pid()))?;
        Ok(kib / 1024.0)
    }

    /// Fails with the end of its log when the process has exited.
    pub fn ensure_running(&mut self) -> anyhow::Result<()> {
        if let Some(status) = self.child.try_wait()? {
            anyhow::bail!("hoego run exited ({status}): {}", self.log_tail());
        }
        Ok(())
    }

    /// The last lines of its log.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Stops it with SIGTERM, as a service manager does, and waits (up to 20 s) for it to exit:
    /// fails unless it exited with 0.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        let pid = self.pid().to_string();
        Command::new("kill").args(["-TERM", &pid]).status()?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                anyhow::ensure!(status.success(), "hoego run ended with {status}");
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        anyhow::bail!("hoego run did not stop within 20 s of SIGTERM")
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`; 100 if that fails).
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100)
}

/// The machine's load averages over 1, 5 and 15 minutes.
pub fn load() -> String {
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    loadavg
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints one figure with the machine's load beside it.
pub fn figure(what: &str, value: impl fmt::Display) {
    println!("  {what}: {value}   [load {}]", load());
}

/// Waits (polling every millisecond, up to `limit`) until `done` holds; how long it took.
pub async fn until(limit: Duration, mut done: impl FnMut() -> bool) -> anyhow::Result<Duration> {
    let start = Instant::now();
    while !done() {
        anyhow::ensure!(start.elapsed() < limit, "not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Ok(start.elapsed())
}

/// The median, 99th percentile (nearest rank) and largest of some latencies.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Spread {
    /// The spread of `latencies` (not empty).
    pub fn of(mut latencies: Vec<Duration>) -> Spread {
        latencies.sort();
        let at = |q: f64| {
            let rank = (latencies.len() as f64 * q).ceil() as usize;
            latencies[rank.clamp(1, latencies.len()) - 1]
        };
        Spread {
            p50: at(0.50),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

impl fmt::Display for Spread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            ms(self.p50),
            ms(self.p99),
            ms(self.max)
        )
    }
}

/// Milliseconds, fractional.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Whether part `name` of a benchmark was asked for: `HOEGO_BENCH_PARTS` is a comma-separated
/// list of parts; unset, every part runs.
pub fn wanted(name: &str) -> bool {
    match std::env::var("HOEGO_BENCH_PARTS") {
        Ok(parts) => parts.split(',').any(|p| p.trim() == name),
        Err(_) => true,
    }
}
