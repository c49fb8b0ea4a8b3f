"""The curated ruff selection for learners, and what each selected rule means for the review.

Each selected code maps to (rule id, category, severity). Category orders the answer: security, then
correctness, then performance, then style. Rule ids of the rules the review had before ruff keep their
names (unused-import, mutable-default, ...); the others use ruff's own rule name. Every code was checked
to exist in the pinned ruff (`ruff rule <code>`); PREVIEW_CODES are preview rules enabled one by one
(`explicit-preview-rules`), so no other preview rule slips in.
"""
from __future__ import annotations

CATEGORIES = ("security", "correctness", "performance", "style")

# code -> (rule id or "" for ruff's name, category, severity)
RULES: dict[str, tuple[str, str, str]] = {
    # --- security (bandit) ---
    "S102": ("", "security", "error"), "S105": ("", "security", "error"), "S106": ("", "security", "error"),
    "S301": ("", "security", "error"), "S307": ("", "security", "error"), "S324": ("", "security", "error"),
    "S506": ("", "security", "error"), "S602": ("", "security", "error"), "S604": ("", "security", "error"),
    "S605": ("", "security", "error"), "S608": ("", "security", "error"),
    "S103": ("", "security", "warning"), "S104": ("", "security", "warning"), "S108": ("", "security", "warning"),
    "S201": ("", "security", "error"), "S306": ("", "security", "warning"), "S311": ("", "security", "warning"),
    "S302": ("", "security", "error"), "S323": ("", "security", "error"), "S501": ("", "security", "error"), "S701": ("", "security", "error"),
    # --- correctness: pyflakes, bugbear, pylint errors/warnings, builtins shadowing ---
    "F401": ("unused-import", "style", "warning"), "F841": ("unused-variable", "style", "warning"),
    "F811": ("redefined", "correctness", "warning"), "F821": ("undefined-name", "correctness", "error"),
    "F822": ("undefined-name", "correctness", "error"), "F823": ("undefined-name", "correctness", "error"),
    "F403": ("wildcard-import", "style", "warning"), "F405": ("wildcard-import", "style", "warning"),
    "F632": ("is-literal", "correctness", "error"), "F601": ("", "correctness", "error"),
    "F631": ("", "correctness", "error"), "F701": ("", "correctness", "error"), "F702": ("", "correctness", "error"),
    "F704": ("", "correctness", "error"), "F706": ("", "correctness", "error"), "F707": ("", "correctness", "warning"),
    "F541": ("", "style", "suggestion"), "F901": ("", "correctness", "error"),
    "B002": ("", "correctness", "error"), "B003": ("", "correctness", "error"),
    "B006": ("mutable-default", "correctness", "error"), "B008": ("", "correctness", "warning"),
    "B011": ("", "correctness", "warning"), "B012": ("", "correctness", "warning"),
    "B015": ("", "correctness", "error"), "B016": ("", "correctness", "error"), "B018": ("", "correctness", "error"),
    "B020": ("", "correctness", "error"), "B023": ("", "correctness", "error"), "B025": ("", "correctness", "warning"),
    "B033": ("", "correctness", "warning"), "E711": ("compare-none", "style", "warning"),
    "E712": ("compare-bool", "style", "suggestion"), "E721": ("type-compare", "style", "suggestion"),
    "E722": ("bare-except", "correctness", "warning"), "S110": ("silent-except", "correctness", "warning"),
    "S112": ("silent-except", "correctness", "warning"), "E741": ("descriptive-name", "style", "suggestion"),
    "A001": ("shadowed-builtin", "correctness", "warning"), "A002": ("shadowed-builtin", "correctness", "warning"),
    "PLE0101": ("", "correctness", "error"), "PLE1142": ("", "correctness", "error"),
    "PLR0124": ("", "correctness", "error"), "PLR0133": ("", "correctness", "error"),
    "PLW0127": ("", "correctness", "error"), "PLW0128": ("", "correctness", "warning"),
    "PLW0120": ("", "correctness", "warning"), "PLW0129": ("", "correctness", "error"),
    "PLW0177": ("", "correctness", "error"), "PLW2901": ("", "correctness", "warning"),
    "PLR1704": ("", "correctness", "warning"), "SIM222": ("", "correctness", "error"),
    "SIM223": ("", "correctness", "error"), "SIM115": ("open-without-with", "style", "warning"),
    # a missing `return` at the end is style unless that fall-through is a bug: then analyzer.py keeps the
    # learner rule that says so (missing-return-path, loop-returns-first-item) with its rewrite instead
    "RET503": ("", "style", "suggestion"),
    # --- performance ---
    "PERF101": ("", "performance", "warning"), "PERF102": ("", "performance", "warning"),
    "PERF203": ("", "performance", "warning"), "PERF401": ("", "performance", "suggestion"),
    "PERF402": ("", "performance", "suggestion"), "PERF403": ("", "performance", "suggestion"),
    "SIM118": ("", "performance", "suggestion"), "PLR1736": ("", "performance", "suggestion"),
    "PLR1733": ("", "performance", "suggestion"), "C419": ("", "performance", "suggestion"),
    # --- style: pylint refactors, simplifications, comprehensions, returns, upgrades, naming, layout ---
    "PLR2004": ("", "style", "suggestion"), "PLR0911": ("", "style", "suggestion"),
    "PLR0912": ("", "style", "warning"), "PLR0913": ("", "style", "suggestion"), "PLR0915": ("", "style", "warning"),
    "PLR1714": ("", "style", "suggestion"), "PLR1716": ("", "style", "suggestion"), "PLR1722": ("", "style", "suggestion"),
    "PLR1730": ("", "style", "suggestion"), "PLR5501": ("", "style", "suggestion"), "PLC1802": ("len-compare", "style",
                                                                                             "suggestion"),
    "PLC0206": ("", "style", "suggestion"), "PLW0603": ("global-statement", "style", "warning"),
    "PLW3301": ("", "style", "suggestion"), "C901": ("complexity", "style", "warning"),
    "SIM101": ("", "style", "suggestion"), "SIM102": ("", "style", "suggestion"),
    "SIM103": ("return-bool", "style", "suggestion"), "SIM108": ("", "style", "suggestion"),
    "SIM109": ("", "style", "suggestion"), "SIM110": ("", "style", "suggestion"), "SIM114": ("", "style", "suggestion"),
    "SIM201": ("", "style", "suggestion"), "SIM202": ("", "style", "suggestion"), "SIM208": ("", "style", "suggestion"),
    "SIM210": ("", "style", "suggestion"), "SIM211": ("", "style", "suggestion"), "SIM212": ("", "style", "suggestion"),
    "SIM220": ("", "correctness", "error"), "SIM221": ("", "correctness", "error"),
    "SIM300": ("", "style", "suggestion"), "SIM401": ("", "style", "suggestion"),
    "C400": ("", "style", "suggestion"), "C401": ("", "style", "suggestion"), "C403": ("", "style", "suggestion"),
    "C404": ("", "style", "suggestion"), "C405": ("", "style", "suggestion"), "C408": ("", "style", "suggestion"),
    "C409": ("", "style", "suggestion"), "C410": ("", "style", "suggestion"), "C411": ("", "style", "suggestion"),
    "C413": ("", "style", "suggestion"), "C414": ("", "style", "suggestion"), "C416": ("", "style", "suggestion"),
    "C417": ("", "style", "suggestion"), "C418": ("", "style", "suggestion"), "C420": ("", "style", "suggestion"),
    "RET501": ("", "style", "suggestion"), "RET502": ("", "style", "suggestion"), "RET504": ("", "style", "suggestion"),
    "RET505": ("", "style", "suggestion"), "RET506": ("", "style", "suggestion"), "RET507": ("", "style", "suggestion"),
    "RET508": ("", "style", "suggestion"), "UP015": ("", "style", "suggestion"), "UP018": ("", "style", "suggestion"),
    "UP031": ("", "style", "suggestion"), "UP032": ("", "style", "suggestion"), "UP034": ("", "style", "suggestion"),
    "N801": ("naming", "style", "warning"), "N802": ("naming", "style", "warning"),
    "N803": ("naming", "style", "suggestion"), "N806": ("naming", "style", "suggestion"),
    "N815": ("naming", "style", "suggestion"), "N816": ("naming", "style", "suggestion"),
    "E401": ("", "style", "suggestion"), "E701": ("style-E701", "style", "suggestion"),
    "E702": ("style-E702", "style", "suggestion"), "E703": ("style-E703", "style", "suggestion"),
    "E713": ("style-E713", "style", "suggestion"), "E714": ("style-E714", "style", "suggestion"),
    "E731": ("style-E731", "style", "suggestion"), "E101": ("style-E101", "style", "warning"),
    "W191": ("style-W191", "style", "warning"), "W291": ("style-W291", "style", "suggestion"),
    "W293": ("style-W293", "style", "suggestion"), "W605": ("style-W605", "correctness", "warning"),
    "E501": ("style-E501", "style", "suggestion"),
}

