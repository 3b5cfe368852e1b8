//! The page's state against anything a link, a CSV or the page's glue can send (proptest):
//! nothing panics, a refusal changes nothing, and a link the page makes reads back to the same page.
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::command::{Arg, Command};
use batchnorm_playground::controls::CONTROLS;
use batchnorm_playground::csv::parse_batch;
use batchnorm_playground::page::Page;
use proptest::prelude::*;

/// Link-like text: keys the page knows, values of any kind, percent escapes, junk.
fn link_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("c"),
        Just("eps"),
        Just("mom"),
        Just("n"),
        Just("l"),
        Just("dist"),
        Just("seed"),
        Just("f"),
        Just("s"),
        Just("do"),
        Just("lesson"),
        Just("lang"),
        Just("view"),
        Just("cmp"),
        Just("cell"),
        Just("tsteps"),
        Just("bwd"),
        Just("zzz")
    ];
    let value = prop_oneof![
        "[0-9]{1,12}",
        "-?[0-9]{0,3}\\.[0-9]{0,4}(e-?[0-9]{1,3})?",
        "(s[0-9]{1,3}|t|e|p0\\.1|m0\\.5|mN|n[0-9]{1,2}|l[0-9]|g[0-9]_[0-9]_[0-9]|v[0-9]_[0-9]_[0-9]|zz)(,(s[0-9]{1,3}|t|e))*",
        "[0-9]{1,3}_[0-9]{1,3}_[0-9]{1,3}_[0-9]{1,3}_[0-9]{1,3}",
        "%3Cimg%20src%3Dx%3E|NaN|inf|None|train|eval|norms|zh-Hans|one|pull_0\\.5|random_3",
        ".{0,12}",
    ];
    prop::collection::vec((key, value), 0..6)
        .prop_map(|pairs| pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"))
}

/// What the glue may send: any known or unknown name, with any kind of value.
fn action() -> impl Strategy<Value = (String, Arg)> {
    let names: Vec<&'static str> = CONTROLS
        .iter()
        .map(|c| c.id)
        .chain([
            "step",
            "reset",
            "mode",
            "play",
            "affine",
            "track",
            "vary",
            "overlay",
            "momentum-none",
            "distribution",
            "pick-feature",
            "csv-use",
            "csv-generated",
            "lang-select",
            "view",
            "key",
            "help",
            "lesson-select",
            "lesson-next",
            "lesson-back",
            "lesson-reveal",
            "hover-cell",
            "t-step",
            "t-reset",
            "t-open-layer-1",
            "t-open-layer-3",
            "backward",
            "upstream",
            "zzz",
        ])
        .collect();
    let name = prop::sample::select(names).prop_map(String::from);
    let arg = prop_oneof![
        Just(Arg::None),
        any::<bool>().prop_map(Arg::Bool),
        "-?[0-9]{0,5}(\\.[0-9]{0,3})?".prop_map(Arg::Text),
        prop_oneof![Just("train"), Just("eval"), Just(" "), Just("e"), Just("ArrowRight"), Just("uniform"), Just("en")]
            .prop_map(|s| Arg::Text(s.into())),
        ".{0,20}".prop_map(Arg::Text),
        (-100.0f64..2000.0, -100.0f64..2000.0, 0.0f64..2000.0, 0.0f64..2000.0)
            .prop_map(|(x, y, width, height)| Arg::Point { x, y, width, height }),
    ];
    (name, arg)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_link_opens_without_panicking(query in link_text()) {
        let page = Page::from_query(&query);
        // And the link the page then makes reads back to the same page.
        let again = Page::from_query(&page.query());
        prop_assert_eq!(again.query(), page.query());
        prop_assert_eq!(again.lab.trace(), page.lab.trace());
    }

    #[test]
    fn any_text_as_a_link_or_csv_never_panics(text in ".{0,200}") {
        let _ = Page::from_query(&text);
        let _ = parse_batch(&text, 0);
        let _ = parse_batch(&text, 3);
    }

    #[test]
    fn any_sequence_of_actions_never_panics_and_the_link_reproduces_it(
        actions in prop::collection::vec(action(), 0..12),
    ) {
        let mut page = Page::new();
        for (name, arg) in actions {
            if name == "csv-use" || name.starts_with("t-open-layer") {
                continue; // own data and trained layers are not in a link (the link says so)
            }
            let before = page.query();
            match Command::parse(&name, arg) {
                Ok(command) => {
                    if page.apply(command).is_err() {
                        prop_assert_eq!(page.query(), before, "a refused {} changed the page", name);
                    }
                }
                Err(_) => prop_assert_eq!(page.query(), before.clone()),
            }
            page.frame_read();
            let _ = batchnorm_playground::frame::frame(&page);
        }
        let again = Page::from_query(&page.query());
        prop_assert_eq!(again.query(), page.query());
        prop_assert_eq!(again.lab.trace(), page.lab.trace());
    }
}
