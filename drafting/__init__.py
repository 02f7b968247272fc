"""treaty-drafting: assemble agreements from a clause library and redline their versions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("treaty-drafting")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
