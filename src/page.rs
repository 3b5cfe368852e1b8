//! The page's state around the lab, still web-free: language, presenter mode, the overlay, the
//! open lesson, Play's clock, the shareable link and the one-line notices a user sees after an
//! action. `app.rs` only translates this to and from JS.

use crate::compare::CompareSettings;
use crate::core::BnError;
use crate::i18n::{error_message, t, tf, Lang};
use crate::lab::{Lab, Settings};
use crate::lessons::{self, Lesson};
use crate::link::Link;
use crate::trainer::TrainState;

/// Play's speeds, in steps per second; the last is "every animation frame".
pub const SPEEDS: [f64; 5] = [2.0, 5.0, 10.0, 30.0, 60.0];

/// An open lesson: which, which stage, and whether the answer is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenLesson {
    pub id: &'static str,
    pub stage: usize,
    pub revealed: bool,
}

impl OpenLesson {
    pub fn lesson(&self) -> &'static Lesson {
        lessons::find(self.id).unwrap_or(&lessons::LESSONS[0])
    }
}

pub struct Page {
    pub lab: Lab,
    pub lang: Lang,
    pub presenter: bool,
    /// Overlay the other mode's output on the distribution chart.
    pub overlay: bool,
    pub lesson: Option<OpenLesson>,
    /// Which view is open: "lab", "norms" or "train".
    pub view: String,
    /// What the last action wants the user to know (a new layer, a link read with gaps, …).
    pub notice: Option<String>,
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// When Play last stepped (ms, the page's clock).
    last_tick: Option<f64>,
    /// The Train view.
    pub train: TrainState,
    /// The "Which axis?" view.
    pub compare: CompareSettings,
    /// Train Play's speed: index into [`TRAIN_SPEEDS`].
    pub train_speed: usize,
}

/// Train Play's speeds: steps (of both models) per animation frame.
pub const TRAIN_SPEEDS: [u64; 3] = [1, 10, 100];

impl Page {
    pub fn new() -> Page {
        Page {
            lab: Lab::new(Settings::default()).expect("the default settings are valid"),
            lang: Lang::En,
            presenter: false,
            overlay: false,
            lesson: None,
            view: "lab".into(),
            notice: None,
            playing: false,
            speed: 2,
            last_tick: None,
            train: TrainState::default(),
            train_speed: 1,
            compare: CompareSettings::default(),
        }
    }

    /// The page a link describes. What cannot be read is left at its default, and the notice
    /// says which parts those were.
    pub fn from_query(query: &str) -> Page {
        let (link, mut unread) = Link::parse(query);
        let mut page = Page::new();
        page.lang = link.lang;
        page.presenter = link.presenter;
        page.view = link.view.clone();
        page.compare = link.compare.clone();
        if let Err(e) = page.compare.check() {
            unread.push(page.message(&e));
            page.compare = CompareSettings::default();
        }
        page.train.settings = link.train.clone();
        page.train.pending_steps = link.train_steps;
        if let Err(e) = page.train.settings.check() {
            unread.push(page.message(&e));
            page.train.settings = Default::default();
        }
        if link.own_data {
            unread.push(t(page.lang, "own-data-link"));
        }
        match Lab::replay(link.base.clone(), &link.actions) {
            Ok(lab) => page.lab = lab,
            Err((lab, why)) => {
                page.lab = lab;
                unread.push(why);
            }
        }
        let _ = page.lab.select_feature(link.feature);
        let _ = page.lab.select_sample(link.sample);
        if let Some((id, stage)) = &link.lesson {
            match lessons::find(id) {
                Some(lesson) if *stage < lesson.stages.len() => {
                    page.overlay = lesson.stages[*stage].overlay;
                    page.lesson = Some(OpenLesson { id: lesson.id, stage: *stage, revealed: false });
                }
                _ => unread.push(format!("lesson={id}_{stage}")),
            }
        }
        if !unread.is_empty() {
            page.notice = Some(format!("{} {}", t(page.lang, "link-notes"), unread.join(" · ")));
        }
        page
    }

