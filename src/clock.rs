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

/// Whole days from `now` until `t`, rounded down: the full days left
/// before `t` (0 in its last day), and negative as soon as `t` has passed
/// (-1 in the first day after it, -11 ten days and five minutes after), so
/// `days_left < 0` always means expired. The whole days elapsed since
/// expiry, as a person reads them, are `-days - 1` ([`days_elapsed`]).
pub fn days_until(now: OffsetDateTime, t: OffsetDateTime) -> i64 {
    (t - now).whole_seconds().div_euclid(86_400)
}

/// The whole days elapsed since an expiry `days_until` counted as `days`
/// (negative): "expired 10 days ago" for -11.
pub fn days_elapsed(days: i64) -> i64 {
    (-days - 1).max(0)
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
        // Expired: negative at once; the days a person reads are elapsed.
        assert_eq!(days_until(now, datetime!(2025-12-31 23:55 UTC)), -1);
        assert_eq!(days_elapsed(-1), 0);
        assert_eq!(days_until(now, datetime!(2025-12-31 00:00 UTC)), -1);
        let ten = days_until(now, datetime!(2025-12-21 23:55 UTC));
        assert_eq!((ten, days_elapsed(ten)), (-11, 10));
    }
}
