"""Expands the JSON-LD of built pages with the `pyld` JSON-LD processor.

Usage: check_jsonld.py CONTEXT FILE...  CONTEXT is a local stand-in for the schema.org context
(tests have no network: the loader serves it for https://schema.org and refuses every other
URL). For each HTML FILE, every <script type="application/ld+json"> is parsed as JSON and
expanded; prints {file: [expanded document, ...]} as JSON. Fails on a script that is not JSON
or that the processor rejects.
"""

import json
import sys
from html.parser import HTMLParser

from pyld import jsonld


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def main(context_path, paths):
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)

    def loader(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise RuntimeError(f"no network in tests: {url}")

    jsonld.set_document_loader(loader)
    result = {}
    for path in paths:
        parser = Scripts()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        result[path] = [jsonld.expand(json.loads(text)) for text in parser.found]
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
