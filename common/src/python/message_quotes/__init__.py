"""Quote a value in a message, cut to a short length: the one helper every message uses.

A config value, a manifest field or a YAML value can be megabytes long, or (a YAML alias bomb)
a structure of millions of items. `quoted(value)` shows it as Python's `repr` would, bounded in
both the work it does and the text it gives (at most `QUOTE_LIMIT` characters plus a note of
the full length), so a message stays one short line whatever the input. Control characters
show escaped (`'a\\x07b'`), as `repr` shows them.
"""

from message_quotes.quote import QUOTE_LIMIT, cut_text, quoted

__all__ = ["QUOTE_LIMIT", "cut_text", "quoted"]
