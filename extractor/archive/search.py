"""Query parsing and folding shared by both archive backends (filters: :mod:`.filters`).

Both backends index the same Python-folded token strings (``fold`` maps đ → d, which neither
SQLite's unicode61 nor a plain ``unaccent`` does), so a query matches the same tasks in SQLite and
PostgreSQL; only the final match syntax (an FTS5 string, a tsquery expression) differs.

Grammar (no SQL or FTS syntax ever reaches the database from the user):

    query   := clause*                 clauses are ANDed
    clause  := ["-" | "NOT "] term ("OR" term)*
    term    := WORD | '"' phrase '"'

A WORD with a "/" is read as a số ký hiệu and normalized ("61/2018/NĐCP" → "61/2018/NĐ-CP"); a WORD
or phrase becomes the sequence of its folded alphanumeric tokens, matched as a phrase, so
"61/2018", "nd-cp" and "Phòng Nội vụ" are all adjacency matches. Anything malformed raises
:class:`QueryError` with a message meant for the person who typed the query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.find.citations import normalize_number
from extractor.normalize import fold, normalize

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32

_TOKEN = re.compile(r"[^\W_]+")


class QueryError(ValueError):
    """A search query or filter that cannot be understood; ``str()`` says why, for the user."""


@dataclass(frozen=True)
class Term:
    """One word or quoted phrase: folded tokens to match, lowercased original for the exact bonus."""

    tokens: tuple[str, ...]
    exact: str


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; ``negated`` excludes tasks matching any of them."""

    terms: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]

    def exact_strings(self) -> list[str]:
        """Unfolded strings whose literal presence ranks a hit first (exact diacritics)."""
        out: list[str] = []
        for clause in self.positive:
            for term in clause.terms:
                if term.exact and term.exact not in out:
                    out.append(term.exact)
        return out


class _FoldTable(dict[int, str]):
    """Per-character ``fold``, memoized: str.translate with it is ~10x faster than ``fold``."""

    def __missing__(self, key: int) -> str:
        value = fold(chr(key))
        if len(self) < 65536:  # hostile input cannot grow it without bound
            self[key] = value
        return value


_FOLD = _FoldTable()


def tokens(text: str) -> list[str]:
    """Folded alphanumeric tokens: the unit both backends index and match."""
    return _TOKEN.findall(text.lower().translate(_FOLD))


def token_string(*parts: str | None) -> str:
    """Space-joined folded tokens of ``parts``, ready to index."""
    return " ".join(t for p in parts if p for t in tokens(p))


def exact_form(text: str) -> str:
    """Lowercased, NFC, single-spaced text: what the exact-diacritics tie-break compares."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _citation(word: str) -> str:
    """Normalize a số ký hiệu typed by a user the way the extractor normalizes citations."""
    if "/" not in word or not any(ch.isdigit() for ch in word):
        return word
    try:
        return normalize_number(word)
    except Exception:  # a hostile word must never break parsing: fall back to the word as typed
        return word


def check_chars(query: str) -> str:
    """The text with tabs and newlines as spaces; QueryError for a control or invalid character."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query is too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    for ch in query:
        cat = unicodedata.category(ch)
        if ch in "\t\n\r":
            continue
        if cat == "Cc":
            raise QueryError(f"query contains a control character (U+{ord(ch):04X})")
        if cat == "Cs":
            raise QueryError(f"query contains an invalid character (U+{ord(ch):04X})")
    return re.sub(r"[\t\n\r]", " ", query)


def _lex(query: str) -> list[tuple[str, str]]:
    """(kind, text) items: ("word", w), ("phrase", p), ("neg", "-"), ("or", "OR"), ("and", "AND")."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError('unbalanced quote: a phrase opened with " is not closed')
            out.append(("phrase", query[i + 1 : end]))
            i = end + 1
            continue
        if ch == "-" and (i == 0 or query[i - 1].isspace()):
            if i + 1 >= n or query[i + 1].isspace():
                raise QueryError('"-" must be followed by a word or phrase to exclude, e.g. -"Nội vụ"')
            out.append(("neg", "-"))
            i += 1
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        word = query[i:j]
        if word in ("OR", "|", "||"):
            out.append(("or", word))
        elif word in ("AND", "&", "&&", "+"):
            out.append(("and", word))
        elif word == "NOT":
            out.append(("neg", word))
        else:
            out.append(("word", word))
        i = j
    return out


def parse_query(query: str | None) -> Query:
    """Parse a user query; raises :class:`QueryError` on anything malformed. "" means no text filter."""
    if query is None:
        return Query()
    if not isinstance(query, str):
        raise QueryError(f"query must be text, not {type(query).__name__}")
    items = _lex(check_chars(query))
    clauses: list[Clause] = []
    current: list[Term] = []
    negated = False
    pending_or = False
    pending_neg = False
    dropped = False

    def close() -> None:
        nonlocal current, negated
        if current:
            clauses.append(Clause(tuple(current), negated))
        current, negated = [], False

    for pos, (kind, text) in enumerate(items):
        if kind == "or":
            if not current or pending_or or pending_neg:
                raise QueryError(f'"{text}" needs a word or phrase on both sides')
            pending_or = True
            continue
        if kind == "and":
            if pending_or or pending_neg or pos == 0 or pos == len(items) - 1:
                raise QueryError(f'"{text}" needs a word or phrase on both sides')
            continue
        if kind == "neg":
            if pending_or:
                raise QueryError("an excluded term cannot be one side of OR")
            if pending_neg:
                raise QueryError(f'"{text}" is repeated')
            pending_neg = True
            continue
        raw = _citation(text) if kind == "word" else text
        toks = tuple(tokens(raw))
        if not toks:
            if pending_neg or pending_or:
                raise QueryError(f'"{text}" has no letters or digits to search for')
            dropped = True
            continue
        term = Term(toks, exact_form(normalize(raw)))
        if pending_or:
            current.append(term)
            pending_or = False
            continue
        close()
        current, negated, pending_neg = [term], pending_neg, False
    if pending_or:
        raise QueryError('"OR" needs a word or phrase on both sides')
    if pending_neg:
        raise QueryError('"-"/"NOT" must be followed by a word or phrase to exclude')
    close()
    return _checked(Query(tuple(clauses)), dropped)


def _checked(parsed: Query, dropped: bool) -> Query:
    """The parsed query, unless it is too big or has nothing left to look for."""
    if len(parsed.clauses) > MAX_TERMS or sum(len(c.terms) for c in parsed.clauses) > MAX_TERMS:
        raise QueryError(f"query has too many terms (at most {MAX_TERMS})")
    if parsed.clauses and not parsed.positive:
        raise QueryError("a query needs at least one word that is not excluded")
    if dropped and not parsed.clauses:
        raise QueryError("query has no letters or digits to search for")
    return parsed


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH string: every token is [^\\W_]+ inside double quotes, so nothing is syntax."""

    def phrase(t: Term) -> str:
        return '"' + " ".join(t.tokens) + '"'

    def group(c: Clause) -> str:
        return "(" + " OR ".join(phrase(t) for t in c.terms) + ")"

    expr = "(" + " AND ".join(group(c) for c in query.positive) + ")"
    for c in query.negative:
        expr += " NOT " + group(c)
    return expr
