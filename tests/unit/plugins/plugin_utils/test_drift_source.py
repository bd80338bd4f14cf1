# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain_drift source's loop, driven with an asyncio.Queue and a scripted service (the collection's
own client above it)."""

from __future__ import annotations

import ast
import asyncio
import logging
import os

import pytest
import requests
import yaml

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift import source as _drift_source
from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.source import (
    SOURCE_ARGUMENT_SPEC,
    Poller,
    SourceStopped,
    run_source,
    source_settings,
    watch,
)
from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import (
    PASSWORD,
    ScriptedSession,
    answer,
    domain,
)

ARGS = {"api_url": "https://pp.example", "user": "msp@p.example", "password": PASSWORD, "partner": "p.example"}


def listing(*destinations):
    return answer(200, [{"primary_domain": "a.example", "domains": [domain("a.example", d) for d in destinations]}])


def poller(script, **args):
    client, settings = source_settings(dict(ARGS, interval=10, **args))
    client.session = ScriptedSession(script)
    return Poller(client, settings)


def drive(poller_, polls):
    """Run the loop for ``polls`` polls on a fake clock; returns the events, each wait, and how it ended."""
    queue, waits, now = asyncio.Queue(), [], [0.0]

    async def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds
        if len(waits) == polls:
            raise asyncio.CancelledError

    async def run():
        try:
            await watch(queue, poller_, sleep=sleep, clock=lambda: now[0])
        except (asyncio.CancelledError, SourceStopped) as exc:
            return exc

    ended = asyncio.run(run())
    return [queue.get_nowait() for _event in range(queue.qsize())], waits, ended


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    for name in ("API_URL", "STACK", "USER", "PASSWORD", "PARTNER", "ORG"):
        monkeypatch.delenv("PROOFPOINT_ESSENTIALS_" + name, raising=False)


def test_settings_come_from_the_arguments_or_the_environment(monkeypatch):
    for name, value in {
        "API_URL": "https://pp.example/api/v1",
        "USER": "msp@p.example",
        "PASSWORD": PASSWORD,
        "PARTNER": "P.example",
        "ORG": "a.example",
    }.items():
        monkeypatch.setenv("PROOFPOINT_ESSENTIALS_" + name, value)
    client, settings = source_settings({"interval": "2", "include": ["*.example"]})
    assert client.base_url == "https://pp.example" and client.retries == 0
    assert settings["partner"] == "p.example" and settings["org"] is None and settings["interval"] == 2.0
    _client, one_org = source_settings(dict(ARGS, partner=None, org="A.example"))
    assert one_org["org"] == "a.example" and one_org["partner"] is None


def test_a_password_among_the_arguments_works_and_warns_once_naming_the_variable(caplog, monkeypatch):
    caplog.set_level(logging.WARNING)
    client, _settings = source_settings(ARGS)
    assert client.session.headers["X-password"] == PASSWORD  # the source goes on with it
    warnings = [record.getMessage() for record in caplog.records if "password is given" in record.getMessage()]
    assert len(warnings) == 1 and "PROOFPOINT_ESSENTIALS_PASSWORD" in warnings[0] and PASSWORD not in warnings[0]
    caplog.clear()
    monkeypatch.setenv("PROOFPOINT_ESSENTIALS_PASSWORD", PASSWORD)
    source_settings({key: value for key, value in ARGS.items() if key != "password"})
    assert "password is given" not in caplog.text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ({"partner": None}, "one of partner or org is required"),
        ({"org": "a.example"}, "partner and org are mutually exclusive"),
        ({"interval": 0.5}, "interval must be between 1 and 86400"),
        ({"intervall": 5}, "intervall"),
        ({"user": None}, "missing required arguments: user (or PROOFPOINT_ESSENTIALS_USER)"),
        ({"declared_dir": "/nonexistent/host_vars"}, "declared_dir: /nonexistent/host_vars is not a directory"),
        ({"partner": "{{ lookup('env', 'X') }}"}, "partner"),
    ],
)
def test_bad_arguments_fail_before_any_request(args, words):
    with pytest.raises(InputError) as raised:
        source_settings(dict(ARGS, **args))
    assert words in str(raised.value) and PASSWORD not in str(raised.value)


def test_events_follow_changes_and_passing_failures_wait_for_the_next_poll(caplog):
    script = [
        listing("mx1.a.example"),
        answer(500, {"message": "internal error"}),
        answer(429, {"message": "slow down"}, {"Retry-After": "25"}),
        requests.exceptions.ReadTimeout("read timed out"),
        answer(200),  # an empty answer where a list was expected
        listing("mx2.a.example"),
        listing("mx2.a.example"),
    ]
    caplog.set_level(logging.WARNING)
    events, waits, ended = drive(poller(script), polls=7)
    assert isinstance(ended, asyncio.CancelledError)  # none of the failures ended the source
    assert [event["proofpoint"]["changed"] for event in events] == [[{"name": "a.example", "fields": ["destination"]}]]
    assert waits == [10, 10, 25, 10, 10, 10, 10]  # Retry-After honoured when longer than the interval
    logged = caplog.text
    assert "HTTP 500" in logged and "HTTP 429" in logged and "timed out" in logged
    assert PASSWORD not in logged


def test_an_html_page_is_logged_and_polled_again(caplog):
    page = requests.Response()
    page.status_code, page._content, page.reason = 200, b"<html><body>Sign in</body></html>", "OK"
    caplog.set_level(logging.WARNING)
    events, _waits, ended = drive(poller([page, listing("mx1.a.example")]), polls=2)
    assert events == [] and isinstance(ended, asyncio.CancelledError)
    assert "an HTML page, not the API" in caplog.text


@pytest.mark.parametrize("status", [401, 403, 404])
def test_a_refusal_polling_cannot_cure_ends_the_source_with_one_message(status):
    script = [listing("mx1.a.example"), answer(status, {"message": "invalid credentials"})]
    _events, waits, ended = drive(poller(script), polls=5)
    assert isinstance(ended, SourceStopped) and len(waits) == 1
    assert str(ended).startswith("the source stops: GET /api/v1/orgs/p.example/orgs failed with HTTP %d" % status)
    assert PASSWORD not in str(ended)


def test_one_org_is_watched_through_its_domain_list():
    one = poller(
        [answer(200, {"domains": [domain("a.example")]}), answer(200, {"domains": []})], partner=None, org="a.example"
    )
    events, _waits, _ended = drive(one, polls=2)
    assert one.client.session.calls[0][1] == "/api/v1/orgs/a.example/domains"
    assert events[0]["proofpoint"]["removed"] == ["a.example"] and events[0]["meta"] == {"hosts": "a.example"}


def test_a_cancelled_source_closes_its_connections(monkeypatch):
    session = ScriptedSession([listing("mx1.a.example")])
    real_settings = source_settings

    def scripted(args):
        client, settings = real_settings(args)
        client.session = session
        return client, settings

    monkeypatch.setattr(_drift_source, "source_settings", scripted)

    async def run():
        task = asyncio.create_task(run_source(asyncio.Queue(), dict(ARGS, interval=60)))
        while not session.calls:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run())
    assert session.closed


def test_the_source_documents_exactly_its_argument_spec():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))))
    source = os.path.join(root, "extensions", "eda", "plugins", "event_source", "domain_drift.py")
    with open(source, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    assigned = {node.targets[0].id: node.value for node in tree.body if isinstance(node, ast.Assign)}
    documented = yaml.safe_load(ast.literal_eval(assigned["DOCUMENTATION"]))["options"]
    assert sorted(documented) == sorted(SOURCE_ARGUMENT_SPEC)
    for name, option in SOURCE_ARGUMENT_SPEC.items():
        doc = documented[name]
        assert (doc["type"], doc.get("elements"), doc.get("default")) == (
            option["type"],
            option.get("elements"),
            option.get("default"),
        ), name
    example = yaml.safe_load(ast.literal_eval(assigned["EXAMPLES"]))
    assert set(example[0]["sources"][0]["proofpoint.essentials.domain_drift"]) <= set(SOURCE_ARGUMENT_SPEC)
