import unicodedata

import pytest

from vnsum.errors import InputError
from vnsum.textio import decode_bytes, read_input


def to_cp1258(text: str) -> bytes:
    """Encode like Windows does: precomposed base letters (â, ơ, ư...) + combining tone marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"  # cp1258 has these as combining marks only
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (base + "".join(c for c in decomposed if c in tones)).encode("cp1258")
    return out


VI = "Ngày 16/7, đồng chí Lê Hoài Trung tiếp thân mật Đoàn đại biểu Ban Đối ngoại Trung ương Đảng."


@pytest.mark.parametrize(
    "data",
    [
        VI.encode("utf-8"),
        b"\xef\xbb\xbf" + VI.encode("utf-8"),
        VI.encode("utf-16"),  # with BOM
        VI.encode("utf-16-be").join([b"\xfe\xff", b""]),
        unicodedata.normalize("NFD", VI).encode("utf-8"),
        to_cp1258(VI),  # legacy Windows code page
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "nfd", "cp1258"],
)
def test_decodes_every_encoding_to_the_same_nfc_text(data):
    assert decode_bytes(data) == VI


def test_nfd_is_composed_so_second_accent_survives():
    text = decode_bytes(unicodedata.normalize("NFD", "Đồng chí").encode())
    assert text == "Đồng chí" and len(text) == len("Đồng chí")


def test_a_stray_control_character_becomes_a_space():
    # seen in real scraped news: one backspace inside an article
    assert decode_bytes("Hà Nội\x08 là thủ đô.\tHết.".encode()) == "Hà Nội  là thủ đô.\tHết."


def test_crlf_and_cr_become_newlines():
    assert decode_bytes(b"Hello.\r\n\r\nWorld.\rEnd.") == "Hello.\n\nWorld.\nEnd."


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b" \n\t\r\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"caf\xe9 \x81\x8d\x8e\x8f\x90 \x9d\x9e", "not valid UTF-8"),
        (VI.encode("utf-8")[:40] + b"\xff" + VI.encode("utf-8")[40:], "damaged byte at offset 40"),
    ],
)
def test_bad_bytes_are_input_errors(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_read_input_errors_name_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_input(tmp_path)


def test_read_input_returns_file_name(tmp_path):
    f = tmp_path / "bài báo.txt"
    f.write_text(VI, encoding="utf-8")
    assert read_input(f) == (VI, "bài báo.txt")
