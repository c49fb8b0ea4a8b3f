"""Finds the documentation sections that answer a question: PostgreSQL full-text search over docs_sections.

The question is reduced to its key terms (words that say what is asked about, not how it is asked); a section
matching any of them is a candidate, ranked by ts_rank_cd over the weighted vector (title A, body B, headings C,
normalised by section length) per term, each term weighted by its rarity in the documentation. bench/concepts_retrieval_eval.py measures this against bm25s on the same
sections (README: "Python documentation").
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from psycopg.rows import tuple_row

from knowledge import glossary
from knowledge.docs_index import api_names
from knowledge.docs_index.pages import link

# English function words (what PostgreSQL's English configuration drops too) and words about the asking, not the
# subject; what is left are the words to search for and to compare answers by.
_STOP = frozenset("""
    a an the and or but if then else of to in on at by for with from into onto about as is are was were be been
    being am do does did done have has had having i me my we our you your he she it its they them their this that
    these those what which who whom whose when where why how there here all any both each few more most other some
    such no nor not only own same so than too very s t just don now one two get got
""".split())
_ASKING = frozenset("""
    python pythons explain explanation mean means meaning please help understand understanding tell show work
    works working use used using usage way ways thing things something example examples doing make makes want
    need get know difference different differences between vs versus better best good bad correct right
    question questions someone anyone really actually simple simply basically exactly kind type like just also
    can could would should will shall may might must im dont doesnt cant whats hows wats pls plz u ur ya
