//! Who said what: French quote finding and speaker resolution.
//!
//! [`find_quotes`] fills a document's quotes: direct quotations (« », “ ”, " ", ‹ ›),
//! indirect speech (speech and claim verbs with que-clauses, infinitives and noun
//! complements; "selon X", "d'après X") and mixed quotes (indirect speech with quoted
//! words), each with its speaker resolved to the fullest name the document gives, and
//! the relay ("a rapporté Reuters") apart as `via`.
//!
//! The pipeline: [`marks`] pairs quotation marks, [`tokens`] cuts words, [`frames`]
//! holds the grammar of speech frames, [`resolver::SpeakerResolver`] resolves
//! mentions; the words they use are data under `data/fr/` ([`lexicon`]). Scare quotes
//! and titles with no speech frame are left out. Nothing here reads other documents.

pub mod frames;
pub mod interview;
pub mod lexicon;
pub mod marks;
pub mod phrase;
pub mod resolver;
pub mod tokens;

pub use resolver::{Referent, ReferentKind, SpeakerResolver};

use recoupe_model::{Quote, QuoteKind, Relay, Sentence, Speaker};
use std::collections::HashMap;
use tokens::MarkRole;

/// Find the quotes of one document, with their speakers resolved inside the document.
///
/// Each quote is attached to the sentence where its text starts; quotes may run over
/// several sentences. Works whatever the segmentation (offsets are byte offsets into
/// `text`, as in `sentences`).
pub fn find_quotes(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let spans = marks::find_quote_spans(text);
    let mut roles = HashMap::new();
    for (k, s) in spans.iter().enumerate() {
        roles.insert(s.open, MarkRole::Open(k));
        if s.close_mark {
            roles.insert(s.close, MarkRole::Close(k));
        }
    }
    let toks = tokens::tokenize_with_marks(text, &roles);
    let mut grammar = frames::DocumentGrammar::new(text, &toks, &spans);
    let mut found: Vec<frames::Found> = Vec::new();
    let mut previous_direct = None;
    for (us, ue) in grammar.units() {
        let f = grammar.unit_quotes(us, ue, previous_direct.take());
        previous_direct = f
            .iter()
            .rev()
            .find(|q| q.kind == QuoteKind::Direct && q.speaker.is_some())
            .and_then(|q| q.speaker.clone());
        found.extend(f);
        if let Some(sp) = grammar.take_colon_intro() {
            if let Some(q) = grammar.paragraph_quote(ue, sp) {
                if sp_named(&q) {
                    previous_direct = q.speaker.clone();
                }
                found.push(q);
            }
        }
    }
    let answers = interview::interview_quotes(text, &mut grammar.resolver, &found);
    found.extend(answers);
    let titles = intertitle_quotes(text, &spans, &found);
    found.extend(titles);
    keep_best(&mut found);
    found.sort_by_key(|f| f.start);
    found
        .into_iter()
        .map(|f| {
            let speaker = f.speaker.map(|(r, mention)| Speaker {
                mention: if mention.is_empty() {
                    r.name.clone().unwrap_or_default()
                } else {
                    mention
                },
                name: r.name,
                entity: None,
            });
            Quote {
                text: f.text,
                kind: f.kind,
                sentence: sentence_of(sentences, f.start),
                speaker,
                via: f.via.map(|name| Relay { name }),
                span: Some((f.start, f.end)),
            }
        })
        .collect()
}

