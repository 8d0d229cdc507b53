"""Bazel labels: parsing `//pkg:name`, `:name`, `@repo//pkg`, ... into one canonical form."""

from __future__ import annotations

from dataclasses import dataclass

# `struct(__label__="//pkg:name", ...)`: how our Starlark Label() reads when turned into a string.
LABEL_KEY = "__label__"


class LabelError(ValueError):
    """Text that is not a valid label."""


@dataclass(frozen=True, order=True)
class Label:
    """A parsed label; `repo` is "" for the main repository."""

    repo: str
    package: str
    name: str

    def __str__(self) -> str:
        prefix = f"@{self.repo}" if self.repo else ""
        return f"{prefix}//{self.package}:{self.name}"

    @property
    def path(self) -> str:
        """The repository-relative path a source file with this label has."""
        return f"{self.package}/{self.name}" if self.package else self.name


def _check_package(package: str, text: str) -> None:
    if package.startswith("/") or package.endswith("/") or "//" in package:
        raise LabelError(f"invalid package in label {text!r}")
    for part in package.split("/"):
        if part in (".", "..") and package:
            raise LabelError(f"label {text!r} may not contain '.' or '..' path segments")


def _check_name(name: str, text: str) -> None:
    if not name:
        raise LabelError(f"empty target name in label {text!r}")
    if name.startswith("/") or name.endswith("/") or "//" in name:
        raise LabelError(f"invalid target name in label {text!r}")
    for part in name.split("/"):
        if part in (".", ".."):
            raise LabelError(f"label {text!r} may not contain '.' or '..' path segments")


def parse_label(text: str, package: str, main_repo_names: frozenset[str] = frozenset()) -> Label:
    """Parse `text` as written in `package`; `@<main module name>//...` is the main repository."""
    if not isinstance(text, str) or not text:
        raise LabelError(f"expected a label, got {text!r}")
    rest = text
    repo = ""
    if rest.startswith("@"):
        rest = rest[2:] if rest.startswith("@@") else rest[1:]
        if "//" in rest:
            repo, _, rest = rest.partition("//")
            rest = "//" + rest
        else:
            # `@repo` is `@repo//:repo`.
            repo, rest = rest, f"//:{rest}"
        if repo in main_repo_names:
            repo = ""
    if rest.startswith("//"):
        body = rest[2:]
        pkg, colon, name = body.partition(":")
        if not colon:
            name = pkg.rsplit("/", 1)[-1]
        if not name:
            raise LabelError(f"label {text!r} names no target")
    elif rest.startswith(":"):
        pkg, name = package, rest[1:]
    elif ":" in rest:
        raise LabelError(f"relative label {text!r} must start with ':' or '//'")
    else:
        pkg, name = package, rest
    _check_package(pkg, text)
    _check_name(name, text)
    return Label(repo=repo, package=pkg, name=name)


def label_fields(label: Label) -> dict[str, str]:
    """The fields of our Starlark `Label` struct."""
    return {
        LABEL_KEY: str(label),
        "name": label.name,
        "package": label.package,
        "repo_name": label.repo,
        "workspace_name": label.repo,
        "workspace_root": f"external/{label.repo}" if label.repo else "",
    }
