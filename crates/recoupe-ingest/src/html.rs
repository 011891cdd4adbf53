//! HTML pages: main text and metadata, by the `trafilatura` crate (a port of
//! go-trafilatura).
//!
//! Measured on the French boilerplate set against `dom_smoothie` (Readability), the
//! trafilatura extractor with `FavorPrecision` and its own readability/baseline fallback
//! kept as much of the article text and dropped more page furniture, and it finds dates,
//! authors and site names in meta tags and JSON-LD. Its plain-text output runs paragraphs
//! together, so the body is taken from its cleaned HTML and laid out by `dom_query`'s
//! `formatted_text` (one paragraph per line, a blank line between paragraphs).
//!
//! The extractor can lose the article: on some layouts it keeps a lede, a caption or a
//! rail of other stories' teasers and drops the body. So the page is also read by a
//! paragraph-density pass (module `article`), which finds the largest article-like block,
//! and its JSON-LD `articleBody`, if any, is read too. When the extractor's text misses
//! most of the sentences of one of these (and is shorter than it, or is other text
//! that stands in its place, and is not more about the page's title than it), that
//! text is the main text. On a page with a list of teasers, the teasers' lines are cut
//! from the extractor's text. Reader-comment threads are taken out of the page before
//! anything reads it.
//!
//! After extraction, only light tidying of metadata: a site-name suffix is cut from the
//! title ("Titre - Le Journal"), byline words from the author ("Par …", from
//! `data/fr/byline_prefixes.txt`). This module does not judge lines of the body; that
//! is the cleaning stage's job.

mod article;

use recoupe_model::Article;
use std::sync::LazyLock;

static BYLINE_PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = include_str!("../../../data/fr/byline_prefixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect();
    // Longest first, so that "un texte de" is tried before "texte".
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
});

/// Extract the main text and metadata of a decoded page. `Err` is the reason when
/// nothing usable could be found.
pub fn extract(html: &str) -> Result<Article, String> {
    let opts = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    let (doc, html) = prepared(html);
    let (body, meta) = match trafilatura::extract(&html, &opts) {
        Ok(r) => (paragraphs_of(&r.content_html), Some(r.metadata)),
        Err(_) => (String::new(), None),
    };
    // What the page is about: its title, without the site's name.
    let title = meta
        .as_ref()
        .and_then(|m| {
            non_blank(&m.title)
                .map(|t| title_without_site(&t, non_blank(first_of_list(&m.sitename)).as_deref()))
        })
        .or_else(|| non_blank(&doc.select("title").text()))
        .unwrap_or_default();
    let published_body = published_article_body(&doc);
    let body = match article::article_block(&doc) {
        // The text the page declares as its article (JSON-LD `articleBody`) first.
        _ if published_body
            .as_ref()
            .is_some_and(|b| loses_article(&body, b, &html, &title)) =>
        {
            published_body.map(|b| b.text()).unwrap_or_default()
        }
        Some(block) if loses_article(&body, &block, &html, &title) => {
            with_lede(&body, &block, &doc.select("body").formatted_text())
        }
        Some(block) if !block.teasers.is_empty() => without_teasers(&body, &block.teasers),
        // Too little for the extractor: the visible text of the page, if any.
        _ if body.trim().is_empty() => trafilatura::html2txt(&html).trim().to_string(),
        _ => body,
    };
    if body.trim().is_empty() {
        return Err("no main text found in the HTML page".to_string());
    }
    let mut article = Article {
        body,
        from_html: true,
        ..Default::default()
    };
    if let Some(m) = meta {
        let outlet = non_blank(first_of_list(&m.sitename));
        article.title =
            non_blank(m.title.as_str()).map(|t| title_without_site(&t, outlet.as_deref()));
        article.author = non_blank(&m.author).and_then(|a| author_without_byline(&a));
        article.published = m.date.map(|d| d.format("%Y-%m-%d").to_string());
        article.url = non_blank(&m.url);
        article.outlet = outlet;
    }
    Ok(article)
}

/// Inline elements that hold no text, as they are removed before extraction.
const INLINE_TAGS: &str = "a, abbr, b, em, font, i, mark, small, span, strong, sub, sup, u";

