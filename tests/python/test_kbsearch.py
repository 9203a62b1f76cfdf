"""The kbsearch Python module against fixtures/kb (fixtures/README.md says
what the notes hold; the expected paths below come from it)."""
import os
import re
import warnings

import pytest

import kbsearch

TRANSFORMER = "大模型LM/文献精读/Transformer.md"

# Notes with 注意力 in their text and the tag LLM: Transformer (tags [LLM,
# 注意力]), BERT and GPT (LLM in tags), 注意力机制笔记 (tags [注意力, LLM]).
# posts/000 is tagged LLM but has no 注意力.
CHINESE_LLM_NOTES = {
    TRANSFORMER,
    "大模型LM/文献精读/BERT.md",
    "大模型LM/文献精读/GPT.md",
    "混合/注意力机制笔记.md",
}

# fixtures/README.md: the notes in which attention and softmax both occur.
ATTENTION_SOFTMAX_NOTES = {
    "posts/000_7de7bcde4ef4daba.md",
    "posts/001_55c4e469920f7bc4.md",
    TRANSFORMER,
    "大模型LM/文献精读/GPT.md",
    "混合/注意力机制笔记.md",
    "English/attention-notes.md",
    "English/old-style.markdown",
}

# fixtures/README.md: backlinks of Transformer.md, 7 source notes.
TRANSFORMER_SOURCES = {
    "项目进展记录/004_3c8a9c320538d5dc.md",
    "大模型LM/文献精读/BERT.md",
    "大模型LM/文献精读/GPT.md",
    "大模型LM/README.md",
    "大模型LM/Diffusion扩散模型.md",
    "混合/注意力机制笔记.md",
    "混合/待读论文.md",
}

# Notes tagged LLM: the four above, posts/000 (inline #LLM) and its mojibake
# copy posts/001, whose ASCII #LLM survives.
LLM_NOTE_COUNT = 6


def found_paths(hits):
    """Every note a search found, also those collapsed into a hit as duplicates."""
    return {hit.path for hit in hits} | {path for hit in hits for path in hit.duplicates}


def test_chinese_query_with_a_tag_finds_the_tagged_notes_with_the_word(kb):
    hits = kb.search("注意力 tag:LLM", limit=50)
    assert found_paths(hits) == CHINESE_LLM_NOTES
    for hit in hits:
        assert "LLM" in hit.tags
        assert hit.title
        assert hit.line > 0


def test_english_words_are_anded(kb):
    hits = kb.search("attention softmax", limit=50)
    assert found_paths(hits) == ATTENTION_SOFTMAX_NOTES


def test_query_parts_find_what_the_written_query_finds(kb):
    written = found_paths(kb.search("注意力 tag:LLM", limit=None))
    assert found_paths(kb.search(words=["注意力"], tags=["LLM"], limit=None)) == written
    # The string and the parts are ANDed.
    assert found_paths(kb.search("注意力", tags=["LLM"], limit=None)) == written


def test_query_parts_are_values_not_syntax(kb):
    # A tag with a space, which tag: cannot say: the one weekly report of
    # posts/ tagged 'Daily Talk' in its front matter.
    assert found_paths(kb.search(tags=["Daily Talk"], limit=None)) == {
        "posts/003_6d4cd4a21d58f612.md"}
    # lang:zh in a word is text, which no note has, not a filter.
    assert kb.search("lang:zh", limit=None)
    assert kb.search(words=["lang:zh"], limit=None) == []
    assert found_paths(kb.search(properties={"title": "Reading List"}, limit=None)) == {
        "English/reading-list.md"}


def test_a_bad_query_part_raises_query_error_naming_it(kb):
    with pytest.raises(kbsearch.QueryError) as raised:
        kb.search(date_from="soon")
    assert raised.value.subject == "date_from"


def test_highlights_are_str_offsets_of_the_query_word_in_the_snippet(kb):
    hits = kb.search("注意力 tag:LLM", limit=50)
    ranges = [(hit.snippet, begin, end) for hit in hits for begin, end in hit.highlights]
    assert ranges
    for snippet, begin, end in ranges:
        assert snippet[begin:end] == "注意力"
    # UTF-8 byte offsets would differ from these wherever Chinese comes first.
    assert any(not snippet[:begin].isascii() for snippet, begin, _ in ranges)


def test_english_highlights_cover_the_query_words(kb):
    hits = kb.search("attention softmax", limit=50)
    marked = {hit.snippet[begin:end].lower() for hit in hits for begin, end in hit.highlights}
    assert marked
    assert all(word.startswith(("attention", "softmax")) for word in marked), marked


def test_limit_offset_and_sort(kb):
    by_path = kb.search("attention softmax", limit=None, sort="path")
    assert [hit.path for hit in by_path] == sorted(hit.path for hit in by_path)
    assert [hit.path for hit in kb.search("attention softmax", limit=2, offset=1, sort="path")] \
        == [hit.path for hit in by_path[1:3]]
    with pytest.raises(kbsearch.InvalidArgumentError) as error:
        kb.search("attention", sort="size")
    assert error.value.subject == "sort"


