"""The offline briefing: graph centrality weighed against a lead prior whose strength each article sets, then a
choice without repeats.

Centrality is TextRank/LexRank-style: PageRank over the TF-IDF cosine graph of the article's sentences, so a sentence
counts as central when central sentences resemble it. Position is a prior, not a rule: news puts facts first, but
how much to trust that depends on the article. Its strength grows with how central the lead is (an anecdote or a
quote that opens a feature is not), with how much more central the top third is than the bottom half (an inverted
pyramid; a story whose key points are spread out is not one) and with the article's length (in a dozen sentences
every sentence is near the top, and position tells little). So CNN-style stories keep their lead and BBC-style
ones, whose key sentences are spread out, get them. Weights were chosen on rows 0-49 of cnndm-sample.jsonl, 0-199 of
cnndm.jsonl and lines 0-39 of bbc.jsonl (python -m bench.briefing_tuning), then checked on whole files.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from operator import mul, sub

from summaries.cleanup import is_furniture
from summaries.model import Article, Briefing, Sentence
from summaries.tokens import content_words

MAX_GRAPH_SENTENCES = 250
"""Sentences the briefing draws from: the graph costs the square of this; no news story is longer."""


@dataclass(frozen=True, slots=True)
class BriefingWeights:
    """Chosen by grid search on the tuning rows, checked on every file (bench/summaries.py)."""

    position: float = 1.0
    """Weight of the lead prior for a long article whose lead is its most central sentence and whose top is as
    central as its bottom."""
    position_decay: float = 0.3
    lead_bonus: float = 0.4
    """Extra prior for the first sentence, a share of the position weight."""
    adapt_length: int = 25
    """Sentences from which an article counts as long: shorter ones get a proportionally weaker prior."""
    lead_centrality_power: float = 0.5
    """How sharply the prior falls as the lead is less central (0: not at all)."""
    pyramid_power: float = 1.5
    """How sharply the prior follows the ratio of the top third's mean centrality to the bottom half's (0: not at
    all): an inverted pyramid puts its central sentences first; a story whose key points are spread out does not."""
    damping: float = 0.85
    iterations: int = 30
    short_words: int = 8
    short_penalty: float = 0.5
    quote_penalty: float = 0.2
    question_penalty: float = 0.4
    caption_penalty: float = 0.2
    title: float = 0.3
    """Weight of the cosine with the headline, when there is one."""
    redundancy: float = 1.0
    """Penalty per unit of similarity to a sentence already chosen (MMR)."""
    duplicate_overlap: float = 0.6


DEFAULT_WEIGHTS = BriefingWeights()

_OPENING_FURNITURE = re.compile(
    r"""(?:video\s+)?scroll\s+down\b|read\s+more\b|published\s*:|updated\s*:|last\s+updated\b|click\s+here\b|
    e-?mail\s+your\b|share\s+your\s+(?:thoughts|story|stories|views)\b|follow\s+(?:us\b|@)""",
    re.IGNORECASE | re.VERBOSE,
)
_CLOSING_FURNITURE = re.compile(
    r"\bcontributed\s+to\s+this\s+(?:report|story)\b|\bclick\s+here\b[^.]{0,20}[.!]?$", re.I
)
"""Page furniture that survives as a sentence inside a paragraph ("Scroll down for video", "Read more: ...",
"CNN's X contributed to this report."): never news, so never in a briefing."""
_PHOTO_CUE = re.compile(
    r"\((?:left|right|centre|center|top|bottom|above|below|pictured|inset)\b[^)]{0,40}\)|\bpictured\b", re.IGNORECASE
)
"""A sentence that points at a photo reads as its caption, which restates the story rather than telling it."""


def is_sentence_furniture(text: str) -> bool:
    """Navigation, credits and share prompts left inside the body text. The closing patterns are searched only
    when their words are there: a regex search through every sentence costs more than the rest of the scoring."""
    if _OPENING_FURNITURE.match(text) or is_furniture(text):
        return True
    lowered = text.lower()
    return ("contributed" in lowered or "click here" in lowered) and bool(_CLOSING_FURNITURE.search(text))


def _points_at_photo(text: str) -> bool:
    return ("(" in text or "ictured" in text) and bool(_PHOTO_CUE.search(text))


Graph = list[dict[int, float]]
"""For each sentence, the cosine similarity to every sentence it shares a word with."""


def similarity_graph(bags: list[Counter[str]]) -> Graph:
    """TF-IDF cosine between sentences, through an index of words so that only pairs sharing a word are visited."""
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {w: math.log((n + 1) / (c + 0.5)) + 1.0 for w, c in df.items()}
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, bag in enumerate(bags):
        weights = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in weights.values()))
        for w, x in weights.items():
            postings[w].append((i, x / norm))
    graph: Graph = [defaultdict(float) for _ in range(n)]
    for entries in postings.values():
        for (i, a), (j, b) in combinations(entries, 2):
            graph[i][j] += a * b
            graph[j][i] += a * b
    return graph


def pagerank(graph: Graph, damping: float, iterations: int, tolerance: float = 1e-5) -> list[float]:
    """Weighted PageRank by power iteration, stopping early once the ranks settle (the graph is symmetric, so each
    sentence pulls rank along its own edges); a sentence linked to nothing spreads its rank evenly.

    Each step runs in `map` over parallel tuples of neighbours and weights, not a generator per edge: a long page's
    dense graph (250 sentences, 14,000 edges) took 60 ms with one. Settling at 1e-5 (the ranks sum to 1), not 1e-6,
    changes none of the 1,200 corpus briefings and takes a third less time on the Discord benchmark's web pages."""
    n = len(graph)
    if not n:
        return []
    neighbours = [tuple(links) for links in graph]
    weights = [tuple(links.values()) for links in graph]
    scale = [damping / total if (total := sum(w)) else 0.0 for w in weights]
    isolated = [i for i, w in enumerate(weights) if not w]
    rank = [1.0 / n] * n
    for _ in range(iterations):
        base = (1.0 - damping + damping * sum(rank[i] for i in isolated)) / n
        share = list(map(mul, rank, scale)).__getitem__
        new = [base + sum(map(mul, map(share, near), w)) for near, w in zip(neighbours, weights, strict=True)]
        settled = sum(map(abs, map(sub, new, rank))) < tolerance
        rank = new
        if settled:
            break
    return rank


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    norm = math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))
    return sum(c * b[w] for w, c in a.items() if w in b) / norm if norm else 0.0


