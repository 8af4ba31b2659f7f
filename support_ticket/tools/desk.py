"""Pure logic of the support desk: the T4 priority matrix, the T5 work-queue
order and the team auto-assignment choices. No ``odoo`` import, so the
top-level ``tests/`` can test it without a database."""

import re

IMPACTS = ("system", "multiple", "single")
URGENCIES = ("high", "medium", "low")
PRIORITIES = ("0", "1", "2", "3")  # low, medium, high, critical

# T4: priority = impact x urgency (default table, editable as data).
DEFAULT_MATRIX = {
    ("system", "high"): "3",
    ("multiple", "high"): "2",
    ("single", "high"): "2",
    ("system", "medium"): "1",
    ("multiple", "medium"): "1",
    ("single", "medium"): "0",
    ("system", "low"): "0",
    ("multiple", "low"): "0",
    ("single", "low"): "0",
}

# Free mailbox providers: their domain never identifies a customer company.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fr",
        "outlook.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.com",
        "gmx.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "proton.me",
        "protonmail.com",
        "example.com",
    }
)


def matrix_problems(pairs):
    """Return ``(missing, duplicated)`` impact/urgency pairs of a matrix given
    as an iterable of ``(impact, urgency)`` (T4: exactly one row per pair)."""
    seen = set()
    duplicated = set()
    for pair in pairs:
        if pair in seen:
            duplicated.add(pair)
        seen.add(pair)
    missing = {(i, u) for i in IMPACTS for u in URGENCIES} - seen
    return sorted(missing), sorted(duplicated)


def lookup_priority(matrix, impact, urgency):
    """The priority of ``impact`` x ``urgency`` in ``matrix`` (a dict keyed by
    ``(impact, urgency)``), falling back on the T4 default for a missing row.
    Raise ``ValueError`` for an impact or urgency outside the matrix."""
    if impact not in IMPACTS or urgency not in URGENCIES:
        raise ValueError(f"impact/urgency outside the matrix: {impact!r}/{urgency!r}")
    priority = matrix.get((impact, urgency)) or DEFAULT_MATRIX[(impact, urgency)]
    if priority not in PRIORITIES:
        raise ValueError(f"unknown priority {priority!r}")
    return priority


def queue_key(business_critical, priority, arrival, ident=0):
    """Sort key of the work queue (T5): business-critical subjects first, then
    the higher priority, then first come, first served."""
    return (0 if business_critical else 1, -int(priority or 0), arrival, ident)


def pick_round_robin(member_ids, last_id=None):
    """The member after ``last_id`` in id order (wrapping), or the first one."""
    members = sorted(set(member_ids))
    if not members:
        return None
    for member in members:
        if last_id is not None and member > last_id:
            return member
    return members[0]


def pick_least_open(open_counts, last_id=None):
    """The member with the fewest open tickets (``open_counts``: member id ->
    count); ties go to the member after ``last_id`` in round-robin order."""
    if not open_counts:
        return None
    lowest = min(open_counts.values())
    tied = [m for m, count in open_counts.items() if count == lowest]
    return pick_round_robin(tied, last_id)


def email_domain(email):
    """The lower-case domain of an address (``None`` when there is none)."""
    if not email or "@" not in email:
        return None
    domain = email.strip().strip(">").rsplit("@", 1)[1].strip().lower()
    return domain or None


def is_company_domain(domain):
    """Whether ``domain`` may identify a customer company (not a free mailbox)."""
    return bool(domain) and "." in domain and domain not in PUBLIC_EMAIL_DOMAINS


_DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN_RE = re.compile(rf"^{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+$")


def parse_email_domains(text):
    """``"Example.com, example.fr"`` -> ``(("example.com", "example.fr"), [])``:
    the normalized (lower-case, no ``@``) domains of a company's list, and the
    entries that are not domain names. Commas, semicolons and spaces separate."""
    domains, invalid = [], []
    for entry in re.split(r"[,;\s]+", text or ""):
        domain = entry.strip().lower().lstrip("@").rstrip(".")
        if not domain:
            continue
        if not _DOMAIN_RE.match(domain) or len(domain) > 253:
            invalid.append(entry.strip())
        elif domain not in domains:
            domains.append(domain)
    return tuple(domains), invalid
