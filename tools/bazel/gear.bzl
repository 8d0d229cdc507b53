"""`flywheel_gear`: one call in a gear's src/docker/BUILD.bazel makes its image, checks and pushes."""

load("@bazel_lib//lib:transitions.bzl", "platform_transition_filegroup")
load("@bazel_skylib//rules:build_test.bzl", "build_test")
load("@bazel_skylib//rules:write_file.bzl", "write_file")
load("@container_structure_test//:defs.bzl", "container_structure_test")
load("@rules_oci//oci:defs.bzl", "oci_image", "oci_load", "oci_push")
load("@rules_python//python:py_binary.bzl", "py_binary")
load("@tar.bzl//tar:mtree.bzl", "mtree_mutate", "mtree_spec", "mutate")
load("@tar.bzl//tar:tar.bzl", "tar")
load(":registry.bzl", "GEAR_REGISTRY")

# Every gear image is built for linux/amd64, whatever the host (see tools/bazel/BUILD.bazel).
GEAR_PLATFORM = Label("//tools/bazel:linux_x86_64")

# python:3.10 pinned by index digest in MODULE.bazel (oci.pull "python_base").
GEAR_BASE = Label("@python_base")

CHECK_MANIFEST = Label("//tools/manifest_check:check_manifest")

STRUCTURE_TEST_CONFIG = Label("//tools/bazel:structure_test.yaml")

# The push wrapper (tag check) and the crane of rules_oci's toolchain it asks the registry with.
SAFE_PUSH = Label("//tools/safe_push")
CRANE = Label("//tools/safe_push:crane")

# The upload to a Flywheel site (pushes with the same crane).
GEAR_UPLOAD = Label("//tools/gear_upload")

# Where the gear's py_binary and its runfiles go in the image: the same for every gear, so
# gears with the same interpreter and packages share identical layers.
APP_DIR = "app"

# The launcher /usr/bin/run (= /bin/run, the entrypoint) must leave the gear's own Python as
# PID 1, so the container's SIGTERM reaches it. rules_python 2.3.2's bootstrap
# (python/private/python_bootstrap_template.txt) recreates the binary's venv at run time
# (.bazelrc: venvs_use_declare_symlink=no) and then runs the program as a child process, unless
# RULES_PYTHON_EXTRACT_ROOT says where the venv goes: then it os.execv's. Its shebang
# (#!/usr/bin/env python3) would search the job's PATH, so the launcher runs it with the base
# image's interpreter by absolute path. docs/image-launcher.md; `./dev buildcheck` checks it.
LAUNCHER_EXTRACT_ROOT = "/tmp/rules_python"
BOOTSTRAP_PYTHON = "/usr/local/bin/python3"  # python:3.10's own interpreter

def launcher_lines(bootstrap):
    """The launcher script's lines.

    Args:
      bootstrap: the absolute path of the py_binary (rules_python's bootstrap) in the image.

    Returns:
      The lines of /usr/bin/run, for write_file's `content`.
    """
    return [
        "#!/bin/sh",
        "export RULES_PYTHON_EXTRACT_ROOT=%s" % LAUNCHER_EXTRACT_ROOT,
        "exec %s %s \"$@\"" % (BOOTSTRAP_PYTHON, bootstrap),
        "",
    ]

# The py_binary's runfiles are split into layers by path, least-changing first.
_INTERPRETER = "\\.runfiles/[^/]*python_3_[0-9]+_[^/]*-unknown-linux-gnu/"
_PACKAGES = "\\.runfiles/[^/]*/site-packages/"
_LAYER_SELECTORS = [
    ("interpreter", "grep -E '%s' $< | grep -vE '%s' || true" % (_INTERPRETER, _PACKAGES)),
    ("packages", "grep -E '%s' $< || true" % _PACKAGES),
    ("app", "grep -vE '%s|%s' $< || true" % (_INTERPRETER, _PACKAGES)),
]

# As manifest_check.agreement.DOCKER_HUB_PREFIXES (tools/manifest_check/tests/
# test_gear_macro_agreement.py evaluates this macro and compares).
_DOCKER_HUB_HOSTS = ["index.docker.io/", "registry-1.docker.io/", "docker.io/"]

def short_repository(repository):
    """The repository as `docker pull` names it: Docker Hub's host dropped.

    Args:
      repository: a full repository, e.g. "index.docker.io/naccdata/project-management".

    Returns:
      The repository without a Docker Hub host, e.g. "naccdata/project-management".
    """
    for host in _DOCKER_HUB_HOSTS:
        if repository.startswith(host):
            return repository[len(host):]
    return repository

