//! The page's downloads: a file is the page's state at the click, written into text a frame's
//! share at a time ([`crate::page::Page::tick`]) and then handed to the page to save (the
//! frame's `download`). Written in one task, `bn_output.csv` of 2 Mi values held the page for
//! 1.3–3 s.
//!
//! What a file holds is taken at the click: a CSV's values are copied then (8 MB at 2 Mi values,
//! a few milliseconds), so a Step, a slider or a view changed while it is written changes the
//! page, not the file: the file is what the student saw when they asked for it.

use std::fmt::Write;

use crate::core::{BatchShape, BnError};
use crate::export;
use crate::page::Page;
use crate::refusal::Refusal;

/// Values written between looks at the clock: ~3 ms in Chromium's wasm (2 Mi values took
/// 1.3 s written at once), so a frame's budget is overrun by at most that.
pub const CHUNK_VALUES: usize = 4096;

/// A file written whole: what the page saves.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// A file being written.
pub struct Writing {
    pub name: String,
    mime: &'static str,
    body: Body,
}

enum Body {
    /// A small file, written at the click.
    Whole(String),
    /// A batch-sized CSV, written a chunk at a time.
    Csv(CsvWriter),
}

/// [`export::batch_csv`]'s text of a copy of the values, written a chunk of values at a time
/// (a row of 1 Mi values at N = 2 is itself too long for one task).
pub struct CsvWriter {
    values: Vec<f32>,
    row_len: usize,
    written: usize,
    text: String,
}

impl CsvWriter {
    /// The rows `export::batch_csv(values, shape)` writes: at most N rows of C·L values.
    pub fn new(values: &[f32], shape: &BatchShape) -> CsvWriter {
        let row_len = (shape.c * shape.l).max(1);
        let values = values[..values.len().min(shape.n.saturating_mul(row_len))].to_vec();
        // 12 bytes a value (a sign, "0." and nine digits, a comma) hold most batches whole: the
        // text outgrowing its room is copied in one piece (at 2 Mi values, 22 MB at 10 a value).
        CsvWriter { text: String::with_capacity(values.len() * 12), values, row_len, written: 0 }
    }

    /// Writes up to `count` more values: each as `{v}` prints it, then a comma, or a line's end
    /// after the row's last (and after the very last); true when every value is written.
    pub fn write(&mut self, count: usize) -> bool {
        let end = self.written.saturating_add(count).min(self.values.len());
        for i in self.written..end {
            let _ = write!(self.text, "{}", self.values[i]);
            let row_ends = (i + 1) % self.row_len == 0 || i + 1 == self.values.len();
            self.text.push(if row_ends { '\n' } else { ',' });
        }
        self.written = end;
        self.written == self.values.len()
    }

    /// How much is written (0…1).
    pub fn progress(&self) -> f64 {
        self.written as f64 / self.values.len().max(1) as f64
    }
}

impl Writing {
    /// The file `name` of the page as it is now, or the refusal that says why there is none.
    pub fn start(page: &Page, name: &str) -> Result<Writing, Refusal> {
        let lab = &page.lab;
        // A refused step has no output; its batch and layer export, to reproduce the refusal.
        let trace = || lab.trace().ok_or(Refusal::NoOutput { training: lab.settings().training });
        let csv = |values: &[f32], shape: &BatchShape| Body::Csv(CsvWriter::new(values, shape));
        let (mime, body) = match name {
            export::STATE_FILE => ("application/json", Body::Whole(export::state_dict_json(lab.layer()))),
            export::INPUT_FILE => ("text/csv", csv(lab.batch(), &export::input_shape(lab))),
            export::OUTPUT_FILE => ("text/csv", csv(&trace()?.output, &trace()?.shape)),
            "bn_grad_output.csv" | "bn_grad_input.csv" | "bn_grads.json" if crate::FULL => {
                let view = page.backward_view()?;
                match name {
                    "bn_grad_output.csv" => ("text/csv", csv(&view.grad_output, &view.shape)),
                    "bn_grad_input.csv" => ("text/csv", csv(&view.lab_gradients(lab)?.grad_input, &view.shape)),
                    _ => {
                        let gradients = view.lab_gradients(lab)?;
                        let json = export::grads_json(&gradients)
                            .ok_or(BnError::Missing { what: "γ and β (affine=False)" })?;
                        ("application/json", Body::Whole(json))
                    }
                }
            }
            export::MODEL_FOLDED_FILE if crate::FULL => {
                let trainer = page.train.trainer.as_ref().ok_or(Refusal::NoTrainedModel)?;
                // The page has refused a model that cannot be folded, saying why.
                let folded = crate::core::fold::fold_net(trainer.model(0), false)
                    .map_err(|_| BnError::Missing { what: "running statistics to fold" })?;
                ("application/json", Body::Whole(export::folded_model_json(&folded)))
            }
            export::MODEL_A_FILE | export::MODEL_B_FILE if crate::FULL => {
                let trainer = page.train.trainer.as_ref().ok_or(Refusal::NoTrainedModel)?;
                let which = usize::from(name == export::MODEL_B_FILE);
                ("application/json", Body::Whole(export::net_json(trainer.model(which))))
            }
            _ => return Err(Refusal::UnknownAction { name: name.chars().take(40).collect() }),
        };
        Ok(Writing { name: name.to_string(), mime, body })
    }

