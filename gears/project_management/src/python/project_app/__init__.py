"""The project-management gear: groups and projects from a declarative project file."""