""".split())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")   # "f-strings" stays one term
# A word written as code is a name even when English would drop it: "any() vs all()", "`with`", "x.pop".
# So is a keyword English shares when the question treats it as one: "the else block", "else:", "with statement".
_WRITTEN = re.compile(r"(?<=\.)[A-Za-z_]\w*|[A-Za-z_]\w*(?=\s*\()|(?<=`)[A-Za-z_]\w*(?=`)|"
                      r"\b(?:else|if|for|while|with|as|in|is|not|and|or|from)\b(?=\s*:|\s+(?:block|clause|"
                      r"statement|part|keyword|branch|operator)s?\b)|"
                      r"(?<!what )(?<!or )(?<!thing )(?<!anything )(?<!something )(?<!everything )\belse\b|"
                      r"\b[a-z_]\w*(?=\s+(?:function|method)\b)", re.I)   # "the zip function", "the pop method"
# Students say the English word, the documentation names the type: both are searched.
_TYPE_NAMES = {"string": "str", "strings": "str", "integer": "int", "integers": "int", "dictionary": "dict",
               "dictionaries": "dict", "boolean": "bool", "booleans": "bool", "number": "int", "text": "str"}
# Operators as the language reference names them (a question "is vs ==" has no other words to search for).
# Longest first: "//=" is not "//", "**=" not "**". A question that writes an idiom with a dunder name
# (`if __name__ == "__main__"`) asks about the idiom, not the operator in it.
_OPERATORS = (("//=", "augmented assignment floor division"), ("**=", "augmented assignment power"),
              ("==", "comparison equal"), ("!=", "comparison not equal"), (":=", "assignment expression"),
              ("->", "annotation return"), ("<<", "shift"), (">>", "shift"),
              ("+=", "augmented assignment"), ("-=", "augmented assignment"), ("*=", "augmented assignment"),
              ("/=", "augmented assignment"), ("%=", "augmented assignment"),
              ("//", "floor division"), ("**", "power"), ("%s", "printf-style string formatting"),
              ("%d", "printf-style string formatting"), ("%", "modulo"), ("@", "decorator"),
              ("&", "bitwise and intersection"), ("|", "bitwise or union"), ("^", "bitwise xor symmetric difference"),
              ("~", "bitwise invert"))
_ELLIPSIS = re.compile(r"(?:\b(?:does|is|the|are)\s+)\.\.\.(?=\s+(?:mean|do|in|for|used|stand)\b)", re.I)


@dataclass(frozen=True)
class Passage:
    page: str
    anchor: str
    title: str
    kind: str
    trail: str
    body: str
    examples: tuple[dict, ...]
    rank: float

    @property
    def url(self) -> str:
        if self.kind == "api" and self.page.startswith("tutorial/"):
            return link(self.page)   # the tutorial's list methods have no anchor of their own (parse.py)
        return link(self.page, self.anchor)


def key_terms(question: str, expand: bool = True) -> list[str]:
    """'how do I sort a list of dicts by one value?' -> ['sort', 'list', 'dicts', 'one', 'value']."""
    question = question or ""
    terms = []
    question = re.sub(r"\*{1,2}(?=[A-Za-z_])", " ", question)   # *args, **kwargs: unpacking, not power or times
    if _ELLIPSIS.search(question):
        terms.append("ellipsis")
    if re.search(r"\b\w+\s+if\s+\w+.*?\s+else\s+\w+", question) and not re.search(r":\s*$|\bif\b.*:", question):
        terms += ["conditional", "expression"]   # "x if cond else y" written as an expression
    if re.search(r"\b(\w+)\s*,\s*(\w+)\s*=\s*\2\s*,\s*\1\b", question):   # a, b = b, a: the swap idiom
        terms += ["right-hand", "evaluated", "unpacking", "assignment"]
    idiom = re.search(r"__\w+__", question)
    for symbol, words in _OPERATORS:
        if symbol in question:
            if not (idiom and symbol in ("==", "!=")):
                terms += words.split()
            question = question.replace(symbol, " ")
    if re.search(r"\bis\b", question) and re.search(r"==|\bvs\.?\b|\bversus\b|\bor\b", question or ""):
        terms.append("identity")   # "is" is a stop word; in a comparison with == it is the operator
    written = {m.lower() for m in _WRITTEN.findall(question)}   # any(), `with`, x.pop: names, never stop words
    for word in _WORD.findall(question):
        lowered = word.lower().strip("_") if not word.startswith("__") else word.lower()
        if len(lowered) > 1 and (lowered in written or lowered not in _ASKING and lowered not in _STOP):
            terms.append(lowered)
            if lowered in _TYPE_NAMES:
                terms.append(_TYPE_NAMES[lowered])
    if expand:   # "folder" also searches "directory" (knowledge/glossary.py)
        terms += [w for w in glossary.expansions(question) if w not in _STOP]
    return list(dict.fromkeys(terms))[:16]


# Candidates: sections matching any key term (GIN). Rank: for each query lexeme, its rarity (idf, from
# docs_lexemes) times ts_rank_cd of that lexeme alone (cover density over the weighted vector), summed: BM25's idea
# of term weights on top of PostgreSQL's title/body weights. Normalisation 1|32: divided by 1 + log(length), then
# saturated (rank / (rank + 1)), so a common word repeated all over a 30,000-character section ("item" in the data
# model's type hierarchy) adds at most one term's weight instead of outweighing the section about the question.
# A section longer than LONG_SECTION characters (three of them: the data model's type hierarchy, the regular
# expression syntax, ...) mentions nearly every word: its rank is divided by how many times too long it is.
_SQL = """
WITH terms AS (
    SELECT t.lexeme, coalesce(l.ndoc, 0) AS ndoc,
           1 + ln((SELECT greatest(sections, 1) FROM docs_index_meta)::float8 / (1 + coalesce(l.ndoc, 0))) AS idf
      FROM unnest(tsvector_to_array(to_tsvector('english', %(q)s))) AS t(lexeme)
      LEFT JOIN docs_lexemes AS l ON l.word = t.lexeme
), query AS (
    -- Candidates come from the terms that discriminate (in at most 5 %% of sections) or else the rarest one;
    -- a word like "function" (in a third of all sections) still adds to the rank but brings no candidates.
    SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | ')) AS q
      FROM (SELECT lexeme FROM terms
             WHERE ndoc <= 0.05 * (SELECT greatest(sections, 1) FROM docs_index_meta)
            UNION (SELECT lexeme FROM terms ORDER BY ndoc LIMIT 1)) AS selective
)
SELECT s.page, s.anchor, s.title, s.kind, s.trail, s.body, s.examples,
       coalesce((SELECT sum(terms.idf * ts_rank_cd(s.search, plainto_tsquery('simple', terms.lexeme), 1 | 32))
          FROM terms), 0) / (1 + greatest(0, length(s.body) - %(long)s) / %(long)s::float8)
       /*named*/ AS rank
  FROM docs_sections AS s, query
 WHERE s.search @@ query.q /*or named*/
 ORDER BY rank DESC, length(s.body)
 LIMIT %(k)s
