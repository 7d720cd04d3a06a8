import unicodedata

from pipeline.normalize import normalize_text


def test_normalize_nfc_spaces_and_lines():
    raw = unicodedata.normalize("NFD", "Nguyễn\u00a0Văn  A\u200b\r\nHội nghị \r\n")
    assert normalize_text(raw) == "Nguyễn Văn A\nHội nghị"