Scored = tuple[Sentence, float]
"""A sentence and its score (higher is more briefing-worthy)."""


def lead_prior_strength(centrality: list[float], weights: BriefingWeights = DEFAULT_WEIGHTS) -> float:
    """How much this article's lead position should count: most for a long inverted pyramid (its lead the most
    central sentence, its top third more central than its bottom half), little for a short article, one that opens
    off its topic, or one whose central sentences lie further down. `centrality` is scaled so its maximum is 1."""
    if not centrality:
        return 0.0
    n = len(centrality)
    length = min(1.0, n / weights.adapt_length)
    top = centrality[: max(1, n // 3)]
    bottom = centrality[n // 2 :]
    top_mean, bottom_mean = sum(top) / len(top), sum(bottom) / len(bottom)
    pyramid = (top_mean / bottom_mean) ** weights.pyramid_power if bottom_mean else 1.0
    return weights.position * length * centrality[0] ** weights.lead_centrality_power * pyramid


def sentence_scores(article: Article, weights: BriefingWeights = DEFAULT_WEIGHTS) -> tuple[list[Scored], Graph]:
    """Every sentence worth considering, scored, with the similarity graph `select` reuses."""
    sentences = article.sentences[:MAX_GRAPH_SENTENCES]
    bags = [Counter(content_words(s.text)) for s in sentences]
    graph = similarity_graph(bags)
    rank = pagerank(graph, weights.damping, weights.iterations)
    top = max(rank, default=0.0) or 1.0
    centrality = [r / top for r in rank]
    strength = lead_prior_strength(centrality, weights)
    title = Counter(content_words(article.title or ""))
    scored = []
    for i, (sentence, bag) in enumerate(zip(sentences, bags, strict=True)):
        title_similarity = _cosine(bag, title)
        if sentence.caption and title_similarity >= weights.duplicate_overlap:
            continue  # a heading that restates the headline
        if is_sentence_furniture(sentence.text):
            continue
        prior = math.exp(-weights.position_decay * i) + (weights.lead_bonus if not i else 0.0)
        score = centrality[i] + strength * prior + weights.title * title_similarity
        if len(sentence.text.split()) < weights.short_words:
            score -= weights.short_penalty
        if sentence.caption or _points_at_photo(sentence.text):
            score -= weights.caption_penalty
        if sentence.text[:1] in "\"'\u201c\u2018":
            score -= weights.quote_penalty
        if sentence.text.rstrip("\"'\u201d\u2019 ").endswith("?"):
            score -= weights.question_penalty
        scored.append((sentence, score))
    return scored, graph


def select(
    scored: list[Scored], graph: Graph, count: int, weights: BriefingWeights = DEFAULT_WEIGHTS
) -> list[Sentence]:
    """Greedy choice with a redundancy penalty (MMR); near-duplicates of a chosen sentence are skipped. Back in
    article order."""
    chosen: list[Sentence] = []
    pool = list(scored)
    while pool and len(chosen) < count:
        best, best_value = None, -math.inf
        for sentence, score in pool:
            edges = graph[sentence.index]
            overlap = max((edges.get(c.index, 0.0) for c in chosen), default=0.0)
            if overlap >= weights.duplicate_overlap:
                continue
            value = score - weights.redundancy * overlap
            if value > best_value:
                best, best_value = sentence, value
        if best is None:
            break
        chosen.append(best)
        pool = [item for item in pool if item[0].index != best.index]
    return sorted(chosen, key=lambda s: s.index)


class ExtractiveSummarizer:
    """Offline, CPU-only, a few milliseconds per article."""

    name = "offline"

    def __init__(self, weights: BriefingWeights = DEFAULT_WEIGHTS) -> None:
        self.weights = weights

    def brief(self, article: Article, *, sentences: int = 4) -> Briefing:
        scored, graph = sentence_scores(article, self.weights)
        chosen = select(scored, graph, sentences, self.weights)
        return Briefing(headline=article.headline, sentences=tuple(s.text for s in chosen), engine=self.name)
