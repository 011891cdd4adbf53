//! spaCy's transition-based NER decoder (BILUO moves, greedy search).
//!
//! The state reads one token at a time. Moves: `B-X` opens an entity, `I-X`
//! continues it, `L-X` closes it on the current token, `U-X` makes a one-token
//! entity, `O` is outside. The validity rules are those of `ner.pyx` for a text
//! without preset entities: no `B`/`I` on the last token, no entity across a
//! sentence start, none that starts on a whitespace token, labels must agree.
//! Each step scores the moves from three state tokens (current token, first
//! token of the open entity, previous token), through the precomputed lower
//! layer, maxout and the output layer, and takes the best valid move (first
//! one on ties, like spaCy's `arg_max_if_valid`).

use crate::net::{Linear, Precomputable};
use crate::NerError;

/// Entity labels of the French models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    Per,
    Loc,
    Org,
    Misc,
}

impl NerLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Loc => "LOC",
            NerLabel::Org => "ORG",
            NerLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => NerLabel::Per,
            "LOC" => NerLabel::Loc,
            "ORG" => NerLabel::Org,
            "MISC" => NerLabel::Misc,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub kind: MoveKind,
    /// None: spaCy's empty label (only valid on preset entities, so never here).
    pub label: Option<NerLabel>,
}

impl Move {
    pub fn parse(name: &str) -> Result<Self, NerError> {
        if name == "O" {
            return Ok(Move {
                kind: MoveKind::Out,
                label: None,
            });
        }
        let (kind, label) = name
            .split_once('-')
            .ok_or_else(|| NerError::Format(format!("unknown NER move {name:?}")))?;
        let kind = match kind {
            "B" => MoveKind::Begin,
            "I" => MoveKind::In,
            "L" => MoveKind::Last,
            "U" => MoveKind::Unit,
            _ => return Err(NerError::Format(format!("unknown NER move {name:?}"))),
        };
        let label = if label.is_empty() {
            None
        } else {
            Some(
                NerLabel::parse(label)
                    .ok_or_else(|| NerError::Format(format!("unknown NER label {label:?}")))?,
            )
        };
        Ok(Move { kind, label })
    }
}

/// Token facts the validity rules need.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenFlags {
    pub is_space: bool,
    pub sent_start: bool,
}

pub struct Decoder {
    pub moves: Vec<Move>,
    pub seen: Vec<bool>,
    pub lower: Precomputable,
    pub upper: Linear,
}

struct State {
    b0: usize,
    /// Start token and label of the open entity.
    open: Option<(usize, NerLabel)>,
}

impl Decoder {
    fn is_valid(&self, m: Move, st: &State, flags: &[TokenFlags]) -> bool {
        let n = flags.len();
        let b0 = st.b0;
        let buffer_len = n - b0;
        let next_is_sent_start = b0 + 1 < n && flags[b0 + 1].sent_start;
        match m.kind {
            MoveKind::Out => st.open.is_none(),
            MoveKind::Begin => {
                m.label.is_some()
                    && st.open.is_none()
                    && buffer_len >= 2
                    && !next_is_sent_start
                    && !flags[b0].is_space
            }
            MoveKind::In => match st.open {
                Some((_, l)) => m.label == Some(l) && buffer_len >= 2 && !next_is_sent_start,
                None => false,
            },
            MoveKind::Last => match st.open {
                Some((_, l)) => m.label == Some(l),
                None => false,
            },
            MoveKind::Unit => m.label.is_some() && st.open.is_none() && !flags[b0].is_space,
        }
    }

    /// Greedy decoding over `n` tokens whose lower-layer rows are in `cached`
    /// (n × row_len). Returns entities as token ranges.
    pub fn decode(
        &self,
        cached: &[f32],
        flags: &[TokenFlags],
        mut trace: Option<&mut Vec<Vec<f32>>>,
    ) -> Vec<(usize, usize, NerLabel)> {
        let n = flags.len();
        let lower = &self.lower;
        let nop = lower.n_out * lower.n_pieces;
        let row_len = lower.row_len();
        let n_classes = self.moves.len();
        let mut unmaxed = vec![0.0f32; nop];
        let mut hidden = vec![0.0f32; lower.n_out];
        let mut scores = vec![0.0f32; n_classes];
        let mut ents = Vec::new();
        let mut st = State { b0: 0, open: None };
        while st.b0 < n {
            let b0 = st.b0;
            let ids: [Option<usize>; 3] = match st.open {
                Some((start, _)) => [
                    Some(b0),
                    Some(start),
                    Some(b0.wrapping_sub(1)).filter(|_| b0 > 0),
                ],
                None => [Some(b0), None, None],
            };
            unmaxed.copy_from_slice(&lower.b);
            for (f, id) in ids.iter().enumerate().take(lower.n_feat) {
                let src = match id {
                    Some(t) => &cached[t * row_len + f * nop..t * row_len + (f + 1) * nop],
                    None => &lower.pad[f * nop..(f + 1) * nop],
                };
                for (u, s) in unmaxed.iter_mut().zip(src) {
                    *u += s;
                }
            }
            for (o, h) in hidden.iter_mut().enumerate() {
                let piece = &unmaxed[o * lower.n_pieces..(o + 1) * lower.n_pieces];
                let mut best = piece[0];
                for &v in &piece[1..] {
                    if v > best {
                        best = v;
                    }
                }
                *h = best;
            }
            self.upper.forward(&hidden, 1, &mut scores);
            if self.seen.iter().any(|s| !s) {
                let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
                for (s, seen) in scores.iter_mut().zip(&self.seen) {
                    if !seen {
                        *s = min;
                    }
                }
            }
            if let Some(t) = trace.as_deref_mut() {
                t.push(scores.clone());
            }
            let mut best: Option<usize> = None;
            for (i, &m) in self.moves.iter().enumerate() {
                if self.is_valid(m, &st, flags) && best.is_none_or(|b| scores[i] > scores[b]) {
                    best = Some(i);
                }
            }
            // Out is valid whenever no entity is open, and Last whenever one is.
            let Some(best) = best else { break };
            let m = self.moves[best];
            match (m.kind, m.label) {
                (MoveKind::Begin, Some(l)) => st.open = Some((b0, l)),
                (MoveKind::Last, Some(l)) => {
                    if let Some((start, _)) = st.open.take() {
                        ents.push((start, b0 + 1, l));
                    }
                }
                (MoveKind::Unit, Some(l)) => ents.push((b0, b0 + 1, l)),
                _ => {}
            }
            st.b0 += 1;
        }
        ents
    }
}
