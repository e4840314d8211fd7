//! Stopping cleanly on SIGINT and SIGTERM, with `signal-hook`.
//!
//! signal-hook installs one process-wide handler that only writes to a
//! self-pipe; whichever thread the kernel picks runs it, so no thread can
//! die of the default action, and no signal mask has to be set up before
//! tiny_http starts its threads.

use signal_hook::consts::{SIGINT, SIGTERM};

/// Registers for SIGINT and SIGTERM. From this call on, the signals no
/// longer end the process; [`Stop::wait`] returns when one arrives.
pub fn stop_on_signals() -> Result<Stop, String> {
    Stop::new()
}

/// Waits for SIGINT or SIGTERM.
#[derive(Debug)]
pub struct Stop {
    #[cfg(unix)]
    signals: signal_hook::iterator::Signals,
    #[cfg(not(unix))]
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Stop {
    #[cfg(unix)]
    fn new() -> Result<Stop, String> {
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
            .map(|signals| Stop { signals })
            .map_err(|e| format!("cannot handle SIGINT / SIGTERM: {e}"))
    }

    #[cfg(not(unix))]
    fn new() -> Result<Stop, String> {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for sig in [SIGINT, SIGTERM] {
            signal_hook::flag::register(sig, flag.clone())
                .map_err(|e| format!("cannot handle signal {sig}: {e}"))?;
        }
        Ok(Stop { flag })
    }

    /// Blocks until SIGINT or SIGTERM arrives; returns the signal.
    #[cfg(unix)]
    pub fn wait(mut self) -> i32 {
        self.signals.forever().next().unwrap_or(SIGTERM)
    }

    /// Blocks until SIGINT or SIGTERM arrives; returns SIGTERM.
    #[cfg(not(unix))]
    pub fn wait(self) -> i32 {
        while !self.flag.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        SIGTERM
    }
}
