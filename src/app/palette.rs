//! Colours for speakers and categories, read from `assets/palette.ron`.

use std::collections::BTreeMap;

use eframe::egui::Color32;
use serde::Deserialize;

use crate::model::Category;

#[derive(Deserialize)]
#[serde(rename = "Palette")]
struct PaletteFile {
    speakers_light: Vec<String>,
    speakers_dark: Vec<String>,
    quote_alpha_light: f32,
    quote_alpha_dark: f32,
    categories_light: BTreeMap<String, String>,
    categories_dark: BTreeMap<String, String>,
}

#[derive(Clone, Debug)]
pub struct Palette {
    speakers: [Vec<Color32>; 2],
    quote_alpha: [f32; 2],
    categories: [BTreeMap<Category, Color32>; 2],
}

fn hex(s: &str) -> Color32 {
    Color32::from_hex(s).unwrap_or(Color32::GRAY)
}

impl Palette {
    pub fn builtin() -> Self {
        Self::parse(include_str!("../../assets/palette.ron")).expect("assets/palette.ron is valid")
    }

    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        let f: PaletteFile = ron::from_str(text)?;
        let cats = |m: &BTreeMap<String, String>| {
            m.iter()
                .filter_map(|(k, v)| Category::parse(k).map(|c| (c, hex(v))))
                .collect::<BTreeMap<_, _>>()
        };
        let speakers = |v: &[String]| {
            let v: Vec<Color32> = v.iter().map(|s| hex(s)).collect();
            if v.is_empty() { vec![Color32::GRAY] } else { v }
        };
        Ok(Self {
            speakers: [speakers(&f.speakers_light), speakers(&f.speakers_dark)],
            quote_alpha: [f.quote_alpha_light, f.quote_alpha_dark],
            categories: [cats(&f.categories_light), cats(&f.categories_dark)],
        })
    }

    /// The solid colour of speaker number `index` (legend swatches).
    pub fn speaker(&self, index: usize, dark: bool) -> Color32 {
        let set = &self.speakers[dark as usize];
        set[index % set.len()]
    }

    /// The translucent tint drawn behind quotations of a speaker shown in `colour`.
    pub fn quote_tint(&self, colour: Color32, dark: bool) -> Color32 {
        colour.gamma_multiply(self.quote_alpha[dark as usize])
    }

    pub fn category(&self, c: Category, dark: bool) -> Color32 {
        self.categories[dark as usize]
            .get(&c)
            .copied()
            .unwrap_or(Color32::GRAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_palette_has_every_category_and_distinct_speakers() {
        let p = Palette::builtin();
        for dark in [false, true] {
            for c in Category::ALL {
                assert_ne!(p.category(c, dark), Color32::GRAY, "{c:?}");
            }
            assert_ne!(p.speaker(0, dark), p.speaker(1, dark));
            assert_eq!(p.speaker(0, dark), p.speaker(8, dark));
        }
    }
}
