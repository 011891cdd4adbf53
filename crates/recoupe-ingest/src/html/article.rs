//! The largest article-like block of a page, found by paragraph density, and the
//! reader-comment threads that must never be taken for the article.
//!
//! The page is cut into text segments: the inline text of each block element (a `<p>`,
//! a `<div>` holding text, a `<li>`…, or lines between two `<br>`), with how much of it
//! sits inside links. A segment of ten words or more with few links is prose; prose
//! next to prose (subheadings aside) is a run, and a paragraph alone after a link, in a
//! list of them, is the summary of a teaser. Each prose segment scores its nearest containers (its
//! parent fully, further ancestors less, as in Readability; a paragraph outside a run
//! counts half); the best container, discounted by its share of link text, is the
//! article, together with its siblings that are prose paragraphs or runs that score
//! well themselves, and the run it ends in is followed past it. The block's text is
//! its prose, its subheadings and short lines between paragraphs, one per paragraph;
//! image captions, teasers, hidden text, cookie notices and dialogs are left out.
//!
//! Comment threads are found before any of this and taken out of the page: containers
//! named for comments (`class="comments"`, `id="commentaires"`, `disqus_thread`) and
//! unnamed lists whose items carry the buttons of a comment ("Répondre", "Signaler").

use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "img",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "dialog",
    "label",
    "menu",
];

/// Elements that continue the text of the block around them.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// Containers never taken out as comments, whatever their names.
const NEVER_PRUNED: &[&str] = &["html", "body", "main", "head"];

/// Deeper nesting than this is not read (a hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 256;

/// A prose segment has at least this many words.
const PROSE_WORDS: usize = 10;
/// ... and at most this share of its characters inside links.
const PROSE_LINKS: f64 = 0.3;

/// One block's inline text.
#[derive(Debug)]
struct Segment {
    owner: NodeId,
    text: String,
    chars: usize,
    link_chars: usize,
    /// The owner's tag, when it is a heading (`h1`…`h6`).
    heading: Option<u8>,
}

impl Segment {
    fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }

    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    fn is_prose(&self) -> bool {
        self.heading.is_none() && self.words() >= PROSE_WORDS && self.link_density() < PROSE_LINKS
    }

    /// A short line that is a sentence of the article ("Il a refusé.").
    fn is_short_sentence(&self) -> bool {
        self.heading.is_none()
            && self.words() >= 3
            && self.link_density() < 0.2
            && self
                .text
                .trim_end()
                .ends_with(['.', '!', '?', '…', '»', '"', ')'])
    }
}

/// The article-like block of a page.
#[derive(Debug, Default)]
pub(super) struct ArticleBlock {
    /// Its paragraphs, in page order.
    pub paragraphs: Vec<String>,
    /// Its prose paragraphs alone.
    pub prose: Vec<String>,
    /// Characters of prose.
    pub prose_chars: usize,
    /// Characters of prose in runs of paragraphs (see [`in_runs`]).
    pub run_chars: usize,
    /// Elsewhere on the page, the summaries of other stories and their linked titles,
    /// when there is a list of them (three or more).
    pub teasers: Vec<String>,
}

impl ArticleBlock {
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Text being gathered for one block.
#[derive(Default)]
struct Buf {
    text: String,
    link_chars: usize,
}

impl Buf {
    fn push(&mut self, s: &str, in_link: bool) {
        for (i, word) in s.split_whitespace().enumerate() {
            let glued = i == 0 && !s.starts_with(char::is_whitespace);
            if !self.text.is_empty() && !self.text.ends_with('\n') && !glued {
                self.text.push(' ');
            }
            self.text.push_str(word);
            if in_link {
                self.link_chars += word.chars().count();
            }
        }
        if s.ends_with(char::is_whitespace)
            && !self.text.is_empty()
            && !self.text.ends_with([' ', '\n'])
        {
            self.text.push(' ');
        }
    }

