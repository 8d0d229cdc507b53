"""Where gear images are pushed: set once for the whole repository."""

# Registry and organisation of every gear image; a gear's repository is
# GEAR_REGISTRY + "/" + its manifest name. Docker Hub's host is dropped in the
# manifest's `custom.gear-builder.image` (naccdata/project-management:0.1.0).
GEAR_REGISTRY = "index.docker.io/naccdata"
