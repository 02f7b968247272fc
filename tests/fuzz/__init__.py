"""Property-based fuzzing of the `treaty` CLI (issue 11: bounded work, no tracebacks, safe writes).

Hypothesis builds hostile inputs (`texts`, `jsondocs`, `docxparts`, `libraries`, `arguments`);
`harness` sends each case to `sandbox`, a worker that runs every step in a forked child with its
own memory, CPU and wall-clock limits in a throwaway folder, and `judge` says what went wrong.
A short budget runs with the tests; `make fuzz` runs a long one (TREATY_FUZZ_SECONDS).
"""