    fn newline(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn flush(&mut self, owner: &NodeRef, out: &mut Vec<Segment>) {
        let text: String = self
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !text.is_empty() {
            let heading = tag_of(owner).and_then(|t| match t.as_str() {
                "h1" => Some(1),
                "h2" => Some(2),
                "h3" => Some(3),
                "h4" => Some(4),
                "h5" => Some(5),
                "h6" => Some(6),
                _ => None,
            });
            out.push(Segment {
                owner: owner.id,
                chars: text.chars().filter(|c| !c.is_whitespace()).count(),
                link_chars: self.link_chars,
                text,
                heading,
            });
        }
        self.text.clear();
        self.link_chars = 0;
    }
}

fn tag_of(node: &NodeRef) -> Option<String> {
    node.node_name().map(|n| n.to_ascii_lowercase())
}

/// Hidden from readers by the page itself.
fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s.to_ascii_lowercase().split_whitespace().collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Cookie-consent panels, pop-ups and newsletter boxes: prose that is no article.
static OVERLAY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)cookie|consent|gdpr|rgpd|didomi|onetrust|tarteaucitron|axeptio|modal|popup|popin|newsletter")
        .expect("valid regex")
});

fn overlay(node: &NodeRef) -> bool {
    if node
        .attr("role")
        .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
        || node
            .attr("aria-modal")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    let class = node.class().map(|c| c.to_string()).unwrap_or_default();
    let id = node.id_attr().map(|c| c.to_string()).unwrap_or_default();
    OVERLAY_NAME.is_match(&class) || OVERLAY_NAME.is_match(&id)
}

/// Media elements, whose neighbouring short lines are captions.
const MEDIA: &[&str] = &["img", "picture", "figure", "video", "iframe", "svg"];

fn is_media(node: &NodeRef) -> bool {
    tag_of(node).is_some_and(|t| MEDIA.contains(&t.as_str()))
}

/// A short line set right after an image (or a block holding one): its caption.
fn caption(owner: &NodeRef) -> bool {
    let Some(prev) = owner.prev_element_sibling() else {
        return false;
    };
    is_media(&prev)
        || prev
            .descendants_it()
            .any(|d| d.is_element() && is_media(&d))
}

/// Cut the page into segments, in page order.
fn segments(doc: &Document) -> Vec<Segment> {
    let mut out = Vec::new();
    let root = doc.body().unwrap_or_else(|| doc.root());
    let mut buf = Buf::default();
    collect(&root, &root, false, 0, &mut buf, &mut out);
    buf.flush(&root, &mut out);
    out
}

fn collect(
    node: &NodeRef,
    owner: &NodeRef,
    in_link: bool,
    depth: usize,
    buf: &mut Buf,
    out: &mut Vec<Segment>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in node.children_it(false) {
        if child.is_text() {
            buf.push(&child.text(), in_link);
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let Some(name) = tag_of(&child) else { continue };
        if name == "br" {
            // A blank line between two breaks ends a paragraph.
            if buf.text.trim_end_matches(' ').ends_with('\n') {
                buf.flush(owner, out);
            } else {
                buf.newline();
            }
            continue;
        }
        if SKIPPED.contains(&name.as_str()) || hidden(&child) {
            continue;
        }
        if !INLINE.contains(&name.as_str()) && name != "body" && overlay(&child) {
            continue;
        }
        if INLINE.contains(&name.as_str()) {
            collect(&child, owner, in_link || name == "a", depth + 1, buf, out);
        } else {
            buf.flush(owner, out);
            let mut inner = Buf::default();
            collect(&child, &child, in_link, depth + 1, &mut inner, out);
            inner.flush(&child, out);
        }
    }
}

// ---------------------------------------------------------------------------
// Comment threads
// ---------------------------------------------------------------------------

/// One word of a `class` or `id` that names reader comments: `comments`,
/// `comment-list`, `commentaires`, `CommentsSection`, `disqus_thread`; not a count or
/// a switch (`has-comments`, `comments-open`, `comment-count`), nor `commentary`.
fn comment_name(token: &str) -> bool {
    let token = token.to_ascii_lowercase();
    if token.starts_with("disqus") {
        return true;
    }
    let parts: Vec<&str> = token
        .split(['-', '_', ':'])
        .filter(|p| !p.is_empty())
        .collect();
    let switch = |p: &&str| {
        matches!(
            *p,
            "has"
                | "no"
                | "with"
                | "allow"
                | "enable"
                | "enabled"
                | "open"
                | "closed"
                | "count"
                | "counter"
                | "nb"
                | "number"
                | "link"
                | "btn"
                | "button"
                | "icon"
                | "toggle"
        )
    };
    if parts.first().is_some_and(switch) || parts.last().is_some_and(switch) {
        return false;
    }
    parts.iter().any(|p| {
        (p.starts_with("comment") && !p.starts_with("commentar") && !p.starts_with("commentat"))
            || p.starts_with("commentaire")
            || matches!(*p, "reactions" | "respond" | "replies")
    })
}

fn named_for_comments(node: &NodeRef) -> bool {
    let class = node.class().map(|c| c.to_string()).unwrap_or_default();
    let id = node.id_attr().map(|c| c.to_string()).unwrap_or_default();
    class
        .split_whitespace()
        .chain(id.split_whitespace())
        .any(comment_name)
}

/// The buttons and words that come with each reader comment.
static COMMENT_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(répondre|signaler(?: un abus| ce commentaire)?|alerter|modérer|reply|report|a écrit|a répondu|en réponse à|j'aime|je n'aime pas)\b",
    )
    .expect("valid regex")
});

