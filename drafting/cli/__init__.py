"""The `treaty` command: a thin layer that parses options, calls the library and writes."""
