"""Pure tests of support_ticket/tools/uploads.py: the limits of the files a
customer attaches to a ticket, at every door (P3); no database."""

import importlib

from pure import load_tools

up = importlib.import_module(load_tools("support_ticket").__name__ + ".uploads")
MB = 1024 * 1024
ALLOWED = up.parse_extensions("pdf,png,txt,exe")


def test_dangerous_types_are_never_allowed():
    assert ALLOWED == {"pdf", "png", "txt"}
    assert "exe" not in up.parse_extensions(None)
    assert "pdf" in up.parse_extensions("")


def test_one_file_against_the_table():
    assert up.check_file("report.pdf", 10, ALLOWED, MB) is None
    assert up.check_file("setup.exe", 10, ALLOWED, MB)[0] == "file_type"
    assert up.check_file("page.png", 10, ALLOWED, MB, "text/html")[0] == (
        "file_content"
    )
    assert up.check_file("big.pdf", MB + 1, ALLOWED, MB)[0] == "file_size"
    assert up.check_file("empty.txt", 0, ALLOWED, MB)[0] == "file_empty"
    assert up.check_file("a\x00b.pdf", 5, ALLOWED, MB)[0] == "file_name"
    assert up.check_file("dir/a.pdf", 5, ALLOWED, MB)[0] == "file_name"


def test_count_and_each_file():
    errors = up.check_files([("a.pdf", 1, None), ("b.exe", 1, None)], ALLOWED, MB, 1)
    assert [code for code, _params in errors] == ["file_count", "file_type"]
    assert up.check_files([("a.pdf", 1, None)], ALLOWED, MB, 1) == []


def test_request_size_before_reading():
    assert not up.request_too_large(None, MB)
    assert not up.request_too_large(MB + 1000, MB)
    assert up.request_too_large(MB + up.REQUEST_OVERHEAD_BYTES + 1, MB)


def test_base64_size_without_decoding():
    assert up.base64_size("aGVsbG8=") == 5  # "hello"
    assert up.base64_size(b"aGVsbG8h") == 6  # "hello!"
    assert up.base64_size("") == 0
    assert up.base64_size(None) == 0
