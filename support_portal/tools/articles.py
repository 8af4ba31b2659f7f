"""Article suggestions of the new-ticket form (pure, no Odoo): the words of
what the customer types, and the order of the articles found.

Words are letters and digits only (no ``%``, ``_`` or quote reaches a
query), at most ``MAX_TERMS`` of them from the first ``MAX_TEXT``
characters; common small words of English, French and Swedish are skipped.
"""

import re

MIN_WORD = 3
MAX_TERMS = 8
MAX_TEXT = 200
MAX_SUGGESTIONS = 5
WORD = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset(
    {
        # English
        "the", "and", "for", "with", "not", "can", "cannot", "our", "you",
        "how", "what", "why", "when", "does", "are", "from", "this", "that",
        # French
        "les", "des", "une", "pour", "avec", "pas", "dans", "sur", "est",
        "nous", "vous", "comment", "que", "qui", "plus", "par",
        # Swedish
        "och", "att", "det", "som", "för", "med", "inte", "kan", "hur",
        "vad", "den", "har", "till", "på",
    }
)  # fmt: skip


def search_terms(text):
    """The distinct words of ``text`` worth searching, in order."""
    terms = []
    for word in WORD.findall((text or "")[:MAX_TEXT].lower()):
        if len(word) < MIN_WORD or word in STOP_WORDS or word in terms:
            continue
        terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def score(title, body, terms, scope_match=False):
    """A word in the title counts 3, in the body 1; the scope item chosen 2."""
    title, body = (title or "").lower(), (body or "").lower()
    total = sum(3 for term in terms if term in title)
    total += sum(1 for term in terms if term in body)
    return total + (2 if scope_match else 0)


def rank(candidates, terms, limit=MAX_SUGGESTIONS):
    """``candidates``: ``(key, title, body_text, scope_match, sequence)``;
    the keys of the best ones (score > 0), best first, then by sequence."""
    scored = []
    for key, title, body, scope_match, sequence in candidates:
        points = score(title, body, terms, scope_match)
        if points > 0:
            scored.append((-points, sequence, key))
    return [key for _points, _sequence, key in sorted(scored)[:limit]]