/// Lowercase words of three letters or more.
fn content_words(s: &str) -> std::collections::HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// An intertitle that is a quotation ("- « Jamais vu ça » -") quotes words said further
/// on: it is a direct quote by the speaker of the first later quote that holds most of
/// its words.
fn intertitle_quotes(
    text: &str,
    spans: &[marks::QuoteSpan],
    found: &[frames::Found],
) -> Vec<frames::Found> {
    let dashes: &[char] = &['-', '–', '—'];
    let mut out = Vec::new();
    for s in spans.iter().filter(|s| s.close_mark) {
        let before = text.get(..s.open).unwrap_or("");
        let before = before.trim_end_matches([' ', '\u{a0}']);
        let mark_len = text
            .get(s.close..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let after = text.get(s.close + mark_len..).unwrap_or("");
        let after = after.trim_start_matches([' ', '\u{a0}']);
        if !before.ends_with(dashes) || !after.starts_with(dashes) {
            continue;
        }
        let (a, b) = s.inner;
        if found.iter().any(|f| f.start < b && a < f.end) {
            continue;
        }
        let Some(inner) = text.get(a..b) else {
            continue;
        };
        let words = content_words(inner);
        if words.is_empty() {
            continue;
        }
        let later = found.iter().filter(|f| f.start > s.close).find(|f| {
            let w = content_words(&f.text);
            words.intersection(&w).count() * 5 >= words.len() * 3
        });
        if let Some(f) = later {
            let trimmed = inner.trim();
            let start = a + (inner.len() - inner.trim_start().len());
            out.push(frames::Found {
                start,
                end: start + trimmed.len(),
                text: trimmed.to_string(),
                kind: QuoteKind::Direct,
                speaker: f.speaker.clone(),
                via: None,
                priority: 1,
            });
        }
    }
    out
}

fn sp_named(q: &frames::Found) -> bool {
    q.speaker.as_ref().is_some_and(|s| s.0.name.is_some())
}

/// Drop quotes that overlap a better one (found by a stronger frame, or earlier).
fn keep_best(found: &mut Vec<frames::Found>) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(found[i].priority), i));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let a = &found[i];
        let clash = kept.iter().any(|&j| {
            let b = &found[j];
            let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
            let shorter = (a.end - a.start).min(b.end - b.start).max(1);
            overlap * 2 > shorter
        });
        if !clash {
            kept.push(i);
        }
    }
    kept.sort_unstable();
    let mut k = 0;
    let mut idx = 0;
    found.retain(|_| {
        let keep = kept.get(k) == Some(&idx);
        if keep {
            k += 1;
        }
        idx += 1;
        keep
    });
}

/// Index of the sentence holding byte offset `at` (the last one starting before it).
fn sentence_of(sentences: &[Sentence], at: usize) -> usize {
    let p = sentences.partition_point(|s| s.start <= at);
    sentences.get(p.saturating_sub(1)).map_or(0, |s| s.index)
}

#[cfg(test)]
mod tests {
    //! One made-up sentence per construction; the negative cases at the end.
    use super::*;

    fn one_line(text: &str) -> Vec<Sentence> {
        vec![Sentence {
            index: 0,
            text: text.to_string(),
            start: 0,
            end: text.len(),
        }]
    }

    fn quotes(text: &str) -> Vec<Quote> {
        find_quotes(text, &one_line(text))
    }

    /// (text, kind, speaker name) of each quote.
    fn summary(text: &str) -> Vec<(String, QuoteKind, Option<String>)> {
        quotes(text)
            .into_iter()
            .map(|q| (q.text, q.kind, q.speaker.and_then(|s| s.name)))
            .collect()
    }

    fn has(text: &str, words: &str, kind: QuoteKind, speaker: &str) {
        let got = summary(text);
        assert!(
            got.iter()
                .any(|(t, k, s)| t.contains(words) && *k == kind && s.as_deref() == Some(speaker)),
            "want «{words}» {kind:?} by {speaker} in {got:?}"
        );
    }

    #[test]
    fn direct_with_inverted_verb() {
        has(
            "« Nous ne céderons rien sur les salaires », a déclaré jeudi Martine Lebrun.",
            "Nous ne céderons rien",
            QuoteKind::Direct,
            "Martine Lebrun",
        );
        has(
            "“La digue tiendra encore deux jours”, estime l'ingénieur Paul Sorel.",
            "La digue tiendra",
            QuoteKind::Direct,
            "Paul Sorel",
        );
        has("\"Le pont restera fermé jusqu'à lundi\", a indiqué la préfecture de la Drôme dans un communiqué.", "Le pont restera fermé", QuoteKind::Direct, "préfecture de la Drôme");
        has(
            "‹ Rien ne presse ›, a répondu le maire.",
            "Rien ne presse",
            QuoteKind::Direct,
            "maire",
        );
    }

