"""Safe pushes: refuse to move a version tag that the registry already has with another digest."""
