"""Query parsing, folding and filter SQL shared by both archive backends.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from extractor.normalize import fold, normalize

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
STATUSES = ("overdue", "due_soon", "open", "no_deadline", "done")  # most urgent first, as reports show them

_TOKEN = re.compile(r"[^\W_]+")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


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
        from extractor.find.citations import normalize_number

        return normalize_number(word)
    except Exception:  # a hostile word must never break parsing: fall back to the word as typed
        return word


def _check_chars(query: str) -> str:
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
    items = _lex(_check_chars(query))
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
    if len(clauses) > MAX_TERMS or sum(len(c.terms) for c in clauses) > MAX_TERMS:
        raise QueryError(f"query has too many terms (at most {MAX_TERMS})")
    parsed = Query(tuple(clauses))
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


# ---- filters and status --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Validated search filters; ``where()`` renders them with ``?`` placeholders for either backend."""

    issuer: str | None = None
    assignee: str | None = None
    doc_type: str | None = None
    issued_from: str | None = None
    issued_to: str | None = None
    deadline_from: str | None = None
    deadline_to: str | None = None
    status: tuple[str, ...] = ()
    as_of: date = field(default_factory=date.today)
    due_days: int = 7
    include_superseded: bool = False

    def status_sql(self) -> tuple[str, list[Any]]:
        """CASE expression of the status, the same rule as :func:`status_of`."""
        soon = (self.as_of + timedelta(days=self.due_days)).isoformat()
        sql = (
            "(CASE WHEN t.done = 1 THEN 'done' "
            "WHEN t.deadline_date IS NULL THEN (CASE WHEN t.recurring = 1 THEN 'open' ELSE 'no_deadline' END) "
            "WHEN t.deadline_date < ? THEN 'overdue' WHEN t.deadline_date <= ? THEN 'due_soon' "
            "ELSE 'open' END)"
        )
        return sql, [self.as_of.isoformat(), soon]

    def where(self) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if not self.include_superseded:
            conds.append("t.superseded = 0")
        if self.issuer is not None:
            conds.append("t.issuer_fold = ?")
            params.append(fold(self.issuer).strip())
        if self.doc_type is not None:
            conds.append("t.doc_type_fold = ?")
            params.append(fold(self.doc_type).strip())
        if self.assignee is not None:
            conds.append(
                "EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.task_id "
                "AND u.role = 'assignee' AND u.canonical_fold = ?)"
            )
            params.append(fold(self.assignee).strip())
        for column, op, value in (
            ("t.issued_date", ">=", self.issued_from),
            ("t.issued_date", "<=", self.issued_to),
            ("t.deadline_date", ">=", self.deadline_from),
            ("t.deadline_date", "<=", self.deadline_to),
        ):
            if value is not None:
                conds.append(f"{column} {op} ?")
                params.append(value)
        if self.status:
            sql, sp = self.status_sql()
            conds.append(f"{sql} IN ({', '.join('?' for _ in self.status)})")
            params.extend(sp)
            params.extend(self.status)
        return conds, params


def _iso(name: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise QueryError(f"{name} must be a date or an ISO date YYYY-MM-DD, not {value!r}")


def _text(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} must be text, not {type(value).__name__}")
    _check_chars(value)
    return value


def make_filters(
    *,
    issuer: str | None = None,
    assignee: str | None = None,
    doc_type: str | None = None,
    issued_from: date | str | None = None,
    issued_to: date | str | None = None,
    deadline_from: date | str | None = None,
    deadline_to: date | str | None = None,
    status: str | Iterable[str] | None = None,
    as_of: date | str | None = None,
    due_days: int = 7,
    include_superseded: bool = False,
) -> Filters:
    """Validate user filter values (QueryError on a bad one) into :class:`Filters`."""
    statuses: tuple[str, ...] = ()
    if status is not None:
        statuses = (status,) if isinstance(status, str) else tuple(status)
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            raise QueryError(f"unknown status {bad[0]!r}; one of {', '.join(STATUSES)}")
    day = date.fromisoformat(_iso("as_of", as_of)) if as_of is not None else date.today()  # type: ignore[arg-type]
    if not isinstance(due_days, int) or due_days < 0:
        raise QueryError("due_days must be a whole number of days ≥ 0")
    return Filters(
        issuer=_text("issuer", issuer),
        assignee=_text("assignee", assignee),
        doc_type=_text("doc_type", doc_type),
        issued_from=_iso("issued_from", issued_from),
        issued_to=_iso("issued_to", issued_to),
        deadline_from=_iso("deadline_from", deadline_from),
        deadline_to=_iso("deadline_to", deadline_to),
        status=statuses,
        as_of=day,
        due_days=due_days,
        include_superseded=include_superseded,
    )


def status_of(
    deadline_date: str | None, done: bool, as_of: date, due_days: int = 7, recurring: bool = False
) -> str:
    """overdue, due_soon (deadline within ``due_days``), open, no_deadline or done, as of a day.

    The same rules as ``extractor.archive.status.task_status`` (a recurring task without a date is
    open), and as :meth:`Filters.status_sql`, so SQL filters and Python agree.
    """
    if done:
        return "done"
    if not deadline_date:
        return "open" if recurring else "no_deadline"
    if deadline_date < as_of.isoformat():
        return "overdue"
    if deadline_date <= (as_of + timedelta(days=due_days)).isoformat():
        return "due_soon"
    return "open"


def iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD day of a stored date (a timestamp is cut to its day); None if not a date."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def placeholders(sql: str, style: str) -> str:
    """Rewrite ``?`` placeholders for psycopg (``%s``); the shared SQL has no literal ? or %."""
    return sql.replace("?", "%s") if style == "format" else sql


def unique(values: Sequence[str | None]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out
