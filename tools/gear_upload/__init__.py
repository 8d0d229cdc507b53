"""Upload a gear to a Flywheel site: its image to the site's registry, then register it."""
