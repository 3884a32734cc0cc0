"""Check stage: integrity (pandera) and consistency (Great Expectations) suites -> findings."""