# --- review5: the coverage audit (bench/review_severe_eval.py): bandit, bugbear and pylint rules a learner hits ---
RULES.update({
    "S107": ("", "security", "error"), "S113": ("request-without-timeout", "security", "warning"),
    "S202": ("", "security", "warning"), "S502": ("", "security", "warning"), "S503": ("", "security", "warning"),
    "S504": ("", "security", "warning"), "S507": ("", "security", "warning"), "S612": ("", "security", "warning"),
    "B005": ("", "correctness", "warning"), "B031": ("", "correctness", "error"), "B032": ("", "correctness", "error"),
    "PLE0100": ("", "correctness", "error"), "PLE0116": ("", "correctness", "error"),
    "PLE0117": ("", "correctness", "error"), "PLE0118": ("", "correctness", "error"),
    "PLE0302": ("", "correctness", "error"), "PLE0303": ("", "correctness", "error"),
    "PLE0304": ("", "correctness", "error"), "PLE0305": ("", "correctness", "error"),
    "PLE0307": ("", "correctness", "error"), "PLE0308": ("", "correctness", "error"),
    "PLE0309": ("", "correctness", "error"), "PLE0643": ("", "correctness", "error"),
    "PLE1132": ("", "correctness", "error"), "PLE1205": ("", "correctness", "error"),
    "PLE1206": ("", "correctness", "error"), "PLE1300": ("", "correctness", "error"),
    "PLE1307": ("", "correctness", "error"), "PLE1310": ("", "correctness", "error"),
    "PLW0131": ("", "correctness", "warning"), "PLW0133": ("", "correctness", "error"),
    "PLW0211": ("", "correctness", "warning"), "PLW0245": ("", "correctness", "error"),
    "PLW0642": ("", "correctness", "warning"), "PLW0711": ("", "correctness", "error"),
    "PLW1501": ("", "correctness", "error"), "PLW1508": ("", "correctness", "warning"),
    "RUF008": ("", "correctness", "error"), "RUF009": ("", "correctness", "warning"),
    "RUF018": ("", "correctness", "warning"), "RUF024": ("", "correctness", "error"),
})
# preview rules of the audit, enabled one by one like the layout rules below
PREVIEW_CORRECTNESS = {"RUF069": ("float-equality", "correctness", "warning"),
                       "B909": ("", "correctness", "error"), "PLE4703": ("", "correctness", "error"),
                       "RUF066": ("", "correctness", "error")}