/// A heading that announces the comments ("12 commentaires", "Vos réactions").
static COMMENT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(\d+\s+)?(commentaires?|réactions?|vos réactions|vos commentaires|les commentaires|comments?)\b")
        .expect("valid regex")
});

/// A comment's time stamp: "14h32", "14:32", "12/03/2021", "il y a 3 heures".
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}\s?[h:]\s?\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bil y a \d+\s*(min|minutes?|h|heures?|jours?|semaines?|mois|ans?)\b")
        .expect("valid regex")
});

/// Lines of a node's text, each a block or a line break of the page.
fn lines_of(node: &NodeRef) -> Vec<String> {
    node.formatted_text()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// An item of a list that reads like a reader's comment: a short line with a comment
/// button or time stamp (when `stamps_count` says stamps count), and some text of its
/// own.
fn comment_like(item: &NodeRef, stamps_count: &mut impl FnMut() -> bool) -> bool {
    let lines = lines_of(item);
    let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    if words < 6 {
        return false;
    }
    lines.iter().any(|l| {
        l.chars().count() <= 80
            && (COMMENT_MARKER.is_match(l) || (stamps_count() && STAMP.is_match(l)))
    })
}

/// The heading just before a node, or its own first line, announces comments.
fn announced_as_comments(node: &NodeRef) -> bool {
    let before = node
        .prev_element_sibling()
        .map(|s| s.text().to_string())
        .unwrap_or_default();
    let first = node
        .first_element_child()
        .map(|c| c.text().to_string())
        .unwrap_or_default();
    [before, first]
        .iter()
        .any(|t| t.chars().count() <= 60 && COMMENT_HEADING.is_match(t.trim()))
}

/// A container of three or more items that read like reader comments, half its items
/// at least.
///
/// Items are read one by one, and reading stops as soon as the answer is known: every
/// container of the page is asked, and reading an item means laying out all its text.
fn unnamed_thread(node: &NodeRef) -> bool {
    let items = node.element_children();
    if items.len() < 3 {
        return false;
    }
    // Comment-like items needed: three, and half of them.
    let needed = items.len().div_ceil(2).max(3);
    // Whether time stamps count, asked once and only when an item needs it.
    let mut announced = None;
    let mut stamps_count = || *announced.get_or_insert_with(|| announced_as_comments(node));
    let mut like = 0;
    for (i, item) in items.iter().enumerate() {
        if comment_like(item, &mut stamps_count) {
            like += 1;
            if like >= needed {
                return true;
            }
        }
        if like + (items.len() - i - 1) < needed {
            return false;
        }
    }
    false
}

fn holds_title(node: &NodeRef) -> bool {
    node.descendants_it()
        .any(|d| d.is_element() && tag_of(&d).as_deref() == Some("h1"))
}

/// The comment threads of a page: outermost containers only.
pub(super) fn comment_threads(doc: &Document) -> Vec<NodeId> {
    let mut found = Vec::new();
    let root = doc.body().unwrap_or_else(|| doc.root());
    find_threads(&root, 0, &mut found);
    found
}

fn find_threads(node: &NodeRef, depth: usize, found: &mut Vec<NodeId>) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in node.element_children() {
        let Some(name) = tag_of(&child) else { continue };
        if SKIPPED.contains(&name.as_str()) && name != "aside" && name != "footer" {
            continue;
        }
        let container = matches!(
            name.as_str(),
            "div"
                | "section"
                | "ol"
                | "ul"
                | "dl"
                | "aside"
                | "footer"
                | "article"
                | "details"
                | "form"
        );
        if container
            && !NEVER_PRUNED.contains(&name.as_str())
            && (named_for_comments(&child) || unnamed_thread(&child))
            && !holds_title(&child)
        {
            found.push(child.id);
            continue;
        }
        find_threads(&child, depth + 1, found);
    }
}

