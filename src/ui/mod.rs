//! Terminal presentation: colours (off under `NO_COLOR` or when not a
//! terminal) and prompts. Domain modules never use this.

use dialoguer::console::Term;

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

/// Asks for a line of text on the terminal (stderr), with an optional default.
pub fn prompt_text(label: &str, default: Option<&str>) -> std::io::Result<String> {
    let mut input = dialoguer::Input::<String>::new().with_prompt(label);
    if let Some(d) = default {
        input = input.default(d.to_string());
    }
    input
        .interact_text_on(&Term::stderr())
        .map_err(|dialoguer::Error::IO(e)| e)
}
