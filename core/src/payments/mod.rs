//! Before you pay (issue 6): a checklist the user cannot skip by accident.
//!
//! A request for money becomes a [`Check`](state::Check). The [rules](rules) derive the steps it
//! needs (call back on a number from the [payee book](payee), confirm with second parties, stop on
//! red flags, delay and re-verify large sums); the [state machine](state) clears it only when
//! every step is done or overridden with a typed reason. Afterwards: [reminders], an
//! [evidence pack](evidence) for the police or the bank, and [history] with simple stats.
//!
//! Modules, one job each:
//! - [`money`]: exact amounts and ISO 4217 currencies;
//! - [`payee`]: the payee book;
//! - [`request`]: a request as received;
//! - [`red_flags`]: red flags in the request text;
//! - [`rules`]: which steps a request requires, and the re-verification schedule;
//! - [`settings`]: the user's thresholds;
//! - [`state`]: the stored check and its state machine;
//! - [`engine`]: operations on checks, each one atomic;
//! - [`view`]: what the shells show, localized;
//! - [`reminders`], [`evidence`], [`history`].

pub mod engine;
pub mod evidence;
pub mod history;
pub mod money;
pub mod payee;
pub mod red_flags;
pub mod reminders;
pub mod request;
pub mod rules;
pub mod settings;
pub mod state;
pub mod view;

#[cfg(test)]
mod engine_tests;
