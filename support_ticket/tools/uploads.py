"""Pure limits of the files a customer attaches to a ticket (P3).

One table for every door: the portal's forms (support_portal), Odoo's own
``/mail/attachment/upload`` and ``/mail/message/post`` routes and a
``message_post`` over RPC. No ``odoo`` import: the top-level ``tests/`` test
it without a database.

``check_file`` and ``check_files`` return error codes ``(code, params)``;
the callers turn them into translated messages.
"""

import os
import re

DEFAULT_ALLOWED_EXTENSIONS = (
    "pdf,png,jpg,jpeg,gif,webp,txt,log,csv,xml,json,xls,xlsx,doc,docx,odt,ods,zip"
)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 5
# What a multipart request may carry besides its file (headers, other fields):
# a request longer than the file limit plus this is refused before it is read.
REQUEST_OVERHEAD_BYTES = 64 * 1024
# Bytes read from the start of a file to guess its content type.
SNIFF_BYTES = 2048

# Never accepted, whatever the setting says: they run in a browser or a desktop.
DANGEROUS_EXTENSIONS = frozenset(
    {
        "exe", "com", "bat", "cmd", "msi", "scr", "pif", "dll", "sh", "ps1", "vbs",
        "js", "mjs", "jar", "html", "htm", "xhtml", "shtml", "svg", "svgz", "php",
        "hta", "swf", "apk", "app", "lnk", "reg",
    }
)  # fmt: skip
# Content types that betray an active document behind an innocent extension.
DANGEROUS_MIMETYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "application/javascript",
        "text/javascript",
        "application/x-msdownload",
        "application/x-dosexec",
        "application/x-executable",
        "application/x-sh",
    }
)

_NAME_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def parse_extensions(setting):
    """``"pdf, PNG,.jpg"`` -> ``{"pdf", "png", "jpg"}``, dangerous ones removed."""
    exts = {
        ext.strip().lower().lstrip(".")
        for ext in (setting or DEFAULT_ALLOWED_EXTENSIONS).split(",")
    }
    return {ext for ext in exts if ext and ext not in DANGEROUS_EXTENSIONS}


def file_extension(filename):
    return os.path.splitext(filename or "")[1].lower().lstrip(".")


def check_file(filename, size, allowed_extensions, max_bytes, mimetype=None):
    """``None`` when a file may be attached, else ``(code, params)``."""
    name = filename or ""
    if not name.strip() or _NAME_CONTROL_RE.search(name) or "/" in name or "\\" in name:
        return ("file_name", {"name": name.replace("\x00", "")[:80]})
    ext = file_extension(name)
    if ext in DANGEROUS_EXTENSIONS or ext not in allowed_extensions:
        return (
            "file_type",
            {"name": name, "allowed": ", ".join(sorted(allowed_extensions))},
        )
    if mimetype and mimetype.split(";")[0].strip().lower() in DANGEROUS_MIMETYPES:
        return ("file_content", {"name": name})
    if size <= 0:
        return ("file_empty", {"name": name})
    if size > max_bytes:
        return ("file_size", {"name": name, "max_mb": round(max_bytes / 1048576, 1)})
    return None


def check_files(files, allowed_extensions, max_bytes, max_count):
    """``files``: iterable of ``(filename, size, mimetype)``. Return the list of
    errors (empty when every file is fine)."""
    files = list(files)
    errors = []
    if len(files) > max_count:
        errors.append(("file_count", {"max": max_count}))
    for filename, size, mimetype in files:
        error = check_file(filename, size, allowed_extensions, max_bytes, mimetype)
        if error:
            errors.append(error)
    return errors


def request_too_large(content_length, max_bytes):
    """Whether a one-file upload request of ``content_length`` bytes cannot
    hold a file within ``max_bytes`` (checked before the body is read)."""
    return bool(content_length) and content_length > max_bytes + REQUEST_OVERHEAD_BYTES


def base64_size(data):
    """Size in bytes of the file a base64 text encodes, without decoding it."""
    if isinstance(data, str):
        data = data.encode("ascii", "ignore")
    data = (data or b"").strip()
    return max(len(data) * 3 // 4 - data[-2:].count(b"="), 0)