RULES.update(PREVIEW_CORRECTNESS)

# pycodestyle's whitespace rules are preview rules in ruff: enabled one by one.
PREVIEW_LAYOUT = ("E111", "E114", "E117", "E201", "E202", "E203", "E211", "E221", "E222", "E225", "E226", "E228",
                  "E231", "E251", "E261", "E262", "E265")
for _code in PREVIEW_LAYOUT:
    RULES[_code] = (f"style-{_code}", "style", "suggestion")
PREVIEW_CODES = list(PREVIEW_LAYOUT) + sorted(PREVIEW_CORRECTNESS)
SELECT = sorted(code for code in RULES if code not in PREVIEW_CODES)

# Layout habits: one finding per code listing its lines, so spacing doesn't drown out the rest.
LAYOUT_MESSAGES = {
    "E101": "indentation mixes tabs and spaces", "W191": "indentation uses tabs",
    "E111": "indentation is not a multiple of four spaces", "E114": "comment indentation is not a multiple of four",
    "E117": "code is over-indented", "E201": "space just inside an opening bracket",
    "E202": "space just before a closing bracket", "E203": "space before a comma or colon",
    "E211": "space before a call's parenthesis", "E221": "several spaces before an operator",
    "E222": "several spaces after an operator", "E225": "missing spaces around an operator",
    "E226": "missing spaces around an arithmetic operator", "E228": "missing spaces around %",
    "E231": "missing space after a comma or colon", "E251": "spaces around = in a keyword argument",
    "E261": "inline comment needs two spaces before #", "E262": "inline comment should start with '# '",
    "E265": "block comment should start with '# '", "E501": "line is longer than 99 characters",
    "E701": "several statements on one line (colon)", "E702": "several statements on one line (semicolon)",
    "E703": "statement ends with a semicolon", "E713": "`not x in y` reads awkwardly",
    "E714": "`not x is y` reads awkwardly", "E731": "a lambda is assigned to a name",
    "W291": "trailing whitespace", "W293": "whitespace on a blank line", "W605": "invalid escape sequence in a string",
}
LAYOUT_TIPS = {
    "E101": "Indent with 4 spaces only.", "W191": "Indent with 4 spaces (most editors can convert tabs).",
    "E111": "Indent each block by 4 spaces.", "E114": "Indent by 4 spaces.", "E117": "Indent each block by 4 spaces.",
    "E201": "Write `f(x)`, `[1, 2]` with no inner spaces.", "E202": "Write `f(x)`, `[1, 2]` with no inner spaces.",
    "E203": "Write `a, b` rather than `a , b`.", "E211": "Write `print(x)` rather than `print (x)`.",
    "E221": "Use one space on each side: `x = 1`.", "E222": "Use one space on each side: `x = 1`.",
    "E225": "Write `x = a + b`, `if a == b:`.", "E226": "Write `a + b` rather than `a+b`.", "E228": "Write `a % b`.",
    "E231": "Write `f(a, b)` and `{'k': v}`.", "E251": "Write `f(key=value)` with no spaces.",
    "E261": "Write `x = 1  # why`.", "E262": "Write `# comment`.", "E265": "Write `# comment`.",
    "E501": "Break it over several lines inside brackets.", "E701": "Put the body on its own indented line.",
    "E702": "Put each statement on its own line.", "E703": "Python doesn't need `;` - remove it.",
    "E713": "Write `x not in y`.", "E714": "Write `x is not y`.", "E731": "Use `def name(args): return ...` instead.",
    "W291": "Remove spaces at the end of lines.", "W293": "Leave blank lines empty.",
    "W605": "Use a raw string like r'\\d+' for regexes.",
}


def meaning(code: str, name: str) -> tuple[str, str, str]:
    """(rule id, category, severity) of a ruff finding."""
    rule, category, severity = RULES.get(code, ("", "style", "suggestion"))
    return rule or name or code, category, severity