/// The page as extraction reads it, parsed and as text: without empty inline elements
/// and without reader-comment threads.
///
/// trafilatura 0.6 drops the text that follows an empty inline element up to the next
/// tag ("de <strong></strong>par un élu du <em>Journal</em>" loses "par un élu du"), so
/// they are taken out first; one holding blank space becomes a space. Comment threads
/// (see [`article::comment_threads`]) are taken out so that neither extractor keeps
/// them as article. A page with neither is passed on unchanged.
fn prepared(html: &str) -> (dom_query::Document, std::borrow::Cow<'_, str>) {
    static EMPTY_INLINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)<(?:a|abbr|b|em|font|i|mark|small|span|strong|sub|sup|u)(?:\s[^>]*)?>\s*</",
        )
        .expect("valid regex")
    });
    let doc = dom_query::Document::from(html);
    let mut changed = false;
    if EMPTY_INLINE.is_match(html) {
        for node in doc.select(INLINE_TAGS).nodes() {
            if node.first_element_child().is_some() {
                continue;
            }
            let text = node.text();
            if text.is_empty() {
                node.remove_from_parent();
                changed = true;
            } else if text.trim().is_empty() {
                node.replace_with_html(" ");
                changed = true;
            }
        }
    }
    for id in article::comment_threads(&doc) {
        if let Some(node) = doc.tree.get(&id) {
            node.remove_from_parent();
            changed = true;
        }
    }
    let text = if changed {
        doc.html().to_string().into()
    } else {
        html.into()
    };
    (doc, text)
}

/// The article text a page declares in its JSON-LD (`"articleBody"`), the longest if
/// there are several, as a block of paragraphs.
fn published_article_body(doc: &dom_query::Document) -> Option<article::ArticleBlock> {
    fn find<'a>(v: &'a serde_json::Value, depth: usize, out: &mut Vec<&'a str>) {
        if depth > 32 {
            return;
        }
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    match x {
                        serde_json::Value::String(s) if k.eq_ignore_ascii_case("articleBody") => {
                            out.push(s)
                        }
                        _ => find(x, depth + 1, out),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for x in items {
                    find(x, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let mut best: Option<String> = None;
    for script in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(script.text().trim()) else {
            continue;
        };
        let mut found = Vec::new();
        find(&v, 0, &mut found);
        for s in found {
            if best.as_ref().is_none_or(|b| s.len() > b.len()) {
                best = Some(s.to_string());
            }
        }
    }
    let text = best?;
    // Some pages put HTML in it, others plain text with entities.
    let text = if text.contains("</p>") || text.contains("<br") {
        paragraphs_of(&text)
    } else {
        dom_query::Document::from(text.replace('\n', "<br>").as_str())
            .select("body")
            .formatted_text()
            .to_string()
    };
    let paragraphs: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    (chars > 0).then(|| article::ArticleBlock {
        prose: paragraphs.clone(),
        paragraphs,
        prose_chars: chars,
        run_chars: chars,
        teasers: Vec::new(),
    })
}

/// The sentences of a paragraph: cut after `.`, `!`, `?` or `…` and a space.
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…')
            && chars.peek().is_some_and(|(_, n)| n.is_whitespace())
        {
            let end = i + c.len_utf8();
            out.push(&paragraph[start..end]);
            start = end;
        }
    }
    out.push(&paragraph[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Words of a text, lower case, separated by single spaces.
fn loose_words(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The block's text, preceded by the lines of the extractor's text that it lacks and
/// that come before it on the page (a lede set apart from the body), three at most.
fn with_lede(body: &str, block: &article::ArticleBlock, page_text: &str) -> String {
    let text = block.text();
    let page = loose_words(page_text);
    let Some(block_at) = block
        .prose
        .first()
        .and_then(|p| page.find(loose_words(p).as_str()))
    else {
        return text;
    };
    let in_block = loose_words(&text);
    let teasers: std::collections::HashSet<String> =
        block.teasers.iter().map(|t| loose_words(t)).collect();
    let mut lede: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|p| {
            let l = loose_words(p);
            l.split(' ').count() >= 10
                && !in_block.contains(l.as_str())
                && !teasers.contains(&l)
                && page.find(l.as_str()).is_some_and(|at| at < block_at)
        })
        .collect();
    if lede.is_empty() {
        return text;
    }
    let skip = lede.len().saturating_sub(3);
    lede.drain(..skip);
    format!("{}\n\n{text}", lede.join("\n\n"))
}

/// The extractor's text without the lines that are other stories' teasers.
fn without_teasers(body: &str, teasers: &[String]) -> String {
    let teasers: std::collections::HashSet<String> =
        teasers.iter().map(|t| loose_words(t)).collect();
    let mut out = String::with_capacity(body.len());
    for para in body.split("\n\n") {
        let kept: Vec<&str> = para
            .lines()
            .filter(|l| !teasers.contains(&loose_words(l)))
            .collect();
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&kept.join("\n"));
    }
    if out.is_empty() {
        return body.to_string();
    }
    out
}

/// Words of a title that say what it is about: four letters or more, common words
/// aside.
fn title_words(title: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "pour", "dans", "avec", "sans", "sous", "sont", "plus", "mais", "leur", "leurs", "cette",
        "elle", "elles", "nous", "vous", "être", "avoir", "tout", "tous", "toute", "comme",
        "après", "avant", "entre", "chez", "depuis", "selon", "contre", "quand", "alors", "aussi",
        "encore", "très", "fait", "font", "était", "sera",
    ];
    let mut words: Vec<String> = loose_words(title)
        .split(' ')
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(w))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// How many of the title words a text holds.
fn shared(words: &[String], text: &str) -> usize {
    let text: std::collections::HashSet<String> =
        loose_words(text).split(' ').map(str::to_string).collect();
    words.iter().filter(|w| text.contains(*w)).count()
}

/// A paywall notice: what the page shows is all there is to read.
static PAYWALL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)réservée? aux abonnés|il vous reste \d+\s?% de l.article|pour lire la suite|la suite est réservée|article abonné|contenu réservé|déjà abonné",
    )
    .expect("valid regex")
});

