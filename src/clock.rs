//! Time as commands see it: the system clock in production, a fixed instant in
//! tests, so that expiry decisions are testable.

use time::OffsetDateTime;

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock stopped at one instant (for tests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// Formats an instant as RFC 3339 in UTC with whole seconds (`2026-11-29T07:18:15Z`).
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Whole days from `now` until `t`: the full days left before `t`, or, once
/// `t` has passed, minus the full days elapsed since (so 10 days and 5
/// minutes after `t` is -10, "expired 10 days ago"). Both count whole days
/// only, so the value is 0 for a day either side of `t`.
pub fn days_until(now: OffsetDateTime, t: OffsetDateTime) -> i64 {
    // Integer division rounds toward zero: whole days in either direction.
    (t - now).whole_seconds() / 86_400
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn rfc3339_is_utc_with_seconds() {
        assert_eq!(
            rfc3339(datetime!(2026-11-29 14:18:15 +7)),
            "2026-11-29T07:18:15Z"
        );
    }

    #[test]
    fn days_are_whole_days_left_or_elapsed() {
        let now = datetime!(2026-01-01 00:00 UTC);
        assert_eq!(days_until(now, datetime!(2026-01-31 12:00 UTC)), 30);
        assert_eq!(days_until(now, datetime!(2026-01-01 23:59 UTC)), 0);
        // Expired: minus the whole days elapsed, the same count people read.
        assert_eq!(days_until(now, datetime!(2025-12-31 12:00 UTC)), 0);
        assert_eq!(days_until(now, datetime!(2025-12-31 00:00 UTC)), -1);
        assert_eq!(days_until(now, datetime!(2025-12-21 23:55 UTC)), -10);
    }
}
