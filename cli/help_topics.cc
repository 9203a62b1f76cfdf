#include "help_topics.h"

namespace kbcli {

namespace {

constexpr std::string_view kQuery = R"(kbsearch help query: the query language of `kbsearch search QUERY...`
(and of its short form `kbsearch QUERY...`).

Words (every word must match)
  attention softmax         both words, in any form (attentions, Softmax)
  注意力                    the substring 注意力, not just its characters somewhere
  "scaled dot-product"      the exact phrase; "多头注意力" too
  trans*                    a word starting with trans
  gpt4, GPT-4               either form: a hyphen between letters and digits may be left out

Operators (in capitals)
  attention OR 注意力       either word
  softmax NOT temperature   the first without the second; softmax -temperature too
  (attention OR 注意力) softmax
                            parentheses group
  An operator with nothing on one side (`attention OR`, `OR attention`), a
  second operator in a row, or a parenthesis without its partner is
  dropped, with a warning on stderr (and in the JSON summary's `warnings`),
  so a half-typed query finds what its words find. A query of nothing but
  operators searches them as words.

Fields and filters
  title:Transformer         the word in the title
  heading:损失函数          the word in a heading
  path:大模型LM             notes under the folder 大模型LM/
  tag:LLM, tag:项目         notes with the tag, or a tag below it (项目/分子动力学)
  lang:zh, lang:en          notes mostly in Chinese / in English
  date:2024-10-01..2024-11-30, date:2024-10, date:2024..
                            notes dated in the range (front-matter date, else
                            the file name's day, else the modification day)
  date:today, date:yesterday, date:this-week, date:last-week,
  date:this-month, date:last-month, date:this-year, date:last-year
                            that period, in local time (TZ); weeks start on Monday
  date:7d                   the last 7 days, today included (any number: date:30d)
  date:last-month..today    a relative date at either end of a range
  fm.publish:true, fm.status:draft, fm.status:"in progress"
                            notes whose front-matter key has the value
  linkto:Transformer, linkedby:Transformer
                            notes linking to the note / linked from it
  A leading - or NOT excludes a filter (-tag:LLM). A field with no value
  (`tag:`, `title:`) is an error that names it (exit 2), and so is a
  malformed filter (date:2024-13-01, lang:fr).

Limits (kbsearch search --help)
  --max-query-chars N       1000 characters
  --max-query-terms N       200 terms: each word, Chinese character and prefix*
  --max-wildcard-expansion N
                            1000 indexed words for one prefix*
  A query past a limit is refused (exit 2) with the limit's name; 0 lifts it.

Examples
  kbsearch attention softmax
  kbsearch 注意力 tag:LLM
  kbsearch 'title:Transformer' --sort date
  kbsearch 'attention OR 注意力' -l
  kbsearch date:2024-10 --sort date
  kbsearch date:last-year..today -c
  kbsearch 注意力 linkto:Transformer
)";

constexpr std::string_view kLinks = R"(kbsearch help links: links between notes and the commands that report them.

Link kinds
  [text](path/to/note.md)   Markdown links: relative, site-root (/大模型LM/...)
                            and percent-encoded; #heading anchors checked
  [[Note]], [[Note#heading|alias]], ![[embed]]
                            wikilinks by path, file name, title or alias
  {% post_link name %}      Hexo post links
  up: "[[Index]]"           links in front-matter values, on their value's line

Dialects: each note's links are read as its own tool reads them
  obsidian                  below a folder with .obsidian/: a bare file name or a
                            vault path in a Markdown link, the nearest of two notes
                            of one name
  site                      below a _config.yml (Hexo, Jekyll) or docsify's
                            index.html: as the published site resolves them
  strict                    elsewhere: paths as written
  `[links] dialect = "obsidian"` (or site, strict, auto) in .kbsearch.toml
  at the root sets one for every note.

Commands (NOTE: a path, a file stem, or a title or alias)
  backlinks NOTE            every line of another note that links to NOTE
  links NOTE                NOTE's own links, each resolved, broken, broken-anchor,
                            ambiguous or external
  broken                    every broken, broken-anchor and ambiguous link
  orphans                   the notes no other note links to
  mentions NOTE             lines naming NOTE outside links, in notes not linking to it
  related NOTE              notes sharing links or tags with NOTE, then similar
                            words, each with its reasons
  graph [NOTE]              the notes within --depth links of NOTE (or all, --all
                            also those without links), --tag T, --path P; as DOT,
                            JSON Lines, or --format svg|png (-o FILE)
  blocks tag:T [WORDS]      the bullets, paragraphs and sections tag T covers
  broken suggests the closest note or heading ("did you mean"); backlinks,
  mentions, orphans and blocks take --format TEMPLATE (cli/README.md).
  A NOTE that names no note, or several, is a usage error (exit 2); the
  candidates are listed. In queries, linkto:NOTE and linkedby:NOTE filter.

Examples
  kbsearch backlinks BERT
  kbsearch graph BERT --depth 2 --format svg -o bert.svg
  kbsearch blocks tag:LLM softmax
  kbsearch links 大模型LM/文献精读/Transformer.md
  kbsearch broken --json
  kbsearch orphans
  kbsearch 注意力 linkto:Transformer
)";

constexpr std::string_view kConfig = R"(kbsearch help config: settings kept in files instead of flags.

Files, each optional, the later overriding the earlier
  $XDG_CONFIG_HOME/kbsearch/config.toml   the user config: defaults for every
                                          knowledge base, and --kb names
                                          (~/.config/kbsearch/config.toml)
  .kbsearch.toml                          the KB config, at its root
  The environment (KBSEARCH_KB) and flags override both. NO_COLOR counts
  only where no file and no flag sets [output] color (no-color.org).
  [index] exclude patterns add up: the user's, the KB's, then --exclude.

Keys
  [index] exclude     array of gitignore patterns from the KB root
  [links] dialect     "auto", "obsidian", "site" or "strict" (help links)
  [dates] file_name   array of formats of dates in file names: %Y %m %d %%
                      ([] reads none; the built-in rule reads 2024-10-21,
                      20241021, 2024年10月21日, 2023-05-06-title)
  [search] limit      hits shown on a terminal; 0 for all (pipes and
                      machine formats always get every hit)
  [search] sort       "relevance", "date", "path" or "title"
  [output] color      "auto", "always" or "never"
  [kb.NAME] path      user config only: `--kb NAME` opens that folder
  [kb.NAME] remote    user config only, instead of path: "HOST:PORT" that
                      `kbsearch serve-index` serves, searched as a shard
  [kb.NAME] timeout_ms  with remote: ms to connect and for each exchange
                      (5000); a shard slower than that is left out
  [group.NAME] kbs    user config only: [kb.NAME] names `--kb NAME`
                      searches as one index
  [group.NAME] linked true: they link to each other, as one tree (links,
                      backlinks, broken and tags cover them all)

A bad file never stops a command: a syntax error, a wrong value or an
unknown key (a typo) is a warning naming the file, line and key.

Example ~/.config/kbsearch/config.toml
  [search]
  sort = "date"
  [kb.notes]
  path = "~/notes"

Example .kbsearch.toml
  [index]
  exclude = ["drafts/", "*.tmp.md"]
  [links]
  dialect = "obsidian"
  [dates]
  file_name = ["%Y-%m-%d", "%Y%m%d"]

Examples
  kbsearch config
  kbsearch config --json
  kbsearch --color never attention
)";

constexpr std::string_view kJson = R"(kbsearch help json: the JSON Lines every command prints with --json.

One JSON object a line, each {"type": TYPE, "data": {...}}: the command's
items first, then one "summary" line, always the last. Every data holds
"format_version" (now 1), which changes only when a key is removed or
changes meaning; ignore types and keys you do not know.

  command                   lines before the summary
  search                    a "hit" per note, best first
  note                      one "note"
  backlinks, links, broken, mentions
                            a "link" per link (per mention for mentions)
  orphans                   a "note" per note: "path", "abs_path"
  related                   a "note" per note, most related first, with
                            "title", "score" and its reasons
  tags                      a "tag" per tag
  graph                     a "node" per note drawn, then an "edge" per
                            link between two of them
  blocks                    a "block" per tagged block, newest note first
  config                    a "setting" per setting, with its source

The summary holds "command", "count" (lines before it) and "elapsed_ms";
for search also "query", "hits", "total", "total_is_exact", "offset",
"limit", "sort" and "warnings" (what of the query was dropped). cli/README.md
lists every key.

Examples
  kbsearch attention --json
  kbsearch attention --json | jq -r 'select(.type == "hit") | .data.path'
  kbsearch backlinks BERT --json
  kbsearch tags --json
)";

}  // namespace

const std::vector<HelpTopic>& help_topics() {
  static const std::vector<HelpTopic> kTopics = {
      {"query", "the query language: words, operators, fields, dates, limits", kQuery},
      {"links", "link kinds and dialects; backlinks, broken, orphans", kLinks},
      {"config", "the config files and what they set", kConfig},
      {"json", "the JSON Lines contract: type, data, format_version, summary", kJson},
  };
  return kTopics;
}

}  // namespace kbcli
