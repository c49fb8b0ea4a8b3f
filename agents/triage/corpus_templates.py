"""Generated corpus shapes the hand-written seeds under-cover: brief follow-ups and brief requests after a turn.

Round 1's held-out misses were mostly brief messages whose intent depends on the previous turn
("simpler please" after a fix is debug, "an easier one" is an exercise, "now check my code" after a
concept answer is a review). Each template below is a general sentence shape with slots filled from
small vocabulary pools (verbs, adjectives, nouns as students write them, some misspelled); a
template is one seed, so the held-out split keeps all its fills on one side. Nothing here is
copied from an evaluation set.
"""
from __future__ import annotations

import random
import re

LEAD = ("", "", "", "ok ", "hmm ", "sorry ", "wait ", "ok but ", "thanks, ", "right, ", "sry ", "umm ")
POLITE = ("", "", "?", " please", " pls", " plz", " thx", " :)", "!")
IT = ("it", "that", "this")
POOLS = {
    "lead": LEAD, "polite": POLITE, "it": IT,
    "simpler": ("simpler", "more simply", "in easier words", "in simple words", "slower", "without jargon",
                "like im a beginner", "in plain words", "more basic", "simpler way", "simplr", "more simple"),
    "complex": ("complicated", "technical", "confusing", "abstract", "advanced for me", "fast", "dense",
                "complcated", "confusng"),
    "notget": ("don't get", "dont understand", "still don't get", "can't follow", "not understand",
               "still not getting", "dont undrstand", "didn't get"),
    "explain": ("explain", "say", "describe", "explian", "expain", "put"),
    "ex": ("exercise", "task", "problem", "challenge", "one", "question", "puzzle", "excercise", "exersize"),
    "hard": ("hard", "difficult", "tough", "much for me", "hard for me", "dificult", "hardd"),
    "easier": ("easier", "simpler", "more basic", "beginner level", "eaiser", "less hard"),
    "easy": ("easy", "simple", "basic", "trivial", "eazy"),
    "harder": ("harder", "tougher", "more difficult", "more challenging", "trickier", "more advanced",
               "hardr", "harderr", "more dificult"),
    "give": ("give me", "can i get", "i want", "can you give me", "gimme", "send me", "giv me"),
    "show": ("show me", "can you show", "let me see", "write", "shw me", "show"),
    "codeadj": ("", "fixed ", "corrected ", "full ", "working ", "final ", "whole "),
    "another": ("another", "one more", "a different", "a second", "other", "more", "anothr", "a new"),
    "more": ("more detail", "more details", "a deeper explanation", "the long version", "more info", "more depth"),
    "avoid": ("avoid", "prevent", "not repeat", "stop making", "avoud", "prevnet"),
    "future": ("next time", "in the future", "again", "from now on", "in my next program"),
    "topic": ("lists", "strings", "dicts", "tuples", "sets", "a while loop", "classes", "floats", "negative numbers",
              "nested lists", "two arguments", "a generator", "files"),
    "check": ("check", "review", "look at", "rate", "go over", "chek", "reveiw", "revew", "judge", "critique"),
    "mycode": ("my code", "my solution", "my version", "this code", "what i wrote", "my attempt", "my program"),
    "quality": ("fast", "efficient", "quick", "safe", "secure", "readable", "pythonic", "clean", "robust", "good",
                "fast enugh", "effiecient", "professional", "correct"),
    "big": ("a huge list", "10000 items", "big files", "millions of rows", "a large input", "100k users",
            "a really long text", "a big csv", "lots of data", "n = 10**6", "a billion numbers"),
    "scale": ("scale to", "still be fast with", "handle", "cope with", "be ok for", "survive", "stay fast for"),
    "problems": ("problems", "issues", "bugs", "mistakes", "things to improve", "bad practices", "security holes",
                 "issus", "probelms"),
    "complexity": ("big o", "time complexity", "complexity", "runtime", "big-o", "speed", "memory use"),
    "fails": ("crashes", "doesn't work", "gives an error", "still fails", "breaks", "prints the wrong thing",
              "doesnt work", "craches", "gives me an eror", "still broken"),
}

# (follow-up form, template). The intent of a follow-up is carry.follow_up_intent(form, prev, text).
FOLLOW_UP_TEMPLATES = (
    ("simpler", "{lead}can you {explain} {it} {simpler}{polite}"),
    ("simpler", "{lead}{it} was too {complex}{polite}"),
    ("simpler", "{lead}i {notget} {it}{polite}"),
    ("simpler", "{lead}{simpler}{polite}"),
    ("simpler", "{lead}{explain} {it} again {simpler}{polite}"),
    ("easier", "{lead}that {ex} was too {hard}{polite}"),
    ("easier", "{lead}{give} an {easier} {ex}{polite}"),
    ("easier", "{lead}too {hard}, {easier} {ex}{polite}"),
    ("easier", "{lead}i couldn't solve {it}, something {easier}{polite}"),
    ("harder", "{lead}{give} a {harder} {ex}{polite}"),
    ("harder", "{lead}that {ex} was too {easy}{polite}"),
    ("harder", "{lead}{harder}{polite}"),
    ("harder", "{lead}i solved {it}, {give} something {harder}{polite}"),
    ("show_code", "{lead}{show} the {codeadj}code{polite}"),
    ("show_code", "{lead}what does {it} look like in code{polite}"),
    ("show_code", "{lead}can you write {it} in python{polite}"),
    ("another_example", "{lead}{another} example{polite}"),
    ("another_example", "{lead}{show} {another} example of {it}{polite}"),
    ("more_detail", "{lead}{more}{polite}"),
    ("more_detail", "{lead}can you {explain} {it} with {more}{polite}"),
    ("prevention", "{lead}how do i {avoid} {it} {future}{polite}"),
    ("prevention", "{lead}how can i {avoid} this mistake {future}{polite}"),
    ("related_question", "{lead}and what about {topic}{polite}"),
    ("related_question", "{lead}does {it} also work with {topic}{polite}"),
    ("related_question", "{lead}and what if {it} is empty{polite}"),
    ("related_question", "{lead}is {it} the same for {topic}{polite}"),
    ("about_the_code", "{lead}is {it} {quality} enough{polite}"),
    ("about_the_code", "{lead}will {it} {scale} {big}{polite}"),
    ("about_the_code", "{lead}is {it} {quality} now{polite}"),
    ("about_the_code", "{lead}any other {problems} in {it}{polite}"),
    ("about_the_code", "{lead}what is the {complexity} of {it}{polite}"),
    ("about_the_code", "{lead}how {quality} is {it} with {big}{polite}"),
)

# (intent, attachment, template): brief requests that name their own intent, whatever the last turn was.
BRIEF_REQUEST_TEMPLATES = (
    ("code_review", "working", "{lead}now {check} {mycode}{polite}"),
    ("code_review", "working", "{lead}can you {check} {mycode}{polite}"),
    ("code_review", "working", "{lead}here is {mycode}, is it good{polite}"),
    ("debug", "buggy", "{lead}{mycode} {fails}{polite}"),
    ("debug", "buggy", "{lead}now {it} {fails}{polite}"),
    ("exercise", "none", "{lead}now {give} an {ex} on {topic}{polite}"),
    ("concepts", "none", "{lead}new question: how do {topic} work{polite}"),
)

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    text = _SLOT.sub(lambda m: rng.choice(POOLS[m.group(1)]), template)
    return re.sub(r"\s+", " ", text).strip()
