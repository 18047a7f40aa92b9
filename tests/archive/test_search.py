"""Search: folding (đ too), phrases, citations, exact-first ranking, filters, facets, hostile input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.archive import QueryError, Store, parse_query
from extractor.normalize import fold

from .conftest import synthetic

CITED = "61/2018/NĐ-CP"


def ids(hits: list) -> set[str]:
    return {h.task["id"] for h in hits}


def haystack(task: dict) -> str:
    """Everything the index covers, folded, as one string."""
    parts = [task["text"], *task["section"], *task["assignees"], *task["collaborators"]]
    parts += [u["canonical"] for u in task["assignee_units"] + task["collaborator_units"]]
    parts += [r["text"] for r in task["references"]] + [r["number"] or "" for r in task["references"]]
    doc = task["document"]
    parts += [doc["number"] or "", doc["issuer"] or "", doc["doc_type"] or ""]
    return " ".join(fold(" ".join(p.split())) for p in parts)


def test_accent_insensitive(seeded: Store) -> None:
    plain = seeded.search("noi vu", limit=None)
    assert plain and ids(plain) == ids(seeded.search("Nội vụ", limit=None)) == ids(
        seeded.search("NỘI VỤ", limit=None)
    )
    assert sum("nội vụ" in h.task["text"].lower() for h in plain) > 0


def test_d_with_stroke_folds(seeded: Store) -> None:
    hits = seeded.search("don vi", limit=None)
    with_text = {t["id"] for t in seeded.tasks() if "đơn vị" in t["text"].lower()}
    assert with_text and with_text <= ids(hits)
    assert ids(hits) == ids(seeded.search("ĐƠN VỊ", limit=None)) == ids(seeded.search("Đơn vị", limit=None))


def test_phrase(seeded: Store) -> None:
    phrase = seeded.search('"Phòng Nội vụ"', limit=None)
    words = seeded.search("Phòng Nội vụ", limit=None)
    assert phrase and ids(phrase) <= ids(words)
    for hit in phrase:
        assert "phong noi vu" in haystack(hit.task)
    assert seeded.search('"vụ nội phòng"') == []


@pytest.mark.parametrize("form", [CITED, "nd-cp 61/2018", "61/2018", "61/2018/NĐCP", "61/2018/nd-cp"])
def test_citation_forms(seeded: Store, form: str) -> None:
    citing = {t["id"] for t in seeded.tasks() if any(r["number"] == CITED for r in t["references"])}
    assert citing
    hits = seeded.search(form, limit=None)
    assert citing <= ids(hits)
    assert ids(hits) == ids(seeded.search(CITED, limit=None))
    assert hits[0].task["id"] in citing  # a task citing it itself outranks one whose document does
    assert not seeded.search("161/2018")


def test_exact_diacritics_rank_first(store: Store) -> None:
    store.add(
        synthetic(
            "rank",
            [
                ("Tổ chức hội nghị về nói vũ điệu dân gian", None),
                ("Tổ chức hội nghị về nội vụ của tỉnh", None),
                ("Tổ chức hội nghị về nồi vú", None),
            ],
            assignee="Ban Tổ chức",
        )
    )
    assert "nội vụ" in store.search("nội vụ")[0].task["text"]
    assert "nói vũ" in store.search("nói vũ")[0].task["text"]
    assert "nồi vú" in store.search('"nồi vú"')[0].task["text"]
    assert len(store.search("noi vu")) == 3
    top, *rest = store.search("nội vụ")
    assert all(top.score > h.score for h in rest)


def test_boolean_operators(store: Store) -> None:
    store.add(
        synthetic(
            "ops", [("kiểm tra nước sạch", None), ("kiểm tra an toàn thực phẩm", None), ("báo cáo", None)]
        )
    )
    assert len(store.search("kiểm tra")) == 2
    assert [h.task["text"] for h in store.search("kiểm tra -nước")] == ["kiểm tra an toàn thực phẩm"]
    assert [h.task["text"] for h in store.search('kiểm tra NOT "thực phẩm"')] == ["kiểm tra nước sạch"]
    assert len(store.search("nước OR báo")) == 2
    assert len(store.search("kiểm AND tra")) == 2


def test_filters_and_facets(store: Store) -> None:
    store.add(
        synthetic(
            "a",
            [("lập kế hoạch", "2024-05-01"), ("rà soát kế hoạch", None)],
            issuer="Ủy ban nhân dân tỉnh Đắk Lắk",
            assignee="Sở Nội vụ",
        )
    )
    store.add(
        synthetic(
            "b",
            [("triển khai kế hoạch", "2024-06-30")],
            issuer="Bộ Nội vụ",
            doc_type="Kế hoạch",
            issued_date="2024-04-01",
            assignee="Sở Tài chính",
        )
    )
    assert len(store.search("kế hoạch", issuer="uy ban nhan dan tinh dak lak")) == 2
    assert len(store.search("ke hoach", assignee="Sở Tài chính tỉnh Thử Nghiệm")) == 1
    assert len(store.search("", doc_type="kế hoạch")) == 1
    assert len(store.search("", issued_from="2024-03-01")) == 1
    assert len(store.search("", issued_to=date(2024, 3, 1))) == 2
    assert len(store.search("", deadline_from="2024-05-01", deadline_to="2024-05-31")) == 1
    facets = store.facets("kế hoạch", as_of="2024-05-20")
    assert facets["issuer"] == [("Ủy ban nhân dân tỉnh Đắk Lắk", 2), ("Bộ Nội vụ", 1)]
    assert facets["doc_type"] == [("Công văn", 2), ("Kế hoạch", 1)]
    assert facets["assignee"] == [("Sở Nội vụ tỉnh Thử Nghiệm", 2), ("Sở Tài chính tỉnh Thử Nghiệm", 1)]
    assert dict(facets["status"]) == {"overdue": 1, "no_deadline": 1, "open": 1}
    # every facet value filters to its own count
    for value, count in facets["issuer"]:
        assert len(store.search("kế hoạch", issuer=value)) == count
    for value, count in facets["assignee"]:
        assert len(store.search("kế hoạch", assignee=value)) == count


def test_empty_query_lists_by_deadline(seeded: Store) -> None:
    hits = seeded.search("", limit=None)
    assert len(hits) == seeded.counts()["current_tasks"]
    dates = [h.task["deadline"]["date"] for h in hits if h.task["deadline"] and h.task["deadline"]["date"]]
    assert dates == sorted(dates)
    assert len(seeded.search("", limit=3)) == 3


MALFORMED = [
    '"unbalanced',
    'Nội vụ "Phòng',
    "-",
    "OR",
    "nội OR",
    "OR vụ",
    "NOT",
    "a OR OR b",
    "-nội",
    "\x00",
    "nội\x07vụ",
    "x" * 10_000,
    "!!! ???",
    "*",
    " - ",
    "AND",
]

ODD_BUT_FINE = [
    "'; DROP TABLE tasks; --",
    "nội vụ' OR '1'='1",
    "NEAR(nội vụ)",
    "nội* vụ^",
    "col:nội",
    "(nội vụ",
    "%_%",
    "\\",
    "a:b:c",
    "ĐƠN-VỊ",
    "61/2018/NĐ-CP/",
    "1e10 0x1f",
    "\t\nnội\r\nvụ",
    "ǅ ᾈ ﬁ ß",
    "🙂 nội",
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_raise_query_error(seeded: Store, query: str) -> None:
    with pytest.raises(QueryError) as err:
        seeded.search(query)
    assert str(err.value) and "sql" not in str(err.value).lower()
    with pytest.raises(QueryError):
        seeded.facets(query)


@pytest.mark.parametrize("query", ODD_BUT_FINE)
def test_odd_queries_are_safe(seeded: Store, query: str) -> None:
    before = seeded.counts()
    try:
        seeded.search(query)
        seeded.facets(query)
    except QueryError:
        pass
    assert seeded.counts() == before


def test_parse_query_shapes() -> None:
    q = parse_query('"Phòng Nội vụ" nd-cp OR 61/2018 -"thực hiện"')
    assert [c.negated for c in q.clauses] == [False, False, True]
    assert q.clauses[0].terms[0].tokens == ("phong", "noi", "vu")
    assert [t.tokens for t in q.clauses[1].terms] == [("nd", "cp"), ("61", "2018")]
    assert q.exact_strings() == ["phòng nội vụ", "nd-cp", "61/2018"]
    assert parse_query("").empty and parse_query("   ").empty


hostile = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "OR",
                "AND",
                "NOT",
                "(",
                ")",
                "*",
                ":",
                "^",
                "'",
                ";",
                "\\",
                "%",
                "nội",
                "vụ",
                "61/2018",
                "NĐ-CP",
                " ",
                "\x00",
                "\u0301",
                "đ",
            ]
        ),
        max_size=12,
    ).map("".join),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=990, max_size=1010),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=hostile)
def test_any_query_is_safe(seeded: Store, query: str) -> None:
    """Whatever the string: results or a QueryError, never a database error."""
    try:
        hits = seeded.search(query, limit=5)
        assert len(hits) <= 5
        seeded.facets(query)
    except QueryError as err:
        assert str(err)
