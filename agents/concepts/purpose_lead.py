"""Purpose questions open with the reason: "why should I use X instead of just Y", "what's the point of X".

The API reference page of X, or an "In short" that defines X, does not say why anyone would use it. This finds
the sentences that give a reason — they state X (and Y when named) and say what it buys: "so that", "without",
"even if", "avoid", "memory", "one at a time", "immutable", "isolated" ... — in every unit the answer could be
built on (the curated pages of the topics in play, the retrieved tutorial/FAQ/HOWTO/reference sections) and
opens the answer with the best one or two, linked to where they come from; the explanation of how follows.
"""
from __future__ import annotations

import re
from dataclasses import replace

from agents.concepts.docs_answer import _stem
from agents.concepts.pages import ENTRIES
from knowledge.docs_index.search import key_terms
from knowledge.topics import detect_topics

_PURPOSE = re.compile(
    r"\bwhy\s+(?:should|would|do|does|must|is|are|shall|can't|cant)?\s*(?:i|we|you|u|one|anyone|people|everyone|"
    r"programmers?)?\s*(?:even\s+|ever\s+|always\s+)?(?:use|prefer|need|bother|choose|write|have)\b|"
    r"\bwhy\s+(?:use|prefer|bother|choose|not\s+just)\b|\bwhy\s+(?:do|does)\s+\w+\s+(?:need|have)\b|"
    r"\bwhat(?:'?s|\s+is|\s+are)\s+the\s+(?:point|purpose|benefits?|advantages?|use|reason)\s+(?:of|for|to|in|behind)\b|"
    r"\bwhat\s+(?:is|are)\s+[\w\s()._-]{1,40}\s+(?:good|useful)\s+for\b|\bwhy\s+(?:do|would)\s+(?:we|i)\s+need\b|"
    r"\b(?:benefits?|advantages?)\s+of\b|\bwhat\s+for\b", re.I)
_OTHER = re.compile(r"\b(?:instead\s+of|rather\s+than|over|and\s+not|not\s+just|vs\.?|versus|if\s+i\s+can|"
                    r"when\s+i\s+can|if\s+(?:my|the|it)\b)\b(.*)$", re.I)
_REASON = re.compile(
    r"\b(?:so\s+that|because|since|allows?|lets?\s+you|enables?|without|avoids?|avoiding|advantages?|benefits?|"
    r"useful|convenient\w*|guarantees?|ensures?|automatic\w*|even\s+if|safer|faster|efficient\w*|memory|"
    r"readab\w*|cleaner|concise|one\s+at\s+a\s+time|lazy|lazily|on\s+demand|prevents?|protects?|isolat\w*|"
    r"reus\w*|immutable|hashable|can\s+be\s+used\s+as|makes?\s+it\s+(?:easy|easier|possible)|intended|designed|"
    r"never\s+(?:have|need)|no\s+need|for\s+you|conflict\w*|independent\w*|small|short|anonymous|inline|"
    r"single\s+expression|only\s+once|on\s+the\s+fly|the\s+point|purpose|bundles?|together|organi[sz]\w*|"
    r"blueprint|group\w*|fast|quick\w*|look\s*ups?|by\s+name|self-contained|requirements?|versions?|"
    r"regressions?|confiden\w*|catch\w*|refactor\w*|break\w*|broke|broken|verif\w*|at\s+once)\b", re.I)
_WEAK_REASON = re.compile(r"\b(?:instead|rather\s+than|separate\w*|clear\w*|tools?|documentation)\b", re.I)
# Words of asking for a purpose, not of its subject ("why do people even bother with venv").
_FILLER = frozenset(_stem(w) for w in """point purpose benefit advantage reason need people bother anyone everyone
    even really already just actually ever always someone programmers everybody write use""".split())
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(\[*\"'])")
_MAX = 420


def search_text(question: str) -> str:
    """What to search the documentation for: the question without its asking for a purpose ("what's the point
    of classes" is about classes, not about the decimal point)."""
    return _PURPOSE.sub(" ", question or "").strip() or question


def is_purpose(question: str) -> bool:
    return bool(_PURPOSE.search(question or ""))


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[A-Za-z_]+", text)}


def sides(question: str) -> tuple[set[str], set[str]]:
    """(stems of X, stems of Y): 'why use a tuple instead of a list' -> ({tupl}, {list})."""
    match = _OTHER.search(question or "")
    head = question[:match.start()] if match else question
    other = match.group(1) if match else ""
    x = {_stem(w) for t in key_terms(head, expand=False) for w in t.split("-") if len(w) > 1} - _FILLER
    y = {_stem(t) for t in key_terms(other, expand=False)} - x
    return x, y


def _units(topics, passages) -> list[tuple[str, str, str]]:
    """(label, url, text) of every unit: curated pages (explanations, mistakes) and documentation sections."""
    units = []
    for topic in topics:
        data = ENTRIES.get(topic)
        if data:
            text = " ".join([data["summary"], data["beginner"], data["intermediate"]])   # not its mistakes
            units.append((data["title"], "", text))
    for p in passages:
        units.append((p.title, p.url, p.body[:6000]))
    return units


def reason(question: str, topics, passages) -> tuple[str, str, str] | None:
    """(sentences, label, url) giving the reason to use X, or None."""
    x, y = sides(question)
    if not x:
        return None
    pages = {ENTRIES[t]["title"] for t in topics if t in ENTRIES}
    best = None
    for label, url, text in _units(topics, passages):
        label_stems = _stems(label)
        for sentence in _SENTENCE.split(text.replace("\n\n", " ")):
            cues = len(_REASON.findall(sentence)) + 0.3 * len(_WEAK_REASON.findall(sentence))
            if len(sentence) > _MAX or len(sentence) < 30 or cues < 1:
                continue
            if "|" in sentence or "::=" in sentence:
                continue   # a table row or a grammar rule gives no reason
            words = _stems(sentence) | label_stems
            # the unit is about X (its title names it, or it is the page of a topic asked) or the sentence is
            if not x & words or not (x & label_stems or x & _stems(sentence[:70]) or (not url and label in pages)):
                continue
            score = 2 * len(x & words) / len(x) + (0.5 * len(y & words) / len(y) if y else 0) + min(cues, 3) * 0.3 + (
                0.5 if not url else -0.4 if "/library/" in url else 0.0)   # reasons live in pages and tutorials
            if best is None or score > best[0]:
                best = (score, sentence.strip(), label, url)
    if best is None or best[0] < 2.0:
        return None
    return best[1], best[2], best[3]


def ensure(result, question: str, passages=()):
    """The explanation opening with the reason, when the question asks for one and a unit gives it."""
    if not is_purpose(question) or result.title == "No matching topic":
        return result
    topics = list(dict.fromkeys([t for t, _ in detect_topics(question, None, limit=3)] +
                                ([result.topic] if result.topic else [])))
    found = reason(question, topics, passages)
    if found is None:
        return result
    sentence, label, url = found
    if sentence in result.text[:600]:
        return result
    where = f"[{label}]({url})" if url else f"the {label} page"
    return replace(result, text=f"**Why:** {sentence} (from {where})\n\n{result.text}")
