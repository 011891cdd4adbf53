//! recoupe beyond one machine: `submit` publishes articles to a NATS JetStream stream
//! with work-queue retention, one message per article; any number of `worker`s share
//! one durable pull consumer, analyse each batch (the per-document pipeline of
//! `ingest`) and commit it to the shared PostgreSQL store (`recoupe-pg`) in one
//! transaction before acknowledging it.
//!
//! ```text
//! submit ─► stream <name> (work queue, Nats-Msg-Id = content hash: a resubmission
//!           inside the duplicate window is dropped by the server)
//!   ─► consumer "workers" (durable, pull, explicit acks, max-ack-pending)
//!   ─► worker: batch ─► analyse (rayon) ─► one PostgreSQL transaction ─► ack
//!   ─► linker (whichever worker holds the advisory lock): articles below the stream's
//!      first unacknowledged message are put into piles in stream order, then the piles
//!      that changed are linked and their reports stored
//! ```
//!
//! Exactly once in effect: a worker killed after its commit but before its acks gets
//! its batch redelivered to someone, who finds every article stored (same content hash)
//! and only acknowledges. A message that cannot be read becomes a problem row at once;
//! one that fails `max_deliveries` times is stored as a problem row and acknowledged,
//! never redelivered forever. Both are listed under `problems` in the reports.

use async_nats::jetstream::{self, consumer::PullConsumer, stream::Stream as JsStream, AckKind};
use futures_util::StreamExt;
use recoupe::ingest::{prepare_batch, IngestSummary};
use recoupe::{Options, Silent};
use recoupe_link::piles::DocKeys;
use recoupe_model::{Article, InputProblem};
use recoupe_pg::{is_unreachable, Committed, PgStore};
use recoupe_store::{Batch, NewArticle, Storage, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The durable consumer every worker of a stream shares.
pub const CONSUMER: &str = "workers";

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("NATS at {url}: {reason}")]
    Nats { url: String, reason: String },
    #[error("stream {stream}: {reason}")]
    Stream { stream: String, reason: String },
    #[error("the store: {0}")]
    Store(#[from] StoreError),
    #[error("cannot start the runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// One message of the stream: an article as read, or an input that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Payload {
    Article {
        id: String,
        origin: String,
        body: String,
        #[serde(default)]
        from_html: bool,
        title: Option<String>,
        outlet: Option<String>,
        published: Option<String>,
        url: Option<String>,
        author: Option<String>,
    },
    Problem {
        input: String,
        reason: String,
    },
}

impl Payload {
    pub fn of_article(a: &Article) -> Payload {
        Payload::Article {
            id: a.id.clone(),
            origin: a.origin.clone(),
            body: a.body.clone(),
            from_html: a.from_html,
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            published: a.published.clone(),
            url: a.url.clone(),
            author: a.author.clone(),
        }
    }

    /// The message id the server deduplicates on: the article's content hash, or the
    /// problem's input.
    pub fn message_id(&self) -> String {
        match self {
            Payload::Article { .. } => {
                let a = self.clone().into_article().expect("an article");
                let h = recoupe_store::content_hash(&a);
                h.iter().map(|b| format!("{b:02x}")).collect()
            }
            Payload::Problem { input, .. } => format!("problem:{input}"),
        }
    }

    fn into_article(self) -> Option<Article> {
        match self {
            Payload::Article {
                id,
                origin,
                body,
                from_html,
                title,
                outlet,
                published,
                url,
                author,
            } => Some(Article {
                id,
                origin,
                body,
                from_html,
                title,
                outlet,
                published,
                url,
                author,
            }),
            Payload::Problem { .. } => None,
        }
    }
}

/// The subject articles are published on, for a stream.
pub fn subject(stream: &str) -> String {
    format!("{stream}.articles")
}