def _py_binary_layers(name, binary, internal):
    """Layers (interpreter, packages, app) of a py_binary and its runfiles under /app."""
    binary_label = native.package_relative_label(binary)
    mtree_spec(
        name = name + "_mtree",
        srcs = [binary],
        **internal
    )
    mtree_mutate(
        name = name + "_mtree_app",
        mtree = name + "_mtree",
        strip_prefix = binary_label.package,
        package_dir = APP_DIR,
        **internal
    )
    layers = []
    for layer, selector in _LAYER_SELECTORS:
        native.genrule(
            name = "%s_%s_spec" % (name, layer),
            srcs = [name + "_mtree_app"],
            outs = ["%s_%s.spec" % (name, layer)],
            # The #mtree header keeps an empty layer's spec valid.
            cmd = "(echo '#mtree'; %s) > $@" % selector,
            **internal
        )
        tar(
            name = "%s_%s" % (name, layer),
            srcs = [binary],
            mtree = "%s_%s_spec" % (name, layer),
            compress = "gzip",
            **internal
        )
        layers.append("%s_%s" % (name, layer))
    return layers, binary_label.name

def flywheel_gear(
        name,
        manifest,
        binary,
        image_tags,
        repository = None,
        env = {},
        visibility = None):
    """A Flywheel gear image, checked against its manifest, with load, push and tests.

    Targets made (in the calling package, e.g. //gears/project_management/src/docker):
      :<name>           the linux/amd64 image: `bazel build :project-management`
      :push             push every tag: `bazel run :push`; refused (nothing pushed) when a tag
                        other than `latest` is already in the registry with another digest.
                        Extra arguments reach rules_oci's push script: `-- -t TAG` adds a tag
                        (checked too), `-- -r REPOSITORY` pushes elsewhere (checked there)
      :upload           upload the same image to a Flywheel site and register the gear:
                        `bazel run :upload -- --api-key-file ~/fw.key [--dry-run]` (the site
                        of the key; its registry; exit 0 when the site has this version and image,
                        exit 1 when it has this version with another image; docs/releasing.md)
      :load             load into the local Docker: `bazel run :load`
      :manifest_check   genrule: the manifest, copied only if it agrees with this call
      :manifest_test    build test of :manifest_check, so `bazel test //...` fails on a mismatch
      :structure_test   container-structure-test of the image (tar driver, no Docker engine)

    The image is python:3.10 (pinned in MODULE.bazel) plus, least-changing first: the hermetic
    interpreter, the PyPI packages and the app (the py_binary's runfiles under /app), a launcher
    at /usr/bin/run (the base image's /bin is a link to usr/bin, so a bin/ layer would hide
    /bin/sh), and the checked manifest at /flywheel/v0/manifest.json; entrypoint /bin/run,
    workdir /flywheel/v0.

    Args:
      name: the image target's name; must equal the manifest `name` (e.g. "project-management").
      manifest: the gear's manifest.json (exported to the gear's other packages, for tests).
      binary: the gear's py_binary (run.py as main), e.g. "//gears/x/src/python/x_app:bin".
      image_tags: image tags; the first is the version and must equal the manifest `version`.
      repository: the full image repository; default GEAR_REGISTRY + "/" + name
        (tools/bazel/registry.bzl). The manifest's `custom.gear-builder.image` must be this
        repository, without a Docker Hub host, and the version tag.
      env: extra image environment (Flywheel passes a job only PATH and the manifest's
        `environment`, so the gear must not depend on it).
      visibility: visibility of the public targets.
    """
    if not image_tags:
        fail("flywheel_gear %s: image_tags must name the version first, e.g. [\"0.1.0\", \"latest\"]" % name)
    repository = repository or "%s/%s" % (GEAR_REGISTRY, name)
    internal = {"tags": ["manual"], "visibility": ["//visibility:private"]}
    package = native.package_name()

    # The gear's own tests read its manifest.
    native.exports_files(
        [manifest],
        visibility = ["//%s:__subpackages__" % package.split("/src/")[0]],
    )

    # 1. The manifest check: the image is built from the checked copy, so a manifest that
    #    disagrees with this call fails `bazel build`, `bazel test` and every push.
    native.genrule(
        name = "manifest_check",
        srcs = [manifest],
        outs = ["_checked/manifest.json"],
        cmd = " ".join(
            [
                "$(execpath %s)" % CHECK_MANIFEST,
                "--manifest $(execpath %s)" % manifest,
                "--name '%s'" % name,
                "--repository '%s'" % repository,
            ] + ["--tag '%s'" % tag for tag in image_tags] + ["--out $@"],
        ),
        tools = [CHECK_MANIFEST],
        visibility = visibility,
    )

    # bazel test //... fails when the manifest and this call disagree.
    build_test(
        name = "manifest_test",
        targets = [":manifest_check"],
        visibility = visibility,
    )

    # 2. Layers.
    py_layers, binary_name = _py_binary_layers("_py", binary, internal)
    write_file(
        name = "_launcher",
        out = "_launcher/run",
        content = launcher_lines("/%s/%s" % (APP_DIR, binary_name)),
        is_executable = True,
        **internal
    )
    tar(
        name = "_launcher_layer",
        srcs = [":_launcher"],
        # /usr/bin/run alone: tar.bzl's tar packs an executable's runfiles (run.runfiles/)
        # unless told not to (tar/tar.bzl at v0.10.5: include_runfiles, with mtree "auto").
        include_runfiles = False,
        # usr/bin, never bin/: the base image's /bin is a link to usr/bin.
        mutate = mutate(strip_prefix = package + "/_launcher", package_dir = "usr/bin"),
        **internal
    )
    tar(
        name = "_manifest_layer",
        srcs = [":manifest_check"],
        mutate = mutate(strip_prefix = package + "/_checked", package_dir = "flywheel/v0"),
        **internal
    )

    # 3. The image, built for linux/amd64 through the transition: the Linux interpreter and
    #    wheels rather than the host's, even on a Mac.
    oci_image(
        name = "_image",
        base = GEAR_BASE,
        tars = py_layers + [":_launcher_layer", ":_manifest_layer"],
        entrypoint = ["/bin/run"],
        workdir = "/flywheel/v0",
        env = env,
        labels = {
            "org.opencontainers.image.title": name,
            "org.opencontainers.image.version": image_tags[0],
        },
        **internal
    )

    # bazel build //gears/<folder>/src/docker:<name>
    platform_transition_filegroup(
        name = name,
        srcs = [":_image"],
        target_platform = GEAR_PLATFORM,
        visibility = visibility,
    )

    # 4. Load and push. bazel run :load / bazel run :push
    oci_load(
        name = "load",
        image = ":" + name,
        repo_tags = ["%s:%s" % (short_repository(repository), tag) for tag in image_tags],
        visibility = visibility,
    )

    # The image as a `docker save` tarball: the tar driver below reads it without Docker.
    native.filegroup(
        name = "_image_tarball",
        srcs = [":load"],
        output_group = "tarball",
        **internal
    )

    # bazel test //gears/<folder>/src/docker:structure_test
    container_structure_test(
        name = "structure_test",
        configs = [STRUCTURE_TEST_CONFIG],
        driver = "tar",
        image = ":_image_tarball",
        visibility = visibility,
    )

    # rules_oci's push, only ever run by :push below after the tag check.
    oci_push(
        name = "_push_unchecked",
        image = ":" + name,
        repository = repository,
        remote_tags = image_tags,
        **internal
    )

    # bazel run :push [-- -t extra-tag | -r other/repository]
    # Refuses (nothing pushed) when a tag other than `latest` already names another image in
    # the registry; then runs :_push_unchecked with the same extra arguments.
    py_binary(
        name = "push",
        main_module = "safe_push.main",
        args = [
            "--image",
            "$(rlocationpath :%s)" % name,
            "--push-script",
            "$(rlocationpath :_push_unchecked)",
            "--crane",
            "$(rlocationpath %s)" % CRANE,
            "--repository",
            repository,
        ] + ["--tag=%s" % tag for tag in image_tags] + ["--"],
        data = [
            ":" + name,
            ":_push_unchecked",
            CRANE,
        ],
        visibility = visibility,
        deps = [SAFE_PUSH],
    )

    # bazel run :upload -- --api-key-file F [--dry-run] [--site-registry HOST[:PORT]]
    # The checked image :push pushes, to the Flywheel site of the user's API key: asks the site
    # first, pushes with rules_oci's crane, registers (tools/gear_upload).
    py_binary(
        name = "upload",
        main_module = "gear_upload.main",
        args = [
            "--manifest",
            "$(rlocationpath :manifest_check)",
            "--oci-layout",
            "$(rlocationpath :%s)" % name,
            "--crane",
            "$(rlocationpath %s)" % CRANE,
        ],
        data = [
            ":" + name,
            ":manifest_check",
            CRANE,
        ],
        visibility = visibility,
        deps = [GEAR_UPLOAD],
    )
