//! End-to-end tests of the web UI in headless Chromium, driven over WebDriver
//! (chromedriver + fantoccini): the Karabakh story (read at run time from
//! ../shared/corpus/karabakh with its meta.jsonl), filters, uploads, a hostile article.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test says so and
//! passes, unless `RECOUPE_BROWSER_TESTS=1` (as `.ci/run` sets in its browser step, after
//! installing them), where their absence is a failure. Under `CI=true` the test runs only
//! in that step. When a step
//! fails, a screenshot of the page is saved in a temporary folder whose path is printed.
//! With `RECOUPE_DOCS_SCREENSHOTS=1`, the run also saves `docs/report.png` and
//! `docs/ui.png` for the README.

use fantoccini::{Client, ClientBuilder, Locator};
use recoupe_web::{app, load_paths, AppState, Store, Story};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `chromium` and `chromedriver` on the PATH, if both are there.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let find = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    };
    Some((find("chromium")?, find("chromedriver")?))
}

fn karabakh() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/karabakh");
    dir.join("meta.jsonl").is_file().then_some(dir)
}

/// Kills the child process when dropped.
struct Reaped(Child);
impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

async fn start_server(store: Store, corpus: Option<&Path>) -> (String, Arc<Story>) {
    let story = Arc::new(Story::open(store, recoupe::Options::default()).unwrap());
    if let Some(dir) = corpus {
        let meta = dir.join("meta.jsonl");
        let (added, problems) = load_paths(&story, &[dir.to_path_buf()], Some(&meta)).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(added.analysed.len() >= 5, "{added:?}");
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState {
        story: Arc::clone(&story),
        max_upload: recoupe_web::DEFAULT_MAX_UPLOAD,
    };
    tokio::spawn(async move {
        let _ = axum::serve(listener, app(state)).await;
    });
    (format!("http://{addr}"), story)
}

async fn start_browser(chromium: &Path, driver: &Path, profile: &Path) -> (Client, Reaped) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let child = Reaped(child);
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }))
    .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.clone());
        match builder.connect(&url).await {
            Ok(c) => return (c, child),
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                panic!("cannot start a Chromium session through chromedriver: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// A step of the scenario: on failure, a screenshot named after it, then the panic.
struct Steps {
    client: Client,
    shots: PathBuf,
}

impl Steps {
    async fn fail(&self, step: &str, why: String) -> ! {
        let path = self.shots.join(format!("{}.png", step.replace(' ', "_")));
        match self.client.screenshot().await {
            Ok(png) => {
                let _ = std::fs::write(&path, png);
                eprintln!("screenshot of the failed step: {}", path.display());
            }
            Err(e) => eprintln!("no screenshot: {e}"),
        }
        panic!("step '{step}': {why}");
    }

    async fn check(&self, step: &str, ok: bool, why: impl Into<String>) {
        if !ok {
            self.fail(step, why.into()).await;
        }
    }

    async fn js(&self, step: &str, script: &str) -> serde_json::Value {
        match self.client.execute(script, vec![]).await {
            Ok(v) => v,
            Err(e) => self.fail(step, format!("script failed: {e}")).await,
        }
    }

    async fn text(&self, step: &str, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(e) => self.fail(step, format!("no element {css}: {e}")).await,
        }
    }

    /// The text of `css` once it appears: a form post navigates, and the analysis
    /// behind it may take a while on a slow machine. On timeout the failure names
    /// the page it was on and any error banner it shows.
    async fn wait_text(&self, step: &str, css: &str, timeout: Duration) -> String {
        let started = Instant::now();
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                return e.text().await.unwrap_or_default();
            }
            if started.elapsed() > timeout {
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                let banner = match self.client.find(Locator::Css(".banner")).await {
                    Ok(b) => b.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                self.fail(
                    step,
                    format!(
                        "no element {css} after {:.0}s on {url} (banner: {banner:?})",
                        timeout.as_secs_f64()
                    ),
                )
                .await;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn goto(&self, step: &str, url: &str) {
        if let Err(e) = self.client.goto(url).await {
            self.fail(step, format!("cannot open {url}: {e}")).await;
        }
    }
}

/// Whether the speaker list names exactly one person matching `pattern` (a regex
/// source), and its entries.
const SPEAKERS_JS: &str = "return Array.from(document.querySelectorAll('.speaker-list a.speaker-name')).map(a => a.textContent);";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn karabakh_story_in_a_browser() {
    // Under CI the browser tests run in their own step of .ci/run, after it has
    // installed Chromium, with RECOUPE_BROWSER_TESTS=1; there they must not skip.
    let required = std::env::var("RECOUPE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    if in_ci() && !required {
        eprintln!("skipped here: under CI this test runs in the browser step of .ci/run");
        return;
    }
    let Some((chromium, driver)) = tools() else {
        if required {
            panic!("RECOUPE_BROWSER_TESTS=1 but chromium or chromedriver is missing: apt-get install chromium chromium-driver");
        }
        eprintln!("skipped: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let Some(corpus) = karabakh() else {
        if required {
            panic!("CI=true but ../shared/corpus/karabakh is missing");
        }
        eprintln!("skipped: ../shared/corpus/karabakh is absent");
        return;
    };
    let started = Instant::now();
    let work = tempfile::tempdir().unwrap();
    let shots = std::env::temp_dir().join(format!("recoupe-browser-{}", std::process::id()));
    std::fs::create_dir_all(&shots).unwrap();
    eprintln!("screenshots of failed steps go to {}", shots.display());

    let (base, story) = start_server(
        Store::open(&work.path().join("story.sqlite")).unwrap(),
        Some(&corpus),
    )
    .await;
    let (client, _driver) = start_browser(&chromium, &driver, &work.path().join("profile")).await;
    let s = Steps { client, shots };
    eprintln!(
        "server and browser ready in {:.1}s",
        started.elapsed().as_secs_f64()
    );

    // The story page.
    s.goto("open", &format!("{base}/")).await;
    let title = s.client.title().await.unwrap_or_default();
    s.check(
        "open",
        title.contains("recoupe"),
        format!("title {title:?}"),
    )
    .await;

    // The timeline: rows and the plot.
    let rows = s
        .js(
            "timeline",
            "return document.querySelectorAll('#timeline ol.timeline li').length;",
        )
        .await;
    s.check(
        "timeline",
        rows.as_u64().unwrap_or(0) >= 3,
        format!("{rows} timeline rows"),
    )
    .await;
    let plot = s
        .js(
            "timeline",
            "return document.querySelectorAll('#timeline svg.timeline-plot circle').length;",
        )
        .await;
    s.check(
        "timeline",
        plot.as_u64().unwrap_or(0) >= 2,
        format!("{plot} dots on the timeline plot"),
    )
    .await;

    // The speakers.
    let speakers = s.js("speakers", SPEAKERS_JS).await;
    let names: Vec<String> = serde_json::from_value(speakers).unwrap_or_default();
    for who in ["Peskov", "Blinken"] {
        s.check(
            "speakers",
            names.iter().any(|n| n.contains(who)),
            format!("{who} not among {names:?}"),
        )
        .await;
    }
    let pashinyan: Vec<&String> = names
        .iter()
        .filter(|n| n.contains("Pachinian") || n.contains("Pashinyan") || n.contains("Pachinyan"))
        .collect();
    s.check(
        "pashinyan as one person",
        pashinyan.len() == 1,
        format!("Pachinian/Pashinyan should be one speaker, found {pashinyan:?}"),
    )
    .await;

    // The Armenian military toll, revised from 49 to at least 105.
    let revision = s
        .js(
            "armenian toll",
            "const e = document.querySelector('.revision[data-party=\"Armenia\"][data-category=\"killed\"] .values'); return e ? e.textContent : null;",
        )
        .await;
    let revision = revision.as_str().unwrap_or("").to_string();
    let (at49, at105) = (revision.find("49"), revision.find("105"));
    s.check(
        "armenian toll",
        matches!((at49, at105), (Some(a), Some(b)) if a < b) && revision.contains("at least 105"),
        format!("Armenia · killed should read 49 → at least 105, reads {revision:?}"),
    )
    .await;

    // Each side's casualty claims side by side.
    let sides = s
        .js(
            "sides",
            "const t = document.querySelector('table.sides'); return t ? t.textContent : '';",
        )
        .await;
    let sides = sides.as_str().unwrap_or("").to_string();
    for party in ["Armenia", "Azerbaijan"] {
        s.check(
            "sides",
            sides.contains(party),
            format!("no {party} column in {sides:?}"),
        )
        .await;
    }
    let killed = s
        .js(
            "sides",
            "const r = Array.from(document.querySelectorAll('table.sides tbody tr')).find(r => r.querySelector('th').textContent.trim() === 'killed'); return r ? Array.from(r.querySelectorAll('td')).map(td => td.textContent.trim()) : [];",
        )
        .await;
    let cells: Vec<String> = serde_json::from_value(killed).unwrap_or_default();
    s.check(
        "sides",
        cells.len() >= 2 && cells.iter().filter(|c| !c.is_empty()).count() >= 2,
        format!("killed row should have claims for both sides: {cells:?}"),
    )
    .await;

    // Filter by speaker.
    let peskov = names
        .iter()
        .find(|n| n.contains("Peskov"))
        .cloned()
        .unwrap_or_default();
    let select = s
        .js(
            "filter",
            &format!(
                "const s = document.getElementById('f-speaker'); s.value = {}; s.dispatchEvent(new Event('change')); return s.value;",
                serde_json::to_string(&peskov).unwrap()
            ),
        )
        .await;
    s.check(
        "filter",
        select.as_str() == Some(peskov.as_str()),
        format!("speaker filter set to {select}"),
    )
    .await;
    let visible = s
        .js(
            "filter",
            "return Array.from(document.querySelectorAll('li.quote')).filter(e => e.offsetParent !== null).map(e => e.getAttribute('data-speaker'));",
        )
        .await;
    let visible: Vec<String> = serde_json::from_value(visible).unwrap_or_default();
    s.check(
        "filter",
        visible.len() >= 2 && visible.iter().all(|v| *v == peskov),
        format!("after filtering on {peskov}, visible quotes are from {visible:?}"),
    )
    .await;
    let blinken_shown = s
        .js(
            "filter",
            "return Array.from(document.querySelectorAll('article.speaker')).filter(a => a.offsetParent !== null).map(a => a.getAttribute('data-speaker'));",
        )
        .await;
    let shown: Vec<String> = serde_json::from_value(blinken_shown).unwrap_or_default();
    s.check(
        "filter",
        shown == [peskov.clone()],
        format!("speaker sections shown: {shown:?}"),
    )
    .await;
    let count = s.text("filter", "#f-count").await;
    s.check(
        "filter",
        count.contains(" of "),
        format!("count reads {count:?}"),
    )
    .await;
    if let Ok(b) = s.client.find(Locator::Id("f-clear")).await {
        let _ = b.click().await;
    }

    // Upload an article through the form and see it merged.
    let before = story.report().documents.len();
    s.goto("upload", &format!("{base}/")).await;
    s.js(
        "upload",
        "document.getElementById('upload').open = true; return true;",
    )
    .await;
    let article = "« Nous appelons Bakou et Erevan à reprendre sans délai les discussions sur la frontière », a déclaré vendredi le porte-parole du Kremlin, Dmitri Peskov, lors de son point de presse quotidien.\n\nSelon lui, des émissaires russes se rendront dans la région la semaine prochaine.";
    for (id, value) in [
        ("u-title", "Moscou appelle à reprendre les discussions"),
        ("u-outlet", "Le Journal d'essai"),
        ("u-content", article),
    ] {
        match s.client.find(Locator::Id(id)).await {
            Ok(e) => {
                if let Err(err) = e.send_keys(value).await {
                    s.fail("upload", format!("cannot type into {id}: {err}"))
                        .await;
                }
            }
            Err(e) => s.fail("upload", format!("no field {id}: {e}")).await,
        }
    }
    s.js(
        "upload",
        "document.getElementById('u-published').value = '2022-08-05'; return true;",
    )
    .await;
    match s.client.find(Locator::Id("u-submit")).await {
        Ok(b) => {
            if let Err(e) = b.click().await {
                s.fail("upload", format!("cannot submit: {e}")).await;
            }
        }
        Err(e) => s.fail("upload", format!("no submit button: {e}")).await,
    }
    let notice = s
        .wait_text("upload", "#notice, #error", Duration::from_secs(60))
        .await;
    s.check(
        "upload",
        notice.starts_with("Added"),
        format!("notice reads {notice:?}"),
    )
    .await;
    let after = story.report().documents.len();
    s.check(
        "upload",
        after == before + 1,
        format!("{before} documents before, {after} after"),
    )
    .await;
    let merged = s
        .js(
            "upload",
            "return Array.from(document.querySelectorAll('article.doc h3')).map(h => h.textContent).filter(t => t.includes('reprendre les discussions')).length;",
        )
        .await;
    s.check(
        "upload",
        merged.as_u64() == Some(1),
        "the uploaded article is not in the Articles section",
    )
    .await;
    let outlets = s.text("upload", "#f-outlet").await;
    s.check(
        "upload",
        outlets.contains("Le Journal d'essai"),
        format!("outlet filter lacks the new outlet: {outlets:?}"),
    )
    .await;
    let peskov_quotes = s
        .js(
            "upload",
            "return Array.from(document.querySelectorAll('li.quote')).filter(e => e.textContent.includes('reprendre sans délai')).map(e => e.getAttribute('data-speaker'));",
        )
        .await;
    let quote_speakers: Vec<String> = serde_json::from_value(peskov_quotes).unwrap_or_default();
    s.check(
        "upload",
        quote_speakers.iter().any(|q| q.contains("Peskov")),
        format!("the new quote should be filed under Peskov: {quote_speakers:?}"),
    )
    .await;

    // A hostile article: as text, and as HTML.
    let hostile = format!(
        "<script>window.__pwned = 1</script> Le maire a parlé. <img src=x onerror=\"window.__pwned = 2\"> \
         <a href=\"javascript:window.__pwned = 3\">cliquez ici</a> <svg onload=\"window.__pwned = 4\"></svg>\n{}\n\"><script>window.__pwned = 5</script>",
        "x".repeat(300_000)
    );
    for format in ["text", "html"] {
        let step = format!("hostile {format}");
        s.goto(&step, &format!("{base}/")).await;
        let filled = s
            .js(
                &step,
                &format!(
                    "document.getElementById('upload').open = true; \
                     document.getElementById('u-title').value = {title}; \
                     document.getElementById('u-url').type = 'text'; \
                     document.getElementById('u-url').value = 'javascript:window.__pwned = 6'; \
                     document.getElementById('u-format').value = {format:?}; \
                     document.getElementById('u-content').value = {content}; return true;",
                    title = serde_json::to_string(
                        "<img src=x onerror=\"window.__pwned = 7\">Titre piégé"
                    )
                    .unwrap(),
                    content = serde_json::to_string(&hostile).unwrap(),
                ),
            )
            .await;
        s.check(
            &step,
            filled.as_bool() == Some(true),
            "could not fill the form",
        )
        .await;
        match s.client.find(Locator::Id("u-submit")).await {
            Ok(b) => {
                let _ = b.click().await;
            }
            Err(e) => s.fail(&step, format!("no submit button: {e}")).await,
        }
        let _ = s
            .client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("#notice, #error"))
            .await;
        let pwned = s
            .js(&step, "return typeof window.__pwned === 'undefined';")
            .await;
        s.check(
            &step,
            pwned.as_bool() == Some(true),
            "a script from the article ran",
        )
        .await;
        let links = s.js(&step, "return document.querySelectorAll('a[href^=\"javascript:\" i], [onerror], [onload], main img, main iframe').length;").await;
        s.check(
            &step,
            links.as_u64() == Some(0),
            format!("{links} live elements from the article"),
        )
        .await;
        if format == "text" {
            let shown = s
                .js(&step, "return document.body.textContent.includes('<img src=x onerror=\"window.__pwned = 7\">Titre piégé');")
                .await;
            s.check(
                &step,
                shown.as_bool() == Some(true),
                "the title's markup should show as text",
            )
            .await;
        }
        // The huge line wraps instead of widening the page.
        let width = s
            .js(
                &step,
                "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            )
            .await;
        s.check(
            &step,
            width.as_bool() == Some(true),
            "a long line widens the page",
        )
        .await;
    }
    // Following the notice's anchor and clicking around does not run anything either.
    let _ = s.js("hostile after", "document.querySelectorAll('a').forEach(a => { const h = a.getAttribute('href') || ''; if (h.startsWith('#')) a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); }); return true;").await;
    let pwned = s
        .js(
            "hostile after",
            "return typeof window.__pwned === 'undefined';",
        )
        .await;
    s.check(
        "hostile after",
        pwned.as_bool() == Some(true),
        "a script ran after clicks",
    )
    .await;

    if std::env::var("RECOUPE_DOCS_SCREENSHOTS").is_ok_and(|v| v == "1") {
        save_docs_screenshots(&s, &corpus).await;
    }
    let _ = s.client.close().await;
    eprintln!(
        "browser test done in {:.1}s",
        started.elapsed().as_secs_f64()
    );
}

/// The README images: the HTML report and the UI on the Karabakh story alone.
async fn save_docs_screenshots(s: &Steps, corpus: &Path) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    std::fs::create_dir_all(&docs).unwrap();
    let (base, _story) = start_server(Store::in_memory().unwrap(), Some(corpus)).await;
    let _ = s.client.set_window_size(1200, 1500).await;
    s.goto("docs report", &format!("{base}/report.html#figures"))
        .await;
    let png = s.client.screenshot().await.unwrap();
    std::fs::write(docs.join("report.png"), png).unwrap();
    s.goto("docs ui", &format!("{base}/")).await;
    s.js(
        "docs ui",
        "const s = document.getElementById('f-speaker'); const o = Array.from(s.options).find(o => o.value.includes('Peskov')); if (o) { s.value = o.value; s.dispatchEvent(new Event('change')); } document.getElementById('speakers').scrollIntoView(); window.scrollBy(0, -120); return true;",
    )
    .await;
    let png = s.client.screenshot().await.unwrap();
    std::fs::write(docs.join("ui.png"), png).unwrap();
    eprintln!(
        "saved {} and {}",
        docs.join("report.png").display(),
        docs.join("ui.png").display()
    );
}