/// The extractor's text lost the page's article, as found in `block` (the largest
/// article-like block, or the declared `articleBody`): it is shorter than the block
/// and lacks half of its sentences, or it is longer but lacks nearly all of a block
/// that reads as an article (other text stands in its place). Never when the block
/// shares less than half as many of the title's words as the text does (a notice, a
/// biography), nor, on a paywalled page, when the block does not hold most of what
/// the extractor kept (other articles' summaries never stand in for a short teaser).
fn loses_article(body: &str, block: &article::ArticleBlock, html: &str, title: &str) -> bool {
    /// Below this many characters of prose a block is no article to rescue.
    const MIN_ARTICLE: usize = 250;
    let letters = |s: &str| s.chars().filter(|c| *c != ' ').count();
    // Compared sentence by sentence: a paragraph kept with a word changed, or a text
    // without paragraph breaks, is still mostly found.
    let prose: Vec<String> = block
        .prose
        .iter()
        .flat_map(|p| sentences(p))
        .map(loose_words)
        .filter(|s| !s.is_empty())
        .collect();
    let block_chars: usize = prose.iter().map(|p| letters(p)).sum();
    if block_chars < MIN_ARTICLE {
        return false;
    }
    let kept = loose_words(body);
    let body_chars = letters(&kept);
    // Whole words only: spaces around both.
    let padded = format!(" {kept} ");
    let missing: usize = prose
        .iter()
        .filter(|p| !padded.contains(&format!(" {p} ")))
        .map(|p| letters(p))
        .sum();
    // Shorter than the block and without half of it; or longer, without nearly all
    // of a block that reads as an article (paragraphs in a run), so other text (a
    // list of teasers) stands in its place.
    let lost = if body_chars < block_chars {
        missing * 2 >= block_chars
    } else {
        body_chars < 3 * block_chars
            && missing * 4 >= block_chars * 3
            && block.run_chars * 10 >= block.prose_chars * 6
            && block.prose.len() >= 3
    };
    if !lost {
        return false;
    }
    // A block about something else than the page's title (a cookie notice, a
    // biography) never replaces a text that is about it.
    let words = title_words(title);
    if words.len() >= 3 && 2 * shared(&words, &block.text()) < shared(&words, body) {
        return false;
    }
    if body_chars > 0 && PAYWALL.is_match(html) {
        let in_block = loose_words(&block.text());
        let held: usize = body
            .lines()
            .map(loose_words)
            .filter(|l| !l.is_empty() && in_block.contains(l.as_str()))
            .map(|l| letters(&l))
            .sum();
        return held * 2 >= body_chars;
    }
    true
}

