//! What the voice says in every bundled routine, phase by phase: each sentence's forms
//! with their estimated length, and the form said in the time the gap leaves (with the
//! engine, and with only the built-in sentences).

use std::fmt::Write as _;
use std::time::Duration;

use supple::cue::Cue;
use supple::plan::{Phase, PhaseKind, Plan};
use supple::routine::Fallbacks;
use supple::routine::library;
use supple::voice::phrasebook::{self, DEFAULT_RATE, Utterance};

fn said(out: &mut String, utterance: &Utterance, window: Duration) {
    for form in &utterance.forms {
        let estimate = phrasebook::estimate(&form.text, DEFAULT_RATE).as_secs_f64();
        let built_in = if form.built_in.is_some() { " (built in)" } else { "" };
        let _ = writeln!(out, "      {estimate:>4.1}s  {}{built_in}", form.text);
    }
    let chosen = |engine| {
        phrasebook::choose(utterance, window, DEFAULT_RATE, engine)
            .map_or("nothing".to_string(), |p| format!("\"{}\"", p.text))
    };
    let _ = writeln!(out, "      in {:.1}s: {}; built in only: {}", window.as_secs_f64(), chosen(true), chosen(false));
}

fn script(plan: &Plan, routine: &supple::routine::Routine) -> String {
    let mut out = String::new();
    for (index, phase) in plan.phases.iter().enumerate() {
        let Phase { kind, start, duration, .. } = phase;
        let _ = writeln!(out, "{:>5.0}s  {kind:?} {}s", start.as_secs_f64(), duration.as_secs());
        if let Some(u) = phrasebook::at_phase(routine, plan, index) {
            said(&mut out, &u, phrasebook::window(plan, index, *duration));
        }
        for cue in [Cue::Halfway, Cue::TimeLeft] {
            if let Some(u) = phrasebook::at_cue(cue, phase) {
                let _ = writeln!(out, "    {cue:?}");
                said(&mut out, &u, *duration / 2);
            }
        }
    }
    let _ = writeln!(out, "{:>5.0}s  end", plan.total().as_secs_f64());
    said(&mut out, &phrasebook::at_end(plan.total()), Duration::from_secs(30));
    out
}

#[test]
fn every_bundled_routine_is_said_in_forms_that_fit_its_gaps() {
    for file in library::bundled() {
        let routine = file.parsed.routine.clone().expect("valid");
        let plan = Plan::new(&routine, &Fallbacks::default());
        insta::assert_snapshot!(file.key.clone(), script(&plan, &routine));
    }
}

#[test]
fn routine_text_is_said_safely_and_briefly() {
    assert_eq!(phrasebook::speakable("Calf\u{1b}[31m stretch\n<b>"), "Calf 31m stretch b");
    assert_eq!(phrasebook::speakable("--help me"), "help me");
    assert_eq!(phrasebook::speakable("- -f/tmp/secret.txt"), "f/tmp/secret.txt", "never an option, however written");
    let long = "word ".repeat(40);
    assert!(phrasebook::speakable(&long).chars().count() <= 60);
    assert!(phrasebook::speakable(&long).ends_with("word"), "cut between words");
}

#[test]
fn speech_has_the_gap_but_its_last_tick_and_the_ticks_before_yield_to_it() {
    let text = "name = \"r\"\n[[step]]\nname = \"Calf\"\nhold = 20\nget_ready = 8\nrest_after = 8\n\
                [[step]]\nname = \"Walk\"\nduration = \"1m\"\nget_ready = 0\n";
    let routine = supple::routine::parse(text).routine.expect("valid");
    let plan = Plan::new(&routine, &Fallbacks::default());
    let kinds: Vec<_> = plan.phases.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PhaseKind::GetReady, PhaseKind::Hold, PhaseKind::Rest, PhaseKind::Activity]);
    // 8 s less the lead (0.6 s), the margin (0.25 s) and the last second's tick: alike
    // before the hold and before the walk; the two ticks before it yield to the speech.
    let before_hold = phrasebook::window(&plan, 0, Duration::from_secs(8));
    assert_eq!(before_hold, Duration::from_millis(6_150));
    assert_eq!(phrasebook::window(&plan, 2, Duration::from_secs(8)), before_hold);
    // The ticks wait until it is heard out: the lead, the sentence, the margin.
    let u = phrasebook::at_phase(&routine, &plan, 0).expect("the get-ready is said");
    let phrase = phrasebook::choose(&u, before_hold, DEFAULT_RATE, true).expect("fits");
    let heard = phrasebook::heard_until(phrase, DEFAULT_RATE);
    assert_eq!(heard, phrasebook::LEAD + phrasebook::estimate(&phrase.text, DEFAULT_RATE) + Duration::from_millis(250));
    assert!(heard <= Duration::from_secs(7), "{heard:?} for {:?}: the last tick is clear", phrase.text);
}