// ---------------------------------------------------------------------------
// The article block
// ---------------------------------------------------------------------------

static POSITIVE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article|body|content|entry|main|post|text|story|chapo|corps|texte|contenu|paragraph",
    )
    .expect("valid regex")
});

static NEGATIVE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)related|sidebar|share|partage|teaser|promo|widget|aside|banner|social|newsletter|outbrain|taboola|recommend|similar|lire-aussi|a-lire|most|popular|tags|breadcrumb|pub\b|\bad\b|ads\b|sponsor|footer|menu|nav")
        .expect("valid regex")
});

fn name_weight(node: &NodeRef) -> f64 {
    let class = node.class().map(|c| c.to_string()).unwrap_or_default();
    let id = node.id_attr().map(|c| c.to_string()).unwrap_or_default();
    let names = format!("{class} {id}");
    let mut w = 0.0;
    if NEGATIVE_NAME.is_match(&names) {
        w -= 10.0;
    }
    if POSITIVE_NAME.is_match(&names) {
        w += 10.0;
    }
    w
}

/// Which segments are prose in a run: a prose paragraph next to another one, with
/// at most subheadings (`h2`…`h6`) between them. A paragraph alone between links or buttons (the
/// summary of a teaser among many) is not; it counts half, since an article is a run
/// of paragraphs.
fn in_runs(segs: &[Segment]) -> Vec<bool> {
    // A subheading continues a run; a page title starts a new one.
    let transparent = |s: &Segment| s.heading.is_some_and(|h| h >= 2) && s.link_density() < 0.5;
    let mut runs = vec![false; segs.len()];
    let mut last_prose: Option<usize> = None;
    for (i, seg) in segs.iter().enumerate() {
        if seg.is_prose() {
            if let Some(j) = last_prose {
                runs[i] = true;
                runs[j] = true;
            }
            last_prose = Some(i);
        } else if !transparent(seg) {
            last_prose = None;
        }
    }
    runs
}

#[derive(Default, Clone, Copy)]
struct Tally {
    score: f64,
    chars: usize,
    link_chars: usize,
    prose_chars: usize,
    /// Prose in runs of paragraphs.
    run_chars: usize,
}