    #[test]
    fn a_sentence_adverb_before_the_subject_is_not_the_speaker() {
        has(
            "Justement, la préfecture affirme que les routes resteront ouvertes.",
            "les routes resteront ouvertes",
            QuoteKind::Indirect,
            "préfecture",
        );
        has(
            "Malheureusement, l'association estime que rien n'a changé depuis l'été.",
            "rien n'a changé",
            QuoteKind::Indirect,
            "association",
        );
        // a name before a comma and a role is still an apposition
        has(
            "Dupont, le maire, affirme que le pont rouvrira.",
            "le pont rouvrira",
            QuoteKind::Indirect,
            "Dupont",
        );
    }

    #[test]
    fn direct_with_inverted_clitic_resolves_the_pronoun() {
        let t = "La porte-parole du syndicat, Agnès Morel, a dénoncé un « mépris ». « Nous irons jusqu'au bout », a-t-elle ajouté. « Rien n'est joué », dit-elle encore.";
        has(
            t,
            "Nous irons jusqu'au bout",
            QuoteKind::Direct,
            "Agnès Morel",
        );
        has(t, "Rien n'est joué", QuoteKind::Direct, "Agnès Morel");
    }

    #[test]
    fn direct_with_preposed_frame_and_colon() {
        has(
            "Le capitaine Hervé Dunand a déclaré : « Le navire sera remorqué demain matin. »",
            "Le navire sera remorqué",
            QuoteKind::Direct,
            "Hervé Dunand",
        );
        let t = "Le ministre letton de la Culture, Ivars Kalns, a salué l'accord. Et d'ajouter : « C'est un grand jour pour nos musées. »";
        has(t, "C'est un grand jour", QuoteKind::Direct, "Ivars Kalns");
    }

    #[test]
    fn direct_quote_interrupted_by_its_frame() {
        let t = "« Le barrage est solide, a assuré l'ingénieur Marc Vidal. Il a résisté à pire. »";
        has(t, "Le barrage est solide", QuoteKind::Direct, "Marc Vidal");
        has(t, "Il a résisté à pire", QuoteKind::Direct, "Marc Vidal");
    }

