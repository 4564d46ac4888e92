"""The suite's closing line (tests/suite_time.py) calls a build cold only when
every snippet ran, and the benchmark finds the cold build's time in it."""

from course_build.maintenance.benchmark import SUITE_BUILD
from tests.suite_time import BuildTime, summary


def test_the_benchmark_reads_the_time_of_the_suites_cold_build():
    line = summary(400.0, BuildTime(100.0, snippets_run=84, snippets=84))
    assert "T / C = 4.00" in line
    assert float(SUITE_BUILD.search(line)[1]) == 100.0


def test_a_build_that_reused_cached_snippets_is_not_called_cold():
    line = summary(400.0, BuildTime(3.0, snippets_run=2, snippets=84))
    assert "ran 2 of 84 snippets" in line
    assert SUITE_BUILD.search(line) is None
