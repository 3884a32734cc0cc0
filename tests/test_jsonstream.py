"""Streamed JSON must be byte-identical to dumping the whole document at once (floats aside:
the same values, in their shortest form)."""

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from audit.report.jsonstream import stream_token, write_json_streaming

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=12)


@given(doc=st.dictionaries(st.text(max_size=6), values, max_size=4),
       items=st.lists(values, max_size=5), key=st.text(min_size=1, max_size=6),
       nested=st.booleans(), sort_keys=st.booleans())
def test_streamed_json_equals_whole_dump(doc, items, key, nested, sort_keys):
    token = stream_token()
    streamed = dict(doc)
    whole = dict(doc)
    if nested:  # like SARIF: runs[0].results
        streamed[key] = [{"results": token, "tool": 1}]
        whole[key] = [{"results": items, "tool": 1}]
    else:  # like the findings JSON: a top-level list
        streamed[key] = token
        whole[key] = items
    buf = io.StringIO()
    write_json_streaming(streamed, token, iter(items), buf, sort_keys)
    assert buf.getvalue() == json.dumps(whole, indent=2, sort_keys=sort_keys,
                                        ensure_ascii=False) + "\n"
    assert json.loads(buf.getvalue()) == json.loads(json.dumps(whole))


floats = st.floats(allow_nan=False, allow_infinity=False)
values_with_floats = st.recursive(scalars | floats, lambda inner: st.lists(inner, max_size=3)
                                  | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                  max_leaves=12)


@given(items=st.lists(values_with_floats, max_size=5))
def test_streamed_floats_keep_their_values(items):
    token = stream_token()
    buf = io.StringIO()
    write_json_streaming({"findings": token}, token, iter(items), buf, True)
    assert json.loads(buf.getvalue()) == {"findings": items}
    assert buf.getvalue().count("\n") == json.dumps({"findings": items}, indent=2).count("\n") + 1
