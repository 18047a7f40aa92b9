"""RRULEs for recurring tasks, from data cases, and through the pipeline."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from extractor.find.recurrence import rrule_for
from extractor.pipeline import extract_bytes
from tests.conftest import ROOT

CASES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "recurrence_cases.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rrule(case: dict[str, Any]) -> None:
    assert rrule_for(case["value"], case["text"]) == case["rule"]


def test_recurring_task_record_carries_its_rule() -> None:
    text = (
        "Kính gửi: Phòng Văn hóa và Thông tin.\n\n"
        "1. Phòng Văn hóa và Thông tin\n"
        "- Định kỳ hằng tháng, trước ngày 15 hằng tháng tổng hợp tình hình sử dụng phần mềm, báo cáo UBND huyện.\n"
    )
    result = extract_bytes(text.encode(), "case.txt", ".txt")
    [task] = result.tasks
    assert task.recurrence == "monthly"
    assert task.recurrence_rule == "FREQ=MONTHLY;BYMONTHDAY=15"
