"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) to Unicode, and split-diacritic repair.

Directives written between 1995 and 2012 were typed in 8-bit fonts: TCVN3 (.VnTime, one byte per
letter) and VNI (VNI-Times, base letter + modifier byte). Their text reaches us as Latin-1 look-alike
characters ("Céng hoµ x· héi", "Coäng hoøa xaõ hoäi") in .txt files, in Word runs set in those
fonts and in PDF text layers. Every regex downstream is written for Unicode, so the conversion
happens here, at the edge, before normalization. The tables are data (``extractor/data/tcvn3.yaml``,
``vni.yaml``) validated by tests; detection scores words by whether the decoded word is a valid
Vietnamese syllable and the raw word is not, so ordinary Unicode Vietnamese, English and
Windows-1252 text with accents are left alone.

Modules: ``tables`` (byte tables, decoders, encoders), ``syllables`` (the syllable test),
``detect`` (which encoding), ``convert`` (entry points for the parsers: texts, bytes, Word runs,
PDF blocks, with letter case restored) and ``split`` (split-diacritic repair). The names below
are what the parsers and tests use.
"""

from extractor.legacy.convert import (
    bytes_to_unicode,
    convert,
    convert_blocks,
    convert_run,
    font_encoding,
    to_unicode,
)
from extractor.legacy.detect import MIN_HITS, detect_legacy
from extractor.legacy.split import repair_split_diacritics
from extractor.legacy.syllables import is_syllable
from extractor.legacy.tables import (
    TCVN3,
    VNI,
    decode,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    tcvn3_table,
    vni_table,
)

__all__ = [
    "MIN_HITS",
    "TCVN3",
    "VNI",
    "bytes_to_unicode",
    "convert",
    "convert_blocks",
    "convert_run",
    "decode",
    "decode_tcvn3",
    "decode_vni",
    "detect_legacy",
    "encode_tcvn3",
    "encode_vni",
    "font_encoding",
    "is_syllable",
    "repair_split_diacritics",
    "tcvn3_table",
    "to_unicode",
    "vni_table",
]