    /// The link that reproduces this page.
    pub fn query(&self) -> String {
        let s = self.lab.settings();
        Link {
            base: self.lab.base().clone(),
            actions: self.lab.actions().to_vec(),
            feature: s.feature,
            sample: s.sample,
            lesson: self.lesson.as_ref().map(|l| (l.id.to_string(), l.stage)),
            lang: self.lang,
            presenter: self.presenter,
            view: self.view.clone(),
            train: self.train.settings.clone(),
            train_steps: self.train.steps(),
            compare: self.compare.clone(),
            own_data: matches!(self.lab.source(), crate::lab::Source::Own(_)),
        }
        .to_query()
    }

    /// A refusal in the page's language.
    pub fn message(&self, error: &BnError) -> String {
        error_message(error, self.lang)
    }

    /// Runs a lab action that builds a new layer, and says so.
    pub fn rebuild(&mut self, action: impl FnOnce(&mut Lab) -> Result<(), BnError>) -> Result<(), BnError> {
        action(&mut self.lab)?;
        let ctor = crate::explain::constructor(self.lab.layer());
        self.notice = Some(tf(self.lang, "new-layer", &[("ctor", &ctor)]));
        Ok(())
    }

    /// Opens stage `stage` of lesson `id`: its settings and actions, the answer hidden.
    pub fn open_lesson(&mut self, id: &str, stage: usize) -> Result<(), BnError> {
        let lesson =
            lessons::find(id).ok_or(BnError::OutOfRange { what: "lesson", index: 0, len: lessons::LESSONS.len() })?;
        let setup = lesson.stages.get(stage).ok_or(BnError::OutOfRange {
            what: "lesson stage",
            index: stage,
            len: lesson.stages.len(),
        })?;
        // Every stage replays cleanly (a test checks), so a failure here is a bug in the table.
        let lab = Lab::replay((setup.settings)(), setup.actions)
            .map_err(|_| BnError::Missing { what: "working setup for this lesson stage" })?;
        self.lab = lab;
        self.overlay = setup.overlay;
        self.view = setup.view.into();
        self.playing = false;
        self.lesson = Some(OpenLesson { id: lesson.id, stage, revealed: false });
        Ok(())
    }

    /// The next (+1) or previous (−1) stage of the open lesson.
    pub fn lesson_step(&mut self, delta: isize) -> Result<(), BnError> {
        let Some(open) = &self.lesson else { return Ok(()) };
        let stage = open.stage as isize + delta;
        if stage < 0 || stage as usize >= open.lesson().stages.len() {
            return Ok(());
        }
        let id = open.id;
        self.open_lesson(id, stage as usize)
    }

    pub fn reveal(&mut self) {
        if let Some(open) = &mut self.lesson {
            open.revealed = true;
        }
    }

    pub fn close_lesson(&mut self) {
        self.lesson = None;
    }

