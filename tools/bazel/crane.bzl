"""`crane_binary`: the crane of rules_oci's crane toolchain, as a file other targets can use.

rules_oci registers its crane toolchains itself (`register_toolchains("@oci_crane_toolchains//:all")`
in its MODULE.bazel) but its `@oci_crane_toolchains//:current_toolchain` alias repository is not
visible from this module without a `use_repo`, so this rule resolves the public toolchain type
`@rules_oci//oci:crane_toolchain_type` directly, as that alias does
(oci/private/toolchains_repo.bzl), and forwards the toolchain's DefaultInfo as that alias does.
"""

CRANE_TOOLCHAIN_TYPE = "@rules_oci//oci:crane_toolchain_type"

def _crane_binary_impl(ctx):
    # The toolchain's own DefaultInfo (oci/toolchain.bzl): files and runfiles are the crane
    # binary alone, as @oci_crane_toolchains//:current_toolchain forwards it.
    return [ctx.toolchains[CRANE_TOOLCHAIN_TYPE].default]

crane_binary = rule(
    implementation = _crane_binary_impl,
    doc = "The crane binary for the execution platform (the machine running `bazel run`): " +
          "`$(rlocationpath :crane)` in a binary's args, with the target in its data.",
    toolchains = [CRANE_TOOLCHAIN_TYPE],
)
