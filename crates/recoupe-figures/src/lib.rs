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
pub fn find_figures(text: &str, sentences: &[Sentence], quotes: &[Quote]) -> Vec<Figure> {
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
            .filter(|q| q.sentence == s.index)
            .filter_map(|q| q.speaker.as_ref()?.name.clone())
            .last();
        if let Some(name) = named_in_quotes {
            current = Some(Claimant { name, entity: None });
        }
        last_named = current;
    }
    let _ = text;
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