/// The text of extracted HTML, one paragraph per line and a blank line between them.
fn paragraphs_of(content_html: &str) -> String {
    let doc = dom_query::Document::from(content_html);
    let text = doc.formatted_text().to_string();
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

fn non_blank(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Site names found twice come joined with `;`.
fn first_of_list(s: &str) -> &str {
    s.split(';').next().unwrap_or(s)
}

/// Title and site name compared loosely: case, apostrophes and a domain ending aside.
fn loose(s: &str) -> String {
    let lower = s.to_lowercase().replace('\u{2019}', "'");
    let trimmed = [
        ".com", ".fr", ".net", ".org", ".info", ".tn", ".be", ".ch", ".ca",
    ]
    .iter()
    .find_map(|tld| lower.strip_suffix(tld))
    .unwrap_or(&lower);
    trimmed.trim().to_string()
}

const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " • "];

/// Cut the site name, and what follows it, from the end of a title:
/// "Le pont rouvre - La Gazette" and "Le pont rouvre | LG | 12.05.2011" (site "LG.com")
/// give "Le pont rouvre". A title that is only the site name is kept.
fn title_without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(loose).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    // The whole site name as a suffix (it may contain separators itself).
    for sep in TITLE_SEPARATORS {
        let lower = title.to_lowercase().replace('\u{2019}', "'");
        if let Some(head_len) = lower
            .strip_suffix(&site)
            .and_then(|h| h.strip_suffix(sep))
            .map(str::len)
        {
            if let Some(head) = title.get(..head_len).filter(|h| !h.trim().is_empty()) {
                return head.trim().to_string();
            }
        }
    }
    // A later segment that is the site name.
    let mut cut: Option<usize> = None;
    for sep in TITLE_SEPARATORS {
        let mut from = 0;
        while let Some(pos) = title
            .get(from..)
            .and_then(|rest| rest.find(sep))
            .map(|p| p + from)
        {
            let seg_start = pos + sep.len();
            let seg_end = TITLE_SEPARATORS
                .iter()
                .filter_map(|s| title.get(seg_start..).and_then(|rest| rest.find(s)))
                .min()
                .map_or(title.len(), |e| seg_start + e);
            if pos > 0
                && title
                    .get(seg_start..seg_end)
                    .is_some_and(|seg| loose(seg) == site)
            {
                cut = Some(cut.map_or(pos, |c| c.min(pos)));
            }
            from = seg_start;
        }
    }
    match cut.and_then(|c| title.get(..c)) {
        Some(head) if !head.trim().is_empty() => head.trim().to_string(),
        _ => title.to_string(),
    }
}

