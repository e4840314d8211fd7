//! `-v`, `-vv`, `-vvv`: the steps of a command, then the HTTP trace, then
//! the PKCS#11 calls, on stderr through the terminal writer. Domain modules
//! log with the `log` crate (`info!` for steps, `debug!` for HTTP, `trace!`
//! for PKCS#11); they never log a secret (URLs and forms are masked by
//! [`crate::net`], PINs are never passed to a log call).

use std::sync::OnceLock;

struct StderrLogger {
    level: log::LevelFilter,
}

impl log::Log for StderrLogger {
    fn enabled(&self, m: &log::Metadata<'_>) -> bool {
        m.level() <= self.level && m.target().starts_with("dvc")
    }

    fn log(&self, r: &log::Record<'_>) {
        if self.enabled(r.metadata()) {
            let line = format!("dvc: {}\n", r.args());
            let _ = super::term::write_stderr(line.as_bytes());
        }
    }

    fn flush(&self) {}
}

static LOGGER: OnceLock<StderrLogger> = OnceLock::new();

/// Installs the logger for a verbosity (0 none, 1 steps, 2 HTTP, 3 PKCS#11).
pub fn install(verbosity: i8) {
    let level = match verbosity {
        i8::MIN..=0 => return,
        1 => log::LevelFilter::Info,
        2 => log::LevelFilter::Debug,
        _ => log::LevelFilter::Trace,
    };
    let logger = LOGGER.get_or_init(|| StderrLogger { level });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(level);
    }
}
