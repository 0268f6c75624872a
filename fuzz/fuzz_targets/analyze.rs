//! The analyser on arbitrary text (as plain input and with line blocks): no panic, and every
//! finding is a valid span of the text, so an article built from it passes `Case::problems`.
#![no_main]

use factdesk::analysis::{self, Input, Lexicons};
use factdesk::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lex = Lexicons::builtin();
    let blocks = import::line_blocks(text);
    for input in [Input::plain(text), Input { text, blocks: &blocks }] {
        let f = analysis::analyze(input, lex);
        let spans = f
            .quotes
            .iter()
            .chain(&f.reported)
            .map(|q| q.span)
            .chain(f.assertions.iter().map(|a| a.span))
            .chain(f.boilerplate.iter().copied());
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside {}", text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for q in f.quotes.iter().chain(&f.reported) {
            if let Some(s) = q.attribution.speaker {
                assert!((s.0 as usize) < f.speakers.len());
            }
        }
    }
});
