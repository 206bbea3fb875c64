//! The calculator the app shows to the world. A real calculator (the engine is the core's);
//! typing 6–12 digits and `=` also offers them to the vault, without the digits ever leaving
//! Rust: `press` only says that a candidate is waiting, and `Haven.unlock_with_calculator`
//! takes it.

use crate::error::guard_infallible;
use crate::live::{Live, LiveKind};
use haven_core::calculator::{Calculator as Engine, Key, PinCandidate};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

/// What the shell draws after a key press.
#[derive(uniffi::Record, PartialEq, Eq)]
pub struct CalcScreen {
    /// The main display, e.g. `"12.5"`, `"-3"`, `"Error"`.
    pub display: String,
    /// The small upper line, e.g. `"12 + 3 ×"`.
    pub expression: String,
    /// The entry may be the PIN: call `Haven.unlock_with_calculator` off the UI thread (and
    /// keep showing `display`, which is the arithmetic result either way).
    pub unlock_candidate: bool,
}

impl fmt::Debug for CalcScreen {
    /// The screen may show a PIN that was just typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CalcScreen")
            .field("unlock_candidate", &self.unlock_candidate)
            .finish_non_exhaustive()
    }
}

/// A calculator. Cheap; one per calculator screen. `press` is fast enough for the UI thread.
#[derive(uniffi::Object)]
pub struct Calculator {
    state: Mutex<State>,
    _live: Live,
}

struct State {
    engine: Engine,
    /// The digits offered by the last `=` that offered any, until the vault takes them.
    /// Zeroized when replaced, taken and dropped.
    pending: Option<PinCandidate>,
}

impl fmt::Debug for Calculator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Calculator { .. }")
    }
}

impl Calculator {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The waiting PIN candidate, if any; it is no longer held here.
    pub(crate) fn take_candidate(&self) -> Option<PinCandidate> {
        self.state().pending.take()
    }
}

#[uniffi::export]
impl Calculator {
    /// A cleared calculator showing `0`.
    #[uniffi::constructor]
    pub fn new() -> Arc<Calculator> {
        Arc::new(Calculator {
            state: Mutex::new(State {
                engine: Engine::new(),
                pending: None,
            }),
            _live: Live::new(LiveKind::Calculator),
        })
    }

    /// Handles one key and returns what to draw. Never fails, whatever the sequence of keys.
    pub fn press(&self, key: Key) -> CalcScreen {
        guard_infallible(|| {
            let mut state = self.state();
            let press = state.engine.press(key);
            let unlock_candidate = press.unlock_candidate.is_some();
            if let Some(candidate) = press.unlock_candidate {
                state.pending = Some(candidate);
            }
            CalcScreen {
                display: press.display,
                expression: press.expression,
                unlock_candidate,
            }
        })
    }
}
