//! Figures: casualty and victim counts in French news, each with its value, qualifier,
//! category, party and claimant.
//!
//! "Au moins 105 militaires arméniens ont été tués, a annoncé le Premier ministre" gives
//! `105 killed at_least Armenia`, claimed by the Prime Minister. Counts in digits or words
//! ("6 500", "1.440", "vingt-trois", "1,5 million"), vague counts kept as vague with their
//! order of magnitude ("des centaines" → 100), qualifiers ("au moins", "plus de", "près
//! de", "jusqu'à"), categories killed / wounded / missing / arrested / displaced / other.
//!
//! What it does not do: numbers that are not counts of people (money, ages, dates, years,
//! percentages, labels, crowds without a casualty word) are left out; a lone "un soldat"
//! is left out unless qualified ("au moins un soldat"); figures are never merged, averaged
//! or compared here (that is the linking stage's work).
//!
//! The words live in `data/fr/` (numbers, qualifiers, casualty terms, counted nouns,
//! number context, demonyms, claim words); the modules hold the grammar:
//! [`tokens`] splits, [`numbers`] reads counts, [`reader`] reads figures in a sentence,
//! [`claimant`] says who gives them.

mod claimant;
mod lexicon;
mod numbers;
mod reader;
mod tokens;

use claimant::{quote_claimant, read_sources, segment_at, source_for, SourceKind};
use lexicon::{lexicon, Lexicon};
use recoupe_model::{Claimant, Figure, Quote, Sentence};
use tokens::normalize;

/// Find the figures of one document. `quotes` are the document's attributed quotes,
/// used to tell who claims each figure.
pub fn find_figures(_text: &str, sentences: &[Sentence], quotes: &[Quote]) -> Vec<Figure> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut last_named: Option<Claimant> = None;
    for s in sentences {
        let found = reader::read_sentence(&s.text, lex);
        let sources = read_sources(&s.text, lex);
        // pronoun subjects stand for the last source named before them
        let mut resolved = Vec::with_capacity(sources.len());
        let mut current = last_named.clone();
        for src in &sources {
            if src.pronoun {
                resolved.push(current.clone());
            } else {
                let c = Claimant {
                    name: src.name.clone(),
                    entity: None,
                };
                if src.kind != SourceKind::Selon {
                    current = Some(c.clone());
                }
                resolved.push(Some(c));
            }
        }
        for f in found {
            let words = s.text.get(f.count_start..f.end).unwrap_or_default();
            let doc_at = s.start + f.count_start;
            let claimed_by = quote_for(quotes, s.index, doc_at, words, lex)
                .or_else(|| {
                    let seg = segment_at(&s.text, f.count_start);
                    let src = source_for(&sources, f.count_start, seg)?;
                    let i = sources.iter().position(|x| std::ptr::eq(x, src))?;
                    resolved[i].clone()
                })
                .or_else(|| same_sentence_quote(quotes, s.index, lex));
            out.push(Figure {
                value: f.value,
                category: f.category,
                qualifier: f.qualifier,
                party: f.party,
                sentence: s.index,
                claimed_by,
                text: s.text.get(f.start..f.end).unwrap_or_default().to_string(),
            });
        }
        let named_in_quotes = quotes
            .iter()
            .rev()
            .filter(|q| q.sentence == s.index)
            .find_map(|q| q.speaker.as_ref()?.name.clone());
        if let Some(name) = named_in_quotes {
            current = Some(Claimant { name, entity: None });
        }
        last_named = current;
    }
    out
}

/// A quote that holds the figure: its span covers the count, or its words contain the
/// figure's words.
fn quote_for(
    quotes: &[Quote],
    sentence: usize,
    doc_at: usize,
    words: &str,
    lex: &Lexicon,
) -> Option<Claimant> {
    let words = normalize(words);
    let holds = |q: &Quote| match q.span {
        Some((a, b)) => a <= doc_at && doc_at < b,
        None => q.sentence <= sentence && !words.is_empty() && normalize(&q.text).contains(&words),
    };
    quotes
        .iter()
        .filter(|q| holds(q))
        .find_map(|q| quote_claimant(q, lex))
}

