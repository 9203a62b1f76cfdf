"""Fixtures of the kbsearch module's tests: copies of fixtures/kb.

ctest passes the fixture folder in KB_FIXTURES and the built module's folder
in PYTHONPATH (tests/CMakeLists.txt, "Python module").
"""
import os
import pathlib
import shutil

import pytest

FIXTURE_KB = pathlib.Path(os.environ.get(
    "KB_FIXTURES", pathlib.Path(__file__).resolve().parents[2] / "fixtures")) / "kb"


def copy_of_fixture(folder):
    """A copy of fixtures/kb at `folder`/kb, without an index of its own."""
    copy = folder / "kb"
    shutil.copytree(FIXTURE_KB, copy, ignore=shutil.ignore_patterns(".kbsearch"))
    return copy


@pytest.fixture
def kb_copy(tmp_path):
    """A fresh copy of fixtures/kb, for a test that changes it."""
    return copy_of_fixture(tmp_path)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    """One indexed KB on a copy of fixtures/kb, shared by the tests that only read."""
    import kbsearch
    with kbsearch.KB(copy_of_fixture(tmp_path_factory.mktemp("shared"))) as opened:
        yield opened
