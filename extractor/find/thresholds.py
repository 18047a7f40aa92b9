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

# Scanned headers (extractor/find/header/scanned.py). Junk where handwritten digits were read:
# a number is at most 5 digits, and OCR turns each stroke into one or two marks.
ILLEGIBLE_NUMBER_MAX_CHARS: Final = 14
# Junk where a handwritten day or month was read ("|Š", "Z4.", ".04.").
ILLEGIBLE_DAY_MAX_CHARS: Final = 10
# The signature's body replaces a garbled header issuer only when the two clearly name the same
# body (folded character similarity); below this they may be different bodies.
SIGNATURE_ISSUER_MIN_SIMILARITY: Final = 0.6

# A line of the signature block with fewer letters than this, or letters making up less than this
# share of its characters, is OCR's reading of a signature stroke or a seal, not text.
JUNK_LINE_MAX_LETTERS: Final = 3
JUNK_LINE_LETTER_SHARE: Final = 0.5

# ---- task finding (extractor/find/tasks*) -----------------------------------------------------

# A closing formula ("Trên đây là …", "… thực hiện nghiêm các nội dung trên") is one short
# sentence; a longer paragraph that happens to match one is real content.
CLOSING_MAX_WORDS: Final = 80
# "Giao Văn phòng theo dõi, đôn đốc …" is told from a closing formula by its first words only.
MONITOR_WINDOW_CHARS: Final = 120
# The subject before "theo dõi / đôn đốc / kiểm tra" in such a sentence: a unit name, 2-60 chars.
MONITOR_SUBJECT_MIN_CHARS: Final = 2
MONITOR_SUBJECT_MAX_CHARS: Final = 60
# "theo chức năng, nhiệm vụ … được giao": the words between the noun and its closer.
FUNCTION_PHRASE_MAX_CHARS: Final = 80
# An adverbial opener ("Trên cơ sở kết quả khảo sát, …") ends at a comma this early, or the
# sentence has no main clause to look at.
AFTER_CLAUSE_WINDOW_CHARS: Final = 220
# In a list item, a lead of at most this many words before the comma ("Trên cơ sở chức năng
# nhiệm vụ, chủ trì …") may be followed by a subjectless verb.
SHORT_LEAD_MAX_WORDS: Final = 8
# "Các cơ quan chưa được kiểm tra … tiến hành …": words between the passive and its verb.
PASSIVE_GAP_MIN_WORDS: Final = 1
PASSIVE_GAP_MAX_WORDS: Final = 8
# "tăng … 12,5%": a statistic verb and its percentage stand this close.
STATISTIC_GAP_MAX_CHARS: Final = 40
# "Để …, tỉnh Đắk Lắk cần …": the main clause's subject is searched this far into the sentence.
MAIN_CLAUSE_WINDOW_CHARS: Final = 400
# "(gồm các Sở: Xây dựng, …)": the members' list before its colon.
MEMBERS_MIN_CHARS: Final = 3
MEMBERS_MAX_CHARS: Final = 300
# "Trách nhiệm của đối tượng thực hiện kiểm kê": a duty heading names the doer only when short.
DUTY_HEADING_MAX_WORDS: Final = 20
# A heading longer than this is a sentence, not a unit's name.
UNIT_HEADING_MAX_WORDS: Final = 60
# "Về …:" topic before the item's content: its length, and what must remain after it.
TOPIC_MIN_CHARS: Final = 3
TOPIC_MAX_CHARS: Final = 500
TOPIC_MIN_REST_CHARS: Final = 10
# "- Hạn chế, tồn tại": a marked item this short without an imperative is an outline heading.
OUTLINE_HEADING_MAX_WORDS: Final = 6
# "X vừa yêu cầu Y …" is a portal summary only in the first paragraphs (index 0-2) ...
SUMMARY_MAX_PARA: Final = 2
# ... with the verb this close after "vừa".
SUMMARY_GAP_MAX_CHARS: Final = 80
# "Các cơ quan, đơn vị … nghiêm túc … triển khai thực hiện": gaps in the body's last words.
GENERAL_CLOSING_GAP_CHARS: Final = 80
GENERAL_CLOSING_VERB_GAP_CHARS: Final = 40
# "Các nhiệm vụ tại khoản này …": between the noun and "này / nêu trên".
SECTION_STATEMENT_GAP_CHARS: Final = 60

