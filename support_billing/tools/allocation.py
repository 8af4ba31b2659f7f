"""First-in first-out allocation of billed time across hour credits (B2, B3).

A contract's hours wallet holds *credits* (prepaid packs of 25 or 100 hours,
B2; monthly reserved hours, B3) and *debits* (the billed time of resolved
requests, B1). Each debit draws on the oldest credit that still has hours,
then the next one, and so on (FIFO). Credits never expire (B3). A credit can
only pay for a debit dated on or after the credit: time billed before a pack
was bought is not paid by that pack. What no credit covers is *overage*,
billed at the contract's hourly rate.

Events of the same date: credits come first, then debits, each in the order
given (callers pass them sorted by creation). The result is deterministic, so
the statement can be recomputed at any time from the stored entries.
"""

from dataclasses import dataclass, field

from .billed_time import to_hours


@dataclass
class Credit:
    key: object
    date: object
    hours: object
    label: str = ""
    kind: str = "pack"


@dataclass
class Debit:
    key: object
    date: object
    hours: object
    label: str = ""


@dataclass
class DebitAllocation:
    key: object
    hours: float
    covered: float = 0.0
    overage: float = 0.0
    #: [(credit key, hours drawn from it)], oldest credit first
    parts: list = field(default_factory=list)


@dataclass
class Allocation:
    debits: dict
    #: credit key -> hours left on it
    remaining: dict
    #: statement lines, chronological (see :func:`allocate`)
    lines: list

    @property
    def balance(self):
        return float(sum(to_hours(h) for h in self.remaining.values()))

    @property
    def overage(self):
        return float(sum(to_hours(d.overage) for d in self.debits.values()))


def allocate(credits, debits):
    """Allocate ``debits`` over ``credits`` first-in first-out.

    Returns an :class:`Allocation`. Each statement line is a dict with
    ``type`` (``credit`` | ``debit``), ``key``, ``date``, ``label``,
    ``hours`` (credited, or billed for a debit), ``covered`` and ``overage``
    (debits only) and ``balance`` (hours left in the wallet after the line).
    Negative hours are refused with ``ValueError``.
    """
    credits = list(credits)
    debits = list(debits)
    for entry in credits + debits:
        if to_hours(entry.hours) < 0:
            raise ValueError(f"negative hours on ledger entry {entry.key!r}")
    events = [(c.date, 0, i, c) for i, c in enumerate(credits)]
    events += [(d.date, 1, i, d) for i, d in enumerate(debits)]
    events.sort(key=lambda e: (e[0], e[1], e[2]))

    open_credits = []  # [credit, remaining Decimal], FIFO order
    remaining = {}
    result = {}
    lines = []
    balance = to_hours(0)
    for _date, is_debit, _index, entry in events:
        hours = to_hours(entry.hours)
        if not is_debit:
            open_credits.append([entry, hours])
            remaining[entry.key] = hours
            balance += hours
            lines.append(_line("credit", entry, hours, balance))
            continue
        alloc = DebitAllocation(key=entry.key, hours=float(hours))
        need = hours
        for slot in open_credits:
            if not need:
                break
            if not slot[1]:
                continue
            take = min(slot[1], need)
            slot[1] -= take
            need -= take
            remaining[slot[0].key] = slot[1]
            alloc.parts.append((slot[0].key, float(take)))
        open_credits = [slot for slot in open_credits if slot[1]]
        covered = hours - need
        balance -= covered
        alloc.covered = float(covered)
        alloc.overage = float(need)
        result[entry.key] = alloc
        line = _line("debit", entry, hours, balance)
        line.update(covered=float(covered), overage=float(need), parts=alloc.parts)
        lines.append(line)
    return Allocation(
        debits=result,
        remaining={key: float(hours) for key, hours in remaining.items()},
        lines=lines,
    )


def _line(kind, entry, hours, balance):
    return {
        "type": kind,
        "key": entry.key,
        "date": entry.date,
        "label": entry.label,
        "hours": float(hours),
        "covered": 0.0,
        "overage": 0.0,
        "parts": [],
        "balance": float(balance),
    }