/// A stream name as NATS accepts it (and as recoupe uses it in subjects).
pub fn valid_stream(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn nats_error(url: &str, e: impl std::fmt::Display) -> ClusterError {
    ClusterError::Nats {
        url: url.to_string(),
        reason: e.to_string(),
    }
}

fn stream_error(stream: &str, e: impl std::fmt::Display) -> ClusterError {
    ClusterError::Stream {
        stream: stream.to_string(),
        reason: e.to_string(),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, ClusterError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?)
}

/// Connect, saying once what is waited for while the server does not answer.
async fn connect(url: &str, patient: bool) -> Result<async_nats::Client, ClusterError> {
    // Say when the connection drops and when it is back; the client reconnects by itself,
    // and whatever waits on it (a pull, an acknowledgement) waits until then.
    let down: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let shown = redact(url);
    let c = async_nats::ConnectOptions::new()
        .event_callback(move |event| {
            let down = down.clone();
            let shown = shown.clone();
            async move {
                let mut d = down.lock().unwrap_or_else(|e| e.into_inner());
                match event {
                    async_nats::Event::Disconnected if d.is_none() => {
                        eprintln!(
                            "recoupe: waiting for NATS at {shown} (disconnected; reconnecting)"
                        );
                        *d = Some(Instant::now());
                    }
                    async_nats::Event::Connected => {
                        if let Some(t) = d.take() {
                            eprintln!(
                                "recoupe: NATS answers again (waited {:.1} s)",
                                t.elapsed().as_secs_f64()
                            );
                        }
                    }
                    _ => {}
                }
            }
        })
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connection_timeout(Duration::from_secs(3))
        .connect(url)
        .await
        .map_err(|e| nats_error(url, e))?;
    // retry_on_initial_connect returns at once; wait until it is up.
    let t = Instant::now();
    let mut said = None;
    while c.connection_state() != async_nats::connection::State::Connected {
        if said.is_none() && t.elapsed() > Duration::from_secs(2) {
            eprintln!("recoupe: waiting for NATS at {url} (retrying)");
            said = Some(Instant::now());
        }
        if !patient && t.elapsed() > Duration::from_secs(10) {
            return Err(nats_error(url, "no answer within 10 s"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if let Some(s) = said {
        eprintln!(
            "recoupe: NATS at {url} answers (waited {:.1} s)",
            s.elapsed().as_secs_f64()
        );
    }
    Ok(c)
}

/// The stream, created when absent: work-queue retention, one subject, deduplication
/// over `duplicate_window`.
async fn ensure_stream(
    js: &jetstream::Context,
    name: &str,
    duplicate_window: Duration,
) -> Result<JsStream, ClusterError> {
    js.get_or_create_stream(jetstream::stream::Config {
        name: name.to_string(),
        subjects: vec![subject(name)],
        retention: jetstream::stream::RetentionPolicy::WorkQueue,
        storage: jetstream::stream::StorageType::File,
        duplicate_window,
        ..Default::default()
    })
    .await
    .map_err(|e| stream_error(name, e))
}

/// What `submit` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SubmitSummary {
    /// Messages the stream took.
    pub published: usize,
    /// Messages the server dropped as duplicates (same content inside the window).
    pub duplicates: usize,
    /// Of the published messages, how many carry an input that could not be read.
    pub problems: usize,
    /// Articles that could not be published at all (too large for the server).
    pub refused: Vec<InputProblem>,
}

/// Messages in flight before `submit` waits for the server's acknowledgements.
const PUBLISH_WINDOW: usize = 256;

/// Publish `sources` to the stream `stream` at `url`, one message per article (and per
/// unreadable input), in order.
pub fn submit(
    url: &str,
    stream: &str,
    duplicate_window: Duration,
    sources: impl Iterator<Item = Result<Article, InputProblem>>,
) -> Result<SubmitSummary, ClusterError> {
    let rt = runtime()?;
    rt.block_on(async {
        let client = connect(url, false).await?;
        let js = jetstream::new(client.clone());
        ensure_stream(&js, stream, duplicate_window).await?;
        let subject = subject(stream);
        let mut summary = SubmitSummary::default();
        let mut pending = Vec::with_capacity(PUBLISH_WINDOW);
        for item in sources {
            let (payload, origin) = match item {
                Ok(a) => (Payload::of_article(&a), a.origin),
                Err(p) => {
                    summary.problems += 1;
                    let origin = p.input.clone();
                    (
                        Payload::Problem {
                            input: p.input,
                            reason: p.reason,
                        },
                        origin,
                    )
                }
            };
            let body = serde_json::to_vec(&payload).map_err(|e| stream_error(stream, e))?;
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Nats-Msg-Id", payload.message_id().as_str());
            match js
                .publish_with_headers(subject.clone(), headers, body.into())
                .await
            {
                Ok(ack) => pending.push((ack, origin)),
                Err(e) => summary.refused.push(InputProblem {
                    input: origin,
                    reason: format!("not published: {e}"),
                }),
            }
            if pending.len() >= PUBLISH_WINDOW {
                settle(&mut pending, &mut summary).await;
            }
        }
        settle(&mut pending, &mut summary).await;
        client.flush().await.map_err(|e| nats_error(url, e))?;
        Ok(summary)
    })
}

async fn settle(
    pending: &mut Vec<(jetstream::context::PublishAckFuture, String)>,
    summary: &mut SubmitSummary,
) {
    for (ack, origin) in pending.drain(..) {
        match ack.await {
            Ok(a) if a.duplicate => summary.duplicates += 1,
            Ok(_) => summary.published += 1,
            Err(e) => summary.refused.push(InputProblem {
                input: origin,
                reason: format!("not published: {e}"),
            }),
        }
    }
}

/// Delete a stream and its consumer (a cluster taken down, tests). `false` when there
/// was none.
pub fn delete_stream(url: &str, stream: &str) -> Result<bool, ClusterError> {
    let rt = runtime()?;
    rt.block_on(async {
        let client = connect(url, false).await?;
        let js = jetstream::new(client);
        match js.delete_stream(stream).await {
            Ok(s) => Ok(s.success),
            Err(e) if e.to_string().contains("not found") => Ok(false),
            Err(e) => Err(stream_error(stream, e)),
        }
    })
}

/// Publish one message as given, without reading it (what another producer, or a
/// damaged one, may put on the stream).
pub fn publish_raw(
    url: &str,
    stream: &str,
    duplicate_window: Duration,
    payload: Vec<u8>,
) -> Result<(), ClusterError> {
    let rt = runtime()?;
    rt.block_on(async {
        let client = connect(url, false).await?;
        let js = jetstream::new(client);
        ensure_stream(&js, stream, duplicate_window).await?;
        js.publish(subject(stream), payload.into())
            .await
            .map_err(|e| stream_error(stream, e))?
            .await
            .map_err(|e| stream_error(stream, e))?;
        Ok(())
    })
}

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub nats: String,
    pub stream: String,
    pub db: String,
    pub schema: String,
    /// Articles per batch (per transaction).
    pub batch: usize,
    /// Messages handed out and not acknowledged yet, over all workers.
    pub max_ack_pending: i64,
    /// How long the server waits for an acknowledgement before redelivering.
    pub ack_wait: Duration,
    /// Deliveries after which a message that keeps failing is stored as a problem.
    pub max_deliveries: i64,
    /// Link the piles at least this often while articles keep coming.
    pub link_every: Duration,
    /// Stop once the stream is empty and every stored article is linked.
    pub exit_when_idle: bool,
    pub duplicate_window: Duration,
    pub options: Options,
}

/// What a worker did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WorkerSummary {
    pub batches: usize,
    pub messages: usize,
    pub stored: usize,
    pub already_stored: usize,
    pub analysed: usize,
    pub problems: usize,
    pub piles_linked: usize,
}

/// One message taken from the consumer.
struct Taken {
    message: jetstream::Message,
    seq: i64,
    delivered: i64,
}

/// A message read: an article, or a problem row to store.
enum Read {
    Article(Article),
    Problem(InputProblem),
}

fn read_message(t: &Taken) -> Read {
    match serde_json::from_slice::<Payload>(&t.message.payload) {
        Ok(Payload::Problem { input, reason }) => Read::Problem(InputProblem { input, reason }),
        Ok(p) => Read::Article(p.into_article().expect("an article")),
        Err(e) => Read::Problem(InputProblem {
            input: format!("stream message {}", t.seq),
            reason: format!("unreadable message, not an article: {e}"),
        }),
    }
}

/// A worker: its connections and what it has done.
struct Worker {
    config: WorkerConfig,
    rt: tokio::runtime::Runtime,
    client: async_nats::Client,
    stream: JsStream,
    consumer: PullConsumer,
    store: PgStore,
    engine: String,
    summary: WorkerSummary,
    stop: Arc<AtomicBool>,
    last_link: Instant,
    /// Since when NATS has not answered, while it does not.
    nats_down: Option<Instant>,
}

/// Open the store, waiting (and saying so) while PostgreSQL does not answer.
fn open_store(db: &str, schema: &str, stop: &AtomicBool) -> Result<PgStore, ClusterError> {
    let mut since: Option<Instant> = None;
    loop {
        match PgStore::open(db, schema) {
            Ok(s) => {
                if let Some(t) = since {
                    eprintln!(
                        "recoupe: PostgreSQL answers again (waited {:.1} s)",
                        t.elapsed().as_secs_f64()
                    );
                }
                return Ok(s);
            }
            Err(e) if is_unreachable(&e) && !stop.load(Ordering::SeqCst) => {
                if since.is_none() {
                    eprintln!(
                        "recoupe: waiting for PostgreSQL at {} ({e}); retrying every second",
                        redact(db)
                    );
                    since = Some(Instant::now());
                }
                std::thread::sleep(Duration::from_secs(1));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A database address without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Dirty piles a worker takes to link at once.
const LINK_CHUNK: usize = 64;

/// Run a worker until SIGTERM (or, with `exit_when_idle`, until there is nothing left
/// to do).
pub fn work(config: WorkerConfig) -> Result<WorkerSummary, ClusterError> {
    let rt = runtime()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        rt.spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let (Ok(mut term), Ok(mut int)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
            ) else {
                return;
            };
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
            eprintln!("recoupe: stopping: finishing the batch in hand, then acknowledging it");
            stop.store(true, Ordering::SeqCst);
        });
    }
    let (client, stream, consumer) = rt.block_on(async {
        let client = connect(&config.nats, true).await?;
        let js = jetstream::new(client.clone());
        let stream = ensure_stream(&js, &config.stream, config.duplicate_window).await?;
        let consumer: PullConsumer = stream
            .get_or_create_consumer(
                CONSUMER,
                jetstream::consumer::pull::Config {
                    durable_name: Some(CONSUMER.to_string()),
                    ack_policy: jetstream::consumer::AckPolicy::Explicit,
                    ack_wait: config.ack_wait,
                    max_ack_pending: config.max_ack_pending,
                    max_deliver: -1,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| stream_error(&config.stream, e))?;
        Ok::<_, ClusterError>((client, stream, consumer))
    })?;
    let store = open_store(&config.db, &config.schema, &stop)?;
    let mut worker = Worker {
        engine: recoupe::ingest::engine_stamp(),
        config,
        rt,
        client,
        stream,
        consumer,
        store,
        summary: WorkerSummary::default(),
        stop,
        last_link: Instant::now(),
        nats_down: None,
    };
    worker.run()?;
    Ok(worker.summary)
}

impl Worker {
    fn run(&mut self) -> Result<(), ClusterError> {
        let mut said_lock = false;
        while !self.stop.load(Ordering::SeqCst) {
            let taken = self.fetch();
            if taken.is_empty() {
                // The queue is drained, for this worker at least: link what is stored.
                match self.link_round()? {
                    Some(_) => said_lock = false,
                    None => {
                        if !said_lock {
                            eprintln!("recoupe: waiting: another worker holds the linking lock");
                            said_lock = true;
                        }
                        std::thread::sleep(Duration::from_millis(200));
                        continue;
                    }
                }
                if self.config.exit_when_idle && self.idle()? {
                    eprintln!("recoupe: the stream is empty and every stored article is linked");
                    break;
                }
                continue;
            }
            self.handle(taken)?;
            if self.last_link.elapsed() >= self.config.link_every {
                self.link_round()?;
            }
        }
        Ok(())
    }

    /// Up to one batch of messages, waiting at most a second for them. While NATS does
    /// not answer, this says so once, waits and returns nothing; the client reconnects.
    fn fetch(&mut self) -> Vec<Taken> {
        if self.client.connection_state() != async_nats::connection::State::Connected {
            // the connection's own messages say what is waited for
            std::thread::sleep(Duration::from_millis(200));
            return Vec::new();
        }
        let batch = self.config.batch;
        let consumer = &self.consumer;
        let got = self.rt.block_on(async {
            let pull = async {
                let mut out = Vec::new();
                let mut messages = consumer
                    .batch()
                    .max_messages(batch)
                    .expires(Duration::from_secs(1))
                    .messages()
                    .await?;
                while let Some(m) = messages.next().await {
                    let m = m?;
                    let (seq, delivered) = match m.info() {
                        Ok(i) => (i.stream_sequence as i64, i.delivered),
                        Err(_) => continue,
                    };
                    out.push(Taken {
                        message: m,
                        seq,
                        delivered,
                    });
                }
                Ok::<_, async_nats::Error>(out)
            };
            // a pull request sent while the connection is down may never be answered
            match tokio::time::timeout(Duration::from_secs(10), pull).await {
                Ok(r) => r,
                Err(_) => Err("no answer to a pull request within 10 s".into()),
            }
        });
        match got {
            Ok(v) => {
                self.nats_answers();
                v
            }
            Err(e) => {
                self.nats_waits(&e.to_string());
                Vec::new()
            }
        }
    }

    /// The stream's state, or None (said, and waited a second) while NATS does not answer.
    fn stream_state(&mut self) -> Option<jetstream::stream::State> {
        let stream = &self.stream;
        let got = self.rt.block_on(async {
            tokio::time::timeout(Duration::from_secs(10), stream.get_info()).await
        });
        match got {
            Ok(Ok(info)) => {
                self.nats_answers();
                Some(info.state)
            }
            Ok(Err(e)) => {
                self.nats_waits(&e.to_string());
                None
            }
            Err(_) => {
                self.nats_waits("no answer within 10 s");
                None
            }
        }
    }

    /// NATS did not answer: say so the first time, then wait a second.
    fn nats_waits(&mut self, e: &str) {
        if self.nats_down.is_none() {
            eprintln!(
                "recoupe: waiting for NATS at {} ({e}); the worker retries every second",
                redact(&self.config.nats)
            );
            self.nats_down = Some(Instant::now());
        }
        std::thread::sleep(Duration::from_secs(1));
    }

    /// NATS answered: say so when it had not.
    fn nats_answers(&mut self) {
        if let Some(t) = self.nats_down.take() {
            eprintln!(
                "recoupe: NATS answers again (waited {:.1} s)",
                t.elapsed().as_secs_f64()
            );
        }
    }

    /// Tell the server every few seconds that these messages are being worked on.
    fn keep_alive(&self, taken: &[Taken]) -> tokio::task::JoinHandle<()> {
        let acks: Vec<jetstream::Message> = taken.iter().map(|t| t.message.clone()).collect();
        let every = (self.config.ack_wait / 3).max(Duration::from_millis(500));
        self.rt.spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                for m in &acks {
                    let _ = m.ack_with(AckKind::Progress).await;
                }
            }
        })
    }

    fn ack(&self, taken: &[Taken], kind: AckKind) {
        self.rt.block_on(async {
            for t in taken {
                if let Err(e) = t.message.ack_with(kind).await {
                    eprintln!("recoupe: message {} not acknowledged ({e}); it will come again and be found stored", t.seq);
                }
            }
            // Acknowledgements are buffered: send them before anything else (an exit).
            if let Err(e) = self.client.flush().await {
                eprintln!("recoupe: acknowledgements not sent ({e}); those messages will come again and be found stored");
            }
        });
    }

    /// Analyse and commit one batch, then acknowledge it.
    fn handle(&mut self, taken: Vec<Taken>) -> Result<(), ClusterError> {
        let alive = self.keep_alive(&taken);
        let out = self.commit(&taken);
        alive.abort();
        match out {
            Ok(()) => {
                self.ack(&taken, AckKind::Ack);
                self.summary.batches += 1;
                self.summary.messages += taken.len();
                Ok(())
            }
            Err(Failure::Store(e)) => Err(e),
            Err(Failure::Failed(reason)) if taken.len() > 1 => {
                eprintln!(
                    "recoupe: a batch of {} failed ({reason}); taking its messages one by one",
                    taken.len()
                );
                for t in taken {
                    self.handle(vec![t])?;
                }
                Ok(())
            }
            Err(Failure::Failed(reason)) => {
                let t = &taken[0];
                if t.delivered >= self.config.max_deliveries {
                    eprintln!(
                        "recoupe: message {} failed {} times ({reason}); stored as a problem",
                        t.seq, t.delivered
                    );
                    let input = match read_message(t) {
                        Read::Article(a) => a.origin,
                        Read::Problem(p) => p.input,
                    };
                    let problem = InputProblem {
                        input,
                        reason: format!("given up after {} deliveries: {reason}", t.delivered),
                    };
                    self.commit_problems(&[(t.seq, problem)])?;
                    self.ack(&taken, AckKind::Term);
                    self.summary.problems += 1;
                } else {
                    eprintln!(
                        "recoupe: message {} failed (delivery {} of {}: {reason}); it will come again",
                        t.seq, t.delivered, self.config.max_deliveries
                    );
                    self.ack(&taken, AckKind::Nak(Some(Duration::from_millis(500))));
                }
                Ok(())
            }
        }
    }

    fn commit_problems(&mut self, problems: &[(i64, InputProblem)]) -> Result<(), ClusterError> {
        loop {
            match self.store.commit_stream(&Batch::default(), &[], problems) {
                Ok(_) => return Ok(()),
                Err(e) if is_unreachable(&e) => self.wait_for_store(&e)?,
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Wait until PostgreSQL answers again, saying what is waited for.
    fn wait_for_store(&mut self, e: &StoreError) -> Result<(), ClusterError> {
        eprintln!(
            "recoupe: waiting for PostgreSQL at {} ({e}); the batch in hand is kept and committed when it is back",
            redact(&self.config.db)
        );
        let t = Instant::now();
        loop {
            std::thread::sleep(Duration::from_secs(1));
            match self.store.reconnect() {
                Ok(()) => {
                    eprintln!(
                        "recoupe: PostgreSQL answers again (waited {:.1} s)",
                        t.elapsed().as_secs_f64()
                    );
                    return Ok(());
                }
                Err(e) if is_unreachable(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn commit(&mut self, taken: &[Taken]) -> Result<(), Failure> {
        let mut articles = Vec::new();
        let mut seqs = Vec::new();
        let mut problems = Vec::new();
        for t in taken {
            match read_message(t) {
                Read::Article(a) => {
                    articles.push(a);
                    seqs.push(t.seq);
                }
                Read::Problem(p) => problems.push((t.seq, p)),
            }
        }
        loop {
            let mut summary = IngestSummary::default();
            let store = &self.store;
            let engine = &self.engine;
            let batch = articles.clone();
            let prepared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                prepare_batch(store, batch, engine, &mut summary, &Silent)
            }));
            let prepared = match prepared {
                Ok(Ok(p)) => p,
                Ok(Err(e)) if is_unreachable(&e) => {
                    self.wait_for_store(&e).map_err(Failure::Store)?;
                    continue;
                }
                Ok(Err(e)) => return Err(Failure::Failed(e.to_string())),
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "the analysis panicked".into());
                    return Err(Failure::Failed(what));
                }
            };
            let key_bytes = prepared.key_bytes();
            let batch = Batch {
                articles: prepared
                    .fresh
                    .iter()
                    .zip(&prepared.keys)
                    .map(|((a, id, hash, _), key)| NewArticle {
                        article: a,
                        id: id.clone(),
                        hash: *hash,
                        analysis: *key,
                        pile: 0,
                    })
                    .collect(),
                analyses: prepared.analyses(&self.engine, &key_bytes),
                census_lines: prepared.census_lines.clone(),
                census_documents: prepared.fresh.len(),
            };
            let fresh_seqs: Vec<i64> = prepared.fresh.iter().map(|f| seqs[f.3]).collect();
            // Problems of the stream travel with the batch; renamed ids are said here.
            for p in &summary.problems {
                eprintln!("recoupe: {p}");
            }
            match self.store.commit_stream(&batch, &fresh_seqs, &problems) {
                Ok(Committed::Done) => {
                    let s = &mut self.summary;
                    s.stored += prepared.fresh.len();
                    s.already_stored += summary.already_stored;
                    s.analysed += summary.analysed;
                    s.problems += problems.len();
                    if summary.already_stored > 0 {
                        eprintln!(
                            "recoupe: {} article(s) of the batch were stored already (redelivered or resubmitted); acknowledged",
                            summary.already_stored
                        );
                    }
                    return Ok(());
                }
                Ok(Committed::Raced) => continue,
                Err(e) if is_unreachable(&e) => {
                    self.wait_for_store(&e).map_err(Failure::Store)?;
                }
                Err(e) => return Err(Failure::Failed(e.to_string())),
            }
        }
    }

    /// Put the articles below the stream's first unacknowledged message into piles, in
    /// stream order, then link every pile that changed. `None` when another worker
    /// holds the linking lock.
    fn link_round(&mut self) -> Result<Option<usize>, ClusterError> {
        self.last_link = Instant::now();
        loop {
            match self.try_link_round() {
                Ok(v) => return Ok(v),
                Err(ClusterError::Store(e)) if is_unreachable(&e) => self.wait_for_store(&e)?,
                Err(e) => return Err(e),
            }
        }
    }

    /// One linking round: the worker holding the lock puts the stored articles into
    /// piles; then every worker links dirty piles that no other is linking, a chunk at
    /// a time, until none is free. None: another worker holds the lock and no pile was
    /// free to link.
    fn try_link_round(&mut self) -> Result<Option<usize>, ClusterError> {
        let t = Instant::now();
        let lead = self.store.try_lead()?;
        let mut assigned = 0;
        if lead {
            let out = self.assign_as_leader();
            let released = self.store.release_lead();
            assigned = out?;
            released?;
        }
        let mut linked = 0;
        loop {
            let options = &self.config.options;
            let n = self.store.link_free_piles(LINK_CHUNK, |piles| {
                recoupe::ingest::link_piles(piles, options, &Silent)
            })?;
            if n == 0 {
                break;
            }
            linked += n;
        }
        if assigned > 0 || linked > 0 {
            eprintln!(
                "recoupe: {assigned} new article(s) put into stories; {linked} stories linked in {:.1} s",
                t.elapsed().as_secs_f64()
            );
        }
        self.summary.piles_linked += linked;
        Ok((lead || linked > 0).then_some(linked))
    }

    /// Put the stored articles below the stream's first unacknowledged message into
    /// piles, in stream order (under the linking lock). Returns how many.
    fn assign_as_leader(&mut self) -> Result<usize, ClusterError> {
        // without NATS the stream's end is unknown: assign nothing this round
        let Some(state) = self.stream_state() else {
            return Ok(0);
        };
        let below = if state.messages == 0 {
            state.last_sequence as i64 + 1
        } else {
            state.first_sequence as i64
        };
        let rows = self.store.unassigned(below)?;
        if !rows.is_empty() {
            let mut index = recoupe::ingest::replay(&self.store)?;
            let assigned: Vec<(i64, i64)> = rows
                .iter()
                .map(|r| {
                    let keys = DocKeys::from_bytes(&r.keys).unwrap_or_default();
                    (r.seq, index.assign(u128::from_le_bytes(r.analysis), &keys))
                })
                .collect();
            self.store.assign(&assigned)?;
        }
        Ok(rows.len())
    }

    /// Whether the stream is empty and every stored article is linked.
    fn idle(&mut self) -> Result<bool, ClusterError> {
        let Some(state) = self.stream_state() else {
            return Ok(false);
        };
        if state.messages > 0 {
            return Ok(false);
        }
        loop {
            match self.store.pending() {
                Ok(p) => return Ok(p == (0, 0)),
                Err(e) if is_unreachable(&e) => self.wait_for_store(&e)?,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

enum Failure {
    /// The store failed in a way no retry of this batch mends.
    Store(ClusterError),
    /// This batch failed (a refused statement, a panic): its messages come again.
    Failed(String),
}

/// The store a `--db` value names, as a [`Storage`]: a PostgreSQL database (and schema)
/// or the embedded SQLite file.
pub fn open_storage(db: &str, schema: &str) -> Result<Box<dyn Storage + Send>, StoreError> {
    if recoupe_pg::is_postgres_url(db) {
        Ok(Box::new(PgStore::open(db, schema)?))
    } else {
        Ok(Box::new(recoupe_store::Store::open(std::path::Path::new(
            db,
        ))?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_carry_the_content_hash() {
        let a = Article {
            id: "a".into(),
            origin: "a.txt".into(),
            body: "Le maire a parlé.".into(),
            title: Some("Titre".into()),
            ..Default::default()
        };
        let p = Payload::of_article(&a);
        let json = serde_json::to_vec(&p).unwrap();
        let back: Payload = serde_json::from_slice(&json).unwrap();
        assert_eq!(back.clone().into_article().unwrap(), a);
        let h = recoupe_store::content_hash(&a);
        assert_eq!(back.message_id().len(), 32);
        assert_eq!(
            back.message_id(),
            h.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let mut b = a.clone();
        b.body.push('!');
        assert_ne!(Payload::of_article(&b).message_id(), p.message_id());
    }

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redact("postgres://u:secret@db:5432/x"),
            "postgres://u:***@db:5432/x"
        );
        assert_eq!(redact("postgres://u@db/x"), "postgres://u@db/x");
        assert!(valid_stream("recoupe_t1-x"));
        assert!(!valid_stream("a.b"));
        assert!(!valid_stream(""));
    }
}