# ---- units, deadlines, citations, structure ---------------------------------------------------

# units (extractor/find/units*): a unit phrase is read at most this far; names are shorter,
# and a runaway phrase would swallow the sentence.
UNIT_PHRASE_MAX_CHARS: Final = 260
# "Thủ trưởng các Sở, ngành: …": words between the list head and its colon.
COLON_LIST_HEAD_MAX_CHARS: Final = 20
# text helpers (extractor/find/textutil.py): a line is "in capitals" when this share of its
# letters are upper case (OCR and small words like "và" leave some lower case).
UPPER_SHARE: Final = 0.85

# -- deadlines (extractor/find/deadlines.py, date_grammar.py)

# A date printed without a year ("trước ngày 15/12") is the next such date on or after the
# document date; directives plan at most a few years ahead, so look no further than this.
UNDATED_YEAR_LOOKAHEAD: Final = 5

# Characters before a cue searched for a reporting cut-off ("số liệu tính đến hết ngày …"):
# about four words, so a cut-off earlier in the sentence does not cancel a later deadline.
NOT_BEFORE_WINDOW_CHARS: Final = 30

# Characters before a relative limit searched for "có hiệu lực (thi hành)": an effect period
# ("có hiệu lực sau 10 ngày kể từ ngày ký") sits right before the number.
EFFECT_WINDOW_CHARS: Final = 30

# A table cell or line longer than this is prose, not a bare date or period ("Tháng 12/2025").
STANDALONE_DATE_MAX_CHARS: Final = 40

# Cue phrases that may follow the first one before a date ("Thời gian thực hiện: Hoàn thành
# trước"); four in a row is the longest chain in the corpora.
CUE_CHAIN_MAX: Final = 3

# A bracketed note inside a date phrase ("15 (mười lăm) ngày", "tháng 12 (dự kiến)") is short;
# a longer bracket is prose and ends the phrase.
BRACKET_NOTE_MAX_CHARS: Final = 20

# -- structure (extractor/find/structure.py)

# Lines between a paragraph and its continuation: a page break or a header/footer line may sit
# between them, more means a new paragraph.
PARAGRAPH_JOIN_MAX_LINE_GAP: Final = 3

# A numbered line ("1.", "1.1.", "a)") without a full stop names its section up to this many
# words ("1. Các phòng, ban ngành, …, Ủy ban nhân dân các xã, thị trấn" without bold).
HEADING_MAX_WORDS_NUMBERED: Final = 60

# Any other line without a full stop reads as a heading only when this short.
HEADING_MAX_WORDS: Final = 30

# "Phần thứ ba" / "Chương II" of at most this many words takes the upper-case title on the next
# line as its own ("MỘT SỐ NHIỆM VỤ …").
PART_TITLE_MAX_WORDS: Final = 4

# -- task tables (extractor/find/tables.py)

# A task table has at least a task, a unit and one more column (number or deadline).
TABLE_HEADER_MIN_CELLS: Final = 3

# A header row has short cells ("STT | Nội dung | Cơ quan chủ trì | Thời hạn"); more words in
# all cells together means a content row.
TABLE_HEADER_MAX_WORDS: Final = 60

# A row may have one cell more or less than its header (merged or split cells in DOCX).
TABLE_ROW_WIDTH_SLACK: Final = 1

# A task cell shorter than this is a number, a group label or "Nt", not a task.
TABLE_TASK_MIN_WORDS: Final = 3