/// The largest article-like block of a page whose comment threads are already out.
pub(super) fn article_block(doc: &Document) -> Option<ArticleBlock> {
    let segs = segments(doc);
    let runs = in_runs(&segs);
    let mut tally: HashMap<NodeId, Tally> = HashMap::new();
    for (seg, &in_run) in segs.iter().zip(&runs) {
        let prose = seg.is_prose();
        let commas = seg.text.matches(',').count() as f64;
        let mut points = 1.0 + (commas * 0.5).min(3.0) + (seg.chars as f64 / 100.0).min(5.0);
        if !in_run {
            points *= 0.5;
        }
        let mut node = doc.tree.get(&seg.owner);
        let mut level = 0usize;
        while let Some(n) = node {
            let t = tally.entry(n.id).or_default();
            t.chars += seg.chars;
            t.link_chars += seg.link_chars;
            if prose {
                t.prose_chars += seg.chars;
            }
            if in_run {
                t.run_chars += seg.chars;
            }
            if prose && (1..=5).contains(&level) {
                let divider = match level {
                    1 => 1.0,
                    2 => 2.0,
                    l => (l - 1) as f64 * 3.0,
                };
                t.score += points / divider;
            }
            node = n.parent();
            level += 1;
        }
    }
    let final_score = |id: &NodeId, t: &Tally| -> f64 {
        let Some(n) = doc.tree.get(id) else {
            return 0.0;
        };
        let links = if t.chars == 0 {
            0.0
        } else {
            t.link_chars as f64 / t.chars as f64
        };
        (t.score + name_weight(&n)) * (1.0 - links)
    };
    let (top_id, top_score) = tally
        .iter()
        .filter(|(id, t)| {
            t.score > 0.0
                && doc
                    .tree
                    .get(id)
                    .is_some_and(|n| n.is_element() && tag_of(&n).as_deref() != Some("html"))
        })
        .map(|(id, t)| (*id, final_score(id, t)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let top = doc.tree.get(&top_id)?;

    // The top container and those of its siblings that belong to the article.
    let mut chosen: HashSet<NodeId> = HashSet::new();
    chosen.insert(top_id);
    if let Some(parent) = top.parent().filter(|p| p.is_element()) {
        let threshold = (top_score * 0.2).max(10.0);
        for sib in parent.element_children() {
            if sib.id == top_id {
                continue;
            }
            let Some(t) = tally.get(&sib.id) else {
                continue;
            };
            let links = if t.chars == 0 {
                1.0
            } else {
                t.link_chars as f64 / t.chars as f64
            };
            // A lone paragraph next to the article (its lede), or a container of
            // paragraph runs that scores well itself (the rest of its body).
            let paragraph =
                t.prose_chars >= 80 && t.prose_chars * 10 >= t.chars * 9 && links < 0.25;
            let body = t.score > 0.0
                && final_score(&sib.id, t) >= threshold
                && links < 0.25
                && t.run_chars * 2 >= t.prose_chars;
            if paragraph || body {
                chosen.insert(sib.id);
            }
        }
    }
    let inside = |id: &NodeId| -> bool {
        let mut node = doc.tree.get(id);
        while let Some(n) = node {
            if chosen.contains(&n.id) {
                return true;
            }
            node = n.parent();
        }
        false
    };

    let mut block = ArticleBlock::default();
    let mut picked: Vec<usize> = (0..segs.len())
        .filter(|&i| inside(&segs[i].owner))
        .collect();
    // A run of paragraphs that goes on past the chosen containers (an article split
    // across table cells) is followed to its ends.
    let continues = |i: usize| {
        let s = &segs[i];
        (s.is_prose() && runs[i]) || (s.heading.is_some_and(|h| h >= 2) && s.link_density() < 0.5)
    };
    if let (Some(&first), Some(&last)) = (picked.first(), picked.last()) {
        if runs[first] {
            let before = (0..first).rev().take_while(|&i| continues(i));
            let mut ext: Vec<usize> = before.collect();
            ext.reverse();
            picked.splice(0..0, ext);
        }
        if runs[last] {
            picked.extend((last + 1..segs.len()).take_while(|&i| continues(i)));
        }
    }
    let link_heavy = |i: Option<&usize>| i.is_some_and(|&i| segs[i].link_density() >= 0.5);
    // Paragraphs alone after links (a linked title, then its summary): in a list of
    // three or more, the summaries of other stories; one or two are the article's (a
    // paragraph after a "Lire aussi" link). A lede before its linked byline is neither.
    let alone: Vec<bool> = picked
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            segs[i].is_prose()
                && !runs[i]
                && link_heavy(k.checked_sub(1).and_then(|k| picked.get(k)))
        })
        .collect();
    let teaser_list = alone.iter().filter(|a| **a).count() >= 3;
    for (k, &i) in picked.iter().enumerate() {
        let seg = &segs[i];
        let keep = if seg.is_prose() {
            let teaser = teaser_list && alone[k];
            if !teaser {
                block.prose_chars += seg.chars;
                block.prose.push(seg.text.clone());
                if runs[i] {
                    block.run_chars += seg.chars;
                }
            }
            !teaser
        } else if seg.heading.is_some_and(|h| h >= 2) {
            // A subheading followed by prose, or a lede set as a heading; the page
            // title (`h1`) is the article's title, not its text.
            let before_prose = picked
                .iter()
                .skip(k + 1)
                .find(|&&n| segs[n].heading.is_none())
                .is_some_and(|&n| segs[n].is_prose());
            (seg.words() <= 25 && seg.link_density() < 0.5 && before_prose)
                || (seg.words() >= 12 && seg.link_density() < 0.3)
        } else {
            // A short sentence, or a short line between two paragraphs of prose (a
            // subheading set in bold).
            let prose_at = |k: Option<usize>| {
                k.and_then(|k| picked.get(k))
                    .is_some_and(|&n| segs[n].is_prose())
            };
            let line = seg.is_short_sentence()
                || (prose_at(k.checked_sub(1))
                    && prose_at(Some(k + 1))
                    && seg.words() <= 25
                    && seg.link_density() < 0.2);
            line && !doc.tree.get(&seg.owner).is_some_and(|n| caption(&n))
        };
        if keep {
            block.paragraphs.push(seg.text.clone());
        }
    }
    // Containers that hold a run of paragraphs: a paragraph alone among them (between
    // two "Lire aussi" links) belongs to that text, not to a list of teasers.
    let parent_of = |seg: &Segment| {
        doc.tree
            .get(&seg.owner)
            .and_then(|n| n.parent())
            .map(|p| p.id)
    };
    let with_runs: HashSet<NodeId> = segs
        .iter()
        .zip(&runs)
        .filter(|(_, r)| **r)
        .filter_map(|(s, _)| parent_of(s))
        .collect();
    let teaser_at = |i: usize| {
        segs[i].is_prose()
            && !runs[i]
            && !inside(&segs[i].owner)
            && !parent_of(&segs[i]).is_some_and(|p| with_runs.contains(&p))
            && i > 0
            && segs[i - 1].link_density() >= 0.5
    };
    let teasers: Vec<usize> = (0..segs.len()).filter(|&i| teaser_at(i)).collect();
    if teasers.len() >= 3 {
        for &i in &teasers {
            block.teasers.push(segs[i].text.clone());
            if !inside(&segs[i - 1].owner) {
                block.teasers.push(segs[i - 1].text.clone());
            }
        }
    }
    (block.prose_chars > 0).then_some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "Le conseil municipal a adopté lundi soir le budget de la commune, après trois heures de débats parfois vifs entre la majorité et l'opposition.";

    fn block_of(html: &str) -> ArticleBlock {
        article_block(&Document::from(html)).expect("a block")
    }

    #[test]
    fn comment_names() {
        for name in [
            "comments",
            "comment-list",
            "commentaires",
            "CommentsSection",
            "disqus_thread",
            "post-comments",
            "reactions",
        ] {
            assert!(comment_name(name), "{name}");
        }
        for name in [
            "has-comments",
            "comments-open",
            "comment-count",
            "commentary",
            "commentateur",
            "article-body",
            "reaction-time",
        ] {
            assert!(!comment_name(name), "{name}");
        }
    }

    #[test]
    fn paragraphs_in_a_run_and_teasers_alone() {
        let html = format!(
            "<body><div><a href=\"/1\">Autre sujet</a><p>{PARA}</p><a href=\"/2\">Encore un autre sujet</a></div><div><h1>Titre</h1><p>{PARA}</p><h2>Intertitre</h2><p>{PARA}</p></div></body>"
        );
        let doc = Document::from(html.as_str());
        let segs = segments(&doc);
        let runs = in_runs(&segs);
        let flags: Vec<(bool, bool)> = segs
            .iter()
            .zip(&runs)
            .map(|(s, r)| (s.is_prose(), *r))
            .collect();
        assert_eq!(
            flags,
            [
                (false, false),
                (true, false),
                (false, false),
                (false, false),
                (true, true),
                (false, false),
                (true, true)
            ]
        );
    }

    #[test]
    fn block_is_the_article_not_the_rail() {
        let rail: String = (0..10)
            .map(|i| format!("<div><a href=\"/{i}\">Sujet numéro {i}</a><p>Le résumé numéro {i} d'un autre article de la rubrique locale, en une phrase.</p></div>"))
            .collect();
        let html = format!(
            "<body><div class=\"rail\">{rail}</div><div class=\"z\"><h1>Budget</h1><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div></body>"
        );
        let b = block_of(&html);
        assert_eq!(b.prose.len(), 3, "{:?}", b.paragraphs);
        assert!(b.teasers.iter().any(|t| t.contains("résumé numéro 4")));
        assert!(!b.text().contains("résumé"));
    }

    #[test]
    fn paragraphs_between_links_of_another_text_are_not_teasers() {
        // The block is the long article; a second text elsewhere interleaves its
        // paragraphs with links, yet has a run of its own.
        let other = format!("<p>{PARA}</p><p>{PARA}</p>{}", (0..4).map(|i| format!("<p><a href=\"/{i}\">Lire aussi : un autre sujet</a></p><p>{PARA} numéro {i}</p>")).collect::<String>());
        let html = format!(
            "<body><div class=\"a\">{}</div><div class=\"b\">{other}</div></body>",
            format!("<p>{PARA}</p>").repeat(12)
        );
        let b = block_of(&html);
        assert!(b.teasers.is_empty(), "{:?}", b.teasers);
    }

    #[test]
    fn lines_between_breaks_are_paragraphs() {
        let html = format!(
            "<body><div>{PARA}<br><br>{PARA}<br>suite de la ligne.<br><br>{PARA}</div></body>"
        );
        let b = block_of(&html);
        assert_eq!(b.paragraphs.len(), 3, "{:?}", b.paragraphs);
        assert!(b.paragraphs[1].ends_with("\nsuite de la ligne."));
    }

    #[test]
    fn bold_subheadings_are_kept_and_captions_are_not() {
        let html = format!(
            "<body><div><p>{PARA}</p><p><strong>Une hausse contestée</strong></p><p>{PARA}</p><a href=\"/i\"><img src=\"a.jpg\"></a><div><span>Le maire, photo: archives</span></div><p>{PARA}</p></div></body>"
        );
        let b = block_of(&html);
        assert!(
            b.paragraphs.iter().any(|p| p == "Une hausse contestée"),
            "{:?}",
            b.paragraphs
        );
        assert!(!b.text().contains("photo"), "{:?}", b.paragraphs);
    }

    #[test]
    fn unnamed_comment_threads_are_found() {
        let item = |i: usize| {
            format!("<li><b>Lecteur{i}</b> le 12/03/2024 à 14h3{i}<p>{PARA}</p><a href=\"#\">Répondre</a> <a href=\"#\">Signaler</a></li>")
        };
        let html = format!(
            "<body><div><h1>Budget</h1><p>{PARA}</p></div><ul>{}</ul></body>",
            (0..5).map(item).collect::<String>()
        );
        assert_eq!(comment_threads(&Document::from(html.as_str())).len(), 1);
    }

    #[test]
    fn comments_announced_by_a_heading_need_only_their_stamps() {
        let item =
            |i: usize| format!("<div><b>Lecteur{i}</b> — il y a {i} heures<p>{PARA}</p></div>");
        let list = (1..6).map(item).collect::<String>();
        let html = format!(
            "<body><h1>Budget</h1><p>{PARA}</p><h3>5 commentaires</h3><div>{list}</div></body>"
        );
        assert_eq!(comment_threads(&Document::from(html.as_str())).len(), 1);
        // The same list after another heading is no thread.
        let html = format!(
            "<body><h1>Budget</h1><p>{PARA}</p><h3>Les étapes</h3><div>{list}</div></body>"
        );
        assert!(comment_threads(&Document::from(html.as_str())).is_empty());
    }

    #[test]
    fn live_blog_entries_are_not_comments() {
        let entry =
            |i: usize| format!("<div class=\"post\"><span>14h3{i}</span><p>{PARA}</p></div>");
        let html = format!(
            "<body><h1>En direct</h1><div class=\"live\">{}</div></body>",
            (0..8).map(entry).collect::<String>()
        );
        assert!(comment_threads(&Document::from(html.as_str())).is_empty());
    }

    #[test]
    fn comment_section_holding_the_title_is_kept() {
        let html = format!(
            "<body><div class=\"with-comments comments\"><h1>Budget</h1><p>{PARA}</p></div></body>"
        );
        assert!(comment_threads(&Document::from(html.as_str())).is_empty());
    }

    #[test]
    fn cookie_panels_are_not_read() {
        let html = format!(
            "<body><div><p>{PARA}</p><p>{PARA}</p></div><div id=\"didomi-host\"><p>{PARA} cookies</p><p>{PARA} cookies</p><p>{PARA} cookies</p></div><div role=\"dialog\"><p>{PARA} fenêtre</p><p>{PARA} fenêtre</p></div></body>"
        );
        let b = block_of(&html);
        assert_eq!(b.prose.len(), 2, "{:?}", b.prose);
        assert!(!b.text().contains("cookies") && !b.text().contains("fenêtre"));
    }

    #[test]
    fn hidden_and_script_text_is_not_read() {
        let html = format!(
            "<body><div><p>{PARA}</p><p style=\"display: none\">{PARA} caché</p><script>var texte = \"{PARA}\";</script><p>{PARA}</p></div></body>"
        );
        let b = block_of(&html);
        assert_eq!(b.prose.len(), 2);
        assert!(!b.text().contains("caché"));
    }
}