/// Any quote of the sentence that says nothing about where its words lie.
fn same_sentence_quote(quotes: &[Quote], sentence: usize, lex: &Lexicon) -> Option<Claimant> {
    quotes
        .iter()
        .filter(|q| q.sentence == sentence && q.span.is_none())
        .find_map(|q| quote_claimant(q, lex))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use recoupe_model::{FigureCategory, Qualifier, QuoteKind, Relay, Speaker};

    /// Sentences of `text`, one per line.
    fn sentences(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end_matches('\n');
            if !t.is_empty() {
                out.push(Sentence {
                    index: out.len(),
                    text: t.to_string(),
                    start: pos,
                    end: pos + t.len(),
                });
            }
            pos += line.len();
        }
        out
    }

    fn quote(
        text: &str,
        all: &str,
        sentence: usize,
        speaker: Option<&str>,
        via: Option<&str>,
    ) -> Quote {
        let start = all.find(text).expect("quote text in document");
        Quote {
            text: text.to_string(),
            kind: QuoteKind::Indirect,
            sentence,
            speaker: speaker.map(|s| Speaker {
                name: Some(s.to_string()),
                mention: s.to_string(),
                entity: Some("e1".into()),
            }),
            via: via.map(|v| Relay {
                name: v.to_string(),
            }),
            span: Some((start, start + text.len())),
        }
    }

    fn claimants(text: &str, quotes: &[Quote]) -> Vec<Option<String>> {
        find_figures(text, &sentences(text), quotes)
            .into_iter()
            .map(|f| f.claimed_by.map(|c| c.name))
            .collect()
    }

    #[test]
    fn a_figure_carries_all_its_fields() {
        let text = "Au moins 105 soldats kirghiz ont été tués, a annoncé mardi le président Sadyr Japarov.";
        let f = &find_figures(text, &sentences(text), &[])[0];
        assert_eq!(f.value, 105.0);
        assert_eq!(f.category, FigureCategory::Killed);
        assert_eq!(f.qualifier, Qualifier::AtLeast);
        assert_eq!(f.party.as_deref(), Some("Kyrgyzstan"));
        assert_eq!(f.sentence, 0);
        assert_eq!(
            f.claimed_by.as_ref().map(|c| c.name.as_str()),
            Some("le président Sadyr Japarov")
        );
        assert_eq!(f.text, "Au moins 105 soldats kirghiz ont été tués");
    }

    #[test]
    fn the_quote_holding_the_figure_gives_its_speaker() {
        let text = "Le ministre a parlé.\nDeux cents personnes ont été arrêtées, a-t-il dit.";
        let q = quote(
            "Deux cents personnes ont été arrêtées",
            text,
            1,
            Some("Eduard Heger"),
            None,
        );
        assert_eq!(
            claimants(text, &[q]),
            vec![Some("Eduard Heger".to_string())]
        );
    }

    #[test]
    fn a_relay_claims_when_no_speaker_is_known() {
        let text = "Trente mineurs sont portés disparus, rapporte l'agence.";
        let q = quote(
            "Trente mineurs sont portés disparus",
            text,
            0,
            None,
            Some("Reuters"),
        );
        assert_eq!(claimants(text, &[q]), vec![Some("Reuters".to_string())]);
    }

    #[test]
    fn a_quote_elsewhere_in_the_sentence_does_not_claim_the_figure() {
        let text =
            "« Nous sommes prêts », a dit la ministre, alors que 12 personnes ont été blessées.";
        let q = quote("Nous sommes prêts", text, 0, Some("Ingrida Šimonytė"), None);
        assert_eq!(claimants(text, &[q]), vec![None]);
    }

    #[test]
    fn without_quotes_the_sentence_attribution_is_read() {
        let text = "Selon la gendarmerie, 14 randonneurs sont portés disparus.\nLe préfet Jean Dubois a indiqué que les recherches continuaient.\n« Six d'entre eux ont été retrouvés morts », a-t-il ajouté.";
        let got = claimants(text, &[]);
        assert_eq!(got[0].as_deref(), Some("la gendarmerie"));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].as_deref(), Some("Le préfet Jean Dubois"));
    }

    #[test]
    fn no_figures_in_plain_text() {
        let text = "Le sommet de 2021 a réuni 27 dirigeants le 15 novembre à 17h30.";
        assert!(find_figures(text, &sentences(text), &[]).is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let s = vec![Sentence { index: 0, text: text.clone(), start: 0, end: text.len() }];
            let _ = find_figures(&text, &s, &[]);
        }

        #[test]
        fn never_panics_on_french_like_text(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("au"), Just("moins"), Just("plus"), Just("de"), Just("d'"), Just("des"), Just("dizaines"),
                    Just("une"), Just("un"), Just("vingt-trois"), Just("6 500"), Just("1.440"), Just("1,5"),
                    Just("million"), Just("morts"), Just("tués"), Just("soldats"), Just("arméniens"), Just("ont"),
                    Just("été"), Just(","), Just("."), Just("«"), Just("»"), Just("("), Just(")"), Just("selon"),
                    Just("a"), Just("annoncé"), Just("a-t-il"), Just("dit"), Just("entre"), Just("et"), Just("dont"),
                    Just("17h30"), Just("2020"), Just("côté"), Just("\u{202f}"), Just("’"),
                ],
                0..40,
            )
        ) {
            let text = words.join(" ");
            let s = vec![Sentence { index: 0, text: text.clone(), start: 0, end: text.len() }];
            let _ = find_figures(&text, &s, &[]);
        }
    }
}
