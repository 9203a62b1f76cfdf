import sys
import kbsearch

kb = kbsearch.KB(sys.argv[1])  # builds the index (KB/.kbsearch/) when there is none
for hit in kb.search("注意力 tag:LLM", limit=3):
    begin, end = hit.highlights[0]  # str offsets into hit.snippet
    print(f"{hit.path}:{hit.line}: {hit.title} [{hit.snippet[begin:end]}]")
print([link.source for link in kb.backlinks("大模型LM/文献精读/Transformer.md")])
print("LLM notes:", dict(kb.tags())["LLM"])
print(kb.broken()[0])