    /// The lesson panel: title, stage k of n, what to look at, the question, and the answer
    /// once revealed.
    pub fn lesson_html(&self) -> String {
        let Some(open) = &self.lesson else { return String::new() };
        let lang = self.lang;
        let lesson = open.lesson();
        let Some(stage) = lesson.stages.get(open.stage) else { return String::new() };
        let answer =
            if open.revealed { format!("<p class=\"answer\">{}</p>", stage.answer.get(lang)) } else { String::new() };
        format!(
            "<h2>{} <small>({}/{})</small></h2><p>{}</p><p class=\"question\"><b>{}</b> {}</p>{answer}",
            lesson.title.get(lang),
            open.stage + 1,
            lesson.stages.len(),
            stage.text.get(lang),
            t(lang, "predict"),
            stage.question.get(lang),
        )
    }

    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        self.last_tick = None;
    }

    /// Train Play's steps per animation frame (the page stops earlier when a frame's time is up).
    pub fn train_steps_per_frame(&self) -> u64 {
        TRAIN_SPEEDS[self.train_speed.min(TRAIN_SPEEDS.len() - 1)]
    }

    /// Opens the BN model's BatchNorm1d in the main view: its 128 features with the running
    /// statistics, γ and β training left, applied (in eval mode) to the first Linear layer's
    /// outputs for 64 test digits — the real input of that layer.
    pub fn open_trained_layer(&mut self) -> Result<(), BnError> {
        let trainer = self.train.trainer.as_ref().ok_or(BnError::NoTrainedModel)?;
        let (layer, values, dims) = trainer.layer_and_its_input(64)?;
        let k = layer.running().map_or(0, |r| r.num_batches_tracked);
        self.lab.use_trained_layer(layer, values, &dims)?;
        self.view = "lab".into();
        self.lesson = None;
        self.notice = Some(tf(self.lang, "opened-layer", &[("k", &k.to_string())]));
        Ok(())
    }

    /// Called every animation frame at `now` (ms): takes the Steps that Play owes by now at the
    /// chosen speed (at most one per frame) and returns how many it took.
    pub fn tick(&mut self, now: f64) -> u32 {
        if !self.playing || !now.is_finite() || self.view == "train" {
            return 0;
        }
        let interval = 1000.0 / SPEEDS[self.speed.min(SPEEDS.len() - 1)];
        let due = match self.last_tick {
            None => true,
            // 4 ms of slack for frame jitter, so at 60 per second no 60 Hz frame is skipped.
            Some(last) => now - last >= interval - 4.0,
        };
        if due {
            self.last_tick = Some(now);
            self.lab.step();
            1
        } else {
            0
        }
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reproduces_the_same_numbers() {
        let mut page = Page::new();
        page.lab.step();
        page.lab.set_training(false);
        page.lab.step();
        page.lab.select_feature(5).unwrap();
        page.lab.set_gamma_beta(2.0, -1.0).unwrap();
        page.lang = Lang::ZhHant;
        let again = Page::from_query(&page.query());
        assert_eq!(again.lab.trace(), page.lab.trace());
        assert_eq!(again.lab.layer(), page.lab.layer());
        assert_eq!(again.lang, Lang::ZhHant);
        assert!(again.notice.is_none());
    }

    #[test]
    fn a_broken_link_says_what_it_could_not_read() {
        let page = Page::from_query("n=abc&lesson=nope_0&do=s3");
        assert_eq!(page.lab.steps(), 3);
        let notice = page.notice.unwrap();
        assert!(notice.contains("n=abc") && notice.contains("lesson=nope_0"), "{notice}");
    }

    #[test]
    fn every_lesson_stage_opens_and_is_in_the_link() {
        let mut page = Page::new();
        for lesson in lessons::LESSONS {
            for stage in 0..lesson.stages.len() {
                page.open_lesson(lesson.id, stage).unwrap();
                assert!(page.lesson_html().contains(lesson.stages[stage].question.en));
                let again = Page::from_query(&page.query());
                assert_eq!(again.lesson, page.lesson);
                assert_eq!(again.lab.trace(), page.lab.trace(), "{} {stage}", lesson.id);
            }
        }
    }

    #[test]
    fn play_steps_at_the_chosen_speed() {
        let mut page = Page::new();
        page.speed = 0; // 2 per second
        page.set_playing(true);
        let steps: u32 = (0..60).map(|frame| page.tick(frame as f64 * 1000.0 / 60.0)).sum();
        assert_eq!(steps, 2, "one second at 2 steps per second");
        page.speed = SPEEDS.len() - 1;
        let steps: u32 = (60..120).map(|frame| page.tick(frame as f64 * 1000.0 / 60.0)).sum();
        assert_eq!(steps, 60, "every frame at the top speed");
    }
}
