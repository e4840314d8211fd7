//! Terminal presentation: colours, prompts, the wait display, the one
//! terminal writer, signals and the `-v` trace. Domain modules never use
//! this; commands reach prompts through their context's [`Prompter`].

pub mod logger;
mod painter;
pub mod prompt;
pub mod qr;
pub mod signals;
pub mod term;
pub mod wait;

pub use painter::Painter;
pub use prompt::{Prompter, ScriptedPrompter, TerminalPrompter};
pub use wait::{WaitDisplay, WaitFor};
