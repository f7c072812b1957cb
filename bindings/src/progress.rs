//! Progress of long work (rekey, verify, export, import, sync), reported to the shell.

use std::sync::Arc;

/// Implemented by the shells to drive a progress bar. Called on the calling thread.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    fn on_progress(&self, done: u64, total: u64);
}

/// A closure for the core that forwards to an optional listener.
pub(crate) fn forward(listener: &Option<Arc<dyn ProgressListener>>) -> impl FnMut(u64, u64) + '_ {
    move |done, total| {
        if let Some(l) = listener {
            l.on_progress(done, total);
        }
    }
}
