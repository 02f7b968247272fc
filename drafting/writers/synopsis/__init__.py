"""Synopsis writers (`treaty compare`): one module per format, each with `synopsis(s, **options)`."""
