"""The HTML page is written as the template yields it (``html_parts``; each section of
findings included from section.html.j2 instead of called as a macro, whose output is joined
whole): the page must be the one the macros rendered, byte for byte, and the file the one
``render_html`` returns, whatever the size of the writes."""

from __future__ import annotations

import copy

import pytest

from audit.report import write_reports
from audit.report.html import INLINE_LIMIT, _csp, _env, build_view, html_parts, render_html

try:  # tests/ is a package
    from tests.test_report_bundle import make_bundle
    from tests.test_report_render import ACCEPTED_ID, _many
except ImportError:  # tests/ on sys.path (rootdir-relative "prepend" import)
    from test_report_bundle import make_bundle
    from test_report_render import ACCEPTED_ID, _many

# the sections as macros, as report.html.j2 had them before the page was streamed
_MACROS = """{% macro groups(gs) %}
{% for g in gs %}
<div class="group" data-class="{{ g.cls }}"><h3>{{ g.cls }} <small>({{ g.total }})</small></h3>
{% for f in g.findings %}{{ f.html }}{% endfor %}
</div>
{% endfor %}
{% endmacro %}
{% macro section(s) %}
<section class="findings" id="findings-{{ s.key }}">
<h2>{{ s.title }} <small>({{ s.count }})</small></h2>
{{ groups(s.head) }}
{% if s.tail %}
<details class="more"><summary>{{ s.tail_count }} more {{ s.title|lower }} findings <span class="match"></span></summary>
{{ groups(s.tail) }}
</details>
{% endif %}
</section>
{% endmacro %}
"""


def _macro_page(bundle: dict) -> str:
    env = _env()
    assert env.loader is not None
    source = env.loader.get_source(env, "report.html.j2")[0]
    included = ('{% include "section.html.j2" %}\n\n',
                '{% with s = view.accepted %}{% include "section.html.j2" %}{% endwith %}\n\n')
    assert all(i in source for i in included)
    source = source.replace(included[0], "{{ section(s) }}\n").replace(
        included[1], "{{ section(view.accepted) }}\n")
    start = source.index("<!DOCTYPE html>")
    template = env.from_string(source[:start] + _MACROS + source[start:])
    return template.render(view=build_view(copy.deepcopy(bundle)), csp=_csp())


def _bundles() -> dict[str, dict]:
    accepted = _many(make_bundle(), INLINE_LIMIT + 3, "warning")
    for f in accepted["findings"][-INLINE_LIMIT - 2:]:
        f["accepted"], f["waiver_reason"] = True, "known"
    return {
        "small": make_bundle(),
        "tails": _many(_many(make_bundle(), INLINE_LIMIT + 5), 40, "info"),
        "accepted tail": accepted,
        "no findings": {"findings": [], "documents": []},
        "only accepted": {**make_bundle(), "findings": [
            f for f in make_bundle()["findings"] if f["id"] == ACCEPTED_ID]},
    }


@pytest.mark.parametrize("name", list(_bundles()))
def test_streamed_page_is_the_macro_page(name):
    bundle = _bundles()[name]
    streamed = "".join(html_parts(copy.deepcopy(bundle)))
    assert streamed == _macro_page(bundle)
    assert streamed == render_html(copy.deepcopy(bundle))


def test_findings_given_as_an_iterator_make_the_same_page():
    bundle = _bundles()["tails"]
    once = copy.deepcopy(bundle)
    once["findings"] = iter(once["findings"])  # as `audit report` hands over the 10,000 shown
    assert render_html(once) == render_html(copy.deepcopy(bundle))


def test_written_page_is_the_rendered_page_across_writes(tmp_path):
    bundle = _many(make_bundle(), 4 * INLINE_LIMIT)  # a page of several 1 MiB writes
    expected = render_html(copy.deepcopy(bundle))
    assert len(expected) > 2 << 20
    [path] = write_reports(copy.deepcopy(bundle), tmp_path, ["html"])
    assert path.read_text(encoding="utf-8") == expected
