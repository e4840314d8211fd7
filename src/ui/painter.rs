//! Colours (off under `NO_COLOR` or when not a terminal).

/// Adds ANSI colours when enabled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Painter {
    enabled: bool,
}

impl Painter {
    /// A painter that colours only when `enabled`.
    pub fn new(enabled: bool) -> Painter {
        Painter { enabled }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Green (good news).
    pub fn ok(&self, s: &str) -> String {
        self.wrap("32", s)
    }

    /// Yellow (attention).
    pub fn warn(&self, s: &str) -> String {
        self.wrap("33", s)
    }

    /// Red (a problem).
    pub fn bad(&self, s: &str) -> String {
        self.wrap("31", s)
    }

    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
}
