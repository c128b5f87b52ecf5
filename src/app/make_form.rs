//! The picker's "Make one for today" form: the choices `supple make` takes, asked by keys
//! (↑↓ a question, ←→ an answer, space to tick one), never by typing.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::make::{Area, Choices, Equipment, MINUTES};

/// One question of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Question {
    Areas,
    Minutes,
    AtHand,
    Place,
    Warm,
}

impl Question {
    pub(crate) const ALL: [Self; 5] = [Self::Areas, Self::Minutes, Self::AtHand, Self::Place, Self::Warm];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Areas => "Sore or tight",
            Self::Minutes => "Minutes",
            Self::AtHand => "At hand",
            Self::Place => "Where",
            Self::Warm => "Just run",
        }
    }
}

/// The answers so far, and where the person is in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MakeForm {
    pub choices: Choices,
    pub(crate) question: Question,
    /// The answer under the cursor, in a question with several (areas, what is at hand).
    pub(crate) option: usize,
}

/// What a key in the form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormOutcome {
    Stay,
    Make,
    Back,
}

/// One answer as the form shows it: its words and whether it is ticked.
pub(crate) struct Answer {
    pub words: String,
    pub ticked: bool,
}

impl Default for MakeForm {
    fn default() -> Self {
        // Nothing ticked to begin with: the whole legs, unless the person picks some.
        Self { choices: Choices { areas: Vec::new(), ..Choices::default() }, question: Question::Areas, option: 0 }
    }
}

impl MakeForm {
    pub(crate) fn key(&mut self, key: KeyEvent) -> FormOutcome {
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return FormOutcome::Back,
            KeyCode::Enter => return FormOutcome::Make,
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => self.step_question(-1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => self.step_question(1),
            KeyCode::Left | KeyCode::Char('h') => self.step_answer(-1),
            KeyCode::Right | KeyCode::Char('l') => self.step_answer(1),
            KeyCode::Char('-') => self.minutes(-1),
            KeyCode::Char('+' | '=') => self.minutes(1),
            KeyCode::Char(' ') => self.tick(),
            _ => {}
        }
        FormOutcome::Stay
    }

    /// The choices to make the session from: the whole legs when no area is ticked.
    pub(crate) fn made_choices(&self) -> Choices {
        let mut choices = self.choices.clone();
        if choices.areas.is_empty() {
            choices.areas = vec![Area::WholeLegs];
        }
        choices
    }

    /// The answers to `question`, as shown.
    pub(crate) fn answers(&self, question: Question) -> Vec<Answer> {
        let c = &self.choices;
        let answer = |words: &str, ticked: bool| Answer { words: words.to_string(), ticked };
        match question {
            Question::Areas => {
                Area::ALL.iter().map(|a| answer(&a.name().replace('-', " "), c.areas.contains(a))).collect()
            }
            Question::Minutes => vec![answer(&c.minutes.to_string(), true)],
            Question::AtHand => Equipment::ALL.iter().map(|e| answer(e.name(), c.equipment.contains(e))).collect(),
            Question::Place => vec![answer("floor too", !c.standing_only), answer("standing only", c.standing_only)],
            Question::Warm => vec![answer("no: warm up first", !c.warm), answer("yes: I'm warm", c.warm)],
        }
    }

    fn step_question(&mut self, by: isize) {
        let at = Question::ALL.iter().position(|q| *q == self.question).unwrap_or(0);
        let next = at.saturating_add_signed(by).min(Question::ALL.len() - 1);
        self.question = Question::ALL[next];
        self.option = 0;
    }

    fn step_answer(&mut self, by: isize) {
        match self.question {
            Question::Minutes => self.minutes(5 * i32::try_from(by).unwrap_or(0)),
            Question::Place => self.choices.standing_only = by > 0,
            Question::Warm => self.choices.warm = by > 0,
            Question::Areas | Question::AtHand => {
                let count = self.answers(self.question).len();
                self.option = self.option.saturating_add_signed(by).min(count.saturating_sub(1));
            }
        }
    }

    fn minutes(&mut self, by: i32) {
        let now = i32::try_from(self.choices.minutes).unwrap_or(10);
        let (least, most) = (i32::try_from(*MINUTES.start()).unwrap_or(2), i32::try_from(*MINUTES.end()).unwrap_or(90));
        self.choices.minutes = u32::try_from((now + by).clamp(least, most)).unwrap_or(10);
    }

    fn tick(&mut self) {
        match self.question {
            Question::Areas => toggle(&mut self.choices.areas, Area::ALL[self.option.min(Area::ALL.len() - 1)]),
            Question::AtHand => {
                toggle(&mut self.choices.equipment, Equipment::ALL[self.option.min(Equipment::ALL.len() - 1)]);
            }
            Question::Place => self.choices.standing_only = !self.choices.standing_only,
            Question::Warm => self.choices.warm = !self.choices.warm,
            Question::Minutes => {}
        }
    }
}

fn toggle<T: PartialEq + Ord>(items: &mut Vec<T>, item: T) {
    if let Some(at) = items.iter().position(|i| *i == item) {
        items.remove(at);
    } else {
        items.push(item);
        items.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut MakeForm, keys: &[KeyCode]) -> FormOutcome {
        let mut last = FormOutcome::Stay;
        for code in keys {
            last = form.key(KeyEvent::from(*code));
        }
        last
    }

    #[test]
    fn every_choice_is_made_by_keys() {
        use KeyCode::{Char, Down, Enter, Right};
        let mut form = MakeForm::default();
        // Calves and hamstrings; 15 minutes; a strap and a wall; standing only; just run.
        press(&mut form, &[Char(' '), Right, Char(' ')]);
        press(&mut form, &[Down, Right, Char('-'), Char('+')]);
        press(&mut form, &[Down, Char(' '), Right, Char(' ')]);
        press(&mut form, &[Down, Right, Down, Right]);
        assert_eq!(press(&mut form, &[Enter]), FormOutcome::Make);
        let made = form.made_choices();
        assert_eq!(made.areas, [Area::Hamstrings, Area::Calves]);
        assert_eq!(made.minutes, 15);
        assert_eq!(made.equipment, [Equipment::Strap, Equipment::Wall]);
        assert!(made.standing_only && made.warm);
    }

    #[test]
    fn nothing_ticked_means_the_whole_legs_and_minutes_stay_in_range() {
        let mut form = MakeForm {
            choices: Choices { areas: Vec::new(), minutes: 3, ..Choices::default() },
            ..MakeForm::default()
        };
        press(&mut form, &[KeyCode::Down, KeyCode::Left, KeyCode::Left]);
        assert_eq!(form.choices.minutes, *MINUTES.start());
        assert_eq!(form.made_choices().areas, [Area::WholeLegs]);
        assert_eq!(press(&mut form, &[KeyCode::Esc]), FormOutcome::Back);
    }
}
