"""Atomic writes: the file is whole or absent, never half-written."""

from __future__ import annotations

import os

import pytest

from amparo.documents.errors import OutputError
from amparo.documents.output import write_atomic


def test_it_replaces_the_file_whole(tmp_path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path, monkeypatch
) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


def test_a_render_error_writes_nothing(tmp_path) -> None:
    import amparo
    from amparo.documents import TemplateError, make_document, write_document

    folder = tmp_path / "templates"
    folder.mkdir()
    case = amparo.parse_case("format: 1\nid: T-1\nassessed_on: 2021-06-28\n")
    document = make_document(case, "checklist")
    with pytest.raises(TemplateError, match=r"checklist\.docx"):
        write_document(document, tmp_path / "out.docx", templates=folder)
    assert [p.name for p in tmp_path.iterdir()] == ["templates"]
