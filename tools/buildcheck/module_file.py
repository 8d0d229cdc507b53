"""MODULE.bazel as data: bazel_dep, module extensions and their tags, repos in scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from buildcheck.model import ExtensionTag, ModuleInfo
from buildcheck.rule_stubs import EXTENSIONS, did_you_mean, normalize_load

PATH = "MODULE.bazel"
ProblemSink = Callable[[str, str, str], None]


@dataclass
class _UseRepo:
    extension: str
    bzl: str
    names: dict[str, str]  # local name -> name the extension makes


@dataclass
class ModuleRecorder:
    """The callables MODULE.bazel's prelude calls, and the checks run once it is evaluated."""

    module: ModuleInfo
    problem: ProblemSink
    use_repos: list[_UseRepo] = field(default_factory=list)

    def callables(self) -> dict[str, Callable[..., Any]]:
        return {
            "_py_module": self._module,
            "_py_bazel_dep": self._bazel_dep,
            "_py_use_extension": self._use_extension,
            "_py_tag": self._tag,
            "_py_use_repo": self._use_repo,
            "_py_repo_rule": self._repo_rule,
        }

    def _module(self, name: str, version: str, repo_name: str) -> None:
        self.module.name = repo_name or name
        del version

    def _bazel_dep(self, name: str, version: str, repo_name: str) -> None:
        if not version:
            self.problem(PATH, "", f"bazel_dep {name}: pin a version")
        self.module.bazel_deps[repo_name or name] = f"{name}@{version}"

    def _repo_rule(self, name: str) -> None:
        self.module.use_repos.add(name)

    def _use_extension(self, bzl: str, name: str) -> list[str]:
        repo = normalize_load(bzl).lstrip("@").split("//", 1)[0]
        if bzl.startswith("@") and repo not in self.module.repos_in_scope:
            self.problem(PATH, "", f"use_extension({bzl!r}): no bazel_dep for @{repo}")
        spec = EXTENSIONS.get((normalize_load(bzl), name))
        if spec is None:
            self.problem(
                PATH,
                "",
                f"use_extension({bzl!r}, {name!r}): not in buildcheck's table of extensions "
                "(tools/buildcheck/rule_stubs.py)",
            )
            return []
        return sorted(spec.tags)

    def _tag(self, bzl: str, extension: str, tag: str, kwargs: dict[str, Any]) -> None:
        spec = EXTENSIONS[(normalize_load(bzl), extension)].tags[tag]
        where = f"{extension}.{tag}"
        if spec.checked:
            for attr in sorted(set(kwargs) - set(spec.attrs)):
                hint = did_you_mean(attr, spec.attrs)
                self.problem(PATH, "", f"{where} has no attribute `{attr}`{hint}")
            for attr in sorted(spec.mandatory):
                if kwargs.get(attr) is None:
                    self.problem(PATH, "", f"{where} requires attribute `{attr}`")
        self.module.tags.append(ExtensionTag(extension, bzl, tag, dict(kwargs)))
        if (extension, tag) == ("pip", "parse") and isinstance(kwargs.get("hub_name"), str):
            self.module.pip_hubs[kwargs["hub_name"]] = str(kwargs.get("requirements_lock") or "")

    def _use_repo(self, bzl: str, extension: str, args: list[str], kwargs: dict[str, str]) -> None:
        names = {name: name for name in args}
        names.update(kwargs)
        self.use_repos.append(_UseRepo(extension, bzl, names))
        self.module.use_repos.update(names)

    def finish(self) -> None:
        """Checks that need the whole file: repos the extensions make, versions, digests."""
        made = self._repos_made()
        for use in self.use_repos:
            known = made.get((normalize_load(use.bzl), use.extension))
            if known is None:
                continue
            for local, exported in sorted(use.names.items()):
                if not known(exported):
                    self.problem(
                        PATH,
                        "",
                        f"use_repo({use.extension}, {local!r}): the {use.extension} extension "
                        f"makes no repository {exported!r}",
                    )
        self._check_reported_repos()
        toolchains = {
            t.attrs.get("python_version")
            for t in self.module.tags
            if (t.extension, t.tag) == ("python", "toolchain")
        }
        for tag in self.module.tags:
            if (tag.extension, tag.tag) == ("pip", "parse"):
                version = tag.attrs.get("python_version")
                if version is not None and version not in toolchains:
                    self.problem(
                        PATH,
                        "",
                        f"pip.parse python_version {version!r} has no python.toolchain "
                        "with that python_version",
                    )
            if (tag.extension, tag.tag) == ("oci", "pull") and not tag.attrs.get("digest"):
                self.problem(
                    PATH,
                    "",
                    f"oci.pull {tag.attrs.get('name')!r}: pin the image by digest "
                    "(a tag alone is not reproducible)",
                )

    def _check_reported_repos(self) -> None:
        """Every repo an extension reports as the root's direct dependency is in its use_repo.

        rules_oci 2.3.0 oci/extensions.bzl reports, for each oci.pull, `<name>` and one
        `<name>_<os>_<arch>` per platform (and `<name>_crane_toolchains`/`_regctl_toolchains`
        per oci.toolchains); `bazel mod tidy` would add any that use_repo lacks.
        """
        reported: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for tag in self.module.tags:
            key = (normalize_load(tag.bzl), tag.extension)
            if key != ("@rules_oci//oci:extensions.bzl", "oci"):
                continue
            name = str(tag.attrs.get("name") or ("oci" if tag.tag == "toolchains" else ""))
            if tag.tag == "pull" and name:
                made = [name] + [
                    "_".join([name, *str(p).split("/")]) for p in tag.attrs.get("platforms") or []
                ]
            elif tag.tag == "toolchains":
                made = [f"{name}_crane_toolchains", f"{name}_regctl_toolchains"]
            else:
                continue
            reported.setdefault(key, []).extend((repo, f"oci.{tag.tag} {name!r}") for repo in made)
        for key, repos in reported.items():
            used = {
                exported
                for use in self.use_repos
                if (normalize_load(use.bzl), use.extension) == key
                for exported in use.names.values()
            }
            for repo, origin in repos:
                if repo not in used:
                    self.problem(
                        PATH,
                        "",
                        f"use_repo({key[1]}, ...) lacks {repo!r}: {origin} makes it and reports "
                        "it as a direct dependency (bazel mod tidy would add it)",
                    )

    def _repos_made(self) -> dict[tuple[str, str], Callable[[str], bool]]:
        """For each extension, a test of whether it makes a repository of that name."""
        pulled: set[str] = set()
        for tag in self.module.tags:
            if (tag.extension, tag.tag) == ("oci", "pull"):
                name = str(tag.attrs.get("name", ""))
                pulled.add(name)
                for platform in tag.attrs.get("platforms") or []:
                    pulled.add("_".join([name, *str(platform).split("/")]))
        hubs = set(self.module.pip_hubs)
        return {
            ("@rules_oci//oci:extensions.bzl", "oci"): pulled.__contains__,
            ("@rules_python//python/extensions:pip.bzl", "pip"): hubs.__contains__,
            ("@rules_python//python/extensions:python.bzl", "python"): lambda n: n.startswith(
                "python"
            ),
        }