    #[test]
    fn quote_over_two_paragraphs() {
        let t = "« Les récoltes sont perdues.\n« Il faudra trois ans pour replanter », a expliqué l'agronome Lucie Barre.";
        let q = quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.contains("Les récoltes") && q[0].text.contains("replanter"));
    }

    #[test]
    fn indirect_que_clause_and_infinitive() {
        has(
            "Le gouverneur Tomás Ruiz a affirmé que les secours arriveraient avant la nuit.",
            "les secours arriveraient",
            QuoteKind::Indirect,
            "Tomás Ruiz",
        );
        has(
            "La compagnie Aérolia a affirmé mardi avoir retrouvé les bagages égarés.",
            "avoir retrouvé les bagages",
            QuoteKind::Indirect,
            "compagnie Aérolia",
        );
        has(
            "Le maire de Sète estime que la plage rouvrira bientôt.",
            "la plage rouvrira",
            QuoteKind::Indirect,
            "maire de Sète",
        );
    }

    #[test]
    fn indirect_object_frames() {
        has(
            "Le syndicat a accusé la direction d'avoir menti sur les comptes.",
            "la direction d'avoir menti",
            QuoteKind::Indirect,
            "syndicat",
        );
        has(
            "L'ONG Terre Libre a appelé les autorités à rouvrir la frontière.",
            "les autorités à rouvrir",
            QuoteKind::Indirect,
            "ONG Terre Libre",
        );
        has(
            "Le gouvernement norvégien a exhorté les deux camps à reprendre le dialogue.",
            "les deux camps à reprendre",
            QuoteKind::Indirect,
            "gouvernement norvégien",
        );
        has(
            "Le président du club a réclamé une enquête indépendante.",
            "une enquête indépendante",
            QuoteKind::Indirect,
            "président du club",
        );
    }

    #[test]
    fn indirect_inverted_clause_carries_figures() {
        let t = "Au moins 12 mineurs ont été blessés, a annoncé mercredi le ministre bolivien des Mines Rafael Quispe.";
        has(
            t,
            "Au moins 12 mineurs ont été blessés",
            QuoteKind::Indirect,
            "Rafael Quispe",
        );
    }

    #[test]
    fn selon_and_d_apres() {
        has(
            "Selon la gendarmerie de Savoie, trois randonneurs ont été hélitreuillés.",
            "trois randonneurs",
            QuoteKind::Indirect,
            "gendarmerie de Savoie",
        );
        has(
            "Quelque 800 personnes ont défilé à Brest, d'après les organisateurs.",
            "800 personnes ont défilé",
            QuoteKind::Indirect,
            "organisateurs",
        );
        has(
            "Le séisme a fait 14 morts, selon un bilan communiqué par le ministre Ahmed Tazi.",
            "Le séisme a fait 14 morts",
            QuoteKind::Indirect,
            "Ahmed Tazi",
        );
    }

    #[test]
    fn mixed_quote_keeps_the_subject_outside_the_marks() {
        has("Le médiateur Jonas Berg a souligné que les parties avaient une « chance réelle de s'entendre ».", "chance réelle", QuoteKind::Mixed, "Jonas Berg");
        has("L'astronome Claire Dufay a « confirmé la présence d'eau sur la comète » lors du colloque.", "confirmé la présence d'eau", QuoteKind::Mixed, "Claire Dufay");
        let t = "Le club a dénoncé un « arbitrage scandaleux », a indiqué son avocat.";
        assert!(summary(t)
            .iter()
            .any(|(x, k, _)| x.contains("arbitrage scandaleux") && *k != QuoteKind::Indirect));
    }

    #[test]
    fn verbs_of_retort_concession_and_complaint() {
        has(
            "« Nous n'avons rien caché », a rétorqué le maire de Vierzon, Hugo Lenoir.",
            "Nous n'avons rien caché",
            QuoteKind::Direct,
            "Hugo Lenoir",
        );
        has(
            "« Le chantier a pris du retard », concède l'architecte Nadia Ferrand.",
            "Le chantier a pris du retard",
            QuoteKind::Direct,
            "Nadia Ferrand",
        );
        has(
            "« On attend depuis trois jours », se plaint Karim Dali, chauffeur routier.",
            "On attend depuis trois jours",
            QuoteKind::Direct,
            "Karim Dali",
        );
        has(
            "L'avocate Sophie Marin prétend que son client était absent ce soir-là.",
            "son client était absent",
            QuoteKind::Indirect,
            "Sophie Marin",
        );
        has(
            "Le médiateur Paul Arnaud a suggéré de reporter le scrutin.",
            "reporter le scrutin",
            QuoteKind::Indirect,
            "Paul Arnaud",
        );
    }

    #[test]
    fn plaider_pour_takes_its_complement() {
        has(
            "La ministre Claire Vidal a plaidé pour un cessez-le-feu immédiat.",
            "un cessez-le-feu immédiat",
            QuoteKind::Indirect,
            "Claire Vidal",
        );
    }

    #[test]
    fn a_verb_form_after_an_adjective_is_a_noun() {
        let t = "Les experts considèrent ce séisme comme une probable réplique du test de mars.";
        assert!(
            summary(t).iter().all(|(x, _, _)| x.contains("réplique")),
            "{:?}",
            summary(t)
        );
    }

    #[test]
    fn a_colon_frame_closing_its_paragraph_reports_the_next_one() {
        let t = "Nour Salem était sur la place.\nElle ajoute :\nLes téléphones ne passent plus depuis midi. Tout est coupé.\nLa police est arrivée le soir.";
        has(
            t,
            "Les téléphones ne passent plus",
            QuoteKind::Direct,
            "Nour Salem",
        );
        assert!(summary(t).iter().all(|(x, _, _)| !x.contains("police")));
        let t = "Le maire Luc Perrin a déclaré :\n« Nous reconstruirons l'école. »";
        has(t, "Nous reconstruirons", QuoteKind::Direct, "Luc Perrin");
    }

    #[test]
    fn any_noun_phrase_after_a_quotation_and_its_verb_is_the_speaker() {
        has(
            "« Je n'ai rien vu venir », avoue le jeune homme.",
            "Je n'ai rien vu venir",
            QuoteKind::Direct,
            "jeune homme",
        );
        has(
            "« Tout était prêt », a d'abord expliqué la comédienne.",
            "Tout était prêt",
            QuoteKind::Direct,
            "comédienne",
        );
    }

    #[test]
    fn participles_and_infinitive_complements() {
        has(
            "Le libraire Marc Olier a fermé sa boutique, expliquant avoir reçu des menaces.",
            "avoir reçu des menaces",
            QuoteKind::Indirect,
            "Marc Olier",
        );
        has(
            "La maire de Lure, Anne Dorval, a fait part de sa colère contre la fermeture de la gare.",
            "sa colère contre la fermeture",
            QuoteKind::Indirect,
            "Anne Dorval",
        );
    }

    #[test]
    fn a_participle_right_after_a_noun_phrase_is_that_phrase_speaking() {
        has(
            "Le journal local a publié un reportage, qui citait plusieurs commerçants du port affirmant que la digue avait cédé la nuit.",
            "la digue avait cédé la nuit",
            QuoteKind::Indirect,
            "commerçants du port",
        );
        // With a comma, the participle is the main clause's subject speaking.
        has(
            "Le libraire Marc Olier a fermé sa boutique, affirmant que les loyers avaient doublé.",
            "les loyers avaient doublé",
            QuoteKind::Indirect,
            "Marc Olier",
        );
    }

    #[test]
    fn a_phrase_between_the_inverted_verb_and_its_subject() {
        has(
            "« Le pont est fermé », précise auprès du quotidien local le porte-parole de la mairie, Anne Roy.",
            "Le pont est fermé",
            QuoteKind::Direct,
            "Anne Roy",
        );
        has(
            "« La grève continuera », a estimé sur Radio Nord le secrétaire du syndicat.",
            "La grève continuera",
            QuoteKind::Direct,
            "secrétaire du syndicat",
        );
    }

    #[test]
    fn a_quotation_alone_continues_an_unnamed_speaker() {
        let t = "« Tout va bien », a-t-elle précisé. « Elle avait très faim. »";
        assert!(
            summary(t).iter().any(|(x, _, _)| x.contains("très faim")),
            "{:?}",
            summary(t)
        );
    }

    #[test]
    fn manner_adverbs_and_trailing_phrases_in_inverted_frames() {
        has(
            "« Nous n'avons plus rien », constate tristement la mère de Léo, Julie Caron.",
            "Nous n'avons plus rien",
            QuoteKind::Direct,
            "Julie Caron",
        );
        has(
            "« Les digues tiendront », souligne Marc Tessier dans les colonnes du journal local.",
            "Les digues tiendront",
            QuoteKind::Direct,
            "Marc Tessier",
        );
    }

    #[test]
    fn answering_a_call_is_no_speech() {
        let t = "Le maire de Brive, Alain Roche, a ouvert la séance. Ses partisans ont massivement répondu à son appel. Il a félicité les bénévoles pour leur « courage exemplaire ».";
        let got = summary(t);
        assert!(
            got.iter()
                .all(|(_, _, s)| s.as_deref() != Some("partisans")),
            "{got:?}"
        );
    }

    #[test]
    fn a_noun_phrase_with_quoted_words_after_a_verb_of_content() {
        has(
            "Le préfet Yves Marchal a promis l'envoi de renforts « dès que la route sera rouverte ».",
            "dès que la route sera rouverte",
            QuoteKind::Mixed,
            "Yves Marchal",
        );
        let t = "Leur conflit menace la sécurité de toute la « région ».";
        assert!(quotes(t).is_empty(), "{:?}", summary(t));
    }

    #[test]
    fn impersonal_passive_frames() {
        let t =
            "La mairie a réuni les parents. Il leur a été répondu que l'école rouvrirait lundi.";
        assert!(summary(t)
            .iter()
            .any(|(x, k, _)| x.contains("l'école rouvrirait") && *k == QuoteKind::Indirect));
        let t = "Il est précisé dans le rapport que la digue a cédé.";
        assert!(summary(t)
            .iter()
            .any(|(x, _, _)| x.contains("la digue a cédé")));
        for t in [
            "Il a été nommé directeur en mars.",
            "Il n'est pas dit que la digue a cédé.",
            "S'il était observé que la digue cède, la ville serait évacuée.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", summary(t));
        }
    }

    #[test]
    fn a_quoted_intertitle_goes_to_the_speaker_it_quotes() {
        let t = "La crue a tout emporté.\n- « Jamais vu ça » -\n« Jamais vu ça en quarante ans », a déclaré le maire Paul Gardel.";
        let got = summary(t);
        assert!(
            got.iter()
                .any(|(x, _, s)| x == "Jamais vu ça" && s.as_deref() == Some("Paul Gardel")),
            "{got:?}"
        );
    }

    #[test]
    fn speech_infinitives_after_a() {
        has(
            "La grève a amené des milliers d'infirmiers à dénoncer un « mépris » en défilant.",
            "mépris",
            QuoteKind::Mixed,
            "milliers d'infirmiers",
        );
        has(
            "La ministre Hélène Caze a tenu à préciser que la réforme serait maintenue.",
            "la réforme serait maintenue",
            QuoteKind::Indirect,
            "Hélène Caze",
        );
        let t = "Le préfet Jean Baudin juge que la crue est passée, mais certains hydrologues n'hésitent plus à dire que la digue va céder.";
        has(t, "la crue est passée", QuoteKind::Indirect, "Jean Baudin");
        assert!(
            summary(t)
                .iter()
                .all(|(x, _, _)| !(x.contains("crue") && x.contains("hydrologues"))),
            "{:?}",
            summary(t)
        );
    }

    #[test]
    fn more_inverted_verbs_and_silent_frames() {
        has(
            "« On s'est trompé, mea culpa », aurait lâché un conseiller du ministre Luc Aubry.",
            "On s'est trompé",
            QuoteKind::Direct,
            "conseiller du ministre Luc Aubry",
        );
        has(
            "« Le tabac ne se partage pas », justifie la ministre Anne Dufour.",
            "Le tabac ne se partage pas",
            QuoteKind::Direct,
            "Anne Dufour",
        );
        has(
            "Le docteur Paul Mercier a précisé qu'il continuait à travailler chaque jour.",
            "il continuait à travailler",
            QuoteKind::Indirect,
            "Paul Mercier",
        );
    }

    #[test]
    fn se_dire_with_an_attribute() {
        has(
            "Le président Omar Haddad s'est dit prêt à négocier un accord de paix.",
            "prêt à négocier un accord",
            QuoteKind::Indirect,
            "Omar Haddad",
        );
        has(
            "La maire Sophie Lenoir se dit favorable à un report du scrutin.",
            "favorable à un report",
            QuoteKind::Indirect,
            "Sophie Lenoir",
        );
        let t = "Un incendie s'est déclaré lundi dans l'entrepôt de la société Tolmar.";
        assert!(quotes(t).is_empty(), "{:?}", summary(t));
    }

    #[test]
    fn inverted_on_frames_name_their_source() {
        has(
            "Le maire de Corte a démissionné, a-t-on appris lundi auprès de la préfecture de Haute-Corse.",
            "Le maire de Corte a démissionné",
            QuoteKind::Indirect,
            "préfecture de Haute-Corse",
        );
        let t = "« Il est entre bonnes mains », a-t-on précisé.";
        assert!(summary(t)
            .iter()
            .any(|(x, _, _)| x == "Il est entre bonnes mains"));
    }

    #[test]
    fn a_sentence_wrapped_over_lines_stays_one_unit() {
        let mut t = String::new();
        for _ in 0..3 {
            t.push_str("Les riverains de la digue ont passé\nla nuit dans le gymnase de la\nville, où ils attendent.\n");
        }
        t.push_str("Le général Omar Salem, chef de\nl'armée, a prévenu que la poursuite\ndu conflit pourrait conduire à un\neffondrement de l'Etat.\n");
        has(
            &t,
            "conduire à un\neffondrement",
            QuoteKind::Indirect,
            "Omar Salem",
        );
    }

    #[test]
    fn function_words_and_dates_are_no_speakers() {
        let t = "Le maire Hugo Berthier a visité le chantier. Mais « les travaux ont pris du retard », a-t-il reconnu.";
        has(
            t,
            "les travaux ont pris du retard",
            QuoteKind::Direct,
            "Hugo Berthier",
        );
        let t = "Le 28 septembre à Lyon, les parents de Léa ont demandé au suspect de parler.";
        assert!(
            summary(t)
                .iter()
                .all(|(_, _, s)| s.as_deref().is_none_or(|s| !s.contains("28"))),
            "{:?}",
            summary(t)
        );
        let t = "« Nous ne céderons pas », a-t-il affirmé, selon des propos rapportés par l'agence Belga.";
        assert!(
            summary(t).iter().all(|(x, _, _)| !x.contains("rapportés")),
            "{:?}",
            summary(t)
        );
    }

    #[test]
    fn a_quotation_alone_after_a_sentence_about_someone() {
        let t = "Mais Julie Moreau tient la boulangerie depuis vingt ans. « Je n'ai jamais vu une crise pareille. »";
        has(t, "Je n'ai jamais vu", QuoteKind::Direct, "Julie Moreau");
        let t = "Julie Moreau tient la boulangerie depuis vingt ans. « Je n'ai jamais vu une crise pareille », a rendu hommage son voisin.";
        assert!(
            summary(t)
                .iter()
                .all(|(_, _, s)| s.as_deref() != Some("Julie Moreau")),
            "{:?}",
            summary(t)
        );
    }

    #[test]
    fn pour_x_with_quoted_words() {
        has(
            "Pour le maire Henri Vasseur, la fermeture du pont est « une catastrophe pour les commerces ».",
            "une catastrophe pour les commerces",
            QuoteKind::Mixed,
            "Henri Vasseur",
        );
        for t in [
            "Pour la première fois, la ville a fermé ses écoles.",
            "Pour Léa Morin, l'année commence mal.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", summary(t));
        }
    }

    #[test]
    fn colon_after_a_phrase_and_quotes_after_a_frame_sentence() {
        has(
            "La chanteuse Lina Roy a réagi avec beaucoup d'émotion : « Merci à tous pour vos messages ».",
            "Merci à tous",
            QuoteKind::Direct,
            "Lina Roy",
        );
        let t = "Le pilote Marc Hervé a confié son admiration pour l'équipe. « Ils ont fait un travail incroyable cette saison. »";
        has(
            t,
            "Ils ont fait un travail",
            QuoteKind::Direct,
            "Marc Hervé",
        );
        has(
            "« Elle est très drôle » explique un de ses proches.",
            "Elle est très drôle",
            QuoteKind::Direct,
            "de ses proches",
        );
        let t = "La société présente aujourd'hui son dernier modèle : la Vega 2.";
        assert!(quotes(t).is_empty(), "{:?}", summary(t));
    }

    #[test]
    fn an_apposed_proper_name_wins_over_a_common_head() {
        has(
            "Le principal parti d'opposition, al-Wasat, a affirmé que le scrutin était truqué.",
            "le scrutin était truqué",
            QuoteKind::Indirect,
            "al-Wasat",
        );
    }

    #[test]
    fn roles_and_titles_resolve_to_the_named_person() {
        let t = "Le porte-parole de la mairie, Julien Faure, a parlé aux habitants. Plus tard, « tout sera réparé », a promis le porte-parole de la mairie. « Merci », a lancé M. Faure.";
        has(t, "tout sera réparé", QuoteKind::Direct, "Julien Faure");
        let t = "La Première ministre Inga Solberg est arrivée lundi. « Nous tiendrons », a dit Mme Solberg.";
        has(t, "Nous tiendrons", QuoteKind::Direct, "Inga Solberg");
    }

    #[test]
    fn bare_organisation_heads_and_documents() {
        let t = "Le ministère estonien de l'Intérieur a publié un bilan. « Deux postes ont été touchés », a précisé le ministère.";
        has(
            t,
            "Deux postes ont été touchés",
            QuoteKind::Direct,
            "ministère estonien de l'Intérieur",
        );
        let t = "Il a précisé dans un communiqué que les vols reprendraient.";
        assert!(summary(t)
            .iter()
            .any(|(x, k, _)| x.contains("les vols reprendraient") && *k == QuoteKind::Indirect));
    }

    #[test]
    fn relays_go_to_via() {
        let t =
            "Le préfet Denis Carel a déclaré que la route était coupée, a rapporté l'agence Belga.";
        let q = quotes(t);
        let q = q
            .iter()
            .find(|q| q.text.contains("la route était coupée"))
            .expect("quote");
        assert_eq!(
            q.speaker.as_ref().and_then(|s| s.name.as_deref()),
            Some("Denis Carel")
        );
        assert_eq!(q.via.as_ref().map(|v| v.name.as_str()), Some("Belga"));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotes() {
        for t in [
            "Les deux dirigeants ont eu une discussion « franche et constructive » à Oslo.",
            "Il lit chaque matin « Le Monde » dans le train.",
            "Son roman « La Nuit des lucioles » sort en mars.",
            "La « région » reste fragile.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", summary(t));
        }
    }

    #[test]
    fn selon_without_a_speaker_is_not_a_quote() {
        for t in [
            "Les prix varient selon les endroits et les saisons.",
            "Le traitement change selon les cas.",
            "Il faut agir selon que la crue monte ou non.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", summary(t));
        }
    }

    #[test]
    fn non_speech_uses_of_speech_verbs_are_not_quotes() {
        for t in [
            "La région, avec l'appui de ses voisins, a déclaré son indépendance en 1991.",
            "Le nouveau stade s'appelle Arena Nord.",
            "La demande de visas a doublé cette année.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", summary(t));
        }
    }

    #[test]
    fn quotes_attach_to_the_sentence_where_they_start() {
        let text = "Premier fait.\n« Tout va bien », a dit le maire.\nFin.";
        let sentences = vec![
            Sentence {
                index: 0,
                text: "Premier fait.".into(),
                start: 0,
                end: 13,
            },
            Sentence {
                index: 1,
                text: "« Tout va bien », a dit le maire.".into(),
                start: 14,
                end: 48,
            },
            Sentence {
                index: 2,
                text: "Fin.".into(),
                start: 49,
                end: 53,
            },
        ];
        let q = find_quotes(text, &sentences);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].sentence, 1);
        assert_eq!(
            q[0].speaker.as_ref().map(|s| s.mention.as_str()),
            Some("le maire")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "[ «»\"“”‹›a-zA-Zéèà,.:;'’\\-\n]{0,200}") {
            let _ = find_quotes(&s, &one_line(&s));
        }

        #[test]
        fn spans_are_char_boundaries(s in "\\PC{0,120}") {
            for q in find_quotes(&s, &[]) {
                if let Some((a, b)) = q.span {
                    proptest::prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b) && a <= b);
                }
            }
        }
    }
}