/// Drop byline words from the front of an author name; `None` if nothing is left.
fn author_without_byline(author: &str) -> Option<String> {
    let mut rest = author.trim();
    loop {
        let lower = rest.to_lowercase();
        let stripped = BYLINE_PREFIXES.iter().find_map(|w| {
            let after = lower.strip_prefix(w.as_str())?;
            // A whole word only, followed by blank space or a colon.
            let next = after.chars().next();
            (next.is_none() || next.is_some_and(|c| c.is_whitespace() || c == ':'))
                .then(|| rest.len() - after.len())
        });
        match stripped.and_then(|n| rest.get(n..)) {
            Some(after) => {
                rest = after
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ':')
                    .trim()
            }
            None => break,
        }
    }
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    (!rest.is_empty()).then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "Le conseil municipal a adopté lundi soir le budget de la commune, après trois heures de débats parfois vifs entre la majorité et l'opposition.";

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body><header><nav><ul><li><a href=\"/\">Accueil</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header><main><article>{body}</article></main><footer><p>Tous droits réservés. Mentions légales.</p></footer></body></html>")
    }

    #[test]
    fn article_paragraphs_and_metadata() {
        let head = r#"<title>Budget voté - La Gazette du Val</title><meta property="og:site_name" content="La Gazette du Val"><meta name="author" content="Par Jeanne Martin"><meta property="article:published_time" content="2023-03-14T18:30:00+01:00">"#;
        let body = format!("<h1>Budget voté</h1><p>{PARA}</p><p>L'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée et a annoncé un recours devant le tribunal administratif.</p><p>{PARA}</p>");
        let a = extract(&page(head, &body)).unwrap();
        assert!(a.from_html);
        assert!(a.body.contains("\n\nL'opposition a dénoncé"), "{}", a.body);
        assert!(!a.body.contains("Mentions légales"), "{}", a.body);
        assert!(!a.body.contains("Accueil"), "{}", a.body);
        assert_eq!(a.title.as_deref(), Some("Budget voté"));
        assert_eq!(a.outlet.as_deref(), Some("La Gazette du Val"));
        assert_eq!(a.author.as_deref(), Some("Jeanne Martin"));
        assert_eq!(a.published.as_deref(), Some("2023-03-14"));
    }

    #[test]
    fn text_after_empty_inline_elements_is_kept() {
        let body = format!(
            "<p>{PARA}</p><p>Qualifiée de <strong>« cheville ouvrière »</strong><strong></strong>par un adjoint dans un portrait du <em>Courrier</em> ce lundi, elle a pris la parole.</p><p>Elle a rappelé <a name=\"n1\"></a>le coût du projet et <em> </em>les délais.</p>"
        );
        let a = extract(&page("<title>Séance</title>", &body)).unwrap();
        assert!(
            a.body.contains(
                "« cheville ouvrière »par un adjoint dans un portrait du Courrier ce lundi"
            ),
            "{}",
            a.body
        );
        assert!(
            a.body
                .contains("Elle a rappelé le coût du projet et les délais."),
            "{}",
            a.body
        );
    }

    #[test]
    fn malformed_page_still_gives_text() {
        let html = format!(
            "<html><body><div><p>{PARA}<p>Une seconde phrase sans balise fermante<div><b>gras"
        );
        let a = extract(&html).unwrap();
        assert!(a.body.contains("Le conseil municipal"), "{}", a.body);
    }

    #[test]
    fn page_without_text_is_a_problem() {
        assert_eq!(
            extract("<html><head><script>var x = 1;</script></head><body></body></html>")
                .unwrap_err(),
            "no main text found in the HTML page"
        );
        assert!(extract("<<<>>>").is_err() || extract("<<<>>>").is_ok());
    }

    fn block(paragraphs: &[&str]) -> article::ArticleBlock {
        article::ArticleBlock {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            prose: paragraphs.iter().map(|p| p.to_string()).collect(),
            prose_chars: paragraphs.iter().map(|p| p.len()).sum(),
            run_chars: paragraphs.iter().map(|p| p.len()).sum(),
            teasers: Vec::new(),
        }
    }

    #[test]
    fn fallback_only_when_the_article_is_lost() {
        let paras = [
            "Le conseil municipal a adopté lundi soir le budget de la commune après trois heures de débats parfois vifs.",
            "L'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée et a annoncé un recours.",
            "Le maire a répondu que les taux n'avaient pas bougé depuis six ans et que la hausse venait de l'État.",
            "Le vote final a eu lieu peu avant minuit, à main levée, en présence d'une cinquantaine d'habitants.",
        ];
        let b = block(&paras);
        // All of it, or its longer half: kept.
        assert!(!loses_article(&paras.join("\n\n"), &b, "", ""));
        assert!(!loses_article(&paras[1..].join("\n\n"), &b, "", ""));
        // One paragraph of four, or nothing: lost.
        assert!(loses_article(paras[0], &b, "", ""));
        assert!(loses_article("", &b, "", ""));
        // Longer other text in place of the whole article: lost.
        let other =
            "Un tout autre texte sur la piscine municipale et ses horaires d'été. ".repeat(12);
        assert!(loses_article(&other, &b, "", ""));
        // A block too small to be an article is never a reason.
        assert!(!loses_article("", &block(&[PARA]), "", ""));
    }

    #[test]
    fn block_about_something_else_never_replaces_the_text() {
        let notice = [
            "Nous utilisons des cookies et des technologies similaires pour mesurer l'audience de ce site et vous proposer des contenus adaptés.",
            "Vous pouvez accepter ou refuser ces traceurs, et modifier vos choix à tout moment depuis la page consacrée à la vie privée.",
            "Certains partenaires traitent vos données sur la base de leur intérêt légitime, auquel vous pouvez vous opposer en paramétrant vos choix.",
        ];
        let b = block(&notice);
        let body = "Le conseil municipal a voté le budget de la commune lundi soir.";
        let title = "Budget de la commune : le conseil municipal vote une hausse";
        assert!(!loses_article(body, &b, "", title));
        assert!(loses_article(body, &b, "", ""));
    }

    #[test]
    fn paywalled_teaser_is_not_replaced_by_other_text() {
        let b = block(&[PARA, PARA, PARA, PARA]);
        let teaser =
            "Un chapeau d'article réservé aux abonnés, sur un tout autre sujet que le bloc.";
        let page = "<p>Cet article est réservé aux abonnés.</p>";
        assert!(!loses_article(teaser, &b, page, ""));
        assert!(loses_article(
            teaser,
            &b,
            "<p>Article en accès libre.</p>",
            ""
        ));
    }

    #[test]
    fn sentences_are_cut_after_their_stop() {
        assert_eq!(
            sentences("Il pleut. Le match a lieu à 14 h 30… ou pas ? Oui! fin"),
            [
                "Il pleut.",
                " Le match a lieu à 14 h 30…",
                " ou pas ?",
                " Oui!",
                " fin"
            ]
        );
        assert_eq!(sentences("3.5 millions"), ["3.5 millions"]);
        assert!(sentences("").is_empty());
    }

    #[test]
    fn published_article_body_is_read_from_json_ld() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","articleBody":"Premier paragraphe &amp; suite.\nSecond paragraphe."}]}</script><script type="application/ld+json">{ mal formé</script></head><body></body></html>"#;
        let b = published_article_body(&dom_query::Document::from(html)).unwrap();
        assert_eq!(
            b.paragraphs,
            ["Premier paragraphe & suite.", "Second paragraphe."]
        );
        let html = r#"<script type="application/ld+json">{"articleBody":"<p>Un.</p><p>Deux.</p>"}</script>"#;
        let b = published_article_body(&dom_query::Document::from(html)).unwrap();
        assert_eq!(b.paragraphs, ["Un.", "Deux."]);
        assert!(published_article_body(&dom_query::Document::from("<p>rien</p>")).is_none());
    }

    #[test]
    fn lede_before_the_block_is_kept_with_it() {
        let lede = "Le budget de la commune a été voté lundi soir après trois heures de débats parfois vifs.";
        let b = block(&[
            PARA,
            "L'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée.",
        ]);
        let page = format!(
            "Accueil\n{lede}\nPublicité\n{}\n{}",
            b.paragraphs[0], b.paragraphs[1]
        );
        let body = format!("{lede}\n\nUn autre sujet bien plus loin dans la page, avec assez de mots pour compter.");
        assert_eq!(
            with_lede(&body, &b, &page),
            format!("{lede}\n\n{}", b.text())
        );
        // Nothing before the block: the block alone.
        assert_eq!(with_lede("", &b, &page), b.text());
    }

    #[test]
    fn teaser_lines_are_cut() {
        let body = format!("{PARA}\n\nLa piscine fermera cet été.\nAutre sujet\n\n{PARA}");
        let cut = without_teasers(
            &body,
            &["La piscine fermera cet été.".into(), "Autre sujet".into()],
        );
        assert_eq!(cut, format!("{PARA}\n\n{PARA}"));
        assert_eq!(
            without_teasers("Autre sujet", &["Autre sujet".into()]),
            "Autre sujet"
        );
    }

    #[test]
    fn site_suffix_is_cut_from_titles() {
        assert_eq!(
            title_without_site("Le pont rouvre - La Gazette", Some("La Gazette")),
            "Le pont rouvre"
        );
        assert_eq!(
            title_without_site("Le pont rouvre | LG | 12.05.2011", Some("LG.com")),
            "Le pont rouvre"
        );
        assert_eq!(
            title_without_site(
                "Le pont rouvre - Ville - Infos du Val",
                Some("Ville - Infos du Val")
            ),
            "Le pont rouvre"
        );
        assert_eq!(
            title_without_site("La Gazette", Some("La Gazette")),
            "La Gazette"
        );
        assert_eq!(
            title_without_site("Paris - Lyon : le TGV en retard", Some("Rail Info")),
            "Paris - Lyon : le TGV en retard"
        );
        assert_eq!(title_without_site("Le pont rouvre", None), "Le pont rouvre");
    }

    #[test]
    fn byline_words_are_cut_from_authors() {
        assert_eq!(
            author_without_byline("Par Jeanne Martin").as_deref(),
            Some("Jeanne Martin")
        );
        assert_eq!(
            author_without_byline("Auteur : Paul Durand").as_deref(),
            Some("Paul Durand")
        );
        assert_eq!(author_without_byline("Auteurs"), None);
        assert_eq!(
            author_without_byline("Pardieu Jean").as_deref(),
            Some("Pardieu Jean")
        );
        assert_eq!(
            author_without_byline("Denise Dupont").as_deref(),
            Some("Denise Dupont")
        );
    }
}