def test_lines_give_matching_lines_with_their_columns(kb):
    (hit,) = [h for h in kb.search("注意力 tag:LLM", limit=50, lines=True) if h.path == TRANSFORMER]
    assert hit.lines
    for line in hit.lines:
        assert "注意力" in line.text
        # The column counts UTF-8 bytes, as ripgrep does.
        assert line.text.encode()[line.column - 1:].startswith("注意力".encode())


def test_hit_repr_names_the_note(kb):
    (hit,) = [h for h in kb.search("注意力 tag:LLM", limit=50) if h.path == TRANSFORMER]
    assert re.fullmatch(r"Hit\(path='大模型LM/文献精读/Transformer.md', title='Transformer 精读', "
                        r"line=\d+, score=[0-9.e+-]+\)", repr(hit))


def test_note_reads_the_front_matter_headings_and_links(kb):
    note = kb.note(TRANSFORMER)
    assert note.path == TRANSFORMER
    assert note.title == "Transformer 精读"
    assert note.tags == ["LLM", "注意力"]
    assert note.aliases == ["Attention Is All You Need"]
    assert note.date.startswith("2024-04-03")
    assert note.fields["title"] == "Transformer 精读"
    assert note.properties["tags"] == ["LLM", "注意力"]
    headings = [h.text for h in note.headings]
    assert {"缩放点积注意力", "多头注意力", "位置编码"} <= set(headings)
    targets = {link.target for link in note.links if not link.external}
    assert {"BERT.md", "GPT.md"} <= targets


def test_backlinks_name_every_source_note(kb):
    links = kb.backlinks(TRANSFORMER)
    assert {link.source for link in links} == TRANSFORMER_SOURCES
    assert all(link.target == TRANSFORMER and link.status == "resolved" for link in links)


def test_links_are_resolved(kb):
    targets = {link.target for link in kb.links(TRANSFORMER) if link.status == "resolved"}
    assert {"大模型LM/文献精读/BERT.md", "大模型LM/文献精读/GPT.md"} <= targets


def test_broken_lists_the_fixture_broken_links(kb):
    broken = {(link.source, link.raw, link.status) for link in kb.broken()}
    assert ("混合/broken-links.md", "../不存在的笔记.md", "broken") in broken
    assert ("混合/broken-links.md", "../项目进展记录/MolecularD.md#没有这个标题",
            "broken-anchor") in broken
    (ambiguous,) = [link for link in kb.broken() if link.status == "ambiguous"]
    assert ambiguous.source == "Obsidian库/物理/Newton.md"
    assert ambiguous.target == "Obsidian库/插件/Graph view.md"
    assert ambiguous.candidates == ["Obsidian库/展示/深层/Graph view.md"]
    assert len(kb.broken()) == 7


def test_orphans_find_notes_and_related(kb):
    orphans = kb.orphans()
    assert "孤立笔记/orphan.md" in orphans
    assert TRANSFORMER not in orphans
    assert kb.find_notes("Transformer 精读") == [TRANSFORMER]
    assert kb.find_notes("no such note at all") == []
    related = kb.related(TRANSFORMER, limit=5)
    assert 0 < len(related) <= 5
    assert "大模型LM/文献精读/BERT.md" in {r.path for r in related}


def test_tags_count_the_notes(kb):
    tags = dict(kb.tags())
    assert tags["LLM"] == LLM_NOTE_COUNT
    assert tags["注意力"] >= 2
    assert [t.name for t in kb.tags("项目")] == ["项目", "项目/分子动力学"]


def test_refresh_finds_an_added_note(kb_copy):
    with kbsearch.KB(kb_copy) as kb:
        assert kb.opening.start == "new"
        assert kb.search("量子纠缠态") == []
        (kb_copy / "新笔记.md").write_text("# 新笔记\n\n关于量子纠缠态的笔记 #LLM\n",
                                           encoding="utf-8")
        report = kb.refresh()
        assert (report.added, report.updated, report.removed) == (1, 0, 0)
        assert [hit.path for hit in kb.search("量子纠缠态")] == ["新笔记.md"]
        assert dict(kb.tags())["LLM"] == LLM_NOTE_COUNT + 1
        (kb_copy / "新笔记.md").unlink()
        assert kb.refresh().removed == 1
        assert kb.search("量子纠缠态") == []


