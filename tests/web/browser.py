#!/usr/bin/python3
"""The page of `kbsearch serve`, driven in headless Chromium (Debian's
chromium and chromium-driver, through python3-selenium), over a copy of
fixtures/kb: search as you type, the keyboard, the note with its
backlinks, a tag that filters, and the graph. Every wait is bounded; the
last screenshot is saved in OUTPUT_DIR whether the test passes or not.

What it expects comes from the knowledge base, through the JSON API, not
from pasted output: the hits of the query, the note's backlinks and its
neighbours in the graph.

Usage: browser.py KBSEARCH FIXTURES OUTPUT_DIR"""

import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from served_kb import ServedKb, api, of

WAIT_S = 30
QUERY = "注意力"
NOTE_TITLE = "注意力机制笔记"


def prepare(kb):
    """Two more notes that link to the note, as a weekly report and a reading
    log do, so that its backlinks panel has three (fixtures/kb has one)."""
    notes = {
        "日记/2024-04-10.md": "# 周记\n\n- 复习了 [[注意力机制笔记]] 里的缩放点积。 #attention\n",
        "大模型LM/读书笔记.md": "# 读书笔记\n\n多头注意力见 [注意力](../混合/注意力机制笔记.md)。\n",
    }
    for path, text in notes.items():
        os.makedirs(os.path.dirname(os.path.join(kb, path)), exist_ok=True)
        with open(os.path.join(kb, path), "w", encoding="utf-8") as f:
            f.write(text)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,900", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(WAIT_S)
    driver.set_script_timeout(WAIT_S)
    return driver


def main():
    kbsearch, fixtures, output = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(output, exist_ok=True)
    with ServedKb(kbsearch, fixtures, prepare) as served:
        driver = browser()
        wait = WebDriverWait(driver, WAIT_S)
        step = "opening the page"
        try:
            # 1. The page opens, with its tag tree.
            driver.get(served.url)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#tag-tree li"))

            # 2, 3. Typing the query shows the note among the hits, highlighted.
            step = f"typing {QUERY}"
            box = driver.find_element(By.ID, "query")
            box.send_keys(QUERY)
            expected = of(api(served.url, "/api/search", q=QUERY, limit=20), "hit")
            note = next(h for h in expected if h["title"] == NOTE_TITLE)

            def hit_of_note(d):
                for li in d.find_elements(By.CSS_SELECTOR, "#hits .hit"):
                    if li.get_attribute("data-path") == note["path"]:
                        return li
                return None
            hit = wait.until(hit_of_note)
            marks = hit.find_elements(By.CSS_SELECTOR, ".snippet mark")
            assert marks and all(QUERY in m.text or m.text in QUERY for m in marks), \
                f"the hit's snippet has no highlight of {QUERY}: {hit.text!r}"
            shown = [li.get_attribute("data-path") for li in
                     driver.find_elements(By.CSS_SELECTOR, "#hits .hit")]
            assert shown == [h["path"] for h in expected], \
                f"the page shows {shown}, the API answers {[h['path'] for h in expected]}"

            # 4. The keyboard: down to the note's hit, then Enter opens it.
            step = "choosing the hit with the keyboard"
            for _ in range(shown.index(note["path"])):
                box.send_keys(Keys.ARROW_DOWN)
            assert "selected" in hit.get_attribute("class"), "the arrow keys do not select the hit"
            box.send_keys(Keys.ENTER)

            # 5. The note is rendered, with its backlinks in the panel.
            step = "showing the note"
            wait.until(lambda d: d.find_element(By.ID, "note-title").text == NOTE_TITLE)
            backlinks = of(api(served.url, "/api/backlinks", path=note["path"]), "link")
            assert len(backlinks) >= 3, f"the fixture has {len(backlinks)} backlinks to the note"
            titles = [b["source_title"] for b in backlinks]
            assert all(titles), f"a backlink's source has no title: {backlinks}"
            # Each backlink shown by its source's title, as Obsidian shows them.
            wait.until(lambda d: [a.text for a in
                                  d.find_elements(By.CSS_SELECTOR, "#backlinks li a")] == titles)
            body = driver.find_element(By.ID, "note-body")
            assert body.find_elements(By.CSS_SELECTOR, "h1, h2, h3, p, li"), "the body is empty"

            # 7. The graph holds the titles of the note's neighbours.
            step = "drawing the graph"
            graph = of(api(served.url, "/api/graph", path=note["path"], depth=1), "node")
            neighbours = [n["title"] for n in graph if n["path"] != note["path"]]
            assert neighbours, "the fixture note has no neighbours"
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph svg g.node"))
            drawn = driver.find_element(By.CSS_SELECTOR, "#graph svg").get_attribute("textContent")
            missing = [t for t in neighbours if t not in drawn]
            assert not missing, f"the graph lacks the neighbours {missing}"
            driver.save_screenshot(os.path.join(output, "note.png"))

            # 6. A tag of the note filters the search to the notes with it.
            step = "filtering by a tag"
            chip = driver.find_element(By.CSS_SELECTOR, "#note-tags button")
            tag = chip.text.lstrip("#")
            chip.click()
            filtered_query = f"{QUERY} tag:{tag}"
            wait.until(lambda d: d.find_element(By.ID, "query").get_attribute("value")
                       == filtered_query)
            filtered = of(api(served.url, "/api/search", q=filtered_query, limit=20), "hit")
            assert filtered and len(filtered) < len(expected) or \
                all(tag.lower() in [t.lower() for t in h["tags"]] for h in filtered), \
                "the tag does not narrow the search"
            wait.until(lambda d: [li.get_attribute("data-path") for li in
                                  d.find_elements(By.CSS_SELECTOR, "#hits .hit")]
                       == [h["path"] for h in filtered])

            # A node of the graph opens its note.
            step = "clicking a node of the graph"
            driver.get(served.url + "#note=" + urllib.parse.quote(note["path"]))
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph svg g.node"))
            other = next(n for n in graph if n["path"] != note["path"])
            # One script finds the node and clicks it, so that a graph drawn
            # anew in between cannot leave a stale element.
            wait.until(lambda d: d.execute_script("""
                for (const g of document.querySelectorAll('#graph svg g.node')) {
                  const title = g.querySelector('title');
                  if (title && title.textContent === arguments[0]) {
                    g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                    return true;
                  }
                }
                return false;""", other["path"]))
            wait.until(lambda d: d.find_element(By.ID, "note-title").text == other["title"])

            # 8. The screenshot of the page.
            step = "the screenshot"
            driver.get(served.url + "#note=" + urllib.parse.quote(note["path"]))
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph svg g.node"))
            driver.save_screenshot(os.path.join(output, "page.png"))
            # And of fixtures/kb as it is (the README's), the two notes above
            # left out.
            step = "the screenshot of fixtures/kb"
            with ServedKb(kbsearch, fixtures) as plain:
                driver.get(plain.url + "#note=" + urllib.parse.quote(note["path"]))
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph svg g.node"))
                driver.save_screenshot(os.path.join(output, "fixtures-kb.png"))
            print(f"ok: {len(expected)} hits, {len(backlinks)} backlinks, "
                  f"{len(neighbours)} neighbours drawn, tag {tag} keeps {len(filtered)}; "
                  f"screenshots in {output}")
            return 0
        except Exception as e:
            driver.save_screenshot(os.path.join(output, "failed.png"))
            print(f"FAIL while {step}: {type(e).__name__}: {e}\n"
                  f"server log:\n{served.server_log()}", file=sys.stderr)
            return 1
        finally:
            driver.quit()


if __name__ == "__main__":
    sys.exit(main())
