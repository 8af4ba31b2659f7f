"""Pure checks of the portal's new-ticket form (P1, P3, T2, T4).

No ``odoo`` import: the controller turns the error codes returned here into
translated messages, and the tests run without a database.

``validate_ticket_form(form, limits)`` returns ``(values, errors)``:
``values`` are the cleaned values a ticket may be created from, ``errors`` a
dict ``field -> (code, params)``; nothing may be created while ``errors`` is
not empty.

Texts are plain text: a pasted Odoo view, a QWeb template or a browser's
"JavaScript: TypeError" is accepted as typed, and escaped wherever it is
shown (``plaintext2html``, QWeb's ``t-out``), never interpreted.
"""

import re

IMPACTS = ("system", "multiple", "single")
URGENCIES = ("high", "medium", "low")
CONTACT_METHODS = ("email", "phone", "portal")

SUBJECT_MAX = 200
DESCRIPTION_MAX = 20000
URL_MAX = 2000
DOCUMENT_MAX = 200

# Fields the server sets itself (P1): a request that carries any of them is a
# forged request and is refused as a whole.
FORBIDDEN_FIELDS = frozenset(
    {
        "partner_id",
        "commercial_partner_id",
        "customer_id",
        "contract_id",
        "plan_id",
        "company_id",
        "stage_id",
        "priority",
        "priority_overridden",
        "channel",
        "user_id",
        "team_id",
        "number",
        "email_from",
        "tag_ids",
        "access_token",
        "is_resolved",
        "is_closed",
        "active",
        "create_uid",
        "message_follower_ids",
    }
)

# Fields of the form: any other key (besides the CSRF and form tokens and the
# files) is refused too, so that a new ticket field never becomes writable
# from the portal by accident.
FORM_FIELDS = frozenset(
    {
        "name",
        "description",
        "impact",
        "urgency",
        "type_id",
        "scope_item_id",
        "environment_id",
        "screen_url",
        "document_name",
        "contact_method",
    }
)
TECHNICAL_FIELDS = frozenset({"csrf_token", "form_token", "attachments"})

_URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_INT_RE = re.compile(r"^[0-9]{1,9}$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_chars(text):
    """NUL bytes and other control characters (tabs and newlines are fine)."""
    return bool(_CONTROL_RE.search(text or ""))


def _clean_text(form, key, errors, required, max_len):
    raw = form.get(key)
    if raw is not None and not isinstance(raw, str):
        errors[key] = ("invalid", {})
        return ""
    text = (raw or "").strip()
    if has_control_chars(text):
        errors[key] = ("control_chars", {})
    elif required and not text:
        errors[key] = ("required", {})
    elif len(text) > max_len:
        errors[key] = ("too_long", {"max": max_len, "length": len(text)})
    return text


def _clean_id(form, key, errors):
    raw = form.get(key)
    if raw in (None, "", "0"):
        return False
    if not isinstance(raw, str) or not _INT_RE.match(raw.strip()):
        errors[key] = ("invalid", {})
        return False
    return int(raw)


def validate_ticket_form(form):
    """Check the submitted form (a dict of strings). Return ``(values, errors)``."""
    errors = {}
    unexpected = sorted(set(form) - FORM_FIELDS - TECHNICAL_FIELDS)
    forged = sorted(key for key in unexpected if key in FORBIDDEN_FIELDS)
    if forged:
        errors["__form__"] = ("forged", {"fields": ", ".join(forged)})
    elif unexpected:
        errors["__form__"] = ("unexpected", {"fields": ", ".join(unexpected[:5])})

    values = {
        "name": _clean_text(form, "name", errors, True, SUBJECT_MAX),
        "description": _clean_text(form, "description", errors, True, DESCRIPTION_MAX),
        "screen_url": _clean_text(form, "screen_url", errors, False, URL_MAX),
        "document_name": _clean_text(
            form, "document_name", errors, False, DOCUMENT_MAX
        ),
    }
    if (
        values["screen_url"]
        and "screen_url" not in errors
        and not _URL_RE.match(values["screen_url"])
    ):
        errors["screen_url"] = ("url", {})

    for key, allowed in (("impact", IMPACTS), ("urgency", URGENCIES)):
        value = form.get(key)
        if not value:
            errors[key] = ("required", {})
        elif value not in allowed:
            errors[key] = ("choice", {})
        values[key] = value if value in allowed else False
    method = form.get("contact_method") or "email"
    if method not in CONTACT_METHODS:
        errors["contact_method"] = ("choice", {})
    values["contact_method"] = method if method in CONTACT_METHODS else "email"

    values["type_id"] = _clean_id(form, "type_id", errors)
    values["scope_item_id"] = _clean_id(form, "scope_item_id", errors)
    values["environment_id"] = _clean_id(form, "environment_id", errors)
    return values, errors


def check_text(text, max_len):
    """``(code, params)`` of what is wrong with a free text of the portal (a
    reply, a feedback), or ``None``."""
    if has_control_chars(text):
        return ("control_chars", {})
    if len(text) > max_len:
        return ("too_long", {"max": max_len, "length": len(text)})
    return None


def reply_error(closed, text, has_files, max_len):
    """``(code, params)`` of what is wrong with a reply to a ticket (closed,
    empty without a file, or a bad text), or ``None``."""
    if closed:
        return ("closed", {})
    if not text and not has_files:
        return ("required", {})
    return check_text(text, max_len)


def echo_form(form):
    """The form's own fields, as typed, to show again next to the errors."""
    return {
        key: value.replace("\x00", "")[:DESCRIPTION_MAX]
        for key, value in form.items()
        if key in FORM_FIELDS and isinstance(value, str)
    }


# ------------------------------------------------------------ error messages
# ``code -> (_, params) -> message``: ``_`` translates (the caller's ``env._``)
_MESSAGES = {
    "required": lambda _, params: _("Please fill in this field."),
    "too_long": lambda _, params: _(
        "Please keep it under %(max)s characters (you typed %(length)s).",
        max=params.get("max", ""),
        length=params.get("length", ""),
    ),
    "control_chars": lambda _, params: _(
        "This field contains invisible control characters (such as NUL "
        "bytes): please retype it."
    ),
    "url": lambda _, params: _(
        "Enter the full address of the screen, starting with http:// or https://."
    ),
    "choice": lambda _, params: _("Choose one of the proposed options."),
    "invalid": lambda _, params: _("This value is not valid."),
    "type": lambda _, params: _("Choose one of the proposed request types."),
    "scope": lambda _, params: _("Choose a subject from your plan's catalogue."),
    "environment": lambda _, params: _("Choose one of your environments."),
    "forged": lambda _, params: _(
        "The request contained fields that only the support team sets "
        "(%(fields)s). Nothing was created.",
        fields=params.get("fields", ""),
    ),
    "unexpected": lambda _, params: _(
        "The request contained unknown fields (%(fields)s). Nothing was created.",
        fields=params.get("fields", ""),
    ),
    "token": lambda _, params: _(
        "This form was already sent or has expired. Check your tickets "
        "before sending it again."
    ),
    "file_name": lambda _, params: _("A file has an invalid name."),
    "file_type": lambda _, params: _(
        "%(name)s: this type of file is not accepted. Accepted types: %(allowed)s.",
        name=params.get("name", ""),
        allowed=params.get("allowed", ""),
    ),
    "file_content": lambda _, params: _(
        "%(name)s: the content of this file is not accepted (web page, "
        "script or program).",
        name=params.get("name", ""),
    ),
    "file_empty": lambda _, params: _(
        "%(name)s is empty.", name=params.get("name", "")
    ),
    "file_size": lambda _, params: _(
        "%(name)s is larger than %(max_mb)s MB.",
        name=params.get("name", ""),
        max_mb=params.get("max_mb", ""),
    ),
    "file_count": lambda _, params: _(
        "Attach at most %(max)s files.", max=params.get("max", "")
    ),
    "closed": lambda _, params: _(
        "This ticket is closed: reopen it to continue the conversation."
    ),
    "rating": lambda _, params: _("Choose how satisfied you are."),
    "rated": lambda _, params: _("You already rated this ticket. Thank you!"),
    "not_rateable": lambda _, params: _("A ticket can be rated once it is resolved."),
    "reopen": lambda _, params: _("The period to reopen this ticket is over."),
}


def error_message(_, code, params):
    """The message of an error ``(code, params)`` of this module or of the
    portal's other forms; ``_`` translates (the caller's ``env._``)."""
    return (_MESSAGES.get(code) or _MESSAGES["invalid"])(_, params)


def error_messages(_, errors):
    """``{field: message}`` of ``errors`` = ``{field: (code, params)}``."""
    return {
        field: error_message(_, code, params)
        for field, (code, params) in errors.items()
    }