def test_a_file_name_that_is_not_utf8_round_trips(kb_copy):
    name = b"latin1-caf\xe9.md"
    with open(os.path.join(os.fsencode(kb_copy), name), "wb") as note:
        note.write(b"# Cafe\n\nzyxwvut note\n")
    with kbsearch.KB(kb_copy) as kb:
        (hit,) = kb.search("zyxwvut")
        assert os.fsencode(hit.path) == name
        assert hit.path == os.fsdecode(name)
        assert kb.note(hit.path).title == "Cafe"
        assert kb.note(name).title == "Cafe"
        # The surrogate-escaped str names the note in every argument.
        assert kb.find_notes(hit.path) == [hit.path]
        assert [h.path for h in kb.search("zyxwvut", folder=".")] == [hit.path]


def test_a_title_from_a_file_name_that_is_not_utf8_is_text(kb_copy):
    # No heading: the title is the file stem, its bad byte shown as U+FFFD.
    with open(os.path.join(os.fsencode(kb_copy), b"caf\xe9.md"), "wb") as note:
        note.write(b"no heading, zyxwvut\n")
    with kbsearch.KB(kb_copy) as kb:
        (hit,) = kb.search("zyxwvut")
        assert hit.title == "caf\ufffd"
        assert kb.note(hit.path).title == "caf\ufffd"


def test_a_malformed_query_raises_query_error_naming_the_field(kb):
    with pytest.raises(kbsearch.QueryError) as error:
        kb.search("attention tag:")
    assert error.value.code == "parse-error"
    assert error.value.subject == "tag:"
    assert "tag:VALUE" in error.value.message
    assert isinstance(error.value, kbsearch.Error)
    assert isinstance(error.value, ValueError)
    assert str(error.value) == "tag:: " + error.value.message


def test_an_empty_query_is_an_invalid_argument(kb):
    with pytest.raises(kbsearch.InvalidArgumentError) as error:
        kb.search("")
    assert error.value.code == "invalid-argument"


def test_a_dropped_operator_warns(kb):
    with pytest.warns(kbsearch.QueryWarning):
        hits = kb.search("attention OR", limit=50)
    assert hits


def test_an_unknown_note_raises_not_found(kb):
    for call in (kb.note, kb.backlinks, kb.links, kb.mentions, kb.related):
        with pytest.raises(kbsearch.NotFoundError) as error:
            call("no/such-note.md")
        assert error.value.code == "not-found"
        assert error.value.subject == "no/such-note.md"
        assert isinstance(error.value, LookupError)


def test_a_missing_folder_raises_not_found(tmp_path):
    with pytest.raises(kbsearch.NotFoundError) as error:
        kbsearch.KB(tmp_path / "missing")
    assert error.value.code == "not-found"


def test_without_create_a_folder_without_index_is_not_built(kb_copy):
    with pytest.raises(kbsearch.NotFoundError):
        kbsearch.KB(kb_copy, create=False)
    assert not (kb_copy / ".kbsearch").exists()


def test_bad_options_raise_invalid_argument(kb_copy):
    with pytest.raises(kbsearch.InvalidArgumentError) as error:
        kbsearch.KB(kb_copy, link_dialect="markdown")
    assert error.value.subject == "link_dialect"


def test_exclude_leaves_notes_out(kb_copy):
    with kbsearch.KB(kb_copy, exclude=["大模型LM/"]) as kb:
        assert found_paths(kb.search("注意力 tag:LLM", limit=50)) == {"混合/注意力机制笔记.md"}


def test_a_closed_kb_raises(kb_copy):
    with kbsearch.KB(kb_copy) as kb:
        pass
    assert "closed" in repr(kb)
    with pytest.raises(kbsearch.InvalidArgumentError):
        kb.search("attention")


def test_the_module_documents_itself():
    assert re.fullmatch(r"\d+\.\d+\.\d+", kbsearch.__version__)
    assert "create" in kbsearch.KB.__doc__
    assert "QueryError" in kbsearch.KB.search.__doc__
    for name in ("note", "backlinks", "links", "broken", "orphans", "mentions", "related",
                 "tags", "refresh", "find_notes"):
        assert getattr(kbsearch.KB, name).__doc__, name


def test_threads_share_a_kb(kb):
    # The calls run one at a time under the KB's lock, without the GIL; each
    # thread must get what one thread alone gets.
    import concurrent.futures
    queries = ["注意力 tag:LLM", "attention softmax", "tag:LLM", "量子化学"]
    alone = {q: [hit.path for hit in kb.search(q, limit=None)] for q in queries}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        runs = [pool.submit(lambda q=q: [hit.path for hit in kb.search(q, limit=None)])
                for q in queries * 5]
        answers = [run.result(timeout=120) for run in runs]
    assert answers == [alone[q] for q in queries * 5]


def test_a_first_build_reports_the_problem_files(kb_copy):
    with kbsearch.KB(kb_copy) as kb:
        problems = kb.opening.problems
    # fixtures/README.md: yaml-cpp rejects the front matter of this note.
    (problem,) = [p for p in problems if p.path == "edge/broken-frontmatter.md"]
    assert str(problem).startswith("edge/broken-frontmatter.md:")
    assert kb.opening.added == 41
