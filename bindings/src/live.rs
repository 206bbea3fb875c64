//! Counts of the objects alive on the Rust side, so that tests in Kotlin and Swift can prove
//! that closing a handle frees it (no leak over many create/close cycles). Counts only: no
//! content, no addresses.

use std::sync::atomic::{AtomicU64, Ordering};

static HAVENS: AtomicU64 = AtomicU64::new(0);
static SESSIONS: AtomicU64 = AtomicU64::new(0);
static CALCULATORS: AtomicU64 = AtomicU64::new(0);

/// How many objects of each kind the Rust side holds right now, in this process.
#[derive(uniffi::Record, Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveObjects {
    pub havens: u64,
    pub sessions: u64,
    pub calculators: u64,
}

/// The objects alive now. A diagnostic for leak tests; a handle counts until the foreign side
/// closes (destroys) it and no other handle shares it.
#[uniffi::export]
pub fn live_objects() -> LiveObjects {
    LiveObjects {
        havens: HAVENS.load(Ordering::SeqCst),
        sessions: SESSIONS.load(Ordering::SeqCst),
        calculators: CALCULATORS.load(Ordering::SeqCst),
    }
}

#[derive(Clone, Copy)]
pub(crate) enum LiveKind {
    Haven,
    Session,
    Calculator,
}

impl LiveKind {
    fn counter(self) -> &'static AtomicU64 {
        match self {
            LiveKind::Haven => &HAVENS,
            LiveKind::Session => &SESSIONS,
            LiveKind::Calculator => &CALCULATORS,
        }
    }
}

/// Held by each object: counts it while it lives.
#[derive(Debug)]
pub(crate) struct Live(&'static AtomicU64);

impl Live {
    pub(crate) fn new(kind: LiveKind) -> Live {
        let counter = kind.counter();
        counter.fetch_add(1, Ordering::SeqCst);
        Live(counter)
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
