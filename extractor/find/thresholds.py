"""Every tuned number of the finders, named, with the reason it has its value.

The finders read these names instead of bare numbers, so a newcomer sees in one place what
was tuned and why, and a change to one shows up in review. Values were set on the dev corpus
(d01–d48) and checked on documents not looked at while tuning; the reason says what each
guards against. Units: words (``*_WORDS``), characters (``*_CHARS``) or lines (``*_LINES``).
"""

from __future__ import annotations

from typing import Final

# ---- header and closing blocks (extractor/find/header*) ---------------------------------------

# -- the official header (header/official.py)
# Lines read as the header from the first line with text: both columns, the tên loại and
# trích yếu and "Kính gửi" fit even one field per line; further down is the body.
HEADER_LINES: Final = 45
# A date line ("Vị Thanh, ngày 6 tháng 4 năm 2011") hard-wrapped by a converter runs on this far
# past the end of the cell where it starts.
DATE_LINE_SPILL_CHARS: Final = 40
# Longest place name before ", ngày": the longest city and district names fit; longer is prose.
PLACE_MAX_CHARS: Final = 40
# A tên loại line in capitals is short ("KẾ HOẠCH"); a longer line in capitals is a title.
TYPE_LINE_MAX_CHARS: Final = 40
# Words after the type name on the tên loại line ("THÔNG BÁO KẾT LUẬN"); more is a heading that
# merely starts with a type word.
TYPE_LINE_EXTRA_CHARS: Final = 12
# A trích yếu after "V/v" wraps onto at most this many more cells …
VV_SUBJECT_CELLS: Final = 5
# … lying at most this many lines below the "V/v" line (farther is the body).
VV_SUBJECT_LINES: Final = 6
# A trích yếu under the tên loại line: at most this many cells are read.
SUBJECT_CELLS: Final = 8
# A line not in capitals and longer than this is body prose, not a trích yếu line.
SUBJECT_LONG_CHARS: Final = 60
# A "Kính gửi" / "Nơi nhận" list: the "-" items among the next cells (an exclusive end offset).
LABEL_LIST_CELLS: Final = 40

# -- the closing blocks (header/closing.py)
# Lines from the end searched for the signature and "Nơi nhận" when no appendix follows them.
CLOSING_LINES: Final = 45
# When "Nơi nhận" stands higher (an appendix after it), the search window is this many lines
# above it (the signature beside or above) …
NOI_NHAN_LINES_BEFORE: Final = 12
# … and this many below it (its list and a signature under it).
NOI_NHAN_LINES_AFTER: Final = 30
# Text after the signature or the last "Nơi nhận" item longer than this is an appendix (Phụ lục)
# whose tasks are read; shorter is a footer (page number, "./.").
APPENDIX_MIN_CHARS: Final = 300
# The signer's title in capitals stands among the cells just above the name.
SIGNER_TITLE_CELLS: Final = 12
# A glued "PHÓ CHÁNH VĂN PHÒNGThái Hữu Phép" needs a title longer than this before the name.
GLUED_TITLE_MIN_CHARS: Final = 3
# A Vietnamese name has two to this many words ("Nguyễn Thị Minh Khai"); more is a sentence.
SIGNER_NAME_MAX_WORDS: Final = 5
# "TM. ỦY BAN NHÂN DÂN": the body after the mark, after its first letter, in this many chars.
SIGNATURE_BODY_MIN_CHARS: Final = 3
SIGNATURE_BODY_MAX_CHARS: Final = 60

# -- pages without a header: portal and news articles (header/portal.py)
# A headline (the subject) has at least this many words …
HEADLINE_MIN_WORDS: Final = 3
# … and at most this many (longer is the article's first paragraph).
HEADLINE_MAX_WORDS: Final = 35
# Date stamps and the site name follow the headline on at most this many lines.
STAMP_LINES: Final = 3
# "Công văn số 12/UBND-VP …" as a headline: only the first lines with text are read.
HEADLINE_NUMBER_LINES: Final = 4
# The reported document is named in the article's opening: its number is looked for this far …
REPORT_NUMBER_CHARS: Final = 6000
# … the date of an unnumbered one ("Ngày 9/11, UBND tỉnh ban hành văn bản …") this far …
REPORT_DATE_CHARS: Final = 3000
# … and the issuing body ("UBND tỉnh vừa ban hành …") this far after the headline.
REPORT_ISSUER_CHARS: Final = 1500
# "Ngày 9/11" without a year takes the first year in this many chars (the page's date stamp) …
YEAR_HINT_CHARS: Final = 800
# … or, after a number, the first year near the top of the page.
YEAR_NEAR_TOP_CHARS: Final = 300
# From "Ngày 9/11," to the verb "ban hành": the subject of the sentence, at most this long.
REPORT_SENTENCE_GAP_CHARS: Final = 80
# "… của UBND tỉnh …" after the number: the body's name at most this long.
REPORTED_ISSUER_MAX_CHARS: Final = 80
# "… về việc <subject>": the reported subject's length in chars …
REPORTED_SUBJECT_MIN_CHARS: Final = 8
REPORTED_SUBJECT_MAX_CHARS: Final = 300
# … and at least this many words (fewer is a fragment).
REPORTED_SUBJECT_MIN_WORDS: Final = 3
# "Sở Y tế tỉnh Bến Tre ban hành …": at most this many words after the body's head noun.
ACTING_ISSUER_MAX_WORDS: Final = 9

# -- citations (extractor/find/citations.py: the same số ký hiệu and types as the header)
# The type word of a cited number stands this close before it ("Quyết định số 12/QĐ-UBND").
TYPE_WORD_BEFORE_CHARS: Final = 40
# "Ban Chỉ đạo (BCĐ) 389/ĐP": a committee's name this close before a number names the committee.
COMMITTEE_BEFORE_CHARS: Final = 20
# "… của <issuer>" after a cited number: the issuer's text at most this long.
CITED_ISSUER_MAX_CHARS: Final = 100
# "Luật <name> năm 2013": the name of a law cited without a number, at most this long.
LAW_NAME_MAX_CHARS: Final = 80

# ---- task finding (extractor/find/tasks*) -----------------------------------------------------

# ---- units, deadlines, citations, structure ---------------------------------------------------
