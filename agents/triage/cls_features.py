"""Weighted, precompiled features for the triage classifier.

Each feature is (name, intent, weight, regex, phrase). The regex runs on the normalised question
(lower-case, keyword typos repaired); the phrase is how the feature reads in a routing record's
reasoning ("asks for practice"). Weights are on one scale: ~2.5 is a decisive cue on its own, ~1 a
leaning, negative weights suppress an intent that a nearby wording would otherwise wake.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

INTENTS = ("concepts", "debug", "code_review", "exercise", "progress")


@dataclass(frozen=True)
class Feature:
    name: str
    intent: str
    weight: float
    pattern: re.Pattern
    phrase: str


def _f(name: str, intent: str, weight: float, regex: str, phrase: str) -> Feature:
    return Feature(name, intent, weight, re.compile(regex), phrase)


# Request verbs that introduce "give me X" style asks.
_ASK = r"(?:gimme|give|get|send|show|make|generate|create|set|write|find|suggest|recommend|want|need|like|have|got|assign|throw)"
_ME = r"(?:me|us|i|i'd|i'm|can i|could i)"

TEXT_FEATURES: tuple[Feature, ...] = (
    # ---- debug -------------------------------------------------------------------------------
    _f("traceback", "debug", 4.0, r"traceback|most recent call last|file \"[^\"]*\", line \d+", "quotes a traceback"),
    _f("failure-words", "debug", 2.2,
       r"\b(?:crash\w*|broken|bug(?:s|gy)?|fail(?:s|ed|ing|ure)?|throws?|thrown|raises?d?|raising"
       r"|blows? up|exits? with|keeps? (?:giving|getting|saying|throwing))\b", "describes a failure"),
    _f("error-word", "debug", 1.6, r"\b(?:error|errors|exception|exceptions)\b", "mentions an error"),
    _f("not-working", "debug", 2.4,
       r"\b(?:(?:does ?n[o']?t|doesnt|isn'?t|is not|not|won'?t|wont|will not|cannot|can'?t|never)"
       r" (?:work|working|run|running|compile|print|stop|stops|end|ends|finish|terminate|return|do what))",
       "says the code does not work as intended"),
    _f("wrong-output", "debug", 2.4,
       r"\b(?:wrong|incorrect|unexpected|weird|strange|different) (?:output|result|answer|value|number|"
       r"total|sum|order)s?\b|\b(?:prints?|returns?|gives?|outputs?|shows?) (?:the )?(?:wrong|nothing|none|"
       r"an? (?:empty|wrong)|0 instead|\w+ instead)\b|\binstead of\b", "reports wrong output"),
    _f("no-effect", "debug", 2.2,
       r"\b(?:nothing happens|does nothing|doing nothing|no output|prints nothing|unchanged|does ?n[o']?t change"
       r"|stays? the same|not (?:updating|changing|printing|sorted|sorting))\b|\bshould (?:be|print|return|give|output)"
       r" .{1,40}\bbut (?:i|it)\b|\bexpected .{1,40}\bbut (?:got|i get|it)", "says the code has no or the wrong effect"),
    _f("hangs", "debug", 2.4,
       r"\b(?:infinite(?:ly)?|forever|hangs?|hanging|frozen|freezes|stuck|never (?:stops|ends|finishes|"
       r"terminates)|runs? forever|keeps? (?:running|going|looping))\b", "describes a hang or endless loop"),
    _f("returns-none", "debug", 2.2, r"\b(?:returns?|returning|got|getting|prints?) none\b", "gets None unexpectedly"),
    _f("whats-wrong", "debug", 2.2,
       r"what'?s wrong|what is wrong|what went wrong|why (?:does|did|is|do|am|are|won'?t|doesn'?t|isn'?t) "
       r"(?:my|this|it|the|i)\b|why (?:is|does) \w+ (?:not|never|always)|help me (?:fix|debug)"
       r"|\bfix (?:this|my|it)\b|\bdebug\b|how (?:do|can) i (?:fix|solve|get rid of)",
       "asks why something goes wrong"),
    _f("explain-this-error", "debug", 2.0, r"(?:explain|understand|mean\w*|what does) (?:this|that|the|my) (?:error|exception|traceback|message)"
       r"|(?:this|that|the|my) (?:error|exception|message) (?:mean|say)", "asks about an error it got"),
    _f("error-fragment", "debug", 2.4,
       r"\b(?:not defined|out of range|not subscriptable|not callable|not iterable|has no attribute|unsupported operand"
       r"|invalid syntax|unexpected indent|expected an indented|unhashable|division by zero|object is not"
       r"|can only concatenate|must be str|takes \d+ positional|missing \d+ required|maximum recursion)\b",
       "quotes an error message"),
    _f("python-complains", "debug", 2.2, r"\b(?:python|it|the interpreter|idle|vs ?code|pycharm) (?:say|says|said|tell me|tells me|"
       r"complains|shows|gives me|throws|raises)\b", "reports what Python complains about"),
    _f("i-get", "debug", 1.6, r"\b(?:i|it|python|this|my code|my program) (?:get|gets|got|getting|keeps? getting|says|said|shows)\b",
       "reports what happens when the code runs"),
    # ---- code review -------------------------------------------------------------------------
    _f("review-word", "code_review", 3.0,
       r"\b(?:review\w*|feedback|critique|critici[sz]e|code smells?|bad practices?|best practices?"
       r"|pep ?8|lint\w*|pythonic|idiomatic|refactor\w*|clean(?:er|up| up)?|readab\w+|hard to read"
       r"|style|elegant|professional)\b", "asks for a review of style or quality"),
    _f("improve", "code_review", 2.4,
       r"\b(?:improve\w*|better|simplif\w+|shorten|shorter|optimi[sz]\w*|more efficient|efficien\w+"
       r"|tidy|polish|nicer|neater|rewrite)\b|\bmake (?:this|it|my code|the code) (?:\w+ )?(?:faster|quicker"
       r"|cleaner|shorter|simpler|more \w+)\b|\bspeed (?:this|it|my code) up\b",
       "asks how to improve working code"),
    _f("is-this-good", "code_review", 2.6,
       r"\b(?:is|was) (?:this|my|it|that) (?:\w+ )?(?:good|ok|okay|fine|correct|right|acceptable|well written"
       r"|efficient|the (?:best|right) way)\b|\b(?:check|look (?:at|over)|go over|rate|grade|evaluate|assess)"
       r" (?:my|this|the)\b|\bthoughts\b|\bany (?:tips|suggestions|comments)\b|\bwhat do you think\b",
       "asks whether the code is good"),
    _f("how-would-you", "code_review", 2.6,
       r"\bhow (?:would|should|could) (?:you|a|an|someone|\w+) (?:\w+ ){0,2}(?:write|do|structure|approach|organi[sz]e)"
       r" (?:this|it|that)\b|\bwrite (?:this|it) (?:better|differently|properly)\b", "asks how an expert would write it"),
    _f("it-works", "code_review", 1.6, r"\b(?:it|this|my code) works\b|\bworks (?:fine|but)\b|\bcorrectly but\b",
       "says the code already works"),
    # ---- exercise ----------------------------------------------------------------------------
    _f("exercise-word", "exercise", 3.0,
       r"\b(?:exercises?|practice|practise|practicing|practising|drills?|katas?|quiz\w*|challenges?|puzzles?"
       r"|homework-style|assignments?|worksheet)\b", "asks for practice material"),
    _f("test-me", "exercise", 3.0, r"\btest (?:me|my (?:knowledge|skills|understanding))\b|\bchallenge me\b"
       r"|\bquiz me\b|\bdrill me\b", "asks to be tested"),
    _f("give-me-problem", "exercise", 2.6,
       rf"\b{_ASK}\w* (?:{_ME} )?(?:(?:a|an|another|one more|some|few|a few|more|new|a new|\d+)\s+)?(?:\w+ ){{0,3}}"
       r"(?:problems?|tasks?|questions?|exercises?|challenges?|ones?|something to (?:solve|do|try|practi[cs]e|work on)"
       r"|something (?:harder|easier))\b", "asks to be given a task"),
    _f("harder-one", "exercise", 2.6, r"\b(?:harder|easier|tougher|simpler|more difficult|next|another|new) "
       r"(?:one|problem|task|question|exercise|challenge|level)\b|\bone more\b", "asks for another task"),
    _f("let-me-try", "exercise", 2.0, r"\b(?:let me|can i|i want to|i'd like to) (?:try|solve|attempt|work on)\b",
       "wants to try solving something"),
    _f("problem-on", "exercise", 1.4, r"\b(?:problems?|questions?|tasks?) (?:on|about|for|with|using|involving) \w+",
       "names a topic for a task"),
    # ---- progress ----------------------------------------------------------------------------
    _f("my-progress", "progress", 3.2,
       r"\bmy (?:progress|stats|statistics|scores?|results|grades?|history|streak|level|mastery|badges?|achievements"
       r"|learning path|strengths|weaknesses|weak (?:areas|spots|topics|points)|record|dashboard|report)\b",
       "asks about their own progress"),
    _f("how-am-i-doing", "progress", 3.2,
       r"\bhow (?:am i|have i been|'?m i|are my|is my) (?:doing|progressing|getting on|performing|improving"
       r"|coming along|studies|learning)\b|\bhow well (?:am i|have i|do i)\b|\bam i (?:improving|getting better"
       r"|making progress|ready|on track)\b", "asks how they are doing"),
    _f("what-next", "progress", 3.0,
       r"\bwhat (?:should|do|can|could) i (?:study|learn|practi[cs]e|focus on|work on|do|review|tackle) next\b"
       r"|\bwhat(?:'s| is) next for me\b|\bwhere should i go (?:next|from here)\b|\bwhat to (?:learn|study) next\b"
       r"|\b(?:recommend|suggest) (?:what|a topic|topics|my next)\b|\bnext (?:topic|step)s? (?:for me|should i)"
       r"|\b(?:what|which) (?:topics?|concepts?|areas?|lessons?|skills?|subjects?|chapters?) (?:should|do|can|could"
       r"|must) i (?:study|learn|practi[cs]e|focus on|work on|do|review|revise|tackle|go over)\b",
       "asks what to learn next"),
    _f("weak-topics", "progress", 3.0,
       r"\b(?:topics?|areas?|concepts?|skills?) (?:am i|i'?m|i am|have i|i have|i've|do i) (?:weak|bad|good|strong"
       r"|struggling|struggle|mastered|learned|learnt|know|completed|covered|finished|need to (?:work on|practi[cs]e))\b|\bweak (?:at|in|areas|spots|topics)\b"
       r"|\bwhere am i (?:weak|struggling)\b|\bwhat (?:am i|i'?m) (?:bad|weak|struggling) (?:at|with)\b"
       r"|\b(?:have|did) i (?:mastered|master|complete|completed|finish|finished|earn\w*|unlock\w*|solve|solved|pass|passed|learned|learnt|do|did)\b",
       "asks which topics they know or struggle with"),
    _f("my-level", "progress", 3.0,
       r"\b(?:what|which) (?:level|rank|stage|grade) (?:am i|i'?m|are my|is my)\b|\bhow much (?:have i|did i|i've)\b"
       r"|\b(?:have|am|did) i (?:improved|improving|improve|gotten better|got better|get better|become better"
       r"|progressed|progress)\b|\bhow far (?:along )?(?:am i|have i (?:come|got|gotten))\b"
       r"|\bi (?:\w+ ){0,2}(?:study|learn|focus on|work on|tackle|do|review|revise|practi[cs]e) next\b"
       r"|\b(?:learn|study) next\b",
       "asks about their level or next step"),
    _f("counts", "progress", 2.4,
       r"\bhow many (?:\w+ ){0,3}(?:have i|did i|i have|i've)\b|\b(?:badges?|streaks?|mastery|leaderboard"
       r"|achievements?|milestones?|xp|points)\b", "asks about counts, badges or mastery"),
    # ---- concepts ----------------------------------------------------------------------------
    _f("what-is", "concepts", 2.0,
       r"^\s*(?:so |ok |okay |hey |hi |please |can you )*(?:what(?:'s| is| are| does| do)|what is the (?:point|purpose|use)"
       r"|whats)\b|\bwhat (?:is|are) (?:a|an|the)\b|\bwhat happens (?:when|if)\b|\bmeaning of\b|\bdefin(?:e|ition)\b", "asks what something is"),
    _f("about-me", "concepts", -2.0, r"\bwhat(?:'s| is| are) my\b|\bhow (?:is|are) my\b|\bwhat do you (?:recommend|suggest|think i)", "asks about themself"),
    _f("yes-no-concept", "concepts", 1.2, r"^\s*(?:is|are|can|does|do|should) (?:a|an|the|python|\w+s)\b(?!.*\b(?:my|this)\b)",
       "asks a general yes/no question about Python"),
    _f("explain", "concepts", 2.2,
       r"\b(?:explain|teach me|tell me about|describe|introduce|walk me through|help me understand|eli5|tutorial"
       r"|overview|intro to|introduction to)\b", "asks for an explanation"),
    _f("how-does", "concepts", 1.8,
       r"\bhow (?:does|do|is|are|can|would|should) (?:a|an|the|python|\w+s?)\b(?! i\b)|\bhow to use\b"
       r"|\bwhy (?:do|does|would|should) (?:we|you|people|python|one)\b", "asks how a feature works"),
    _f("difference", "concepts", 2.6,
       r"\bdifference(?:s)? between\b|\b(?:vs\.?|versus)\b|\bcompared? (?:to|with)\b|\bwhen (?:should|do|would) "
       r"(?:i|you|we) use\b|\binstead of (?:a|an) \w+ (?:loop|list|dict)"
       r"|\bwhy (?:would|should|do|does|might) (?:i|we|you|one|people|anyone) (?:ever )?(?:use|need|want|prefer|choose"
       r"|pick)\b", "compares two concepts"),
    _f("dont-understand", "concepts", 2.0,
       r"\b(?:i )?(?:do ?n[o']?t|dont|can'?t|cannot|never) (?:understand|get|grasp)\b|\bconfused (?:about|by)\b"
       r"|\bconfusing\b|\bwhat'?s the point\b|\bpurpose of\b|\bused for\b|\bis for\b",
       "says a concept is unclear"),
)

# An exception class name written in the question (case-sensitive, on the original text).
EXCEPTION_NAME = re.compile(r"\b((?:[A-Z][a-z]+)+(?:Error|Exception|Warning)|KeyboardInterrupt|StopIteration"
                            r"|SystemExit|GeneratorExit)\b")
# "What is a KeyError?" - a definition question about an exception, not a report of one.
EXCEPTION_DEFINITION = re.compile(
    r"^\s*(?:so |ok |hey |please |can you )?(?:what(?:'s| is| are| does| do)|explain|define|tell me about|describe"
    r"|when (?:does|do|is)|why (?:does|do|would) (?:python|you)|how (?:do|does|can) (?:you|i|one) (?:raise|catch|handle))"
    r"(?: (?:a|an|the))? ?(?:(?!this |that |my |the following )\w+ ){0,3}"
    r"(?:(?:[a-z]+)+(?:error|exception|warning)s?|exceptions?|errors?|stopiteration|keyboardinterrupt|systemexit)\b(?! (?:in|on|at|when|i|that|from|it) )"
    r"(?!.*\b(?:my|i (?:get|got|keep)|this code|here)\b)")
# Asking the code to be looked at, without a question word: "here is my code", "thoughts?".
CODE_HANDOVER = re.compile(r"^\s*(?:here(?:'s| is)|this is|below is|see|look|check)\b|^\W*$")
ASKS_WHY = re.compile(r"\bwhy\b|\bhow come\b")