"""


# A question naming functions (api_names.py) also has their entries as candidates, ranked first: the name named
# first, then the most basic page. (Only then: the extra condition costs the GIN plan its speed.)
_NAMED = """
       + CASE WHEN s.kind = 'api' AND s.page = ANY(%(pages)s)
                   AND lower(substring(s.anchor from '[^.]*$')) = ANY(%(names)s)
              THEN %(named)s - array_position(%(names)s, lower(substring(s.anchor from '[^.]*$')))
                   - 0.01 * array_position(%(pages)s, s.page)
              ELSE 0 END"""
_NAMED_CANDIDATES = """
  FROM docs_sections AS s
 WHERE s.id IN (SELECT id FROM docs_sections, query WHERE search @@ query.q
                UNION ALL
                SELECT id FROM docs_sections WHERE kind = 'api' AND page = ANY(%(pages)s)
                   AND lower(substring(anchor from '[^.]*$')) = ANY(%(names)s))"""
_SQL_NAMED = _SQL.replace("/*named*/", _NAMED).replace("""
  FROM docs_sections AS s, query
 WHERE s.search @@ query.q /*or named*/""", _NAMED_CANDIDATES)
assert _SQL_NAMED != _SQL
_SQL = _SQL.replace("/*named*/", "").replace("/*or named*/", "")

LONG_SECTION = 10_000
EXACT_NAME = 1.5      # rank factor of an API entry named exactly by a key term
NAMED_BONUS = 100.0   # above any text rank: a named function's entry is among the first passages


def query_params(question: str) -> dict | None:
    terms = key_terms(question)
    if not terms:
        return None
    return {"q": " ".join(terms), "any": " or ".join(terms), "long": LONG_SECTION, "named": NAMED_BONUS,
            "names": api_names.search_names(question), "pages": list(api_names.PAGES)}


def _statement(params: dict) -> str:
    return _SQL_NAMED if params["names"] else _SQL


def _passages(rows) -> list[Passage]:
    return [Passage(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()), float(r[7])) for r in rows]


_SPARE = 4   # rows fetched beyond k, to replace named entries that do not answer this question


def _addressed(passages: list[Passage], question: str, k: int) -> list[Passage]:
    """The first k passages: entries named exactly by a key term rank higher; a method of a class the question
    does not name ("append to a file" is not deque.append: api_names.addressable) neither gains nor leads."""
    words = set(key_terms(question))
    kept = []
    for p in passages:
        if not api_names.addressable(p.anchor, question):
            if p.rank < NAMED_BONUS / 2:
                kept.append(p)
            continue
        if p.kind == "api" and p.page in api_names.PAGES and api_names.entry_name(p.anchor) in words:
            # an entry whose own name is one of the question's words as written (not a stem: "enumerate" is
            # not "enumerations") is about exactly what was asked
            p = dataclasses.replace(p, rank=p.rank * EXACT_NAME)
        kept.append(p)
    # Entries ranked first because the question named their function: the name named first, then the class the
    # question names ("remove on a set": set.remove), then the most basic page ("pop()" is list.pop before set.pop
    # and dict.pop), whatever their text ranks.
    names, pages = api_names.search_names(question), api_names.PAGES
    written = set(re.findall(r"\w+", question or ""))

    def order(p: Passage) -> tuple:
        if p.rank < NAMED_BONUS / 2:
            return 1, 0, 0, 0, 0, -p.rank
        name = api_names.entry_name(p.anchor)
        owner = p.anchor.split(".")[-2].lower() if "." in p.anchor else ""
        words = api_names.OWNER_WORDS.get(owner, (owner,))
        unnamed_owner = not (owner and any(re.search(rf"\b{re.escape(w)}s?\b", question or "", re.I) for w in words))
        spelt = p.anchor.rsplit(".", 1)[-1] in written   # "Exception" is the class, not sys.exception()
        return (0, names.index(name) if name in names else 99, not spelt, unnamed_owner,
                pages.index(p.page) if p.page in pages else 99, -p.rank)

    return sorted(kept, key=order)[:k]


def search_sync(conn, question: str, k: int = 5) -> list[Passage]:
    params = query_params(question)
    if params is None:
        return []
    with conn.cursor(row_factory=tuple_row) as cursor:   # whatever row factory the caller's pool uses
        return _addressed(_passages(cursor.execute(_statement(params), {**params, "k": k + _SPARE}).fetchall()), question, k)


async def search(conn, question: str, k: int = 5) -> list[Passage]:
    params = query_params(question)
    if params is None:
        return []
    async with conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(_statement(params), {**params, "k": k + _SPARE})
        return _addressed(_passages(await cursor.fetchall()), question, k)


_VOCABULARY_SQL = "SELECT word, ndoc FROM docs_lexemes"


def vocabulary_sync(conn) -> dict[str, int]:
    """In how many sections each (stemmed) word of the documentation occurs: what the off-topic test
    (agents/concepts/offtopic.py) calls programming vocabulary. Empty when the index is not loaded."""
    with conn.cursor(row_factory=tuple_row) as cursor:
        return dict(cursor.execute(_VOCABULARY_SQL).fetchall())


async def vocabulary(conn) -> dict[str, int]:
    async with conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(_VOCABULARY_SQL)
        return dict(await cursor.fetchall())
