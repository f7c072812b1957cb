//! The tiny measuring framework every feature's benchmarks use.

use std::{hint::black_box, time::Instant};

/// One measured figure, printed as a JSON line `{"name","value","unit"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Figure {
        Figure {
            name: name.into(),
            value,
            unit,
        }
    }

    /// `numerator / denominator` as a figure named `<name>_ratio` (the convention for ratios).
    pub fn ratio(name: &str, numerator: &Figure, denominator: &Figure) -> Figure {
        Figure::new(
            format!("{name}_ratio"),
            numerator.value / denominator.value,
            "ratio",
        )
    }

    pub fn to_json_line(&self) -> String {
        serde_json::json!({"name": self.name, "value": self.value, "unit": self.unit}).to_string()
    }
}

/// Runs `work` `iterations` times after a warm-up of a tenth as many, and reports the median of
/// five rounds in nanoseconds per iteration (the median shrugs off a round disturbed by other load).
pub fn measure<T>(name: &str, iterations: u32, mut work: impl FnMut() -> T) -> Figure {
    assert!(iterations > 0, "a benchmark needs at least one iteration");
    for _ in 0..iterations.div_ceil(10) {
        black_box(work());
    }
    let mut rounds: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..iterations {
                black_box(work());
            }
            started.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    Figure::new(name, rounds[rounds.len() / 2], "ns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_reports_positive_nanoseconds_per_iteration() {
        let figure = measure("sleepy", 3, || {
            std::thread::sleep(std::time::Duration::from_millis(1))
        });
        assert_eq!(figure.unit, "ns");
        assert!(
            figure.value >= 1_000_000.0,
            "a 1 ms sleep measured as {} ns",
            figure.value
        );
    }

    #[test]
    fn ratio_is_named_and_divided() {
        let slow = Figure::new("slow", 30.0, "ns");
        let fast = Figure::new("fast", 10.0, "ns");
        let ratio = Figure::ratio("slow_vs_fast", &slow, &fast);
        assert_eq!(ratio, Figure::new("slow_vs_fast_ratio", 3.0, "ratio"));
    }

    #[test]
    fn json_line_has_the_three_fields() {
        let line = Figure::new("x", 1.5, "ns").to_json_line();
        let value: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(
            value,
            serde_json::json!({"name": "x", "value": 1.5, "unit": "ns"})
        );
    }
}
