//! Where a token's PIN comes from, decided before anything is read: the
//! URI's `pin-source` file, standard input (`--pin-stdin`), the token's PIN
//! pad, or a prompt; never the command line. The flags are read first: a
//! locked PIN or the final try (without `--force`) stops here.

use std::path::PathBuf;

use super::token::{pin_policy, PinFlags, PinWarning};
use super::uri::Pkcs11Uri;
use crate::error::{Error, Result};

/// Where the PIN will come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinSource {
    /// The file named by the URI's `pin-source`.
    File(PathBuf),
    /// The first line of standard input.
    Stdin,
    /// The token's own keypad: no PIN is sent.
    PinPad,
    /// A prompt on the terminal.
    Prompt,
}

/// The token's state as read just before the PIN is asked.
#[derive(Debug, Clone)]
pub struct TokenState {
    /// Its label (for messages and the prompt).
    pub label: String,
    /// Its PIN flags.
    pub flags: PinFlags,
    /// It has a PIN pad (protected authentication path).
    pub pin_pad: bool,
}

/// Decides where the PIN comes from, and whether a try is allowed at all.
/// Returns the source and the warning to show (a wrong PIN entered before,
/// or the final try allowed by `force`).
pub fn pin_plan(
    state: &TokenState,
    selector: Option<&str>,
    pin_stdin: bool,
    interactive: bool,
    force: bool,
) -> Result<(PinSource, Option<PinWarning>)> {
    let warning = pin_policy(state.flags, force, &state.label)?;
    if state.pin_pad {
        return Ok((PinSource::PinPad, warning));
    }
    let from_uri = selector
        .filter(|s| crate::pkcs11::uri::is_pkcs11_uri(s))
        .and_then(|s| Pkcs11Uri::parse(s.trim()).ok())
        .and_then(|u| u.pin_source());
    let source = if let Some(path) = from_uri {
        PinSource::File(path)
    } else if pin_stdin {
        PinSource::Stdin
    } else if interactive {
        PinSource::Prompt
    } else {
        return Err(Error::NeedsInput {
            flag: "--pin-stdin".into(),
        });
    };
    Ok((source, warning))
}

/// The PIN from the first line of `text` (a file or standard input),
/// without its line ending; empty is [`Error::NoPinOnStdin`].
pub fn first_line(text: &str) -> Result<&str> {
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        Err(Error::NoPinOnStdin)
    } else {
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(pin_pad: bool, flags: PinFlags) -> TokenState {
        TokenState {
            label: "t".into(),
            flags,
            pin_pad,
        }
    }

    #[test]
    fn sources_in_order() {
        let ok = PinFlags::default();
        let s = state(false, ok);
        assert_eq!(
            pin_plan(
                &s,
                Some("pkcs11:token=t?pin-source=file:/p"),
                true,
                true,
                false
            )
            .unwrap()
            .0,
            PinSource::File("/p".into())
        );
        assert_eq!(
            pin_plan(&s, None, true, true, false).unwrap().0,
            PinSource::Stdin
        );
        assert_eq!(
            pin_plan(&s, None, false, true, false).unwrap().0,
            PinSource::Prompt
        );
        assert!(matches!(
            pin_plan(&s, None, false, false, false),
            Err(Error::NeedsInput { .. })
        ));
        assert_eq!(
            pin_plan(&state(true, ok), None, false, false, false)
                .unwrap()
                .0,
            PinSource::PinPad
        );
    }

    #[test]
    fn flags_are_read_first() {
        let locked = PinFlags {
            locked: true,
            ..Default::default()
        };
        assert!(matches!(
            pin_plan(&state(true, locked), None, true, true, true),
            Err(Error::PinLocked { .. })
        ));
        let last = PinFlags {
            final_try: true,
            count_low: true,
            ..Default::default()
        };
        assert!(matches!(
            pin_plan(&state(false, last), None, true, true, false),
            Err(Error::PinFinalTry { .. })
        ));
        assert_eq!(
            pin_plan(&state(false, last), None, true, true, true)
                .unwrap()
                .1,
            Some(PinWarning::FinalTry)
        );
    }

    #[test]
    fn empty_stdin_says_so() {
        assert!(matches!(first_line(""), Err(Error::NoPinOnStdin)));
        assert!(matches!(first_line("\n"), Err(Error::NoPinOnStdin)));
        assert_eq!(first_line("1234\r\n").unwrap(), "1234");
    }
}
