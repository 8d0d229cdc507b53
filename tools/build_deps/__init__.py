"""`./dev deps`: the deps each Python target lacks or never uses, from its imports; --fix edits."""
