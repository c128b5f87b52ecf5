//! How long reading a routine takes: parsing, validating and expanding a 1,000-step
//! routine (the goal is under 5 ms), and each bundled routine for scale.
//!
//! Run with `cargo bench --bench routine`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write;

use supple::plan::Plan;
use supple::routine::library::BUNDLED;
use supple::routine::{Fallbacks, parse};

fn main() {
    divan::main();
}

/// A routine of `steps` steps using every kind of setting, as a person would write it.
fn routine_text(steps: usize) -> String {
    let mut text = String::from(
        "name = \"Long\"\ndescription = \"Generated for the benchmark.\"\n\n[defaults]\nhold = \"30s\"\nsides = \"both\"\nreps = 2\n",
    );
    for i in 0..steps {
        let _ = write!(
            text,
            "\n[[step]]\nid = \"stretch-{i}\"\nname = \"Stretch {i}\"\nhow = \"Hands on a wall, one leg back, heel down. Lean in.\"\n\
             focus = \"Heel stays on the floor.\"\ntargets = [\"calves\", \"Achilles\"]\nhold = \"{}s\"\nrest_after = \"5s\"\n",
            20 + i % 40
        );
    }
    text
}

#[divan::bench(args = [10, 100, 1_000])]
fn parse_validate_expand(bencher: divan::Bencher, steps: usize) {
    let text = routine_text(steps);
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| {
        let parsed = parse(divan::black_box(&text));
        let routine = parsed.routine.expect("valid");
        Plan::new(&routine, &Fallbacks::default())
    });
}

#[divan::bench(args = [1_000])]
fn parse_and_validate_only(bencher: divan::Bencher, steps: usize) {
    let text = routine_text(steps);
    bencher.bench(|| parse(divan::black_box(&text)));
}

#[divan::bench]
fn bundled_routines() -> usize {
    BUNDLED.iter().map(|b| parse(divan::black_box(b.text)).diagnostics.len()).sum()
}

/// The TOML parser alone, for comparison: what validation adds is the difference.
#[divan::bench(args = [1_000])]
fn toml_syntax_only(bencher: divan::Bencher, steps: usize) {
    let text = routine_text(steps);
    bencher.bench(|| toml::de::DeTable::parse_recoverable(divan::black_box(&text)).1.len());
}