    /// Writes a chunk at a time while `go_on()` says so; true when the file is whole.
    pub fn write(&mut self, go_on: &mut dyn FnMut() -> bool) -> bool {
        let Body::Csv(csv) = &mut self.body else { return true };
        loop {
            if csv.write(CHUNK_VALUES) {
                return true;
            }
            if !go_on() {
                return false;
            }
        }
    }

    /// How much is written (0…1).
    pub fn progress(&self) -> f64 {
        match &self.body {
            Body::Whole(_) => 1.0,
            Body::Csv(csv) => csv.progress(),
        }
    }

    /// The file, the rest of it written now.
    pub fn finish(mut self) -> File {
        self.write(&mut || true);
        let text = match self.body {
            Body::Whole(text) => text,
            Body::Csv(csv) => csv.text,
        };
        File { name: self.name, mime: self.mime, text }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunked writer's text, `chunk` values at a time, its progress short of 1 until then.
    fn in_chunks(values: &[f32], shape: &BatchShape, chunk: usize) -> String {
        let mut csv = CsvWriter::new(values, shape);
        while !csv.write(chunk) {
            assert!(csv.progress() < 1.0);
        }
        assert_eq!(csv.progress(), 1.0);
        csv.text
    }

    /// The shapes the page makes, (N, C) and (N, C, L), and chunks that end mid-row, on a row's
    /// end and past the batch: byte for byte the text written at once.
    #[test]
    fn chunks_write_the_same_bytes_as_the_whole_file() {
        let values: Vec<f32> = (0..600).map(|i| (i as f32 * 0.37 - 50.0) / 3.0).collect();
        for shape in
            [BatchShape::nc(32, 4), BatchShape::nc(2, 300), BatchShape::ncl(5, 3, 40), BatchShape::ncl(4, 1, 1)]
        {
            let whole = export::batch_csv(&values[..shape.n * shape.c * shape.l], &shape);
            for chunk in [1, 7, shape.c * shape.l, 4096] {
                assert_eq!(
                    in_chunks(&values[..shape.n * shape.c * shape.l], &shape, chunk),
                    whole,
                    "{shape:?} {chunk}"
                );
            }
        }
    }

    /// Against the whole writer on random batches (native only: proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod any_batch {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any values (NaN, ±∞, subnormals), any shape, more or fewer values than it holds, any
            /// chunk: the same bytes as `export::batch_csv`.
            #[test]
            fn any_batch_in_any_chunks_is_the_whole_text(
                values in prop::collection::vec(any::<f32>(), 0..200),
                n in 0usize..12,
                c in 1usize..9,
                l in 1usize..4,
                with_length: bool,
                chunk in 1usize..50,
            ) {
                let shape = if with_length { BatchShape::ncl(n, c, l) } else { BatchShape::nc(n, c) };
                let mut csv = CsvWriter::new(&values, &shape);
                while !csv.write(chunk) {}
                prop_assert_eq!(csv.text, export::batch_csv(&values, &shape));
            }
        }
    }
}
