//! Cost of a user-facing text lookup, the most frequent core call from every shell.

use crate::figure::{measure, Figure};
use vigil_core::{
    i18n::{tr, tr_args, Arg},
    Locale,
};

pub fn run() -> Vec<Figure> {
    // Alternate locales and ids so neither a single cached bundle nor one message dominates.
    let ids = ["error-wrong-passphrase", "error-locked", "error-disk-full"];
    let mut turn = 0usize;
    let plain = measure("i18n_tr_ns", 200_000, || {
        turn = turn.wrapping_add(1);
        tr(Locale::ALL[turn % 2], ids[turn % ids.len()])
    });
    let with_argument = measure("i18n_tr_args_ns", 200_000, || {
        turn = turn.wrapping_add(1);
        tr_args(
            Locale::ALL[turn % 2],
            "error-invalid-input",
            &[("detail", Arg::from("amount"))],
        )
    });
    let ratio = Figure::ratio("i18n_tr_args_vs_tr", &with_argument, &plain);
    vec![plain, with_argument, ratio]
}
