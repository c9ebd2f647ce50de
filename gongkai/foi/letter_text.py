"""What the applicant and the officer typed, shaped to sit inside a letter's sentence.

A letter quotes the request (申请获取“……”。) and the officer's reason and list of documents, and the template puts
its own punctuation after each. Typed values often end with their own — ``……（含文号）。`` — which gave
``（含文号）。”。`` and ``形成时间。。``. Following GB/T 15834-2011《标点符号用法》 (a quotation that is part of the
writer's sentence takes no end mark of its own; quotation marks are “”, a quotation inside one ‘’), each value loses
its trailing sentence punctuation, a value the writer wrapped in quotation marks is unwrapped, and straight quotes
become Chinese ones.
"""

from __future__ import annotations

import re

# End marks and pauses a typed value may end with; closing brackets and quotes stay (…（含文号） keeps its bracket).
TRAILING_PUNCTUATION = "。．.，,；;：:、！!？?…—～~"
_PAIRS = {"“": "”", '"': '"', "「": "」", "『": "』"}
_STRAIGHT_PAIR = re.compile(r'"([^"\n]*)"')
_ITEM_SEPARATORS = re.compile(r"\s*(?:\n|；|;|(?<=》)\s*[、，,]\s*(?=《))\s*")
_ITEM_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.．、)）]|[（(]\d{1,3}[)）]|[①-⑳])\s*")


def _unwrapped(text: str) -> str:
    """``“养老补贴名单。”`` → ``养老补贴名单。``: quotation marks around the whole value, with none inside."""
    if len(text) >= 2 and _PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        if not any(mark in inner for pair in _PAIRS.items() for mark in pair):
            return inner
    return text


def clause(value: str | None) -> str:
    """The value as a clause of the letter's sentence: no trailing end mark, no quotation marks around it, straight
    double quotes inside made “”."""
    text = (value or "").strip()
    while True:
        shorter = _unwrapped(text.rstrip(TRAILING_PUNCTUATION).rstrip()).strip()
        if shorter == text:
            break
        text = shorter
    return _STRAIGHT_PAIR.sub(r"“\1”", text)


def quotation(value: str | None) -> str:
    """The value as the letter quotes it inside “……”: :func:`clause`, with quotation marks inside it made ‘’."""
    return clause(value).replace("“", "‘").replace("”", "’")


def document_list(value: str | None) -> str:
    """The documents provided, for "现向您提供：{{ documents }}。": one document as it is; several one per line,
    numbered (GB/T 9704-2012 7.3.3: the third level of numbering is “1.”), each but the last ending in “；”.

    The officer separates them by lines, by “；”, or writes 《甲》、《乙》; numbers they typed are replaced."""
    items = [_ITEM_NUMBER.sub("", clause(part)) for part in _ITEM_SEPARATORS.split(value or "")]
    items = [clause(item) for item in items if clause(item)]
    if len(items) <= 1:
        return items[0] if items else ""
    return "".join(
        f"\n{number}. {item}{'；' if number < len(items) else ''}" for number, item in enumerate(items, start=1)
    )
