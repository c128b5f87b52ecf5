//! No input makes reading a routine (or the config) panic: random bytes, random TOML,
//! mutated routines and configs, deep nesting. Each case also renders its diagnostics, so spans are exercised too.

use proptest::prelude::*;
use std::fmt::Write;

use supple::diagnostic::{Style, render};
use supple::plan::Plan;
use supple::routine::library::BUNDLED;
use supple::routine::{Fallbacks, parse};

/// Parses, renders every diagnostic, and expands the plan of a valid result.
fn exercise(text: &str) {
    let parsed = parse(text);
    let out = render(&parsed.diagnostics, "fuzz.toml", text, Style::Plain);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "raw control character in:\n{out:?}");
    if let Some(routine) = parsed.routine {
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()));
        let plan = Plan::new(&routine, &Fallbacks::default());
        let sum: std::time::Duration = plan.phases.iter().map(|p| p.duration).sum();
        assert_eq!(plan.total(), sum);
    } else {
        assert!(parsed.diagnostics.iter().any(supple::diagnostic::Diagnostic::is_error), "no routine and no error");
    }
}

/// A TOML value of the kinds a routine uses, right or wrong.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{1,12}",
        "\"[0-9]{0,4}(s|m|h|min|ms|x)?\"",
        "\"[ -~]{0,12}\"",
        "\"(none|both|left|right|left-right|right-left|bth)\"",
        "[0-9]{1,3}\\.[0-9]",
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("[\"a\", 1]".to_string()),
        Just("{ x = 1 }".to_string()),
        Just("\"\\u001b[2J\"".to_string()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    let known: Vec<&str> = supple::routine::schema::STEP_KEYS
        .iter()
        .copied()
        .chain(supple::routine::schema::timing_keys())
        .chain(supple::routine::schema::ROUTINE_KEYS.iter().copied())
        .collect();
    prop_oneof![4 => proptest::sample::select(known).prop_map(str::to_string), 1 => "[a-z_]{1,10}"]
}

/// A routine-shaped document: top-level keys, maybe defaults, some steps.
fn document() -> impl Strategy<Value = String> {
    let pairs = || proptest::collection::vec((key(), value()), 0..8);
    (pairs(), proptest::option::of(pairs()), proptest::collection::vec(pairs(), 0..6)).prop_map(
        |(top, defaults, steps)| {
            let mut doc = String::new();
            let write = |doc: &mut String, pairs: &[(String, String)]| {
                let mut seen = std::collections::HashSet::new();
                for (k, v) in pairs {
                    if k != "step" && k != "defaults" && seen.insert(k.clone()) {
                        let _ = writeln!(doc, "{k} = {v}");
                    }
                }
            };
            write(&mut doc, &top);
            if let Some(defaults) = defaults {
                doc.push_str("[defaults]\n");
                write(&mut doc, &defaults);
            }
            for step in steps {
                doc.push_str("[[step]]\n");
                write(&mut doc, &step);
            }
            doc
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        exercise(&text);
    }

    #[test]
    fn random_routine_documents_never_panic(doc in document()) {
        exercise(&doc);
    }

    #[test]
    fn mutated_bundled_routines_never_panic(which in 0..BUNDLED.len(), at in any::<prop::sample::Index>(), cut in 0usize..40, insert in "[\\[\\]\"=\\n#a-z0-9 \\\\]{0,6}") {
        let text = BUNDLED[which].text;
        let mut at = at.index(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{insert}{}", &text[..at], &text[end..]);
        exercise(&mutated);
    }

    #[test]
    fn mutated_configs_never_panic_and_a_mistake_is_always_said(at in any::<prop::sample::Index>(), cut in 0usize..30, insert in "[\\[\\]\"=\\n#a-z0-9 \\\\]{0,6}") {
        let text = supple::config::default_text();
        let mut at = at.index(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{insert}{}", &text[..at], &text[end..]);
        let (_, diagnostics) = supple::config::parse(&mutated);
        let out = render(&diagnostics, "config.toml", &mutated, Style::Plain);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "raw control character in:\n{out:?}");
        // A file that TOML cannot read is never taken in silence.
        if diagnostics.is_empty() {
            let (_, syntax) = toml::de::DeTable::parse_recoverable(&mutated);
            prop_assert!(syntax.is_empty(), "a broken file read without a word: {mutated}");
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    // Bytes as they arrive from disk go through the same UTF-8 gate as `source::read`.
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            if let Ok(text) = std::str::from_utf8(&bytes) {
                exercise(text);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "{a=", "[{a=["] {
        let text = format!("name = \"x\"\nv = {}", open.repeat(100_000));
        let parsed = parse(&text);
        assert!(parsed.routine.is_none());
        assert!(
            parsed.diagnostics.iter().any(|d| d.message == "the file nests too deeply"),
            "{:?}",
            parsed.diagnostics
        );
        let _ = render(&parsed.diagnostics, "deep.toml", &text, Style::Plain);
    }
    let dotted = format!("{} = 1", vec!["a"; 50_000].join("."));
    exercise(&dotted);
}

#[test]
fn a_huge_valid_file_is_read_whole() {
    let mut text = String::from("name = \"Big\"\n[defaults]\nhold = \"20s\"\n");
    for i in 0..5_000 {
        let _ = write!(text, "[[step]]\nname = \"Stretch number {i}\"\nhow = \"{}\"\n", "Breathe. ".repeat(20));
    }
    assert!(text.len() > 900_000);
    let parsed = parse(&text);
    assert_eq!(parsed.routine.unwrap().steps.len(), 5_000);
}

#[test]
fn too_many_steps_is_an_error() {
    let mut text = String::from("name = \"Too big\"\n[defaults]\nhold = 1\n");
    for i in 0..5_001 {
        let _ = write!(text, "[[step]]\nname = \"s{i}\"\n");
    }
    let parsed = parse(&text);
    assert!(parsed.routine.is_none());
    assert!(parsed.diagnostics[0].message.contains("at most 5000"), "{:?}", parsed.diagnostics[0]);
}
