"""The one error type of a bad config."""


class ConfigError(ValueError):
    """A config value is missing, mistyped, out of range or refers to nothing."""
