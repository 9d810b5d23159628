"""The API's JSON is written by orjson (drf-orjson-renderer) for speed; it must say what DRF's own encoder says:
the same values for every list and record, and for refusals whose errors are keyed by row number."""

import json

import pytest
from rest_framework.renderers import JSONRenderer

from tests.test_lean_lists import LISTS, programme  # noqa: F401 (the records of every shape the lists show)


def _as_drf_writes(response) -> object:
    return json.loads(JSONRenderer().render(response.data))


@pytest.mark.parametrize("url", [url for _, url in LISTS])
def test_every_list_and_its_first_record_say_what_drfs_encoder_says(programme, api_for, url):  # noqa: F811
    api = api_for("PMO")
    listed = api.get(url, {"page_size": 500})
    assert listed.status_code == 200 and listed.json()["results"]
    assert listed.json() == _as_drf_writes(listed)

    first = listed.json()["results"][0]
    record = api.get(f"{url}{first.get('ref') or first.get('code')}/")
    assert record.status_code == 200
    assert record.json() == _as_drf_writes(record)


def test_a_refusal_keyed_by_row_number_is_written_with_text_keys(programme, api_for):  # noqa: F811
    """Mitigation steps are a list: their errors come keyed by the step's position, which orjson refuses by default."""
    refused = api_for("PMO").post(
        "/api/raid-items/",
        {"kind": "risk", "title": "A risk", "likelihood": 3, "impact": 4, "mitigation": [{"text": "a", "due_on": "x"}]},
        format="json",
    )
    assert refused.status_code == 400
    assert 0 in refused.data["mitigation"]
    assert refused.json() == _as_drf_writes(refused)
