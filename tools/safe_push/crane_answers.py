"""What `crane digest` prints when a tag cannot be read, recorded with where each came from.

rules_oci 2.3.0 brings crane v0.18.0 (`oci/private/versions.bzl`). crane formats a registry
error as `<METHOD> <URL>: <CODE>: <message>[; <detail>]` (go-containerregistry
`pkg/v1/remote/transport/error.go`, `Diagnostic.String`), and an answer that is not a registry
error as `<METHOD> <URL>: unexpected status code <N> <text>: <body>` (same file,
`responseErr`). `crane digest` tries HEAD first and falls back to GET, so its last `Error:`
line is the GET's answer.

The rule in remote.py is tested against every record here (tests/test_crane.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Meaning = Literal["missing", "denied"]


@dataclass(frozen=True)
class CraneAnswer:
    """crane's error output for `reference`, what it means, and where it was recorded."""

    name: str
    reference: str
    output: str
    meaning: Meaning
    source: str


ANSWERS: tuple[CraneAnswer, ...] = (
    CraneAnswer(
        name="docker-hub-missing-repository",
        reference="index.docker.io/naccdata/new-gear:0.1.0",
        output=(
            "Warning: HEAD request failed, falling back on GET: HEAD "
            "https://index.docker.io/v2/naccdata/new-gear/manifests/0.1.0: unexpected status "
            "code 401 Unauthorized (HEAD responses have no body, use GET for details)\n"
            "Error: fetching manifest index.docker.io/naccdata/new-gear:0.1.0: GET "
            "https://index.docker.io/v2/naccdata/new-gear/manifests/0.1.0: UNAUTHORIZED: "
            "authentication required; [map[Action:pull Class: Name:naccdata/new-gear "
            "Type:repository]]"
        ),
        meaning="missing",
        source=(
            "Docker Hub's body for a manifest of a repository the token may not pull "
            '(`{"errors":[{"code":"UNAUTHORIZED","message":"authentication required",'
            '"detail":[{"Type":"repository","Class":"","Name":"busybox","Action":"pull"}]}]}`, '
            "github.com/uber/kraken/issues/298); crane's rendering of that body "
            "(`UNAUTHORIZED: authentication required; [map[Action:pull Class: "
            "Name:library/nginx Type:repository] ...]`, "
            "github.com/google/go-containerregistry/issues/1617); Docker Hub gives it for a "
            "repository that does not exist ('repository does not exist or may require "
            "docker login', github.com/OWASP/crAPI/issues/12)"
        ),
    ),
    CraneAnswer(
        name="docker-hub-bad-credentials",
        reference="index.docker.io/naccdata/project-management:0.1.0",
        output=(
            "Error: fetching manifest index.docker.io/naccdata/project-management:0.1.0: GET "
            "https://auth.docker.io/token?scope=repository%3Anaccdata%2Fproject-management%3A"
            "pull&service=registry.docker.io: unexpected status code 401 Unauthorized: "
            '{"details":"incorrect username or password"}'
        ),
        meaning="denied",
        source=(
            "Docker Hub's token server answers bad credentials with 401 and "
            '`{"details":"incorrect username or password"}` '
            "(github.com/google/go-containerregistry/issues/280); crane checks the token "
            "answer with CheckError (`pkg/v1/remote/transport/bearer.go`, refreshBasic), which "
            "renders a non-registry body as `unexpected status code 401 Unauthorized: <body>`"
        ),
    ),
    CraneAnswer(
        name="distribution-missing-repository",
        reference="localhost:8888/citi/picalc:1",
        output=(
            "Error: fetching manifest localhost:8888/citi/picalc:1: GET "
            "http://localhost:8888/v2/citi/picalc/manifests/1: NAME_UNKNOWN: repository name "
            "not known to registry; map[name:citi/picalc]"
        ),
        meaning="missing",
        source=(
            "crane against a Distribution registry, `NAME_UNKNOWN: repository name not known "
            "to registry; map[name:citi/picalc]` (github.com/buildsec/frsca/issues/97)"
        ),
    ),
    CraneAnswer(
        name="distribution-bad-credentials",
        reference="127.0.0.1:5000/naccdata/project-management:0.1.0",
        output=(
            "Error: fetching manifest 127.0.0.1:5000/naccdata/project-management:0.1.0: GET "
            "http://127.0.0.1:5000/v2/naccdata/project-management/manifests/0.1.0: "
            "UNAUTHORIZED: authentication required; [map[Action:pull Class: "
            "Name:naccdata/project-management Type:repository]]"
        ),
        meaning="denied",
        source=(
            "Distribution 2.8 with htpasswd answers a wrong password with UNAUTHORIZED and the "
            "access records as detail (the body is checked against Debian's docker-registry in "
            "tools/gear_upload/tests/test_registry.py); with basic auth there is no token "
            "server, so outside Docker Hub this answer means the login is wrong"
        ),
    ),
)
