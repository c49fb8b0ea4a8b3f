"""Splits Sphinx-built Python documentation pages into sections a student's question can be matched against.

A section is the smallest addressable unit of a page: a heading's own text (without its sub-headings), one API
entry of the library reference (`str.split`, `sorted`, `copy.deepcopy`: its own anchor), or one glossary term.
Each keeps its title, anchor, a breadcrumb of the headings above it, the body text (paragraphs, list items,
table rows) and its code blocks, so an answer can quote a few paragraphs and link straight to the anchor.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

_BLOCKS = {"p", "pre"}
_CONTAINERS = {"div", "blockquote", "dd", "li", "figure", "aside"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


@dataclass
class Section:
    page: str            # "library/stdtypes"
    anchor: str          # "str.split"
    title: str           # "str.split(sep=None, maxsplit=-1)" or "Sorting Basics"
    kind: str            # section | api | glossary
    trail: str           # headings above it, e.g. "Built-in Types > Text Sequence Type — str"
    body: str            # paragraphs separated by blank lines
    examples: list[dict] = field(default_factory=list)   # {"code": ..., "transcript": bool}

    def to_dict(self) -> dict:
        return asdict(self)


def _clean(text: str) -> str:
    text = text.replace("\u00b6", "").replace("\xa0", " ")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def _inline(node: LexborNode) -> str:
    return " ".join(_clean(node.text(deep=True, separator="")).split())


def _code(node: LexborNode) -> dict | None:
    pre = node.css_first("pre")
    if pre is None:
        return None
    code = pre.text(deep=True, separator="").replace("\xa0", " ").rstrip()
    if not code.strip():
        return None
    return {"code": code, "transcript": code.lstrip().startswith(">>>")}


def _is_api(node: LexborNode) -> bool:
    return node.tag == "dl" and "py" in (node.attributes.get("class") or "").split()


def _collect(node: LexborNode, paragraphs: list[str], examples: list[dict]) -> None:
    """Text and code of `node`'s children, stopping at nested sections and API entries (their own units)."""
    for child in node.iter(include_text=False):
        tag, classes = child.tag, (child.attributes.get("class") or "")
        if _is_api(child) and child.css_first("dt[id]") is None:
            _inline_entry(child, paragraphs, examples)
            continue
        if tag == "section" or _is_api(child) or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "script", "style"):
            continue
        if tag == "div" and classes.startswith("highlight"):
            example = _code(child)
            if example:
                examples.append(example)
        elif tag in _BLOCKS:
            text = _inline(child)
            if text:
                paragraphs.append(text)
        elif tag in ("ul", "ol"):
            for item in child.iter(include_text=False):
                if item.tag == "li":
                    inner: list[str] = []
                    _collect(item, inner, examples)
                    text = " ".join(inner) if inner else _inline(item)
                    if text:
                        paragraphs.append("- " + text)
        elif tag == "table":
            for row in child.css("tr"):
                cells = [_inline(c) for c in row.css("th, td")]
                if any(cells):
                    paragraphs.append(" | ".join(cells))
        elif tag == "dl" and "glossary" not in classes:   # plain definition lists (glossary terms: own units)
            for part in child.iter(include_text=False):
                if part.tag == "dt":
                    paragraphs.append(_inline(part))
                elif part.tag == "dd":
                    _collect(part, paragraphs, examples)
        elif tag in _CONTAINERS or tag in ("span",):
            _collect(child, paragraphs, examples)


def _inline_entry(node: LexborNode, paragraphs: list[str], examples: list[dict]) -> None:
    """An API entry without an anchor of its own (the tutorial's `list.append(x)`, `list.pop([i])`, ... are
    written with :noindex:) belongs to the section around it: "list.pop([i]): Remove the item at ..."."""
    dt, dd = node.css_first("dt"), node.css_first("dd")
    if dt is None or dd is None:
        return
    inner: list[str] = []
    _collect(dd, inner, examples)
    paragraphs.append(f"{_inline(dt)}: {' '.join(inner)}".strip())


def _unanchored_entry(page: str, node: LexborNode, dd: LexborNode) -> list[Section]:
    """`list.pop([i])` in the tutorial has no anchor (the reference documents list methods only as a table): it
    is still the unit that says what list.pop does, under its name (the link goes to its page, search.Passage)."""
    dt = node.css_first("dt")
    name = _inline(dt).split("(")[0].strip() if dt is not None else ""
    if not re.fullmatch(r"[A-Za-z_][\w.]*", name):
        return []
    paragraphs, examples = [], []
    _collect(dd, paragraphs, examples)
    return [Section(page, name, _inline(dt), "api", " > ".join(_trail(node)), "\n\n".join(paragraphs), examples)]


def _heading(section: LexborNode) -> str:
    for child in section.iter(include_text=False):
        if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return _NUMBERING.sub("", _inline(child))   # "4.8.6. Lambda Expressions" -> "Lambda Expressions"
    return ""


def _trail(node: LexborNode) -> list[str]:
    titles = []
    parent = node.parent
    while parent is not None:
        if parent.tag == "section":
            titles.append(_heading(parent))
        parent = parent.parent
    return [t for t in reversed(titles) if t]


def parse_page(page: str, html: str) -> list[Section]:
    tree = LexborHTMLParser(html)
    main = tree.css_first("div[role=main]") or tree.body
    if main is None:
        return []
    sections: list[Section] = []
    for node in main.css("section[id]"):
        paragraphs: list[str] = []
        examples: list[dict] = []
        _collect(node, paragraphs, examples)
        title = _heading(node)
        if title and (paragraphs or examples):
            sections.append(Section(page, node.attributes["id"], title, "section", " > ".join(_trail(node)),
                                    "\n\n".join(paragraphs), examples))
    for node in main.css("dl.py"):
        dt = node.css_first("dt[id]")
        dd = node.css_first("dd")
        if dt is None and dd is not None:   # the tutorial's list methods: an entry named by its signature
            sections += _unanchored_entry(page, node, dd)
            continue
        if dt is None or dd is None:
            continue
        paragraphs, examples = [], []
        _collect(dd, paragraphs, examples)
        trail = _trail(node)
        sections.append(Section(page, dt.attributes["id"], _inline(dt), "api", " > ".join(trail),
                                "\n\n".join(paragraphs), examples))
    for glossary in main.css("dl.glossary"):
        term = None
        for part in glossary.iter(include_text=False):
            if part.tag == "dt" and part.attributes.get("id"):
                term = part
            elif part.tag == "dd" and term is not None:
                paragraphs, examples = [], []
                _collect(part, paragraphs, examples)
                sections.append(Section(page, term.attributes["id"], _inline(term), "glossary", "Glossary",
                                        "\n\n".join(paragraphs), examples))
                term = None
    return sections
